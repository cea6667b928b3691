/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Proxy and depot failures under load ([Depot]'s standby depots):
 *
 *   clients --- LAN A (100 Mbit/s) --- depot 0, depot 1 --- LAN B (100 Mbit/s) --- 3 proxies
 *               VIP 10.1.1.100 (virtual MAC)              gateway 10.1.2.100 (virtual MAC)
 *
 * Each client fetches objects (2 KB, 20 KB, 200 KB in turn, one connection each, think
 * time 50 ms); the proxies (OriginServers) send each response at 2 Mbit/s, so a 200 KB
 * response takes 0.8 s and many connections are established at any time. Cases:
 *   proxy      one depot; proxy 1 fails at --failAt and comes back at --recoverAt
 *   none       one depot, no standby: it fails at --failAt and comes back at --recoverAt
 *   warm-<s>   depot pair, warm standby with sync interval s (--syncIntervals)
 *   hot        depot pair, hot standby (the backup mirrors the master's input)
 *   maglev     depot pair, Maglev on both, no state, NoSessionAction sloppy
 * In the pair cases depot 0 fails at --failAt and comes back as the backup at --recoverAt;
 * with --proxyFailAt proxy 1 also crashes then (and revives at --proxyRecoverAt). Faults go
 * through FaultInjectionHelper (a crash: devices off the link, applications stopped, sockets
 * gone; a revival: a reboot). Prints per case: requests completed and failed, connections
 * the failover broke (counted by the depot that took over) and, for a warm standby, the
 * expected number (the failed master's sessions opened since the last sync and not yet in
 * TIME_WAIT), the takeover time, the client-visible outage (the longest time without a
 * completed request and without a forwarded packet), and when a proxy failed the depots'
 * detection and revival times.
 *
 * Each case runs in a process of its own (fork): its figures do not depend on which other
 * cases ran before it (random stream numbers, Config defaults and static state start afresh).
 * --runs=N runs each case N times (RngRun, RngRun+1, ...; --jobs=J at once) and prints each
 * figure's mean +- 95% confidence interval over the runs that have it (a takeover, a proxy
 * failure); --outDir gets depot-failover-vs-paper.csv ([Depot] gives no figures for its
 * standby depots: every verdict is "none") and depot-failover-runs.csv. --flowReport=true
 * also writes each run's FlowMonitor XML and, next to it, the depot flow report (one CSV row
 * per depot session with its client-side and proxy-side halves joined, and a summary; see
 * DepotFlowReportHelper): depot-failover-<case>-run<RngRun>-flowmon{.xml,-depot.csv,-depot.txt}.
 */

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/depot-flow-report-helper.h"
#include "ns3/flow-monitor-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/option-checker.h"
#include "ns3/paper-comparison.h"
#include "ns3/replicated-runs.h"
#include "ns3/web-proxy-module.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

struct Options
{
    uint32_t clients = 20;
    double duration = 20;
    double failAt = 5;
    double recoverAt = 12;
    double heartbeat = 0.1;
    double deadTime = 0.3;
    double proxyFailAt = 0;
    double proxyRecoverAt = 0;
    bool pcap = false;
    bool flowReport = false; //!< FlowMonitor XML and the depot flow report per run
    std::string outDir;      //!< where they go
};

struct Outcome
{
    uint32_t completed = 0;
    uint32_t failed = 0;
    uint64_t broken = 0;
    uint32_t unsynced = 0;
    int64_t expected = -1; //!< warm: unsynced live sessions at the failure
    double takeover = -1;  //!< seconds after the failure, -1: none
    double detect = -1;    //!< proxy down seconds after its crash, -1: none
    double revive = -1;    //!< proxy up seconds after its revival, -1: none
    double requestGap = 0;
    double forwardGap = 0;
    uint64_t heartbeats = 0;
    uint64_t syncMessages = 0;
    uint64_t records = 0;
};

