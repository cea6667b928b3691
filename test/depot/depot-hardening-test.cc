/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The depot against spoofed segments and busy proxies (issue 15): RSTs judged as RFC 5961 has
 * the receiver judge them, half-open sessions with a short lifetime that retransmissions do
 * not extend, a bounded table that evicts half-open sessions first, health judged by health
 * checks only, a bounded fragment table with its own timer.
 */
#include "../scenario-fixture.h"

#include "ns3/config.h"
#include "ns3/csma-module.h"
#include "ns3/spoofed-flood-application.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/traffic-control-module.h"

#include <gtest/gtest.h>

#include <functional>

using namespace ns3;
using namespace ns3::test;

namespace
{

/**
 * bench/depot-attack's test bed, small: clients on one CSMA segment (100 Mbit/s), the depot,
 * two OriginServers on 10 Mbit/s point-to-point links, an attacker on its own link.
 */
struct AttackBed
{
    Ptr<Node> middle = CreateObject<Node>();
    NodeContainer clients;
    NodeContainer servers;
    Ptr<Node> attacker;
    Ipv4Address vip{"10.255.0.1"};
    std::vector<Ipv4Address> serverIp;
    std::vector<Ipv4Address> clientIp;
    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    std::vector<Ptr<OriginServer>> origins;
    Ptr<Depot> depot;
    uint32_t ok{0};
    uint32_t failed{0};
    uint32_t peakTable{0};
    std::vector<Time> latency; //!< of each completed or failed request, in completion order
    std::vector<std::tuple<Time, uint32_t, bool>> proxyEvents;

