/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The depot-aware FlowMonitor report: every depot session joined into one record whose
 * counts match the clients' and proxies' own link counters, FlowMonitor's flows named, and
 * loss on a proxy link attributed to the proxy side.
 */
#include "../scenario-fixture.h"

#include "ns3/config.h"
#include "ns3/depot-flow-report-helper.h"
#include "ns3/flow-monitor-module.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::test;

namespace
{

/// (address, port) of a client's connection.
using Conn = std::pair<uint32_t, uint16_t>;

/// Datagrams and IP bytes one device saw per client connection.
struct Counter
{
    std::map<Conn, uint64_t> packets; //!< per connection
    std::map<Conn, uint64_t> bytes;   //!< IP bytes per connection
    bool clientIsSource{true};        //!< the client is the datagram's source (else its target)

    /// Trace sink for MacTx, MacRx and PhyRxDrop of a PointToPointNetDevice (PPP framed).
    void Count(Ptr<const Packet> p)
    {
        PppTcpSegment s;
        if (!ReadPppTcp(p, s))
        {
            return;
        }
        Conn c = clientIsSource ? Conn{s.ip.GetSource().Get(), s.tcp.GetSourcePort()}
                                : Conn{s.ip.GetDestination().Get(), s.tcp.GetDestinationPort()};
        ++packets[c];
        bytes[c] += s.ip.GetPayloadSize() + s.ip.GetSerializedSize();
    }

    /// \param trace the device's trace source \param dev the device
    void Connect(Ptr<NetDevice> dev, const std::string& trace, bool clientSource)
    {
        clientIsSource = clientSource;
        dev->TraceConnectWithoutContext(trace, MakeCallback(&Counter::Count, this));
    }
};

/// Two clients and two proxies on point-to-point links to a NAT depot (VIP 10.9.9.9:80):
/// clients at 2 ms, proxies at 5 ms, 10 Mbit/s. Non-persistent connections: one session per
/// request.
struct FlowScenario
{
    NodeContainer clients;
    NodeContainer proxies;
    Ptr<Node> depotNode;
    Ipv4Address vip{"10.9.9.9"};
    std::vector<Ipv4Address> proxyIps;
    std::vector<Ptr<NetDevice>> clientDevs; //!< the clients' devices
    std::vector<Ptr<NetDevice>> proxyDevs;  //!< the proxies' devices
    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    Ptr<Depot> depot;
    std::vector<RequestRecord> records;
    std::vector<std::set<Conn>> accepted{2}; //!< per proxy: connections it accepted
    uint32_t opened = 0;                     //!< SessionOpened traces
    Counter clientTx, clientRx, proxyRx, proxyTx, proxyRxDropped;
    mutable FlowMonitorHelper flowmon; //!< GetClassifier is not const
    Ptr<FlowMonitor> monitor;
    DepotFlowReportHelper report;

