/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * [Depot]'s testbed pieces: the WebStone-like benchmark (WebClient with connection retries,
 * WebStoneHelper) against a proxy that refuses connections beyond its capacity, and proxies'
 * load reports to a depot over UDP (LoadReporter, Depot LoadReportPort).
 */
#include "../proxy-fixture.h"

#include "ns3/config.h"
#include "ns3/csma-module.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::test;

namespace
{

class WebStoneTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }
};

/// A proxy taking one connection at a time, each request holding its one worker for cost.
ProxyCacheHelper
OneAtATime(Time cost)
{
    ProxyCacheHelper h;
    h.SetAttribute("MaxClientConnections", UintegerValue(1));
    h.SetAttribute("MissProcessingTime", TimeValue(cost));
    h.SetAttribute("HitProcessingTime", TimeValue(cost));
    return h;
}

TEST_F(WebStoneTest, RefusedConnectionsAreRetriedUntilEveryRequestCompletes)
{
    ProxyScenario s(1, "10Mbps", MilliSeconds(1), "10Mbps", MilliSeconds(1));
    s.AddObject("/f", 1024);
    s.Install(OneAtATime(MilliSeconds(300)));
    WebStoneHelper bench(InetSocketAddress(s.proxyIp, 3128), ProxyScenario::Get("/f"));
    bench.SetConnections(3);
    bench.SetTotalRequests(7);
    bench.SetAttribute("ConnectTimeout", TimeValue(MilliSeconds(100)));
    auto result = Create<WebStoneHelper::Result>(7);
    result->SetDoneCallback([]() { Simulator::Stop(); });
    auto client = DynamicCast<WebClient>(bench.Install(s.clients.Get(0), result).Get(0));
    uint32_t retryTraces = 0;
    client->TraceConnectWithoutContext(
        "ConnectRetry",
        MakeBoundCallback(
            +[](uint32_t* n, const Address&) { ++*n; }, &retryTraces));
    Simulator::Stop(Seconds(100));
    Simulator::Run();

    EXPECT_EQ(result->ended, 7u);
    EXPECT_EQ(result->ok, 7u);
    // Every request succeeded, but the refused SYNs go unanswered: each retry followed an
    // attempt given up after ConnectTimeout, an error that WebStone reports, so the run did
    // not complete.
    EXPECT_GT(result->connectTimeouts, 0u);
    EXPECT_EQ(result->connectTimeouts, client->GetConnectTimeoutCount());
    EXPECT_EQ(result->connectRetries, client->GetConnectRetryCount());
    EXPECT_EQ(result->connectTimeouts, result->connectRetries);
    EXPECT_FALSE(result->Complete());
    EXPECT_EQ(result->IncompleteReason(),
              std::to_string(result->connectTimeouts) + " connection attempts timed out");
    EXPECT_GT(result->bytes, 7 * 1024u); // bodies and headers
    // Two connections wait while one is served: they are refused and tried again.
    EXPECT_GT(s.proxy->GetCounters().refused, 0u);
    EXPECT_GT(client->GetConnectRetryCount(), 0u);
    EXPECT_EQ(retryTraces, client->GetConnectRetryCount());
    EXPECT_EQ(client->GetConnectionCount(), 7 + client->GetConnectRetryCount());
    EXPECT_EQ(s.proxy->GetCounters().clientConnections, 7u);
    // One worker, 0.3 s each: the run cannot be shorter than 7 x 0.3 s.
    EXPECT_GE((result->last - result->first).GetSeconds(), 2.1);
    EXPECT_LT(result->ConnectionsPerSecond(), 7 / 2.1);
    // Connection time covers the retries: the average is at least one timeout for most.
    EXPECT_GT(result->MeanConnectMs(), 100.0);
    Simulator::Destroy();
}

