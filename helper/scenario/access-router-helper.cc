/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "access-router-helper.h"

#include "address-plan.h"
#include "static-route-helper.h"

#include "ns3/abort.h"
#include "ns3/fast-demux-tcp-l4-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/string.h"
#include "ns3/web-proxy-compat.h"

#include <algorithm>

namespace ns3
{

AccessRouterHelper::AccessRouterHelper()
{
    m_access.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    m_access.SetChannelAttribute("Delay", TimeValue(MicroSeconds(100)));
    m_segment.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    m_segment.SetChannelAttribute("Delay", TimeValue(MicroSeconds(5)));
}

void
AccessRouterHelper::SetAccessLink(const PointToPointHelper& link)
{
    m_access = link;
}

void
AccessRouterHelper::SetSegmentChannelAttribute(const std::string& name, const AttributeValue& value)
{
    m_segment.SetChannelAttribute(name, value);
}

void
AccessRouterHelper::SetSegmentSize(uint32_t clients)
{
    NS_ABORT_MSG_IF(clients == 0, "AccessRouterHelper: a segment holds at least one client");
    m_segmentSize = clients;
}

void
AccessRouterHelper::SetAddressPlan(AddressPlan& plan,
                                   const std::string& name,
                                   const std::string& pool)
{
    m_plan = &plan;
    m_name = name;
    m_pool = pool;
}

void
AccessRouterHelper::SetStaticRouting(bool enable)
{
    m_staticRouting = enable;
}

void
AccessRouterHelper::Install(Ptr<Node> pop, uint32_t clients)
{
    NS_ABORT_MSG_IF(clients == 0, "AccessRouterHelper: no clients to install");
    // The router, then its clients, each with its stack: objects (and ns-3's automatic random
    // streams) in the order a script writing it out would create them.
    CreateRouter();
    Connect(pop, NodeContainer(clients));
}

void
AccessRouterHelper::Install(Ptr<Node> pop, NodeContainer clients)
{
    NS_ABORT_MSG_IF(clients.GetN() == 0, "AccessRouterHelper: no clients to install");
    CreateRouter();
    Connect(pop, clients);
}

void
AccessRouterHelper::CreateRouter()
{
    NS_ABORT_MSG_IF(!m_plan, "AccessRouterHelper: SetAddressPlan before Install");
    NS_ABORT_MSG_IF(m_router, "AccessRouterHelper: one Install per helper");
    m_router = CreateObject<Node>();
    // The router may run an intercepting proxy with hundreds of connections.
    InstallInternetStackWithTcp(
        InternetStackHelper(), m_router, FastDemuxTcpL4Protocol::GetTypeId().GetName());
}

void
AccessRouterHelper::Connect(Ptr<Node> pop, NodeContainer clients)
{
    // With the helper's routes the clients stay out of global routing, whose cost in
    // ns-3.37 grows with the routes it installs times the nodes (see SetStaticRouting).
    StaticRouteHelper::InstallAccessHosts(clients, m_staticRouting);
    m_clients = clients;
    m_accessDevices = m_plan->Link(m_access, m_router, pop, m_pool, m_name + "-access");
    const uint32_t n = clients.GetN();
    const uint32_t segments = (n + m_segmentSize - 1) / m_segmentSize;
    for (uint32_t j = 0, next = 0; j < segments; ++j)
    {
        NodeContainer members(m_router);
        const uint32_t size = n / segments + (j < n % segments ? 1 : 0);
        for (uint32_t i = 0; i < size; ++i)
        {
            members.Add(clients.Get(next++));
        }
        NetDeviceContainer segment = m_segment.Install(members);
        m_ports.Add(segment.Get(0));
        // A /24 unless the router and clients need more.
        const uint32_t prefix = std::min(24U, AddressPlan::PrefixFor(segment.GetN() + 2ULL));
        const std::string name = m_name + (j == 0 ? "-lan" : "-lan-" + std::to_string(j + 1));
        const Ipv4Address router
            = m_plan->Allocate(m_pool, name, prefix).Assign(segment).GetAddress(0);
        m_routerAddress = j == 0 ? router : m_routerAddress;
        if (m_staticRouting)
        {
            StaticRouteHelper::AddDefaultRoutes(segment, 1, router);
        }
    }
}

Ptr<Node>
AccessRouterHelper::GetRouter() const
{
    return m_router;
}

NodeContainer
AccessRouterHelper::GetClients() const
{
    return m_clients;
}

Ipv4Address
AccessRouterHelper::GetRouterAddress() const
{
    return m_routerAddress;
}

NetDeviceContainer
AccessRouterHelper::GetSegmentPorts() const
{
    return m_ports;
}

NetDeviceContainer
AccessRouterHelper::GetAccessDevices() const
{
    return m_accessDevices;
}

} // namespace ns3
