/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Depot pairs: clients -- LAN A -- depots 0 and 1 -- LAN B -- 3 proxies (OriginServers on
 * 8080). The VIP (LAN A) and the proxies' gateway (LAN B) live on VRRP-like virtual
 * interfaces; depot 0 starts as master. Heartbeats every 100 ms, dead time 300 ms.
 */
#include "../cross-node-check.h"
#include "../scenario-fixture.h"

#include "ns3/config.h"
#include "ns3/csma-module.h"
#include "ns3/udp-socket-factory.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::test;

namespace
{

const Time HEARTBEAT = MilliSeconds(100);
const Time DEAD_TIME = MilliSeconds(300);

struct PairScenario
{
    NodeContainer clients;
    NodeContainer proxies;
    NodeContainer depotNodes;
    Ipv4Address vip{"10.1.1.100"};
    Ipv4Address gateway{"10.1.2.100"};
    std::vector<Ipv4Address> proxyIps;
    std::array<Ipv4Address, 2> depotB;
    std::array<Ptr<CsmaNetDevice>, 2> depotBDevice; //!< the depots' real LAN B devices
    std::array<std::vector<Ptr<NetDevice>>, 2> virtualDevices;
    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    std::array<Ptr<Depot>, 2> depots;
    std::array<Ptr<DepotStandby>, 2> standby;
    std::vector<RequestRecord> records;
    std::array<std::vector<Time>, 2> failovers;

    PairScenario(uint32_t nClients, uint32_t nProxies)
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        clients.Create(nClients);
        proxies.Create(nProxies);
        depotNodes.Create(2);
        InternetStackHelper internet;
        internet.Install(clients);
        internet.Install(proxies);
        internet.Install(depotNodes);
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
        NetDeviceContainer a = csma.Install(NodeContainer(depotNodes, clients));
        NetDeviceContainer b = csma.Install(NodeContainer(depotNodes, proxies));
        Ipv4AddressHelper ah("10.1.1.0", "255.255.255.0");
        ah.Assign(a);
        Ipv4AddressHelper bh("10.1.2.0", "255.255.255.0");
        Ipv4InterfaceContainer bi = bh.Assign(b);
        depotB = {bi.GetAddress(0), bi.GetAddress(1)};
        depotBDevice = {DynamicCast<CsmaNetDevice>(b.Get(0)), DynamicCast<CsmaNetDevice>(b.Get(1))};
        const auto v = DepotStandbyHelper::AddVirtualInterfaces(
            depotNodes,
            DynamicCast<CsmaChannel>(a.Get(0)->GetChannel()),
            vip,
            DynamicCast<CsmaChannel>(b.Get(0)->GetChannel()),
            gateway);
        std::copy(v.begin(), v.end(), virtualDevices.begin());
        // Fixed streams: the outcome does not depend on what ran before in the process.
        int64_t stream = 1000;
        stream += csma.AssignStreams(a, stream);
        stream += csma.AssignStreams(b, stream);
        for (uint32_t d = 0; d < 2; ++d)
        {
            stream += csma.AssignStreams(
                NetDeviceContainer(virtualDevices[d][0], virtualDevices[d][1]), stream);
        }
        internet.AssignStreams(NodeContainer(depotNodes, clients, proxies), stream);
        for (uint32_t i = 0; i < nProxies; ++i)
        {
            proxyIps.push_back(bi.GetAddress(i + 2));
            Ptr<Ipv4> ipv4 = proxies.Get(i)->GetObject<Ipv4>();
            Ipv4StaticRoutingHelper().GetStaticRouting(ipv4)->SetDefaultRoute(gateway, 1);
        }
    }

    void AddObject(const std::string& path, uint64_t size)
    {
        catalog->Add(path, size);
    }

    /// Proxies that send each connection's response at sendRate (long transfers).
    void InstallProxies(DataRate sendRate)
    {
        OriginServerHelper h(8080);
        h.SetCatalog(catalog);
        h.SetAttribute("SendRate", DataRateValue(sendRate));
        h.Install(proxies);
    }

    /// Both depots, the same proxy list; depot 0 starts as master.
    void InstallPair(DepotHelper dh,
                     DepotStandbyHelper sh,
                     const std::string& noSessionAction = "reset")
    {
        dh.SetAttribute("NoSessionAction", StringValue(noSessionAction));
        for (const auto& ip : proxyIps)
        {
            dh.AddProxy(ip, 8080);
        }
        sh.SetAttribute("HeartbeatInterval", TimeValue(HEARTBEAT));
        sh.SetAttribute("DeadTime", TimeValue(DEAD_TIME));
        for (uint32_t d = 0; d < 2; ++d)
        {
            depots[d] = DynamicCast<Depot>(dh.Install(depotNodes.Get(d)).Get(0));
            sh.SetAttribute("Master", BooleanValue(d == 0));
            standby[d] = DynamicCast<DepotStandby>(
                sh.Install(depotNodes.Get(d), depots[d], depotB[1 - d], virtualDevices[d]).Get(0));
            standby[d]->TraceConnectWithoutContext(
                "Failover",
                MakeBoundCallback(
                    +[](std::vector<Time>* v, Time) { v->push_back(Simulator::Now()); },
                    &failovers[d]));
        }
    }

    WebRequest Get(const std::string& path, Time think = Seconds(0)) const
    {
        WebRequest r;
        r.host = "www.example.com";
        r.path = path;
        r.server = InetSocketAddress(vip, 80);
        r.thinkTime = think;
        return r;
    }

    void AddClient(uint32_t i, const std::vector<WebRequest>& requests, Time start = Seconds(0))
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (const auto& r : requests)
        {
            src->Add(r);
        }
        WebClientHelper h;
        h.SetAttribute("PersistentConnections", BooleanValue(false));
        ApplicationContainer apps = h.Install(clients.Get(i), src);
        apps.Start(start);
        apps.Get(0)->TraceConnectWithoutContext(
            "RequestComplete",
            MakeBoundCallback(
                +[](PairScenario* s, const RequestRecord& r) { s->records.push_back(r); }, this));
    }

    /// Sessions of depot d in ESTABLISHED now.
    uint32_t Established(uint32_t d) const
    {
        uint32_t n = 0;
        depots[d]->GetSessionTable().ForEach(
            [&](const DepotSession& s) { n += s.timerState == TcpStateTracker::S_ESTABLISHED; });
        return n;
    }

    uint32_t Failed() const
    {
        uint32_t n = 0;
        for (const auto& r : records)
        {
            n += r.failed;
        }
        return n;
    }

    void Run(Time stop)
    {
        Simulator::Stop(stop);
        Simulator::Run();
    }

    ~PairScenario()
    {
        Simulator::Destroy();
    }
};

class DepotStandbyTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }
};

/// Every client: `big` then `small` objects alternately, nRequests in all.
void
AddClients(PairScenario& s, uint32_t nRequests, Time think, Time stagger = MilliSeconds(10))
{
    for (uint32_t c = 0; c < s.clients.GetN(); ++c)
    {
        std::vector<WebRequest> reqs;
        for (uint32_t k = 0; k < nRequests; ++k)
        {
            reqs.push_back(s.Get((k + c) % 2 == 0 ? "/big" : "/small", think));
        }
        s.AddClient(c, reqs, stagger * c);
    }
}

} // namespace

