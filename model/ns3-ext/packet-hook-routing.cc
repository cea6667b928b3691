/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "packet-hook-routing.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PacketHookRouting");
NS_OBJECT_ENSURE_REGISTERED(PacketHookRouting);

TypeId
PacketHookRouting::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PacketHookRouting")
              .SetParent<Ipv4ListRouting>()
              .SetGroupName("WebProxy")
              .AddConstructor<PacketHookRouting>()
              .AddTraceSource("Drop",
                              "A hook dropped a packet (packet, IP header, direction).",
                              MakeTraceSourceAccessor(&PacketHookRouting::m_dropTrace),
                              "ns3::PacketHookRouting::DropTracedCallback");
    return tid;
}

PacketHookRouting::PacketHookRouting() = default;

PacketHookRouting::~PacketHookRouting() = default;

void
PacketHookRouting::DoDispose()
{
    m_hooks.clear();
    m_ipv4 = nullptr;
    Ipv4ListRouting::DoDispose();
}

Ptr<PacketHookRouting>
PacketHookRouting::Install(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4,
                    "PacketHookRouting::Install: node " << node->GetId()
                                                        << " has no Ipv4 (install the internet "
                                                           "stack first)");
    Ptr<Ipv4RoutingProtocol> current = ipv4->GetRoutingProtocol();
    if (Ptr<PacketHookRouting> existing = DynamicCast<PacketHookRouting>(current))
    {
        return existing;
    }
    Ptr<PacketHookRouting> hook = CreateObject<PacketHookRouting>();
    // Adopted before the hook has an Ipv4, so AddRoutingProtocol does not call SetIpv4.
    if (Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(current))
    {
        for (uint32_t i = 0; i < list->GetNRoutingProtocols(); ++i)
        {
            int16_t priority;
            Ptr<Ipv4RoutingProtocol> p = list->GetRoutingProtocol(i, priority);
            hook->Ipv4ListRouting::AddRoutingProtocol(p, priority);
        }
    }
    else if (current)
    {
        hook->Ipv4ListRouting::AddRoutingProtocol(current, 0);
    }
    ipv4->SetRoutingProtocol(hook);
    return hook;
}

void
PacketHookRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    // The adopted protocols already have this Ipv4 (see Install).
    NS_ABORT_MSG_IF(m_ipv4 && m_ipv4 != ipv4, "PacketHookRouting: already bound to another Ipv4");
    m_ipv4 = ipv4;
}

void
PacketHookRouting::AddRoutingProtocol(Ptr<Ipv4RoutingProtocol> routingProtocol, int16_t priority)
{
    if (m_ipv4)
    {
        routingProtocol->SetIpv4(m_ipv4);
    }
    Ipv4ListRouting::AddRoutingProtocol(routingProtocol, priority);
}

uint32_t
PacketHookRouting::AddHook(Hook hook, int16_t priority)
{
    const uint32_t id = m_nextHookId++;
    m_hooks.emplace(priority, std::make_pair(id, hook));
    return id;
}

void
PacketHookRouting::RemoveHook(uint32_t id)
{
    for (auto it = m_hooks.begin(); it != m_hooks.end(); ++it)
    {
        if (it->second.first == id)
        {
            m_hooks.erase(it);
            return;
        }
    }
}

uint32_t
PacketHookRouting::GetNHooks() const
{
    return m_hooks.size();
}

PacketHookRouting::Verdict
PacketHookRouting::RunHooks(HookPacket& hp)
{
    for (auto& [priority, entry] : m_hooks)
    {
        const Verdict v = entry.second(hp);
        if (v == DROP)
        {
            m_dropTrace(hp.packet, hp.header, hp.direction);
            return DROP;
        }
        if (v == CONSUME)
        {
            return CONSUME;
        }
    }
    return PASS;
}

Ptr<Ipv4Route>
PacketHookRouting::RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr)
{
    // TCP looks routes up without a packet when it connects: only real packets are hooked.
    if (!p || m_hooks.empty())
    {
        return Ipv4ListRouting::RouteOutput(p, header, oif, sockerr);
    }
    // TCP looks the route of a segment up, and Ipv4L3Protocol::Send looks it up again when
    // that failed: the second lookup of a dropped packet must fail too.
    if (m_droppedOutput && p->GetUid() == m_droppedOutputUid)
    {
        m_droppedOutput = false;
        sockerr = Socket::ERROR_NOROUTETOHOST;
        return nullptr;
    }
    HookPacket hp{p, header, nullptr, OUTPUT, Time(0), Ipv4Address()};
    if (RunHooks(hp) != PASS)
    {
        m_droppedOutput = true;
        m_droppedOutputUid = p->GetUid();
        sockerr = Socket::ERROR_NOROUTETOHOST;
        return nullptr;
    }
    return Ipv4ListRouting::RouteOutput(p, hp.header, oif, sockerr);
}

