/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What the packet-level fuzz targets (depot-packets, edge-packets) share: a static ns-3 node's
 * devices, an IPv4 header, a segment, one datagram fed straight into the node's
 * PacketHookRouting::RouteInput with the target's own callbacks recording its fate, and the
 * input reader. No simulation runs per datagram.
 */
#ifndef WEB_PROXY_PACKET_FUZZ_BED_H
#define WEB_PROXY_PACKET_FUZZ_BED_H

#include "ns3/boolean.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/packet-hook-routing.h"
#include "ns3/packet.h"
#include "ns3/simple-channel.h"
#include "ns3/simple-net-device.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-winscale.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace fuzzbed
{

using namespace ns3;

/// What routing did with the last datagram fed.
struct Seen
{
    bool forwarded{false}; //!< the unicast forward callback was called
    bool local{false};     //!< the local delivery callback was called
    Ipv4Header header;     //!< its IP header as routed (rewritten by the hooks)
    uint16_t sport{0};     //!< its TCP/UDP source port
    uint16_t dport{0};     //!< its TCP/UDP destination port

    /// \return whether the datagram passed the hooks
    bool Passed() const
    {
        return forwarded || local;
    }
};

/// \return the fate of the last datagram fed
inline Seen&
LastSeen()
{
    static Seen s;
    return s;
}

inline void
Note(Ptr<const Packet> p, const Ipv4Header& h)
{
    Seen& s = LastSeen();
    s.header = h;
    uint8_t b[4] = {0, 0, 0, 0};
    p->CopyData(b, sizeof(b));
    s.sport = (b[0] << 8) | b[1];
    s.dport = (b[2] << 8) | b[3];
}

inline void
Forward(Ptr<Ipv4Route>, Ptr<const Packet> p, const Ipv4Header& h)
{
    LastSeen().forwarded = true;
    Note(p, h);
}

inline void
Multicast(Ptr<Ipv4MulticastRoute>, Ptr<const Packet>, const Ipv4Header&)
{}

inline void
Local(Ptr<const Packet> p, const Ipv4Header& h, uint32_t)
{
    LastSeen().local = true;
    Note(p, h);
}

inline void
Error(Ptr<const Packet>, const Ipv4Header&, Socket::SocketErrno)
{}

/**
 * Add a point-to-point SimpleNetDevice with an address in a /24 to a node with an Ipv4. No
 * ARP: the RSTs, challenge ACKs and ICMP errors the node sends leave without an ARP cache
 * entry per spoofed address; the device's queue bounds what waits for simulated time.
 * \param node the node \param address its address on the device \return the device
 */
inline Ptr<NetDevice>
AddDevice(Ptr<Node> node, const char* address)
{
    Ptr<SimpleNetDevice> d = CreateObject<SimpleNetDevice>();
    d->SetAddress(Mac48Address::Allocate());
    d->SetAttribute("PointToPointMode", BooleanValue(true));
    d->SetChannel(CreateObject<SimpleChannel>());
    node->AddDevice(d);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    const int32_t i = ipv4->AddInterface(d);
    ipv4->AddAddress(i, Ipv4InterfaceAddress(Ipv4Address(address), Ipv4Mask("255.255.255.0")));
    ipv4->SetUp(i);
    return d;
}

/// \return an IPv4 header (TTL 64) \param src source \param dst destination \param protocol
/// its protocol \param payload payload bytes \param id identification
inline Ipv4Header
IpHeader(Ipv4Address src, Ipv4Address dst, uint8_t protocol, uint32_t payload, uint16_t id)
{
    Ipv4Header h;
    h.SetSource(src);
    h.SetDestination(dst);
    h.SetProtocol(protocol);
    h.SetTtl(64);
    h.SetPayloadSize(payload);
    h.SetIdentification(id);
    return h;
}

/// \return a TCP segment with length zero bytes of payload \param sport source port \param
/// dport destination port \param seq sequence number \param ack acknowledgement number
/// \param flags TCP flags \param window window field \param length payload bytes
/// \param wscale a window scale option's shift (-1: no option)
inline Ptr<Packet>
Segment(uint16_t sport,
        uint16_t dport,
        uint32_t seq,
        uint32_t ack,
        uint8_t flags,
        uint16_t window,
        uint32_t length,
        int wscale = -1)
{
    TcpHeader tcp;
    tcp.SetSourcePort(sport);
    tcp.SetDestinationPort(dport);
    tcp.SetSequenceNumber(SequenceNumber32(seq));
    tcp.SetAckNumber(SequenceNumber32(ack));
    tcp.SetFlags(flags);
    tcp.SetWindowSize(window);
    if (wscale >= 0)
    {
        Ptr<TcpOptionWinScale> ws = CreateObject<TcpOptionWinScale>();
        ws->SetScale(uint8_t(wscale));
        tcp.AppendOption(ws);
    }
    Ptr<Packet> p = Create<Packet>(length);
    p->AddHeader(tcp);
    return p;
}

/**
 * Feed one IP datagram in from a device.
 * \param routing the node's hook \param h its IP header \param payload the rest
 * \param dev the device it arrived on \return what routing did with it
 */
inline const Seen&
Feed(Ptr<PacketHookRouting> routing, const Ipv4Header& h, Ptr<Packet> payload, Ptr<NetDevice> dev)
{
    // Made once: an ns-3 Callback allocates.
    static const Ipv4RoutingProtocol::UnicastForwardCallback ucb = MakeCallback(&Forward);
    static const Ipv4RoutingProtocol::MulticastForwardCallback mcb = MakeCallback(&Multicast);
    static const Ipv4RoutingProtocol::LocalDeliverCallback lcb = MakeCallback(&Local);
    static const Ipv4RoutingProtocol::ErrorCallback ecb = MakeCallback(&Error);
    LastSeen() = Seen();
    routing->RouteInput(payload, h, dev, ucb, mcb, lcb, ecb);
    return LastSeen();
}

/// \return the fragment offset (bytes) of a "later fragment" record \param field the record's
/// offset field, in 8-byte units: 0 is read as 1, since at offset 0 the datagram would be a
/// first fragment or a whole one, whose payload a hook reads as a transport header
inline uint16_t
LaterFragmentOffset(uint16_t field)
{
    return std::max<uint16_t>(field & 0x1fff, 1) * 8;
}

/// \return whether a <= b in sequence space \param a a sequence number \param b another
inline bool
SeqLe(uint32_t a, uint32_t b)
{
    return static_cast<int32_t>(a - b) <= 0;
}

/// The TCP header fields a hook will read from raw bytes sent as a segment.
struct RawTcp
{
    uint16_t sport{0};  //!< source port
    uint16_t dport{0};  //!< destination port
    uint32_t seq{0};    //!< sequence number
    uint32_t ack{0};    //!< acknowledgement number
    uint8_t flags{0};   //!< flags
    uint32_t length{0}; //!< payload bytes after the data offset (0 when it runs past the end)
};

/// \return the fields of a 20-byte TCP header at t \param t at least 20 bytes \param n
/// the segment's length
inline RawTcp
ReadRawTcp(const uint8_t* t, size_t n)
{
    RawTcp r;
    r.sport = (t[0] << 8) | t[1];
    r.dport = (t[2] << 8) | t[3];
    r.seq = (uint32_t(t[4]) << 24) | (uint32_t(t[5]) << 16) | (t[6] << 8) | t[7];
    r.ack = (uint32_t(t[8]) << 24) | (uint32_t(t[9]) << 16) | (t[10] << 8) | t[11];
    r.flags = t[13];
    const uint32_t offset = (t[12] >> 4) * 4;
    r.length = n > offset ? n - offset : 0;
    return r;
}

/**
 * Whether a segment of a connection's exact 4-tuple entitles the receiver to change the
 * connection (RFC 793 with RFC 5961): a RST exactly at the sender's next sequence number, or
 * a segment without SYN and RST that overlaps the receiver's window and, if it carries ACK,
 * acknowledges nothing the receiver has not sent (section 5: SEG.ACK <= SND.NXT). A SYN never
 * does (section 4: challenge ACK), nor a RST anywhere else (section 3).
 * \param flags its flags \param seq its sequence number \param length its payload bytes
 * \param next the sender's next sequence number (the receiver's RCV.NXT)
 * \param window the receiver's window, either side of next
 * \param ack its acknowledgement number
 * \param peerNext the receiver's next sequence number (its SND.NXT)
 * \return whether the connection may change
 */
inline bool
MayChangeConnection(uint8_t flags,
                    uint32_t seq,
                    uint32_t length,
                    uint32_t next,
                    uint32_t window,
                    uint32_t ack,
                    uint32_t peerNext)
{
    if (flags & TcpHeader::RST)
    {
        return seq == next;
    }
    if (flags & TcpHeader::SYN)
    {
        return false;
    }
    if ((flags & TcpHeader::ACK) && !SeqLe(ack, peerNext))
    {
        return false;
    }
    return SeqLe(seq, next + window) && SeqLe(next - window, seq + length);
}

/// Reader of the input: zeros past its end.
struct Input
{
    const uint8_t* data; //!< the input
    size_t size;         //!< its length
    size_t pos{0};       //!< bytes read

    /// \return the next byte
    uint8_t U8()
    {
        return pos < size ? data[pos++] : 0;
    }

    /// \return the next two bytes, big-endian
    uint16_t U16()
    {
        const uint16_t hi = U8();
        return (hi << 8) | U8();
    }

    /// \return the next four bytes, big-endian
    uint32_t U32()
    {
        const uint32_t hi = U16();
        return (hi << 16) | U16();
    }
};

} // namespace fuzzbed

/// AddressSanitizer without allocation stacks: recording them for every ns-3 packet, header
/// and callback took 14% of the time (a crash still prints where it happened; reproduce with
/// ASAN_OPTIONS=malloc_context_size=30 for the allocation's stack).
extern "C" const char*
__asan_default_options()
{
    return "malloc_context_size=0";
}

#endif // WEB_PROXY_PACKET_FUZZ_BED_H
