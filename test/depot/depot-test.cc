/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The packet hook and the depot in small simulations: clients on one LAN, the depot routing
 * to a LAN of proxies (OriginServers on port 8080).
 */
#include "../scenario-fixture.h"

#include "ns3/config.h"
#include "ns3/csma-module.h"
#include "ns3/depot-packet-rewriter.h"
#include "ns3/web-proxy-compat.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

using namespace ns3;
using namespace ns3::test;

namespace
{

/// Clients -- LAN A -- depot (VIP 10.1.1.100) -- LAN B -- proxies.
struct DepotScenario
{
    NodeContainer clients;
    NodeContainer proxies;
    Ptr<Node> depotNode;
    Ipv4Address vip{"10.1.1.100"};
    Ipv4Address depotProxySide{"10.1.2.1"};
    uint16_t proxyPort{8080}; //!< where the proxies listen
    std::vector<Ipv4Address> proxyIps;
    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    std::vector<Ptr<OriginServer>> servers;
    Ptr<Depot> depot;
    std::vector<RequestRecord> records;
    /// Client (address, port) of each connection a proxy accepted (health checks excluded).
    std::vector<std::set<std::pair<uint32_t, uint16_t>>> accepted;
    std::vector<uint32_t> decisions;
    std::vector<std::pair<Time, uint32_t>> opened;
    uint32_t closed = 0;
    std::vector<std::pair<uint32_t, uint8_t>> expired;
    std::vector<std::tuple<Time, uint32_t, bool>> proxyEvents;

    DepotScenario(uint32_t nClients, uint32_t nProxies)
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        clients.Create(nClients);
        proxies.Create(nProxies);
        depotNode = CreateObject<Node>();
        InternetStackHelper().Install(clients);
        InternetStackHelper().Install(proxies);
        InternetStackHelper().Install(depotNode);
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
        NetDeviceContainer a = csma.Install(NodeContainer(NodeContainer(depotNode), clients));
        NetDeviceContainer b = csma.Install(NodeContainer(NodeContainer(depotNode), proxies));
        Ipv4AddressHelper ah("10.1.1.0", "255.255.255.0");
        ah.Assign(a);
        Ipv4AddressHelper bh("10.1.2.0", "255.255.255.0");
        Ipv4InterfaceContainer bi = bh.Assign(b);
        for (uint32_t i = 0; i < nProxies; ++i)
        {
            proxyIps.push_back(bi.GetAddress(i + 1));
        }
        // The VIP is a second address of the depot's client-side interface: ARP answers it.
        Ptr<Ipv4> ipv4 = depotNode->GetObject<Ipv4>();
        ipv4->AddAddress(ipv4->GetInterfaceForDevice(a.Get(0)),
                         Ipv4InterfaceAddress(vip, Ipv4Mask("255.255.255.0")));
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        accepted.resize(nProxies);
    }

    void AddObject(const std::string& path, uint64_t size)
    {
        catalog->Add(path, size);
    }

    /// \param own proxy index -> a catalog of its own (default: the shared one)
    void InstallProxies(const std::map<uint32_t, Ptr<WebObjectCatalog>>& own = {})
    {
        for (uint32_t i = 0; i < proxies.GetN(); ++i)
        {
            OriginServerHelper h(proxyPort);
            h.SetCatalog(own.count(i) ? own.at(i) : catalog);
            Ptr<OriginServer> s = DynamicCast<OriginServer>(h.Install(proxies.Get(i)).Get(0));
            s->TraceConnectWithoutContext("Accept",
                                          MakeBoundCallback(&DepotScenario::Accepted, this, i));
            servers.push_back(s);
        }
    }

    static void Accepted(DepotScenario* s, uint32_t proxy, const Address& from)
    {
        InetSocketAddress a = InetSocketAddress::ConvertFrom(from);
        if (a.GetIpv4() != s->depotProxySide) // not a health check
        {
            EXPECT_TRUE(s->accepted[proxy].emplace(a.GetIpv4().Get(), a.GetPort()).second);
        }
    }

    Ptr<Depot> InstallDepot(DepotHelper h)
    {
        for (const auto& ip : proxyIps)
        {
            h.AddProxy(ip, proxyPort);
        }
        depot = DynamicCast<Depot>(h.Install(depotNode).Get(0));
        depot->TraceConnectWithoutContext(
            "SchedulerDecision",
            MakeBoundCallback(
                +[](DepotScenario* s, Ipv4Address, uint16_t, uint32_t p)
                { s->decisions.push_back(p); },
                this));
        depot->TraceConnectWithoutContext(
            "SessionOpened",
            MakeBoundCallback(
                +[](DepotScenario* s, Ipv4Address, uint16_t, uint32_t p)
                { s->opened.emplace_back(Simulator::Now(), p); },
                this));
        depot->TraceConnectWithoutContext(
            "SessionClosed",
            MakeBoundCallback(
                +[](DepotScenario* s, Ipv4Address, uint16_t, uint32_t) { ++s->closed; }, this));
        depot->TraceConnectWithoutContext(
            "SessionExpired",
            MakeBoundCallback(
                +[](DepotScenario* s, Ipv4Address, uint16_t, uint32_t p, uint8_t st)
                { s->expired.emplace_back(p, st); },
                this));
        depot->TraceConnectWithoutContext(
            "ProxyState",
            MakeBoundCallback(
                +[](DepotScenario* s, uint32_t p, bool up)
                { s->proxyEvents.emplace_back(Simulator::Now(), p, up); },
                this));
        return depot;
    }

    WebRequest Get(const std::string& path) const
    {
        WebRequest r;
        r.host = "www.example.com";
        r.path = path;
        r.server = InetSocketAddress(vip, 80);
        return r;
    }

    /// n GETs of a path issued at first, first + gap, ...
    std::vector<WebRequest> Every(const std::string& path, uint32_t n, Time first, Time gap) const
    {
        std::vector<WebRequest> v;
        for (uint32_t k = 0; k < n; ++k)
        {
            WebRequest r = Get(path);
            r.issueTime = first + gap * k;
            v.push_back(r);
        }
        return v;
    }

    Ptr<WebClient> AddClient(uint32_t i, const std::vector<WebRequest>& requests)
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (const auto& r : requests)
        {
            src->Add(r);
        }
        WebClientHelper h;
        h.SetAttribute("PersistentConnections", BooleanValue(false));
        Ptr<WebClient> c = DynamicCast<WebClient>(h.Install(clients.Get(i), src).Get(0));
        c->TraceConnectWithoutContext(
            "RequestComplete",
            MakeBoundCallback(
                +[](DepotScenario* s, const RequestRecord& r) { s->records.push_back(r); }, this));
        return c;
    }

    void Run(Time stop)
    {
        // ns-3's own random variables (ARP jitter, CSMA backoff) on fixed streams, not on
        // the next automatic ones, which depend on what ran earlier in this process.
        AssignNetworkStreams(NodeContainer::GetGlobal(), 0);
        Simulator::Stop(stop);
        Simulator::Run();
    }

    ~DepotScenario()
    {
        Simulator::Destroy();
    }
};

class DepotTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        Config::Reset(); // defaults that earlier tests in this process changed
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }

    void TearDown() override
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    }
};

/// Sizes of the objects /o0../o5.
const std::vector<uint64_t> SIZES = {100, 1000, 1448, 10000, 65536, 123457};

/// 4 clients x 6 non-persistent requests through a round-robin depot to 3 proxies.
void
RunRoundRobin(DepotScenario& s, std::map<Time, uint32_t>* tableAt = nullptr)
{
    for (size_t k = 0; k < SIZES.size(); ++k)
    {
        s.AddObject("/o" + std::to_string(k), SIZES[k]);
    }
    s.InstallProxies();
    s.InstallDepot(DepotHelper(s.vip, 80));
    for (uint32_t c = 0; c < s.clients.GetN(); ++c)
    {
        std::vector<WebRequest> reqs;
        for (size_t k = 0; k < SIZES.size(); ++k)
        {
            reqs.push_back(s.Get("/o" + std::to_string((k + c) % SIZES.size())));
        }
        s.AddClient(c, reqs);
    }
    if (tableAt)
    {
        for (auto& [t, n] : *tableAt)
        {
            Simulator::Schedule(t, [&s, &n = n]() { n = s.depot->GetSessionTable().Size(); });
        }
    }
    s.Run(Seconds(70));
}

void
ExpectAllComplete(const DepotScenario& s, size_t n)
{
    ASSERT_EQ(s.records.size(), n);
    for (const auto& r : s.records)
    {
        EXPECT_FALSE(r.failed) << r.error;
        EXPECT_EQ(r.status, 200u);
        EXPECT_EQ(r.bodyBytes, r.contentLength);
    }
    std::multiset<uint64_t> got;
    for (const auto& r : s.records)
    {
        got.insert(r.bodyBytes);
    }
    std::multiset<uint64_t> want;
    for (size_t i = 0; i < n; ++i)
    {
        want.insert(SIZES[i % SIZES.size()]);
    }
    EXPECT_EQ(got, want) << "every object arrived with its exact size";
}

/// Check that the only proxy events were proxy's going down, then up; return their times.
std::pair<Time, Time>
DownThenUp(const DepotScenario& s, uint32_t proxy)
{
    const auto [down, p1, up1] = s.proxyEvents.at(0);
    const auto [up, p2, up2] = s.proxyEvents.at(1);
    EXPECT_EQ(p1, proxy);
    EXPECT_FALSE(up1);
    EXPECT_EQ(p2, proxy);
    EXPECT_TRUE(up2);
    return {down, up};
}

/// Send a hand-made TCP segment to port 80 from a node's IP layer after a delay.
void
InjectTcp(Ptr<Ipv4> ipv4,
          Ipv4Address from,
          Ipv4Address to,
          uint16_t sport,
          uint32_t seq,
          uint32_t ack,
          uint8_t flags,
          uint32_t payload,
          Time delay)
{
    TcpHeader t;
    t.SetSourcePort(sport);
    t.SetDestinationPort(80);
    t.SetSequenceNumber(SequenceNumber32(seq));
    t.SetAckNumber(SequenceNumber32(ack));
    t.SetFlags(flags);
    Ptr<Packet> p = Create<Packet>(payload);
    p->AddHeader(t);
    Simulator::Schedule(delay, [=]() { ipv4->Send(p, from, to, 6, nullptr); });
}

} // namespace

TEST_F(DepotTest, PacketHookKeepsStaticRoutingFindableWithoutDuplicateRoutes)
{
    LinkScenario s("10Mbps", MilliSeconds(5));
    Ptr<Node> n = s.nodes.Get(1);
    Ipv4StaticRoutingHelper sh;
    Ptr<Ipv4StaticRouting> before = sh.GetStaticRouting(n->GetObject<Ipv4>());
    ASSERT_TRUE(before);
    const uint32_t routes = before->GetNRoutes();
    Ptr<PacketHookRouting> hook = PacketHookRouting::Install(n);
    EXPECT_EQ(PacketHookRouting::Install(n), hook) << "one hook per node";
    EXPECT_EQ(n->GetObject<Ipv4>()->GetRoutingProtocol(), hook);
    EXPECT_EQ(sh.GetStaticRouting(n->GetObject<Ipv4>()), before);
    EXPECT_EQ(before->GetNRoutes(), routes) << "no second SetIpv4 on the adopted protocols";
    Simulator::Destroy();
}

TEST_F(DepotTest, PacketHookDelayAndDropAreExact)
{
    // sync = connection setup as the client sees it; a hook on the server delays or drops.
    auto run = [](int mode)
    {
        LinkScenario s("10Mbps", MilliSeconds(5));
        s.AddObject("/x", 5000);
        s.InstallServer();
        // Modes 1 and 2 hook the server's input, mode 3 the client's output.
        Ptr<PacketHookRouting> hook = PacketHookRouting::Install(s.nodes.Get(mode == 3 ? 0 : 1));
        uint32_t drops = 0;
        hook->TraceConnectWithoutContext(
            "Drop",
            MakeBoundCallback(
                +[](uint32_t* d, Ptr<const Packet>, const Ipv4Header&, PacketHookRouting::Direction)
                { ++*d; },
                &drops));
        bool dropped = false;
        if (mode == 1)
        {
            hook->AddHook(MakeBoundCallback(+[](PacketHookRouting::HookPacket& hp)
                                            {
                                                hp.delay += MilliSeconds(10);
                                                return PacketHookRouting::PASS;
                                            }));
        }
        else if (mode >= 2)
        {
            hook->AddHook(MakeBoundCallback(
                +[](bool* once, PacketHookRouting::HookPacket& hp)
                {
                    if (!*once)
                    {
                        *once = true;
                        return PacketHookRouting::DROP;
                    }
                    return PacketHookRouting::PASS;
                },
                &dropped));
        }
        s.InstallClient({s.Get("/x")});
        s.Run();
        EXPECT_EQ(drops, mode >= 2 ? 1u : 0u);
        EXPECT_EQ(s.records.size(), 1u);
        EXPECT_EQ(s.records.at(0).bodyBytes, 5000u);
        return s.records.at(0).sync;
    };
    const Time plain = run(0);
    EXPECT_EQ(run(1) - plain, MilliSeconds(10)) << "the SYN waits 10 ms at the server";
    EXPECT_EQ(run(2) - plain, Seconds(3)) << "the dropped SYN is retransmitted after ConnTimeout";
    EXPECT_EQ(run(3) - plain, Seconds(3)) << "the same, dropped on the client's output";
}