TEST(DepotSyncHeaderTest, RoundTripKeepsEveryField)
{
    DepotSyncHeader h;
    h.type = DepotSyncHeader::SYNC;
    h.group = 7;
    h.master = true;
    h.priority = 200;
    h.sequence = 0xdeadbeef;
    for (uint32_t i = 0; i < 3; ++i)
    {
        DepotSessionRecord r;
        r.client = 0x0a010100 + i;
        r.vip = 0x0a010164;
        r.proxy = 0x0a010203;
        r.clientPort = 49153 + i;
        r.virtualPort = 80;
        r.proxyPort = 8080;
        r.proxyIndex = i;
        r.timerState = TcpStateTracker::S_FIN_WAIT;
        r.ends[0] = {TcpStateTracker::FIN_WAIT, 5, 7, 0, 1000 + i, 2000, 65535u << 7};
        r.ends[1] = {TcpStateTracker::CLOSE_WAIT, 13, 2, 0, 3000, 4000u + i, 1u << 20};
        h.records.push_back(r);
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    EXPECT_EQ(p->GetSize(), DepotSyncHeader::FIXED_SIZE + 3 * DepotSyncHeader::RECORD_SIZE);
    DepotSyncHeader g;
    p->RemoveHeader(g);
    EXPECT_EQ(g.type, h.type);
    EXPECT_EQ(g.group, 7);
    EXPECT_TRUE(g.master);
    EXPECT_EQ(g.priority, 200);
    EXPECT_EQ(g.sequence, 0xdeadbeef);
    ASSERT_EQ(g.records.size(), 3u);
    for (uint32_t i = 0; i < 3; ++i)
    {
        const auto& a = h.records[i];
        const auto& b = g.records[i];
        EXPECT_EQ(std::tie(a.client, a.vip, a.proxy, a.clientPort, a.virtualPort, a.proxyPort),
                  std::tie(b.client, b.vip, b.proxy, b.clientPort, b.virtualPort, b.proxyPort));
        EXPECT_EQ(a.proxyIndex, b.proxyIndex);
        EXPECT_EQ(a.timerState, b.timerState);
        for (int e = 0; e < 2; ++e)
        {
            EXPECT_EQ(std::tie(a.ends[e].state,
                               a.ends[e].flags,
                               a.ends[e].wscale,
                               a.ends[e].sndEnd,
                               a.ends[e].ack,
                               a.ends[e].maxWin),
                      std::tie(b.ends[e].state,
                               b.ends[e].flags,
                               b.ends[e].wscale,
                               b.ends[e].sndEnd,
                               b.ends[e].ack,
                               b.ends[e].maxWin));
        }
    }
}

TEST(DepotSyncHeaderTest, MalformedMessagesAreMarkedNotFatal)
{
    // A heartbeat with 10 proxies, the fifth down: its bytes, then damaged copies.
    DepotSyncHeader h;
    h.group = 3;
    h.master = true;
    h.priority = 150;
    h.proxiesUp.assign(10, true);
    h.proxiesUp[4] = false;
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    ASSERT_EQ(p->GetSize(), DepotSyncHeader::FIXED_SIZE + 2);
    std::vector<uint8_t> good(p->GetSize());
    p->CopyData(good.data(), good.size());
    EXPECT_EQ(std::vector<uint8_t>(good.begin(), good.begin() + 5),
              (std::vector<uint8_t>{'W', 'P', 'D', 'S', 1}));
    const auto decode = [](std::vector<uint8_t> bytes)
    {
        Ptr<Packet> q = Create<Packet>(bytes.data(), bytes.size());
        DepotSyncHeader g;
        q->RemoveHeader(g);
        std::ostringstream os;
        g.Print(os);
        return std::make_pair(g, os.str());
    };
    const auto ok = decode(good);
    EXPECT_EQ(ok.first.error, DepotSyncHeader::OK);
    EXPECT_EQ(ok.first.proxiesUp, h.proxiesUp);
    EXPECT_EQ(ok.second, "heartbeat group=3 master priority=150 seq=0 proxies=1111011111");
    auto unknown = good;
    unknown[5] = 99; // the type (a spoofed packet once aborted the run here)
    EXPECT_EQ(decode(unknown).first.error, DepotSyncHeader::UNKNOWN_TYPE);
    EXPECT_EQ(decode(unknown).second, "malformed (unknown-type)");
    auto magic = good;
    magic[0] = 'X';
    EXPECT_EQ(decode(magic).first.error, DepotSyncHeader::BAD_MAGIC);
    auto version = good;
    version[4] = 2;
    EXPECT_EQ(decode(version).first.error, DepotSyncHeader::BAD_VERSION);
    auto length = good;
    length.push_back(0);
    EXPECT_EQ(decode(length).first.error, DepotSyncHeader::BAD_LENGTH);
    EXPECT_EQ(decode({'W', 'P', 'D'}).first.error, DepotSyncHeader::SHORT);
    auto sync = good;
    sync[5] = DepotSyncHeader::SYNC; // 10 records announced, 2 bytes of them
    EXPECT_EQ(decode(sync).first.error, DepotSyncHeader::BAD_LENGTH);
}

TEST_F(DepotStandbyTest, BadModeAndContentAreRefused)
{
    // The attributes' checkers refuse the text: the values stay as they were.
    Ptr<DepotStandby> s = CreateObject<DepotStandby>();
    EXPECT_FALSE(s->SetAttributeFailSafe("Mode", StringValue("cold")));
    EXPECT_FALSE(s->SetAttributeFailSafe("SyncContent", StringValue("some")));
    EXPECT_FALSE(s->SetAttributeFailSafe("Mode", StringValue("Hot"))) << "names are exact";
    StringValue v;
    s->GetAttribute("Mode", v);
    EXPECT_EQ(v.Get(), "none");
    s->GetAttribute("SyncContent", v);
    EXPECT_EQ(v.Get(), "changed");
    EXPECT_DEATH(s->SetAttribute("Mode", StringValue("cold")), "Attribute name=Mode");
    Ptr<Depot> d = CreateObject<Depot>();
    EXPECT_FALSE(d->SetAttributeFailSafe("NoSessionAction", StringValue("hash")));
    EXPECT_TRUE(d->SetAttributeFailSafe("NoSessionAction", StringValue("sloppy")));
    d->GetAttribute("NoSessionAction", v);
    EXPECT_EQ(v.Get(), "sloppy");
    EXPECT_FALSE(Config::SetDefaultFailSafe("ns3::DepotStandby::Mode", StringValue("cold")));
}

namespace
{

/// Every request completed with its whole body.
void
ExpectAllComplete(const PairScenario& s, size_t n)
{
    ASSERT_EQ(s.records.size(), n);
    for (const auto& r : s.records)
    {
        EXPECT_FALSE(r.failed) << r.url << " issued at " << r.issued.As(Time::S) << ": " << r.error;
        EXPECT_EQ(r.status, 200u);
        EXPECT_EQ(r.bodyBytes, r.contentLength);
    }
}

} // namespace

TEST_F(DepotStandbyTest, HotStandbyKeepsAnIdenticalTableAndFailoverBreaksNoConnection)
{
    PairScenario s(6, 3);
    s.AddObject("/big", 300000);
    s.AddObject("/small", 2000);
    s.InstallProxies(DataRate("2Mbps")); // a big response takes 1.2 s
    DepotStandbyHelper sh;
    sh.SetAttribute("Mode", StringValue("hot"));
    s.InstallPair(DepotHelper(s.vip, 80), sh);
    // The pair talks by packets only: nothing would keep it from running distributed.
    const std::vector<std::string> crossNode = test::CrossNodeReferences();
    EXPECT_TRUE(crossNode.empty()) << crossNode.size() << " problems, first: " << crossNode[0];
    const Time fail = Seconds(1.5);
    s.standby[0]->SetAttribute("FailTime", TimeValue(fail));
    AddClients(s, 6, MilliSeconds(50));
    uint32_t established = 0;
    uint32_t sizes[2] = {0, 0};
    uint32_t same = 0;
    Simulator::Schedule(fail - MicroSeconds(1),
                        [&]()
                        {
                            established = s.Established(0);
                            sizes[0] = s.depots[0]->GetSessionTable().Size();
                            sizes[1] = s.depots[1]->GetSessionTable().Size();
                            s.depots[0]->GetSessionTable().ForEach(
                                [&](const DepotSession& a)
                                {
                                    const DepotSession* b = s.depots[1]->GetSessionTable().Find(
                                        a.client, a.clientPort, a.vip, a.virtualPort);
                                    same += b && b->proxyIndex == a.proxyIndex
                                         && b->timerState == a.timerState
                                         && b->ends[0].state == a.ends[0].state
                                         && b->ends[1].state == a.ends[1].state
                                         && b->ends[0].sndEnd == a.ends[0].sndEnd
                                         && b->ends[1].sndEnd == a.ends[1].sndEnd
                                         && b->expiry == a.expiry;
                                });
                        });
    s.Run(Seconds(40));
    ExpectAllComplete(s, 36);
    EXPECT_GE(established, 4u); // connections in the middle of a response at the failure
    EXPECT_GT(sizes[0], 0u);
    EXPECT_EQ(sizes[1], sizes[0]);
    EXPECT_EQ(same, sizes[0]);
    ASSERT_EQ(s.failovers[1].size(), 1u);
    EXPECT_EQ(s.standby[1]->GetRole(), DepotStandby::MASTER);
    EXPECT_EQ(s.standby[0]->GetRole(), DepotStandby::FAILED);
    EXPECT_EQ(s.standby[1]->GetBrokenConnections(), 0u);
    EXPECT_GT(s.depots[1]->GetForwardedCount(), 0u);
    EXPECT_EQ(s.depots[1]->GetDropCount(Depot::NO_SESSION), 0u);
}

TEST_F(DepotStandbyTest, HotPairWithAForwardingCostTakesOverWithoutBreakingAConnection)
{
    // [Depot] §5's user-level forwarding cost, on a hot pair: the master's buffer overflows
    // under load (OVERLOAD). The backup, which forwards nothing, tracks every mirrored packet.
    // Until 2026-12-06 it passed them through a buffer of its own, which lost other packets
    // than the master's: at the takeover one session was still SYN_SENT on the backup, and
    // its transfer was cut short (TRUNCATED). The states are compared for "not behind", not
    // for equality: with ns-3-dev's TCP the master's buffer dropped a FIN the backup had
    // tracked just before the failure (one session a step ahead on the backup), which breaks
    // nothing.
    PairScenario s(6, 3);
    s.AddObject("/big", 300000);
    s.AddObject("/small", 2000);
    s.InstallProxies(DataRate("2Mbps"));
    DepotStandbyHelper sh;
    sh.SetAttribute("Mode", StringValue("hot"));
    DepotHelper dh(s.vip, 80);
    dh.SetAttribute("PacketRate", DoubleValue(1000));
    dh.SetAttribute("QueueLimit", UintegerValue(3));
    s.InstallPair(dh, sh);
    const Time fail = Seconds(1.5);
    s.standby[0]->SetAttribute("FailTime", TimeValue(fail));
    AddClients(s, 6, MilliSeconds(50));
    std::array<uint64_t, 2> overload{0, 0};
    uint32_t sizes[2] = {0, 0};
    uint32_t sameProxy = 0;
    uint32_t behind = 0;
    // How far a session has got (the timer states in their order; the two half-closes level).
    auto progress = [](uint8_t st)
    {
        using T = TcpStateTracker;
        constexpr std::array<int, T::N_SESSION_STATES> rank{0, 1, 2, 3, 3, 4, 5, 5};
        return rank.at(st);
    };
    Simulator::Schedule(fail - MicroSeconds(1),
                        [&]()
                        {
                            for (uint32_t d = 0; d < 2; ++d)
                            {
                                overload[d] = s.depots[d]->GetDropCount(Depot::OVERLOAD);
                                sizes[d] = s.depots[d]->GetSessionTable().Size();
                            }
                            s.depots[0]->GetSessionTable().ForEach(
                                [&](const DepotSession& a)
                                {
                                    const DepotSession* b = s.depots[1]->GetSessionTable().Find(
                                        a.client, a.clientPort, a.vip, a.virtualPort);
                                    sameProxy += b && b->proxyIndex == a.proxyIndex;
                                    behind += b && progress(b->timerState) < progress(a.timerState);
                                });
                        });
    s.Run(Seconds(60));
    ExpectAllComplete(s, 36);
    EXPECT_GT(overload[0], 0u); // the case under test: the master's buffer overflowed
    EXPECT_EQ(overload[1], 0u); // the backup forwards nothing, so it has no buffer to fill
    EXPECT_GT(s.depots[1]->GetDropCount(Depot::OVERLOAD), 0u); // as master, it pays the cost
    EXPECT_EQ(sizes[1], sizes[0]);
    EXPECT_EQ(sameProxy, sizes[0]);
    // The backup may be ahead of the master (it tracked a FIN the master's full buffer then
    // dropped; the retransmission brings the master along), never behind: that was the bug.
    EXPECT_EQ(behind, 0u);
    ASSERT_EQ(s.failovers[1].size(), 1u);
    EXPECT_EQ(s.standby[1]->GetBrokenConnections(), 0u);
}

TEST_F(DepotStandbyTest, WarmStandbyBreaksExactlyTheLiveSessionsOpenedSinceTheLastSync)
{
    PairScenario s(6, 3);
    s.AddObject("/big", 300000);
    s.AddObject("/small", 2000);
    s.InstallProxies(DataRate("2Mbps")); // a big response takes 1.2 s
    DepotStandbyHelper sh;
    sh.SetAttribute("Mode", StringValue("warm"));
    sh.SetAttribute("SyncInterval", TimeValue(Seconds(1)));
    s.InstallPair(DepotHelper(s.vip, 80), sh);
    // 0.6 s after the sync at 2 s. (At 2.5 s, 6 of the 48 requests hang on the ns-3.37 FIN
    // defect described in the manual; the table comparison is the same at 2.3-2.7 s.)
    const Time fail = MilliSeconds(2600);
    s.standby[0]->SetAttribute("FailTime", TimeValue(fail));
    AddClients(s, 8, MilliSeconds(20), MilliSeconds(230));
    // Expected, from the two tables just before the failure: the master's sessions the backup
    // has not got (opened since the last sync, or not yet past SYN_SENT at it) and that are
    // not over (TIME_WAIT, CLOSE): their next segment meets the new master without a session.
    uint32_t expected = 0;
    Simulator::Schedule(fail - MicroSeconds(1),
                        [&]()
                        {
                            s.depots[0]->GetSessionTable().ForEach(
                                [&](const DepotSession& a)
                                {
                                    const bool over = a.timerState == TcpStateTracker::S_TIME_WAIT
                                                   || a.timerState == TcpStateTracker::S_CLOSE;
                                    expected += !over
                                             && !s.depots[1]->GetSessionTable().Find(
                                                 a.client, a.clientPort, a.vip, a.virtualPort);
                                });
                        });
    s.Run(Seconds(60));
    ASSERT_EQ(s.records.size(), 48u);
    const DepotStandby::Counters c = s.standby[0]->GetCounters();
    const uint64_t broken = s.standby[1]->GetBrokenConnections();
    EXPECT_GT(s.standby[1]->GetCounters().recordsImported, 0u);
    EXPECT_EQ(c.syncSent, s.standby[1]->GetCounters().syncReceived);
    EXPECT_GT(expected, 0u);
    EXPECT_EQ(broken, expected);
    EXPECT_EQ(c.unsyncedLiveAtFailure, expected); // what the example reports as "expected"
    EXPECT_EQ(s.Failed(), broken); // each broken connection got a RST: one failed request
    // Connections the backup knew from a sync survived the failover.
    uint32_t survived = 0;
    for (const auto& r : s.records)
    {
        survived += !r.failed && r.issued + r.total > fail && r.issued < Seconds(2);
    }
    EXPECT_GT(survived, 0u);
    // The synced records' sequence numbers are as old as the sync: neither the windows nor the
    // acknowledgements are checked against them.
    EXPECT_EQ(s.depots[1]->GetDropCount(Depot::OUT_OF_WINDOW), 0u);
}

TEST_F(DepotStandbyTest, MaglevPairWithoutSyncBreaksNoConnectionToALiveProxy)
{
    PairScenario s(6, 3);
    s.AddObject("/big", 300000);
    s.AddObject("/small", 2000);
    s.InstallProxies(DataRate("2Mbps"));
    DepotHelper dh(s.vip, 80);
    dh.SetScheduler("ns3::MaglevScheduler");
    DepotStandbyHelper sh; // Mode none: no state at all
    s.InstallPair(dh, sh, "sloppy");
    const Time fail = Seconds(1.5);
    s.standby[0]->SetAttribute("FailTime", TimeValue(fail));
    AddClients(s, 6, MilliSeconds(50));
    uint32_t established = 0;
    Simulator::Schedule(fail - MicroSeconds(1), [&]() { established = s.Established(0); });
    s.Run(Seconds(40));
    ExpectAllComplete(s, 36);
    EXPECT_GE(established, 4u);
    ASSERT_EQ(s.failovers[1].size(), 1u);
    EXPECT_GE(s.depots[1]->GetSloppyCount(), established); // re-hashed, not dropped
    EXPECT_EQ(s.standby[1]->GetBrokenConnections(), 0u);
    EXPECT_EQ(s.depots[1]->GetDropCount(Depot::NO_SESSION), 0u);
}

TEST_F(DepotStandbyTest, SurvivorTakesTheVipOverWithinTheDetectionTime)
{
    PairScenario s(1, 3);
    s.AddObject("/small", 2000);
    s.InstallProxies(DataRate(0));
    DepotStandbyHelper sh;
    sh.SetAttribute("Mode", StringValue("hot"));
    s.InstallPair(DepotHelper(s.vip, 80), sh);
    s.standby[0]->SetAttribute("FailTime", TimeValue(Seconds(1)));
    s.standby[0]->SetAttribute("RecoverTime", TimeValue(Seconds(2)));
    s.standby[1]->SetAttribute("FailTime", TimeValue(Seconds(3)));
    std::vector<WebRequest> reqs;
    for (double t : {0.5, 1.5, 2.5, 3.5})
    {
        reqs.push_back(s.Get("/small"));
        reqs.back().issueTime = Seconds(t);
    }
    s.AddClient(0, reqs);
    std::array<uint8_t, 2> rolesAt2_5{};
    std::array<uint64_t, 2> forwardedAt2{};
    Simulator::Schedule(Seconds(2.5),
                        [&]() {
                            rolesAt2_5 = {s.standby[0]->GetRole(), s.standby[1]->GetRole()};
                        });
    Simulator::Schedule(
        Seconds(2),
        [&]() {
            forwardedAt2 = {s.depots[0]->GetForwardedCount(), s.depots[1]->GetForwardedCount()};
        });
    s.Run(Seconds(10));
    // The last heartbeat before a failure left at most one interval before it and arrives
    // after the one-way delay (50 us propagation + < 0.2 ms transmission and backoff): the
    // survivor's dead timer fires within [DeadTime - interval, DeadTime] + 1 ms.
    const Time slack = MilliSeconds(1);
    ASSERT_EQ(s.failovers[1].size(), 1u);
    EXPECT_GE(s.failovers[1][0] - Seconds(1), DEAD_TIME - HEARTBEAT);
    EXPECT_LE(s.failovers[1][0] - Seconds(1), DEAD_TIME + slack);
    // Recovered as a backup (no preemption), it takes over again when the other fails.
    EXPECT_EQ(rolesAt2_5[0], DepotStandby::BACKUP);
    EXPECT_EQ(rolesAt2_5[1], DepotStandby::MASTER);
    ASSERT_EQ(s.failovers[0].size(), 1u);
    EXPECT_GE(s.failovers[0][0] - Seconds(3), DEAD_TIME - HEARTBEAT);
    EXPECT_LE(s.failovers[0][0] - Seconds(3), DEAD_TIME + slack);
    ExpectAllComplete(s, 4);
    EXPECT_GT(forwardedAt2[1], 0u); // the request at 1.5 s went through depot 1
    EXPECT_GT(s.depots[0]->GetForwardedCount(), forwardedAt2[0]); // the one at 3.5 s through 0
    EXPECT_GT(s.standby[0]->GetCounters().heartbeatsReceived, 0u);
    EXPECT_GT(s.standby[1]->GetCounters().heartbeatsReceived, 0u);
}

TEST_F(DepotStandbyTest, RecoveredDepotRejoinsAsBackupWithoutAFlap)
{
    // Warm pair under load (the example's warm case in small). Depot 0 fails while its LAN B
    // device is backing off (a busy segment), and comes back 1.5 s later: it must come back
    // as a backup that the master hears, and nobody may take over again.
    PairScenario s(6, 3);
    s.AddObject("/big", 300000);
    s.AddObject("/small", 2000);
    s.InstallProxies(DataRate("2Mbps"));
    DepotStandbyHelper sh;
    sh.SetAttribute("Mode", StringValue("warm"));
    sh.SetAttribute("SyncInterval", TimeValue(Seconds(1)));
    s.InstallPair(DepotHelper(s.vip, 80), sh);
    std::array<std::vector<std::pair<uint8_t, uint8_t>>, 2> roles;
    for (uint32_t d = 0; d < 2; ++d)
    {
        s.standby[d]->TraceConnectWithoutContext(
            "Role",
            MakeBoundCallback(
                +[](std::vector<std::pair<uint8_t, uint8_t>>* v, uint8_t from, uint8_t to)
                { v->emplace_back(from, to); },
                &roles[d]));
    }
    // The failure: at depot 0's first LAN B backoff after 1.5 s.
    Time failedAt;
    s.depotBDevice[0]->TraceConnectWithoutContext(
        "MacTxBackoff",
        MakeBoundCallback(
            +[](PairScenario* s, Time* at, Ptr<const Packet>)
            {
                if (at->IsZero() && Simulator::Now() >= Seconds(1.5))
                {
                    *at = Simulator::Now();
                    s->standby[0]->Fail(); // inside the device's TransmitStart: in BACKOFF
                    Simulator::Schedule(Seconds(1.5), &DepotStandby::Recover, s->standby[0]);
                }
            },
            &s,
            &failedAt));
    AddClients(s, 10, MilliSeconds(50));
    uint64_t heardAtRecovery = 0;
    Simulator::Schedule(
        Seconds(3.5), [&]() { heardAtRecovery = s.standby[1]->GetCounters().heartbeatsReceived; });
    s.Run(Seconds(7));
    ASSERT_GE(failedAt, Seconds(1.5)); // a backoff at 1.5 s itself counts (ns-3-dev)
    ASSERT_LT(failedAt, Seconds(2)) << "no backoff of depot 0's LAN B device: no load?";
    // Depot 1 took over once, and depot 0 never.
    ASSERT_EQ(s.failovers[1].size(), 1u);
    EXPECT_TRUE(s.failovers[0].empty())
        << "depot 0 took over at " << s.failovers[0].front().As(Time::S);
    const std::vector<std::pair<uint8_t, uint8_t>> expected0
        = {{DepotStandby::BACKUP, DepotStandby::MASTER},
           {DepotStandby::MASTER, DepotStandby::FAILED},
           {DepotStandby::FAILED, DepotStandby::BACKUP}};
    EXPECT_EQ(roles[0], expected0);
    const std::vector<std::pair<uint8_t, uint8_t>> expected1
        = {{DepotStandby::BACKUP, DepotStandby::MASTER}};
    EXPECT_EQ(roles[1], expected1);
    // The recovered depot's heartbeats reach the master again (its device sends again)...
    EXPECT_GE(s.standby[1]->GetCounters().heartbeatsReceived, heardAtRecovery + 30);
    // ... and the master sent it the table.
    EXPECT_GT(s.standby[0]->GetCounters().recordsImported, 0u);
}

namespace
{

/// A depot's ProxyState events: time, proxy, up.
using ProxyEvents = std::vector<std::tuple<Time, uint32_t, bool>>;

void
RecordProxyState(ProxyEvents* v, uint32_t i, bool up)
{
    v->emplace_back(Simulator::Now(), i, up);
}

/// Send raw bytes from a node to an address and port over UDP.
void
SendRaw(Ptr<Node> from, Ipv4Address to, uint16_t port, std::vector<uint8_t> bytes)
{
    Ptr<Socket> s = Socket::CreateSocket(from, UdpSocketFactory::GetTypeId());
    s->Bind();
    s->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0, InetSocketAddress(to, port));
    s->Close();
}

} // namespace