    FlowScenario()
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1400));
        clients.Create(2);
        proxies.Create(2);
        depotNode = CreateObject<Node>();
        InternetStackHelper stack;
        stack.Install(clients);
        stack.Install(proxies);
        stack.Install(depotNode);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        Ipv4StaticRoutingHelper srh;
        for (uint32_t i = 0; i < 4; ++i)
        {
            const bool client = i < 2;
            Ptr<Node> n = client ? clients.Get(i) : proxies.Get(i - 2);
            p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(client ? 2 : 5)));
            NetDeviceContainer d = p2p.Install(n, depotNode);
            std::ostringstream net;
            net << "10.0." << i << ".0";
            Ipv4AddressHelper ah(net.str().c_str(), "255.255.255.0");
            Ipv4InterfaceContainer ifs = ah.Assign(d);
            // Everything goes through the depot: it is the proxies' route to the clients.
            srh.GetStaticRouting(n->GetObject<Ipv4>())->SetDefaultRoute(ifs.GetAddress(1), 1);
            (client ? clientDevs : proxyDevs).push_back(d.Get(0));
            if (!client)
            {
                proxyIps.push_back(ifs.GetAddress(0));
            }
        }
        for (uint32_t i = 0; i < 2; ++i)
        {
            clientTx.Connect(clientDevs[i], "MacTx", true);
            clientRx.Connect(clientDevs[i], "MacRx", false);
            proxyRx.Connect(proxyDevs[i], "MacRx", true);
            proxyTx.Connect(proxyDevs[i], "MacTx", false);
            proxyRxDropped.Connect(proxyDevs[i], "PhyRxDrop", true);
        }
    }

    /// \param c a connection \return whether a client holds it
    bool IsClient(const Conn& c) const
    {
        for (uint32_t i = 0; i < 2; ++i)
        {
            if (Ipv4Address(c.first)
                == clients.Get(i)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal())
            {
                return true;
            }
        }
        return false;
    }

    void AddObject(const std::string& path, uint64_t size)
    {
        catalog->Add(path, size);
    }

    void Install()
    {
        for (uint32_t i = 0; i < 2; ++i)
        {
            OriginServerHelper h(8080);
            h.SetCatalog(catalog);
            Ptr<Application> s = h.Install(proxies.Get(i)).Get(0);
            s->TraceConnectWithoutContext(
                "Accept",
                MakeBoundCallback(
                    +[](FlowScenario* sc, uint32_t p, const Address& from)
                    {
                        InetSocketAddress a = InetSocketAddress::ConvertFrom(from);
                        sc->accepted[p].emplace(a.GetIpv4().Get(), a.GetPort());
                    },
                    this,
                    i));
        }
        DepotHelper h(vip, 80);
        for (const auto& ip : proxyIps)
        {
            h.AddProxy(ip, 8080);
        }
        ApplicationContainer apps = h.Install(depotNode);
        depot = DynamicCast<Depot>(apps.Get(0));
        depot->TraceConnectWithoutContext(
            "SessionOpened",
            MakeBoundCallback(
                +[](uint32_t* n, Ipv4Address, uint16_t, uint32_t) { ++*n; }, &opened));
        monitor = flowmon.InstallAll();
        report.InstallAll().Attach(apps);
    }

    /// A client fetching paths from a server address, one every 100 ms from 1 s.
    void AddClient(uint32_t i,
                   const std::vector<std::string>& paths,
                   Ipv4Address server,
                   uint16_t port)
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        Time at = Seconds(1);
        for (const auto& path : paths)
        {
            WebRequest r;
            r.host = "www.example.com";
            r.path = path;
            r.server = InetSocketAddress(server, port);
            r.issueTime = at;
            at += MilliSeconds(100);
            src->Add(r);
        }
        WebClientHelper h;
        h.SetAttribute("PersistentConnections", BooleanValue(false));
        Ptr<Application> c = h.Install(clients.Get(i), src).Get(0);
        c->TraceConnectWithoutContext(
            "RequestComplete",
            MakeBoundCallback(
                +[](FlowScenario* s, const RequestRecord& r) { s->records.push_back(r); }, this));
    }

    void Run()
    {
        Simulator::Stop(Seconds(60));
        Simulator::Run();
    }

    ~FlowScenario()
    {
        Simulator::Destroy();
    }
};

class DepotFlowReportTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        Config::Reset();
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }
};

/// Get a count, zero if absent.
uint64_t
At(const std::map<Conn, uint64_t>& m, const Conn& c)
{
    auto it = m.find(c);
    return it == m.end() ? 0 : it->second;
}

const std::vector<std::string> PATHS = {"/a", "/b", "/c", "/a", "/b", "/c"};

/// Five sessions per client through the depot, plus one direct fetch from proxy 0.
void
RunFive(FlowScenario& s)
{
    s.AddObject("/a", 500);
    s.AddObject("/b", 20000);
    s.AddObject("/c", 70000);
    s.Install();
    s.AddClient(0, {"/a", "/b", "/c", "/a", "/b"}, s.vip, 80);
    s.AddClient(1, {"/c", "/b", "/a", "/c", "/b"}, s.vip, 80);
    // Client 1 also fetches from proxy 0 directly: its flows pass the depot node unswitched.
    s.AddClient(1, {"/a"}, s.proxyIps[0], 8080);
    s.Run();
}