/// The longest gap between consecutive times in [from, to] (both ends count).
double
LongestGap(std::vector<double> times, double from, double to)
{
    times.push_back(from);
    times.push_back(to);
    std::sort(times.begin(), times.end());
    double gap = 0;
    double last = from;
    for (double t : times)
    {
        if (t < from || t > to)
        {
            continue;
        }
        gap = std::max(gap, t - last);
        last = t;
    }
    return gap;
}

Outcome
Run(const std::string& name, const Options& o)
{
    const bool pair = name != "proxy" && name != "none";
    const Ipv4Address vip("10.1.1.100");
    const Ipv4Address gateway("10.1.2.100");
    NodeContainer clients;
    clients.Create(o.clients);
    NodeContainer proxies;
    proxies.Create(3);
    NodeContainer depotNodes;
    depotNodes.Create(2);
    InternetStackHelper internet;
    internet.Install(NodeContainer(depotNodes, clients, proxies));
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
    NetDeviceContainer a = csma.Install(NodeContainer(depotNodes, clients));
    NetDeviceContainer b = csma.Install(NodeContainer(depotNodes, proxies));
    Ipv4AddressHelper ah("10.1.1.0", "255.255.255.0");
    ah.Assign(a);
    Ipv4AddressHelper bh("10.1.2.0", "255.255.255.0");
    Ipv4InterfaceContainer bi = bh.Assign(b);
    std::array<std::vector<Ptr<NetDevice>>, 2> virtualDevices;
    const auto v
        = DepotStandbyHelper::AddVirtualInterfaces(depotNodes,
                                                   DynamicCast<CsmaChannel>(a.Get(0)->GetChannel()),
                                                   vip,
                                                   DynamicCast<CsmaChannel>(b.Get(0)->GetChannel()),
                                                   gateway);
    std::copy(v.begin(), v.end(), virtualDevices.begin());
    for (uint32_t i = 0; i < proxies.GetN(); ++i)
    {
        Ipv4StaticRoutingHelper()
            .GetStaticRouting(proxies.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(gateway, 1);
    }

    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    const std::vector<uint64_t> sizes = {2000, 20000, 200000};
    for (size_t k = 0; k < sizes.size(); ++k)
    {
        catalog->Add("/o" + std::to_string(k), sizes[k]);
    }
    OriginServerHelper proxyHelper(8080);
    proxyHelper.SetCatalog(catalog);
    proxyHelper.SetAttribute("SendRate", DataRateValue(DataRate("2Mbps")));
    proxyHelper.Install(proxies);

    DepotHelper dh(vip, 80);
    dh.SetAttribute("NoSessionAction", StringValue(name == "maglev" ? "sloppy" : "reset"));
    dh.SetAttribute("ResetClientsOnFailure", BooleanValue(true));
    if (name == "maglev")
    {
        dh.SetScheduler("ns3::MaglevScheduler");
    }
    for (uint32_t i = 0; i < proxies.GetN(); ++i)
    {
        dh.AddProxy(bi.GetAddress(i + 2), 8080);
    }
    DepotStandbyHelper sh;
    sh.SetAttribute("HeartbeatInterval", TimeValue(Seconds(o.heartbeat)));
    sh.SetAttribute("DeadTime", TimeValue(Seconds(o.deadTime)));
    if (name == "hot")
    {
        sh.SetAttribute("Mode", StringValue("hot"));
    }
    else if (name.rfind("warm-", 0) == 0)
    {
        sh.SetAttribute("Mode", StringValue("warm"));
        sh.SetAttribute("SyncInterval", TimeValue(Seconds(std::stod(name.substr(5)))));
    }
    std::array<Ptr<Depot>, 2> depots;
    std::array<Ptr<DepotStandby>, 2> standby;
    Outcome out;
    std::vector<double> forwarded;
    for (uint32_t d = 0; d < (pair ? 2u : 1u); ++d)
    {
        depots[d] = DynamicCast<Depot>(dh.Install(depotNodes.Get(d)).Get(0));
        depots[d]->TraceConnectWithoutContext(
            "PacketForwarded",
            MakeBoundCallback(
                +[](std::vector<double>* v, Ptr<const Packet>, uint32_t, bool)
                { v->push_back(Simulator::Now().GetSeconds()); },
                &forwarded));
        sh.SetAttribute("Master", BooleanValue(d == 0));
        const Ipv4Address peer = pair ? bi.GetAddress(1 - d) : Ipv4Address();
        standby[d] = DynamicCast<DepotStandby>(
            sh.Install(depotNodes.Get(d), depots[d], peer, virtualDevices[d]).Get(0));
        standby[d]->TraceConnectWithoutContext("Failover",
                                               MakeBoundCallback(
                                                   +[](Outcome* out, double failAt, Time) {
                                                       out->takeover
                                                           = Simulator::Now().GetSeconds() - failAt;
                                                   },
                                                   &out,
                                                   o.failAt));
    }
    FaultInjectionHelper faults;
    const bool proxyOnly = name == "proxy";
    const double proxyFail = proxyOnly ? o.failAt : o.proxyFailAt;
    const double proxyRecover = proxyOnly ? o.recoverAt : o.proxyRecoverAt;
    if (proxyFail > 0)
    {
        faults.Crash(proxies.Get(1), Seconds(proxyFail));
        if (proxyRecover > 0)
        {
            faults.Revive(proxies.Get(1), Seconds(proxyRecover));
        }
    }
    if (!proxyOnly)
    {
        faults.Crash(depotNodes.Get(0), Seconds(o.failAt));
        faults.Revive(depotNodes.Get(0), Seconds(o.recoverAt));
    }
    // Detection and revival of proxy 1 by whichever depot saw it first.
    struct ProxyWatch
    {
        Outcome* out;
        double failAt;
        double recoverAt;
    };

    ProxyWatch watch{&out, proxyFail, proxyRecover};
    for (uint32_t d = 0; d < (pair ? 2u : 1u) && proxyFail > 0; ++d)
    {
        depots[d]->TraceConnectWithoutContext(
            "ProxyState",
            MakeBoundCallback(
                +[](ProxyWatch* w, uint32_t i, bool up)
                {
                    const double now = Simulator::Now().GetSeconds();
                    if (i == 1 && !up && now >= w->failAt && w->out->detect < 0)
                    {
                        w->out->detect = now - w->failAt;
                    }
                    if (i == 1 && up && w->recoverAt > 0 && now >= w->recoverAt
                        && w->out->revive < 0)
                    {
                        w->out->revive = now - w->recoverAt;
                    }
                },
                &watch));
    }

    std::vector<double> completions;
    for (uint32_t c = 0; c < clients.GetN(); ++c)
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (uint32_t k = 0; k < 1000; ++k)
        {
            WebRequest r;
            r.host = "www.example.com";
            r.path = "/o" + std::to_string((k + c) % sizes.size());
            r.server = InetSocketAddress(vip, 80);
            r.thinkTime = MilliSeconds(50);
            src->Add(r);
        }
        WebClientHelper wh;
        wh.SetAttribute("PersistentConnections", BooleanValue(false));
        ApplicationContainer app = wh.Install(clients.Get(c), src);
        app.Start(MilliSeconds(37 * c));
        app.Get(0)->TraceConnectWithoutContext(
            "RequestComplete",
            MakeBoundCallback(
                +[](Outcome* out, std::vector<double>* v, const RequestRecord& r)
                {
                    if (r.failed)
                    {
                        ++out->failed;
                        return;
                    }
                    ++out->completed;
                    v->push_back(Simulator::Now().GetSeconds());
                },
                &out,
                &completions));
    }
    if (o.pcap)
    {
        // Both depots' devices on LAN B (heartbeats and syncs go there), promiscuous.
        csma.EnablePcap(
            "depot-failover-" + name + "-b", NetDeviceContainer(b.Get(0), b.Get(1)), true);
    }
    int64_t stream = 1;
    stream += csma.AssignStreams(a, stream);
    stream += csma.AssignStreams(b, stream);
    for (const auto& devices : virtualDevices)
    {
        for (const auto& d : devices)
        {
            stream += csma.AssignStreams(NetDeviceContainer(d), stream);
        }
    }
    internet.AssignStreams(NodeContainer(depotNodes, clients, proxies), stream);
    FlowMonitorHelper flowmon;
    Ptr<FlowMonitor> monitor;
    DepotFlowReportHelper depotFlows;
    if (o.flowReport)
    {
        monitor = flowmon.InstallAll();
        depotFlows.InstallAll().Attach(depots[0]);
        if (pair)
        {
            depotFlows.Attach(depots[1]);
        }
    }

    Simulator::Stop(Seconds(o.duration));
    Simulator::Run();
    if (o.flowReport)
    {
        const std::string xml = o.outDir + "/depot-failover-" + name + "-run"
                              + std::to_string(RngSeedManager::GetRun()) + "-flowmon.xml";
        monitor->SerializeToXmlFile(xml, false, false);
        depotFlows.Report(monitor, flowmon.GetClassifier()).WriteNextTo(xml);
    }
    const double from = o.failAt - 1;
    out.requestGap = LongestGap(completions, from, o.duration);
    out.forwardGap = LongestGap(forwarded, from, o.duration);
    for (uint32_t d = 0; d < (pair ? 2u : 1u); ++d)
    {
        const DepotStandby::Counters c = standby[d]->GetCounters();
        out.broken += c.broken;
        out.heartbeats += c.heartbeatsReceived;
        out.syncMessages += c.syncReceived;
        out.records += c.recordsImported;
    }
    if (!proxyOnly)
    {
        const DepotStandby::Counters c = standby[0]->GetCounters();
        out.unsynced = c.unsyncedAtFailure;
        out.expected = name.rfind("warm-", 0) == 0 ? int64_t(c.unsyncedLiveAtFailure) : -1;
    }
    Simulator::Destroy();
    return out;
}

