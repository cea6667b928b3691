/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The module under ns-3's distributed simulator (MPI): a depot with caching proxies and an
 * origin, cut into two processes along two point-to-point links, run once distributed and
 * once in one process, with the same figures expected from both.
 *
 *   rank 0                          |  rank 1
 *   clients --LAN A (CSMA)-- access -+- depot --LAN B (CSMA)-- proxy 1..N
 *                                    |                      |- gateway
 *   origin ------------WAN-----------+----------------------'
 *
 * Data flows client -> depot -> proxy -> origin and back, so every request crosses between
 * the processes twice (access-depot and gateway-origin). The proxies (ProxyCache, optionally
 * ICP siblings), the depot (round robin, health checks) and the origin are the module's; no
 * object of one node refers to an object of another (the manual's "Distributed simulation
 * (MPI)"), so each process installs applications on its own nodes only.
 *
 * Distributed runs need an ns-3 tree configured with --enable-mpi (ns-3's mpi module, which
 * defines NS3_MPI); built without it (Debian's ns-3, a tree without MPI) the example runs
 * --sequential only, which the standalone tests do:
 *
 *   ./ns3 run distributed-depot --command-template="mpiexec -n 2 %s"
 *   ./ns3 run "distributed-depot --sequential"
 *
 * Each process prints the figures of its own nodes, one line each, prefixed with the node's
 * role: per client node its requests (completed, failed, not ended by --stop) and the sum of
 * their latencies in nanoseconds, per proxy its requests, hits and misses, the origin's requests,
 * the depot's sessions per proxy. With --sequential one process prints all of them; sorted, the
 * lines of the two runs are the same (examples/check-distributed.py compares them).
 */

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#ifdef NS3_MPI
#include "ns3/mpi-interface.h"
#endif
#include "ns3/network-module.h"
#include "ns3/option-checker.h"
#include "ns3/point-to-point-module.h"
#include "ns3/web-proxy-module.h"

#include <iostream>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/// The process that simulates the clients, the access router and the origin.
constexpr uint32_t CLIENT_RANK = 0;
/// The process that simulates the depot, the proxies and the gateway.
constexpr uint32_t PROXY_RANK = 1;

/// One client node's requests, summed by its RequestComplete sink.
struct ClientTally
{
    uint64_t completed = 0; //!< requests completed
    uint64_t failed = 0;    //!< requests failed (aborted ones count as completed here)
    int64_t latencyNs = 0;  //!< sum of issue-to-end times
};

/**
 * RequestComplete sink of one client node.
 * \param t the node's tally
 * \param r the ended request
 */
void
Count(ClientTally* t, const RequestRecord& r)
{
    (r.failed ? t->failed : t->completed)++;
    t->latencyNs += r.total.GetNanoSeconds();
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t nClients = 8;
    uint32_t nProxies = 2;
    uint32_t objects = 50;
    uint32_t requests = 20;
    uint64_t size = 6000;
    bool icp = true;
    bool sequential = false;
    bool nullMessages = false;
    Time stop = Seconds(120);
    CommandLine cmd(__FILE__);
    OptionChecker opt(cmd, "distributed-depot");
    opt.AddInteger("clients", "client nodes, one WebClient each", nClients, 1, 200);
    opt.AddInteger("proxies", "proxies behind the depot", nProxies, 1, 8);
    opt.AddInteger(
        "objects", "objects at the origin (Zipf popularity, alpha 0.8)", objects, 1, 100000);
    opt.AddInteger("requests", "requests per client, one after the other", requests, 1, 10000);
    opt.AddInteger("size", "object size, bytes", size, 1, 100000000);
    opt.AddFlag("icp", "the proxies are ICP siblings", icp);
    opt.AddFlag("sequential", "run in one process with ns-3's default simulator", sequential);
    opt.AddFlag("nullMessages",
                "use the null-message synchronization instead of the granted time window",
                nullMessages);
    opt.AddTime("stop",
                "simulated time (every request must have ended by then)",
                stop,
                Seconds(1),
                Hours(10));
    opt.AddRunAliases();
    opt.AddSetByProgram({"ns3::WebClient::Proxy", "ns3::WebClient::PersistentConnections"},
                        "set by the example (every client through the depot, one "
                        "connection per request)",
                        "the example's options");
    opt.Parse(argc, argv);
    opt.SetAttributeDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));

    uint32_t rank = 0;
    if (!sequential)
    {
#ifndef NS3_MPI
        std::cerr << "distributed-depot: built without ns-3's mpi module (configure an ns-3 tree "
                     "with --enable-mpi); --sequential runs in one process\n";
        return 1;
#else
        GlobalValue::Bind("SimulatorImplementationType",
                          StringValue(nullMessages ? "ns3::NullMessageSimulatorImpl"
                                                   : "ns3::DistributedSimulatorImpl"));
        MpiInterface::Enable(&argc, &argv);
        if (MpiInterface::GetSize() != 2)
        {
            if (MpiInterface::GetSystemId() == 0)
            {
                std::cerr << "distributed-depot: needs 2 MPI processes (mpiexec -n 2), has "
                          << MpiInterface::GetSize() << "; --sequential runs in one\n";
            }
            MpiInterface::Disable();
            return 1;
        }
        rank = MpiInterface::GetSystemId();
#endif
    }
    // In one process every node is simulated here; distributed, a node belongs to its rank.
    auto local = [sequential, rank](Ptr<Node> n)
    {
        return sequential || n->GetSystemId() == rank;
    };

    // Every process builds the whole topology (ns-3's distributed simulator needs all nodes
    // and devices for routing); only the point-to-point links across ranks become remote.
    // In one process every node has system id 0: the global routing computes routes only for
    // the nodes of the simulator's own system id (0 with the default simulator).
    const uint32_t proxyRank = sequential ? CLIENT_RANK : PROXY_RANK;
    NodeContainer clients;
    clients.Create(nClients, CLIENT_RANK);
    Ptr<Node> access = CreateObject<Node>(CLIENT_RANK);
    Ptr<Node> originNode = CreateObject<Node>(CLIENT_RANK);
    NodeContainer proxies;
    proxies.Create(nProxies, proxyRank);
    Ptr<Node> depotNode = CreateObject<Node>(proxyRank);
    Ptr<Node> gateway = CreateObject<Node>(proxyRank);
    NodeContainer all(clients, proxies);
    all.Add(access);
    all.Add(originNode);
    all.Add(depotNode);
    all.Add(gateway);
    InternetStackHelper stack;
    stack.Install(all);

    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(5)));
    NetDeviceContainer lanA = csma.Install(NodeContainer(clients, NodeContainer(access)));
    NetDeviceContainer lanB
        = csma.Install(NodeContainer(NodeContainer(depotNode), proxies, NodeContainer(gateway)));
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(2))); // the ranks' lookahead
    NetDeviceContainer front = p2p.Install(access, depotNode);
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(20)));
    NetDeviceContainer wan = p2p.Install(gateway, originNode);
    Ipv4AddressHelper a;
    a.SetBase("10.1.0.0", "255.255.0.0");
    a.Assign(lanA);
    a.SetBase("10.2.0.0", "255.255.255.0");
    Ipv4InterfaceContainer b = a.Assign(lanB);
    a.SetBase("10.3.0.0", "255.255.255.252");
    const Ipv4Address vip = a.Assign(front).GetAddress(1); // the depot's front address
    a.SetBase("10.4.0.0", "255.255.255.252");
    const Ipv4Address origin = a.Assign(wan).GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    NeighborCacheHelper().PopulateNeighborCache(); // no ARP losses in the first bursts

    // Applications on this process's nodes only; the random streams are fixed per node
    // (stream ranges by role), so a node draws the same numbers in either mode.
    std::vector<ClientTally> tallies(nClients);
    ApplicationContainer clientApps;
    ApplicationContainer caches;
    ApplicationContainer originApps;
    Ptr<Depot> depot;
    if (local(originNode))
    {
        Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
        for (uint32_t k = 1; k <= objects; ++k)
        {
            catalog->Add("/obj" + std::to_string(k), size, Days(-30));
        }
        OriginServerHelper server(80);
        server.SetCatalog(catalog);
        originApps = server.Install(originNode);
        OriginServerHelper::AssignStreams(originApps, 100);
    }
    const uint16_t port = 8080;
    if (local(depotNode))
    {
        ProxyCacheHelper proxy(port);
        proxy.SetResolver([origin](const std::string&) -> Address
                          { return InetSocketAddress(origin, 80); });
        if (icp)
        {
            proxy.SetSiblings(proxies);
        }
        caches = proxy.Install(proxies);
        DepotHelper dh(vip, port);
        for (uint32_t i = 0; i < nProxies; ++i)
        {
            dh.AddProxy(b.GetAddress(1 + i), port);
        }
        depot = DynamicCast<Depot>(dh.Install(depotNode).Get(0));
    }
    if (local(clients.Get(0)))
    {
        Ptr<ZipfRandomVariable> zipf = CreateObject<ZipfRandomVariable>();
        zipf->SetAttribute("N", IntegerValue(objects));
        zipf->SetAttribute("Alpha", DoubleValue(0.8));
        zipf->SetStream(200);
        WebClientHelper client;
        client.SetProxy(InetSocketAddress(vip, port)); // the depot's virtual address
        client.SetAttribute("PersistentConnections", BooleanValue(false));
        for (uint32_t c = 0; c < nClients; ++c)
        {
            Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
            for (uint32_t i = 0; i < requests; ++i)
            {
                WebRequest r;
                r.host = "www.example.com";
                r.path = "/obj" + std::to_string(zipf->GetInteger());
                src->Add(r);
            }
            ApplicationContainer app = client.Install(clients.Get(c), src);
            app.Get(0)->TraceConnectWithoutContext("RequestComplete",
                                                   MakeBoundCallback(&Count, &tallies[c]));
            clientApps.Add(app);
        }
        WebClientHelper::AssignStreams(clientApps, 300);
    }
    // The stacks' and LANs' variables (TCP, CSMA backoff) of every node, in both modes.
    int64_t stream = 1000;
    stream += stack.AssignStreams(all, stream);
    stream += csma.AssignStreams(lanA, stream);
    csma.AssignStreams(lanB, stream);

    Simulator::Stop(stop);
    Simulator::Run();

    std::ostringstream out;
    for (uint32_t c = 0; c < clientApps.GetN(); ++c)
    {
        const ClientTally& t = tallies[c];
        out << "client " << c << ": completed " << t.completed << " failed " << t.failed << " open "
            << (requests - t.completed - t.failed) << " latency_ns " << t.latencyNs << "\n";
    }
    for (uint32_t i = 0; i < caches.GetN(); ++i)
    {
        const auto& k = DynamicCast<ProxyCache>(caches.Get(i))->GetCacheCounters();
        out << "proxy " << i << ": requests " << k.requests << " hits " << k.hits << " misses "
            << k.misses << " sibling_hits " << k.siblingHits << "\n";
    }
    for (uint32_t i = 0; i < originApps.GetN(); ++i)
    {
        out << "origin: requests "
            << DynamicCast<OriginServer>(originApps.Get(i))->GetRequestCount() << "\n";
    }
    if (depot)
    {
        out << "depot: sessions";
        for (const DepotProxy& p : depot->GetProxies())
        {
            out << " " << p.sessionsOpened;
        }
        out << "\n";
    }
    std::cout << out.str() << std::flush;
    Simulator::Destroy();
#ifdef NS3_MPI
    if (!sequential)
    {
        MpiInterface::Disable();
    }
#endif
    return 0;
}