    /**
     * \param nClients clients
     * \param fq keep the FqCoDel queue discs on the server links (false: device FIFOs, where
     *        SYN-ACKs wait behind data and overflow drops them)
     */
    AttackBed(uint32_t nClients, bool fq = true)
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        clients.Create(nClients);
        servers.Create(2);
        attacker = CreateObject<Node>(); // nodes in bench/depot-attack's order
        InternetStackHelper stack;
        stack.Install(middle);
        stack.Install(clients);
        stack.Install(servers);
        stack.Install(attacker);
        Ipv4StaticRoutingHelper srh;
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
        NetDeviceContainer lan = csma.Install(NodeContainer(NodeContainer(middle), clients));
        Ipv4AddressHelper ah("10.1.0.0", "255.255.255.0");
        Ipv4InterfaceContainer li = ah.Assign(lan);
        for (uint32_t i = 0; i < nClients; ++i)
        {
            clientIp.push_back(li.GetAddress(i + 1));
            srh.GetStaticRouting(clients.Get(i)->GetObject<Ipv4>())
                ->SetDefaultRoute(li.GetAddress(0), 1);
        }
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(2)));
        for (uint32_t s = 0; s < 2; ++s)
        {
            NetDeviceContainer d = p2p.Install(middle, servers.Get(s));
            ah.SetBase(Ipv4Address(0x0a020000 + (s << 8)), "255.255.255.0");
            Ipv4InterfaceContainer si = ah.Assign(d);
            if (!fq)
            {
                TrafficControlHelper().Uninstall(d);
            }
            serverIp.push_back(si.GetAddress(1));
            srh.GetStaticRouting(servers.Get(s)->GetObject<Ipv4>())
                ->SetDefaultRoute(si.GetAddress(0), 1);
        }
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        NetDeviceContainer a = p2p.Install(middle, attacker);
        ah.SetBase("10.3.0.0", "255.255.255.0");
        Ipv4InterfaceContainer ai = ah.Assign(a);
        srh.GetStaticRouting(attacker->GetObject<Ipv4>())->SetDefaultRoute(ai.GetAddress(0), 1);
        middle->GetObject<Ipv4>()->AddAddress(1, Ipv4InterfaceAddress(vip, "255.255.255.255"));
        catalog->Add("/o", 200 * 1024);
    }

    void InstallServers(Time serviceTime = Time(0))
    {
        OriginServerHelper sh(80);
        sh.SetCatalog(catalog);
        if (!serviceTime.IsZero())
        {
            sh.SetAttribute("ServiceTime",
                            StringValue("ns3::ConstantRandomVariable[Constant="
                                        + std::to_string(serviceTime.GetSeconds()) + "]"));
        }
        ApplicationContainer apps = sh.Install(servers);
        for (uint32_t i = 0; i < apps.GetN(); ++i)
        {
            origins.push_back(DynamicCast<OriginServer>(apps.Get(i)));
        }
    }

    void InstallDepot(DepotHelper h)
    {
        for (const auto& ip : serverIp)
        {
            h.AddProxy(ip, 80);
        }
        depot = DynamicCast<Depot>(h.Install(middle).Get(0));
        depot->TraceConnectWithoutContext(
            "ProxyState",
            MakeBoundCallback(
                +[](AttackBed* b, uint32_t p, bool up)
                { b->proxyEvents.emplace_back(Simulator::Now(), p, up); },
                this));
        depot->TraceConnectWithoutContext(
            "TableSize",
            MakeBoundCallback(
                +[](AttackBed* b, uint32_t n) { b->peakTable = std::max(b->peakTable, n); }, this));
    }

    /// Each client fetches /o `requests` times, one connection per request, one after another,
    /// client i from start + 10 ms x i.
    void InstallClients(uint32_t requests, Time start = Time(0))
    {
        for (uint32_t i = 0; i < clients.GetN(); ++i)
        {
            Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
            for (uint32_t k = 0; k < requests; ++k)
            {
                WebRequest r;
                r.host = "www.example.com";
                r.path = "/o";
                r.server = InetSocketAddress(vip, 80);
                src->Add(r);
            }
            WebClientHelper wh;
            wh.SetAttribute("PersistentConnections", BooleanValue(false));
            ApplicationContainer c = wh.Install(clients.Get(i), src);
            c.Start(start + MilliSeconds(10 * i));
            c.Get(0)->TraceConnectWithoutContext("RequestComplete",
                                                 MakeBoundCallback(
                                                     +[](AttackBed* b, const RequestRecord& r)
                                                     {
                                                         const bool good
                                                             = !r.failed && r.status == 200
                                                            && r.bodyBytes == r.contentLength;
                                                         ++(good ? b->ok : b->failed);
                                                         b->latency.push_back(r.total);
                                                     },
                                                     this));
        }
    }

    /// A hand-made TCP segment from the attacker's IP layer (spoofed source) at a time.
    void Inject(
        Time at, Ipv4Address from, uint16_t sport, uint32_t seq, uint8_t flags, uint32_t ack = 0)
    {
        Ptr<Ipv4> ipv4 = attacker->GetObject<Ipv4>();
        const Ipv4Address to = vip;
        Simulator::Schedule(at,
                            [=]()
                            {
                                TcpHeader t;
                                t.SetSourcePort(sport);
                                t.SetDestinationPort(80);
                                t.SetSequenceNumber(SequenceNumber32(seq));
                                t.SetAckNumber(SequenceNumber32(ack));
                                t.SetFlags(flags);
                                t.SetWindowSize(65535);
                                Ptr<Packet> p = Create<Packet>();
                                p->AddHeader(t);
                                ipv4->Send(p, from, to, 6, nullptr);
                            });
    }

    /// One client whose connection idles, ESTABLISHED, from its request until 3 s (when the
    /// server answers); attack runs at 1 s with its session.
    void AttackIdleSession(std::function<void(const DepotSession&)> attack)
    {
        InstallServers(Seconds(3));
        InstallDepot(DepotHelper(vip, 80));
        InstallClients(1);
        Simulator::Schedule(Seconds(1),
                            [this, attack]()
                            {
                                const DepotSession* s = OnlySession();
                                ASSERT_TRUE(s);
                                ASSERT_EQ(s->timerState, TcpStateTracker::S_ESTABLISHED);
                                attack(*s);
                            });
    }

    /// Send a segment (TCP header and payload) from the attacker as the client to the VIP.
    void SpoofFromClient(Ptr<Packet> segment)
    {
        attacker->GetObject<Ipv4>()->Send(segment, clientIp[0], vip, 6, nullptr);
    }

    /// \return the only session of the table (nullptr if there is not exactly one)
    const DepotSession* OnlySession() const
    {
        const DepotSession* found = nullptr;
        uint32_t n = 0;
        depot->GetSessionTable().ForEach(
            [&](const DepotSession& s)
            {
                found = &s;
                ++n;
            });
        return n == 1 ? found : nullptr;
    }

    void Run(Time stop)
    {
        Simulator::Stop(stop);
        Simulator::Run();
    }

    ~AttackBed()
    {
        Simulator::Destroy();
    }
};

class DepotHardeningTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        Config::Reset();
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }
};

} // namespace

/// Defect 10: a proxy busy sending large responses through a FIFO drops or delays a SYN-ACK
/// past SynTimeout. Judged dead on that, its sessions were scrapped and their clients hung.
/// Health is now judged by health checks only: every request completes, no session is lost.
TEST_F(DepotHardeningTest, ABusyProxyIsNotDeclaredDeadAndKeepsItsSessions)
{
    AttackBed b(20, false);
    b.InstallServers();
    b.InstallDepot(DepotHelper(b.vip, 80));
    b.InstallClients(3);
    b.Run(Seconds(120));
    EXPECT_EQ(b.ok, 60u);
    EXPECT_EQ(b.failed, 0u);
    EXPECT_TRUE(b.proxyEvents.empty()) << "no proxy was taken out";
    EXPECT_EQ(b.depot->GetDropCount(Depot::NO_SESSION), 0u);
    uint32_t late = 0;
    for (const DepotProxy& p : b.depot->GetProxies())
    {
        late += p.synTimeouts;
    }
    EXPECT_GT(late, 0u) << "the mechanism is there: some SYN-ACKs came after SynTimeout";
}

/// Spoofed RSTs on the clients' live ports with random sequence numbers: none is at the exact
/// expected sequence number, so no session is reset and every request completes.
TEST_F(DepotHardeningTest, SpoofedRstsWithRandomSequenceNumbersResetNoSession)
{
    AttackBed b(4);
    b.InstallServers();
    b.InstallDepot(DepotHelper(b.vip, 80));
    b.InstallClients(3);
    Ptr<SpoofedFloodApplication> flood = CreateObject<SpoofedFloodApplication>();
    flood->SetAttribute("Target", Ipv4AddressValue(b.vip));
    flood->SetAttribute("RstRate", DoubleValue(2000));
    // ns-3 allocates ephemeral ports from 49153 up: each client's 3 connections use 49153-5.
    flood->SetAttribute("MinPort", UintegerValue(49153));
    flood->SetAttribute("MaxPort", UintegerValue(49155));
    for (const auto& ip : b.clientIp)
    {
        flood->AddVictim(ip);
    }
    flood->AssignStreams(11);
    b.attacker->AddApplication(flood);
    flood->SetStartTime(Seconds(0.1));
    flood->SetStopTime(Seconds(5));
    b.Run(Seconds(60));
    EXPECT_EQ(b.ok, 12u);
    EXPECT_EQ(b.failed, 0u);
    EXPECT_EQ(b.depot->GetTrackerCount(TcpStateTracker::RESET), 0u);
    const uint64_t hit = b.depot->GetDropCount(Depot::OUT_OF_WINDOW)
                       + b.depot->GetDropCount(Depot::RST_CHALLENGED);
    EXPECT_GT(hit, 100u) << "many RSTs named a live session";
    EXPECT_EQ(hit + b.depot->GetDropCount(Depot::NO_SESSION), flood->GetRstsSent())
        << "every spoofed RST was dropped";
}

