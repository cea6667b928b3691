/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-reset-sender.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"

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
    if (Node::ChecksumEnabled())
    {
        rst.EnableChecksums();
        rst.InitializeChecksum(from, to, TCP_PROTOCOL);
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(rst);
    ++m_sent;
    m_ipv4->Send(p, from, to, TCP_PROTOCOL, nullptr);
}

uint64_t
DepotResetSender::GetCount() const
{
    return m_sent;
}

} // namespace ns3