TEST_F(DepotStandbyTest, SpoofedMessagesAreCountedDropsAndChangeNothing)
{
    PairScenario s(1, 3);
    s.AddObject("/small", 2000);
    s.InstallProxies(DataRate(0));
    DepotStandbyHelper sh;
    sh.SetAttribute("Mode", StringValue("warm"));
    s.InstallPair(DepotHelper(s.vip, 80), sh);
    std::vector<std::pair<Ipv4Address, std::string>> drops;
    s.standby[1]->TraceConnectWithoutContext(
        "MessageDropped",
        MakeBoundCallback(
            +[](std::vector<std::pair<Ipv4Address, std::string>>* v,
                Ipv4Address from,
                const std::string& why) { v->emplace_back(from, why); },
            &drops));
    // A well-formed master heartbeat of the pair's group with the highest priority, sent by
    // a proxy: it would make the backup yield if strangers were heard.
    DepotSyncHeader claim;
    claim.group = 1;
    claim.master = true;
    claim.priority = 255;
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(claim);
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    auto unknown = bytes;
    unknown[5] = 99;
    const Ptr<Node> spoofer = s.proxies.Get(0);
    Simulator::Schedule(Seconds(1), &SendRaw, spoofer, s.depotB[1], 8870, unknown);
    Simulator::Schedule(Seconds(1.1), &SendRaw, spoofer, s.depotB[1], 8870, bytes);
    Simulator::Schedule(
        Seconds(1.2), &SendRaw, spoofer, s.depotB[1], 8871, std::vector<uint8_t>{1});
    std::vector<WebRequest> reqs{s.Get("/small")};
    reqs.back().issueTime = Seconds(2);
    s.AddClient(0, reqs);
    s.Run(Seconds(3));
    const Ipv4Address proxy = s.proxyIps[0];
    const std::vector<std::pair<Ipv4Address, std::string>> expected{
        {proxy, "unknown-type"}, {proxy, "stranger"}, {proxy, "short"}};
    EXPECT_EQ(drops, expected);
    EXPECT_EQ(s.standby[1]->GetCounters().messagesDropped, 3u);
    EXPECT_EQ(s.standby[0]->GetCounters().messagesDropped, 0u);
    EXPECT_EQ(s.standby[0]->GetRole(), DepotStandby::MASTER);
    EXPECT_EQ(s.standby[1]->GetRole(), DepotStandby::BACKUP);
    ExpectAllComplete(s, 1);
}

