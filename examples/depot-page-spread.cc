/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * [Depot] section 4.3: the TCP sessions of one page go to different proxies behind a depot,
 * so each proxy caches its own copy of every object and the hits spread over the proxies.
 * Three remedies beside one proxy and plain round robin: ICP siblings (RFC 2186: a proxy asks
 * the others before going to the origin), and a depot scheduler that hashes the client's
 * address, so that all sessions of a client meet the same proxy.
 *
 *   clients --LAN A (CSMA 100 Mbit/s)-- depot --LAN B (CSMA 100 Mbit/s)-- proxy 1..N
 *                                                                      |- gateway --WAN-- origin
 *
 * Workload: --pages pages of --objects objects (--size bytes each), shared by all clients.
 * Each client visits --visits pages, drawn by Zipf popularity (--alpha), an exponential think
 * time (mean --think) before each; the objects of a page are fetched one after the other, each
 * on a TCP connection of its own (no persistent connections), as [Depot]'s clients did. All
 * configurations replay the same draws. The WAN (--wanDelay one way, 10 Mbit/s) makes a
 * miss cost a few round trips more than a hit.
 *
 * Prints, per configuration: requests done and failed, origin fetches, local hits (X-Cache
 * HIT at the client), sibling hits (fetched from a sibling after an ICP HIT), the hit ratio
 * (requests not fetched from the origin), the mean request time, and sessions per proxy.
 */

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/option-checker.h"
#include "ns3/point-to-point-module.h"
#include "ns3/web-proxy-module.h"

#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

struct Options
{
    uint32_t clients = 12;
    uint32_t proxies = 3;
    uint32_t pages = 20;
    uint32_t objects = 4;
    uint32_t visits = 8;
    uint64_t size = 8000;
    double alpha = 0.8;
    Time think = Seconds(2);
    Time wanDelay = MilliSeconds(40);
    Time icpTimeout = Seconds(2);
};

/// One configuration: how many proxies, which scheduler, ICP or not.
struct Setup
{
    std::string name;
    uint32_t proxies;
    std::string scheduler;
    bool icp;
};

struct Outcome
{
    uint64_t done = 0;
    uint64_t failed = 0;
    uint64_t originFetches = 0;
    uint64_t localHits = 0;
    uint64_t siblingHits = 0;
    uint64_t icpTimeouts = 0;
    double latency = 0; //!< sum of request times, s
    std::vector<uint64_t> sessions;
    uint64_t expected = 0;
};

/// The requests of every client, drawn once.
using Workload = std::vector<std::vector<WebRequest>>;

Workload
Draw(const Options& o)
{
    Ptr<ZipfRandomVariable> page = CreateObject<ZipfRandomVariable>();
    page->SetAttribute("N", IntegerValue(o.pages));
    page->SetAttribute("Alpha", DoubleValue(o.alpha));
    page->SetStream(1000);
    Ptr<ExponentialRandomVariable> think = CreateObject<ExponentialRandomVariable>();
    think->SetAttribute("Mean", DoubleValue(o.think.GetSeconds()));
    think->SetStream(1001);
    Workload w(o.clients);
    for (auto& requests : w)
    {
        for (uint32_t v = 0; v < o.visits; ++v)
        {
            const uint32_t p = page->GetInteger();
            for (uint32_t k = 0; k < o.objects; ++k)
            {
                WebRequest r;
                r.host = "www.example.com";
                r.path = "/page" + std::to_string(p) + "/obj" + std::to_string(k);
                r.thinkTime = k == 0 ? Seconds(think->GetValue()) : Seconds(0);
                requests.push_back(r);
            }
        }
    }
    return w;
}

