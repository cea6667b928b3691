/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A client population of [PROXIM] fetching directly from the Internet (no proxy): the
 * baseline the proxy experiments compare against.
 *
 *   --population=modem: a modem pool (28.8 kbit/s, ~250 ms RTT) behind a terminal server
 *     with a T3 uplink, shared by many more dial-up users than modems (sessions take a free
 *     modem or are rejected); the "modem" workload preset.
 *   --population=lan: research-lab clients on 10 Mbit/s Ethernet behind a T1; the "research"
 *     workload preset.
 *
 * Origin servers: an OriginFarmHelper with the workload's per-server RTTs, quantized into
 * RTT classes. Routing: the helpers' aggregated static routes (--routing=static, default) or
 * ns-3's global routing (--routing=global); both give the same paths, static routes are
 * looked up faster. Writes under --outDir: per-request CSV, latency summary, workload
 * statistics, a latency-density plot (PNG, like [PROXIM]'s Fig. 5), with --flowmon FlowMonitor
 * XML and with --pcap PCAP of the uplink.
 */

#include "ns3/core-module.h"
#include "ns3/flow-monitor-module.h"
#include "ns3/internet-module.h"
#include "ns3/isp-scenario-helper.h"
#include "ns3/isp-scenario-options.h"
#include "ns3/network-module.h"
#include "ns3/option-checker.h"
#include "ns3/point-to-point-module.h"
#include "ns3/web-proxy-module.h"

#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>

#ifndef WEB_PROXY_UTILS_DIR
#define WEB_PROXY_UTILS_DIR "contrib/web-proxy/utils"
#endif

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("PopulationDirect");

int
main(int argc, char* argv[])
{
    IspScenarioHelper::Settings settings;
    bool pcap = false;
    bool progress = false;
    bool plot = true;
    bool flowmon = true;
    std::string routing = "static";
    std::string outDir = "results";

    // Same event order as the default MapScheduler (time, then insertion), about 4% faster
    // for the tens of thousands of pending events of an ISP; --SchedulerType overrides.
    GlobalValue::Bind("SchedulerType", StringValue("ns3::HeapScheduler"));
    CommandLine cmd(__FILE__);
    OptionChecker opt(cmd, "population-direct");
    IspScenarioOptions::Add(opt, settings);
    opt.AddFlag("pcap", "Write PCAP of the uplink", pcap);
    opt.AddFlag("progress", "Show simulation progress", progress);
    opt.AddFlag("flowmon", "Monitor flows (FlowMonitor XML); costs ~5% of the run time", flowmon);
    opt.AddChoice("routing",
                  "the helpers' aggregated routes (static) or ns-3's global routing",
                  routing,
                  {"static", "global"});
    opt.AddFlag("plot", "Plot the latency density (needs /usr/bin/python3 with matplotlib)", plot);
    opt.AddOutputDir("outDir", "Directory for results", outDir);
    opt.AddRunAliases();
    opt.Parse(argc, argv);
    IspScenarioOptions::Check(opt, settings);
    const std::string prefix = outDir + "/population-" + settings.population;
    IspScenarioHelper scenario;
    settings.staticRouting = routing == "static";
    try
    {
        scenario.Build(settings);
    }
    catch (const std::invalid_argument& e)
    {
        // The one setting Build() can refuse after the options' checks: a trace too short.
        opt.Fail("duration",
                 std::to_string(settings.duration.GetSeconds()) + "s",
                 e.what(),
                 "a duration with requests in it");
    }
    const bool modem = scenario.IsModem();
    ApplicationContainer apps = scenario.InstallClients();
    Ptr<RequestRecordWriter> writer = Create<RequestRecordWriter>(prefix + "-requests.csv");
    writer->Attach(apps);

    if (pcap)
    {
        PointToPointHelper().EnablePcap(
            prefix + "-uplink", scenario.GetUplinkDevices().Get(1), true);
    }
    FlowMonitorHelper flowHelper;
    Ptr<FlowMonitor> monitor = flowmon ? flowHelper.InstallAll() : nullptr;
    std::unique_ptr<ShowProgress> showProgress;
    if (progress)
    {
        showProgress = std::make_unique<ShowProgress>(Seconds(60));
    }
    // Let the last requests finish (or fail) after the trace ends; then the clients stop, and
    // a request still open ends as failed ("application stopped"), so every one is counted.
    const double duration = settings.duration.GetSeconds();
    apps.Stop(Seconds(duration + 120));
    Simulator::Stop(Seconds(duration + 120) + NanoSeconds(1));
    auto wallStart = std::chrono::steady_clock::now();
    const std::clock_t cpuStart = std::clock();
    Simulator::Run();
    const double cpu = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();

    if (monitor)
    {
        monitor->SerializeToXmlFile(prefix + "-flowmon.xml", true, true);
    }
    writer->Close();
    writer->WriteSummary(prefix + "-summary.txt");
    {
        std::ofstream os(prefix + "-workload.txt");
        scenario.GetStatistics().Print(os, modem ? "modem" : "research");
    }
    scenario.Describe(std::cout);
    std::cout << "\nLatency (direct access, no proxy)\n";
    writer->GetSummary().Print(std::cout);
    // On a shared machine the CPU-time ratio is the stable figure; wall time includes waiting.
    std::cout << "\nsimulated " << duration + 120 << " s in " << wall << " s wall: ratio "
              << (duration + 120) / wall << "; in " << cpu << " s CPU: ratio "
              << (duration + 120) / cpu << '\n';
    Simulator::Destroy();

    if (plot)
    {
        std::string cmdline = "/usr/bin/python3 " WEB_PROXY_UTILS_DIR "/plot-latency-density.py "
                            + prefix + "-latency.png " + prefix + "-requests.csv --title '"
                            + (modem ? "Modem pool" : "Research LAN") + ", no proxy'";
        if (std::system(cmdline.c_str()) == 0)
        {
            std::cout << "Wrote " << prefix << "-latency.png\n";
        }
        else
        {
            std::cout << "Plot skipped (" << cmdline << " failed)\n";
        }
    }
    std::cout << "Wrote " << prefix << "-requests.csv, -summary.txt, -workload.txt"
              << (monitor ? ", -flowmon.xml\n" : "\n");
    return 0;
}