TEST_F(DepotTest, RoundRobinEndToEndExactBytesAndDistribution)
{
    DepotScenario s(4, 3);
    std::map<Time, uint32_t> table{{Seconds(59), 0}, {Seconds(62), 0}};
    RunRoundRobin(s, &table);
    ExpectAllComplete(s, 24);
    ASSERT_EQ(s.decisions.size(), 24u);
    for (size_t i = 0; i < s.decisions.size(); ++i)
    {
        EXPECT_EQ(s.decisions[i], i % 3) << "round robin in SYN arrival order";
    }
    std::set<std::pair<uint32_t, uint16_t>> all;
    for (uint32_t p = 0; p < 3; ++p)
    {
        EXPECT_EQ(s.accepted[p].size(), 8u) << "proxy " << p;
        EXPECT_EQ(s.depot->GetProxies()[p].sessionsOpened, 8u);
        all.insert(s.accepted[p].begin(), s.accepted[p].end());
    }
    EXPECT_EQ(all.size(), 24u) << "no session reached two proxies";
    for (const auto& [addr, port] : all)
    {
        EXPECT_EQ(Ipv4Address(addr).CombineMask(Ipv4Mask("255.255.255.0")), Ipv4Address("10.1.1.0"))
            << "proxies see the real client addresses";
    }
    // Closed sessions are held 2 MSL (60 s) in TIME_WAIT, then removed.
    EXPECT_EQ(table[Seconds(59)], 24u);
    EXPECT_EQ(table[Seconds(62)], 0u);
    EXPECT_EQ(s.closed, 24u);
    EXPECT_TRUE(s.expired.empty());
    for (const DepotProxy& p : s.depot->GetProxies())
    {
        EXPECT_EQ(p.activeSessions + p.inactiveSessions + p.pendingSessions, 0u);
        // SYN to SYN-ACK across LAN B: two 50 us hops, plus the wait of SYN-ACKs behind
        // other sessions' data in the proxy's device queue (up to 123 KB at 100 Mbit/s).
        EXPECT_GT(p.responseTime, 100e-6);
        EXPECT_LT(p.responseTime, 0.05);
    }
    for (uint8_t r = 0; r < Depot::N_DROP_REASONS; ++r)
    {
        EXPECT_EQ(s.depot->GetDropCount(Depot::DropReason(r)), 0u)
            << Depot::DropReasonName(Depot::DropReason(r));
    }
    EXPECT_EQ(s.depot->GetTrackerCount(TcpStateTracker::OUT_OF_WINDOW), 0u);
}

TEST_F(DepotTest, RewritesKeepChecksumsValid)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    DepotScenario s(4, 3);
    RunRoundRobin(s);
    ExpectAllComplete(s, 24);
    EXPECT_EQ(s.closed, 24u);
}

/// Segments larger than the 1500-byte MTU leave the clients and the proxies as IP fragments:
/// the depot rewrites every fragment of a session's datagram, not only the first (which
/// carries the ports), and keeps the TCP checksum valid over the reassembled segment.
TEST_F(DepotTest, FragmentsOfSessionsAreRewrittenLikeTheirFirstFragment)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    DepotScenario s(3, 3);
    // Set after the fixture's 1448: the sockets (clients' and proxies') are created later.
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(3000));
    for (size_t k = 0; k < SIZES.size(); ++k)
    {
        s.AddObject("/o" + std::to_string(k), SIZES[k]);
    }
    s.InstallProxies();
    s.InstallDepot(DepotHelper(s.vip, 80));
    // Fragments of datagrams that nodes' IP receives (before reassembly), optionally only from
    // one source. Fragments reach the proxies only if the depot gave them the proxy's address.
    struct FragmentCounter
    {
        Ipv4Address from{Ipv4Address::GetAny()}; //!< source to count (any: all)
        uint64_t n{0};                           //!< fragments counted

        void Rx(Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t)
        {
            Ipv4Header h;
            packet->PeekHeader(h);
            n += (h.GetFragmentOffset() != 0 || !h.IsLastFragment())
              && (from == Ipv4Address::GetAny() || h.GetSource() == from);
        }

        void Attach(const NodeContainer& nodes)
        {
            for (uint32_t i = 0; i < nodes.GetN(); ++i)
            {
                nodes.Get(i)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
                    "Rx", MakeCallback(&FragmentCounter::Rx, this));
            }
        }
    };
    FragmentCounter toProxy;
    toProxy.Attach(s.proxies);
    FragmentCounter toClient;
    toClient.from = s.vip;
    toClient.Attach(s.clients);
    for (uint32_t c = 0; c < s.clients.GetN(); ++c)
    {
        std::vector<WebRequest> reqs;
        for (size_t k = 0; k < SIZES.size(); ++k)
        {
            WebRequest r = s.Get("/o" + std::to_string((k + c) % SIZES.size()));
            if (k % 2 == 1)
            {
                // An upload: the client's segments are fragmented too.
                r.method = "POST";
                r.bodyBytes = 20000 + 1000 * k;
            }
            reqs.push_back(r);
        }
        s.AddClient(c, reqs);
    }
    s.Run(Seconds(70));

    ASSERT_EQ(s.records.size(), 18u);
    std::multiset<uint64_t> got;
    for (const auto& r : s.records)
    {
        EXPECT_FALSE(r.failed) << r.error;
        EXPECT_EQ(r.status, 200u);
        EXPECT_EQ(r.bodyBytes, r.contentLength);
        got.insert(r.bodyBytes);
    }
    std::multiset<uint64_t> want;
    for (size_t i = 0; i < 18; ++i)
    {
        want.insert(SIZES[i % SIZES.size()]);
    }
    EXPECT_EQ(got, want);
    uint32_t accepted = 0;
    for (const auto& a : s.accepted)
    {
        accepted += a.size();
    }
    EXPECT_EQ(accepted, 18u);
    EXPECT_GT(toProxy.n, 18u) << "the uploads reached the proxies as fragments";
    EXPECT_GT(toClient.n, 100u) << "the responses reached the clients as fragments";
    EXPECT_EQ(s.depot->GetSessionTable().Size(), 0u);
    EXPECT_EQ(s.closed, 18u);
    EXPECT_TRUE(s.expired.empty());
    for (uint8_t r = 0; r < Depot::N_DROP_REASONS; ++r)
    {
        EXPECT_EQ(s.depot->GetDropCount(Depot::DropReason(r)), 0u)
            << Depot::DropReasonName(Depot::DropReason(r));
    }
    EXPECT_EQ(s.depot->GetTrackerCount(TcpStateTracker::OUT_OF_WINDOW), 0u);
    EXPECT_GT(s.depot->GetFragmentsForwarded(true), 18u);
    EXPECT_GT(s.depot->GetFragmentsForwarded(false), 100u);
    EXPECT_GT(s.depot->GetFirstFragmentsForwarded(), 100u);
    EXPECT_EQ(s.depot->GetFragmentTableSize(), 0u) << "every datagram's fragments all passed";
}

