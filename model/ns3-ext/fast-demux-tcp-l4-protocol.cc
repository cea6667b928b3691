/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fast-demux-tcp-l4-protocol.h"

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
 * An explicit template instantiation may name private members ([temp.spec.general]/6), which
 * gives this file the two it needs: TcpL4Protocol::m_endPoints and the demux's list. Both have
 * had these names and types in every release since 3.8 (checked up to ns-3-dev of 2026); if
 * one changes, this file stops compiling rather than misbehaving.
 */
template <typename Tag, typename Tag::Type Member>
struct PrivateAccess
{
    friend typename Tag::Type Get(Tag)
    {
        return Member;
    }
};

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

template struct PrivateAccess<TcpDemuxTag, &TcpL4Protocol::m_endPoints>;
template struct PrivateAccess<DemuxListTag, &Ipv4EndPointDemux::m_endPoints>;

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
    uint32_t steps = 0;
    for (auto it = list.begin(); it != list.end(); ++it, ++steps)
    {
        Ipv4EndPoint* e = *it;
        // Cheapest tests first: most endpoints of a busy node differ in a port.
        if (e->GetPeerPort() != sport || e->GetLocalPort() != dport || e->GetPeerAddress() != saddr
            || e->GetLocalAddress() != daddr || !e->IsRxEnabled())
        {
            continue;
        }
        Ptr<NetDevice> bound = e->GetBoundNetDevice();
        if (bound && bound != device)
        {
            continue;
        }
        if (steps > m_frontWindow)
        {
            // splice keeps every element (and pointers to it) valid.
            list.splice(list.begin(), list, it);
        }
        return e;
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
