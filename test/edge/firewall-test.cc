/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The edge firewall (issue 18): ordered rules with the first match deciding, default deny
 * inbound, connection tracking that lets the replies of allowed flows in, a bounded state
 * table whose entries expire on their own, spoofed RSTs and SYN floods from outside.
 */
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/spoofed-flood-application.h"
#include "ns3/web-proxy-module.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/**
 * Two inside clients and an inside server, each on its own link to the firewall node
 * (interfaces 1-3, inside); an origin server and an attacker outside (interfaces 4, 5).
 */
struct FirewallBed
{
    NodeContainer inside; //!< c0, c1, inside server
    Ptr<Node> fwNode = CreateObject<Node>();
    Ptr<Node> origin = CreateObject<Node>();
    Ptr<Node> attacker = CreateObject<Node>();
    std::vector<Ipv4Address> insideIp;
    Ipv4Address originIp;
    Ipv4Address attackerIp;
    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    Ptr<Firewall> fw;
    std::vector<RequestRecord> records;
    std::vector<Address> originAccepts;
    uint32_t originRequests{0};
    uint32_t insideServerRequests{0};
    /// (rule, packet came from outside) of each decision
    std::vector<std::pair<int32_t, bool>> accepts;
    std::vector<std::pair<int32_t, bool>> drops;
    uint32_t peakEntries{0};

    FirewallBed()
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        inside.Create(3);
        InternetStackHelper stack;
        stack.Install(inside);
        stack.Install(fwNode);
        stack.Install(origin);
        stack.Install(attacker);
        PointToPointHelper link;
        link.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        link.SetChannelAttribute("Delay", StringValue("1ms"));
        Ipv4AddressHelper addr("10.1.1.0", "255.255.255.0");
        for (uint32_t i = 0; i < 3; ++i)
        {
            insideIp.push_back(addr.Assign(link.Install(inside.Get(i), fwNode)).GetAddress(0));
            addr.NewNetwork();
        }
        Ipv4AddressHelper out("10.2.1.0", "255.255.255.0");
        originIp = out.Assign(link.Install(fwNode, origin)).GetAddress(1);
        out.NewNetwork();
        attackerIp = out.Assign(link.Install(fwNode, attacker)).GetAddress(1);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        catalog->Add("/a", 30000, Seconds(-3600));
        OriginServerHelper h(80);
        h.SetCatalog(catalog);
        Ptr<Application> s = h.Install(origin).Get(0);
        s->TraceConnectWithoutContext("Request", MakeCallback(&FirewallBed::OriginRequest, this));
        s->TraceConnectWithoutContext("Accept", MakeCallback(&FirewallBed::OriginAccept, this));
        Ptr<Application> is = h.Install(inside.Get(2)).Get(0);
        is->TraceConnectWithoutContext("Request", MakeCallback(&FirewallBed::InsideRequest, this));
    }

    /// Install the firewall (inside: interfaces 1-3).
    void Install(FirewallHelper helper)
    {
        for (uint32_t i = 1; i <= 3; ++i)
        {
            helper.AddInsideInterface(i);
        }
        fw = helper.Install(NodeContainer(fwNode))[0];
        fw->TraceConnectWithoutContext("Accept", MakeCallback(&FirewallBed::Accepted, this));
        fw->TraceConnectWithoutContext("Drop", MakeCallback(&FirewallBed::Dropped, this));
    }

    bool FromOutside(const Ipv4Header& h) const
    {
        return h.GetSource() == originIp || h.GetSource() == attackerIp
            || Ipv4Mask("255.255.0.0").IsMatch(h.GetSource(), Ipv4Address("10.9.0.0"));
    }

    void Accepted(Ptr<const Packet>, const Ipv4Header& h, int32_t rule)
    {
        accepts.emplace_back(rule, FromOutside(h));
        peakEntries = std::max(peakEntries, fw->GetNEntries());
    }

    void Dropped(Ptr<const Packet>, const Ipv4Header& h, int32_t rule)
    {
        drops.emplace_back(rule, FromOutside(h));
    }

    void OriginRequest(const HttpRequestHeader&, const Address&)
    {
        ++originRequests;
    }

    void OriginAccept(const Address& from)
    {
        originAccepts.push_back(from);
    }

    void InsideRequest(const HttpRequestHeader&, const Address&)
    {
        ++insideServerRequests;
    }

    /// A client on node n fetching /a from server:80, times times.
    Ptr<WebClient> AddClient(
        Ptr<Node> n, Ipv4Address server, uint32_t times, Time start, Time think = Seconds(0.2))
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (uint32_t i = 0; i < times; ++i)
        {
            WebRequest r;
            r.host = "www.example.com";
            r.path = "/a";
            r.server = InetSocketAddress(server, 80);
            r.thinkTime = think;
            src->Add(r);
        }
        WebClientHelper wh;
        wh.SetAttribute("ConnectTimeout", TimeValue(Seconds(5)));
        Ptr<WebClient> c = DynamicCast<WebClient>(wh.Install(n, src).Get(0));
        c->SetStartTime(start);
        c->TraceConnectWithoutContext("RequestComplete", MakeCallback(&FirewallBed::Record, this));
        return c;
    }

    void Record(const RequestRecord& r)
    {
        records.push_back(r);
    }

    uint32_t Count(const std::vector<std::pair<int32_t, bool>>& v, int32_t rule, bool outside)
    {
        return std::count(v.begin(), v.end(), std::make_pair(rule, outside));
    }

    void Run(Time stop)
    {
        Simulator::Stop(stop);
        Simulator::Run();
        Simulator::Destroy();
    }
};

