/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-flow-tracker.h"

#include "depot-flow-tag.h"

#include "ns3/depot.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DepotFlowTracker");
NS_OBJECT_ENSURE_REGISTERED(DepotFlowTracker);

namespace
{
constexpr uint8_t TCP_PROTOCOL = 6;
} // namespace

TypeId
DepotFlowTracker::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::DepotFlowTracker")
              .SetParent<Object>()
              .SetGroupName("WebProxy")
              .AddConstructor<DepotFlowTracker>()
              .AddAttribute("MaxInFlight",
                            "Datagrams followed at once at most; more are counted as untracked "
                            "(lost datagrams stay until Settle).",
                            UintegerValue(1000000),
                            MakeUintegerAccessor(&DepotFlowTracker::m_maxInFlight),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("InFlightTime",
                            "At Settle, an unfinished datagram sent less than this long ago is "
                            "under way, an older one lost (FlowMonitor's MaxPerHopDelay).",
                            TimeValue(Seconds(10)),
                            MakeTimeAccessor(&DepotFlowTracker::m_inFlightTime),
                            MakeTimeChecker(Seconds(0)));
    return tid;
}

DepotFlowTracker::DepotFlowTracker() = default;

DepotFlowTracker::~DepotFlowTracker() = default;

void
DepotFlowTracker::Install(const NodeContainer& nodes)
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<Node> node = *it;
        Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
        if (!ipv4 || !m_installed.insert(node->GetId()).second)
        {
            continue;
        }
        // The traces hold the tracker (as FlowMonitor's probes hold the monitor): it lives as
        // long as the nodes, whatever becomes of the helper.
        Ptr<DepotFlowTracker> self(this);
        ipv4->TraceConnectWithoutContext("SendOutgoing",
                                         MakeCallback(&DepotFlowTracker::Sent, self));
        ipv4->TraceConnectWithoutContext("LocalDeliver",
                                         MakeCallback(&DepotFlowTracker::Delivered, self));
        // Only depot nodes end the first half and start the second; which nodes those are may
        // be known only after Attach, so every node's sinks check.
        const uint32_t id = node->GetId();
        ipv4->TraceConnectWithoutContext("Rx",
                                         MakeCallback(&DepotFlowTracker::Received, self).Bind(id));
        ipv4->TraceConnectWithoutContext("UnicastForward",
                                         MakeCallback(&DepotFlowTracker::Forwarded, self).Bind(id));
    }
}

void
DepotFlowTracker::Attach(Ptr<Depot> depot)
{
    NS_ABORT_MSG_IF(!depot || !depot->GetNode(),
                    "DepotFlowTracker::Attach: the depot must be installed on a node");
    AttachedDepot d;
    d.node = depot->GetNode()->GetId();
    Ipv4AddressValue vip;
    depot->GetAttribute("VirtualIp", vip);
    d.vip = vip.Get();
    for (const DepotProxy& p : depot->GetProxies())
    {
        d.pool.emplace_back(p.address, p.port);
        m_proxies.emplace(p.address.Get(), p.port);
    }
    NS_ABORT_MSG_IF(d.pool.empty(),
                    "DepotFlowTracker::Attach: the depot on node " << d.node
                                                                   << " has no proxies yet");
    m_depotNodes.insert(d.node);
    m_vips.insert(d.vip.Get());
    m_depots.push_back(d);
    depot->TraceConnectWithoutContext(
        "SessionOpened",
        MakeCallback(&DepotFlowTracker::Opened, Ptr<DepotFlowTracker>(this))
            .Bind(uint32_t(m_depots.size() - 1)));
}

DepotFlowTracker::Tuple
DepotFlowTracker::TupleOf(const Ipv4Header& header, Ptr<const Packet> payload)
{
    Tuple t;
    t.source = header.GetSource();
    t.destination = header.GetDestination();
    TcpHeader tcp;
    if (header.GetFragmentOffset() == 0 && payload->PeekHeader(tcp) >= 20)
    {
        t.sourcePort = tcp.GetSourcePort();
        t.destinationPort = tcp.GetDestinationPort();
    }
    return t;
}

void
DepotFlowTracker::Sent(const Ipv4Header& header, Ptr<const Packet> payload, uint32_t)
{
    if (header.GetProtocol() != TCP_PROTOCOL || header.GetFragmentOffset() != 0)
    {
        return;
    }
    DepotFlowTag tag;
    if (payload->PeekPacketTag(tag))
    {
        return; // followed already (sent again by a node, e.g. inside a tunnel)
    }
    Tuple t = TupleOf(header, payload);
    const bool request = m_vips.count(t.destination.Get()) != 0;
    const bool reply = m_proxies.count({t.source.Get(), t.sourcePort}) != 0;
    if (!request && !reply)
    {
        return;
    }
    Direction& d = m_directions[t];
    const uint32_t bytes = payload->GetSize() + header.GetSerializedSize();
    ++d.sentPackets;
    d.sentBytes += bytes;
    if (m_inFlight.size() >= m_maxInFlight)
    {
        ++m_untracked;
        ++d.inFlight; // neither delivered nor known lost
        return;
    }
    // The trace hands out the datagram as const; the tag is bookkeeping that travels with it,
    // as FlowMonitor's Ipv4FlowProbe adds its own at the same place.
    const uint64_t id = ++m_lastId;
    ConstCast<Packet>(payload)->AddPacketTag(DepotFlowTag(id));
    m_inFlight[id] = InFlight{&d, bytes, Simulator::Now(), Time(), Time()};
}