TEST_F(DepotTest, FailedProxyGetsNoSessionsUntilRevived)
{
    DepotScenario s(1, 3);
    s.AddObject("/o0", 2000);
    s.InstallProxies();
    DepotHelper h(s.vip, 80);
    h.SetAttribute("SynTimeout", TimeValue(Seconds(2)));
    h.SetAttribute("HealthCheckInterval", TimeValue(Seconds(1)));
    h.SetAttribute("HealthCheckTimeout", TimeValue(MilliSeconds(500)));
    h.SetAttribute("Fall", UintegerValue(3));
    h.SetAttribute("Rise", UintegerValue(2));
    s.InstallDepot(h);
    s.AddClient(0, s.Every("/o0", 40, Seconds(1), MilliSeconds(500)));
    Ptr<Ipv4> failing = s.proxies.Get(1)->GetObject<Ipv4>();
    Simulator::Schedule(Seconds(5.25), [failing]() { failing->SetDown(1); });
    Simulator::Schedule(Seconds(12.25), [failing]() { failing->SetUp(1); });
    s.Run(Seconds(30));

    ASSERT_EQ(s.records.size(), 40u);
    uint32_t redispatched = 0;
    for (const auto& r : s.records)
    {
        EXPECT_FALSE(r.failed) << r.error;
        EXPECT_EQ(r.bodyBytes, 2000u);
        redispatched += r.sync >= Seconds(3);
    }
    EXPECT_EQ(redispatched, 1u) << "one SYN went to the dead proxy and was switched on retry";
    ASSERT_EQ(s.proxyEvents.size(), 2u);
    const auto [down, up] = DownThenUp(s, 1);
    EXPECT_GT(down, Seconds(5.25));
    EXPECT_LE(down, Seconds(8.75)) << "by the SYN timeout or by 3 failed checks";
    EXPECT_GT(up, Seconds(12.25));
    EXPECT_LE(up, Seconds(14.25)) << "2 successful checks";
    EXPECT_GE(s.depot->GetProxies()[1].synTimeouts, 1u);
    uint32_t after = 0;
    for (const auto& [t, p] : s.opened)
    {
        if (p == 1)
        {
            EXPECT_TRUE(t <= down || t >= up) << "session for a dead proxy at " << t.As(Time::S);
            after += t >= up;
        }
    }
    EXPECT_GE(after, 4u) << "the revived proxy is back in the rotation";
    std::set<std::pair<uint32_t, uint16_t>> all;
    size_t total = 0;
    for (const auto& a : s.accepted)
    {
        all.insert(a.begin(), a.end());
        total += a.size();
    }
    EXPECT_EQ(all.size(), total) << "no session reached two proxies";
    EXPECT_EQ(total, 40u);
}

TEST_F(DepotTest, NonSynSegmentsWithoutSessionAreDroppedAndCounted)
{
    for (std::string action : {"drop", "reset"})
    {
        DepotScenario s(2, 3);
        s.AddObject("/o0", 100);
        s.AddObject("/o1", 1000);
        s.AddObject("/o2", 1448);
        s.InstallProxies();
        DepotHelper h(s.vip, 80);
        h.SetAttribute("NoSessionAction", StringValue(action));
        s.InstallDepot(h);
        s.AddClient(0, {s.Get("/o0"), s.Get("/o1"), s.Get("/o2")});
        // The second client sends 50 random segments without SYN to VIP:80.
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(7);
        const uint8_t flagChoices[] = {TcpHeader::ACK,
                                       TcpHeader::ACK | TcpHeader::PSH,
                                       TcpHeader::FIN | TcpHeader::ACK,
                                       TcpHeader::RST,
                                       TcpHeader::RST | TcpHeader::ACK,
                                       TcpHeader::SYN | TcpHeader::ACK,
                                       0};
        Ptr<Ipv4> attacker = s.clients.Get(1)->GetObject<Ipv4>();
        const Ipv4Address from = attacker->GetAddress(1, 0).GetLocal();
        uint32_t resetsExpected = 0;
        for (int k = 0; k < 50; ++k)
        {
            const uint16_t port = rng->GetInteger(1024, 65535);
            const uint32_t seq = rng->GetInteger(0, UINT32_MAX);
            const uint32_t ack = rng->GetInteger(0, UINT32_MAX);
            const uint8_t flags = flagChoices[rng->GetInteger(0, 6)];
            resetsExpected += !(flags & TcpHeader::RST);
            InjectTcp(attacker,
                      from,
                      s.vip,
                      port,
                      seq,
                      ack,
                      flags,
                      rng->GetInteger(0, 100),
                      MilliSeconds(100 + 10 * k));
        }
        s.Run(Seconds(5));
        ExpectAllComplete(s, 3);
        EXPECT_EQ(s.depot->GetDropCount(Depot::NO_SESSION), 50u);
        EXPECT_EQ(s.depot->GetResetsSent(), action == "reset" ? resetsExpected : 0u);
        size_t total = 0;
        for (const auto& a : s.accepted)
        {
            total += a.size();
        }
        EXPECT_EQ(total, 3u) << "no random segment opened a session";
    }
}

TEST_F(DepotTest, OutOfWindowResetDoesNotKillASessionWithWindowChecking)
{
    for (bool check : {true, false})
    {
        DepotScenario s(1, 3);
        const uint64_t size = 2000000;
        s.AddObject("/big", size);
        s.InstallProxies();
        DepotHelper h(s.vip, 80);
        h.SetAttribute("WindowCheck", BooleanValue(check));
        s.InstallDepot(h);
        s.AddClient(0, {s.Get("/big")});
        // Once the session exists, forge a RST on it with a sequence number far off.
        Ptr<Ipv4> client = s.clients.Get(0)->GetObject<Ipv4>();
        const Ipv4Address from = client->GetAddress(1, 0).GetLocal();
        s.depot->TraceConnectWithoutContext(
            "SessionOpened",
            MakeBoundCallback(
                +[](Ptr<Ipv4> ipv4,
                    Ipv4Address from,
                    Ipv4Address vip,
                    Ipv4Address,
                    uint16_t port,
                    uint32_t) {
                    InjectTcp(
                        ipv4, from, vip, port, 123456789, 0, TcpHeader::RST, 0, MilliSeconds(50));
                },
                client,
                from,
                s.vip));
        s.Run(Seconds(20));
        if (check)
        {
            ASSERT_EQ(s.records.size(), 1u);
            EXPECT_FALSE(s.records[0].failed) << s.records[0].error;
            EXPECT_EQ(s.records[0].bodyBytes, size);
            EXPECT_EQ(s.depot->GetDropCount(Depot::OUT_OF_WINDOW), 1u);
            EXPECT_EQ(s.closed, 0u) << "held in TIME_WAIT";
        }
        else
        {
            // The forged RST closed the proxy's end: the client waits for the rest forever.
            EXPECT_TRUE(s.records.empty());
            EXPECT_EQ(s.closed, 1u) << "the reset session left the table after CloseTimeout";
            EXPECT_EQ(s.depot->GetTrackerCount(TcpStateTracker::RESET), 1u);
        }
    }
}