/// Counts the TCP segments with SYN set that a node sends (its Ipv4L3Protocol Tx).
struct SynCounter
{
    uint32_t syns{0};
    uint32_t packets{0};

    void Tx(Ptr<const Packet> p, Ptr<Ipv4>, uint32_t)
    {
        Ptr<Packet> q = p->Copy();
        Ipv4Header ip;
        q->RemoveHeader(ip);
        ++packets;
        TcpHeader tcp;
        if (ip.GetProtocol() == 6 && q->PeekHeader(tcp) && (tcp.GetFlags() & TcpHeader::SYN))
        {
            ++syns;
        }
    }

    void Attach(Ptr<Node> n)
    {
        n->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Tx", MakeCallback(&SynCounter::Tx, this));
    }
};

FirewallRule
Rule(FirewallRule::Action action,
     FirewallRule::Direction dir,
     uint8_t protocol,
     uint16_t dport = 0,
     Ipv4Address src = Ipv4Address::GetAny(),
     Ipv4Mask srcMask = Ipv4Mask::GetZero())
{
    FirewallRule r;
    r.action = action;
    r.direction = dir;
    r.protocol = protocol;
    if (dport)
    {
        r.destinationPortMin = r.destinationPortMax = dport;
    }
    r.source = src;
    r.sourceMask = srcMask;
    return r;
}

} // namespace

// The first matching rule decides: c1's SYNs meet "reject c1" before "allow port 80" and are
// each answered with a RST; c0's passes by rule 1; the final "deny all" is never reached (the
// replies belong to tracked flows). ns-3's TCP ignores a RST+ACK in SYN_SENT
// (TcpSocketBase::ProcessSynSent takes it for an ACK), so c1 retransmits its SYN until its
// connect timeout: every SYN is rejected, and the RST c1 sends when it gives up is dropped
// by the same rule without an answer.
TEST(Firewall, FirstMatchWins)
{
    FirewallBed bed;
    FirewallHelper fh;
    fh.AddRule(Rule(FirewallRule::REJECT,
                    FirewallRule::OUT,
                    6,
                    80,
                    bed.insideIp[1],
                    Ipv4Mask("255.255.255.255")));
    fh.AddRule(Rule(FirewallRule::ALLOW, FirewallRule::OUT, 6, 80));
    fh.AddRule(Rule(FirewallRule::DENY, FirewallRule::ANY, 0));
    bed.Install(fh);
    SynCounter c1Tx;
    c1Tx.Attach(bed.inside.Get(1));
    uint32_t rstsToC1 = 0;
    bed.inside.Get(1)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](uint32_t* n, Ptr<const Packet> p, Ptr<Ipv4>, uint32_t)
            {
                Ptr<Packet> q = p->Copy();
                Ipv4Header ip;
                q->RemoveHeader(ip);
                TcpHeader tcp;
                q->PeekHeader(tcp);
                *n += (tcp.GetFlags() & TcpHeader::RST) ? 1 : 0;
            },
            &rstsToC1));
    bed.AddClient(bed.inside.Get(0), bed.originIp, 2, Seconds(1));
    bed.AddClient(bed.inside.Get(1), bed.originIp, 1, Seconds(1));
    Ptr<Firewall> fw = bed.fw;
    bed.Run(Seconds(20));
    ASSERT_EQ(bed.records.size(), 3u);
    uint32_t ok = 0;
    for (const auto& r : bed.records)
    {
        if (r.node == bed.inside.Get(0)->GetId())
        {
            EXPECT_FALSE(r.failed) << r.error;
            ok += !r.failed;
        }
        else
        {
            EXPECT_TRUE(r.failed);
        }
    }
    EXPECT_EQ(ok, 2u);
    EXPECT_GT(c1Tx.syns, 1u);
    EXPECT_EQ(c1Tx.packets, c1Tx.syns + 1);
    EXPECT_EQ(fw->GetRuleHits(0), c1Tx.packets);
    EXPECT_EQ(fw->GetCounters().rejected, c1Tx.syns);
    EXPECT_EQ(rstsToC1, c1Tx.syns);
    EXPECT_EQ(fw->GetRuleHits(1), 1u); // c0's one persistent connection
    EXPECT_EQ(fw->GetRuleHits(2), 0u);
    EXPECT_EQ(bed.originRequests, 2u);
}

