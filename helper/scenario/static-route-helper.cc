/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "static-route-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/channel.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/web-proxy-compat.h"

namespace ns3
{

void
StaticRouteHelper::AddRoute(Ptr<NetDevice> device, Ipv4Address network, Ipv4Mask mask)
{
    Ptr<Channel> channel = device->GetChannel();
    NS_ABORT_MSG_IF(!channel || channel->GetNDevices() != 2,
                    "StaticRouteHelper: device " << device->GetIfIndex() << " of node "
                                                 << device->GetNode()->GetId()
                                                 << " is not on a point-to-point channel");
    Ptr<NetDevice> peer = channel->GetDevice(channel->GetDevice(0) == device ? 1 : 0);
    Ptr<Ipv4> ipv4 = peer->GetNode()->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4, "StaticRouteHelper: the peer node has no IPv4");
    const int32_t i = ipv4->GetInterfaceForDevice(peer);
    NS_ABORT_MSG_IF(i < 0 || ipv4->GetNAddresses(i) == 0,
                    "StaticRouteHelper: the peer device has no IPv4 address");
    AddRoute(device, ipv4->GetAddress(i, 0).GetLocal(), network, mask);
}

void
StaticRouteHelper::AddRoute(Ptr<NetDevice> device,
                            Ipv4Address nextHop,
                            Ipv4Address network,
                            Ipv4Mask mask)
{
    Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4, "StaticRouteHelper: the node has no IPv4");
    const int32_t i = ipv4->GetInterfaceForDevice(device);
    NS_ABORT_MSG_IF(i < 0, "StaticRouteHelper: the device has no IPv4 interface");
    Ptr<Ipv4StaticRouting> routing = Ipv4StaticRoutingHelper().GetStaticRouting(ipv4);
    NS_ABORT_MSG_IF(!routing, "StaticRouteHelper: the node has no Ipv4StaticRouting");
    routing->AddNetworkRouteTo(network.CombineMask(mask), mask, nextHop, i);
}

void
StaticRouteHelper::AddDefaultRoutes(const NetDeviceContainer& segment,
                                    uint32_t first,
                                    Ipv4Address gateway)
{
    for (uint32_t i = first; i < segment.GetN(); ++i)
    {
        AddRoute(segment.Get(i), gateway, Ipv4Address::GetZero(), Ipv4Mask::GetZero());
    }
}

void
StaticRouteHelper::SetRouters(NodeContainer routers)
{
    for (auto it = routers.Begin(); it != routers.End(); ++it)
    {
        Ptr<Ipv4> ipv4 = (*it)->GetObject<Ipv4>();
        NS_ABORT_MSG_IF(!ipv4,
                        "StaticRouteHelper::SetRouters: node " << (*it)->GetId() << " has no IPv4");
        SetStrongEndSystem(ipv4);
    }
}

namespace
{

/// Install the stack on the nodes that have none (InternetStackHelper aborts on the others).
void
InstallWhereMissing(const InternetStackHelper& stack, NodeContainer nodes)
{
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        if (!(*i)->GetObject<Ipv4>())
        {
            stack.Install(*i);
        }
    }
}

} // namespace

void
StaticRouteHelper::InstallStack(NodeContainer nodes)
{
    InstallWhereMissing(InternetStackHelper(), nodes);
}

void
StaticRouteHelper::InstallHostStack(NodeContainer nodes)
{
    InternetStackHelper stack;
    stack.SetRoutingHelper(Ipv4StaticRoutingHelper());
    InstallWhereMissing(stack, nodes);
}

InternetStackHelper
StaticRouteHelper::InstallAccessHosts(NodeContainer hosts, bool staticOnly)
{
    InternetStackHelper inner;
    if (staticOnly)
    {
        inner.SetRoutingHelper(Ipv4StaticRoutingHelper());
        InstallHostStack(hosts);
    }
    else
    {
        InstallStack(hosts);
    }
    return inner;
}

void
StaticRouteHelper::AdvertiseBlocks(Ptr<Node> core,
                                   const std::vector<std::pair<Ipv4Address, Ipv4Mask>>& blocks)
{
    for (const auto& [network, mask] : blocks)
    {
        NS_ABORT_MSG_IF(!AdvertiseGlobalRoute(core, network, mask),
                        "StaticRouteHelper::AdvertiseBlocks: node " << core->GetId()
                                                                    << " has no global routing");
    }
}

} // namespace ns3