/// RFC 5961 section 3: a RST in the receiver's window but off the expected sequence number
/// gets exactly one challenge ACK toward its claimed source (from the VIP, with the proxy's
/// next sequence number and last acknowledgement); a RST at the exact number resets.
TEST_F(DepotHardeningTest, InWindowRstGetsOneChallengeAckAndOnlyTheExactOneResets)
{
    AttackBed b(1);
    uint32_t expectSeq = 0;
    uint32_t expectAck = 0;
    uint16_t port = 0;
    b.AttackIdleSession(
        [&](const DepotSession& s)
        {
            expectSeq = s.ends[1].sndEnd;
            expectAck = s.ends[1].ack;
            port = s.clientPort;
            b.Inject(MilliSeconds(1), b.clientIp[0], port, expectAck + 1000, TcpHeader::RST);
        });
    // Pure ACKs from the VIP that the client receives between 1 s and 1.5 s.
    struct Seen
    {
        uint32_t challenges{0};
        uint32_t* seq;
        uint32_t* ack;
    } seen{0, &expectSeq, &expectAck};
    b.clients.Get(0)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](Seen* s, Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t)
            {
                const Time now = Simulator::Now();
                Ptr<Packet> p = packet->Copy();
                Ipv4Header ip;
                p->RemoveHeader(ip);
                TcpHeader t;
                p->RemoveHeader(t);
                if (now > Seconds(1) && now < Seconds(1.5) && t.GetFlags() == TcpHeader::ACK
                    && ip.GetPayloadSize() == t.GetSerializedSize()
                    && t.GetSequenceNumber().GetValue() == *s->seq
                    && t.GetAckNumber().GetValue() == *s->ack)
                {
                    ++s->challenges;
                }
            },
            &seen));
    Simulator::Schedule(Seconds(1.5),
                        [&]()
                        {
                            EXPECT_EQ(b.depot->GetChallengeAcksSent(), 1u);
                            EXPECT_EQ(b.depot->GetDropCount(Depot::RST_CHALLENGED), 1u);
                            EXPECT_EQ(b.depot->GetTrackerCount(TcpStateTracker::RESET), 0u);
                            EXPECT_EQ(seen.challenges, 1u);
                            b.Inject(Time(0), b.clientIp[0], port, expectAck, TcpHeader::RST);
                        });
    b.Run(Seconds(20));
    EXPECT_EQ(b.depot->GetTrackerCount(TcpStateTracker::RESET), 1u) << "the exact RST reset";
    EXPECT_EQ(b.depot->GetChallengeAcksSent(), 1u);
}

// Found by fuzz-depot-packets: a segment whose TCP header is cut short (data offset below 5,
// or beyond the segment) was deserialized anyway, and a RST at the exact sequence number with a
// data offset of 0 reset the session. Such a segment is now dropped (MALFORMED).
TEST_F(DepotHardeningTest, ASegmentWithABadDataOffsetIsDroppedAndResetsNothing)
{
    AttackBed b(1);
    b.AttackIdleSession(
        [&](const DepotSession& s)
        {
            TcpHeader t;
            t.SetSourcePort(s.clientPort);
            t.SetDestinationPort(80);
            t.SetSequenceNumber(SequenceNumber32(s.ends[1].ack)); // exact: it would reset
            t.SetFlags(TcpHeader::RST);
            Ptr<Packet> h = Create<Packet>();
            h->AddHeader(t);
            uint8_t bytes[20];
            ASSERT_EQ(h->CopyData(bytes, sizeof(bytes)), 20u);
            bytes[12] &= 0x0f; // data offset 0
            b.SpoofFromClient(Create<Packet>(bytes, sizeof(bytes)));
        });
    Simulator::Schedule(Seconds(1.5),
                        [&]()
                        {
                            const DepotSession* s = b.OnlySession();
                            ASSERT_TRUE(s);
                            EXPECT_EQ(s->timerState, TcpStateTracker::S_ESTABLISHED);
                            EXPECT_EQ(b.depot->GetTrackerCount(TcpStateTracker::RESET), 0u);
                            EXPECT_EQ(b.depot->GetDropCount(Depot::MALFORMED), 1u);
                        });
    b.Run(Seconds(20));
    EXPECT_EQ(b.ok, 1u);
    EXPECT_EQ(b.failed, 0u);
}