TEST_F(DepotTest, SynFloodIsBoundedByTheTableLimitEvictingHalfOpenSessions)
{
    DepotScenario s(2, 3);
    s.AddObject("/o0", 100);
    s.AddObject("/o1", 1000);
    s.AddObject("/o2", 1448);
    s.InstallProxies();
    DepotHelper h(s.vip, 80);
    h.SetAttribute("MaxSessions", UintegerValue(40));
    h.SetAttribute("SynRecvTimeout", TimeValue(Seconds(1)));
    s.InstallDepot(h);
    // Spoofed SYNs from addresses nobody answers for: the proxies' SYN-ACKs go nowhere.
    Ptr<Ipv4> attacker = s.clients.Get(1)->GetObject<Ipv4>();
    // One segment first resolves the VIP's MAC: ARP queues only 3 packets while it waits.
    InjectTcp(attacker,
              attacker->GetAddress(1, 0).GetLocal(),
              s.vip,
              1999,
              0,
              0,
              TcpHeader::ACK,
              0,
              MilliSeconds(50));
    for (int k = 0; k < 200; ++k)
    {
        const Ipv4Address spoofed(0x0a010100 + 200 + k % 50);
        InjectTcp(attacker,
                  spoofed,
                  s.vip,
                  2000 + k,
                  k * 1000,
                  0,
                  TcpHeader::SYN,
                  0,
                  MilliSeconds(100 + k));
    }
    std::vector<WebRequest> reqs;
    for (int k = 0; k < 3; ++k)
    {
        WebRequest r = s.Get("/o" + std::to_string(k));
        r.issueTime = Seconds(2 + k);
        reqs.push_back(r);
    }
    s.AddClient(0, reqs);
    uint32_t peak = 0;
    s.depot->TraceConnectWithoutContext(
        "TableSize",
        MakeBoundCallback(
            +[](uint32_t* peak, uint32_t n) { *peak = std::max(*peak, n); }, &peak));
    s.Run(Seconds(8));
    EXPECT_EQ(peak, 40u);
    // Each SYN beyond the limit evicts the oldest half-open session instead of being dropped.
    EXPECT_EQ(s.depot->GetDropCount(Depot::TABLE_FULL), 0u);
    EXPECT_EQ(s.depot->GetEvictedSessions(), 160u);
    EXPECT_EQ(s.depot->GetDropCount(Depot::NO_SESSION), 1u);
    ExpectAllComplete(s, 3);
}

namespace
{
/// A TCP segment as both sides of the depot must show it.
struct Segment
{
    uint32_t seq;
    uint32_t ack;
    uint8_t flags;
    uint32_t length;

    bool operator==(const Segment& o) const
    {
        return seq == o.seq && ack == o.ack && flags == o.flags && length == o.length;
    }
};

/// The depot's two sides, per (client, client port, toward the proxy).
struct Conversations
{
    using Key = std::tuple<uint32_t, uint16_t, bool>;
    std::map<Key, std::vector<Segment>> front; //!< LAN A, between clients and VIP:80
    std::map<Key, std::vector<Segment>> back;  //!< LAN B, between depot and proxies
    Ipv4Address vip;
    Ipv4Address depotBack;
    std::set<Ipv4Address> proxies;
    uint32_t wrongAddress = 0;

    /**
     * A packet seen on one side of the depot.
     * \param onFront LAN A (else LAN B)
     * \param p the packet, from its IP header on
     */
    void Add(bool onFront, Ptr<Packet> p)
    {
        Ipv4Header ip;
        p->RemoveHeader(ip);
        if (ip.GetProtocol() != 6 || ip.GetSource() == depotBack
            || ip.GetDestination() == depotBack)
        {
            return; // not TCP, or the depot's own health checks
        }
        TcpHeader t;
        p->RemoveHeader(t);
        const Segment s{t.GetSequenceNumber().GetValue(),
                        t.GetAckNumber().GetValue(),
                        t.GetFlags(),
                        ip.GetPayloadSize() - t.GetSerializedSize()};
        const bool toProxy
            = onFront ? ip.GetDestination() == vip : proxies.count(ip.GetDestination()) != 0;
        const Ipv4Address client = toProxy ? ip.GetSource() : ip.GetDestination();
        const uint16_t port = toProxy ? t.GetSourcePort() : t.GetDestinationPort();
        const Ipv4Address far = toProxy ? ip.GetDestination() : ip.GetSource();
        const uint16_t farPort = toProxy ? t.GetDestinationPort() : t.GetSourcePort();
        if (onFront)
        {
            wrongAddress += far != vip || farPort != 80;
        }
        else
        {
            wrongAddress += proxies.count(far) == 0 || farPort != 8080;
        }
        (onFront ? front : back)[Key(client.Get(), port, toProxy)].push_back(s);
    }

    /**
     * Read a PCAP file of one side (Ethernet frames).
     * \param onFront LAN A (else LAN B)
     * \param file the file
     * \return frames read
     */
    uint32_t Read(bool onFront, const std::string& file)
    {
        PcapFile pcap;
        pcap.Open(file, std::ios::in);
        EXPECT_FALSE(pcap.Fail()) << file;
        EXPECT_EQ(pcap.GetDataLinkType(), compat::PCAP_LINKTYPE_ETHERNET);
        std::vector<uint8_t> buf(65536);
        uint32_t frames = 0;
        for (;;)
        {
            uint32_t sec;
            uint32_t usec;
            uint32_t inclLen;
            uint32_t origLen;
            uint32_t readLen;
            pcap.Read(buf.data(), buf.size(), sec, usec, inclLen, origLen, readLen);
            if (pcap.Fail() || pcap.Eof())
            {
                break;
            }
            ++frames;
            Ptr<Packet> p = Create<Packet>(buf.data(), readLen);
            EthernetHeader eth;
            p->RemoveHeader(eth);
            if (eth.GetLengthType() == 0x0800)
            {
                Add(onFront, p);
            }
        }
        return frames;
    }
};
} // namespace

TEST_F(DepotTest, BothSidesCarryTheSameConversationWithRewrittenAddresses)
{
    // PCAP files of the depot's two devices, as a user would look at them.
    const std::string prefix = std::string(WEB_PROXY_TEST_OUTPUT_DIR) + "/depot-conversation";
    Conversations c;
    {
        DepotScenario s(2, 3);
        c.vip = s.vip;
        c.depotBack = s.depotProxySide;
        c.proxies.insert(s.proxyIps.begin(), s.proxyIps.end());
        Ptr<Ipv4> ip = s.depotNode->GetObject<Ipv4>();
        CsmaHelper csma;
        csma.EnablePcap(prefix + "-front.pcap", ip->GetNetDevice(1), false, true);
        csma.EnablePcap(prefix + "-back.pcap", ip->GetNetDevice(2), false, true);
        RunRoundRobin(s);
        ExpectAllComplete(s, 12);
    } // the files are complete once the devices are gone
    EXPECT_GT(c.Read(true, prefix + "-front.pcap"), 12u * 8);
    EXPECT_GT(c.Read(false, prefix + "-back.pcap"), 12u * 8);
    EXPECT_EQ(c.wrongAddress, 0u);
    EXPECT_EQ(c.front.size(), 24u) << "12 sessions, two directions";
    EXPECT_EQ(c.back.size(), 24u);
    size_t segments = 0;
    for (const auto& [key, segs] : c.front)
    {
        auto it = c.back.find(key);
        ASSERT_NE(it, c.back.end());
        EXPECT_TRUE(it->second == segs) << "same segments in the same order";
        segments += segs.size();
    }
    EXPECT_GT(segments, 12u * 8);
}

