/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ProxyPlacementHelper: the backbone built in ns-3 has the graph's links with their latencies,
 * routes follow the least-latency path (not the fewest hops), proxies go on the chosen nodes
 * with the advised policy, and each node is told the server of least expected distance.
 */
#include "placement-test-util.h"

#include "ns3/address-plan.h"
#include "ns3/applications-module.h"
#include "ns3/backbone-reader.h"
#include "ns3/core-module.h"
#include "ns3/distance-matrix.h"
#include "ns3/fixed-request-source.h"
#include "ns3/greedy-placement.h"
#include "ns3/internet-module.h"
#include "ns3/origin-server-helper.h"
#include "ns3/point-to-point-module.h"
#include "ns3/proxy-cache.h"
#include "ns3/proxy-placement-helper.h"
#include "ns3/web-client-helper.h"
#include "ns3/web-client.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::placementtest;

namespace
{

/// A - B - C with 2 ms links, and a direct A - C link of 10 ms: 1 hop but more latency.
BackboneGraph
Triangle()
{
    BackboneGraph g("triangle");
    g.AddNode("A");
    g.AddNode("B");
    g.AddNode("C");
    g.AddLink(0, 1, 2);
    g.AddLink(1, 2, 2);
    g.AddLink(0, 2, 10);
    return g;
}

} // namespace

TEST(ProxyPlacementHelper, RoutesFollowLatencyNotHops)
{
    BackboneGraph g = Triangle();
    ProxyPlacementHelper helper;
    NodeContainer nodes = helper.BuildBackbone(g);
    ASSERT_EQ(nodes.GetN(), 3u);
    ASSERT_EQ(helper.GetDevices().GetN(), 6u);
    TimeValue delay;
    helper.GetDevices().Get(4)->GetChannel()->GetAttribute("Delay", delay);
    EXPECT_EQ(delay.Get(), MilliSeconds(10));

    UdpEchoServerHelper server(9);
    server.Install(nodes.Get(2)).Start(Seconds(0));
    UdpEchoClientHelper client(helper.GetAddress(2), 9);
    client.SetAttribute("MaxPackets", UintegerValue(1));
    client.SetAttribute("PacketSize", UintegerValue(100));
    ApplicationContainer c = client.Install(nodes.Get(0));
    c.Start(Seconds(1));
    static Time sent;
    static Time received;
    c.Get(0)->TraceConnectWithoutContext(
        "Tx", MakeCallback(+[](Ptr<const Packet>) { sent = Simulator::Now(); }));
    c.Get(0)->TraceConnectWithoutContext(
        "Rx", MakeCallback(+[](Ptr<const Packet>) { received = Simulator::Now(); }));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    Simulator::Destroy();
    // Via B: 2 x (2 + 2) ms of propagation, plus 4 transmissions of 100 + 28 + 2 bytes at
    // 1 Gbps (130 bytes: 1.04 us each); the direct link would take 20 ms.
    const Time rtt = received - sent;
    EXPECT_EQ(rtt, MilliSeconds(8) + NanoSeconds(4 * 1040)) << rtt.GetMicroSeconds() << " us";
}

TEST(ProxyPlacementHelper, InstallsProxiesWithAdvisedPolicies)
{
    BackboneGraph g = RandomBackbone(12, 8, 3);
    const DistanceMatrix d(g, DistanceMatrix::LATENCY);
    PlacementProblem p(g, d, 0);
    p.SetHitRatio(0.5);
    const PlacementResult r = GreedyPlacement().Run(p, 3);
    ASSERT_EQ(r.proxies.size(), 3u);
    std::vector<PolicyAdvisor::Advice> advice(g.GetNodeCount());
    advice[r.proxies[0]].best = "GDSLAT";
    advice[r.proxies[1]].best = "CSP";

    ProxyPlacementHelper helper(8080);
    helper.SetProxyAttribute("CacheSize", UintegerValue(1 << 20));
    NodeContainer nodes = helper.BuildBackbone(g);
    ApplicationContainer apps = helper.Install(p, r, nodes, advice);
    ASSERT_EQ(apps.GetN(), 3u);
    const char* want[] = {"GDSLAT", "CSP", "LRU"};
    for (uint32_t i = 0; i < 3; ++i)
    {
        EXPECT_EQ(apps.Get(i)->GetNode(), nodes.Get(r.proxies[i]));
        StringValue policy;
        apps.Get(i)->GetAttribute("Policy", policy);
        EXPECT_EQ(policy.Get(), want[i]);
        UintegerValue port;
        apps.Get(i)->GetAttribute("Port", port);
        EXPECT_EQ(port.Get(), 8080u);
    }
    // Each node's server, recomputed here from the distances.
    for (uint32_t v = 0; v < g.GetNodeCount(); ++v)
    {
        double best = d.Get(v, 0);
        uint32_t server = 0;
        for (uint32_t x : r.proxies)
        {
            const double c = d.Get(v, x) + 0.5 * d.Get(x, 0);
            if (c < best)
            {
                best = c;
                server = x;
            }
        }
        EXPECT_EQ(helper.GetAssignment()[v], server) << "node " << v;
        EXPECT_EQ(helper.UsesProxy(v), server != 0);
    }
    NodeContainer wrong;
    wrong.Create(2);
    EXPECT_THROW(helper.Install(p, r, wrong), std::invalid_argument);
    Simulator::Destroy();
}