// Found by fuzz-depot-packets: a SYN on a live session is forwarded and changes nothing, but
// when it came in fragments its last fragment still moved the client's next sequence number
// to wherever the spoofed SYN said. That number decides which RST is exact and which
// acknowledgements of the proxy's data are acceptable, so the request after it failed.
TEST_F(DepotHardeningTest, AFragmentedSynOnALiveSessionMovesNoSequenceNumber)
{
    AttackBed b(1);
    uint32_t sndEnd = 0;
    b.AttackIdleSession(
        [&](const DepotSession& s)
        {
            sndEnd = s.ends[0].sndEnd;
            TcpHeader t;
            t.SetSourcePort(s.clientPort);
            t.SetDestinationPort(80);
            t.SetSequenceNumber(SequenceNumber32(sndEnd + 1000000));
            t.SetFlags(TcpHeader::SYN);
            t.SetWindowSize(8192);
            Ptr<Packet> p = Create<Packet>(3000); // more than the link's MTU: fragments
            p->AddHeader(t);
            b.SpoofFromClient(p);
        });
    Simulator::Schedule(Seconds(1.5),
                        [&]()
                        {
                            const DepotSession* s = b.OnlySession();
                            ASSERT_TRUE(s);
                            EXPECT_EQ(s->ends[0].sndEnd, sndEnd);
                            EXPECT_EQ(s->timerState, TcpStateTracker::S_ESTABLISHED);
                            EXPECT_EQ(b.depot->GetTrackerCount(TcpStateTracker::SYN_IN_SESSION),
                                      1u);
                            EXPECT_GE(b.depot->GetFirstFragmentsForwarded(), 1u);
                        });
    b.Run(Seconds(20));
    EXPECT_EQ(b.ok, 1u);
    EXPECT_EQ(b.failed, 0u);
    EXPECT_EQ(b.depot->GetDropCount(Depot::OUT_OF_WINDOW), 0u);
}

// Found by fuzz-depot-packets: a SYN whose MSS option has length 3 made ns-3's TcpOptionMSS
// abort the whole simulation when the depot deserialized it. It is now dropped (MALFORMED).
TEST_F(DepotHardeningTest, ASegmentWithABadOptionLengthIsDroppedWithoutAborting)
{
    AttackBed b(1);
    b.InstallServers(Seconds(0));
    b.InstallDepot(DepotHelper(b.vip, 80));
    b.InstallClients(1, Seconds(1));
    // ns-3's own FqCoDel would abort hashing the segment's ports on the attacker's side.
    for (uint32_t i = 0; i < b.attacker->GetNDevices(); ++i)
    {
        Ptr<NetDevice> d = b.attacker->GetDevice(i);
        if (b.attacker->GetObject<TrafficControlLayer>()->GetRootQueueDiscOnDevice(d))
        {
            TrafficControlHelper().Uninstall(d);
        }
    }
    Simulator::Schedule(
        MilliSeconds(500),
        [&]()
        {
            TcpHeader t;
            t.SetSourcePort(1234);
            t.SetDestinationPort(80);
            t.SetFlags(TcpHeader::SYN);
            t.AppendOption(CreateObject<TcpOptionMSS>());
            Ptr<Packet> h = Create<Packet>();
            h->AddHeader(t);
            uint8_t bytes[24];
            ASSERT_EQ(h->CopyData(bytes, sizeof(bytes)), 24u);
            ASSERT_EQ(bytes[20], 2); // MSS, length 4
            bytes[21] = 3;
            b.attacker->GetObject<Ipv4>()->Send(
                Create<Packet>(bytes, sizeof(bytes)), Ipv4Address("198.18.0.1"), b.vip, 6, nullptr);
        });
    Simulator::Schedule(MilliSeconds(900),
                        [&]()
                        {
                            EXPECT_EQ(b.depot->GetDropCount(Depot::MALFORMED), 1u);
                            EXPECT_EQ(b.depot->GetSessionTable().Size(), 0u);
                        });
    b.Run(Seconds(20));
    EXPECT_EQ(b.ok, 1u);
    EXPECT_EQ(b.failed, 0u);
}