TEST_F(DepotTest, ClientsOfAScrappedSessionGetARstWhenAsked)
{
    for (bool reset : {true, false})
    {
        DepotScenario s(1, 3);
        s.AddObject("/big", 5000000);
        s.InstallProxies();
        DepotHelper h(s.vip, 80);
        h.SetAttribute("ResetClientsOnFailure", BooleanValue(reset));
        h.SetAttribute("HealthCheckInterval", TimeValue(Seconds(0)));
        s.InstallDepot(h);
        s.AddClient(0, {s.Get("/big")});
        // The proxy is declared down (as detection would) while the transfer runs.
        s.depot->TraceConnectWithoutContext(
            "SessionOpened",
            MakeBoundCallback(
                +[](Depot* d, Ipv4Address, uint16_t, uint32_t proxy) {
                    Simulator::Schedule(MilliSeconds(100),
                                        [d, proxy]() { d->SetProxyUp(proxy, false); });
                },
                PeekPointer(s.depot))); // a Ptr here would keep the depot alive
        s.Run(Seconds(20));
        ASSERT_EQ(s.expired.size(), 1u) << "the session was scrapped";
        if (reset)
        {
            ASSERT_EQ(s.records.size(), 1u);
            EXPECT_TRUE(s.records[0].failed);
            EXPECT_LT(s.records[0].bodyBytes, 5000000u);
            EXPECT_LT(s.records[0].total, MilliSeconds(200)) << "fails at once";
            EXPECT_EQ(s.depot->GetResetsSent(), 1u);
        }
        else
        {
            EXPECT_TRUE(s.records.empty()) << "the client waits for the rest";
            EXPECT_EQ(s.depot->GetResetsSent(), 0u);
        }
    }
}

// NoSessionAction "reset" answers a proxy's segment without a session with a RST to both ends
// (the client's connection went with its session, e.g. at a failover). A late SYN-ACK is such
// a segment too: proxy 0 never got its first one through (dropped on its way, as a busy
// depot's full buffer did under ns-3-dev in HotPairWithAForwardingCost...), the depot gave the
// session up after SynTimeout, and the client's retransmitted SYN opened a session with proxy
// 1. Proxy 0's retransmitted SYN-ACK then reached the depot: before the fix the depot reset
// the client's live connection to proxy 1 (ns-3's ISNs are all 0, so the RST was in window)
// and the request failed with "connection closed before the response ended".
TEST_F(DepotTest, AProxysLateSynAckResetsOnlyThatProxyNotTheClientsNewSession)
{
    DepotScenario s(1, 2);
    s.AddObject("/o", 20000);
    s.InstallProxies();
    DepotHelper h(s.vip, 80);
    h.SetAttribute("NoSessionAction", StringValue("reset"));
    h.SetAttribute("HealthCheckInterval", TimeValue(Seconds(0)));
    s.InstallDepot(h);
    // Proxy 0's first SYN-ACK is lost on its way out; its retransmission (about 3 s later)
    // arrives after the client's retransmitted SYN, over a link as fast as the client's.
    Ptr<PacketHookRouting> hook = PacketHookRouting::Install(s.proxies.Get(0));
    uint32_t synAcks = 0;
    hook->AddHook(MakeBoundCallback(
        +[](uint32_t* n, PacketHookRouting::HookPacket& hp)
        {
            TcpHeader tcp;
            if (hp.direction == PacketHookRouting::OUTPUT && hp.packet->PeekHeader(tcp)
                && tcp.GetFlags() == (TcpHeader::SYN | TcpHeader::ACK) && (*n)++ == 0)
            {
                return PacketHookRouting::DROP;
            }
            return PacketHookRouting::PASS;
        },
        &synAcks));
    s.AddClient(0, {s.Get("/o")});
    s.Run(Seconds(20));

    EXPECT_GE(synAcks, 2u) << "proxy 0 retransmitted its SYN-ACK";
    ASSERT_EQ(s.opened.size(), 2u);
    EXPECT_EQ(s.opened[0].second, 0u);
    EXPECT_EQ(s.opened[1].second, 1u) << "the retransmitted SYN went to proxy 1";
    EXPECT_EQ(s.depot->GetDropCount(Depot::NO_SESSION), 1u) << "proxy 0's late SYN-ACK";
    ASSERT_EQ(s.records.size(), 1u);
    EXPECT_FALSE(s.records[0].failed) << s.records[0].error;
    EXPECT_EQ(s.records[0].bodyBytes, 20000u);
    EXPECT_GE(s.records[0].sync, Seconds(3)) << "connected by the retransmitted SYN";
    EXPECT_LT(s.records[0].sync, Seconds(3.1));
    EXPECT_EQ(s.depot->GetResetsSent(), 1u) << "proxy 0 only";
    EXPECT_EQ(s.accepted[1].size(), 1u) << "proxy 1 served the request";
}

TEST_F(DepotTest, DirectRoutingLeavesAddressesAndAnswersBypassTheDepot)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    DepotScenario s(4, 3);
    s.proxyPort = 80; // direct routing cannot change the port
    for (size_t k = 0; k < SIZES.size(); ++k)
    {
        s.AddObject("/o" + std::to_string(k), SIZES[k]);
    }
    s.InstallProxies();
    DepotHelper h(s.vip, 80);
    h.SetAttribute("ForwardingMethod", StringValue("Direct"));
    h.ConfigureDirectRouting(s.proxies);
    s.InstallDepot(h);
    uint64_t toProxy = 0;
    uint64_t fromProxy = 0;
    ASSERT_TRUE(s.depot->TraceConnectWithoutContext(
        "PacketForwarded",
        MakeBoundCallback(
            +[](uint64_t* to, uint64_t* from, Ptr<const Packet>, uint32_t, bool toward)
            { ++*(toward ? to : from); },
            &toProxy,
            &fromProxy)));
    // What the proxies receive: client segments keep the VIP as their destination.
    uint64_t toVip = 0;
    uint64_t clientToProxyAddress = 0;
    for (uint32_t i = 0; i < s.proxies.GetN(); ++i)
    {
        s.proxies.Get(i)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Rx",
            MakeBoundCallback(
                +[](DepotScenario* sc,
                    uint64_t* vip,
                    uint64_t* direct,
                    Ptr<const Packet> p,
                    Ptr<Ipv4>,
                    uint32_t)
                {
                    Ipv4Header ip;
                    p->PeekHeader(ip);
                    if (ip.GetProtocol() != 6 || ip.GetSource() == sc->depotProxySide)
                    {
                        return; // health checks
                    }
                    *(ip.GetDestination() == sc->vip ? vip : direct) += 1;
                },
                &s,
                &toVip,
                &clientToProxyAddress));
    }
    for (uint32_t c = 0; c < s.clients.GetN(); ++c)
    {
        std::vector<WebRequest> reqs;
        for (size_t k = 0; k < SIZES.size(); ++k)
        {
            reqs.push_back(s.Get("/o" + std::to_string((k + c) % SIZES.size())));
        }
        s.AddClient(c, reqs);
    }
    uint32_t tableAt70 = 0;
    Simulator::Schedule(Seconds(70), [&]() { tableAt70 = s.depot->GetSessionTable().Size(); });
    s.Run(Seconds(130));

    ExpectAllComplete(s, 24);
    ASSERT_EQ(s.decisions.size(), 24u);
    for (size_t i = 0; i < s.decisions.size(); ++i)
    {
        EXPECT_EQ(s.decisions[i], i % 3);
    }
    for (uint32_t p = 0; p < 3; ++p)
    {
        EXPECT_EQ(s.accepted[p].size(), 8u) << "proxy " << p;
    }
    EXPECT_GT(toProxy, 24u * 4);
    EXPECT_EQ(fromProxy, 0u) << "answers go to the clients without the depot's rewriting";
    EXPECT_EQ(toVip, toProxy) << "every forwarded segment reached its proxy, to the VIP";
    EXPECT_EQ(clientToProxyAddress, 0u);
    // Input-only tracking: the client's FIN leaves a session in FIN_WAIT (120 s).
    EXPECT_EQ(tableAt70, 24u);
    EXPECT_EQ(s.depot->GetSessionTable().Size(), 0u);
    ASSERT_EQ(s.expired.size(), 24u);
    for (const auto& [proxy, state] : s.expired)
    {
        EXPECT_EQ(state, TcpStateTracker::S_FIN_WAIT);
    }
    for (uint8_t r = 0; r < Depot::N_DROP_REASONS; ++r)
    {
        EXPECT_EQ(s.depot->GetDropCount(Depot::DropReason(r)), 0u)
            << Depot::DropReasonName(Depot::DropReason(r));
    }
    EXPECT_TRUE(s.proxyEvents.empty()) << "health checks reach the proxies' own addresses";
}