void
DepotFlowTracker::Received(uint32_t node, Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t)
{
    if (!m_depotNodes.count(node))
    {
        return;
    }
    DepotFlowTag tag;
    if (!packet->PeekPacketTag(tag))
    {
        return;
    }
    auto it = m_inFlight.find(tag.GetId());
    if (it == m_inFlight.end() || it->second.reachedDepot)
    {
        return; // not followed, or a mirrored copy reaching a standby after the original
    }
    InFlight& f = it->second;
    f.reachedDepot = true;
    f.atDepot = Simulator::Now();
    ++f.direction->atDepotPackets;
    f.direction->atDepotBytes += f.bytes;
    f.direction->toDepotDelay += f.atDepot - f.sent;
}

void
DepotFlowTracker::Forwarded(uint32_t node,
                            const Ipv4Header& header,
                            Ptr<const Packet> payload,
                            uint32_t)
{
    if (!m_depotNodes.count(node))
    {
        return;
    }
    DepotFlowTag tag;
    if (!payload->PeekPacketTag(tag))
    {
        return;
    }
    auto it = m_inFlight.find(tag.GetId());
    if (it == m_inFlight.end() || !it->second.reachedDepot || it->second.leftDepot)
    {
        return;
    }
    InFlight& f = it->second;
    f.leftDepot = true;
    f.forwarded = Simulator::Now();
    ++f.direction->forwardedPackets;
    f.direction->forwardedBytes += f.bytes;
    f.direction->inDepotDelay += f.forwarded - f.atDepot;
    f.direction->rewritten = TupleOf(header, payload);
}

void
DepotFlowTracker::Delivered(const Ipv4Header&, Ptr<const Packet> payload, uint32_t)
{
    DepotFlowTag tag;
    if (!payload->PeekPacketTag(tag))
    {
        return;
    }
    auto it = m_inFlight.find(tag.GetId());
    if (it == m_inFlight.end())
    {
        return;
    }
    InFlight& f = it->second;
    if (!f.leftDepot)
    {
        // Delivered without crossing a depot (to the depot node itself, or routed around it):
        // not half of a switched session.
        ++f.direction->bypassed;
        m_inFlight.erase(it);
        return;
    }
    const Time now = Simulator::Now();
    ++f.direction->deliveredPackets;
    f.direction->deliveredBytes += f.bytes;
    f.direction->fromDepotDelay += now - f.forwarded;
    f.direction->endToEndDelay += now - f.sent;
    m_inFlight.erase(it);
}

void
DepotFlowTracker::Opened(uint32_t depot, Ipv4Address client, uint16_t clientPort, uint32_t proxy)
{
    const AttachedDepot& d = m_depots[depot];
    NS_ASSERT(proxy < d.pool.size());
    const auto& [address, port] = d.pool[proxy];
    Tuple key{client, d.vip, clientPort, 0};
    Session& s = m_sessions[key];
    if (s.mappings == 0)
    {
        s.clientSide = key;
        s.opened = Simulator::Now();
        s.depotNode = d.node;
    }
    else if (d.node != s.depotNode && address == s.proxy && port == s.proxyPort)
    {
        return; // the hot standby opened the mirrored SYN's session as the master did
    }
    ++s.mappings;
    s.proxy = address;
    s.proxyPort = port;
    s.proxyIndex = proxy;
}

void
DepotFlowTracker::Settle()
{
    const Time now = Simulator::Now();
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();)
    {
        InFlight& f = it->second;
        if (now - f.sent < m_inFlightTime)
        {
            ++f.direction->inFlight;
        }
        else if (f.leftDepot)
        {
            ++f.direction->lostAfterDepot;
        }
        else if (f.reachedDepot)
        {
            ++f.direction->droppedAtDepot;
        }
        else
        {
            ++f.direction->lostBeforeDepot;
        }
        it = m_inFlight.erase(it);
    }
    // The service port: the one the client's datagrams to the VIP went to (the lowest if it
    // used the same port to several).
    std::map<Tuple, Session> sessions;
    for (auto& [key, s] : m_sessions)
    {
        if (key.destinationPort == 0)
        {
            auto d = m_directions.lower_bound(key);
            if (d != m_directions.end() && d->first.source == key.source
                && d->first.sourcePort == key.sourcePort && d->first.destination == key.destination)
            {
                s.clientSide.destinationPort = d->first.destinationPort;
            }
        }
        sessions.emplace(s.clientSide, s);
    }
    m_sessions.swap(sessions);
}

const std::map<DepotFlowTracker::Tuple, DepotFlowTracker::Direction>&
DepotFlowTracker::GetDirections() const
{
    return m_directions;
}

const std::map<DepotFlowTracker::Tuple, DepotFlowTracker::Session>&
DepotFlowTracker::GetSessions() const
{
    return m_sessions;
}

uint64_t
DepotFlowTracker::GetUntracked() const
{
    return m_untracked;
}

const std::set<uint32_t>&
DepotFlowTracker::GetDepotNodes() const
{
    return m_depotNodes;
}

} // namespace ns3
