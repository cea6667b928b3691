/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A client population of seed 002 fetching directly from the Internet (no proxy): the
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
 * statistics, a latency-density plot (PNG, like seed 002's Fig. 5), with --flowmon FlowMonitor
 * XML and with --pcap PCAP of the uplink.
 */

#include "ns3/core-module.h"
#include "ns3/flow-monitor-module.h"
#include "ns3/internet-module.h"
#include "ns3/lan-clients-helper.h"
#include "ns3/modem-pool-helper.h"
#include "ns3/network-module.h"
#include "ns3/origin-farm-helper.h"
#include "ns3/point-to-point-module.h"
#include "ns3/synthetic-workload.h"
#include "ns3/trace-replay-helper.h"
#include "ns3/trace-statistics.h"
#include "ns3/web-proxy-module.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <set>

#ifndef WEB_PROXY_UTILS_DIR
#define WEB_PROXY_UTILS_DIR "contrib/web-proxy/utils"
#endif

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("PopulationDirect");

namespace
{
/// RTT classes: quantiles of the servers' RTTs (the farm's node link delays are half).
std::vector<Time>
RttClasses(std::vector<Time> rtts, uint32_t classes, Time beforeCore)
{
    std::sort(rtts.begin(), rtts.end());
    std::vector<Time> delays;
    for (uint32_t k = 0; k < classes; ++k)
    {
        Time rtt
            = rtts[std::min<size_t>(rtts.size() - 1, (2 * k + 1) * rtts.size() / (2 * classes))];
        // The core is beforeCore (one way) from the clients' access router already.
        delays.push_back(std::max(MilliSeconds(1), rtt / 2 - beforeCore));
    }
    return delays;
}
} // namespace

int
main(int argc, char* argv[])
{
    std::string population = "modem";
    uint32_t modems = 45;
    uint32_t users = 0;
    uint32_t lanClients = 30;
    double duration = 3600;
    uint32_t rttClasses = 6;
    uint32_t maxOutstanding = 4;
    bool pcap = false;
    bool progress = false;
    bool plot = true;
    bool flowmon = true;
    double timeWait = 60;
    std::string routing = "static";
    std::string outDir = "results";
    uint32_t seed = 1;
    uint32_t run = 1;

    CommandLine cmd(__FILE__);
    cmd.AddValue("population", "modem (dial-up pool) or lan (research LAN)", population);
    cmd.AddValue("modems", "Modems in the pool", modems);
    cmd.AddValue("users", "Users (default: 40 per modem, 10 per LAN client)", users);
    cmd.AddValue("lanClients", "LAN client nodes", lanClients);
    cmd.AddValue("duration", "Trace time to generate and simulate, s", duration);
    cmd.AddValue("rttClasses", "RTT classes of origin servers", rttClasses);
    cmd.AddValue("maxOutstanding", "Requests in flight per client", maxOutstanding);
    cmd.AddValue("pcap", "Write PCAP of the uplink", pcap);
    cmd.AddValue("progress", "Show simulation progress", progress);
    cmd.AddValue("flowmon", "Monitor flows (FlowMonitor XML); costs ~5% of the run time", flowmon);
    cmd.AddValue("timeWait", "TCP TIME_WAIT (2 MSL), s", timeWait);
    cmd.AddValue("routing", "static (the helpers' aggregated routes) or global", routing);
    cmd.AddValue("plot", "Plot the latency density (needs /usr/bin/python3 with matplotlib)", plot);
    cmd.AddValue("outDir", "Directory for results", outDir);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.Parse(argc, argv);
    const bool modem = population == "modem";
    if (!modem && population != "lan")
    {
        std::cerr << "--population must be modem or lan, not '" << population << "'\n";
        return 1;
    }
    if (routing != "static" && routing != "global")
    {
        std::cerr << "--routing must be static or global, not '" << routing << "'\n";
        return 1;
    }
    const bool staticRouting = routing == "static";
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    mkdir(outDir.c_str(), 0755);
    const std::string prefix = outDir + "/population-" + population;
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    // TIME_WAIT lasts 2 MSL: by default Linux's 60 s rather than ns-3's 240 s. Every closed
    // connection stays in its node's endpoint list until then, and ns-3 scans that list per
    // packet.
    Config::SetDefault("ns3::TcpSocketBase::MaxSegLifetime", DoubleValue(timeWait / 2));

    // The workload: seed 002's environment, users as many as the population has. The
    // preset's object universe scales with the trace length (ObjectsPerRequest), so count
    // the requests of the duration first (request times do not depend on the universe).
    const std::string preset = modem ? "modem" : "research";
    users = users ? users : (modem ? 40 * modems : 10 * lanClients);
    auto makeWorkload = [&](uint64_t requests, uint64_t objects)
    {
        Ptr<SyntheticWorkload> w = SyntheticWorkload::CreatePreset(preset);
        w->SetAttribute("Users", UintegerValue(users));
        w->SetAttribute("Requests", UintegerValue(requests));
        w->SetAttribute("Objects", UintegerValue(objects));
        w->AssignStreams(1000);
        return w;
    };
    uint64_t count = 0;
    {
        Ptr<SyntheticWorkload> probe = makeWorkload(0, 1000000);
        TraceRecord r;
        while (probe->Next(r) && r.time <= Seconds(duration))
        {
            ++count;
        }
    }
    if (count == 0)
    {
        std::cerr << "no requests in " << duration << " s of trace\n";
        return 1;
    }
    Ptr<SyntheticWorkload> workload = makeWorkload(count, 0);
    std::vector<TraceRecord> records;
    TraceStatistics stats;
    TraceRecord r;
    while (workload->Next(r))
    {
        records.push_back(r);
        stats.Add(r);
    }

    // The population and its access network.
    ModemPoolHelper pool;
    LanClientsHelper lan;
    Ptr<Node> core;
    NodeContainer clients;
    NetDeviceContainer uplink;
    Time beforeCore;
    pool.SetStaticRouting(staticRouting);
    lan.SetStaticRouting(staticRouting);
    if (modem)
    {
        pool.Install(modems);
        core = pool.GetCore();
        clients = pool.GetModems();
        uplink = pool.GetUplinkDevices();
        beforeCore = MilliSeconds(115 + 1); // plus 0.1 ms of terminal-server ring
    }
    else
    {
        lan.Install(lanClients);
        core = lan.GetCore();
        clients = lan.GetClients();
        uplink = lan.GetUplinkDevices();
        beforeCore = MicroSeconds(1250 + 1000);
    }

    // The Internet: every server the trace uses, at (about) its RTT from the clients.
    std::set<std::string> hosts;
    std::vector<Time> rtts;
    for (const auto& rec : records)
    {
        if (hosts.insert(rec.server).second)
        {
            rtts.push_back(workload->GetServerRtt(rec.server));
        }
    }
    OriginFarmHelper farm(core, RttClasses(rtts, rttClasses, beforeCore));
    farm.SetStaticRouting(staticRouting);
    for (const auto& host : hosts)
    {
        farm.AddServer(host, workload->GetServerRtt(host) - 2 * beforeCore);
    }
    farm.AddObjects(records);
    if (!staticRouting)
    {
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    }

    TraceReplayHelper replay([&farm](const std::string& host) { return farm.Resolve(host); });
    replay.SetClientAttribute("MaxOutstanding", UintegerValue(maxOutstanding));
    replay.SetTimeOffset(Seconds(1));
    ApplicationContainer apps;
    ModemPoolHelper::Assignment sessions;
    if (modem)
    {
        sessions = ModemPoolHelper::AssignSessions(records, modems);
        apps = replay.Install(clients, sessions.perModem);
    }
    else
    {
        apps = replay.InstallPerClient(clients, records);
    }
    Ptr<RequestRecordWriter> writer = Create<RequestRecordWriter>(prefix + "-requests.csv");
    writer->Attach(apps);

    if (pcap)
    {
        PointToPointHelper().EnablePcap(prefix + "-uplink", uplink.Get(1), true);
    }
    FlowMonitorHelper flowHelper;
    Ptr<FlowMonitor> monitor = flowmon ? flowHelper.InstallAll() : nullptr;
    std::unique_ptr<ShowProgress> showProgress;
    if (progress)
    {
        showProgress = std::make_unique<ShowProgress>(Seconds(60));
    }
    // Let the last requests finish (or fail) after the trace ends.
    Simulator::Stop(Seconds(duration + 120));
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
        stats.Print(os, modem ? "modem" : "research");
    }
    std::cout << "Population: " << (modem ? "modem pool" : "research LAN") << ", " << clients.GetN()
              << (modem ? " modems, " : " clients, ") << users << " users, "
              << farm.GetServerCount() << " origin servers on " << farm.GetNodes().GetN()
              << " nodes\n";
    std::cout << "Trace: " << records.size() << " requests in " << duration << " s";
    if (modem)
    {
        std::cout << "; sessions " << sessions.sessions << ", rejected sessions "
                  << sessions.rejectedSessions << " (" << sessions.rejectedRequests
                  << " requests), most modems busy " << sessions.maxBusy;
    }
    std::cout << "\n\nLatency (direct access, no proxy)\n";
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