TEST_F(WebStoneTest, AnUnansweredConnectTimesOutAfter75sAndTheRunDoesNotComplete)
{
    // Two requests hold the proxy's only connection slot (its worker is busy 1000 s each); a
    // third client's SYN at 1 s is left unanswered. Its attempt ends with the default
    // ConnectTimeout, 75 s (TCP alone would give up after its SYN retries, 189 s).
    ProxyScenario s(1, "10Mbps", MilliSeconds(1), "10Mbps", MilliSeconds(1));
    s.AddObject("/f", 100);
    s.Install(OneAtATime(Seconds(1000)));
    WebStoneHelper busy(InetSocketAddress(s.proxyIp, 3128), ProxyScenario::Get("/f"));
    busy.SetConnections(2);
    busy.SetTotalRequests(2);
    busy.Install(s.clients.Get(0), Create<WebStoneHelper::Result>(2));
    WebStoneHelper bench(InetSocketAddress(s.proxyIp, 3128), ProxyScenario::Get("/f"));
    bench.SetConnections(1);
    bench.SetTotalRequests(1);
    bench.SetAttribute("ConnectAttempts", UintegerValue(1));
    auto result = Create<WebStoneHelper::Result>(1);
    ApplicationContainer app = bench.Install(s.clients.Get(0), result);
    app.Start(Seconds(1));
    Time timedOutAt;
    app.Get(0)->TraceConnectWithoutContext(
        "ConnectTimeout",
        MakeBoundCallback(
            +[](Time* t, const Address&) { *t = Simulator::Now(); }, &timedOutAt));
    s.Run(Seconds(100));
    EXPECT_EQ(WebStoneHelper::ConnectTimeout(), Seconds(75));
    EXPECT_EQ(timedOutAt, Seconds(76));
    EXPECT_EQ(result->connectTimeouts, 1u);
    EXPECT_EQ(result->connectRetries, 0u);
    EXPECT_EQ(result->failed, 1u);
    EXPECT_FALSE(result->Complete());
    EXPECT_EQ(result->IncompleteReason(), "1 connection attempts timed out, 1 requests failed");
}

TEST_F(WebStoneTest, RequestFailsAfterItsConnectAttempts)
{
    ProxyScenario s(1, "10Mbps", MilliSeconds(1), "10Mbps", MilliSeconds(1));
    s.AddObject("/f", 100);
    s.Install(OneAtATime(Seconds(5)));
    WebStoneHelper bench(InetSocketAddress(s.proxyIp, 3128), ProxyScenario::Get("/f"));
    bench.SetConnections(2);
    bench.SetTotalRequests(3);
    bench.SetAttribute("ConnectTimeout", TimeValue(MilliSeconds(200)));
    bench.SetAttribute("ConnectAttempts", UintegerValue(2));
    auto result = Create<WebStoneHelper::Result>(3);
    auto client = DynamicCast<WebClient>(bench.Install(s.clients.Get(0), result).Get(0));
    s.Run(Seconds(30));

    // The first two SYNs arrive together and are both accepted (the limit counts established
    // connections); each request holds the only worker 5 s. The third request's connection,
    // opened when the first ends, finds the second still open: refused twice, it fails.
    EXPECT_EQ(result->ended, 3u);
    EXPECT_EQ(result->ok, 2u);
    EXPECT_EQ(result->failed, 1u);
    EXPECT_FALSE(result->Complete());
    EXPECT_EQ(result->connectTimeouts, 2u);
    EXPECT_EQ(result->IncompleteReason(), "2 connection attempts timed out, 1 requests failed");
    EXPECT_EQ(client->GetConnectRetryCount(), 1u); // the second attempt, then the end
    EXPECT_EQ(client->GetConnectionCount(), 4u);
    EXPECT_EQ(s.proxy->GetCounters().refused, 2u);
}

/// Client -- LAN A -- depot -- LAN B -- two ProxyCaches and the origin.
struct ReportScenario
{
    NodeContainer nodes; // client, depot, proxy 0, proxy 1, origin
    Ipv4Address vip;
    Ipv4Address depotBack;
    Ipv4Address proxyIp[2];
    Ipv4Address origin;
    Ptr<Depot> depot;
    std::vector<uint32_t> decisions;
    std::vector<std::tuple<uint32_t, double, double, uint32_t>> reports;

