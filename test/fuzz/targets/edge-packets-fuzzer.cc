/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: the edge node's packet hook under attack, a Firewall and a
 * TransparentInterceptor on one static ns-3 node. The node has two devices: inside
 * 10.0.0.1/24 (interface 1, declared inside) and outside 192.0.2.1/24 (interface 2). The
 * firewall (MaxEntries 16, every other attribute at its default: WindowCheck off) has three
 * rules: allow IN TCP to 10.0.0.80 port 80 (a published server), reject IN TCP to port 23,
 * deny IN UDP to port 53; without a match IN is denied and OUT allowed. The interceptor
 * (MaxEntries 8) redirects port-80 connections crossing the node to the node's proxy port
 * 3128; a default route leads outside. No simulation runs per input: each packet goes straight into
 * the node's PacketHookRouting::RouteInput, whose forward, local and error callbacks are the
 * target's own (nothing listens on 3128: the proxy's side is not simulated); simulated time moves
 * only for time records.
 *
 * Per input both tables are flushed, then two legitimate connections start from inside:
 *  - A: 10.0.0.10:40000 -> 198.51.100.7:443 (not port 80, so not intercepted), handshake
 *    and one data segment each way through the firewall (windows 8192, no scaling);
 *  - B: 10.0.0.11:41000 -> 203.0.113.9:80, its SYN and one data segment, redirected to
 *    10.0.0.1:3128.
 * Then the records of the input arrive, on either device. A record is
 *   byte 0 kind % 4: 0 a TCP segment, 1 raw IP payload bytes with protocol byte 1 (6 TCP,
 *                    17 UDP, 1 ICMP, else as given), 2 a later fragment (raw payload), 3 time
 *                    passes (byte 1 x 100 ms; the input's total is capped at 500 s, below
 *                    the 600 s of TcpEstablishedTimeout and IdleTimeout)
 *   byte 1 selector: bits 0-1 source (A's client, A's server, B's client, host byte 2),
 *                    bits 2-3 destination (A's server, A's client, host byte 3, the
 *                    published server 10.0.0.80), bit 4 more fragments, bit 5 A's or B's
 *                    ports for the direction, bit 6 arrive on the inside device (else
 *                    outside), bit 7 hosts in 10.0.0.0/24 instead of 192.0.2.0/24
 *   bytes 2-3 hosts, 4-5 source port (later fragment: offset / 8), 6-7 destination port,
 *   8-11 sequence number, 12-15 acknowledgement number, 16 TCP flags, 17-18 window,
 *   19 IP identification, 20 payload length (kind 0: zero bytes; kinds 1-2: bytes that
 *   follow in the input).
 *
 * Invariants after every record (derived from the rules and RFCs, not from the code):
 *  - the firewall holds at most 16 flows, of which the half-open are a part; the interceptor
 *    at most 8 connections;
 *  - a later fragment never passes (it carries no ports to judge);
 *  - default deny inbound: a packet arriving outside passes (forwarded or delivered) only if
 *    it is TCP to 10.0.0.80:80 (the allow rule), or its flow, either way round, was opened
 *    by a packet that passed earlier in this input (tracked here from the outcomes, not from
 *    the firewall's table); never a non-TCP/UDP packet;
 *  - a packet passes unchanged, or, when delivered to the node's proxy port, it was TCP to
 *    port 80 crossing the node (the only rewrite the interceptor may do);
 *  - connection B stays redirected: its next client segment reaches 10.0.0.1:3128 (no input
 *    is entitled to end it: the interceptor leaves a client's RST to the proxy's TCP);
 *  - connection A stays tracked and ESTABLISHED enough that a data segment each way passes
 *    at the end -- unless the input is entitled to change it: a segment of A's exact
 *    4-tuple (either direction) that RFC 793 and RFC 5961 let a receiver act on, that is a
 *    RST whose sequence number is exactly the sender's next one, or a segment without SYN
 *    and RST that overlaps the receiver's window (next - 8192 .. next + 8192) and, carrying
 *    ACK, acknowledges nothing the receiver has not sent (RFC 5961 section 5).
 */
#include "fuzz-check.h"
#include "packet-fuzz-bed.h"

#include "ns3/boolean.h"
#include "ns3/firewall-rule.h"
#include "ns3/firewall.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/packet-hook-routing.h"
#include "ns3/packet.h"
#include "ns3/simple-channel.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/transparent-interceptor.h"
#include "ns3/uinteger.h"

#include <cstdint>
#include <set>
#include <string>
#include <tuple>

using namespace ns3;
using namespace fuzzbed;

namespace
{

const Ipv4Address NODE_INSIDE("10.0.0.1");
const Ipv4Address A_CLIENT("10.0.0.10");
const Ipv4Address A_SERVER("198.51.100.7");
const Ipv4Address B_CLIENT("10.0.0.11");
const Ipv4Address B_ORIGIN("203.0.113.9");
const Ipv4Address PUBLISHED("10.0.0.80");
constexpr uint16_t A_CLIENT_PORT = 40000;
constexpr uint16_t A_SERVER_PORT = 443;
constexpr uint16_t B_CLIENT_PORT = 41000;
constexpr uint16_t PROXY_PORT = 3128;
constexpr uint32_t FW_ENTRIES = 16;
constexpr uint32_t TI_ENTRIES = 8;
constexpr uint32_t WINDOW = 8192;
constexpr uint32_t A_CLIENT_ISN = 1000;
constexpr uint32_t A_SERVER_ISN = 5000;
constexpr uint32_t B_CLIENT_ISN = 9000;
constexpr uint8_t TCP = 6;
constexpr uint8_t UDP = 17;

/// The static test bed.
struct Bed
{
    Ptr<Node> node;
    Ptr<Firewall> firewall;
    Ptr<TransparentInterceptor> interceptor;
    Ptr<PacketHookRouting> routing;
    Ptr<NetDevice> insideDev;
    Ptr<NetDevice> outsideDev;
};

FirewallRule
Rule(FirewallRule::Action action, uint8_t protocol, const char* dst, uint16_t port)
{
    FirewallRule r;
    r.action = action;
    r.direction = FirewallRule::IN;
    r.protocol = protocol;
    if (dst)
    {
        r.destination = Ipv4Address(dst);
        r.destinationMask = Ipv4Mask("255.255.255.255");
    }
    r.destinationPortMin = port;
    r.destinationPortMax = port;
    return r;
}

Bed&
TestBed()
{
    // Never destroyed: the node outlives every input, and ns-3 objects are not torn down at exit.
    static Bed& bed = *[]
    {
        Bed* bp = new Bed;
        Bed& b = *bp;
        b.node = CreateObject<Node>();
        InternetStackHelper().Install(b.node);
        b.insideDev = AddDevice(b.node, "10.0.0.1");
        b.outsideDev = AddDevice(b.node, "192.0.2.1");
        // Everything not inside is outside, behind the Internet's router 192.0.2.254.
        Ipv4StaticRoutingHelper()
            .GetStaticRouting(b.node->GetObject<Ipv4>())
            ->SetDefaultRoute(Ipv4Address("192.0.2.254"), 2);
        b.firewall = CreateObject<Firewall>();
        b.firewall->SetAttribute("MaxEntries", UintegerValue(FW_ENTRIES));
        b.firewall->AddInsideInterface(1);
        b.firewall->AddRule(Rule(FirewallRule::ALLOW, TCP, "10.0.0.80", 80));
        b.firewall->AddRule(Rule(FirewallRule::REJECT, TCP, nullptr, 23));
        b.firewall->AddRule(Rule(FirewallRule::DENY, UDP, nullptr, 53));
        b.firewall->Install(b.node);
        b.interceptor = CreateObject<TransparentInterceptor>();
        b.interceptor->SetAttribute("MaxEntries", UintegerValue(TI_ENTRIES));
        b.interceptor->SetAttribute("ProxyPort", UintegerValue(PROXY_PORT));
        b.interceptor->Install(b.node);
        b.routing = DynamicCast<PacketHookRouting>(b.node->GetObject<Ipv4>()->GetRoutingProtocol());
        FUZZ_CHECK(b.routing, "no packet hook installed");
        return bp;
    }();
    return bed;
}

const Seen&
Feed(const Ipv4Header& h, Ptr<Packet> payload, Ptr<NetDevice> dev)
{
    return fuzzbed::Feed(TestBed().routing, h, payload, dev);
}

/// A segment of connection A; checks that it is forwarded unchanged.
void
LegitA(
    bool fromClient, uint8_t flags, uint32_t seq, uint32_t ack, uint32_t length, const char* what)
{
    Bed& b = TestBed();
    Ptr<Packet> p = fromClient
                      ? Segment(A_CLIENT_PORT, A_SERVER_PORT, seq, ack, flags, WINDOW, length)
                      : Segment(A_SERVER_PORT, A_CLIENT_PORT, seq, ack, flags, WINDOW, length);
    const Ipv4Header h = fromClient ? IpHeader(A_CLIENT, A_SERVER, TCP, p->GetSize(), 1)
                                    : IpHeader(A_SERVER, A_CLIENT, TCP, p->GetSize(), 1);
    const Seen& s = Feed(h, p, fromClient ? b.insideDev : b.outsideDev);
    FUZZ_CHECK(s.forwarded, std::string("connection A, ") + what + ": not forwarded");
    FUZZ_CHECK(s.header.GetSource() == h.GetSource()
                   && s.header.GetDestination() == h.GetDestination(),
               std::string("connection A, ") + what + ": rewritten");
}

/// A client segment of connection B; checks that it reaches the node's proxy.
void
LegitB(uint8_t flags, uint32_t seq, uint32_t length, const char* what)
{
    Bed& b = TestBed();
    Ptr<Packet> p = Segment(B_CLIENT_PORT, 80, seq, 1, flags, WINDOW, length);
    const Seen& s = Feed(IpHeader(B_CLIENT, B_ORIGIN, TCP, p->GetSize(), 1), p, b.insideDev);
    FUZZ_CHECK(s.local && s.header.GetDestination() == NODE_INSIDE && s.dport == PROXY_PORT
                   && s.header.GetSource() == B_CLIENT && s.sport == B_CLIENT_PORT,
               std::string("connection B, ") + what + ": not redirected to 10.0.0.1:3128");
}

void
CheckBounds(const std::string& after)
{
    Bed& b = TestBed();
    FUZZ_CHECK(b.firewall->GetNEntries() <= FW_ENTRIES,
               after + ": " + std::to_string(b.firewall->GetNEntries())
                   + " firewall flows, limit 16");
    FUZZ_CHECK(b.firewall->GetNHalfOpen() <= b.firewall->GetNEntries(),
               after + ": more half-open flows than flows");
    FUZZ_CHECK(b.interceptor->GetNEntries() <= TI_ENTRIES,
               after + ": " + std::to_string(b.interceptor->GetNEntries())
                   + " intercepted connections, limit 8");
}

/// A flow as this target saw it pass: (initiator, responder, ports, protocol).
using Flow = std::tuple<uint32_t, uint32_t, uint16_t, uint16_t, uint8_t>;

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Bed& b = TestBed();
    b.firewall->Flush();
    b.interceptor->Flush();

    LegitA(true, TcpHeader::SYN, A_CLIENT_ISN, 0, 0, "SYN");
    LegitA(false, TcpHeader::SYN | TcpHeader::ACK, A_SERVER_ISN, A_CLIENT_ISN + 1, 0, "SYN-ACK");
    LegitA(true, TcpHeader::ACK, A_CLIENT_ISN + 1, A_SERVER_ISN + 1, 10, "request");
    LegitA(false, TcpHeader::ACK, A_SERVER_ISN + 1, A_CLIENT_ISN + 11, 20, "response");
    LegitA(true, TcpHeader::ACK, A_CLIENT_ISN + 11, A_SERVER_ISN + 21, 0, "ACK");
    uint32_t aClientNext = A_CLIENT_ISN + 11;
    uint32_t aServerNext = A_SERVER_ISN + 21;
    LegitB(TcpHeader::SYN, B_CLIENT_ISN, 0, "SYN");
    LegitB(TcpHeader::ACK, B_CLIENT_ISN + 1, 10, "request");
    uint32_t bClientNext = B_CLIENT_ISN + 11;
    CheckBounds("the legitimate connections");

    std::set<Flow> opened
        = {Flow{A_CLIENT.Get(), A_SERVER.Get(), A_CLIENT_PORT, A_SERVER_PORT, TCP},
           Flow{B_CLIENT.Get(), B_ORIGIN.Get(), B_CLIENT_PORT, 80, TCP}};
    bool entitled = false;
    int64_t advancedMs = 0;
    Input in{data, size};
    uint32_t record = 0;
    while (in.pos < in.size && record < 256)
    {
        ++record;
        const std::string after = "record " + std::to_string(record);
        const uint8_t kind = in.U8() % 4;
        if (kind == 3)
        {
            const int64_t ms = std::min<int64_t>(in.U8() * 100, 500000 - advancedMs);
            advancedMs += ms;
            Simulator::Stop(MilliSeconds(ms));
            Simulator::Run();
            CheckBounds(after);
            continue;
        }
        const uint8_t sel = in.U8();
        const uint8_t hosts[2] = {in.U8(), in.U8()};
        const uint32_t net = (sel & 0x80) ? 0x0A000000 : 0xC0000200; // 10.0.0/24 or 192.0.2/24
        const Ipv4Address sources[4] = {A_CLIENT, A_SERVER, B_CLIENT, Ipv4Address(net | hosts[0])};
        const Ipv4Address targets[4] = {A_SERVER, A_CLIENT, Ipv4Address(net | hosts[1]), PUBLISHED};
        const Ipv4Address src = sources[sel & 3];
        const Ipv4Address dst = targets[(sel >> 2) & 3];
        uint16_t sport = in.U16();
        uint16_t dport = in.U16();
        if (sel & 0x20)
        {
            if (src == A_SERVER)
            {
                sport = A_SERVER_PORT;
                dport = A_CLIENT_PORT;
            }
            else if (src == B_CLIENT)
            {
                sport = B_CLIENT_PORT;
                dport = 80;
            }
            else
            {
                sport = A_CLIENT_PORT;
                dport = A_SERVER_PORT;
            }
        }
        const uint32_t seq = in.U32();
        const uint32_t ack = in.U32();
        const uint8_t flags = in.U8();
        const uint16_t window = in.U16();
        const uint8_t id = in.U8();
        const uint8_t length = in.U8();
        const bool inside = sel & 0x40;

        Ptr<Packet> p;
        uint8_t protocol = TCP;
        // What the hooks will read as the transport header.
        bool portsSeen = false;
        uint16_t tSport = sport;
        uint16_t tDport = dport;
        uint32_t tSeq = seq;
        uint32_t tAck = ack;
        uint8_t tFlags = flags;
        uint32_t tLength = length;
        if (kind == 0)
        {
            p = Segment(sport, dport, seq, ack, flags, window, length);
            portsSeen = true;
        }
        else
        {
            const size_t n = std::min<size_t>(length, in.size - in.pos);
            const uint8_t* t = in.data + in.pos;
            p = Create<Packet>(t, n);
            in.pos += n;
            if (kind == 1)
            {
                protocol = hosts[1] % 3 == 0 ? UDP : (hosts[1] % 3 == 1 ? TCP : hosts[0]);
                if (protocol == UDP && n >= 8)
                {
                    tSport = (t[0] << 8) | t[1];
                    tDport = (t[2] << 8) | t[3];
                    portsSeen = true;
                }
                if (protocol == TCP && n >= 20)
                {
                    const RawTcp r = ReadRawTcp(t, n);
                    tSport = r.sport;
                    tDport = r.dport;
                    tSeq = r.seq;
                    tAck = r.ack;
                    tFlags = r.flags;
                    tLength = r.length;
                    portsSeen = true;
                }
            }
        }
        Ipv4Header h = IpHeader(src, dst, protocol, p->GetSize(), id);
        if (sel & 0x10)
        {
            h.SetMoreFragments();
        }
        else
        {
            h.SetLastFragment();
        }
        const bool laterFragment = kind == 2;
        if (laterFragment)
        {
            h.SetFragmentOffset(LaterFragmentOffset(sport));
            portsSeen = false;
        }
        const bool tcpSeen = portsSeen && protocol == TCP;
        if (tcpSeen && !entitled)
        {
            const bool fromClient = src == A_CLIENT && tSport == A_CLIENT_PORT && dst == A_SERVER
                                 && tDport == A_SERVER_PORT;
            const bool fromServer = src == A_SERVER && tSport == A_SERVER_PORT && dst == A_CLIENT
                                 && tDport == A_CLIENT_PORT;
            if (fromClient || fromServer)
            {
                const uint32_t next = fromClient ? aClientNext : aServerNext;
                const uint32_t peerNext = fromClient ? aServerNext : aClientNext;
                entitled = MayChangeConnection(tFlags, tSeq, tLength, next, WINDOW, tAck, peerNext);
            }
        }

        const Seen& s = Feed(h, p, inside ? b.insideDev : b.outsideDev);
        const Flow flow{src.Get(), dst.Get(), tSport, tDport, protocol};
        const Flow reverse{dst.Get(), src.Get(), tDport, tSport, protocol};
        if (s.Passed())
        {
            FUZZ_CHECK(!laterFragment, after + ": a later fragment passed");
            if (!inside)
            {
                FUZZ_CHECK((tcpSeen && dst == PUBLISHED && tDport == 80)
                               || (portsSeen && (opened.count(flow) || opened.count(reverse))),
                           after + ": an inbound packet passed without a rule or an opened flow");
            }
            const bool redirected = s.header.GetDestination() != dst;
            if (redirected)
            {
                // To the node's address on the interface where the connection's SYN arrived.
                FUZZ_CHECK(s.local && tcpSeen && tDport == 80
                               && (s.header.GetDestination() == NODE_INSIDE
                                   || s.header.GetDestination() == Ipv4Address("192.0.2.1"))
                               && s.dport == PROXY_PORT,
                           after + ": rewritten other than port 80 to the proxy");
            }
            else
            {
                FUZZ_CHECK(s.header.GetSource() == src, after + ": source rewritten");
            }
            if (portsSeen && opened.size() < 4096)
            {
                opened.insert(flow);
            }
        }
        CheckBounds(after);
    }

    // B: still redirected, whatever arrived.
    LegitB(TcpHeader::ACK, bClientNext, 5, "request after the attack");
    if (!entitled)
    {
        // A: still tracked, both ways.
        LegitA(true, TcpHeader::ACK, aClientNext, aServerNext, 5, "request after the attack");
        aClientNext += 5;
        LegitA(false, TcpHeader::ACK, aServerNext, aClientNext, 7, "response after the attack");
    }
    CheckBounds("after the attack");
    return 0;
}