TEST_F(DepotStandbyTest, HotBackupFollowsTheMasterAfterAProxyCrashAndBreaksNothing)
{
    // Proxy 1 crashes at 1 s; the master declares it down on a SYN timeout (health checks
    // every 2 s with Fall 3 come later) and its round robin skips it from then on. The
    // master crashes at 5.5 s. A backup that scheduled on its own had sent the sessions opened
    // in between to other proxies than the master did, and the takeover broke them.
    PairScenario s(6, 3);
    s.AddObject("/big", 300000);
    s.AddObject("/small", 2000);
    s.InstallProxies(DataRate("2Mbps"));
    DepotStandbyHelper sh;
    sh.SetAttribute("Mode", StringValue("hot"));
    // The paper's take-out on an unanswered SYN (off by default since health is judged by
    // health checks only): it takes proxy 1 out before the master fails, which is the case
    // this test is about.
    DepotHelper dh(s.vip, 80);
    dh.SetAttribute("DownOnSynTimeout", BooleanValue(true));
    s.InstallPair(dh, sh);
    std::array<ProxyEvents, 2> states;
    for (uint32_t d = 0; d < 2; ++d)
    {
        s.depots[d]->TraceConnectWithoutContext("ProxyState",
                                                MakeBoundCallback(&RecordProxyState, &states[d]));
    }
    FaultInjectionHelper faults;
    faults.Crash(s.proxies.Get(1), Seconds(1));
    faults.Crash(s.depotNodes.Get(0), Seconds(5.5));
    AddClients(s, 12, MilliSeconds(50));
    uint32_t compared = 0;
    uint32_t same = 0;
    Simulator::Schedule(Seconds(5.5) - MicroSeconds(1),
                        [&]()
                        {
                            s.depots[0]->GetSessionTable().ForEach(
                                [&](const DepotSession& a)
                                {
                                    if (a.ends[1].state == TcpStateTracker::LISTEN)
                                    {
                                        return; // no proxy answered yet: the backup waits
                                    }
                                    const DepotSession* b = s.depots[1]->GetSessionTable().Find(
                                        a.client, a.clientPort, a.vip, a.virtualPort);
                                    ++compared;
                                    same += b && b->proxyIndex == a.proxyIndex;
                                });
                        });
    s.Run(Seconds(40));
    // The master took proxy 1 out before it failed, and the backup with it.
    ASSERT_FALSE(states[0].empty());
    EXPECT_EQ(std::get<1>(states[0][0]), 1u);
    EXPECT_FALSE(std::get<2>(states[0][0]));
    EXPECT_LT(std::get<0>(states[0][0]), Seconds(5.5));
    ASSERT_FALSE(states[1].empty());
    EXPECT_EQ(std::get<1>(states[1][0]), 1u);
    EXPECT_FALSE(std::get<2>(states[1][0]));
    EXPECT_LT(std::get<0>(states[1][0]) - std::get<0>(states[0][0]), MilliSeconds(5));
    EXPECT_GT(compared, 3u);
    EXPECT_EQ(same, compared);
    ASSERT_EQ(s.failovers[1].size(), 1u);
    EXPECT_GT(s.standby[1]->GetCounters().followed, 0u);
    EXPECT_EQ(s.standby[1]->GetBrokenConnections(), 0u);
}

