/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * [Depot]'s testbed at Nortel (section 5): a depot and two proxies of different speed
 * (an HP 755 and an HP 712) on 10 Mbit/s shared Ethernet, a client running a WebStone-like
 * benchmark, an origin server behind the proxies.
 *
 *   client --LAN A (CSMA 10 Mbit/s)-- depot --LAN B (CSMA 10 Mbit/s)-- proxy 1 (HP 755)
 *                                                                   |- proxy 2 (HP 712)
 *                                                                   |- gateway --p2p-- origin
 *
 * NAT mode needs the proxies' replies to pass the depot, so the client sits on its own
 * segment; without the depot (a proxy alone) the depot node is a plain router.
 *
 * Each run: N concurrent connections, 1000 requests in all, one file (100 B, 1 KB, 10 KB)
 * that each proxy fetched once before (the paper's "first GET"),
 * either with "Pragma: no-cache" (the proxy revalidates at the origin: a conditional GET, the
 * paper's "naive coherence") or plain GETs (all hits after the first). Configurations: proxy 1
 * alone, proxy 2 alone, both behind the depot with each --schedulers entry.
 *
 * The proxies' CPU is a ProcessingQueue (one worker) whose miss (revalidation) and hit times
 * are calibrated from the paper's stand-alone 100-byte rows only (Table 1 and Table 3 (a),
 * (b)); every other figure, the depot's rows in particular, is an outcome. Both proxies accept
 * at most --maxConnections client connections (processes plus listen backlog; beyond it SYNs
 * go unanswered and the client's TCP retransmits). A connection attempt not established
 * within --connectTimeout (75 s, the BSD and HP-UX connect() timeout) fails with ETIMEDOUT
 * and is tried again, up to --connectAttempts; a run in which a request failed or a
 * connection attempt timed out did not complete (WebStoneHelper's verdict).
 *
 * Prints connections/s, gross throughput (KB/s) and average connection time beside the
 * paper's Tables 1-3. Each cell (one system at one concurrency and size) is a simulation of its
 * own whose figures depend on its parameters, --RngSeed and --RngRun only (--seed and --run are
 * aliases), not on the cells run before it in the same process.
 *
 * --runs=N (default 10) runs each cell N times, with RngRun, RngRun+1, ..., each in a process
 * of its own (--jobs=J at once); the figures are then the runs' mean +- 95% confidence
 * interval. --outDir gets depot-testbed-vs-paper.csv (each paper figure with its verdict, see
 * PaperComparison) and depot-testbed-runs.csv (every run's figures).
 */

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/option-checker.h"
#include "ns3/paper-comparison.h"
#include "ns3/point-to-point-module.h"
#include "ns3/replicated-runs.h"
#include "ns3/web-proxy-module.h"

#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <tuple>

using namespace ns3;

namespace
{

/// Paper figures: connections/s, throughput KB/s, average connection time ms.
struct Figures
{
    double cps;
    double kbps;
    double ms;
};

enum System
{
    HP755,
    HP712,
    DEPOT
};

/// (no-cache?, concurrency, file size, system) -> the paper's row.
using PaperKey = std::tuple<bool, uint32_t, uint64_t, System>;

std::map<PaperKey, Figures>
PaperTables()
{
    std::map<PaperKey, Figures> t;
    const uint64_t sizes[] = {100, 1024, 10240};
    // Table 1: 25 concurrent, Pragma: no-cache.
    const Figures t1[3][3] = {{{8.08, 2.21, 2}, {7.97, 9.32, 2}, {6.12, 62.64, 8}},
                              {{3.37, 1.32, 2}, {3.37, 4.44, 2}, {3.32, 34.93, 2}},
                              {{6.73, 2.20, 4}, {7.84, 9.68, 8}, {6.02, 61.67, 10}}};
    for (int s = 0; s < 3; ++s)
    {
        for (int k = 0; k < 3; ++k)
        {
            t[{true, 25, sizes[k], System(s)}] = t1[s][k];
        }
    }
    // Table 2: 50 concurrent, no-cache, only the depot system completed.
    const Figures t2[3] = {{9.72, 3.21, 117}, {8.11, 10.00, 197}, {8.59, 88.73, 91}};
    for (int k = 0; k < 3; ++k)
    {
        t[{true, 50, sizes[k], DEPOT}] = t2[k];
    }
    // Table 3: plain GET (~100% hits); (a) HP 755, (b) HP 712, (c) depot.
    const uint32_t conc[] = {10, 25, 50, 75, 100, 125};
    const Figures t3[3][6][3]
        = {{{{26.66, 7.52, 5}, {26.68, 32.21, 7}, {24.22, 252.43, 11}},
            {{24.88, 7.02, 276}, {25.70, 31.02, 317}, {22.40, 233.53, 365}},
            {{25.40, 7.16, 433}, {22.43, 27.07, 414}, {22.61, 235.94, 463}},
            {{24.50, 6.91, 508}, {22.58, 27.25, 277}, {22.20, 231.37, 312}},
            {{24.21, 6.83, 522}, {27.02, 32.62, 192}, {22.64, 236.01, 439}},
            {{22.58, 6.37, 581}, {24.35, 29.39, 464}, {22.40, 233.76, 577}}},
           {{{92.89, 45.33, 3}, {57.31, 81.00, 3}, {46.33, 492.52, 15}},
            {{70.87, 34.59, 4}, {93.90, 132.75, 3}, {56.52, 602.09, 22}},
            {{89.27, 43.56, 62}, {86.04, 121.61, 30}, {66.19, 704.35, 85}},
            {{78.66, 38.39, 60}, {90.93, 128.55, 31}, {68.69, 731.02, 106}},
            {{95.37, 46.59, 38}, {50.55, 71.43, 68}, {69.70, 742.15, 99}},
            {{84.38, 41.18, 60}, {92.69, 131.04, 45}, {75.36, 803.75, 69}}},
           {{{56.84, 21.97, 15}, {53.65, 70.32, 11}, {37.00, 390.32, 48}},
            {{55.03, 21.35, 139}, {54.34, 71.30, 142}, {36.30, 383.29, 221}},
            {{55.23, 21.53, 142}, {59.48, 78.19, 137}, {29.75, 314.45, 363}},
            {{57.96, 22.73, 110}, {51.25, 67.52, 186}, {18.99, 200.29, 167}},
            {{53.94, 21.31, 160}, {58.97, 77.92, 185}, {18.55, 196.80, 300}},
            {{56.92, 22.64, 229}, {50.35, 66.60, 289}, {16.36, 174.35, 1105}}}};
    for (int s = 0; s < 3; ++s)
    {
        for (int c = 0; c < 6; ++c)
        {
            for (int k = 0; k < 3; ++k)
            {
                t[{false, conc[c], sizes[k], System(s)}] = t3[s][c][k];
            }
        }
    }
    return t;
}

/// Calibration: one worker's service times, from the 100-byte stand-alone rows only.
struct ProxySpeed
{
    Time miss; //!< a no-cache request: revalidation at the origin
    Time hit;  //!< a hit
};

ProxySpeed
Calibrate(System s, const std::map<PaperKey, Figures>& paper)
{
    // No-cache: Table 1 at 25 concurrent, where the CPU is saturated: 1 / connections/s.
    const double miss = 1.0 / paper.at({true, 25, 100, s}).cps;
    // Hits: Table 3's 100-byte rows, averaged over the concurrencies (they scatter by +-15%).
    double rate = 0;
    const uint32_t conc[] = {10, 25, 50, 75, 100, 125};
    for (uint32_t c : conc)
    {
        rate += paper.at({false, c, 100, s}).cps / 6;
    }
    return {Seconds(miss), Seconds(1.0 / rate)};
}

struct Options
{
    uint32_t requests = 1000;
    uint32_t maxConnections = 32;
    uint32_t connectAttempts = 3;
    Time connectTimeout = WebStoneHelper::ConnectTimeout();
    Time depotDelay = MilliSeconds(1);
    // The depot's forwarding program ([Depot] §5: a Pentium 133 under NetBSD 1.0): 400 us
    // per packet, and a copy rate that makes its capacity with 10 KB hits the 50
    // connections/s the paper expected without the socket buffer's 56 KB limit (about 18
    // packets and 11.6 KB per connection: 20 ms = 18 x 0.4 ms + 11,600 B / 906 KB/s).
    double depotPacketRate = 2500;          //!< packets/s (0: no per-packet cost)
    std::string depotCopyRate = "7.25Mbps"; //!< its per-byte cost (0bps: none)
    uint32_t depotBuffer = 56 * 1024;       //!< bytes waiting for it at most (0: no limit)
    Time reportInterval = Seconds(1);
    uint32_t rngSeed = 1; //!< RngSeed of every cell
    uint64_t rngRun = 1;  //!< RngRun of every cell
};

struct Outcome
{
    Ptr<WebStoneHelper::Result> result;
    uint64_t retries = 0;
    std::vector<uint64_t> sessions; //!< per proxy (depot runs)
    uint64_t reports = 0;           //!< load reports the depot applied
    uint64_t refused = 0;           //!< SYNs the proxies left unanswered
    uint64_t proxyDown = 0;         //!< proxies taken out by the depot
};

/**
 * Resets what a cell would otherwise inherit from the cells run before it in the same
 * process, so that its figures are those of the same cell run alone: the RNG seed and run
 * (set again: a cell may not change them, but nothing else would undo it), the MAC and IPv4
 * address allocators. The random variables' auto-assigned streams continue from one cell to
 * the next (ns-3 3.37 cannot reset that counter): Run() assigns every variable of a cell a
 * fixed stream.
 * \param o the options (RngSeed, RngRun)
 */
void
ResetSharedState(const Options& o)
{
    RngSeedManager::SetSeed(o.rngSeed);
    RngSeedManager::SetRun(o.rngRun);
    Mac48Address::ResetAllocationIndex();
    Ipv4AddressGenerator::Reset();
}

/**
 * One benchmark run.
 * \param system HP755 or HP712 alone, or DEPOT with scheduler
 */
Outcome
Run(System system,
    const std::string& scheduler,
    bool noCache,
    uint32_t concurrency,
    uint64_t size,
    const ProxySpeed speed[2],
    const Options& o)
{
    ResetSharedState(o);
    NodeContainer nodes;
    nodes.Create(6); // client, depot, proxy 1, proxy 2, gateway, origin
    Ptr<Node> client = nodes.Get(0);
    Ptr<Node> depotNode = nodes.Get(1);
    NodeContainer proxies(nodes.Get(2), nodes.Get(3));
    InternetStackHelper().Install(nodes);

    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("10Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(NanoSeconds(6560)));
    NetDeviceContainer lanA = csma.Install(NodeContainer(client, depotNode));
    NetDeviceContainer lanB = csma.Install(
        NodeContainer(NodeContainer(depotNode), proxies, NodeContainer(nodes.Get(4))));
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(2)));
    NetDeviceContainer wan = p2p.Install(nodes.Get(4), nodes.Get(5));

    Ipv4AddressHelper a;
    a.SetBase("10.1.1.0", "255.255.255.0");
    const Ipv4Address vip = a.Assign(lanA).GetAddress(1);
    a.SetBase("10.1.2.0", "255.255.255.0");
    Ipv4InterfaceContainer b = a.Assign(lanB);
    const Ipv4Address depotBack = b.GetAddress(0);
    const Ipv4Address proxyAddr[2] = {b.GetAddress(1), b.GetAddress(2)};
    a.SetBase("10.1.3.0", "255.255.255.0");
    const Ipv4Address origin = a.Assign(wan).GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    // The testbed's machines know each other's MAC addresses: without this, ns-3's ARP holds
    // 3 packets per unresolved address and the benchmark's first burst of 25+ SYNs loses most
    // of them (3 s retransmissions, ~70 ms on the average connection time).
    NeighborCacheHelper().PopulateNeighborCache();

    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    WebObject f;
    f.path = "/file";
    f.size = size;
    f.lastModified = Days(-30); // fresh in the proxies for the whole run
    catalog->Add(f);
    OriginServerHelper server(80);
    server.SetCatalog(catalog);
    ApplicationContainer apps = server.Install(nodes.Get(5));

    const uint16_t proxyPort = 8080;
    std::vector<Ptr<ProxyCache>> caches;
    for (int i = 0; i < 2; ++i)
    {
        ProxyCacheHelper proxy(proxyPort);
        proxy.SetResolver([origin](const std::string&) -> Address
                          { return InetSocketAddress(origin, 80); });
        proxy.SetAttribute("MissProcessingTime", TimeValue(speed[i].miss));
        proxy.SetAttribute("HitProcessingTime", TimeValue(speed[i].hit));
        proxy.SetAttribute("Workers", UintegerValue(1));
        proxy.SetAttribute("MaxClientConnections", UintegerValue(o.maxConnections));
        caches.push_back(DynamicCast<ProxyCache>(proxy.Install(proxies.Get(i)).Get(0)));
    }

    Ptr<Depot> depot;
    Address target;
    if (system == DEPOT)
    {
        DepotHelper dh(vip, proxyPort);
        dh.SetScheduler(scheduler);
        dh.SetAttribute("ProcessingDelay", TimeValue(o.depotDelay));
        dh.SetAttribute("PacketRate", DoubleValue(o.depotPacketRate));
        dh.SetAttribute("CopyRate", StringValue(o.depotCopyRate));
        dh.SetAttribute("BufferSize", UintegerValue(o.depotBuffer));
        // An overloaded proxy that stops answering SYNs is taken out, but its established
        // sessions are still served: it is slow, not dead.
        dh.SetAttribute("ScrapSessionsOnFailure", BooleanValue(false));
        // The paper's failure detection: an unanswered SYN takes the proxy out.
        dh.SetAttribute("DownOnSynTimeout", BooleanValue(true));
        const uint16_t reportPort = 9000;
        if (scheduler == "ns3::LoadIndexScheduler")
        {
            dh.SetAttribute("LoadReportPort", UintegerValue(reportPort));
            LoadReporterHelper reporters(InetSocketAddress(depotBack, reportPort));
            reporters.SetAttribute("Interval", TimeValue(o.reportInterval));
            reporters.Install(proxies);
        }
        for (int i = 0; i < 2; ++i)
        {
            dh.AddProxy(proxyAddr[i], proxyPort);
        }
        depot = DynamicCast<Depot>(dh.Install(depotNode).Get(0));
        target = InetSocketAddress(vip, proxyPort);
    }
    else
    {
        target = InetSocketAddress(proxyAddr[system], proxyPort);
    }

    WebRequest r;
    r.host = "origin.example";
    r.path = "/file";
    if (noCache)
    {
        r.fields.emplace_back("Pragma", "no-cache");
    }
    // The paper's "first GET": each proxy fetches the file once before the benchmark, so that
    // the runs measure revalidations (no-cache) or hits, not the cold miss.
    WebRequest warmup = r;
    warmup.fields.clear();
    for (int i = 0; i < 2; ++i)
    {
        WebStoneHelper warm(InetSocketAddress(proxyAddr[i], proxyPort), warmup);
        warm.SetConnections(1);
        warm.SetTotalRequests(1);
        ApplicationContainer w = warm.Install(client, Create<WebStoneHelper::Result>(1));
        w.Start(Seconds(0.1));
        apps.Add(w);
    }
    WebStoneHelper bench(target, r);
    bench.SetConnections(concurrency);
    bench.SetTotalRequests(o.requests);
    bench.SetAttribute("ConnectAttempts", UintegerValue(o.connectAttempts));
    bench.SetAttribute("ConnectTimeout", TimeValue(o.connectTimeout));
    Outcome out;
    out.result = Create<WebStoneHelper::Result>(o.requests);
    out.result->SetDoneCallback([]() { Simulator::Stop(); });
    ApplicationContainer app = bench.Install(client, out.result);
    app.Start(Seconds(1));
    apps.Add(app);
    // Fixed streams for every random variable of the cell (CSMA backoff above all, on the
    // shared Ethernet), whatever the auto-assigned ones of the cells before it were.
    int64_t stream = 0;
    stream += InternetStackHelper().AssignStreams(nodes, stream);
    stream += csma.AssignStreams(lanA, stream);
    stream += csma.AssignStreams(lanB, stream);
    stream += OriginServerHelper::AssignStreams(apps, stream);
    WebClientHelper::AssignStreams(apps, stream);
    Simulator::Stop(Seconds(36000)); // a safety net: the last request stops the run
    Simulator::Run();
    out.retries = DynamicCast<WebClient>(app.Get(0))->GetConnectRetryCount();
    for (const auto& c : caches)
    {
        out.refused += c->GetCounters().refused;
    }
    if (depot)
    {
        for (const DepotProxy& p : depot->GetProxies())
        {
            out.sessions.push_back(p.sessionsOpened);
            out.reports += p.loadReports;
            out.proxyDown += p.synTimeouts;
        }
    }
    Simulator::Destroy();
    return out;
}

/// The depot scheduler's TypeId name (the names are checked by --schedulers).
std::string
SchedulerType(const std::string& name)
{
    static const std::map<std::string, std::string> types
        = {{"rr", "ns3::RoundRobinScheduler"},
           {"wrr", "ns3::WeightedRoundRobinScheduler"},
           {"lc", "ns3::LeastConnectionScheduler"},
           {"wlc", "ns3::WeightedLeastConnectionScheduler"},
           {"sed", "ns3::ShortestExpectedDelayScheduler"},
           {"nq", "ns3::NeverQueueScheduler"},
           {"loadindex", "ns3::LoadIndexScheduler"}};
    return types.at(name);
}

/// A cell's outcome as figures, to cross the pipe from the process that ran it.
ReplicatedRuns::Values
ToValues(const Outcome& out)
{
    const WebStoneHelper::Result& r = *out.result;
    ReplicatedRuns::Values v{{"total", r.total},
                             {"ended", r.ended},
                             {"ok", r.ok},
                             {"failed", r.failed},
                             {"errors", r.errors},
                             {"connectTimeouts", r.connectTimeouts},
                             {"connectRetries", r.connectRetries},
                             {"bytes", r.bytes},
                             {"connectSum", double(r.connectSum.GetTimeStep())},
                             {"responseSum", double(r.responseSum.GetTimeStep())},
                             {"first", double(r.first.GetTimeStep())},
                             {"last", double(r.last.GetTimeStep())},
                             {"started", r.started},
                             {"retries", out.retries},
                             {"reports", out.reports},
                             {"refused", out.refused},
                             {"proxyDown", out.proxyDown}};
    for (size_t i = 0; i < out.sessions.size(); ++i)
    {
        v["sessions" + std::to_string(i)] = out.sessions[i];
    }
    return v;
}

/// The outcome that ToValues() wrote (the benchmark's result rebuilt field by field).
Outcome
FromValues(const ReplicatedRuns::Values& v)
{
    Outcome out;
    out.result = Create<WebStoneHelper::Result>(v.at("total"));
    WebStoneHelper::Result& r = *out.result;
    r.ended = v.at("ended");
    r.ok = v.at("ok");
    r.failed = v.at("failed");
    r.errors = v.at("errors");
    r.connectTimeouts = v.at("connectTimeouts");
    r.connectRetries = v.at("connectRetries");
    r.bytes = v.at("bytes");
    r.connectSum = TimeStep(v.at("connectSum"));
    r.responseSum = TimeStep(v.at("responseSum"));
    r.first = TimeStep(v.at("first"));
    r.last = TimeStep(v.at("last"));
    r.started = v.at("started") != 0;
    out.retries = v.at("retries");
    out.reports = v.at("reports");
    out.refused = v.at("refused");
    out.proxyDown = v.at("proxyDown");
    for (size_t i = 0; v.count("sessions" + std::to_string(i)); ++i)
    {
        out.sessions.push_back(v.at("sessions" + std::to_string(i)));
    }
    return out;
}

/// The paper's table of a cell: Table 1 (no-cache, 25), 2 (no-cache, 50) or 3 (a)-(c).
std::string
PaperTable(bool noCache, uint32_t conc, System system)
{
    if (noCache)
    {
        return conc == 25 ? "Table 1" : conc == 50 ? "Table 2" : "no-cache";
    }
    return std::string("Table 3") + (system == HP755 ? "(a)" : system == HP712 ? "(b)" : "(c)");
}

std::string
Cell(double cps, double kbps, double ms)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(2) << std::setw(7) << cps << std::setw(9) << kbps
       << std::setprecision(0) << std::setw(7) << ms;
    return os.str();
}

/// The paper's shape (and the schedulers' claim) for one concurrency and size, up to the
/// proxies' connection limit: every run completes.
bool
CheckShape(const std::map<std::string, double>& cps,
           const std::map<std::string, bool>& complete,
           uint32_t conc,
           uint32_t size)
{
    bool ok = true;
    auto fail = [&](const std::string& what)
    {
        std::cout << "shape check failed at " << conc << " concurrent, " << size
                  << " bytes: " << what << std::endl;
        ok = false;
    };
    for (const auto& [name, done] : complete)
    {
        if (!done)
        {
            fail(name + " did not complete");
        }
    }
    auto rr = cps.find("depot rr");
    if (rr == cps.end())
    {
        fail("no round-robin run (--schedulers must include rr)");
        return ok;
    }
    const double lo = std::min(cps.at("HP 755"), cps.at("HP 712"));
    const double hi = std::max(cps.at("HP 755"), cps.at("HP 712"));
    if (!(rr->second > lo && rr->second < hi))
    {
        fail("round robin is not between the two proxies");
    }
    for (const auto& [name, value] : cps)
    {
        if (name.rfind("depot ", 0) == 0 && name != "depot rr" && !(value > rr->second))
        {
            fail(name + " does not beat round robin");
        }
    }
    return ok;
}

/// Table 2's claim, beyond the proxies' connection limit without cache: "each stand-alone HP
/// simply cannot handle the traffic requests and cannot complete the testing", the
/// round-robin depot does.
bool
CheckOverload(const std::map<std::string, bool>& complete, uint32_t conc, uint32_t size)
{
    bool ok = true;
    auto fail = [&](const std::string& what)
    {
        std::cout << "shape check failed at " << conc << " concurrent, " << size
                  << " bytes: " << what << std::endl;
        ok = false;
    };
    for (const char* name : {"HP 755", "HP 712"})
    {
        if (complete.at(name))
        {
            fail(std::string(name) + " alone completed");
        }
    }
    auto rr = complete.find("depot rr");
    if (rr == complete.end())
    {
        fail("no round-robin run (--schedulers must include rr)");
    }
    else if (!rr->second)
    {
        fail("the round-robin depot did not complete");
    }
    return ok;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    std::string schedulers = "rr";
    std::string noCacheConc = "25,50";
    std::string hitConc = "10,25,50,75,100,125";
    std::string sizes = "100,1024,10240";
    std::string modes = "nocache,hit";
    bool checkShape = false;
    bool shapeOk = true;
    CommandLine cmd(__FILE__);
    OptionChecker opt(cmd, "depot-testbed");
    opt.AddChoiceList("schedulers",
                      "depot schedulers",
                      schedulers,
                      {"rr", "wrr", "lc", "wlc", "sed", "nq", "loadindex"});
    opt.AddIntegerList(
        "noCacheConcurrency", "concurrencies of the no-cache runs", noCacheConc, 1, 1000);
    opt.AddIntegerList("hitConcurrency", "concurrencies of the plain-GET runs", hitConc, 1, 1000);
    opt.AddIntegerList("sizes", "file sizes, bytes", sizes, 1, 100000000);
    opt.AddChoiceList("modes", "nocache, hit or both", modes, {"nocache", "hit"});
    opt.AddInteger("requests", "requests per run (the paper: 1000)", o.requests, 1, 1000000);
    opt.AddInteger(
        "maxConnections", "client connections a proxy accepts at once", o.maxConnections, 1, 10000);
    opt.AddInteger("connectAttempts",
                   "connections tried per request (0: no limit)",
                   o.connectAttempts,
                   0,
                   100);
    opt.AddTime("connectTimeout",
                "a connection attempt not established after this long fails with ETIMEDOUT, "
                "an error that makes the run incomplete (BSD, HP-UX: 75 s; 0: no timeout)",
                o.connectTimeout,
                Seconds(0),
                Hours(1));
    opt.AddTime(
        "depotDelay", "depot processing delay per packet", o.depotDelay, Seconds(0), Seconds(1));
    opt.AddReal("depotPacketRate",
                "packets/s of the depot's forwarding program, FIFO (0: no per-packet cost)",
                o.depotPacketRate,
                0,
                1e9);
    opt.AddRate("depotCopyRate",
                "rate at which it copies bytes (0bps: no per-byte cost)",
                o.depotCopyRate,
                DataRate(0),
                DataRate("100Gbps"));
    opt.AddInteger(
        "depotBuffer",
        "bytes waiting for it at most: its socket buffer, whose 56 KB limit the paper blames "
        "for the collapse with 10 KB hits (0: no limit)",
        o.depotBuffer,
        0,
        1U << 30);
    opt.AddTime("reportInterval",
                "proxies' load report interval (loadindex)",
                o.reportInterval,
                MilliSeconds(1),
                Hours(1));
    opt.AddRunAliases();
    uint32_t runs = 10;
    uint32_t jobs = 1;
    ReplicatedRuns::AddOptions(opt, runs, jobs);
    std::string outDir = "results";
    opt.AddOutputDir(
        "outDir", "directory for depot-testbed-vs-paper.csv and depot-testbed-runs.csv", outDir);
    opt.AddFlag("checkShape",
                "exit with 3 unless, up to maxConnections concurrent, every run completes, the "
                "round-robin depot lies between the two proxies and every other scheduler beats "
                "round robin, and beyond it (no-cache) neither proxy alone completes but the "
                "round-robin depot does",
                checkShape);
    // Attributes each cell sets on its objects, from the options above or from the testbed's
    // model: their --ns3:: options would only set defaults that the cell overwrites.
    for (const auto& [attribute, option] :
         {std::pair<std::string, std::string>{"ns3::ConnectionCache::MaxClientConnections",
                                              "maxConnections"},
          {"ns3::Depot::ProcessingDelay", "depotDelay"},
          {"ns3::Depot::PacketRate", "depotPacketRate"},
          {"ns3::Depot::CopyRate", "depotCopyRate"},
          {"ns3::Depot::BufferSize", "depotBuffer"},
          {"ns3::LoadReporter::Interval", "reportInterval"},
          {"ns3::WebClient::ConnectAttempts", "connectAttempts"},
          {"ns3::WebClient::ConnectTimeout", "connectTimeout"}})
    {
        opt.AddSetByOption(attribute, option);
    }
    opt.AddSetByProgram({"ns3::ConnectionCache::MissProcessingTime",
                         "ns3::ConnectionCache::HitProcessingTime",
                         "ns3::ConnectionCache::Workers",
                         "ns3::ConnectionCache::Port",
                         "ns3::Depot::ScrapSessionsOnFailure",
                         "ns3::Depot::DownOnSynTimeout",
                         "ns3::Depot::LoadReportPort"},
                        "set by the testbed's model (the proxies' calibrated speeds, one "
                        "worker each, the depot's failure handling)",
                        "the example's options");
    opt.Parse(argc, argv);
    o.rngSeed = RngSeedManager::GetSeed();
    o.rngRun = RngSeedManager::GetRun();
    // 1448 + 12 bytes of timestamp option + 40 = the 1500-byte Ethernet MTU: no IP fragments,
    // which the depot would not rewrite (it switches whole TCP segments only).
    opt.SetAttributeDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));

    const auto paper = PaperTables();
    const ProxySpeed speed[2] = {Calibrate(HP755, paper), Calibrate(HP712, paper)};
    std::cout << "calibrated service times (one worker): HP 755 miss "
              << speed[0].miss.GetMilliSeconds() << " ms, hit " << speed[0].hit.GetMicroSeconds()
              << " us; HP 712 miss " << speed[1].miss.GetMilliSeconds() << " ms, hit "
              << speed[1].hit.GetMicroSeconds() << " us\n";
    std::cout << "columns: connections/s, KB/s, average connection time (ms); simulated | paper\n";

    std::vector<std::pair<System, std::string>> systems = {{HP755, ""}, {HP712, ""}};
    for (const std::string& s : OptionChecker::Split(schedulers))
    {
        systems.emplace_back(DEPOT, s);
    }
    // Each cell's runs go to processes of their own (one per run, --jobs at once); run i of a
    // cell is the cell run alone with RngRun + i.
    ReplicatedRuns replicated(runs, jobs);
    const uint64_t baseRun = replicated.GetBaseRun();
    PaperComparison comparison;
    const std::vector<std::pair<const char*, double Figures::*>> metrics{
        {"connections/s", &Figures::cps},
        {"KB/s", &Figures::kbps},
        {"connection ms", &Figures::ms}};
    for (const std::string& mode : OptionChecker::Split(modes))
    {
        const bool noCache = mode == "nocache";
        std::cout << "\n== " << (noCache ? "Pragma: no-cache (Tables 1, 2)" : "plain GET (Table 3)")
                  << ", " << o.requests << " requests per run ==\n";
        const int width = runs > 1 ? 40 : 23;
        std::cout << std::left << std::setw(5) << "conc" << std::setw(7) << "size" << std::setw(15)
                  << "system" << std::right << std::setw(width)
                  << (runs > 1 ? "simulated, mean +- 95% CI of " + std::to_string(runs) + " runs"
                               : std::string("simulated"))
                  << " |" << std::setw(23) << "paper"
                  << "  notes\n";
        for (uint32_t conc : OptionChecker::SplitIntegers(noCache ? noCacheConc : hitConc))
        {
            for (uint64_t size : OptionChecker::SplitIntegers(sizes))
            {
                std::map<std::string, double> cps; // per system name, for --checkShape
                std::map<std::string, bool> complete;
                auto nameOf = [](System system, const std::string& sched)
                {
                    return system == HP755 ? std::string("HP 755")
                         : system == HP712 ? std::string("HP 712")
                                           : "depot " + sched;
                };
                for (const auto& entry : systems)
                {
                    // Copies, not a structured binding, which a lambda may capture only
                    // from C++20 on.
                    const System system = entry.first;
                    const std::string sched = entry.second;
                    replicated.Add(nameOf(system, sched),
                                   [=, &speed]()
                                   {
                                       Options cell = o;
                                       cell.rngRun = RngSeedManager::GetRun();
                                       return ToValues(
                                           Run(system,
                                               system == DEPOT ? SchedulerType(sched) : "",
                                               noCache,
                                               conc,
                                               size,
                                               speed,
                                               cell));
                                   });
                }
                std::map<std::string, std::vector<ReplicatedRuns::Values>> all;
                try
                {
                    all = replicated.Run();
                }
                catch (const std::runtime_error& e)
                {
                    std::cerr << "depot-testbed: " << e.what() << "\n";
                    return 1;
                }
                for (const auto& [system, sched] : systems)
                {
                    const std::string name = nameOf(system, sched);
                    std::vector<Outcome> outs;
                    std::map<std::string, std::vector<double>> fig;
                    uint32_t completed = 0;
                    for (const auto& v : all.at(name))
                    {
                        outs.push_back(FromValues(v));
                        const auto& res = *outs.back().result;
                        fig["connections/s"].push_back(res.ConnectionsPerSecond());
                        fig["KB/s"].push_back(res.ThroughputKBps());
                        fig["connection ms"].push_back(res.MeanConnectMs());
                        fig["request ms"].push_back(res.MeanResponseMs());
                        completed += res.Complete();
                    }
                    const Outcome& out = outs[0];
                    const auto& res = *out.result;
                    std::cout << std::left << std::setw(5) << conc << std::setw(7) << size
                              << std::setw(15) << name << std::right;
                    if (runs == 1)
                    {
                        std::cout << Cell(
                            res.ConnectionsPerSecond(), res.ThroughputKBps(), res.MeanConnectMs());
                    }
                    else
                    {
                        // A space before each: wide intervals must not run together.
                        std::cout << ' ' << std::setw(14)
                                  << PaperComparison::Format(fig["connections/s"], 2) << ' '
                                  << std::setw(14) << PaperComparison::Format(fig["KB/s"], 2) << ' '
                                  << std::setw(9)
                                  << PaperComparison::Format(fig["connection ms"], 0);
                    }
                    std::cout << " |";
                    auto p = paper.find({noCache, conc, size, system});
                    const bool paperRow = p != paper.end() && (system != DEPOT || sched == "rr");
                    if (paperRow)
                    {
                        std::cout << Cell(p->second.cps, p->second.kbps, p->second.ms);
                    }
                    else if (system != DEPOT && noCache && conc == 50)
                    {
                        std::cout << std::setw(23) << "did not complete";
                    }
                    else
                    {
                        std::cout << std::setw(23) << "-";
                    }
                    const std::string table = PaperTable(noCache, conc, system);
                    const std::string row
                        = (table == "Table 1"   ? name + ", "
                           : table == "Table 2" ? (system == DEPOT ? std::string() : name + ", ")
                                                : std::to_string(conc) + " concurrent, ")
                        + std::to_string(size) + " B"
                        + (system == DEPOT && sched != "rr" ? " (" + sched + ")" : std::string());
                    for (const auto& [metric, member] : metrics)
                    {
                        comparison.Add(table,
                                       row,
                                       metric,
                                       paperRow ? p->second.*member : NAN,
                                       PaperComparison::RELATIVE,
                                       fig[metric]);
                    }
                    if (runs == 1)
                    {
                        std::cout << "  "
                                  << (res.Complete()
                                          ? "complete"
                                          : "did not complete (" + res.IncompleteReason() + ")")
                                  << ", " << out.retries << " retries, " << out.refused
                                  << " refused SYNs";
                        if (system == DEPOT)
                        {
                            std::cout << ", sessions " << out.sessions[0] << "/" << out.sessions[1]
                                      << ", " << out.proxyDown << " SYN timeouts";
                            if (out.reports > 0)
                            {
                                std::cout << ", " << out.reports << " load reports";
                            }
                        }
                        std::cout << ", mean request " << std::fixed << std::setprecision(0)
                                  << res.MeanResponseMs() << " ms" << std::endl;
                    }
                    else
                    {
                        std::cout << "  complete in " << completed << " of " << runs
                                  << " runs, mean request "
                                  << PaperComparison::Format(fig["request ms"], 0) << " ms"
                                  << std::endl;
                    }
                    double meanCps = 0;
                    for (double v : fig["connections/s"])
                    {
                        meanCps += v / runs;
                    }
                    cps[name] = completed == runs ? meanCps : 0;
                    complete[name] = completed == runs;
                }
                if (checkShape && conc <= o.maxConnections)
                {
                    shapeOk &= CheckShape(cps, complete, conc, size);
                }
                else if (checkShape && noCache)
                {
                    shapeOk &= CheckOverload(complete, conc, size);
                }
            }
        }
    }
    if (!comparison.Report(std::cout, "depot-testbed", outDir + "/depot-testbed", runs, baseRun))
    {
        return 1;
    }
    return shapeOk ? 0 : 3;
}