/// Checks every record against the devices' own counters; returns the proxy-side losses.
uint64_t
ExpectJoinedExactly(const FlowScenario& s, const DepotFlowReport& report)
{
    const auto& recs = report.GetRecords();
    EXPECT_EQ(recs.size(), 10u);
    EXPECT_EQ(s.opened, 10u);
    std::set<Conn> joined;
    // Connections the proxies accepted from the clients (the depot's own are health checks).
    std::set<Conn> accepted;
    for (uint32_t p = 0; p < 2; ++p)
    {
        for (const Conn& c : s.accepted[p])
        {
            if (s.IsClient(c))
            {
                accepted.insert(c);
            }
        }
    }
    uint64_t lost = 0;
    const auto& stats = s.monitor->GetFlowStats();
    for (const DepotFlowRecord& r : recs)
    {
        const Conn c{r.client.Get(), r.clientPort};
        SCOPED_TRACE(r.client);
        SCOPED_TRACE(r.clientPort);
        EXPECT_TRUE(joined.insert(c).second) << "one record per session";
        EXPECT_EQ(r.vip, s.vip);
        EXPECT_EQ(r.vipPort, 80);
        EXPECT_EQ(r.mappings, 1u);
        // The proxy the record names accepted this client connection, the other did not.
        const uint32_t p = r.proxy == s.proxyIps[0] ? 0 : 1;
        EXPECT_EQ(r.proxy, s.proxyIps[p]);
        EXPECT_EQ(r.proxyPort, 8080);
        EXPECT_TRUE(s.accepted[p].count(c));
        EXPECT_FALSE(s.accepted[1 - p].count(c));
        // Counts against the devices: the client's and the proxy's links.
        EXPECT_EQ(r.request.sentPackets, At(s.clientTx.packets, c));
        EXPECT_EQ(r.request.sentBytes, At(s.clientTx.bytes, c));
        EXPECT_EQ(r.request.deliveredPackets, At(s.proxyRx.packets, c));
        EXPECT_EQ(r.request.deliveredBytes, At(s.proxyRx.bytes, c));
        EXPECT_EQ(r.request.lostAfterDepot, At(s.proxyRxDropped.packets, c));
        EXPECT_EQ(r.reply.lostBeforeDepot, r.reply.sentPackets - r.reply.atDepotPackets);
        EXPECT_EQ(r.reply.sentPackets, At(s.proxyTx.packets, c));
        EXPECT_EQ(r.reply.sentBytes, At(s.proxyTx.bytes, c));
        EXPECT_EQ(r.reply.deliveredPackets, At(s.clientRx.packets, c));
        EXPECT_EQ(r.reply.deliveredBytes, At(s.clientRx.bytes, c));
        EXPECT_EQ(r.InFlight(), 0u);
        EXPECT_EQ(r.ClientSideLost(), 0u);
        EXPECT_EQ(r.DepotDropped(), 0u);
        EXPECT_EQ(r.ProxySideLost(), r.request.lostAfterDepot + r.reply.lostBeforeDepot);
        EXPECT_EQ(r.LossSide(), r.ProxySideLost() ? "proxy" : "none");
        lost += r.ProxySideLost();
        // Both FlowMonitor flows named: FlowMonitor counted the same datagrams leaving, and
        // (the problem this report solves) none arriving.
        EXPECT_TRUE(r.hasRequestFlow && r.hasReplyFlow);
        if (!r.hasRequestFlow || !r.hasReplyFlow)
        {
            continue;
        }
        EXPECT_NE(r.requestFlow, r.replyFlow);
        EXPECT_EQ(stats.at(r.requestFlow).txPackets, r.request.sentPackets);
        EXPECT_EQ(stats.at(r.requestFlow).txBytes, r.request.sentBytes);
        EXPECT_EQ(stats.at(r.replyFlow).txPackets, r.reply.sentPackets);
        EXPECT_EQ(r.flowMonitorRxPackets, 0u);
        // One-way delays: at least the propagation delays of the 2 ms and 5 ms links.
        EXPECT_GE(r.ClientSideDelay(), MilliSeconds(2));
        EXPECT_GE(r.ProxySideDelay(), MilliSeconds(5));
        EXPECT_GE(r.EndToEndDelay(), MilliSeconds(7));
        EXPECT_LT(r.EndToEndDelay(), MilliSeconds(100));
    }
    // The proxies accepted the sessions and client 1's direct connection to proxy 0.
    std::set<Conn> direct;
    for (const Conn& c : accepted)
    {
        if (!joined.count(c))
        {
            direct.insert(c);
        }
    }
    EXPECT_EQ(direct.size(), 1u);
    if (direct.size() != 1)
    {
        return lost;
    }
    EXPECT_EQ(accepted.size(), joined.size() + 1) << "every session joined";
    EXPECT_TRUE(s.accepted[0].count(*direct.begin()));
    EXPECT_EQ(Ipv4Address(direct.begin()->first),
              s.clients.Get(1)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal());
    // Every FlowMonitor flow is in one record or passed through; those passed through are
    // the direct fetch (2) and the depot's health checks, none to or from the VIP.
    EXPECT_TRUE(report.GetUnjoinedFlows().empty());
    std::multiset<FlowId> ids(report.GetOtherFlows().begin(), report.GetOtherFlows().end());
    for (const DepotFlowRecord& r : recs)
    {
        ids.insert(r.requestFlow);
        ids.insert(r.replyFlow);
    }
    std::multiset<FlowId> all;
    for (const auto& [id, st] : stats)
    {
        all.insert(id);
    }
    EXPECT_EQ(ids, all);
    auto classifier = DynamicCast<Ipv4FlowClassifier>(s.flowmon.GetClassifier());
    uint32_t directFlows = 0;
    for (FlowId id : report.GetOtherFlows())
    {
        const auto t = classifier->FindFlow(id);
        EXPECT_NE(t.sourceAddress, s.vip);
        EXPECT_NE(t.destinationAddress, s.vip);
        directFlows += s.IsClient({t.sourceAddress.Get(), t.sourcePort})
                    || s.IsClient({t.destinationAddress.Get(), t.destinationPort});
    }
    EXPECT_EQ(directFlows, 2u);
    return lost;
}