/// A spoofed SYN: the proxy answers and retransmits its SYN-ACK at 3 s (ns-3's ConnTimeout),
/// which does not extend the session; it expires SynRecvTimeout (5 s) after the first
/// SYN-ACK, and the depot resets the proxy's half-open connection (no SYN-ACK after that).
TEST_F(DepotHardeningTest, HalfOpenSessionExpiresAfterItsLifetimeAndItsProxyIsReset)
{
    AttackBed b(1);
    b.InstallServers();
    b.InstallDepot(DepotHelper(b.vip, 80));
    std::vector<Time> synAcks;
    b.depot->TraceConnectWithoutContext(
        "PacketForwarded",
        MakeBoundCallback(
            +[](std::vector<Time>* v, Ptr<const Packet>, uint32_t, bool toProxy)
            {
                if (!toProxy)
                {
                    v->push_back(Simulator::Now());
                }
            },
            &synAcks));
    std::vector<std::pair<Time, uint8_t>> expired;
    b.depot->TraceConnectWithoutContext(
        "SessionExpired",
        MakeBoundCallback(
            +[](std::vector<std::pair<Time, uint8_t>>* v,
                Ipv4Address,
                uint16_t,
                uint32_t,
                uint8_t state) { v->emplace_back(Simulator::Now(), state); },
            &expired));
    b.Inject(Seconds(1), Ipv4Address("198.18.0.1"), 1234, 1000, TcpHeader::SYN);
    b.Run(Seconds(60));
    ASSERT_EQ(synAcks.size(), 2u) << "the first SYN-ACK and its retransmission only";
    EXPECT_EQ(synAcks[1] - synAcks[0], Seconds(3));
    ASSERT_EQ(expired.size(), 1u);
    EXPECT_EQ(expired[0].second, TcpStateTracker::S_SYN_RECV);
    EXPECT_EQ(expired[0].first - synAcks[0], Seconds(5));
    EXPECT_EQ(b.depot->GetResetsSent(), 1u);
}

/// A full table makes room by evicting the half-open session that expires first; established
/// sessions are never evicted: with none to evict, the SYN is dropped.
TEST_F(DepotHardeningTest, AFullTableEvictsHalfOpenSessionsFirst)
{
    for (uint32_t limit : {4u, 1u})
    {
        AttackBed b(1);
        // The download's connection idles until 1 s: no data queues the SYN-ACKs.
        b.InstallServers(Seconds(1));
        DepotHelper h(b.vip, 80);
        h.SetAttribute("MaxSessions", UintegerValue(limit));
        b.InstallDepot(h);
        b.InstallClients(1); // one 200 KB download, established at 0 s, data from 1 s
        // Spoofed SYNs 10 ms apart: each one's SYN-ACK (4 ms) came before the next SYN.
        for (uint32_t k = 0; k < 10; ++k)
        {
            b.Inject(MilliSeconds(50 + 10 * k),
                     Ipv4Address(0xc6120000 + k),
                     2000,
                     k * 1000,
                     TcpHeader::SYN);
        }
        b.Run(Seconds(20));
        EXPECT_EQ(b.ok, 1u);
        EXPECT_EQ(b.peakTable, limit);
        // limit 4: the download's session and 3 half-open ones; each later SYN evicts one.
        EXPECT_EQ(b.depot->GetEvictedSessions(), limit == 4 ? 7u : 0u);
        EXPECT_EQ(b.depot->GetDropCount(Depot::TABLE_FULL), limit == 4 ? 0u : 10u);
        // Each half-open session's proxy is reset: 7 evicted, 3 expired (limit 4).
        EXPECT_EQ(b.depot->GetResetsSent(), limit == 4 ? 10u : 0u);
    }
}

