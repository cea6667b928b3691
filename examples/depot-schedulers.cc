/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A depot in front of two proxies of different capacity, with each scheduler in turn: what
 * [Depot]'s round robin loses on a heterogeneous pool, and what load-aware schedulers win.
 *
 *   client node (--clients WebClients) --100 Mbit/s-- depot --10 Mbit/s-- proxy 0
 *                                                           \--2 Mbit/s--- proxy 1
 *
 * The "proxies" are OriginServers (every request a hit); their capacity differs by their link.
 * Each client fetches --requests objects of --size bytes one after the other, one connection
 * each. Prints per scheduler: sessions per proxy, mean and 95th percentile request time, and
 * the time the last request completed.
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/option-checker.h"
#include "ns3/point-to-point-module.h"
#include "ns3/web-proxy-module.h"

#include <algorithm>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

struct Outcome
{
    std::vector<uint64_t> sessions;
    std::vector<double> times;
    double last = 0;
    uint32_t failed = 0;
    uint64_t synTimeouts = 0;
    uint64_t noSession = 0;
};

Outcome
Run(const std::string& scheduler, uint32_t nClients, uint32_t nRequests, uint64_t size)
{
    NodeContainer nodes;
    nodes.Create(4); // client, depot, proxy 0, proxy 1
    InternetStackHelper().Install(nodes);
    PointToPointHelper p2p;
    p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    NetDeviceContainer front = p2p.Install(nodes.Get(0), nodes.Get(1));
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    NetDeviceContainer fast = p2p.Install(nodes.Get(1), nodes.Get(2));
    p2p.SetDeviceAttribute("DataRate", StringValue("2Mbps"));
    NetDeviceContainer slow = p2p.Install(nodes.Get(1), nodes.Get(3));
    Ipv4AddressHelper a;
    a.SetBase("10.1.1.0", "255.255.255.0");
    const Ipv4Address vip = a.Assign(front).GetAddress(1); // the depot's own front address
    a.SetBase("10.1.2.0", "255.255.255.0");
    const Ipv4Address p0 = a.Assign(fast).GetAddress(1);
    a.SetBase("10.1.3.0", "255.255.255.0");
    const Ipv4Address p1 = a.Assign(slow).GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    catalog->Add("/o", size);
    OriginServerHelper server(8080);
    server.SetCatalog(catalog);
    server.Install(NodeContainer(nodes.Get(2), nodes.Get(3)));

    DepotHelper depot(vip, 80);
    depot.SetScheduler(scheduler);
    if (scheduler == "ns3::WeightedRoundRobinScheduler")
    {
        depot.AddProxy(p0, 8080, 5); // the link speed ratio
        depot.AddProxy(p1, 8080, 1);
    }
    else
    {
        depot.AddProxy(p0, 8080);
        depot.AddProxy(p1, 8080);
    }
    Ptr<Depot> d = DynamicCast<Depot>(depot.Install(nodes.Get(1)).Get(0));

    Outcome out;
    WebClientHelper client;
    client.SetAttribute("PersistentConnections", BooleanValue(false));
    ApplicationContainer clients;
    for (uint32_t c = 0; c < nClients; ++c)
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (uint32_t k = 0; k < nRequests; ++k)
        {
            WebRequest r;
            r.host = "proxy.example.com";
            r.path = "/o";
            r.server = InetSocketAddress(vip, 80);
            src->Add(r);
        }
        clients.Add(client.Install(nodes.Get(0), src));
    }
    auto record = +[](Outcome* o, const RequestRecord& r)
    {
        o->times.push_back(r.total.GetSeconds());
        o->last = Simulator::Now().GetSeconds();
        o->failed += r.failed;
    };
    for (uint32_t c = 0; c < clients.GetN(); ++c)
    {
        clients.Get(c)->TraceConnectWithoutContext("RequestComplete",
                                                   MakeBoundCallback(record, &out));
    }
    // Health checks would run on for ever: the last record stops the run.
    WebClientHelper::StopWhenEnded(clients, uint64_t(nClients) * nRequests);
    Simulator::Stop(Seconds(3600)); // a safety net for requests that never end
    Simulator::Run();
    for (const DepotProxy& p : d->GetProxies())
    {
        out.sessions.push_back(p.sessionsOpened);
        out.synTimeouts += p.synTimeouts;
    }
    out.noSession = d->GetDropCount(Depot::NO_SESSION);
    Simulator::Destroy();
    return out;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t nClients = 20;
    uint32_t nRequests = 10;
    uint64_t size = 50000;
    CommandLine cmd(__FILE__);
    OptionChecker opt(cmd, "depot-schedulers");
    opt.AddInteger("clients", "concurrent clients", nClients, 1, 1000);
    opt.AddInteger("requests", "requests per client", nRequests, 1, 10000);
    opt.AddInteger("size", "object size, bytes", size, 1, 1000000000);
    opt.AddSetByProgram({"ns3::WebClient::PersistentConnections"},
                        "set by the example (one connection per request, each scheduled)",
                        "the example's options");
    opt.Parse(argc, argv);
    opt.Require(uint64_t(nClients) * nRequests <= 100000,
                "requests",
                "--clients x --requests is above 100000",
                "at most 100000 requests per scheduler");
    opt.SetAttributeDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));

    std::cout << std::left << std::setw(36) << "scheduler" << std::setw(18) << "sessions 10M/2M"
              << std::setw(12) << "mean (s)" << std::setw(12) << "p95 (s)"
              << "last done (s)\n";
    for (const std::string s : {"ns3::RoundRobinScheduler",
                                "ns3::WeightedRoundRobinScheduler",
                                "ns3::LeastConnectionScheduler",
                                "ns3::ShortestExpectedDelayScheduler",
                                "ns3::NeverQueueScheduler",
                                "ns3::LoadIndexScheduler"})
    {
        Outcome o = Run(s, nClients, nRequests, size);
        std::sort(o.times.begin(), o.times.end());
        double mean = 0;
        for (double t : o.times)
        {
            mean += t / o.times.size();
        }
        const double p95 = o.times.empty() ? 0 : o.times[(o.times.size() * 95) / 100 - 1];
        std::cout << std::setw(36) << s.substr(5) << std::setw(18)
                  << (std::to_string(o.sessions[0]) + "/" + std::to_string(o.sessions[1]))
                  << std::setw(12) << std::setprecision(3) << mean << std::setw(12) << p95 << o.last
                  << "  " << o.times.size() << " done, " << o.failed << " failed, " << o.synTimeouts
                  << " SYN timeouts, " << o.noSession << " no-session drops\n";
    }
    return 0;
}
