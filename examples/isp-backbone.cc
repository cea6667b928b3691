/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The flagship: an ISP backbone with its pieces wired together and measured.
 *
 *   modem pool (NAS, terminal servers) -- core --+         firewall + SOCKS5 -- origin farm
 *                                                |                    |         (RTT classes)
 *              PoP ==== backbone (BackboneReader, p2p per link, latency as delay) ==== edge PoP
 *               |  |        greedy-placed ProxyCaches on PoPs ([ProxyTeller])     |
 *               |  DNS alias server                  intercepted clients -- access router
 *   LAN clients -- core -- PoP --LAN A-- depot pair (VIP, hot|warm standby) --LAN B-- proxy pool
 *
 * - Topology: traces/att-backbone.edges by default (30 US PoPs, see its header), or any file
 *   the backbone readers accept (--topology, --format): GraphML, Rocketfuel, Inet, Orbis, edge
 *   list. A disconnected graph is reduced to its largest component.
 * - Clients: [PROXIM]'s two populations with their synthetic workloads: a dial-up modem pool
 *   (preset "modem") at --modemPop and a research LAN (preset "research") at --lanPop; and a
 *   third population (preset "research", 4 nodes per scale unit) at --interceptPop whose
 *   port-80 connections its access router intercepts and hands to its own ProxyCache
 *   ([ProxyTeller]'s setting; --interception=false: configured with that proxy); --scale
 *   multiplies all three. A site's LAN clients beyond --lanSize make more LANs, each with its
 *   own T1 uplink and link to the PoP, as an ISP's LAN customers grow in number, not in size;
 *   the intercepted clients beyond --lanSize more segments on their access router.
 * - Proxies: --proxies ProxyCaches placed by [ProxyTeller]'s greedy algorithm (demand: the
 *   PoPs' demands; origin: the edge PoP); the modem pool uses the proxy its PoP is assigned to.
 *   --depotSites depot sites (DepotSiteHelper; default 2) at the largest PoPs, the first at
 *   the LAN's: each a LAN of clients and a [Depot] pair (hot or warm standby) in front of
 *   --poolProxies ProxyCaches. The LAN clients find a depot by its alias through a DNS alias
 *   server beside the first site's PoP, [Depot]'s two-level balancing: the server answers by
 *   locality (each LAN its own site) or round robin (ProxyAliasResolver per client node, again
 *   after each TTL; --dns=false: they are given their site's virtual address).
 * - The origin farm (OriginFarmHelper) hangs off the edge PoP, its servers at the workload's RTTs,
 *   behind a firewall node (default deny inbound, outbound only to its SOCKS5 gateway) through
 *   whose gateway every proxy reaches the origins ([Depot] §4.2, the SOCKSified proxies);
 *   spoofed SYNs from the Internet (--hostileRate) are dropped there. --edgeProxy=parent:
 *   [Depot] Fig. 4's other design, a parent ProxyCache on a host just outside the firewall,
 *   the only place the firewall lets the inside proxies reach; every miss goes to it and it
 *   reaches the origins. --firewall=false: the farm hangs off the edge PoP itself and the
 *   proxies connect directly.
 * - Faults (FaultInjectionHelper): the modem pool's proxy crashes and revives; the master depot
 *   crashes (the backup takes over) and comes back as the backup; a backbone link on the modem
 *   pool's path to the edge fails and is restored (global routing is recomputed without it
 *   after --convergence, as an IGP would). Each can be switched off.
 * - Output under --outDir: isp-backbone-requests.csv (one line per request), -flowmon.xml,
 *   -summary.txt (the table printed), -timeline.csv (each proxy's cache results and each
 *   depot's new sessions by time, for utils/plot-isp-backbone.py), -topology.dot and .png
 *   (the backbone with the placed proxies and the scheduled faults marked; the PNG needs
 *   Graphviz), -address-plan.txt (every address block of the run: one AddressPlan hands out
 *   the populations' and the sites' blocks, none overlapping), PCAP of chosen PoPs, the depot
 *   site, the firewall, the DNS host and the intercepted segment (--pcap).
 *
 * Randomness follows --RngSeed and --RngRun (--seed, --run); --help lists the options.
 */

#include "ns3/backbone-reader.h"
#include "ns3/cache-simulator.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/distance-matrix.h"
#include "ns3/flow-monitor-module.h"
#include "ns3/internet-edge-helper.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/option-checker.h"
#include "ns3/placement-algorithm.h"
#include "ns3/placement-report.h"
#include "ns3/point-to-point-module.h"
#include "ns3/proxy-alias-resolver.h"
#include "ns3/proxy-placement-helper.h"
#include "ns3/web-proxy-module.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#ifndef WEB_PROXY_TRACES_DIR
#define WEB_PROXY_TRACES_DIR "contrib/web-proxy/traces"
#endif

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("IspBackboneExample");

namespace
{

/// Counters the trace sinks fill.
struct Counters
{
    uint64_t placedHits{0};  //!< placed proxies: HIT, REFRESH_HIT
    uint64_t placedTotal{0}; //!< placed proxies: all cache results
    uint64_t poolHits{0};    //!< depot pool: HIT, REFRESH_HIT
    uint64_t poolTotal{0};   //!< depot pool: all cache results
    uint64_t icHits{0};      //!< the intercepted population's proxy: HIT, REFRESH_HIT
    uint64_t icTotal{0};     //!< the intercepted population's proxy: all cache results
    uint64_t parentHits{0};  //!< the parent proxy outside the firewall: HIT, REFRESH_HIT
    uint64_t parentTotal{0}; //!< the parent proxy: all cache results
    double takeover{-1};     //!< depot takeover time, s
};

/// The k-th site's name: "lan", "lan2", "lan3", ...
std::string
SiteName(const std::string& base, uint32_t k)
{
    return k == 0 ? base : base + std::to_string(k + 1);
}

/// The j-th LAN of the k-th site: "lan", "lan-2", ...; "lan2", "lan2-2", ...
std::string
LanName(uint32_t k, uint32_t j)
{
    return j == 0 ? SiteName("lan", k) : SiteName("lan", k) + "-" + std::to_string(j + 1);
}

/// Latency summary line of one class.
void
PrintClass(std::ostream& os, const std::string& name, const LatencySummary& s)
{
    const auto t = s.Get(LatencySummary::TOTAL);
    os << std::left << std::setw(8) << name << std::right << std::setw(10) << s.GetRequests()
       << std::setw(11) << s.GetCompleted() << std::setw(8) << s.GetFailed() << std::setw(9)
       << s.GetAborted() << std::fixed << std::setprecision(3) << std::setw(10) << t.mean
       << std::setw(10) << t.median << std::setw(10) << t.p90 << "\n";
}

/// Sum the bytes sent on devices into a counter.
void
CountBytes(const NetDeviceContainer& devices, uint64_t* bytes)
{
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        devices.Get(i)->TraceConnectWithoutContext(
            "MacTx",
            MakeBoundCallback(
                +[](uint64_t* b, Ptr<const Packet> p) { *b += p->GetSize(); }, bytes));
    }
}

/// The Internet edge (InternetEdgeHelper's pieces) and what its firewall dropped.
struct EdgeSite
{
    InternetEdgeHelper::Edge pieces;      //!< firewall, and gateway or parent proxy
    Ptr<SpoofedFloodApplication> hostile; //!< on an origin node (or none)
    uint64_t deniedIn{0};                 //!< dropped by the default deny inbound
    uint64_t deniedOut{0};                //!< inside packets that tried to bypass the exit
};

} // namespace

int
main(int argc, char* argv[])
{
    std::string topology = WEB_PROXY_TRACES_DIR "/att-backbone.edges";
    std::string format = "auto";
    std::string edgeName;
    std::string modemName;
    std::string lanName;
    double scale = 2;
    uint32_t modemUsers = 200;
    uint32_t lanUsers = 1000;
    uint32_t lanSize = 32;
    uint32_t proxies = 3;
    uint32_t poolProxies = 3;
    uint32_t depotSites = 2;
    std::string standby = "hot";
    Time duration = Seconds(300);
    std::string cacheSize = "64MB";
    std::string backboneRate = "10Gbps";
    bool proxyFault = true;
    Time proxyFailAt = Seconds(60);
    Time proxyReviveAt = Seconds(90);
    bool depotFault = true;
    uint32_t depotFaultSite = 1;
    Time depotFailAt = Seconds(120);
    Time depotReviveAt = Seconds(150);
    bool linkFault = true;
    Time linkFailAt = Seconds(180);
    Time linkRestoreAt = Seconds(200);
    Time convergence = Seconds(1);
    Time responseTimeout = Seconds(20);
    bool dns = true;
    Time dnsTtl = Seconds(60);
    std::string dnsPolicy = "Locality";
    bool firewall = true;
    std::string edgeProxy = "socks";
    double hostileRate = 20;
    double synLoss = 0;
    bool interception = true;
    std::string interceptName;
    std::string pcap;
    bool flowmon = true;
    bool progress = false;
    std::string outDir = "results/isp-backbone";

    CommandLine cmd(__FILE__);
    OptionChecker opt(cmd, "isp-backbone");
    opt.AddInputFile(
        "topology", "Backbone file (GraphML, Rocketfuel, Inet, Orbis, edge list)", topology);
    opt.AddChoice("format",
                  "Topology format",
                  format,
                  {"auto", "graphml", "rocketfuel", "inet", "orbis", "edgelist"});
    opt.AddText(
        "edgePop", "PoP of the Internet edge and origin farm (default: best connected)", edgeName);
    opt.AddText("modemPop", "PoP of the modem pool (default: second largest demand)", modemName);
    opt.AddText("lanPop", "PoP of the first LAN and depot pair (default: largest demand)", lanName);
    opt.AddReal(
        "scale", "Population scale: 32 modems and 16 LAN clients per unit", scale, 0.03125, 64);
    opt.AddInteger(
        "modemUsers", "Users per modem (dial-up sessions share the modems)", modemUsers, 1, 10000);
    opt.AddInteger("lanUsers", "Users per LAN client node", lanUsers, 1, 10000);
    opt.AddInteger("lanSize",
                   "LAN client nodes per LAN: a site with more has more LANs, each with its own "
                   "T1 uplink; also the intercepted clients per segment",
                   lanSize,
                   1,
                   1024);
    opt.AddInteger("proxies", "Proxies placed on the backbone (greedy)", proxies, 1, 64);
    opt.AddInteger("poolProxies", "Proxies behind each depot pair", poolProxies, 1, 32);
    opt.AddInteger("depotSites",
                   "Depot sites, each a LAN and a depot pair with its proxies, at the largest "
                   "PoPs (the first at --lanPop)",
                   depotSites,
                   1,
                   4);
    opt.AddChoice("standby", "Depot standby mode", standby, {"hot", "warm"});
    opt.AddTime("duration",
                "Workload duration (requests are issued until then)",
                duration,
                Seconds(10),
                Hours(24));
    opt.AddText("cacheSize", "Cache size of every proxy (K, M, G units)", cacheSize);
    opt.AddRate(
        "backboneRate", "Backbone link rate", backboneRate, DataRate("1Mbps"), DataRate("100Gbps"));
    opt.AddFlag("proxyFault", "Crash and revive the modem pool's proxy", proxyFault);
    opt.AddTime("proxyFailAt", "When the proxy crashes", proxyFailAt, Seconds(0), Hours(24));
    opt.AddTime("proxyReviveAt", "When it comes back", proxyReviveAt, Seconds(0), Hours(24));
    opt.AddFlag("depotFault", "Crash the master depot (the backup takes over)", depotFault);
    opt.AddInteger("depotFaultSite",
                   "Depot site whose master crashes (1: the first, at --lanPop)",
                   depotFaultSite,
                   1,
                   4);
    opt.AddTime("depotFailAt", "When the master depot crashes", depotFailAt, Seconds(0), Hours(24));
    opt.AddTime("depotReviveAt",
                "When it comes back (as the backup)",
                depotReviveAt,
                Seconds(0),
                Hours(24));
    opt.AddFlag(
        "linkFault", "Fail a backbone link on the modem pool's path to the edge", linkFault);
    opt.AddTime("linkFailAt", "When the link fails", linkFailAt, Seconds(0), Hours(24));
    opt.AddTime("linkRestoreAt", "When it is restored", linkRestoreAt, Seconds(0), Hours(24));
    opt.AddTime("convergence",
                "Routing convergence after a link failure or repair",
                convergence,
                MilliSeconds(1),
                Seconds(600));
    opt.AddTime(
        "responseTimeout", "Clients' response timeout", responseTimeout, Seconds(1), Seconds(600));
    opt.AddFlag("dns",
                "LAN clients resolve the depot alias through the DNS alias server (false: "
                "they are given their site's virtual address)",
                dns);
    opt.AddTime("dnsTtl", "TTL of the DNS alias server's answers", dnsTtl, Seconds(1), Hours(1));
    opt.AddChoice("dnsPolicy", "DNS alias server's policy", dnsPolicy, {"RoundRobin", "Locality"});
    opt.AddFlag("firewall",
                "A firewall (default deny inbound) with a SOCKS5 gateway between the backbone "
                "and the origin farm; the proxies reach the origins through the gateway",
                firewall);
    opt.AddChoice("edgeProxy",
                  "How the proxies pass the firewall ([Depot] Fig. 4): 'socks' (through its "
                  "SOCKS5 gateway) or 'parent' (every miss to a parent proxy just outside it)",
                  edgeProxy,
                  {"socks", "parent"});
    opt.AddReal("hostileRate",
                "Spoofed SYNs per second from the Internet at the proxies (with --firewall)",
                hostileRate,
                0,
                10000);
    opt.AddReal("synLoss",
                "Probability that an origin loses a connection request (SYN); "
                "IspScenarioHelper's modem pool uses 0.22 ([PROXIM]'s 1.3 s mean setup)",
                synLoss,
                0,
                1);
    opt.AddFlag("interception",
                "The third population's port-80 traffic is intercepted by its PoP's proxy "
                "(false: the clients are configured with that proxy)",
                interception);
    opt.AddText("interceptPop",
                "PoP of the intercepted population (default: the largest other demand)",
                interceptName);
    opt.AddText("pcap",
                "PCAP: comma-separated PoP names and/or 'depot' (the depot site), 'firewall' "
                "(its inside link and first origin link), 'dns' (the DNS host's link), "
                "'interception' (the intercepted clients' segment)",
                pcap);
    opt.AddFlag("flowmon", "Write FlowMonitor XML", flowmon);
    opt.AddFlag("progress", "Show simulation progress on stderr", progress);
    opt.AddOutputDir("outDir", "Directory for results", outDir);
    opt.AddRunAliases();
    // Attributes the example sets on its objects from the options above: their --ns3::
    // options would only set defaults that it overwrites.
    for (const auto& [attribute, option] :
         {std::pair<std::string, std::string>{"ns3::SyntheticWorkload::Duration", "duration"},
          {"ns3::SyntheticWorkload::Requests", "duration"},
          {"ns3::SyntheticWorkload::Objects", "duration"},
          {"ns3::SyntheticWorkload::Users", "modemUsers and --lanUsers"},
          {"ns3::ProxyCache::CacheSize", "cacheSize"},
          {"ns3::ConnectionCache::Intercepting", "interception"},
          {"ns3::DnsAliasServer::Ttl", "dnsTtl"},
          {"ns3::DnsAliasServer::Policy", "dnsPolicy"},
          {"ns3::SpoofedFloodApplication::SynRate", "hostileRate"}})
    {
        opt.AddSetByOption(attribute, option);
    }
    opt.AddSetByProgram(
        {"ns3::SpoofedFloodApplication::Target", "ns3::SpoofedFloodApplication::TargetPort"},
        "set by the example (the depot's virtual address and port)",
        "the example's options");
    opt.Parse(argc, argv);
    uint64_t cacheBytes = 0;
    try
    {
        cacheBytes = CacheSimulator::ParseSize(cacheSize);
    }
    catch (const std::invalid_argument& e)
    {
        opt.Fail("cacheSize", cacheSize, e.what(), "a size such as 64MB");
    }
    opt.Require(!proxyFault || proxyReviveAt > proxyFailAt,
                "proxyReviveAt",
                "not after --proxyFailAt",
                "a later time");
    opt.Require(!depotFault || depotReviveAt > depotFailAt,
                "depotReviveAt",
                "not after --depotFailAt",
                "a later time");
    opt.Require(depotFaultSite <= depotSites,
                "depotFaultSite",
                "beyond the " + std::to_string(depotSites) + " depot sites (--depotSites)",
                "a site from 1 to --depotSites");
    opt.Require(!linkFault || linkRestoreAt > linkFailAt,
                "linkRestoreAt",
                "not after --linkFailAt",
                "a later time");
    BackboneGraph graph;
    try
    {
        graph = BackboneReader::Load(topology, format);
    }
    catch (const std::exception& e)
    {
        opt.Fail("topology", topology, e.what(), "a backbone file the readers accept");
    }
    if (graph.CountComponents() > 1)
    {
        graph = graph.LargestComponent();
    }
    opt.Require(graph.GetNodeCount() >= 4,
                "topology",
                "fewer than 4 connected PoPs",
                "a backbone of at least 4 PoPs");
    const uint32_t nPops = graph.GetNodeCount();
    opt.Require(proxies < nPops,
                "proxies",
                "not fewer than the PoPs",
                "at most " + std::to_string(nPops - 1));

    // The sites: the LAN and depots at the largest demand, the modem pool at the next, the
    // edge at the best connected other PoP, the intercepted population at the largest left.
    BackboneSites::Request siteRequest;
    siteRequest.lanPop = lanName;
    siteRequest.modemPop = modemName;
    siteRequest.edgePop = edgeName;
    siteRequest.interceptPop = interceptName;
    siteRequest.depotSites = depotSites;
    std::optional<BackboneSites> chosen;
    try
    {
        chosen.emplace(graph, siteRequest);
    }
    catch (const BackboneSites::Error& e)
    {
        opt.Require(false, e.GetSetting(), e.what(), e.GetAllowed());
    }
    const uint32_t lanPop = chosen->GetLanPop();
    const uint32_t modemPop = chosen->GetModemPop();
    const uint32_t edgePop = chosen->GetEdgePop();
    const uint32_t interceptPop = chosen->GetInterceptPop();
    const std::vector<uint32_t>& sitePops = chosen->GetDepotPops();
    std::vector<std::string> pcapPops;
    std::set<std::string> pcapSites;
    for (const auto& w : OptionChecker::Split(pcap))
    {
        if (w == "depot" || w == "firewall" || w == "dns" || w == "interception")
        {
            pcapSites.insert(w);
        }
        else if (graph.FindNode(w) < 0)
        {
            opt.Fail("pcap",
                     pcap,
                     "no PoP '" + w + "' in " + graph.GetName(),
                     "PoP names of the topology, 'depot', 'firewall', 'dns', 'interception'");
        }
        else
        {
            pcapPops.push_back(w);
        }
    }
    const uint32_t modems = std::max<uint32_t>(1, uint32_t(std::lround(32 * scale)));
    const uint32_t lanClients = std::max<uint32_t>(1, uint32_t(std::lround(16 * scale)));
    const uint32_t lansPerSite = (lanClients + lanSize - 1) / lanSize;
    const uint32_t icClients = std::max<uint32_t>(1, uint32_t(std::lround(4 * scale)));
    const std::string prefix = outDir + "/isp-backbone";

    // The 1998 environment's TCP, as IspScenarioHelper sets it (the command line's
    // --ns3::TcpSocket... options win), with Linux's TIME_WAIT of 60 s.
    IspScenarioHelper::SetTcpDefaults([&opt](const std::string& name, const AttributeValue& value)
                                      { opt.SetAttributeDefault(name, value); });
    opt.SetAttributeDefault("ns3::TcpSocketBase::MaxSegLifetime", DoubleValue(30));

    // The workloads, generated before the network: the farm needs their servers.
    // Populations: 0 the modem pool, 1 the LAN, 2 the intercepted clients.
    std::vector<std::vector<TraceRecord>> records(3);
    const std::vector<std::string> presets = {"modem", "research", "research"};
    const std::vector<uint32_t> users
        = {modemUsers * modems, lanUsers * lanClients * depotSites, lanUsers * icClients};
    // The presets name their servers alike: each population gets an Internet of its own.
    const std::vector<std::string> serverPrefix = {"", "lan-", "ic-"};
    std::vector<Ptr<SyntheticWorkload>> workloads;
    int64_t stream = 1000;
    for (uint32_t k = 0; k < 3; ++k)
    {
        Ptr<SyntheticWorkload> w = SyntheticWorkload::CreatePreset(presets[k]);
        w->SetAttribute("Users", UintegerValue(users[k]));
        w->SetAttribute("Requests", UintegerValue(0));
        w->SetAttribute("Objects", UintegerValue(0));
        w->SetAttribute("Duration", TimeValue(duration));
        // The command line's workload attributes, which the preset overwrote (those the
        // options above set were refused by Parse); the text passed ns-3's own check then.
        w->SetAttributesFromText(opt.GetGivenAttributes("ns3::SyntheticWorkload"));
        stream += w->AssignStreams(stream);
        TraceRecord r;
        try
        {
            w->GetObjectCount(); // counts the requests of the duration
        }
        catch (const std::invalid_argument&)
        {
            opt.Fail("duration",
                     opt.GetText("duration"),
                     "no requests of the " + presets[k] + " workload in it",
                     "a longer duration or more users");
        }
        while (w->Next(r))
        {
            r.server = serverPrefix[k] + r.server;
            records[k].push_back(r);
        }
        workloads.push_back(w);
    }

    // Placement on the backbone graph: [ProxyTeller]'s greedy, misses via the proxy.
    const DistanceMatrix latency(graph, DistanceMatrix::LATENCY);
    PlacementProblem problem(graph, latency, edgePop, PlacementProblem::VIA_PROXY);
    problem.SetHitRatio(0.4); // about [PROXIM]'s byte hit ratios
    const PlacementResult placement = PlacementAlgorithm::Create("greedy")->Run(
        problem, proxies, PlacementAlgorithm::NO_TARGET);

    // The backbone, its proxies, the origin farm at the edge.
    ProxyPlacementHelper placer;
    placer.SetLinkAttribute("DataRate", StringValue(backboneRate));
    placer.SetProxyAttribute("CacheSize", UintegerValue(cacheBytes));
    NodeContainer pops = placer.BuildBackbone(graph);
    // The scenario's address plan: every block named, none overlapping, written with the
    // results. The backbone's /30s (BuildBackbone) and the origin farm's /20s are fixed
    // ranges, reserved; the populations and the hosts beside the PoPs are allocated.
    AddressPlan plan;
    plan.Reserve("backbone",
                 Ipv4Address("10.0.0.0"),
                 AddressPlan::PrefixFor(4ULL * std::max<uint32_t>(1, graph.GetLinkCount())));
    plan.Reserve("origins", Ipv4Address("10.128.0.0"), 12); // 256 origin nodes' /20s
    plan.AddPool("access", Ipv4Address("10.32.0.0"), 11);
    const Ipv4Address sitesNet("10.200.0.0");
    const Ipv4Mask sitesMask("/13");
    plan.AddPool("sites", sitesNet, sitesMask.GetPrefixLength());
    std::vector<Time> oneWay;
    for (double ms : {5, 10, 20, 40, 80, 160})
    {
        oneWay.push_back(MilliSeconds(ms));
    }
    // The Internet edge: with --firewall a node of its own between the edge PoP and the farm
    // ([Depot] §4.2: a firewall between the proxies and the external networks).
    PointToPointHelper hostLink;
    hostLink.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    hostLink.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
    Ptr<Node> edgeNode = pops.Get(edgePop);
    NetDeviceContainer edgeLink;
    if (firewall)
    {
        edgeNode = CreateObject<Node>();
        InstallInternetStackWithTcp(
            InternetStackHelper(), edgeNode, FastDemuxTcpL4Protocol::GetTypeId().GetName());
        edgeLink = plan.Link(hostLink, pops.Get(edgePop), edgeNode, "sites", "edge-link");
    }
    OriginFarmHelper farm(edgeNode, oneWay, plan.Get("origins").network);
    farm.SetSynLoss(synLoss);
    for (uint32_t k = 0; k < 3; ++k)
    {
        for (const auto& r : records[k])
        {
            if (!farm.HasServer(r.server))
            {
                const std::string host = r.server.substr(serverPrefix[k].size());
                farm.AddServer(r.server, workloads[k]->GetServerRtt(host));
            }
        }
    }
    stream += farm.AssignStreams(stream);
    for (const auto& r : records)
    {
        farm.AddObjects(r);
    }
    const OriginFarmHelper* farmPtr = &farm;
    auto resolve = [farmPtr](const std::string& host)
    {
        return farmPtr->Resolve(host);
    };
    placer.SetProxyResolver(resolve);
    // The firewall with its exit for the proxies ([Depot] §4.2, Fig. 4). Interface 1 of the
    // edge node (the link to the edge PoP) is the inside.
    EdgeSite edge;
    NetDeviceContainer parentLink;
    if (firewall)
    {
        InternetEdgeHelper eh;
        eh.SetDesign(InternetEdgeHelper::ParseDesign(edgeProxy));
        // Two entries per relayed connection (proxy -> gateway, gateway -> origin).
        eh.SetFirewallAttribute("MaxEntries", UintegerValue(16384));
        eh.SetGatewayAttribute("MaxSessions", UintegerValue(4096));
        eh.SetParentAttribute("CacheSize", UintegerValue(cacheBytes));
        eh.SetParentResolver(resolve);
        Ptr<Node> parentHost;
        if (edgeProxy == "parent")
        {
            // [Depot] Fig. 4's external proxy: a host on the firewall's outside, linked after
            // the farm (device 2 stays the first origin link), which reaches the origins
            // itself; the edge node routes between it and the farm.
            parentHost = CreateObject<Node>();
            InstallInternetStackWithTcp(
                InternetStackHelper(), parentHost, FastDemuxTcpL4Protocol::GetTypeId().GetName());
            parentLink = plan.Link(hostLink, edgeNode, parentHost, "sites", "parent-link");
        }
        edge.pieces = eh.Install(edgeNode, parentHost);
        edge.pieces.firewall->TraceConnectWithoutContext(
            "Drop",
            MakeBoundCallback(
                +[](EdgeSite* e, Ptr<const Packet>, const Ipv4Header&, int32_t rule)
                {
                    e->deniedIn += rule == Firewall::DEFAULT_POLICY;
                    e->deniedOut += rule == int32_t(InternetEdgeHelper::DENY_OUT);
                },
                &edge));
        placer.SetProxyAttribute(edge.pieces.proxyAttribute, AddressValue(edge.pieces.exit));
    }
    // Each proxy on a host of its own beside its PoP's router, so that a proxy crash leaves
    // the backbone's routing intact.
    ApplicationContainer placed
        = placer.InstallOnHosts(problem, placement, pops, hostLink, plan, "sites");

    // Access networks, each behind its own core router linked to its PoP.
    ModemPoolHelper pool;
    pool.SetAddressPlan(plan, "modems", "access");
    pool.Install(modems);
    // The LANs of each depot site ("lan", "lan-2", ... at the first, "lan2", ... at the
    // second): the site's LAN clients split evenly, at most --lanSize per LAN.
    std::vector<LanClientsHelper> lans(depotSites * lansPerSite);
    std::vector<uint32_t> lanSite(lans.size());
    for (uint32_t k = 0; k < depotSites; ++k)
    {
        for (uint32_t j = 0; j < lansPerSite; ++j)
        {
            LanClientsHelper& lan = lans[k * lansPerSite + j];
            lanSite[k * lansPerSite + j] = k;
            lan.SetAddressPlan(plan, LanName(k, j), "access");
            lan.Install(lanClients / lansPerSite + (j < lanClients % lansPerSite ? 1 : 0));
        }
    }
    PointToPointHelper access;
    access.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    access.SetChannelAttribute("Delay", TimeValue(MicroSeconds(100)));
    // The access links are the backbone's ("sites"), not the access networks' blocks.
    NetDeviceContainer modemAccess = pool.LinkTo(pops.Get(modemPop), access, "sites");
    // Each LAN's core router linked to its site's PoP: the first site's here, the others'
    // with their sites below.
    std::vector<NetDeviceContainer> lanAccesses;
    auto linkLans = [&](uint32_t k, uint32_t pop)
    {
        for (uint32_t j = 0; j < lansPerSite; ++j)
        {
            lanAccesses.push_back(lans[k * lansPerSite + j].LinkTo(pops.Get(pop), access, "sites"));
        }
    };
    linkLans(0, lanPop);

    // The intercepted population ([ProxyTeller]'s setting: the ISP's forward proxy takes its
    // customers' web traffic): clients on a segment behind an access router at their PoP,
    // which runs the proxy and, with --interception, redirects port 80 to it. Only this
    // population's traffic passes the access router, so no transit traffic is intercepted.
    // At most --lanSize clients per segment ("intercepted-lan", "intercepted-lan-2", ...), each
    // on a port of the access router; the proxy's address is the router's on the first.
    AccessRouterHelper intercepted;
    intercepted.SetAccessLink(access);
    intercepted.SetSegmentSize(lanSize);
    intercepted.SetAddressPlan(plan, "intercepted", "sites");
    intercepted.Install(pops.Get(interceptPop), icClients);
    const Ptr<Node> icRouter = intercepted.GetRouter();
    const NodeContainer icNodes = intercepted.GetClients();
    const Ipv4Address icProxy = intercepted.GetRouterAddress();
    const uint32_t icSegments = intercepted.GetSegmentPorts().GetN();

    // The DNS alias server on a host beside the LAN's PoP.
    Ptr<Node> dnsHost = CreateObject<Node>();
    InternetStackHelper().Install(dnsHost);
    NetDeviceContainer dnsLink
        = plan.Link(hostLink, pops.Get(lanPop), dnsHost, "sites", "dns-link");
    // The host is the link's second address (the PoP's router the first).
    const Ipv4Address dnsAddress(plan.Get("dns-link").network.Get() + 2);

    // The depot sites ([Depot] Fig. 3, DepotSiteHelper): at each, LAN A (PoP, depots, VIP) and
    // LAN B (PoP, depots, proxy pool, the pool's gateway). The pool reaches the origins, and
    // the edge's gateway or parent among the sites, through the PoP and answers its clients
    // through the gateway, where the master depot rewrites the replies ([Depot] NAT).
    ProxyCacheHelper poolHelper(3128);
    poolHelper.SetAttribute("CacheSize", UintegerValue(cacheBytes));
    poolHelper.SetResolver(resolve);
    if (firewall)
    {
        edge.pieces.ConfigureProxies(poolHelper);
    }
    DepotSiteHelper siteHelper;
    siteHelper.SetProxyCount(poolProxies);
    siteHelper.SetProxyHelper(poolHelper);
    siteHelper.SetDepotAttribute("ResetClientsOnFailure", BooleanValue(true));
    siteHelper.SetStandbyAttribute("Mode", StringValue(standby));
    siteHelper.AddOutboundRoute(plan.Get("origins").network, plan.Get("origins").GetMask());
    siteHelper.AddOutboundRoute(sitesNet, sitesMask);
    std::vector<DepotSiteHelper::Site> sites;
    sites.push_back(siteHelper.Install(pops.Get(lanPop), plan, "depot", "sites"));
    for (uint32_t k = 1; k < depotSites; ++k)
    {
        // Further sites after every block of the first, which keeps its addresses.
        linkLans(k, sitePops[k]);
        sites.push_back(
            siteHelper.Install(pops.Get(sitePops[k]), plan, SiteName("depot", k), "sites"));
    }
    Ipv4GlobalRoutingHelper::RecomputeRoutingTables();
    ApplicationContainer poolApps;
    for (const auto& site : sites)
    {
        poolApps.Add(site.proxyApps);
    }
    const Ipv4Address vip = sites[0].vip;
    // The intercepted population's proxy, on its access router.
    poolHelper.SetAttribute("Intercepting", BooleanValue(interception));
    ApplicationContainer icProxyApp = poolHelper.Install(icRouter);
    std::vector<Ptr<TransparentInterceptor>> interceptors;
    if (interception)
    {
        interceptors = TransparentInterceptionHelper().Install(NodeContainer(icRouter));
    }
    Counters counters;
    // The crashed site's backup (--depotFaultSite).
    const uint32_t faultSite = depotFaultSite - 1;
    sites[faultSite].standbys[1]->TraceConnectWithoutContext(
        "Failover",
        MakeBoundCallback(
            +[](Counters* c, double at, Time)
            {
                if (c->takeover < 0)
                {
                    c->takeover = Simulator::Now().GetSeconds() - at;
                }
            },
            &counters,
            depotFailAt.GetSeconds()));

    // Hit ratios, and the timeline of cache results and depot sessions for the plots
    // (utils/plot-isp-backbone.py: hit ratio over time, depot load per proxy).
    std::ofstream timeline(prefix + "-timeline.csv");
    NS_ABORT_MSG_IF(!timeline, "isp-backbone: cannot write " << prefix << "-timeline.csv");
    timeline << "time,source,subject,event,bytes\n";
    auto countResults
        = [&timeline](ApplicationContainer apps, const char* group, uint64_t* hits, uint64_t* total)
    {
        for (uint32_t i = 0; i < apps.GetN(); ++i)
        {
            apps.Get(i)->TraceConnectWithoutContext("CacheResult",
                                                    MakeBoundCallback(
                                                        +[](uint64_t* h,
                                                            uint64_t* t,
                                                            std::ofstream* os,
                                                            const char* g,
                                                            uint32_t node,
                                                            const std::string&,
                                                            const std::string& x,
                                                            uint64_t bytes)
                                                        {
                                                            ++*t;
                                                            *h += x == "HIT" || x == "REFRESH_HIT";
                                                            *os << Simulator::Now().GetSeconds()
                                                                << "," << g << ",node" << node
                                                                << "," << x << "," << bytes << "\n";
                                                        },
                                                        hits,
                                                        total,
                                                        &timeline,
                                                        group,
                                                        apps.Get(i)->GetNode()->GetId()));
        }
    };
    std::vector<Ptr<Depot>> depotApps; // depot0, depot1 at the first site, then the next
    for (const auto& site : sites)
    {
        depotApps.insert(depotApps.end(), site.depotApps.begin(), site.depotApps.end());
    }
    for (uint32_t d = 0; d < depotApps.size(); ++d)
    {
        depotApps[d]->TraceConnectWithoutContext(
            "SessionOpened",
            MakeBoundCallback(
                +[](std::ofstream* os, uint32_t depot, Ipv4Address, uint16_t, uint32_t proxy)
                {
                    *os << Simulator::Now().GetSeconds() << ",depot" << depot << ",proxy" << proxy
                        << ",opened,0\n";
                },
                &timeline,
                d));
    }
    countResults(placed, "placed", &counters.placedHits, &counters.placedTotal);
    countResults(poolApps, "pool", &counters.poolHits, &counters.poolTotal);
    countResults(icProxyApp, "intercepting", &counters.icHits, &counters.icTotal);
    if (edge.pieces.parent)
    {
        countResults(ApplicationContainer(edge.pieces.parent),
                     "parent",
                     &counters.parentHits,
                     &counters.parentTotal);
    }

    // The clients stop once every request had the time to end (its last byte or its timeout).
    const Time drain = responseTimeout + Seconds(11);
    const Time stop = duration + Seconds(1) + drain;
    // Clients: the modem pool through its PoP's proxy (or direct), the LAN through the depot.
    const uint32_t modemServer = placer.GetAssignment()[modemPop];
    const bool modemUsesProxy = placer.UsesProxy(modemPop);
    TraceReplayHelper replay(resolve);
    replay.SetClientAttribute("MaxOutstanding", UintegerValue(4));
    replay.SetClientAttribute("ResponseTimeout", TimeValue(responseTimeout));
    replay.SetClientAttribute("ConnectTimeout", TimeValue(Seconds(10)));
    replay.SetClientAttribute("PersistentConnections", BooleanValue(true));
    replay.SetTracePersistence(false);
    replay.SetTimeOffset(Seconds(1));
    replay.SetClientAttribute("Proxy", AddressValue(placer.GetProxyFor(modemPop)));
    const auto sessions = ModemPoolHelper::AssignSessions(records[0], modems);
    ApplicationContainer modemApps = replay.Install(pool.GetModems(), sessions.perModem);
    // The LAN: with --dns each client node resolves the depot alias (ProxyAliasResolver, one
    // per node, again when the TTL runs out); otherwise it is given the virtual address.
    const std::string alias = "depot.isp.example";
    DnsAliasServerHelper dnsHelper;
    dnsHelper.SetAttribute("Ttl", TimeValue(dnsTtl));
    dnsHelper.SetAttribute("Policy", StringValue(dnsPolicy));
    std::vector<Ipv4Address> vips;
    NodeContainer lanNodes;
    for (uint32_t k = 0; k < depotSites; ++k)
    {
        vips.push_back(sites[k].vip);
    }
    for (const auto& lan : lans)
    {
        lanNodes.Add(lan.GetClients());
    }
    dnsHelper.AddAlias(alias, vips);
    Ptr<DnsAliasServer> dnsServer;
    ApplicationContainer aliasResolvers; // one per LAN client node
    replay.SetClientAttribute("Proxy", AddressValue());
    ApplicationContainer lanApps = replay.InstallPerClient(lanNodes, records[1]);
    if (!dns)
    {
        // Each LAN client is given its own site's VIP.
        std::map<uint32_t, uint32_t> siteOf;
        for (uint32_t l = 0; l < lans.size(); ++l)
        {
            for (uint32_t i = 0; i < lans[l].GetClients().GetN(); ++i)
            {
                siteOf[lans[l].GetClients().Get(i)->GetId()] = lanSite[l];
            }
        }
        for (uint32_t i = 0; i < lanApps.GetN(); ++i)
        {
            const uint32_t k = siteOf.at(lanApps.Get(i)->GetNode()->GetId());
            lanApps.Get(i)->SetAttribute("Proxy",
                                         AddressValue(InetSocketAddress(sites[k].vip, 3128)));
        }
    }
    else
    {
        // Each LAN's block prefers its own site ([Depot]'s first level by locality); with
        // RoundRobin every answer is the next VIP.
        for (uint32_t l = 0; l < lans.size(); ++l)
        {
            const AddressPlan::Block& b = plan.Get(LanName(lanSite[l], l % lansPerSite) + "/lan");
            dnsHelper.AddLocality(b.network, b.GetMask(), sites[lanSite[l]].vip);
        }
        dnsServer = DynamicCast<DnsAliasServer>(dnsHelper.Install(dnsHost).Get(0));
        aliasResolvers = ProxyAliasResolverHelper(alias, dnsAddress).Install(lanApps);
        aliasResolvers.Stop(stop);
    }
    // The intercepted population: direct to the origins (their port 80 is taken at the
    // access router), or with --interception=false configured with the same proxy.
    replay.SetClientAttribute(
        "Proxy", interception ? AddressValue() : AddressValue(InetSocketAddress(icProxy, 3128)));
    ApplicationContainer icApps = replay.InstallPerClient(icNodes, records[2]);
    modemApps.Stop(stop);
    lanApps.Stop(stop);
    icApps.Stop(stop);
    ApplicationContainer allApps(modemApps);
    allApps.Add(lanApps);
    allApps.Add(icApps);
    Ptr<RequestRecordWriter> all = Create<RequestRecordWriter>(prefix + "-requests.csv");
    all->Attach(allApps);
    Ptr<RequestRecordWriter> modemRecords = Create<RequestRecordWriter>();
    modemRecords->Attach(modemApps);
    Ptr<RequestRecordWriter> lanRecords = Create<RequestRecordWriter>();
    lanRecords->Attach(lanApps);
    Ptr<RequestRecordWriter> icRecords = Create<RequestRecordWriter>();
    icRecords->Attach(icApps);
    // What each fault cost: a request fails within a fault's window, from the fault until
    // its repair plus the time a client needs to notice (connect and response timeouts).
    Ptr<FaultImpact> impact = Create<FaultImpact>();
    impact->SetGrace(responseTimeout + Seconds(10 + 1));
    impact->Attach(allApps);

    // Faults, also marked on the topology picture (placed proxies filled, the edge PoP boxed).
    FaultInjectionHelper faults;
    PlacementReport picture(graph, placement);
    picture.AddMetric("latency", problem);
    auto window = [](Time a, Time b)
    {
        std::ostringstream w;
        w << a.GetSeconds() << "-" << b.GetSeconds() << " s";
        return w.str();
    };
    if (proxyFault && modemUsesProxy)
    {
        faults.Crash(placer.GetNode(modemServer), proxyFailAt);
        faults.Revive(placer.GetNode(modemServer), proxyReviveAt);
        picture.MarkNode(modemServer, "crash " + window(proxyFailAt, proxyReviveAt));
        impact->AddWindow(
            "proxy crash at " + graph.GetNode(modemServer).name, proxyFailAt, proxyReviveAt);
    }
    for (uint32_t k = 0; k < depotSites; ++k)
    {
        if (!depotFault || k != faultSite)
        {
            picture.MarkNode(sitePops[k], "depot pair");
        }
    }
    if (depotFault)
    {
        faults.Crash(sites[faultSite].depots.Get(0), depotFailAt);
        faults.Revive(sites[faultSite].depots.Get(0), depotReviveAt);
        picture.MarkNode(sitePops[faultSite], "depot crash " + window(depotFailAt, depotReviveAt));
        impact->AddWindow("master depot crash at " + graph.GetNode(sitePops[faultSite]).name,
                          depotFailAt,
                          depotReviveAt);
    }
    if (linkFault)
    {
        // The edge PoP's link on the modem pool's shortest path (through its proxy).
        const uint32_t from = modemUsesProxy ? modemServer : modemPop;
        const uint32_t best = latency.GetLastLink(graph, from, edgePop);
        const auto links = graph.GetLinks();
        // The IGP routes around the failed link after the convergence time, and back at once
        // when it is restored.
        faults.SetRerouteAfter(convergence);
        faults.FailLink(placer.GetDevices().Get(2 * best), linkFailAt);
        faults.RestoreLink(placer.GetDevices().Get(2 * best), linkRestoreAt);
        picture.MarkLink(links[best].a, links[best].b, "down " + window(linkFailAt, linkRestoreAt));
        impact->AddWindow("link " + graph.GetNode(links[best].a).name + "-"
                              + graph.GetNode(links[best].b).name + " down",
                          linkFailAt,
                          linkRestoreAt);
    }

    {
        std::ofstream dot(prefix + "-topology.dot");
        picture.WriteDot(dot);
    }
    try
    {
        picture.WritePng(prefix + "-topology.png");
    }
    catch (const std::runtime_error& e)
    {
        std::cerr << "isp-backbone: no topology picture: " << e.what() << "\n";
    }

    // Hostile traffic from the Internet: spoofed SYNs from an origin node at the depot's
    // virtual address, which the firewall's default deny inbound drops.
    if (firewall && hostileRate > 0)
    {
        edge.hostile = CreateObject<SpoofedFloodApplication>();
        edge.hostile->SetAttribute("Target", Ipv4AddressValue(vip));
        edge.hostile->SetAttribute("TargetPort", UintegerValue(3128));
        edge.hostile->SetAttribute("SynRate", DoubleValue(hostileRate));
        stream += edge.hostile->AssignStreams(stream);
        farm.GetNodes().Get(0)->AddApplication(edge.hostile);
        edge.hostile->SetStartTime(Seconds(1));
        edge.hostile->SetStopTime(duration + Seconds(1));
    }

    // Bytes by link class.
    uint64_t backboneBytes = 0;
    uint64_t originBytes = 0;
    uint64_t accessBytes = 0;
    CountBytes(placer.GetDevices(), &backboneBytes);
    for (uint32_t i = 0; i < farm.GetNodes().GetN(); ++i)
    {
        CountBytes(NetDeviceContainer(farm.GetNodes().Get(i)->GetDevice(1)), &originBytes);
    }
    CountBytes(modemAccess, &accessBytes);
    for (const auto& d : lanAccesses)
    {
        CountBytes(d, &accessBytes);
    }

    for (const auto& name : pcapPops)
    {
        Ptr<Node> n = pops.Get(graph.GetNodeIndex(name));
        for (uint32_t i = 1; i < n->GetNDevices(); ++i)
        {
            if (DynamicCast<PointToPointNetDevice>(n->GetDevice(i)))
            {
                PointToPointHelper().EnablePcap(prefix + "-" + name, n->GetDevice(i), true);
            }
        }
    }
    if (pcapSites.count("firewall") && firewall)
    {
        // Inside: SOCKS; outside (the first origin node's link): HTTP from the gateway.
        hostLink.EnablePcap(prefix + "-firewall", edgeLink.Get(1), true);
        hostLink.EnablePcap(prefix + "-firewall", edgeNode->GetDevice(2), true);
        if (parentLink.GetN() > 0)
        {
            hostLink.EnablePcap(prefix + "-firewall", parentLink.Get(1), true);
        }
    }
    if (pcapSites.count("dns"))
    {
        hostLink.EnablePcap(prefix + "-dns", dnsLink.Get(1), true);
    }
    if (pcapSites.count("interception"))
    {
        CsmaHelper().EnablePcap(prefix + "-interception", intercepted.GetSegmentPorts(), true);
    }
    if (pcapSites.count("depot"))
    {
        for (uint32_t k = 0; k < depotSites; ++k)
        {
            siteHelper.EnablePcap(prefix + "-" + SiteName("depot", k), sites[k]);
        }
    }
    // ns-3's own draws (ARP jitter, CSMA backoff) on streams of their own, numbered by node,
    // far above the applications': a script that adds an application keeps the network's.
    const int64_t networkStreams = 1000000;
    NS_ABORT_MSG_IF(stream > networkStreams,
                    "isp-backbone: the applications' streams reach the network's");
    AssignNetworkStreams(NodeContainer::GetGlobal(), networkStreams);
    FlowMonitorHelper flowHelper;
    Ptr<FlowMonitor> monitor;
    if (flowmon)
    {
        monitor = flowHelper.InstallAll();
    }
    std::unique_ptr<ShowProgress> showProgress;
    if (progress)
    {
        showProgress = std::make_unique<ShowProgress>(Seconds(10), std::cerr);
    }
    // Time for the last requests to end (complete or time out).
    Simulator::Stop(stop + Seconds(1));
    Simulator::Run();
    if (monitor)
    {
        monitor->SerializeToXmlFile(prefix + "-flowmon.xml", false, false);
    }
    all->Close();

    // The summary.
    std::ostringstream os;
    os << "isp-backbone: " << SystemPath::Split(graph.GetName()).back() << ": " << nPops
       << " PoPs, " << graph.GetLinkCount() << " links; edge (origin farm, "
       << farm.GetServerCount() << " servers) at " << graph.GetNode(edgePop).name << "\n";
    os << "modem pool at " << graph.GetNode(modemPop).name << ": " << modems << " modems, "
       << users[0] << " users, " << records[0].size() << " requests (" << sessions.rejectedRequests
       << " in sessions that found every modem busy); via "
       << (modemUsesProxy ? "proxy " + graph.GetNode(modemServer).name : std::string("no proxy"))
       << "\n";
    // Beyond --lanSize a site has several LANs, each with its own uplink.
    const std::string lanCount = lansPerSite == 1 ? std::string()
                                                  : "in " + std::to_string(lansPerSite)
                                                        + " LANs per site (T1 uplink each), ";
    if (depotSites == 1)
    {
        os << (lansPerSite == 1 ? "LAN at " : "LANs at ") << graph.GetNode(lanPop).name << ": "
           << lanClients << " clients, " << lanCount << users[1] << " users, " << records[1].size()
           << " requests; via depot pair (" << standby << " standby) and " << poolProxies
           << " proxies";
    }
    else
    {
        os << "LANs at";
        for (uint32_t k = 0; k < depotSites; ++k)
        {
            os << (k ? ", " : " ") << graph.GetNode(sitePops[k]).name;
        }
        os << ": " << lanClients << " clients each, " << lanCount << users[1] << " users, "
           << records[1].size() << " requests; via the depot pair at their PoP (" << standby
           << " standby) and its " << poolProxies << " proxies";
    }
    os << (dns               ? ", found by DNS alias " + alias
           : depotSites == 1 ? std::string(", given its address")
                             : std::string(", given their site's address"))
       << "\n";
    os << "intercepted at " << graph.GetNode(interceptPop).name << ": " << icClients << " clients, "
       << (icSegments == 1 ? std::string() : "on " + std::to_string(icSegments) + " segments, ")
       << users[2] << " users, " << records[2].size() << " requests; "
       << (interception ? "port 80 intercepted by the access router's proxy"
                        : "configured with the access router's proxy")
       << "\n";
    os << "edge: "
       << (!firewall ? "no firewall; the proxies connect to the origins"
           : edge.pieces.gateway
               ? "firewall (default deny inbound) with SOCKS5 gateway; the proxies connect "
                 "through it"
               : "firewall (default deny inbound) with a parent proxy outside it; the proxies "
                 "send every miss to it")
       << "\n";
    os << "placement (greedy, " << proxies << " proxies):";
    for (uint32_t p : placement.proxies)
    {
        os << " " << graph.GetNode(p).name;
    }
    os << std::fixed << std::setprecision(1) << "; improvement " << 100 * placement.GetImprovement()
       << " %\n\n";
    os << "class     requests  completed  failed  aborted    mean_s  median_s     p90_s\n";
    PrintClass(os, "modem", modemRecords->GetSummary());
    PrintClass(os, "lan", lanRecords->GetSummary());
    PrintClass(os, "intcpt", icRecords->GetSummary());
    PrintClass(os, "all", all->GetSummary());
    auto ratio = [](uint64_t h, uint64_t t)
    {
        return t ? 100.0 * double(h) / double(t) : 0.0;
    };
    os << std::setprecision(1) << "\nhit ratio: placed proxies " << counters.placedHits << "/"
       << counters.placedTotal << " (" << ratio(counters.placedHits, counters.placedTotal)
       << " %), depot pool " << counters.poolHits << "/" << counters.poolTotal << " ("
       << ratio(counters.poolHits, counters.poolTotal) << " %), intercepting proxy "
       << counters.icHits << "/" << counters.icTotal << " ("
       << ratio(counters.icHits, counters.icTotal) << " %)";
    if (edge.pieces.parent)
    {
        os << ", parent proxy " << counters.parentHits << "/" << counters.parentTotal << " ("
           << ratio(counters.parentHits, counters.parentTotal) << " %)";
    }
    os << "\n";
    os << std::setprecision(2) << "bytes sent: backbone " << backboneBytes / 1e6
       << " MB, origin links " << originBytes / 1e6 << " MB, PoP access links " << accessBytes / 1e6
       << " MB\n";
    if (dns)
    {
        uint64_t lookups = 0;
        uint64_t answers = 0;
        uint64_t failures = 0;
        for (uint32_t i = 0; i < aliasResolvers.GetN(); ++i)
        {
            Ptr<ProxyAliasResolver> r = DynamicCast<ProxyAliasResolver>(aliasResolvers.Get(i));
            lookups += r->GetLookups();
            answers += r->GetAnswers();
            failures += r->GetFailures();
        }
        os << "DNS alias " << alias << " (" << dnsPolicy << ", TTL "
           << uint64_t(dnsTtl.GetSeconds()) << " s): server answered "
           << dnsServer->GetAnswerCount() << " of " << dnsServer->GetQueryCount()
           << " queries (NXDOMAIN " << dnsServer->GetNxDomainCount() << "); "
           << aliasResolvers.GetN() << " client nodes looked up " << lookups << " times, "
           << answers << " answers, " << failures << " failures\n";
    }
    if (firewall)
    {
        const auto& f = edge.pieces.firewall->GetCounters();
        os << "firewall: " << f.accepted << " packets allowed, " << f.dropped << " denied ("
           << edge.deniedIn << " by the default deny inbound, "
           << (edge.hostile ? edge.hostile->GetSynsSent() : 0) << " hostile SYNs sent; "
           << edge.deniedOut << " inside packets bypassing the "
           << (edge.pieces.gateway ? "gateway" : "parent proxy") << "); " << f.flows
           << " flows tracked\n";
    }
    if (edge.pieces.gateway)
    {
        const auto& g = edge.pieces.gateway->GetCounters();
        os << "SOCKS gateway: " << g.accepted << " connections, " << g.connected
           << " CONNECTs succeeded, "
           << g.notAllowed + g.unreachable + g.refused + g.generalFailures + g.authFailed
           << " refused, " << g.malformed << " malformed; relayed " << std::setprecision(2)
           << g.bytesToClient / 1e6 << " MB to the proxies\n";
    }
    if (interception)
    {
        const auto& c = interceptors[0]->GetCounters();
        os << "interception: " << c.connections << " connections redirected to the proxy ("
           << c.tableFull << " left to their origin: table full)\n";
    }
    os << "\n";
    impact->Print(os);
    uint64_t replayed = records[1].size() + records[2].size();
    for (const auto& m : sessions.perModem)
    {
        replayed += m.size();
    }
    std::set<uint32_t> clientNodes;
    for (uint32_t i = 0; i < allApps.GetN(); ++i)
    {
        clientNodes.insert(allApps.Get(i)->GetNode()->GetId());
    }
    os << "requests replayed " << replayed << " by " << allApps.GetN() << " WebClients on "
       << clientNodes.size() << " client nodes, ended " << all->GetSummary().GetRequests()
       << ", failed by the clients' stop " << impact->GetStopped() << "\n";
    if (depotFault)
    {
        const auto c = sites[faultSite].standbys[1]->GetCounters();
        os << std::setprecision(3) << "depot takeover: "
           << (counters.takeover < 0 ? std::string("none")
                                     : std::to_string(counters.takeover).substr(0, 5) + " s")
           << " after the crash; connections broken by the failover: " << c.broken << "\n";
    }
    std::cout << os.str();
    std::ofstream(prefix + "-summary.txt") << os.str();
    std::ofstream(prefix + "-address-plan.txt") << plan.Print();
    std::cout << "\nWrote " << prefix
              << "-requests.csv, -summary.txt, -timeline.csv, -topology.dot, -topology.png, "
                 "-address-plan.txt"
              << (flowmon ? ", -flowmon.xml" : "") << (pcap.empty() ? "" : ", PCAP files") << "\n";
    Simulator::Destroy();
    return 0;
}