TEST_F(DepotStandbyTest, HotTakeoverBeforeAProxyIsDetectedBreaksNothing)
{
    // depot-failover --proxyFailAt=2 in small: proxy 1 crashes at 1 s in the middle of its
    // responses, and the master at 3 s, before its health checks (every 2 s, timeout 2 s,
    // Fall 3) take the proxy out. The new master's checks start at the takeover and take it out
    // about 7 s later; it scraps the proxy's sessions and resets their clients
    // (ResetClientsOnFailure), whose last segments (ns-3 answers the RST with a FIN) then meet
    // no session. The hot backup had every one of those sessions with the master's proxy:
    // the proxy's crash broke them, not the takeover (a lone depot scraps them the same way).
    // Until 2026-12-03 they were counted as broken by the takeover (6 in depot-failover).
    PairScenario s(6, 3);
    s.AddObject("/big", 300000);
    s.AddObject("/small", 2000);
    s.InstallProxies(DataRate("2Mbps")); // a big response takes 1.2 s
    DepotStandbyHelper sh;
    sh.SetAttribute("Mode", StringValue("hot"));
    DepotHelper dh(s.vip, 80);
    dh.SetAttribute("ResetClientsOnFailure", BooleanValue(true));
    s.InstallPair(dh, sh);
    const Time takeoverBound = Seconds(3) + DEAD_TIME;
    // Flows of proxy 1 whose session the new master scrapped, and the client segments that
    // met no session there afterwards.
    struct Scrapped
    {
        std::set<std::pair<uint32_t, uint16_t>> flows;
        uint32_t lateSegments{0};
    } scrapped;
    s.depots[1]->TraceConnectWithoutContext(
        "SessionExpired",
        MakeBoundCallback(
            +[](Scrapped* sc, Ipv4Address c, uint16_t port, uint32_t proxy, uint8_t)
            {
                if (proxy == 1)
                {
                    sc->flows.emplace(c.Get(), port);
                }
            },
            &scrapped));
    s.depots[1]->TraceConnectWithoutContext(
        "PacketDropped",
        MakeBoundCallback(
            +[](Scrapped* sc, Ptr<const Packet> p, const Ipv4Header& h, Depot::DropReason r)
            {
                TcpHeader tcp;
                p->PeekHeader(tcp);
                sc->lateSegments += r == Depot::NO_SESSION && !(tcp.GetFlags() & TcpHeader::RST)
                                 && sc->flows.count({h.GetSource().Get(), tcp.GetSourcePort()});
            },
            &scrapped));
    FaultInjectionHelper faults;
    faults.Crash(s.proxies.Get(1), Seconds(1));
    faults.Crash(s.depotNodes.Get(0), Seconds(3));
    AddClients(s, 12, MilliSeconds(50));
    uint32_t answered = 0;
    uint32_t same = 0;
    Simulator::Schedule(Seconds(3) - MicroSeconds(1),
                        [&]()
                        {
                            s.depots[0]->GetSessionTable().ForEach(
                                [&](const DepotSession& a)
                                {
                                    if (a.ends[1].state == TcpStateTracker::LISTEN)
                                    {
                                        return; // no proxy answered yet: the backup waits
                                    }
                                    const DepotSession* b = s.depots[1]->GetSessionTable().Find(
                                        a.client, a.clientPort, a.vip, a.virtualPort);
                                    ++answered;
                                    same += b && b->proxyIndex == a.proxyIndex;
                                });
                        });
    s.Run(Seconds(15));
    ASSERT_EQ(s.failovers[1].size(), 1u);
    EXPECT_LE(s.failovers[1][0], takeoverBound);
    // The backup held every answered session of the master with the master's proxy.
    EXPECT_GT(answered, 3u);
    EXPECT_EQ(same, answered);
    // The case under test happened: the new master scrapped sessions of proxy 1 and their
    // clients' segments met no session afterwards.
    EXPECT_GT(scrapped.flows.size(), 0u);
    EXPECT_GT(scrapped.lateSegments, 0u);
    EXPECT_EQ(s.standby[1]->GetBrokenConnections(), 0u);
}