Outcome
Run(const Setup& cfg, const Workload& w, const Options& o)
{
    NodeContainer clients;
    clients.Create(o.clients);
    NodeContainer proxies;
    proxies.Create(cfg.proxies);
    Ptr<Node> depotNode = CreateObject<Node>();
    Ptr<Node> gateway = CreateObject<Node>();
    Ptr<Node> originNode = CreateObject<Node>();
    NodeContainer all(clients, proxies);
    all.Add(depotNode);
    all.Add(gateway);
    all.Add(originNode);
    InternetStackHelper().Install(all);

    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(5)));
    NetDeviceContainer lanA = csma.Install(NodeContainer(clients, NodeContainer(depotNode)));
    NetDeviceContainer lanB
        = csma.Install(NodeContainer(NodeContainer(depotNode), proxies, NodeContainer(gateway)));
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(o.wanDelay));
    NetDeviceContainer wan = p2p.Install(gateway, originNode);
    Ipv4AddressHelper a;
    a.SetBase("10.1.0.0", "255.255.0.0");
    const Ipv4Address vip = a.Assign(lanA).GetAddress(o.clients);
    a.SetBase("10.2.0.0", "255.255.255.0");
    Ipv4InterfaceContainer b = a.Assign(lanB);
    a.SetBase("10.3.0.0", "255.255.255.0");
    const Ipv4Address origin = a.Assign(wan).GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    NeighborCacheHelper().PopulateNeighborCache(); // no ARP losses in the first bursts

    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    for (uint32_t p = 1; p <= o.pages; ++p)
    {
        for (uint32_t k = 0; k < o.objects; ++k)
        {
            WebObject obj;
            obj.path = "/page" + std::to_string(p) + "/obj" + std::to_string(k);
            obj.size = o.size;
            obj.lastModified = Days(-30); // fresh in the proxies for the whole run
            catalog->Add(obj);
        }
    }
    Outcome out;
    OriginServerHelper server(80);
    server.SetCatalog(catalog);
    ApplicationContainer apps = server.Install(originNode);
    apps.Get(0)->TraceConnectWithoutContext(
        "Request",
        MakeBoundCallback(
            +[](Outcome* out, const HttpRequestHeader&, const Address&) { ++out->originFetches; },
            &out));

    const uint16_t port = 8080;
    ProxyCacheHelper proxy(port);
    proxy.SetResolver([origin](const std::string&) -> Address
                      { return InetSocketAddress(origin, 80); });
    proxy.SetAttribute("IcpTimeout", TimeValue(o.icpTimeout));
    if (cfg.icp)
    {
        proxy.SetSiblings(proxies);
    }
    ApplicationContainer caches = proxy.Install(proxies);

    DepotHelper dh(vip, port);
    dh.SetScheduler(cfg.scheduler);
    for (uint32_t i = 0; i < cfg.proxies; ++i)
    {
        dh.AddProxy(b.GetAddress(1 + i), port);
    }
    Ptr<Depot> depot = DynamicCast<Depot>(dh.Install(depotNode).Get(0));

    out.expected = 0;
    for (const auto& requests : w)
    {
        out.expected += requests.size();
    }
    WebClientHelper client;
    client.SetAttribute("Proxy", AddressValue(InetSocketAddress(vip, port)));
    client.SetAttribute("PersistentConnections", BooleanValue(false));
    ApplicationContainer clientApps;
    for (uint32_t c = 0; c < o.clients; ++c)
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (const auto& r : w[c])
        {
            src->Add(r);
        }
        Ptr<Application> app = client.Install(clients.Get(c), src).Get(0);
        app->TraceConnectWithoutContext("RequestComplete",
                                        MakeBoundCallback(
                                            +[](Outcome* out, const RequestRecord& r)
                                            {
                                                ++out->done;
                                                out->failed += r.failed;
                                                out->latency += r.total.GetSeconds();
                                            },
                                            &out));
        app->TraceConnectWithoutContext(
            "ResponseReceived",
            MakeBoundCallback(
                +[](Outcome* out, const HttpResponseHeader& h, const Address&)
                { out->localHits += h["X-Cache"] == "HIT"; },
                &out));
        clientApps.Add(app);
    }
    int64_t stream = 0;
    stream += InternetStackHelper().AssignStreams(all, stream);
    stream += csma.AssignStreams(lanA, stream);
    stream += csma.AssignStreams(lanB, stream);
    stream += OriginServerHelper::AssignStreams(apps, stream);
    WebClientHelper::AssignStreams(clientApps, stream);
    // The depot's health checks would run on: the last record stops the run.
    WebClientHelper::StopWhenEnded(clientApps, out.expected);
    Simulator::Stop(Seconds(36000)); // a safety net for requests that never end
    Simulator::Run();
    for (uint32_t i = 0; i < caches.GetN(); ++i)
    {
        Ptr<ProxyCache> c = DynamicCast<ProxyCache>(caches.Get(i));
        out.siblingHits += c->GetCacheCounters().siblingHits;
        out.icpTimeouts += c->GetIcp().GetCounters().timeouts;
    }
    for (const DepotProxy& p : depot->GetProxies())
    {
        out.sessions.push_back(p.sessionsOpened);
    }
    Simulator::Destroy();
    return out;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    OptionChecker opt(cmd, "depot-page-spread");
    opt.AddInteger("clients", "client nodes", o.clients, 1, 200);
    opt.AddInteger("proxies", "proxies behind the depot", o.proxies, 2, 4);
    opt.AddInteger("pages", "distinct pages", o.pages, 1, 100000);
    opt.AddInteger("objects", "objects per page", o.objects, 1, 100);
    opt.AddInteger("visits", "pages each client visits", o.visits, 1, 10000);
    opt.AddInteger("size", "object size, bytes", o.size, 1, 100000000);
    opt.AddReal("alpha", "Zipf exponent of page popularity", o.alpha, 0, 5);
    opt.AddTime("think", "mean think time before a page", o.think, Seconds(0), Hours(1));
    opt.AddTime("wanDelay", "one-way delay to the origin", o.wanDelay, Seconds(0), Seconds(10));
    opt.AddTime("icpTimeout",
                "ICP lookup timeout (Squid's maximum_icp_query_timeout: 2 s)",
                o.icpTimeout,
                MilliSeconds(1),
                Seconds(60));
    opt.AddRunAliases();
    // Set on the proxies and clients by the example: their --ns3:: options would only set
    // defaults that it overwrites.
    opt.AddSetByOption("ns3::ProxyCache::IcpTimeout", "icpTimeout");
    opt.AddSetByProgram({"ns3::WebClient::Proxy", "ns3::WebClient::PersistentConnections"},
                        "set by the example (every client through the depot, one "
                        "connection per request, as the paper's browsers)",
                        "the example's options");
    opt.Parse(argc, argv);
    opt.Require(uint64_t(o.clients) * o.visits * o.objects <= 200000,
                "visits",
                "--clients x --visits x --objects is above 200000",
                "at most 200000 requests per configuration");
    opt.SetAttributeDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));

    const Workload w = Draw(o);
    const std::string n = std::to_string(o.proxies);
    const std::vector<Setup> configs = {
        {"one proxy", 1, "ns3::RoundRobinScheduler", false},
        {n + " proxies, round robin", o.proxies, "ns3::RoundRobinScheduler", false},
        {n + " proxies, round robin + ICP", o.proxies, "ns3::RoundRobinScheduler", true},
        {n + " proxies, source hash", o.proxies, "ns3::SourceHashScheduler", false},
    };
    std::cout << o.clients << " clients, " << o.pages << " pages x " << o.objects << " objects of "
              << o.size << " B, " << o.visits << " visits each (Zipf alpha " << o.alpha << "), WAN "
              << o.wanDelay.As(Time::MS) << " one way\n";
    std::cout << std::left << std::setw(32) << "configuration" << std::right << std::setw(7)
              << "done" << std::setw(7) << "failed" << std::setw(8) << "origin" << std::setw(8)
              << "local" << std::setw(9) << "sibling" << std::setw(11) << "hit ratio"
              << std::setw(11) << "mean (ms)"
              << "  sessions per proxy\n";
    for (const Setup& c : configs)
    {
        const Outcome r = Run(c, w, o);
        std::ostringstream sessions;
        for (size_t i = 0; i < r.sessions.size(); ++i)
        {
            sessions << (i ? "/" : "") << r.sessions[i];
        }
        const double ratio = r.done ? 100.0 * (1.0 - double(r.originFetches) / r.done) : 0;
        std::cout << std::left << std::setw(32) << c.name << std::right << std::setw(7) << r.done
                  << std::setw(7) << r.failed << std::setw(8) << r.originFetches << std::setw(8)
                  << r.localHits << std::setw(9) << r.siblingHits << std::setw(10) << std::fixed
                  << std::setprecision(1) << ratio << "%" << std::setw(11)
                  << (r.done ? 1000 * r.latency / r.done : 0) << "  " << sessions.str()
                  << (r.icpTimeouts ? "  ICP timeouts " : "")
                  << (r.icpTimeouts ? std::to_string(r.icpTimeouts) : "") << "\n";
        std::cout.unsetf(std::ios::fixed);
    }
    return 0;
}