/// The fragment table keeps at most its limit (the oldest datagram goes) and forgets expired
/// datagrams on its own timer, without waiting for another fragment.
TEST_F(DepotHardeningTest, FragmentTableIsBoundedAndExpiresOnItsOwnTimer)
{
    DepotFragmentTable t;
    t.SetTimeout(Seconds(1));
    t.SetLimit(3);
    auto header = [](uint16_t id)
    {
        Ipv4Header h;
        h.SetSource(Ipv4Address("10.1.0.2"));
        h.SetDestination(Ipv4Address("10.255.0.1"));
        h.SetIdentification(id);
        h.SetProtocol(6);
        h.SetPayloadSize(1480);
        return h;
    };
    Simulator::Schedule(Seconds(0.5),
                        [&]()
                        {
                            for (uint16_t id = 1; id <= 5; ++id)
                            {
                                t.Remember(header(id), DepotFragmentRewrite());
                            }
                            EXPECT_EQ(t.Size(), 3u);
                            EXPECT_EQ(t.GetEvictedCount(), 2u);
                            EXPECT_EQ(t.Find(header(2)), nullptr) << "the oldest went";
                            EXPECT_NE(t.Find(header(3)), nullptr);
                            EXPECT_EQ(t.MemoryBytes(), 3u * DepotFragmentTable::EntryBytes());
                        });
    Simulator::Schedule(Seconds(1.5) - NanoSeconds(1), [&]() { EXPECT_EQ(t.Size(), 3u); });
    Simulator::Schedule(Seconds(1.5) + NanoSeconds(2), [&]() { EXPECT_EQ(t.Size(), 0u); });
    Simulator::Run();
    EXPECT_EQ(Simulator::Now(), Seconds(1.5) + NanoSeconds(2));
    Simulator::Destroy();
}

/// The attacker's draws come from its stream: the same stream sends the same segments.
TEST(SpoofedFloodApplication, SameStreamSameSegmentsAtTheGivenRate)
{
    auto run = [](int64_t stream)
    {
        Ptr<Node> n = CreateObject<Node>();
        InternetStackHelper().Install(n);
        Ptr<SpoofedFloodApplication> a = CreateObject<SpoofedFloodApplication>();
        a->SetAttribute("Target", Ipv4AddressValue("10.9.9.9"));
        a->SetAttribute("SynRate", DoubleValue(100));
        a->SetAttribute("RstRate", DoubleValue(10));
        a->AddVictim(Ipv4Address("10.1.0.2"));
        a->AssignStreams(stream);
        n->AddApplication(a);
        a->SetStartTime(Seconds(0));
        a->SetStopTime(Seconds(1) - NanoSeconds(1));
        std::vector<std::string> sent;
        a->TraceConnectWithoutContext(
            "Sent",
            MakeBoundCallback(
                +[](std::vector<std::string>* v, Ptr<const Packet> p, Ipv4Address from, Ipv4Address)
                {
                    TcpHeader t;
                    p->PeekHeader(t);
                    std::ostringstream os;
                    os << from << ':' << t.GetSourcePort() << ' ' << t.GetSequenceNumber() << ' '
                       << unsigned(t.GetFlags());
                    v->push_back(os.str());
                },
                &sent));
        Simulator::Run();
        EXPECT_EQ(a->GetSynsSent(), 100u);
        EXPECT_EQ(a->GetRstsSent(), 10u);
        Simulator::Destroy();
        return sent;
    };
    const auto a = run(5);
    EXPECT_EQ(a.size(), 110u);
    EXPECT_EQ(run(5), a);
    EXPECT_NE(run(6), a);
}

namespace
{

/// Runs AttackBed(4) under 5,000 spoofed SYN/s from 0 to `stop`, clients (3 requests each, one
/// after the other) from 1 s; counts the sessions that spoofed SYNs opened (each one is a SYN
/// forwarded to a proxy).
struct SynFlood
{
    AttackBed b{4};
    Ptr<SpoofedFloodApplication> flood = CreateObject<SpoofedFloodApplication>();
    uint32_t spoofedForwarded{0};