/// The columns of a case's row: figure name, header, decimals (-1: a count printed as is).
struct Column
{
    const char* name;   //!< figure name
    const char* header; //!< column header
    int width;          //!< column width
    int precision;      //!< decimals
};

const std::vector<Column>&
Columns()
{
    static const std::vector<Column> columns{{"completed", "completed", 10, 0},
                                             {"failed", "failed", 8, 0},
                                             {"broken", "broken", 8, 0},
                                             {"expected", "expected", 10, 0},
                                             {"unsynced", "unsynced", 10, 0},
                                             {"takeover", "takeover(s)", 12, 3},
                                             {"requestGap", "no-reply(s)", 13, 3},
                                             {"forwardGap", "no-fwd(s)", 12, 3},
                                             {"detect", "detect(s)", 11, 3},
                                             {"revive", "revive(s)", 11, 3},
                                             {"heartbeats", "heartbeats", 12, 0},
                                             {"syncMessages", "syncs", 8, 0},
                                             {"records", "records", 9, 0}};
    return columns;
}

/// A case's outcome as figures (-1: none), to cross the pipe from the process that ran it.
ReplicatedRuns::Values
ToValues(const Outcome& r)
{
    return {{"completed", r.completed},
            {"failed", r.failed},
            {"broken", r.broken},
            {"expected", r.expected},
            {"unsynced", r.unsynced},
            {"takeover", r.takeover},
            {"requestGap", r.requestGap},
            {"forwardGap", r.forwardGap},
            {"detect", r.detect},
            {"revive", r.revive},
            {"heartbeats", r.heartbeats},
            {"syncMessages", r.syncMessages},
            {"records", r.records}};
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    std::string cases = "all";
    std::string syncIntervals = "0.1,1,5";
    CommandLine cmd(__FILE__);
    OptionChecker opt(cmd, "depot-failover");
    opt.AddText(
        "case", "proxy, none, warm-<s>, hot, maglev, all, or a comma-separated list", cases);
    opt.AddText("syncIntervals",
                "warm standby sync intervals (s) for --case=all, comma-separated",
                syncIntervals);
    opt.AddInteger("clients", "clients", o.clients, 1, 1000);
    opt.AddReal("duration", "simulated time (s), above 0", o.duration, 0, 3600);
    opt.AddReal("failAt", "failure time (s), above 1 and below recoverAt", o.failAt, 1, 3600);
    opt.AddReal("recoverAt", "recovery time (s), up to duration", o.recoverAt, 1, 3600);
    opt.AddReal("heartbeat", "heartbeat interval (s), above 0", o.heartbeat, 0, 10);
    opt.AddReal(
        "deadTime", "dead time = failure detection time (s), above heartbeat", o.deadTime, 0, 60);
    opt.AddReal("proxyFailAt",
                "pair and none cases: proxy 1 crashes then too (s; 0: no proxy failure)",
                o.proxyFailAt,
                0,
                3600);
    opt.AddReal("proxyRecoverAt", "proxy 1 revives then (s; 0: never)", o.proxyRecoverAt, 0, 3600);
    opt.AddFlag("pcap", "write PCAP files of the depots' LAN B devices", o.pcap);
    opt.AddFlag("flowReport",
                "write FlowMonitor's XML and the depot flow report (CSV, summary) of each run "
                "to --outDir",
                o.flowReport);
    uint32_t runs = 1;
    uint32_t jobs = 1;
    ReplicatedRuns::AddOptions(opt, runs, jobs);
    std::string outDir = "results";
    opt.AddOutputDir(
        "outDir", "directory for depot-failover-vs-paper.csv and depot-failover-runs.csv", outDir);
    opt.AddRunAliases();
    // Attributes each case sets on its objects: their --ns3:: options would only set
    // defaults that the case overwrites.
    opt.AddSetByOption("ns3::DepotStandby::HeartbeatInterval", "heartbeat");
    opt.AddSetByOption("ns3::DepotStandby::DeadTime", "deadTime");
    opt.AddSetByProgram({"ns3::DepotStandby::Mode",
                         "ns3::DepotStandby::SyncInterval",
                         "ns3::DepotStandby::Master",
                         "ns3::Depot::NoSessionAction",
                         "ns3::Depot::ResetClientsOnFailure"},
                        "set by each case (--case: the standby's mode and sync interval)",
                        "--case");
    opt.AddSetByProgram({"ns3::OriginServer::SendRate", "ns3::WebClient::PersistentConnections"},
                        "set by the example (origins at 2 Mbit/s per connection, one "
                        "connection per request)",
                        "the example's options");
    opt.Parse(argc, argv);
    // 1448 + 12 bytes of timestamp option + 40 = the 1500-byte Ethernet MTU.
    opt.SetAttributeDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    opt.Require(o.duration > 0, "duration", "not above 0", "a time above 0, up to 3600");
    opt.Require(o.failAt > 1 && o.failAt < o.recoverAt,
                "failAt",
                "not between 1 and --recoverAt",
                "above 1 and below --recoverAt (" + opt.GetText("recoverAt") + ")");
    opt.Require(o.recoverAt <= o.duration,
                "recoverAt",
                "after --duration",
                "up to --duration (" + std::to_string(o.duration) + ")");
    opt.Require(o.heartbeat > 0, "heartbeat", "not above 0", "above 0, up to 10");
    opt.Require(o.deadTime > o.heartbeat,
                "deadTime",
                "not above --heartbeat",
                "above --heartbeat (" + std::to_string(o.heartbeat) + "), up to 60");
    opt.Require(o.proxyFailAt <= o.duration,
                "proxyFailAt",
                "after --duration",
                "0, or up to --duration (" + std::to_string(o.duration) + ")");
    opt.Require(o.proxyRecoverAt == 0 || o.proxyFailAt > 0,
                "proxyRecoverAt",
                "needs --proxyFailAt above 0",
                "0, or with --proxyFailAt");
    opt.Require(o.proxyRecoverAt == 0
                    || (o.proxyRecoverAt > o.proxyFailAt && o.proxyRecoverAt <= o.duration),
                "proxyRecoverAt",
                "not between --proxyFailAt and --duration",
                "0, or above --proxyFailAt and up to --duration");
    o.outDir = outDir;
    // A sync interval: a number in (0, duration].
    auto interval = [&o](const std::string& text)
    {
        std::size_t used = 0;
        double v = -1;
        try
        {
            v = std::stod(text, &used);
        }
        catch (const std::exception&)
        {
            used = 0;
        }
        return used > 0 && used == text.size() && v > 0 && v <= o.duration;
    };
    const std::string intervalRange = "numbers in (0, --duration], comma-separated, e.g. 0.1,1,5";
    std::vector<std::string> names;
    std::istringstream list(cases);
    for (std::string c; std::getline(list, c, ',');)
    {
        if (c != "all")
        {
            names.push_back(c);
            continue;
        }
        names.insert(names.end(), {"proxy", "none"});
        std::istringstream is(syncIntervals);
        for (std::string i; std::getline(is, i, ',');)
        {
            opt.Require(interval(i), "syncIntervals", "not a sync interval: " + i, intervalRange);
            names.push_back("warm-" + i);
        }
        names.insert(names.end(), {"hot", "maglev"});
    }
    const std::string caseRange
        = "proxy, none, warm-<seconds in (0, --duration]>, hot, maglev, all, comma-separated";
    for (const auto& n : names)
    {
        opt.Require(n == "proxy" || n == "none" || n == "hot" || n == "maglev"
                        || (n.rfind("warm-", 0) == 0 && interval(n.substr(5))),
                    "case",
                    "unknown case '" + n + "'",
                    caseRange);
    }
    opt.Require(!names.empty(), "case", "no case", caseRange);
    std::cout << o.clients << " clients, failure at " << o.failAt << " s, recovery at "
              << o.recoverAt << " s, heartbeat " << o.heartbeat << " s, dead time " << o.deadTime
              << " s, " << o.duration << " s simulated";
    if (o.proxyFailAt > 0)
    {
        std::cout << ", proxy 1 crashes at " << o.proxyFailAt << " s";
        if (o.proxyRecoverAt > 0)
        {
            std::cout << " and revives at " << o.proxyRecoverAt << " s";
        }
    }
    std::cout << "\n\n" << std::left << std::setw(10) << "case" << std::right;
    for (const Column& c : Columns())
    {
        std::cout << std::setw(runs > 1 ? c.width + 8 : c.width) << c.header;
    }
    std::cout << '\n';
    // Each case and run in a process of its own: its figures do not depend on the other cases.
    ReplicatedRuns replicated(runs, jobs);
    for (const auto& n : names)
    {
        replicated.Add(n, [n, o]() { return ToValues(Run(n, o)); });
    }
    PaperComparison figures;
    try
    {
        replicated.Run(
            [&figures, runs](const std::string& name, const std::vector<ReplicatedRuns::Values>& rs)
            {
                std::cout << std::left << std::setw(10) << name << std::right;
                for (const Column& c : Columns())
                {
                    // -1: the run has no such figure (no takeover, no proxy failure).
                    std::vector<double> values;
                    for (const auto& r : rs)
                    {
                        if (r.at(c.name) >= 0)
                        {
                            values.push_back(r.at(c.name));
                        }
                    }
                    // A figure some runs lack has no place in the runs' CSV (run i, value).
                    if (values.size() == rs.size())
                    {
                        figures.Add("failover", name, c.name, NAN, PaperComparison::POINTS, values);
                    }
                    std::string text = values.empty() ? "-"
                                     : c.precision == 0 && runs == 1
                                         ? std::to_string(uint64_t(values[0]))
                                         : PaperComparison::Format(values, c.precision);
                    std::cout << std::setw(runs > 1 ? c.width + 8 : c.width) << text;
                }
                std::cout << '\n';
            });
    }
    catch (const std::runtime_error& e)
    {
        std::cerr << "depot-failover: " << e.what() << "\n";
        return 3;
    }
    // [Depot] gives no figures for its standby depots: the CSV holds the runs' figures with
    // the verdict "none", for the tables of the manual.
    try
    {
        figures.WriteCsv(outDir + "/depot-failover-vs-paper.csv");
        figures.WriteRunsCsv(outDir + "/depot-failover-runs.csv", replicated.GetBaseRun());
    }
    catch (const std::runtime_error& e)
    {
        std::cerr << "depot-failover: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
