/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lan-clients-helper.h"

#include "address-plan.h"
#include "network-streams.h"

#include "ns3/abort.h"
#include "ns3/data-rate.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/static-route-helper.h"
#include "ns3/string.h"

namespace ns3
{

LanClientsHelper::LanClientsHelper()
{
    m_uplink.SetDeviceAttribute("DataRate", StringValue("1.5Mbps"));
    m_uplink.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
}

void
LanClientsHelper::SetSwitched(bool switched)
{
    m_switched = switched;
}

void
LanClientsHelper::SetLanDataRate(DataRate rate)
{
    m_rate = rate;
}

void
LanClientsHelper::SetLanDelay(Time delay)
{
    m_delay = delay;
}

void
LanClientsHelper::SetUplinkDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_uplink.SetDeviceAttribute(name, value);
}

void
LanClientsHelper::SetUplinkDelay(Time delay)
{
    m_uplink.SetChannelAttribute("Delay", TimeValue(delay));
}

void
LanClientsHelper::Install(uint32_t clients)
{
    NS_ABORT_MSG_IF(clients == 0 || clients > 60000, "LanClientsHelper: 1..60000 clients");
    NodeContainer nodes;
    nodes.Create(clients);
    Install(nodes);
}

void
LanClientsHelper::Install(NodeContainer nodes)
{
    const uint32_t clients = nodes.GetN();
    NS_ABORT_MSG_IF(clients == 0 || clients > 60000, "LanClientsHelper: 1..60000 clients");
    NS_ABORT_MSG_IF(m_core, "LanClientsHelper: Install was called before (one LAN per helper)");
    m_clients = nodes;
    m_gateway = CreateObject<Node>();
    m_core = CreateObject<Node>();
    // With the helper's routes, the clients and the gateway stay out of global routing (the
    // core announces the LAN's blocks); otherwise the script's routing sees every node.
    StaticRouteHelper::InstallAccessHosts(m_clients, m_staticRouting).Install(m_gateway);
    InternetStackHelper().Install(m_core);
    StaticRouteHelper::SetRouters(NodeContainer(m_gateway, m_core));
    // The fixed blocks, or the plan's: the LAN's block (also the core's route to it) and the
    // uplink's /30.
    Ipv4Address lanNet("10.32.0.0");
    Ipv4Mask sharedMask("255.255.0.0");
    Ipv4Mask routeMask("255.252.0.0");
    Ipv4Address uplinkNet("10.31.255.252");
    if (m_plan)
    {
        const uint64_t addresses = m_switched ? 4ULL * clients : clients + 3ULL;
        const AddressPlan::Block lan
            = m_plan->Allocate(m_planPool, m_planName + "/lan", AddressPlan::PrefixFor(addresses));
        lanNet = lan.network;
        sharedMask = routeMask = lan.GetMask();
        uplinkNet = m_plan->Allocate(m_planPool, m_planName + "/uplink", 30).network;
    }
    if (m_switched)
    {
        PointToPointHelper port;
        port.SetDeviceAttribute("DataRate", DataRateValue(m_rate));
        port.SetChannelAttribute("Delay", TimeValue(m_delay));
        Ipv4AddressHelper addr(lanNet, "255.255.255.252");
        for (uint32_t i = 0; i < clients; ++i)
        {
            NetDeviceContainer d = port.Install(m_clients.Get(i), m_gateway);
            m_lanDevices.Add(d.Get(0));
            addr.Assign(d);
            addr.NewNetwork();
            if (m_staticRouting)
            {
                StaticRouteHelper::AddRoute(d.Get(0), Ipv4Address::GetZero(), "0.0.0.0");
            }
        }
    }
    else
    {
        CsmaHelper ethernet;
        ethernet.SetChannelAttribute("DataRate", DataRateValue(m_rate));
        ethernet.SetChannelAttribute("Delay", TimeValue(m_delay));
        NodeContainer segment(m_gateway);
        segment.Add(m_clients);
        m_lanDevices = ethernet.Install(segment);
        Ipv4AddressHelper addr(lanNet, sharedMask);
        Ipv4InterfaceContainer a = addr.Assign(m_lanDevices);
        if (m_staticRouting)
        {
            StaticRouteHelper::AddDefaultRoutes(m_lanDevices, 1, a.GetAddress(0));
        }
    }
    m_uplinkDevices = m_uplink.Install(m_gateway, m_core);
    Ipv4AddressHelper up(uplinkNet, "255.255.255.252");
    up.Assign(m_uplinkDevices);
    if (m_staticRouting)
    {
        StaticRouteHelper::AddRoute(m_uplinkDevices.Get(0), Ipv4Address::GetZero(), "0.0.0.0");
        StaticRouteHelper::AddRoute(m_uplinkDevices.Get(1), lanNet, routeMask);
        StaticRouteHelper::AdvertiseBlocks(
            m_core, {{lanNet, routeMask}, {uplinkNet, Ipv4Mask("255.255.255.252")}});
    }
}

void
LanClientsHelper::SetAddressPlan(AddressPlan& plan,
                                 const std::string& name,
                                 const std::string& pool)
{
    m_plan = &plan;
    m_planName = name;
    m_planPool = pool;
}

void
LanClientsHelper::SetStaticRouting(bool enable)
{
    m_staticRouting = enable;
}

NodeContainer
LanClientsHelper::GetClients() const
{
    return m_clients;
}

Ptr<Node>
LanClientsHelper::GetGateway() const
{
    return m_gateway;
}

Ptr<Node>
LanClientsHelper::GetCore() const
{
    return m_core;
}

NetDeviceContainer
LanClientsHelper::GetLanDevices() const
{
    return m_lanDevices;
}

NetDeviceContainer
LanClientsHelper::LinkTo(Ptr<Node> router, const PointToPointHelper& link, const std::string& pool)
{
    NS_ABORT_MSG_UNLESS(m_core, "LanClientsHelper: LinkTo before Install");
    NS_ABORT_MSG_IF(m_accessDevices.GetN() > 0,
                    "LanClientsHelper: LinkTo was called before (one link)");
    m_accessDevices = AddressPlan::LinkIn(m_plan,
                                          link,
                                          m_core,
                                          router,
                                          pool.empty() ? m_planPool : pool,
                                          m_planName + "-access",
                                          Ipv4Address("10.31.255.248"));
    return m_accessDevices;
}

NetDeviceContainer
LanClientsHelper::GetAccessDevices() const
{
    return m_accessDevices;
}

NetDeviceContainer
LanClientsHelper::GetUplinkDevices() const
{
    return m_uplinkDevices;
}

int64_t
LanClientsHelper::AssignStreams(int64_t stream)
{
    NS_ABORT_MSG_UNLESS(m_core, "LanClientsHelper::AssignStreams: call Install first");
    NodeContainer nodes(m_clients, NodeContainer(m_gateway, m_core));
    return AssignNetworkStreams(nodes, stream);
}

} // namespace ns3