// Inbound is denied by default: the attacker's segments to the inside server (its SYNs and
// the RST it sends when it gives up) are all dropped by the default policy, while every packet of
// the origin's replies to c0 passes as part of c0's tracked flow.
TEST(Firewall, DefaultDenyInboundRepliesPass)
{
    FirewallBed bed;
    bed.Install(FirewallHelper());
    SynCounter attackerTx;
    attackerTx.Attach(bed.attacker);
    SynCounter originTx;
    originTx.Attach(bed.origin);
    bed.AddClient(bed.inside.Get(0), bed.originIp, 3, Seconds(1));
    bed.AddClient(bed.attacker, bed.insideIp[2], 1, Seconds(1));
    bed.Run(Seconds(20));
    ASSERT_EQ(bed.records.size(), 4u);
    uint32_t ok = 0;
    for (const auto& r : bed.records)
    {
        ok += !r.failed;
    }
    EXPECT_EQ(ok, 3u);
    EXPECT_EQ(bed.insideServerRequests, 0u);
    EXPECT_GT(attackerTx.syns, 0u);
    EXPECT_EQ(bed.Count(bed.drops, Firewall::DEFAULT_POLICY, true), attackerTx.packets);
    EXPECT_EQ(bed.drops.size(), attackerTx.packets);
    EXPECT_EQ(bed.Count(bed.accepts, Firewall::STATE, true), originTx.packets);
    EXPECT_EQ(bed.Count(bed.accepts, Firewall::DEFAULT_POLICY, true), 0u);
}

// A bounded table: UDP flows without answers are half-open and give way to new flows,
// oldest first, while the answered echo flow stays; every entry then expires on its own
// timer (UdpTimeout after its last packet).
TEST(Firewall, TableBoundAndExpiry)
{
    FirewallBed bed;
    FirewallHelper fh;
    fh.SetAttribute("MaxEntries", UintegerValue(2));
    fh.SetAttribute("UdpTimeout", TimeValue(Seconds(5)));
    bed.Install(fh);
    UdpEchoServerHelper echo(9);
    echo.Install(bed.origin).Start(Seconds(0));
    UdpEchoClientHelper ec(bed.originIp, 9);
    ec.SetAttribute("MaxPackets", UintegerValue(1));
    ApplicationContainer eca = ec.Install(bed.inside.Get(1));
    eca.Start(Seconds(0.5));
    uint32_t echoed = 0;
    eca.Get(0)->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](uint32_t* n, Ptr<const Packet>) { ++*n; }, &echoed));
    Ptr<Socket> s = Socket::CreateSocket(bed.inside.Get(0), UdpSocketFactory::GetTypeId());
    s->Bind();
    for (uint16_t i = 0; i < 3; ++i)
    {
        Simulator::Schedule(
            Seconds(1 + i),
            [s, &bed, i]()
            { s->SendTo(Create<Packet>(100), 0, InetSocketAddress(bed.originIp, 1001 + i)); });
    }
    Ptr<Firewall> fw = bed.fw;
    std::vector<std::pair<uint32_t, uint32_t>> samples; // (entries, half-open)
    for (double t : {3.5, 6.5, 7.5, 8.5})
    {
        Simulator::Schedule(Seconds(t),
                            [&samples, fw]()
                            { samples.emplace_back(fw->GetNEntries(), fw->GetNHalfOpen()); });
    }
    bed.Run(Seconds(10));
    EXPECT_EQ(echoed, 1u);
    EXPECT_EQ(fw->GetCounters().flows, 4u);
    EXPECT_EQ(fw->GetCounters().evicted, 2u);
    EXPECT_EQ(fw->GetCounters().tableFull, 0u);
    ASSERT_EQ(samples.size(), 4u);
    // 3.5 s: the echo flow (answered) and the last datagram's flow.
    EXPECT_EQ(samples[0], std::make_pair(2u, 1u));
    // 6.5 s: the echo entry (last packet at 0.5 s + RTT) expired at about 5.5 s.
    EXPECT_EQ(samples[1], std::make_pair(1u, 1u));
    // 7.5 s: the flow to port 1003 (sent at 3 s) lives until about 8 s.
    EXPECT_EQ(samples[2], std::make_pair(1u, 1u));
    EXPECT_EQ(samples[3], std::make_pair(0u, 0u));
    EXPECT_EQ(fw->GetCounters().expired, 2u);
}