TEST(ProxyPlacementHelper, PointsEachNodesClientsAtItsProxy)
{
    BackboneGraph g = RandomBackbone(12, 8, 5);
    const DistanceMatrix d(g, DistanceMatrix::LATENCY);
    PlacementProblem p(g, d, 0);
    p.SetHitRatio(0.5);
    const PlacementResult r = GreedyPlacement().Run(p, 2);
    ProxyPlacementHelper helper(8080);
    NodeContainer nodes = helper.BuildBackbone(g);
    ApplicationContainer proxies = helper.Install(p, r, nodes);
    uint32_t direct = 0;
    uint32_t viaProxy = 0;
    for (uint32_t v = 0; v < g.GetNodeCount(); ++v)
    {
        // The node's server by the cost rule, c(v,x) = d(v,x) + (1 - h) d(x,o), worked out
        // here; its address is that of its first interface after the loopback.
        double best = d.Get(v, 0);
        uint32_t server = 0;
        for (uint32_t x : r.proxies)
        {
            if (d.Get(v, x) + 0.5 * d.Get(x, 0) < best)
            {
                best = d.Get(v, x) + 0.5 * d.Get(x, 0);
                server = x;
            }
        }
        ApplicationContainer clients;
        clients.Add(CreateObject<WebClient>());
        clients.Add(CreateObject<WebClient>());
        helper.PointClients(v, clients);
        for (uint32_t i = 0; i < clients.GetN(); ++i)
        {
            AddressValue proxy;
            clients.Get(i)->GetAttribute("Proxy", proxy);
            if (server == 0)
            {
                EXPECT_TRUE(proxy.Get().IsInvalid()) << "node " << v;
            }
            else
            {
                ASSERT_TRUE(InetSocketAddress::IsMatchingType(proxy.Get())) << "node " << v;
                const InetSocketAddress a = InetSocketAddress::ConvertFrom(proxy.Get());
                EXPECT_EQ(a.GetIpv4(),
                          nodes.Get(server)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal());
                EXPECT_EQ(a.GetPort(), 8080);
            }
        }
        (server == 0 ? direct : viaProxy) += 1;
    }
    // Both cases were seen: the origin's own node goes direct, the proxies' nodes use them.
    EXPECT_GE(direct, 1u);
    EXPECT_GE(viaProxy, 2u);
    EXPECT_THROW(helper.PointClients(0, proxies), std::invalid_argument); // no WebClients
    EXPECT_THROW(helper.GetProxyFor(g.GetNodeCount()), std::invalid_argument);
    Simulator::Destroy();
}

TEST(ProxyPlacementHelper, ProxiesOnHostsBesideTheirNodesServeClients)
{
    // Triangle: the origin server at A, the proxy on a host beside B, a client at C (all hits
    // assumed: C is served by B, 2 ms away, rather than by A, 4 ms).
    const BackboneGraph g = Triangle();
    const DistanceMatrix d(g, DistanceMatrix::LATENCY);
    PlacementProblem p(g, d, 0);
    p.SetHitRatio(1);
    PlacementResult r;
    r.proxies = {1};
    ProxyPlacementHelper helper(8080);
    NodeContainer nodes = helper.BuildBackbone(g);
    const Ipv4Address origin = nodes.Get(0)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
    helper.SetProxyResolver([origin](const std::string&) -> Address
                            { return InetSocketAddress(origin, 80); });
    AddressPlan plan;
    plan.AddPool("hosts", Ipv4Address("10.200.0.0"), 24);
    PointToPointHelper link;
    ApplicationContainer proxies = helper.InstallOnHosts(p, r, nodes, link, plan, "hosts");
    Ipv4GlobalRoutingHelper::RecomputeRoutingTables();
    ASSERT_EQ(proxies.GetN(), 1u);
    Ptr<Node> host = proxies.Get(0)->GetNode();
    EXPECT_NE(host, nodes.Get(1));
    EXPECT_EQ(helper.GetNode(1), host);
    EXPECT_EQ(helper.GetNode(2), nodes.Get(2));
    EXPECT_THROW(helper.GetNode(3), std::invalid_argument);
    // The host's /30 is the pool's first: the node's end .1, the host's .2.
    EXPECT_EQ(plan.Get("proxy-host/B").network, Ipv4Address("10.200.0.0"));
    EXPECT_EQ(host->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal(), Ipv4Address("10.200.0.2"));
    EXPECT_EQ(helper.GetProxyFor(2), Address(InetSocketAddress("10.200.0.2", 8080)));
    // C's client reaches the proxy on the host, which fetches from A.
    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    catalog->Add("/x", 5000);
    OriginServerHelper server(80);
    server.SetCatalog(catalog);
    server.Install(nodes.Get(0));
    Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
    WebRequest req;
    req.host = "origin.example";
    req.path = "/x";
    req.issueTime = Seconds(1);
    src->Add(req);
    ApplicationContainer client = WebClientHelper().Install(nodes.Get(2), src);
    helper.PointClients(2, client);
    std::vector<RequestRecord> records;
    client.Get(0)->TraceConnectWithoutContext(
        "RequestComplete",
        MakeBoundCallback(
            +[](std::vector<RequestRecord>* v, const RequestRecord& rec) { v->push_back(rec); },
            &records));
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_FALSE(records[0].failed) << records[0].error;
    EXPECT_EQ(records[0].status, 200u);
    EXPECT_EQ(records[0].bodyBytes, 5000u);
    Simulator::Destroy();
}