    ReportScenario()
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        nodes.Create(5);
        InternetStackHelper().Install(nodes);
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        NetDeviceContainer a = csma.Install(NodeContainer(nodes.Get(0), nodes.Get(1)));
        NetDeviceContainer b = csma.Install(
            NodeContainer(NodeContainer(nodes.Get(1), nodes.Get(2)), nodes.Get(3), nodes.Get(4)));
        vip = Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(a).GetAddress(1);
        Ipv4InterfaceContainer bi = Ipv4AddressHelper("10.1.2.0", "255.255.255.0").Assign(b);
        depotBack = bi.GetAddress(0);
        proxyIp[0] = bi.GetAddress(1);
        proxyIp[1] = bi.GetAddress(2);
        origin = bi.GetAddress(3);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        // ARP would hold only 3 of the 4 simultaneous SYNs.
        NeighborCacheHelper().PopulateNeighborCache();

        Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
        catalog->Add("/f", 1000);
        OriginServerHelper server(80);
        server.SetCatalog(catalog);
        server.Install(nodes.Get(4));
        ProxyCacheHelper proxy(8080);
        const Ipv4Address org = origin;
        proxy.SetResolver([org](const std::string&) -> Address
                          { return InetSocketAddress(org, 80); });
        proxy.SetAttribute("MissProcessingTime", TimeValue(Seconds(10)));
        proxy.Install(NodeContainer(nodes.Get(2), nodes.Get(3)));
    }

    void InstallDepot(uint16_t reportPort)
    {
        DepotHelper h(vip, 8080);
        h.SetScheduler("ns3::LoadIndexScheduler");
        h.SetAttribute("LoadReportPort", UintegerValue(reportPort));
        h.SetAttribute("HealthCheckInterval", TimeValue(Seconds(0)));
        h.AddProxy(proxyIp[0], 8080);
        h.AddProxy(proxyIp[1], 8080);
        depot = DynamicCast<Depot>(h.Install(nodes.Get(1)).Get(0));
        depot->TraceConnectWithoutContext(
            "SchedulerDecision",
            MakeBoundCallback(
                +[](ReportScenario* s, Ipv4Address, uint16_t, uint32_t p)
                { s->decisions.push_back(p); },
                this));
        depot->TraceConnectWithoutContext(
            "LoadReport",
            MakeBoundCallback(
                +[](ReportScenario* s, uint32_t i, double cpu, double free, uint32_t active)
                { s->reports.emplace_back(i, cpu, free, active); },
                this));
        LoadReporterHelper reporters(InetSocketAddress(depotBack, 9000));
        reporters.Install(NodeContainer(nodes.Get(2), nodes.Get(3)));
    }

    /// 4 requests straight to proxy 0 at 1 s (its queue fills), one through the VIP at 3.5 s.
    void AddClients()
    {
        WebRequest r;
        r.host = "origin.example";
        r.path = "/f";
        WebStoneHelper direct(InetSocketAddress(proxyIp[0], 8080), r);
        direct.SetConnections(4);
        direct.SetTotalRequests(4);
        direct.Install(nodes.Get(0), Create<WebStoneHelper::Result>(4)).Start(Seconds(1));
        WebStoneHelper viaDepot(InetSocketAddress(vip, 8080), r);
        viaDepot.SetConnections(1);
        viaDepot.SetTotalRequests(1);
        viaDepot.Install(nodes.Get(0), Create<WebStoneHelper::Result>(1)).Start(Seconds(3.5));
    }

    ~ReportScenario()
    {
        Simulator::Destroy();
    }
};

