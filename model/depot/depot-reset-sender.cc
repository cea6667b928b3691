/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-reset-sender.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"

#include <algorithm>

namespace ns3
{

namespace
{
constexpr uint8_t TCP_PROTOCOL = 6;
} // namespace

void
DepotResetSender::Start(Ptr<Ipv4> ipv4)
{
    m_ipv4 = ipv4;
}

void
DepotResetSender::Dispose()
{
    m_ipv4 = nullptr;
}

void
DepotResetSender::Answer(const Ipv4Header& ip, const TcpHeader& tcp, uint32_t length)
{
    if (tcp.GetFlags() & TcpHeader::ACK)
    {
        Send(ip.GetDestination(),
             tcp.GetDestinationPort(),
             ip.GetSource(),
             tcp.GetSourcePort(),
             tcp.GetAckNumber(),
             nullptr);
        return;
    }
    const uint32_t span = length + ((tcp.GetFlags() & TcpHeader::SYN) ? 1 : 0)
                        + ((tcp.GetFlags() & TcpHeader::FIN) ? 1 : 0);
    const SequenceNumber32 ack = tcp.GetSequenceNumber() + span;
    Send(ip.GetDestination(),
         tcp.GetDestinationPort(),
         ip.GetSource(),
         tcp.GetSourcePort(),
         SequenceNumber32(0),
         &ack);
}

void
DepotResetSender::Send(Ipv4Address from,
                       uint16_t fromPort,
                       Ipv4Address to,
                       uint16_t toPort,
                       SequenceNumber32 seq,
                       const SequenceNumber32* ack)
{
    TcpHeader rst;
    rst.SetSourcePort(fromPort);
    rst.SetDestinationPort(toPort);
    rst.SetSequenceNumber(seq);
    rst.SetFlags(TcpHeader::RST);
    if (ack)
    {
        rst.SetAckNumber(*ack);
        rst.SetFlags(TcpHeader::RST | TcpHeader::ACK);
    }
    ++m_sent;
    Emit(rst, from, to);
}

void
DepotResetSender::Challenge(Ipv4Address from,
                            uint16_t fromPort,
                            Ipv4Address to,
                            uint16_t toPort,
                            SequenceNumber32 seq,
                            SequenceNumber32 ack,
                            uint16_t window)
{
    TcpHeader tcp;
    tcp.SetSourcePort(fromPort);
    tcp.SetDestinationPort(toPort);
    tcp.SetSequenceNumber(seq);
    tcp.SetAckNumber(ack);
    tcp.SetFlags(TcpHeader::ACK);
    tcp.SetWindowSize(window);
    ++m_challenges;
    Emit(tcp, from, to);
}

void
DepotResetSender::Challenge(const DepotSession& s, bool rstFromClient)
{
    // The end that received the RST speaks: its next sequence number, its last ACK, its window.
    const TcpStateTracker::End& end = s.ends[rstFromClient ? 1 : 0];
    const TcpStateTracker::End& peer = s.ends[rstFromClient ? 0 : 1];
    const bool scaled
        = (end.flags & TcpStateTracker::HAS_WSCALE) && (peer.flags & TcpStateTracker::HAS_WSCALE);
    const uint16_t window = std::min<uint32_t>(end.maxWin >> (scaled ? end.wscale : 0), 65535);
    if (rstFromClient)
    {
        Challenge(Ipv4Address(s.vip),
                  s.virtualPort,
                  Ipv4Address(s.client),
                  s.clientPort,
                  SequenceNumber32(end.sndEnd),
                  SequenceNumber32(end.ack),
                  window);
    }
    else
    {
        Challenge(Ipv4Address(s.client),
                  s.clientPort,
                  Ipv4Address(s.proxy),
                  s.proxyPort,
                  SequenceNumber32(end.sndEnd),
                  SequenceNumber32(end.ack),
                  window);
    }
}

void
DepotResetSender::ResetHalfOpen(const DepotSession& s)
{
    Send(Ipv4Address(s.client),
         s.clientPort,
         Ipv4Address(s.proxy),
         s.proxyPort,
         SequenceNumber32(s.ends[0].sndEnd),
         nullptr);
}

void
DepotResetSender::ResetClient(const DepotSession& s)
{
    if (s.ends[0].state != TcpStateTracker::CLOSED && s.ends[0].state != TcpStateTracker::TIME_WAIT
        && (s.ends[1].flags & TcpStateTracker::SEEN))
    {
        Send(Ipv4Address(s.vip),
             s.virtualPort,
             Ipv4Address(s.client),
             s.clientPort,
             SequenceNumber32(s.ends[1].sndEnd),
             nullptr);
    }
}

void
DepotResetSender::ResetOrphan(const Ipv4Header& ip,
                              const TcpHeader& tcp,
                              Ipv4Address vip,
                              const std::set<uint16_t>& services,
                              bool resetClient)
{
    Send(ip.GetDestination(),
         tcp.GetDestinationPort(),
         ip.GetSource(),
         tcp.GetSourcePort(),
         tcp.GetAckNumber(),
         nullptr);
    if (resetClient && services.size() == 1)
    {
        Send(vip,
             *services.begin(),
             ip.GetDestination(),
             tcp.GetDestinationPort(),
             tcp.GetSequenceNumber(),
             nullptr);
    }
}

void
DepotResetSender::Emit(TcpHeader& tcp, Ipv4Address from, Ipv4Address to)
{
    if (Node::ChecksumEnabled())
    {
        tcp.EnableChecksums();
        tcp.InitializeChecksum(from, to, TCP_PROTOCOL);
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(tcp);
    m_ipv4->Send(p, from, to, TCP_PROTOCOL, nullptr);
}

uint64_t
DepotResetSender::GetCount() const
{
    return m_sent;
}

uint64_t
DepotResetSender::GetChallengeCount() const
{
    return m_challenges;
}

} // namespace ns3