TEST_F(DepotFlowReportTest, EverySessionIsJoinedOnceWithTheEndpointsCounts)
{
    FlowScenario s;
    RunFive(s);
    ASSERT_EQ(s.records.size(), 11u);
    for (const auto& r : s.records)
    {
        EXPECT_FALSE(r.failed) << r.error;
    }
    DepotFlowReport report = s.report.Report(s.monitor, s.flowmon.GetClassifier());
    EXPECT_EQ(ExpectJoinedExactly(s, report), 0u);
    // Bytes against HTTP: the replies' IP bytes are the responses (header and body, as the
    // clients counted them) plus 40 to 60 bytes of IP and TCP header per datagram; the
    // requests' likewise.
    uint64_t replyBytes = 0;
    uint64_t replyPackets = 0;
    uint64_t requestBytes = 0;
    uint64_t requestPackets = 0;
    for (const DepotFlowRecord& r : report.GetRecords())
    {
        replyBytes += r.reply.deliveredBytes;
        replyPackets += r.reply.deliveredPackets;
        requestBytes += r.request.deliveredBytes;
        requestPackets += r.request.deliveredPackets;
    }
    uint64_t responses = 0;
    uint64_t requests = 0;
    uint64_t bodies = 0;
    for (const auto& r : s.records)
    {
        if (r.peer == "10.9.9.9:80")
        {
            responses += r.responseHeaderBytes + r.bodyBytes;
            requests += r.requestHeaderBytes;
            bodies += r.bodyBytes;
        }
    }
    EXPECT_EQ(bodies, 3 * 500 + 4 * 20000 + 3 * 70000);
    EXPECT_GE(replyBytes, responses + 40 * replyPackets);
    EXPECT_LE(replyBytes, responses + 60 * replyPackets);
    EXPECT_GE(requestBytes, requests + 40 * requestPackets);
    EXPECT_LE(requestBytes, requests + 60 * requestPackets);
}

TEST_F(DepotFlowReportTest, LossOnAProxyLinkIsAttributedToTheProxySide)
{
    FlowScenario s;
    // The link to proxy 1 loses 5% of the datagrams each way: proxy 1 loses requests, the
    // depot's end of the link loses replies.
    Ptr<NetDevice> depotEnd = s.proxyDevs[1]->GetChannel()->GetDevice(1);
    ASSERT_EQ(depotEnd->GetNode(), s.depotNode);
    int64_t stream = 7;
    for (Ptr<NetDevice> dev : {s.proxyDevs[1], depotEnd})
    {
        Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
        em->SetAttribute("ErrorRate", DoubleValue(0.05));
        em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        stream += em->AssignStreams(stream);
        dev->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }
    Counter depotRxDropped; // replies from proxy 1 (the client is the destination)
    depotRxDropped.Connect(depotEnd, "PhyRxDrop", false);
    RunFive(s);
    DepotFlowReport report = s.report.Report(s.monitor, s.flowmon.GetClassifier());
    const uint64_t lost = ExpectJoinedExactly(s, report);
    uint64_t dropped = 0;
    for (const auto& [c, n] : s.proxyRxDropped.packets)
    {
        dropped += s.IsClient(c) ? n : 0; // not the depot's health checks
    }
    uint64_t repliesDropped = 0;
    for (const auto& [c, n] : depotRxDropped.packets)
    {
        repliesDropped += s.IsClient(c) ? n : 0;
    }
    EXPECT_GT(dropped, 0u);
    EXPECT_GT(repliesDropped, 0u);
    EXPECT_EQ(lost, dropped + repliesDropped)
        << "every datagram proxy 1's link lost, and nothing else";
    for (const DepotFlowRecord& r : report.GetRecords())
    {
        if (r.proxy == s.proxyIps[0])
        {
            EXPECT_EQ(r.LossSide(), "none");
        }
    }
    std::ostringstream csv;
    report.WriteCsv(csv);
    std::istringstream in(csv.str());
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, DepotFlowReport::CsvHeader());
    size_t rows = 0;
    size_t proxyLoss = 0;
    while (std::getline(in, line))
    {
        ++rows;
        proxyLoss += line.find(",proxy,") != std::string::npos;
    }
    EXPECT_EQ(rows, report.GetRecords().size());
    EXPECT_GT(proxyLoss, 0u);
}

TEST_F(DepotFlowReportTest, WriteNextToNamesAnUnwritableFile)
{
    FlowScenario s;
    s.Install();
    s.Run();
    DepotFlowReport report = s.report.Report(s.monitor, s.flowmon.GetClassifier());
    EXPECT_TRUE(report.GetRecords().empty());
    EXPECT_DEATH(report.WriteNextTo("/nonexistent-dir/x-flowmon.xml"),
                 "cannot write /nonexistent-dir/x-flowmon-depot.csv");
}

} // namespace