bool
PacketHookRouting::RouteInput(Ptr<const Packet> p,
                              const Ipv4Header& header,
                              Ptr<const NetDevice> idev,
                              WEB_PROXY_ROUTE_INPUT_CB(UnicastForwardCallback) ucb,
                              WEB_PROXY_ROUTE_INPUT_CB(MulticastForwardCallback) mcb,
                              WEB_PROXY_ROUTE_INPUT_CB(LocalDeliverCallback) lcb,
                              WEB_PROXY_ROUTE_INPUT_CB(ErrorCallback) ecb)
{
    if (m_hooks.empty())
    {
        return ListRouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    HookPacket hp{p->Copy(), header, idev, INPUT, Time(0), Ipv4Address()};
    if (RunHooks(hp) != PASS)
    {
        return true; // dropped (traced) or taken by a hook: nothing for Ipv4L3Protocol to do
    }
    if (hp.delay.IsStrictlyPositive())
    {
        Ptr<const Packet> packet = hp.packet;
        const Ipv4Header header2 = hp.header;
        const Ipv4Address nextHop = hp.nextHop;
        UnicastForwardCallback u = ucb;
        MulticastForwardCallback m = mcb;
        LocalDeliverCallback l = lcb;
        ErrorCallback e = ecb;
        Simulator::Schedule(hp.delay,
                            [this, packet, header2, nextHop, idev, u, m, l, e]()
                            { Continue(packet, header2, nextHop, idev, u, m, l, e); });
        return true;
    }
    return Continue(hp.packet, hp.header, hp.nextHop, idev, ucb, mcb, lcb, ecb);
}

bool
PacketHookRouting::Continue(Ptr<const Packet> p,
                            const Ipv4Header& header,
                            Ipv4Address nextHop,
                            Ptr<const NetDevice> idev,
                            UnicastForwardCallback ucb,
                            MulticastForwardCallback mcb,
                            LocalDeliverCallback lcb,
                            ErrorCallback ecb)
{
    if (nextHop == Ipv4Address())
    {
        return ListRouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    ForwardTo(p, header, nextHop, ucb, ecb);
    return true;
}

void
PacketHookRouting::ForwardTo(Ptr<const Packet> p,
                             const Ipv4Header& header,
                             Ipv4Address nextHop,
                             UnicastForwardCallback ucb,
                             ErrorCallback ecb)
{
    // The route to the neighbour, used for the packet's own destination: the frame goes to
    // the neighbour's MAC address (ARP for nextHop) and the IP header is left alone.
    Ipv4Header toNeighbour = header;
    toNeighbour.SetDestination(nextHop);
    for (uint32_t i = 0; i < GetNRoutingProtocols(); ++i)
    {
        int16_t priority;
        Socket::SocketErrno err;
        Ptr<Ipv4Route> route
            = GetRoutingProtocol(i, priority)->RouteOutput(nullptr, toNeighbour, nullptr, err);
        if (route)
        {
            if (route->GetGateway() == Ipv4Address::GetAny())
            {
                route->SetGateway(nextHop); // on link: the neighbour itself
            }
            route->SetDestination(header.GetDestination());
            ucb(route, p, header);
            return;
        }
    }
    ecb(p, header, Socket::ERROR_NOROUTETOHOST);
}

bool
PacketHookRouting::ListRouteInput(Ptr<const Packet> p,
                                  const Ipv4Header& header,
                                  Ptr<const NetDevice> idev,
                                  UnicastForwardCallback ucb,
                                  MulticastForwardCallback mcb,
                                  LocalDeliverCallback lcb,
                                  ErrorCallback ecb)
{
    NS_ASSERT(m_ipv4);
    const int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    NS_ASSERT(iif >= 0);
    if (m_ipv4->IsDestinationAddress(header.GetDestination(), iif))
    {
        if (lcb.IsNull())
        {
            return false;
        }
        if (!header.GetDestination().IsMulticast())
        {
            lcb(p, header, iif);
            return true;
        }
        lcb(p->Copy(), header, iif); // a multicast packet may also be forwarded
    }
    if (!m_ipv4->IsForwarding(iif))
    {
        ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        return true;
    }
    for (uint32_t i = 0; i < GetNRoutingProtocols(); ++i)
    {
        int16_t priority;
        if (GetRoutingProtocol(i, priority)->RouteInput(p, header, idev, ucb, mcb, lcb, ecb))
        {
            return true;
        }
    }
    return false;
}

void
PacketHookRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    *stream->GetStream() << "Node: " << m_ipv4->GetObject<Node>()->GetId()
                         << ", Time: " << Now().As(unit) << ", PacketHookRouting with "
                         << m_hooks.size() << " hooks and " << GetNRoutingProtocols()
                         << " routing protocols\n";
    for (uint32_t i = 0; i < GetNRoutingProtocols(); ++i)
    {
        int16_t priority;
        Ptr<Ipv4RoutingProtocol> p = GetRoutingProtocol(i, priority);
        *stream->GetStream() << "  Priority: " << priority
                             << " Protocol: " << p->GetInstanceTypeId().GetName() << '\n';
        p->PrintRoutingTable(stream, unit);
    }
}

} // namespace ns3