namespace
{

/// A client's ACK to the VIP 10.1.1.100 that met no session on the new master.
void
DropClientAck(DepotBrokenConnections& broken, Ipv4Address client, uint16_t port)
{
    const Ipv4Address vip("10.1.1.100");
    TcpHeader tcp;
    tcp.SetSourcePort(port);
    tcp.SetDestinationPort(80);
    tcp.SetFlags(TcpHeader::ACK);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(tcp);
    Ipv4Header ip;
    ip.SetSource(client);
    ip.SetDestination(vip);
    broken.Dropped(p, ip, vip);
}

} // namespace

TEST(DepotBrokenConnectionsTest, EndedFlowsAreBoundedAndExpireAfterTheirLifetime)
{
    TracedCallback<Ipv4Address, uint16_t> trace;
    DepotBrokenConnections broken(&trace);
    broken.Configure(Seconds(60), 4);
    auto drop = [&](uint16_t port)
    {
        DropClientAck(broken, Ipv4Address("10.1.1.3"), port);
    };
    // Ten sessions end at 0 s; only the last four are remembered (the limit).
    for (uint16_t port = 1000; port < 1010; ++port)
    {
        broken.Ended(Ipv4Address("10.1.1.3"), port);
    }
    EXPECT_EQ(broken.GetEndedCount(), 4u);
    drop(1009); // ended here: not the takeover's
    EXPECT_EQ(broken.GetCount(), 0u);
    drop(1000); // forgotten early: counted (an overcount, never an undercount)
    EXPECT_EQ(broken.GetCount(), 1u);
    drop(1000); // once per flow
    EXPECT_EQ(broken.GetCount(), 1u);
    // After the lifetime the ended flows are forgotten: a late segment is counted.
    Simulator::Schedule(Seconds(60) + NanoSeconds(1),
                        [&]()
                        {
                            drop(1009);
                            EXPECT_EQ(broken.GetEndedCount(), 0u);
                        });
    Simulator::Run();
    Simulator::Destroy();
    EXPECT_EQ(broken.GetCount(), 2u);
}

