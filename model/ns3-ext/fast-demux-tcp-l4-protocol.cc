/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fast-demux-tcp-l4-protocol.h"

#include "ipv4-end-point-search.h"
#include "private-member-access.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-end-point-demux.h"
#include "ns3/ipv4-end-point.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4-interface.h"
#include "ns3/log.h"
#include "ns3/tcp-header.h"
#include "ns3/uinteger.h"

#include <iterator>

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
                            "Deliver segments by an exact four-tuple match, and connection "
                            "requests by ns-3's lookup rules in one walk (false: ns-3's lookup "
                            "only).",
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
    const Ipv4EndPointSearch::Segment segment{incomingIpHeader.GetDestination(),
                                              tcp.GetDestinationPort(),
                                              incomingIpHeader.GetSource(),
                                              tcp.GetSourcePort()};
    Ipv4EndPointDemux::EndPoints& list = this->*Get(TcpDemuxTag())->*Get(DemuxListTag());
    Sync(list);
    // A connection request (SYN without ACK) is for a listening socket: the exact search
    // would walk the whole list in vain. If an endpoint of its exact four-tuple exists (a
    // retransmitted SYN), the lookup prefers it, as ns-3's.
    bool connection = m_connections.count(Key(segment)) > 0;
    if ((tcp.GetFlags() & (TcpHeader::SYN | TcpHeader::ACK)) != TcpHeader::SYN && connection)
    {
        Ipv4EndPointSearch::ExactHit hit;
        if (Ipv4EndPointSearch::FindExact(
                list, segment, incomingInterface ? incomingInterface->GetDevice() : nullptr, hit))
        {
            // The connections that are sending sit at the front of the connections (moved
            // there), and the idle ones (persistent connections, TIME_WAIT) sink behind them.
            Ipv4EndPoint* e = *hit.at;
            if (hit.fromBack || hit.steps > m_frontWindow)
            {
                Ipv4EndPointSearch::Segment tuple;
                if (Ipv4EndPointSearch::GetConnection(e, tuple))
                {
                    m_connections.insert(Key(tuple));
                    list.splice(std::next(m_openEnd), list, hit.at);
                }
            }
            ++m_exact;
            e->ForwardUp(packet, incomingIpHeader, tcp.GetSourcePort(), incomingInterface);
            return IpL4Protocol::RX_OK;
        }
    }
    // Connections can only be ns-3's choice for their own four-tuple, or with a subnet's
    // network part as their local address: unless the set may hold one of those, the open
    // endpoints at the front decide.
    for (uint32_t i = 0; incomingInterface && !connection && i < incomingInterface->GetNAddresses();
         ++i)
    {
        const Ipv4InterfaceAddress a = incomingInterface->GetAddress(i);
        const Ipv4Address net = a.GetLocal().CombineMask(a.GetMask());
        connection
            = segment.daddr.CombineMask(a.GetMask()) == net
           && m_connections.count(Key({net, segment.dport, segment.saddr, segment.sport})) > 0;
    }
    const Ipv4EndPointSearch::Choice choice
        = connection
            ? Ipv4EndPointSearch::Lookup(list, segment, incomingInterface)
            : Ipv4EndPointSearch::Lookup(list.begin(), m_openEnd, segment, incomingInterface);
    if (!choice.endPoint)
    {
        // No endpoint (ns-3 answers with a reset, or tries IPv6) or an ambiguous one (ns-3
        // aborts with its message): ns-3's own path.
        ++m_fallbacks;
        return TcpL4Protocol::Receive(packet, incomingIpHeader, incomingInterface);
    }
    ++m_lookups;
    choice.endPoint->ForwardUp(packet, incomingIpHeader, tcp.GetSourcePort(), incomingInterface);
    return IpL4Protocol::RX_OK;
}

FastDemuxTcpL4Protocol::TupleKey
FastDemuxTcpL4Protocol::Key(const Ipv4EndPointSearch::Segment& s)
{
    return {(uint64_t(s.daddr.Get()) << 32) | s.saddr.Get(), (uint32_t(s.dport) << 16) | s.sport};
}

size_t
FastDemuxTcpL4Protocol::TupleHash::operator()(const TupleKey& k) const
{
    // splitmix64's finaliser over both words: four-tuples differ in few bits (ports).
    uint64_t x = k.addresses ^ (uint64_t(k.ports) * 0x9e3779b97f4a7c15ULL);
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return size_t(x ^ (x >> 31));
}

void
FastDemuxTcpL4Protocol::Sync(Ipv4EndPointDemux::EndPoints& list)
{
    if (!m_markers)
    {
        // Two inert endpoints of ns-3's own type (port 0, receiving disabled: no lookup,
        // allocation or port search of ns-3's ever matches them), owned by the list from now
        // on (the demux deletes them with the rest). Everything ns-3 allocated so far is new.
        for (int i = 0; i < 2; ++i)
        {
            auto* marker = new Ipv4EndPoint(Ipv4Address::GetAny(), 0);
            marker->SetRxEnabled(false);
            list.push_front(marker);
        }
        m_openEnd = list.begin();
        m_knownEnd = std::next(list.begin());
        m_markers = true;
    }
    if (m_connections.size() > 2 * list.size() + 64)
    {
        // The set keeps the four-tuples of connections ns-3 has since deleted (it cannot
        // tell us): start again from the connections in the list, and the set stays within
        // twice the list.
        m_connections.clear();
        list.splice(std::next(m_openEnd), list, m_knownEnd);
    }
    // ns-3 appends the endpoints it allocates: those behind the second marker are new.
    auto it = std::next(m_knownEnd);
    while (it != list.end())
    {
        const auto next = std::next(it);
        Ipv4EndPointSearch::Segment tuple;
        if (Ipv4EndPointSearch::GetConnection(*it, tuple))
        {
            m_connections.insert(Key(tuple));
        }
        else
        {
            list.splice(m_openEnd, list, it);
        }
        it = next;
    }
    list.splice(list.end(), list, m_knownEnd);
}

uint64_t
FastDemuxTcpL4Protocol::GetExactMatches() const
{
    return m_exact;
}

uint64_t
FastDemuxTcpL4Protocol::GetLookups() const
{
    return m_lookups;
}

uint64_t
FastDemuxTcpL4Protocol::GetFallbacks() const
{
    return m_fallbacks;
}

} // namespace ns3