// A table full of established flows refuses a new one (nothing half-open to evict).
TEST(Firewall, FullTableOfEstablishedFlowsRefusesNewOnes)
{
    FirewallBed bed;
    FirewallHelper fh;
    fh.SetAttribute("MaxEntries", UintegerValue(1));
    bed.Install(fh);
    SynCounter c1Tx;
    c1Tx.Attach(bed.inside.Get(1));
    // c0's requests at 2 s and about 3 s (each after a 1 s think time); c1's at 3.2 s.
    bed.AddClient(bed.inside.Get(0), bed.originIp, 2, Seconds(1), Seconds(1));
    bed.AddClient(bed.inside.Get(1), bed.originIp, 1, Seconds(3));
    Ptr<Firewall> fw = bed.fw;
    bed.Run(Seconds(20));
    ASSERT_EQ(bed.records.size(), 3u);
    for (const auto& r : bed.records)
    {
        EXPECT_EQ(r.failed, r.node == bed.inside.Get(1)->GetId()) << r.node << " " << r.error;
    }
    EXPECT_GT(c1Tx.packets, 0u);
    // Its SYNs are refused; the RST it sends when it gives up opens nothing and passes.
    EXPECT_EQ(fw->GetCounters().tableFull, c1Tx.syns);
    EXPECT_EQ(fw->GetCounters().flows, 1u);
    EXPECT_EQ(fw->GetCounters().evicted, 0u);
    EXPECT_EQ(bed.originRequests, 2u);
}

// Spoofed RSTs from outside that claim to come from the origin, with guessed sequence
// numbers, are all dropped: c0's persistent connection carries its second request.
TEST(Firewall, SpoofedRstsDoNotEndAFlow)
{
    FirewallBed bed;
    bed.Install(FirewallHelper());
    bed.AddClient(bed.inside.Get(0), bed.originIp, 2, Seconds(1), Seconds(2));
    Ptr<SpoofedFloodApplication> flood = CreateObject<SpoofedFloodApplication>();
    flood->SetAttribute("Target", Ipv4AddressValue(bed.insideIp[0]));
    flood->SetAttribute("TargetPort", UintegerValue(49153)); // c0's first ephemeral port
    flood->SetAttribute("RstRate", DoubleValue(100));
    flood->SetAttribute("MinPort", UintegerValue(80));
    flood->SetAttribute("MaxPort", UintegerValue(80));
    flood->AddVictim(bed.originIp);
    flood->AssignStreams(7);
    bed.attacker->AddApplication(flood);
    // c0's first request goes at 3 s (after its 2 s think time), the second at about 5 s.
    flood->SetStartTime(Seconds(3.5));
    flood->SetStopTime(Seconds(4.5));
    Ptr<Firewall> fw = bed.fw;
    bed.Run(Seconds(20));
    ASSERT_EQ(bed.originAccepts.size(), 1u);
    EXPECT_EQ(InetSocketAddress::ConvertFrom(bed.originAccepts[0]).GetPort(), 49153);
    ASSERT_EQ(bed.records.size(), 2u);
    EXPECT_FALSE(bed.records[0].failed) << bed.records[0].error;
    EXPECT_FALSE(bed.records[1].failed) << bed.records[1].error;
    EXPECT_FALSE(bed.records[1].newConnection);
    EXPECT_EQ(flood->GetRstsSent(), 100u);
    EXPECT_EQ(fw->GetCounters().invalidRst, flood->GetRstsSent());
    EXPECT_EQ(bed.Count(bed.drops, Firewall::STATE, true), flood->GetRstsSent());
}