TEST(DepotBrokenConnectionsTest, BrokenFlowsAreBoundedAndCountedOncePerRetransmissionSpan)
{
    // After a takeover every segment without a session may be spoofed: the flows counted
    // broken are remembered at most up to the limit, for BROKEN_MEMORY_SECONDS after their
    // last segment.
    TracedCallback<Ipv4Address, uint16_t> trace;
    DepotBrokenConnections broken(&trace);
    broken.Configure(Seconds(60), 4);
    auto drop = [&](uint32_t client, uint16_t port)
    {
        DropClientAck(broken, Ipv4Address(client), port);
    };
    // 1000 spoofed flows: each counted, four remembered.
    for (uint32_t i = 0; i < 1000; ++i)
    {
        drop(0x0a000000 + i, 1024 + i % 7);
    }
    EXPECT_EQ(broken.GetCount(), 1000u);
    EXPECT_EQ(broken.GetBrokenRememberedCount(), 4u);
    drop(0x0a000000 + 999, 1024 + 999 % 7); // remembered: once per flow
    EXPECT_EQ(broken.GetCount(), 1000u);
    drop(0x0a000000, 1024); // forgotten early: counted again (an overcount)
    EXPECT_EQ(broken.GetCount(), 1001u);
    EXPECT_LE(broken.GetBrokenRememberedCount(), 4u);

    // One flow retransmitting with gaps just under the memory stays one broken connection;
    // after a silence longer than the memory it is a new one.
    broken.Clear();
    const Time memory = Seconds(DepotBrokenConnections::BROKEN_MEMORY_SECONDS);
    const uint32_t flow = 0x0b000001;
    uint64_t before = 0;
    Simulator::Schedule(Seconds(1),
                        [&]()
                        {
                            before = broken.GetCount();
                            drop(flow, 5000);
                        });
    Simulator::Schedule(Seconds(1) + memory - Seconds(1), [&]() { drop(flow, 5000); });
    Simulator::Schedule(Seconds(1) + 2 * memory - Seconds(2), [&]() { drop(flow, 5000); });
    Simulator::Schedule(Seconds(1) + 3 * memory,
                        [&]()
                        {
                            EXPECT_EQ(broken.GetCount(), before + 1);
                            drop(flow, 5000);
                        });
    Simulator::Run();
    Simulator::Destroy();
    EXPECT_EQ(broken.GetCount(), before + 2);
}

TEST_F(DepotStandbyTest, CrashedProxyIsDetectedAndRevivedWithinTheHealthCheckBudget)
{
    // ARP entries live 2 s here, so the depot's entry for the crashed proxy expires while it
    // is down, its resolution fails and ns-3 keeps it DEAD for 100 s: without the revival's
    // announcement the depot could not reach the revived proxy until then.
    struct ArpDefault
    {
        ArpDefault()
        {
            Config::SetDefault("ns3::ArpCache::AliveTimeout", TimeValue(Seconds(2)));
        }

        ~ArpDefault()
        {
            Config::SetDefault("ns3::ArpCache::AliveTimeout", TimeValue(Seconds(120)));
        }
    } arp;

    PairScenario s(1, 3);
    s.AddObject("/small", 2000);
    s.InstallProxies(DataRate(0));
    DepotHelper dh(s.vip, 80);
    const Time interval = Seconds(1);
    const Time timeout = MilliSeconds(500);
    const uint32_t fall = 3;
    const uint32_t rise = 2;
    dh.SetAttribute("HealthCheckInterval", TimeValue(interval));
    dh.SetAttribute("HealthCheckTimeout", TimeValue(timeout));
    dh.SetAttribute("Fall", UintegerValue(fall));
    dh.SetAttribute("Rise", UintegerValue(rise));
    DepotStandbyHelper sh;
    sh.SetAttribute("Mode", StringValue("hot"));
    s.InstallPair(dh, sh);
    std::array<ProxyEvents, 2> states;
    for (uint32_t d = 0; d < 2; ++d)
    {
        s.depots[d]->TraceConnectWithoutContext("ProxyState",
                                                MakeBoundCallback(&RecordProxyState, &states[d]));
    }
    Names::Add("proxy1", s.proxies.Get(1));
    FaultInjectionHelper faults;
    faults.AddLine("2300ms crash proxy1  # power failure", "test:1");
    faults.AddLine("10.2s revive proxy1", "test:2");
    // Three requests after the revival: round robin gives one to proxy 1.
    std::vector<WebRequest> reqs;
    for (double t : {12.5, 12.6, 12.7})
    {
        reqs.push_back(s.Get("/small"));
        reqs.back().issueTime = Seconds(t);
    }
    s.AddClient(0, reqs);
    s.Run(Seconds(15));
    Names::Clear();
    // Checks start with the depot at 0 s, one per interval. The checks of 3, 4 and 5 s are the
    // first after the crash; each fails at its timeout: down at 5 s + 0.5 s (the detection
    // budget is (interval - time since the last round) + (fall - 1) x interval + timeout).
    // The depot's ARP entry for the proxy expired at 4.5 s and, unanswered 3 times, is DEAD
    // from 8.5 s (for 100 s). The revival's announcement clears it: the checks of 11 and 12 s
    // succeed, the second after one connection setup (SYN, SYN-ACK: two frames of < 100
    // bytes at 100 Mbit/s, 50 us apart): up within 12 s + 1 ms.
    const Time down = Seconds(3) + (fall - 1) * interval + timeout;
    ASSERT_EQ(states[0].size(), 2u);
    EXPECT_EQ(states[0][0], std::make_tuple(down, 1u, false));
    EXPECT_EQ(std::get<1>(states[0][1]), 1u);
    EXPECT_TRUE(std::get<2>(states[0][1]));
    const Time up = Seconds(11) + (rise - 1) * interval;
    EXPECT_GT(std::get<0>(states[0][1]), up);
    EXPECT_LT(std::get<0>(states[0][1]), up + MilliSeconds(1));
    // The backup runs no checks of its own: it follows, and never flaps.
    ASSERT_EQ(states[1].size(), 2u);
    EXPECT_FALSE(std::get<2>(states[1][0]));
    EXPECT_TRUE(std::get<2>(states[1][1]));
    // One heartbeat later, after an ARP exchange (entries live 2 s here).
    EXPECT_LT(std::get<0>(states[1][1]) - std::get<0>(states[0][1]), MilliSeconds(5));
    ExpectAllComplete(s, 3);
}

TEST(FaultInjectionTest, BadScheduleLinesNameTheirPlaceAndProblem)
{
    NodeContainer n;
    n.Create(1);
    InternetStackHelper().Install(n);
    FaultInjectionHelper f;
    EXPECT_DEATH(f.AddLine("2x crash 0", "f.txt:3"), "f.txt:3: bad time '2x'");
    EXPECT_DEATH(f.AddLine("2s explode 0", "f.txt:4"), "f.txt:4: unknown action 'explode'");
    EXPECT_DEATH(f.AddLine("2s crash nobody", "f.txt:5"), "f.txt:5: no node 'nobody'");
    EXPECT_DEATH(f.AddLine("2s crash", "f.txt:6"), "f.txt:6: expected <time> <action> <node>");
    EXPECT_DEATH(f.AddLine("2s fail-link 0 7", "f.txt:7"), "f.txt:7: node 0 has no device '7'");
    EXPECT_DEATH(f.ScheduleFile("/nonexistent/faults.txt"),
                 "cannot read schedule file '/nonexistent/faults.txt'");
    f.AddLine("  # only a comment", "f.txt:8");
    Simulator::Destroy();
}