TEST(LoadReportTest, ReportsArriveAndSteerTheLoadIndexScheduler)
{
    ReportScenario s;
    s.InstallDepot(9000);
    s.AddClients();
    Simulator::Stop(Seconds(4.5));
    Simulator::Run();

    // Reports at 1, 2, 3 and 4 s from each proxy, applied to the proxy that sent them.
    ASSERT_EQ(s.reports.size(), 8u);
    EXPECT_EQ(s.depot->GetProxies()[0].loadReports, 4u);
    EXPECT_EQ(s.depot->GetProxies()[1].loadReports, 4u);
    EXPECT_EQ(s.depot->GetBadLoadReports(), 0u);
    std::vector<double> cpu[2];
    std::vector<uint32_t> active[2];
    for (const auto& [index, load, free, requests] : s.reports)
    {
        EXPECT_DOUBLE_EQ(free, 1.0); // nothing stored yet: every request is still in the CPU
        cpu[index].push_back(load);
        active[index].push_back(requests);
    }
    const std::vector<double>& cpu0 = cpu[0];
    const std::vector<uint32_t>& active0 = active[0];
    // Proxy 1: idle until the session the depot sends it at 3.5 s.
    ASSERT_EQ(cpu[1].size(), 4u);
    EXPECT_EQ(cpu[1][2], 0.0);
    EXPECT_GT(cpu[1][3], 0.49);
    EXPECT_LT(cpu[1][3], 0.5);
    EXPECT_EQ(active[1], (std::vector<uint32_t>{0, 0, 0, 1}));
    // Proxy 0: idle up to 1 s; 4 requests in its queue from just after 1 s on.
    ASSERT_EQ(cpu0.size(), 4u);
    EXPECT_EQ(cpu0[0], 0.0);
    EXPECT_GT(cpu0[1], 3.9);
    EXPECT_LT(cpu0[1], 4.0);
    EXPECT_DOUBLE_EQ(cpu0[2], 4.0);
    EXPECT_DOUBLE_EQ(cpu0[3], 4.0);
    EXPECT_EQ(active0, (std::vector<uint32_t>{0, 4, 4, 4}));
    EXPECT_DOUBLE_EQ(s.depot->GetProxies()[0].cpuLoad, 4.0);
    EXPECT_EQ(s.depot->GetProxies()[0].reportedRequests, 4u);
    // The depot itself saw no session on proxy 0; only the report tells it is loaded.
    ASSERT_EQ(s.decisions.size(), 1u);
    EXPECT_EQ(s.decisions[0], 1u);
}

TEST(LoadReportTest, WithoutReportsTheSchedulerCannotSeeTheLoad)
{
    ReportScenario s;
    s.InstallDepot(0);
    s.AddClients();
    Simulator::Stop(Seconds(4.5));
    Simulator::Run();
    EXPECT_TRUE(s.reports.empty());
    EXPECT_EQ(s.depot->GetProxies()[0].loadReports, 0u);
    ASSERT_EQ(s.decisions.size(), 1u);
    EXPECT_EQ(s.decisions[0], 0u); // tie: the first proxy, the loaded one
}

TEST(LoadReportTest, ReportsFromStrangersAndMalformedOnesAreDropped)
{
    ReportScenario s;
    s.InstallDepot(9000);
    // A valid report from the client (not a proxy), a short datagram from proxy 0.
    auto sendFrom = [&s](uint32_t node, Ptr<Packet> p)
    {
        Ptr<Socket> sock = Socket::CreateSocket(s.nodes.Get(node), UdpSocketFactory::GetTypeId());
        sock->Bind();
        sock->Connect(InetSocketAddress(node == 0 ? s.vip : s.depotBack, 9000));
        Simulator::Schedule(Seconds(0.5), [sock, p]() { sock->Send(p); });
    };
    LoadReportHeader h;
    h.SetCpuLoad(1);
    Ptr<Packet> report = Create<Packet>();
    report->AddHeader(h);
    sendFrom(0, report);
    sendFrom(2, Create<Packet>(5));
    Simulator::Stop(Seconds(1.5));
    Simulator::Run();
    EXPECT_EQ(s.depot->GetBadLoadReports(), 2u);
    EXPECT_EQ(s.reports.size(), 2u); // the proxies' reports at 1 s
}

TEST(LoadReportTest, HeaderRoundTripAndBadValues)
{
    LoadReportHeader h;
    h.SetSequence(7);
    h.SetCpuLoad(2.5);
    h.SetCacheFree(0.25);
    h.SetActiveRequests(11);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    EXPECT_EQ(p->GetSize(), LoadReportHeader::SIZE);
    LoadReportHeader g;
    p->RemoveHeader(g);
    EXPECT_TRUE(g.IsValid());
    EXPECT_EQ(g.GetSequence(), 7u);
    EXPECT_DOUBLE_EQ(g.GetCpuLoad(), 2.5);
    EXPECT_DOUBLE_EQ(g.GetCacheFree(), 0.25);
    EXPECT_EQ(g.GetActiveRequests(), 11u);
    EXPECT_DEATH(h.SetCacheFree(1.5), "free cache fraction 1.5 is outside");
    EXPECT_DEATH(h.SetCpuLoad(-1), "CPU load -1 is outside");
}

} // namespace
