/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fast-demux-tcp-l4-protocol.h"

#include "private-member-access.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-end-point-demux.h"
#include "ns3/ipv4-end-point.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/log.h"
#include "ns3/tcp-header.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FastDemuxTcpL4Protocol");
NS_OBJECT_ENSURE_REGISTERED(FastDemuxTcpL4Protocol);

namespace
{

/*
 * ns-3 offers no way to walk a node's TCP endpoints without copying the list
 * (Ipv4EndPointDemux::GetAllEndPoints), which would cost more than the lookup it replaces.
 * PrivateMemberAccess gives this file the two members it needs: TcpL4Protocol::m_endPoints and
 * the demux's list. Both have had these names and types in every release since 3.8 (checked
 * up to ns-3-dev of 2026).
 */
struct TcpDemuxTag
{
    using Type = Ipv4EndPointDemux* TcpL4Protocol::*;
    friend Type Get(TcpDemuxTag);
};

struct DemuxListTag
{
    using Type = Ipv4EndPointDemux::EndPoints Ipv4EndPointDemux::*;
    friend Type Get(DemuxListTag);
};

template struct PrivateMemberAccess<TcpDemuxTag, &TcpL4Protocol::m_endPoints>;
template struct PrivateMemberAccess<DemuxListTag, &Ipv4EndPointDemux::m_endPoints>;

} // namespace

TypeId
FastDemuxTcpL4Protocol::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::FastDemuxTcpL4Protocol")
              .SetParent<TcpL4Protocol>()
              .SetGroupName("WebProxy")
              .AddConstructor<FastDemuxTcpL4Protocol>()
              .AddAttribute("ExactMatch",
                            "Deliver segments of established connections by an exact four-tuple "
                            "match before ns-3's lookup (false: ns-3's lookup only).",
                            BooleanValue(true),
                            MakeBooleanAccessor(&FastDemuxTcpL4Protocol::m_enabled),
                            MakeBooleanChecker())
              .AddAttribute("FrontWindow",
                            "An endpoint found further than this many steps into the node's "
                            "endpoint list moves to its front.",
                            UintegerValue(8),
                            MakeUintegerAccessor(&FastDemuxTcpL4Protocol::m_frontWindow),
                            MakeUintegerChecker<uint32_t>());
    return tid;
}

FastDemuxTcpL4Protocol::FastDemuxTcpL4Protocol()
{
    NS_LOG_FUNCTION(this);
}

Ipv4EndPoint*
FastDemuxTcpL4Protocol::FindExact(
    Ipv4Address daddr, uint16_t dport, Ipv4Address saddr, uint16_t sport, Ptr<NetDevice> device)
{
    Ipv4EndPointDemux::EndPoints& list = this->*Get(TcpDemuxTag())->*Get(DemuxListTag());
    auto matches = [&](Ipv4EndPoint* e)
    {
        if (e->GetPeerPort() != sport || e->GetLocalPort() != dport || e->GetPeerAddress() != saddr
            || e->GetLocalAddress() != daddr || !e->IsRxEnabled())
        {
            return false;
        }
        Ptr<NetDevice> bound = e->GetBoundNetDevice();
        return !bound || bound == device;
    };
    // From both ends at once: the connections that are sending sit at the front (moved there),
    // a connection just opened at the back (ns-3 appends new endpoints), and the idle ones
    // (persistent connections, TIME_WAIT) sink between them. A new connection's first
    // segments are found after a step or two instead of after every idle endpoint.
    auto front = list.begin();
    auto back = list.end();
    for (uint32_t steps = 0; front != back; ++steps)
    {
        if (matches(*front))
        {
            Ipv4EndPoint* e = *front;
            if (steps > m_frontWindow)
            {
                list.splice(list.begin(), list, front);
            }
            return e;
        }
        ++front;
        if (front == back)
        {
            break;
        }
        --back;
        if (matches(*back))
        {
            Ipv4EndPoint* e = *back;
            list.splice(list.begin(), list, back);
            return e;
        }
    }
    return nullptr;
}

enum IpL4Protocol::RxStatus
FastDemuxTcpL4Protocol::Receive(Ptr<Packet> packet,
                                const Ipv4Header& incomingIpHeader,
                                Ptr<Ipv4Interface> incomingInterface)
{
    if (!m_enabled)
    {
        return TcpL4Protocol::Receive(packet, incomingIpHeader, incomingInterface);
    }
    TcpHeader tcp;
    const IpL4Protocol::RxStatus status = PacketReceived(
        packet, tcp, incomingIpHeader.GetSource(), incomingIpHeader.GetDestination());
    if (status != IpL4Protocol::RX_OK)
    {
        return status;
    }
    // A connection request (SYN without ACK) is for a listening socket, which only ns-3's
    // lookup finds; it would otherwise be looked for twice through every endpoint. If an
    // endpoint of its exact four-tuple exists (a retransmitted SYN), ns-3's lookup prefers it
    // too.
    if ((tcp.GetFlags() & (TcpHeader::SYN | TcpHeader::ACK)) == TcpHeader::SYN)
    {
        ++m_fallbacks;
        return TcpL4Protocol::Receive(packet, incomingIpHeader, incomingInterface);
    }
    Ipv4EndPoint* e = FindExact(incomingIpHeader.GetDestination(),
                                tcp.GetDestinationPort(),
                                incomingIpHeader.GetSource(),
                                tcp.GetSourcePort(),
                                incomingInterface ? incomingInterface->GetDevice() : nullptr);
    if (!e)
    {
        ++m_fallbacks;
        return TcpL4Protocol::Receive(packet, incomingIpHeader, incomingInterface);
    }
    ++m_exact;
    e->ForwardUp(packet, incomingIpHeader, tcp.GetSourcePort(), incomingInterface);
    return IpL4Protocol::RX_OK;
}

uint64_t
FastDemuxTcpL4Protocol::GetExactMatches() const
{
    return m_exact;
}

uint64_t
FastDemuxTcpL4Protocol::GetFallbacks() const
{
    return m_fallbacks;
}

} // namespace ns3
