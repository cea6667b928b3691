/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "transport-fields.h"

#include "ns3/packet.h"
#include "ns3/tcp-header-check.h"
#include "ns3/tcp-option-winscale.h"
#include "ns3/udp-header.h"

namespace ns3
{

TransportFields
TransportFields::Read(Ptr<const Packet> p, uint8_t protocol)
{
    TransportFields r;
    if (protocol == 6)
    {
        if (!TcpHeaderCheck::IsReadable(p))
        {
            return r; // a truncated or bogus header (ns-3 would abort reading it): no ports
        }
        p->PeekHeader(r.tcp);
        r.present = true;
        r.source = r.tcp.GetSourcePort();
        r.dest = r.tcp.GetDestinationPort();
        r.length = p->GetSize() - r.tcp.GetSerializedSize();
    }
    else if (protocol == 17 && p->GetSize() >= 8)
    {
        UdpHeader u;
        p->PeekHeader(u);
        r.present = true;
        r.source = u.GetSourcePort();
        r.dest = u.GetDestinationPort();
    }
    return r;
}

bool
TransportFields::IsOpeningSyn() const
{
    const uint8_t f = tcp.GetFlags();
    return present && (f & TcpHeader::SYN)
        && !(f & (TcpHeader::ACK | TcpHeader::RST | TcpHeader::FIN));
}

TcpStateTracker::Segment
TransportFields::ToSegment() const
{
    TcpStateTracker::Segment s;
    s.flags = tcp.GetFlags();
    s.seq = tcp.GetSequenceNumber().GetValue();
    s.ack = tcp.GetAckNumber().GetValue();
    s.length = length;
    s.window = tcp.GetWindowSize();
    if (s.flags & TcpHeader::SYN)
    {
        if (Ptr<const TcpOptionWinScale> ws
            = DynamicCast<const TcpOptionWinScale>(tcp.GetOption(TcpOption::WINSCALE)))
        {
            s.wscale = ws->GetScale();
        }
    }
    return s;
}

} // namespace ns3