    /**
     * \param threshold SynFilterThreshold
     * \param stop when the flood stops
     */
    SynFlood(uint32_t threshold, Time stop)
    {
        b.InstallServers();
        DepotHelper h(b.vip, 80);
        h.SetAttribute("SynFilterThreshold", UintegerValue(threshold));
        b.InstallDepot(h);
        b.InstallClients(3, Seconds(1));
        flood->SetAttribute("Target", Ipv4AddressValue(b.vip));
        flood->SetAttribute("SynRate", DoubleValue(5000));
        flood->AssignStreams(5);
        b.attacker->AddApplication(flood);
        flood->SetStartTime(Time(0));
        flood->SetStopTime(stop);
        b.depot->TraceConnectWithoutContext(
            "SessionOpened",
            MakeBoundCallback(
                +[](SynFlood* f, Ipv4Address client, uint16_t, uint32_t)
                {
                    // SpoofedFloodApplication's sources: 198.18.0.0/15 (RFC 2544).
                    f->spoofedForwarded
                        += Ipv4Mask("255.254.0.0").IsMatch(client, Ipv4Address("198.18.0.0"));
                },
                this));
        b.Run(Seconds(40));
    }
};

} // namespace

/// With the SYN filter on (the default threshold, 1,024 half-open sessions), a spoofed SYN
/// reaches a proxy only until the filter engages (the first 1,024) or when it matches the
/// Bloom filter by chance (6.6 x 10^-4 at most per SYN, under 25 of 30,000 expected). Each
/// client's first SYN, from 1 s, is dropped; its retransmission (ns-3's ConnTimeout, 3 s)
/// passes, the handshake verifies the client, and its two later connections pass at once:
/// every request completes, the first after 3 s and more, the others fast.
TEST_F(DepotHardeningTest, SynFilterKeepsASpoofedSynFloodFromTheProxies)
{
    SynFlood f(1024, Seconds(6));
    const DepotSynFilter& filter = f.b.depot->GetSynFilter();
    EXPECT_EQ(f.b.ok, 12u);
    EXPECT_EQ(f.b.failed, 0u);
    EXPECT_GE(f.flood->GetSynsSent(), 29000u);
    EXPECT_GE(f.spoofedForwarded, 1024u);
    EXPECT_LE(f.spoofedForwarded, 1024u + 25u);
    EXPECT_EQ(filter.GetCount(DepotSynFilter::PASS_VERIFIED), 8u) << "4 clients x 2 requests";
    EXPECT_GE(filter.GetCount(DepotSynFilter::PASS_RETRY), 4u);
    EXPECT_EQ(filter.GetEngagedCount(), 1u) << "engaged once, through the whole flood";
    EXPECT_EQ(f.b.depot->GetDropCount(Depot::SYN_FILTERED),
              filter.GetCount(DepotSynFilter::FILTERED));
    uint32_t slow = 0;
    for (const Time& t : f.b.latency)
    {
        slow += t >= Seconds(3);
    }
    EXPECT_EQ(slow, 4u) << "only each client's first request waited for a retransmission";
}

/// The same flood without the filter, for 0.4 s (2,000 SYNs; the proxies' half-open sockets
/// make 6 s of it take minutes of wall time): every spoofed SYN is forwarded to a proxy.
TEST_F(DepotHardeningTest, WithoutTheSynFilterEverySpoofedSynReachesAProxy)
{
    SynFlood f(0, Seconds(0.4));
    EXPECT_EQ(f.b.ok, 12u);
    EXPECT_GE(f.flood->GetSynsSent(), 1900u);
    EXPECT_EQ(f.spoofedForwarded, f.flood->GetSynsSent());
    EXPECT_EQ(f.b.depot->GetDropCount(Depot::SYN_FILTERED), 0u);
}