// A SYN flood from spoofed outside addresses while the inside clients fetch: to the allowed
// port it fills the table with half-open entries, which give way to each other, never to the
// clients' established flows; to a closed port it is dropped by the default policy. Every
// request of the clients completes.
TEST(Firewall, SynFloodWhileClientsFetch)
{
    FirewallBed bed;
    FirewallHelper fh;
    FirewallRule allow = Rule(FirewallRule::ALLOW, FirewallRule::IN, 6, 80);
    allow.destination = bed.insideIp[2];
    allow.destinationMask = Ipv4Mask("255.255.255.255");
    fh.AddRule(allow);
    fh.SetAttribute("MaxEntries", UintegerValue(32));
    bed.Install(fh);
    std::vector<Ptr<SpoofedFloodApplication>> floods;
    for (uint16_t port : {80, 443})
    {
        Ptr<SpoofedFloodApplication> f = CreateObject<SpoofedFloodApplication>();
        f->SetAttribute("Target", Ipv4AddressValue(bed.insideIp[2]));
        f->SetAttribute("TargetPort", UintegerValue(port));
        f->SetAttribute("SynRate", DoubleValue(500));
        f->SetAttribute("SpoofNetwork", Ipv4AddressValue("10.9.0.0"));
        f->SetAttribute("SpoofMask", Ipv4MaskValue("255.255.0.0"));
        f->AssignStreams(11 + port);
        bed.attacker->AddApplication(f);
        f->SetStartTime(Seconds(0.9));
        f->SetStopTime(Seconds(2.9));
        floods.push_back(f);
    }
    bed.AddClient(bed.inside.Get(0), bed.originIp, 5, Seconds(1));
    bed.AddClient(bed.inside.Get(1), bed.originIp, 5, Seconds(1));
    Ptr<Firewall> fw = bed.fw;
    bed.Run(Seconds(10));
    ASSERT_EQ(bed.records.size(), 10u);
    for (const auto& r : bed.records)
    {
        EXPECT_FALSE(r.failed) << r.error;
        EXPECT_EQ(r.bodyBytes, 30000u);
    }
    EXPECT_EQ(bed.originRequests, 10u);
    EXPECT_EQ(floods[0]->GetSynsSent(), 1000u);
    EXPECT_EQ(floods[1]->GetSynsSent(), 1000u);
    // Every spoofed SYN to port 80 starts a flow by rule 0, evicting an older half-open one.
    EXPECT_EQ(fw->GetRuleHits(0), floods[0]->GetSynsSent());
    EXPECT_EQ(fw->GetCounters().flows, floods[0]->GetSynsSent() + 2);
    EXPECT_EQ(fw->GetCounters().tableFull, 0u);
    EXPECT_LE(bed.peakEntries, 32u);
    EXPECT_EQ(fw->GetCounters().evicted, floods[0]->GetSynsSent() + 2 - 32);
    // Port 443 is closed: its SYNs meet the default policy.
    EXPECT_EQ(bed.Count(bed.drops, Firewall::DEFAULT_POLICY, true), floods[1]->GetSynsSent());
}