TEST_F(DepotTest, HttpHealthChecksTakeOutAProxyThatAnswersWithAnError)
{
    for (std::string type : {"Http", "Tcp"})
    {
        DepotScenario s(1, 3);
        s.AddObject("/o0", 2000);
        s.AddObject("/health", 10);
        Ptr<WebObjectCatalog> broken = CreateObject<WebObjectCatalog>(); // 404 for /health
        WebObject o;
        o.path = "/o0";
        o.size = 2000;
        broken->Add(o);
        s.InstallProxies({{2, broken}});
        DepotHelper h(s.vip, 80);
        h.SetAttribute("HealthCheckType", StringValue(type));
        h.SetAttribute("HealthCheckPath", StringValue("/health"));
        h.SetAttribute("HealthCheckInterval", TimeValue(Seconds(1)));
        h.SetAttribute("HealthCheckTimeout", TimeValue(MilliSeconds(500)));
        h.SetAttribute("Fall", UintegerValue(2));
        h.SetAttribute("Rise", UintegerValue(2));
        s.InstallDepot(h);
        s.AddClient(0, s.Every("/o0", 38, Seconds(1.25), MilliSeconds(500)));
        o.path = "/health";
        o.size = 10;
        Simulator::Schedule(Seconds(10.5), [broken, o]() { broken->Add(o); }); // repaired
        s.Run(Seconds(21));

        ASSERT_EQ(s.records.size(), 38u) << type;
        for (const auto& r : s.records)
        {
            EXPECT_FALSE(r.failed) << r.error;
            EXPECT_EQ(r.status, 200u);
        }
        if (type == "Tcp")
        {
            EXPECT_TRUE(s.proxyEvents.empty()) << "the proxy accepts connections";
            continue;
        }
        // Checks at 0 s and 1 s fail (404): down at the second; checks at 11 s and 12 s
        // succeed: up at the second, each a few LAN round trips after its start.
        ASSERT_EQ(s.proxyEvents.size(), 2u);
        const auto [down, up] = DownThenUp(s, 2);
        EXPECT_GT(down, Seconds(1));
        EXPECT_LT(down, Seconds(1.01));
        EXPECT_GT(up, Seconds(12));
        EXPECT_LT(up, Seconds(12.01));
        uint32_t before = 0;
        uint32_t after = 0;
        for (const auto& [t, p] : s.opened)
        {
            if (p == 2)
            {
                EXPECT_TRUE(t >= up) << "a session for a proxy that is down at " << t.As(Time::S);
                ++(t >= up ? after : before);
            }
        }
        EXPECT_EQ(before, 0u);
        EXPECT_GE(after, 5u) << "back in the rotation";
    }
}

/// 8 clients x 3 GETs of a 10,000-byte object at once through a depot whose forwarding costs
/// 400 us per packet and 1 us per byte ([Depot] §5's user-level depot), with a buffer limit.
struct CostlyDepotRun
{
    uint32_t complete = 0; //!< requests complete with every byte
    uint64_t overload = 0; //!< packets the full buffer dropped
    uint64_t forwarded = 0;
    uint64_t peak = 0; //!< most bytes waiting
    Time first;        //!< first request's start
    Time last;         //!< last request's end
};

CostlyDepotRun
RunCostlyDepot(uint32_t bufferSize)
{
    DepotScenario s(8, 2);
    s.AddObject("/ten", 10000);
    s.InstallProxies();
    DepotHelper h(s.vip, 80);
    h.SetAttribute("PacketRate", DoubleValue(2500));
    h.SetAttribute("CopyRate", DataRateValue(DataRate("8Mbps")));
    h.SetAttribute("BufferSize", UintegerValue(bufferSize));
    s.InstallDepot(h);
    for (uint32_t c = 0; c < 8; ++c)
    {
        s.AddClient(c, s.Every("/ten", 3, Seconds(1), Seconds(0)));
    }
    s.Run(Seconds(60));
    CostlyDepotRun r;
    r.first = Seconds(1000);
    for (const auto& rec : s.records)
    {
        r.complete += !rec.failed && rec.status == 200 && rec.bodyBytes == 10000;
        r.first = std::min(r.first, rec.issued);
        r.last = std::max(r.last, rec.issued + rec.total);
    }
    r.overload = s.depot->GetDropCount(Depot::OVERLOAD);
    r.forwarded = s.depot->GetForwardedCount();
    r.peak = s.depot->GetPeakBufferBytes();
    return r;
}

TEST_F(DepotTest, ForwardingCostQueuesPacketsAndAFullBufferDropsThem)
{
    // Unlimited buffer: nothing lost, and the depot, one server, was busy at least 400 us
    // for each packet it forwarded before the last response ended.
    const CostlyDepotRun open = RunCostlyDepot(0);
    EXPECT_EQ(open.complete, 24U);
    EXPECT_EQ(open.overload, 0U);
    EXPECT_GE(open.last - open.first, MicroSeconds(400) * static_cast<int64_t>(open.forwarded));
    // 24 responses of 7 segments at once: far more than 8 KB wait.
    EXPECT_GT(open.peak, 8192U);
    // An 8 KB buffer: packets are lost ([Depot]'s socket buffer overflow), never more than
    // 8 KB wait, and TCP still completes every request.
    const CostlyDepotRun tight = RunCostlyDepot(8192);
    EXPECT_EQ(tight.complete, 24U);
    EXPECT_GT(tight.overload, 0U);
    EXPECT_LE(tight.peak, 8192U);
    EXPECT_GT(tight.last, open.last) << "the losses cost retransmissions";
}