TEST(FaultInjectionTest, PointToPointNodeAndLinkComeBackAfterRevivalAndRestore)
{
    // A point-to-point device without a receive error model (ns-3's default): a revival and a
    // restored link must put it back in service, not abort on setting a null error model.
    NodeContainer n;
    n.Create(2);
    InternetStackHelper().Install(n);
    PointToPointHelper p2p;
    NetDeviceContainer d = p2p.Install(n);
    Ipv4InterfaceContainer ifs = Ipv4AddressHelper("10.9.0.0", "255.255.255.252").Assign(d);
    Ptr<Socket> rx = Socket::CreateSocket(n.Get(1), UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    std::vector<double> received;
    rx->SetRecvCallback(MakeBoundCallback(
        +[](std::vector<double>* v, Ptr<Socket> s)
        {
            while (s->Recv())
            {
                v->push_back(Simulator::Now().GetSeconds());
            }
        },
        &received));
    Ptr<Socket> tx = Socket::CreateSocket(n.Get(0), UdpSocketFactory::GetTypeId());
    tx->Connect(InetSocketAddress(ifs.GetAddress(1), 9));
    // One datagram a second at 0.5, 1.5, ..., 6.5 s; node 1 is down in [1, 2), the link in
    // [4, 5): the datagrams of 1.5 and 4.5 s are lost, the five others arrive.
    for (uint32_t k = 0; k < 7; ++k)
    {
        Simulator::Schedule(Seconds(0.5 + k), [tx]() { tx->Send(Create<Packet>(100)); });
    }
    FaultInjectionHelper f;
    f.Crash(n.Get(1), Seconds(1));
    f.Revive(n.Get(1), Seconds(2));
    f.FailLink(d.Get(0), Seconds(4));
    f.RestoreLink(d.Get(0), Seconds(5));
    Simulator::Stop(Seconds(8));
    Simulator::Run();
    ASSERT_EQ(received.size(), 5u);
    for (std::size_t i = 0; i < received.size(); ++i)
    {
        const double sent = std::floor(received[i]) + 0.5;
        EXPECT_NE(sent, 1.5);
        EXPECT_NE(sent, 4.5);
    }
    Simulator::Destroy();
}

namespace
{

/// Datagrams from A to D behind B, one every 100 ms from 50 ms to 2.95 s, each carrying its
/// number. A and B share a direct link (1 ms) and a detour through C (2 x 5 ms); B and D a
/// 1 ms link; all links 100 Mbit/s. The direct link fails at 1 s and is restored at
/// `restore`; with a convergence time, the helper reroutes.
/// \return per datagram: its one-way delay, or a negative time if it was lost
std::vector<Time>
RunDetour(bool reroute, Time convergence, Time restore)
{
    NodeContainer n(4); // A, B, C, D
    InternetStackHelper().Install(n);
    PointToPointHelper fast;
    fast.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    fast.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
    PointToPointHelper slow;
    slow.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    slow.SetChannelAttribute("Delay", TimeValue(MilliSeconds(5)));
    NetDeviceContainer ab = fast.Install(n.Get(0), n.Get(1));
    Ipv4AddressHelper a("10.9.0.0", "255.255.255.252");
    a.Assign(ab);
    a.SetBase("10.9.0.4", "255.255.255.252");
    a.Assign(slow.Install(n.Get(0), n.Get(2)));
    a.SetBase("10.9.0.8", "255.255.255.252");
    a.Assign(slow.Install(n.Get(2), n.Get(1)));
    a.SetBase("10.9.0.12", "255.255.255.252");
    const Ipv4Address d = a.Assign(fast.Install(n.Get(1), n.Get(3))).GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    const uint32_t count = 30;
    std::vector<Time> delay(count, Time(-1));
    Ptr<Socket> rx = Socket::CreateSocket(n.Get(3), UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    rx->SetRecvCallback(MakeBoundCallback(
        +[](std::vector<Time>* v, Ptr<Socket> s)
        {
            while (Ptr<Packet> p = s->Recv())
            {
                uint32_t k = 0;
                p->CopyData(reinterpret_cast<uint8_t*>(&k), sizeof k);
                (*v)[k] = Simulator::Now() - MilliSeconds(50 + 100 * k);
            }
        },
        &delay));
    Ptr<Socket> tx = Socket::CreateSocket(n.Get(0), UdpSocketFactory::GetTypeId());
    // Global routing's metric is the hop count: A-B-D (2) before the failure, A-C-B-D (3) after.
    tx->Connect(InetSocketAddress(d, 9));
    for (uint32_t k = 0; k < count; ++k)
    {
        Simulator::Schedule(
            MilliSeconds(50 + 100 * k),
            [tx, k]()
            { tx->Send(Create<Packet>(reinterpret_cast<const uint8_t*>(&k), sizeof k)); });
    }
    FaultInjectionHelper f;
    if (reroute)
    {
        f.SetRerouteAfter(convergence);
    }
    f.FailLink(ab.Get(0), Seconds(1));
    f.RestoreLink(ab.Get(0), restore);
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    Simulator::Destroy();
    return delay;
}

} // namespace

TEST(FaultInjectionTest, RerouteAfterConvergenceTakesTheDetourUntilTheRestore)
{
    // Datagram k leaves at 50 + 100 k ms. Failure at 1 s, convergence 200 ms, restore at 2 s:
    // 10 and 11 (1.05, 1.15 s) are lost; 12 to 19 take the detour (11 ms of propagation plus
    // three transmissions of 3 us); the rest go direct (2 ms plus two transmissions).
    const std::vector<Time> d = RunDetour(true, MilliSeconds(200), Seconds(2));
    for (uint32_t k = 0; k < d.size(); ++k)
    {
        if (k == 10 || k == 11)
        {
            EXPECT_TRUE(d[k].IsStrictlyNegative()) << k;
        }
        else if (k >= 12 && k <= 19)
        {
            EXPECT_GE(d[k], MilliSeconds(11)) << k;
            EXPECT_LT(d[k], MicroSeconds(11100)) << k;
        }
        else
        {
            EXPECT_GE(d[k], MilliSeconds(2)) << k;
            EXPECT_LT(d[k], MicroSeconds(2100)) << k;
        }
    }
    // Without rerouting the routes are kept: everything sent while the link is down is lost.
    const std::vector<Time> kept = RunDetour(false, Time(), Seconds(2));
    for (uint32_t k = 0; k < kept.size(); ++k)
    {
        EXPECT_EQ(kept[k].IsStrictlyNegative(), k >= 10 && k <= 19) << k;
    }
    // A restore before the convergence time cancels the rerouting: routes never change, and
    // only datagram 10 (1.05 s, the link down until 1.1 s) is lost.
    const std::vector<Time> quick = RunDetour(true, MilliSeconds(200), Seconds(1.1));
    for (uint32_t k = 0; k < quick.size(); ++k)
    {
        EXPECT_EQ(quick[k].IsStrictlyNegative(), k == 10) << k;
        if (k != 10)
        {
            EXPECT_LT(quick[k], MicroSeconds(2100)) << k;
        }
    }
}