// REJECT of a UDP datagram answers with ICMP port unreachable (type 3, code 3) quoting it;
// the datagram does not reach the origin.
TEST(Firewall, RejectedUdpGetsPortUnreachable)
{
    FirewallBed bed;
    FirewallHelper fh;
    fh.AddRule(Rule(FirewallRule::REJECT, FirewallRule::OUT, 17, 5000));
    bed.Install(fh);
    std::vector<std::pair<uint8_t, uint8_t>> icmp; // (type, code) c0 received
    bed.inside.Get(0)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](std::vector<std::pair<uint8_t, uint8_t>>* v,
                Ptr<const Packet> p,
                Ptr<Ipv4>,
                uint32_t)
            {
                Ptr<Packet> q = p->Copy();
                Ipv4Header ip;
                q->RemoveHeader(ip);
                Icmpv4Header h;
                if (ip.GetProtocol() == 1 && q->PeekHeader(h))
                {
                    v->emplace_back(h.GetType(), h.GetCode());
                }
            },
            &icmp));
    uint32_t originUdp = 0;
    bed.origin->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Rx",
        MakeBoundCallback(
            +[](uint32_t* n, Ptr<const Packet> p, Ptr<Ipv4>, uint32_t)
            {
                Ipv4Header ip;
                p->PeekHeader(ip);
                *n += ip.GetProtocol() == 17 ? 1 : 0;
            },
            &originUdp));
    Ptr<Socket> s = Socket::CreateSocket(bed.inside.Get(0), UdpSocketFactory::GetTypeId());
    s->Bind();
    const Ipv4Address origin = bed.originIp;
    Simulator::Schedule(Seconds(1),
                        [s, origin]()
                        {
                            s->SendTo(Create<Packet>(100), 0, InetSocketAddress(origin, 5000));
                            s->SendTo(Create<Packet>(100), 0, InetSocketAddress(origin, 5001));
                        });
    Ptr<Firewall> fw = bed.fw;
    bed.Run(Seconds(3));
    ASSERT_EQ(icmp.size(), 1u);
    EXPECT_EQ(icmp[0], std::make_pair(uint8_t(3), uint8_t(3)));
    EXPECT_EQ(fw->GetRuleHits(0), 1u);
    EXPECT_EQ(fw->GetCounters().rejected, 1u);
    EXPECT_EQ(originUdp, 1u); // the datagram to port 5001 passed (default allow out)
}

// Flush() forgets the flows: an echo request that crossed before the flush gets its reply
// dropped (no entry, and inbound is denied by default); the next request starts a new flow
// whose reply passes. Link delays 1 ms each way: the first request crosses the firewall at
// about 1.0011 s and its reply reaches it at about 1.0032 s; the flush is at 1.0015 s.
TEST(Firewall, FlushForgetsTrackedFlows)
{
    FirewallBed bed;
    bed.Install(FirewallHelper());
    UdpEchoServerHelper echo(9);
    echo.Install(bed.origin).Start(Seconds(0));
    UdpEchoClientHelper ec(bed.originIp, 9);
    ec.SetAttribute("MaxPackets", UintegerValue(2));
    ec.SetAttribute("Interval", TimeValue(Seconds(1)));
    ApplicationContainer eca = ec.Install(bed.inside.Get(1));
    eca.Start(Seconds(1));
    std::vector<double> echoed;
    eca.Get(0)->TraceConnectWithoutContext("Rx",
                                           MakeBoundCallback(
                                               +[](std::vector<double>* v, Ptr<const Packet>)
                                               { v->push_back(Simulator::Now().GetSeconds()); },
                                               &echoed));
    Ptr<Firewall> fw = bed.fw;
    std::vector<uint32_t> entries; // before and after the flush
    Simulator::Schedule(Seconds(1.0015),
                        [fw, &entries]()
                        {
                            entries.push_back(fw->GetNEntries());
                            fw->Flush();
                            entries.push_back(fw->GetNEntries());
                        });
    bed.Run(Seconds(3));
    EXPECT_EQ(entries, (std::vector<uint32_t>{1, 0}));
    ASSERT_EQ(echoed.size(), 1u);
    EXPECT_GT(echoed[0], 2.0);
    EXPECT_EQ(fw->GetCounters().flows, 2u);
    EXPECT_EQ(bed.Count(bed.drops, Firewall::DEFAULT_POLICY, true), 1u);
    EXPECT_EQ(bed.Count(bed.accepts, Firewall::STATE, true), 1u);
}

// A rule that cannot match anything is refused with its problem named.
TEST(Firewall, BadRuleIsRefused)
{
    FirewallRule r;
    r.protocol = 6;
    r.destinationPortMin = 90;
    r.destinationPortMax = 80;
    EXPECT_NE(r.Validate().find("min > max"), std::string::npos) << r.Validate();
    FirewallRule u;
    u.protocol = 1;
    u.destinationPortMin = u.destinationPortMax = 80;
    EXPECT_NE(u.Validate().find("protocol 6"), std::string::npos) << u.Validate();
    EXPECT_DEATH(FirewallHelper().AddRule(r), "rule 0 .*min > max");
}