TEST(DepotAttributes, ChoicesAreStringsAndBadOnesAreNamed)
{
    Ptr<Depot> d = CreateObject<Depot>();
    d->SetAttribute("ForwardingMethod", StringValue("Direct"));
    StringValue v;
    d->GetAttribute("ForwardingMethod", v);
    EXPECT_EQ(v.Get(), "Direct");
    d->SetAttribute("HealthCheckType", StringValue("Http"));
    d->GetAttribute("HealthCheckType", v);
    EXPECT_EQ(v.Get(), "Http");
    // Anything else is refused by the attribute's checker, which names the choices (the
    // command line prints them: OptionChecker), and the value stays as it was.
    EXPECT_FALSE(d->SetAttributeFailSafe("ForwardingMethod", StringValue("Tunnel")));
    EXPECT_FALSE(d->SetAttributeFailSafe("HealthCheckType", StringValue("icmp")));
    d->GetAttribute("ForwardingMethod", v);
    EXPECT_EQ(v.Get(), "Direct");
    d->GetAttribute("HealthCheckType", v);
    EXPECT_EQ(v.Get(), "Http");
    Ptr<ProxyCache> p = CreateObject<ProxyCache>();
    EXPECT_FALSE(p->SetAttributeFailSafe("Cookies", StringValue("Eat")));
    EXPECT_FALSE(p->SetAttributeFailSafe("AbortPolicy", StringValue("Later")));
    EXPECT_DEATH(p->SetAttribute("Cookies", StringValue("Eat")), "Attribute name=Cookies");
    const struct
    {
        const char* type;
        const char* attribute;
        const char* choices;
    } choices[] = {{"ns3::Depot", "ForwardingMethod", "Nat|Direct"},
                   {"ns3::Depot", "HealthCheckType", "Tcp|Http"},
                   {"ns3::Depot", "NoSessionAction", "drop|reset|sloppy"},
                   {"ns3::DepotStandby", "Mode", "hot|warm|none"},
                   {"ns3::DepotStandby", "SyncContent", "new|changed|full"},
                   {"ns3::ProxyCache", "Cookies", "Honour|Ignore|IgnoreForImages"},
                   {"ns3::ConnectionCache", "AbortPolicy", "Continue|Abort|Quick"},
                   {"ns3::DnsAliasServer", "Policy", "RoundRobin|Locality"},
                   {"ns3::SyntheticWorkload", "AbortReceived", "Fraction|Bytes"},
                   {"ns3::SyntheticWorkload", "NotModifiedRule", "AnyGet|FetchedBefore"},
                   {"ns3::TraceRequestSource", "PersistentFlag", "Request|Server"}};
    for (const auto& c : choices)
    {
        TypeId::AttributeInformation info;
        ASSERT_TRUE(TypeId::LookupByName(c.type).LookupAttributeByName(c.attribute, &info))
            << c.type << "::" << c.attribute;
        EXPECT_EQ(info.checker->GetUnderlyingTypeInformation(), c.choices) << c.attribute;
        // The default is one of the choices.
        EXPECT_TRUE(info.checker->Check(*info.initialValue)) << c.attribute;
    }
}

namespace
{

/**
 * The identification a rewriter gives a proxy's first fragment to a client.
 * \param r the rewriter
 * \param vip its VIP
 * \param client the client
 * \return the identification the datagram leaves with
 */
uint16_t
FirstFragmentId(DepotPacketRewriter& r, Ipv4Address vip, Ipv4Address client)
{
    DepotProxy proxy;
    proxy.address = Ipv4Address("10.1.2.3");
    proxy.port = 8080;
    DepotSession s{};
    s.client = client.Get();
    s.clientPort = 40000;
    s.vip = vip.Get();
    s.virtualPort = 80;
    s.proxy = proxy.address.Get();
    s.proxyPort = proxy.port;
    TcpHeader tcp;
    tcp.SetSourcePort(proxy.port);
    tcp.SetDestinationPort(40000);
    tcp.SetFlags(TcpHeader::ACK);
    Ptr<Packet> segment = Create<Packet>(1000);
    segment->AddHeader(tcp);
    EXPECT_TRUE(r.BeginFirstFragment(segment));
    PacketHookRouting::HookPacket hp;
    hp.packet = Create<Packet>(1000);
    hp.header.SetSource(proxy.address);
    hp.header.SetDestination(client);
    hp.header.SetIdentification(7); // the proxy's own
    hp.header.SetMoreFragments();
    hp.direction = PacketHookRouting::INPUT;
    r.ToClient(hp, tcp, s, proxy);
    r.EndFirstFragment();
    EXPECT_EQ(hp.header.GetSource(), vip);
    return hp.header.GetIdentification();
}

} // namespace

TEST(DepotPacketRewriterTest, VipIdentificationCountersStayBoundedUnderSpoofedSources)
{
    // A first fragment of a proxy's datagram to each of 100,000 spoofed clients (a spoofed SYN
    // gives each a session, and a datagram spoofed from the proxy's address is switched back
    // to it), and one to a legitimate client after every 1,000 of them. Until 2026-12-03 the
    // rewriter kept a counter per client for ever: 100,001 counters here.
    const Ipv4Address vip("10.1.1.100");
    const uint32_t counters = 64;
    DepotPacketRewriter r;
    r.Configure(vip, false, counters);
    const Ipv4Address legit("10.1.1.3");
    std::vector<uint16_t> legitIds;
    for (uint32_t i = 0; i < 100000; ++i)
    {
        FirstFragmentId(r, vip, Ipv4Address(0x0b000000 + i * 7919)); // 11.0.0.0/8, scattered
        if (i % 1000 == 999)
        {
            legitIds.push_back(FirstFragmentId(r, vip, legit));
        }
    }
    EXPECT_EQ(r.GetIdCounterCount(), counters);
    // The legitimate client's numbering never restarted: its counter is shared with the
    // spoofed clients that hash to it (about 1/64 of 100,000, far from the 65,536 of a wrap),
    // so its 100 identifications strictly increase from 0.
    ASSERT_EQ(legitIds.size(), 100u);
    EXPECT_EQ(std::adjacent_find(
                  legitIds.begin(), legitIds.end(), [](uint16_t a, uint16_t b) { return b <= a; }),
              legitIds.end());
    EXPECT_LT(legitIds.back(), 2 * 100000 / counters);
    // Clients with consecutive addresses (a LAN) never share a counter, up to the number of
    // counters: three rounds over 64 of them give each 0, 1, 2, as a counter per client did.
    DepotPacketRewriter lan;
    lan.Configure(vip, false, counters);
    for (uint16_t round = 0; round < 3; ++round)
    {
        for (uint32_t c = 0; c < counters; ++c)
        {
            EXPECT_EQ(FirstFragmentId(lan, vip, Ipv4Address(0x0a010103 + c)), round);
        }
    }
    // A depot failure restarts the numbering (the process lost its state).
    lan.Clear();
    EXPECT_EQ(FirstFragmentId(lan, vip, Ipv4Address(0x0a010103)), 0u);
    EXPECT_EQ(lan.GetIdCounterCount(), counters);
}
