/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "local-delivery-routing.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/output-stream-wrapper.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LocalDeliveryRouting");
NS_OBJECT_ENSURE_REGISTERED(LocalDeliveryRouting);

TypeId
LocalDeliveryRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::LocalDeliveryRouting")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<LocalDeliveryRouting>();
    return tid;
}

void
LocalDeliveryRouting::DoDispose()
{
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

void
LocalDeliveryRouting::AddPrefix(Ipv4Address network, Ipv4Mask mask)
{
    m_prefixes.emplace_back(network.CombineMask(mask), mask);
}

Ptr<Ipv4Route>
LocalDeliveryRouting::RouteOutput(Ptr<Packet> p,
                                  const Ipv4Header& header,
                                  Ptr<NetDevice> oif,
                                  Socket::SocketErrno& sockerr)
{
    // Outgoing packets are routed by the other protocols of the list.
    sockerr = Socket::ERROR_NOROUTETOHOST;
    return nullptr;
}

bool
LocalDeliveryRouting::RouteInput(Ptr<const Packet> p,
                                 const Ipv4Header& header,
                                 Ptr<const NetDevice> idev,
                                 WEB_PROXY_ROUTE_INPUT_CB(UnicastForwardCallback) ucb,
                                 WEB_PROXY_ROUTE_INPUT_CB(MulticastForwardCallback) mcb,
                                 WEB_PROXY_ROUTE_INPUT_CB(LocalDeliverCallback) lcb,
                                 WEB_PROXY_ROUTE_INPUT_CB(ErrorCallback) ecb)
{
    const Ipv4Address dst = header.GetDestination();
    for (const auto& [network, mask] : m_prefixes)
    {
        if (dst.CombineMask(mask) == network)
        {
            NS_LOG_LOGIC("delivering " << dst << " locally");
            lcb(p, header, m_ipv4->GetInterfaceForDevice(idev));
            return true;
        }
    }
    return false;
}

void
LocalDeliveryRouting::NotifyInterfaceUp(uint32_t interface)
{}

void
LocalDeliveryRouting::NotifyInterfaceDown(uint32_t interface)
{}

void
LocalDeliveryRouting::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{}

void
LocalDeliveryRouting::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{}

void
LocalDeliveryRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    m_ipv4 = ipv4;
}

void
LocalDeliveryRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    *stream->GetStream() << "LocalDeliveryRouting: delivered locally:";
    for (const auto& [network, mask] : m_prefixes)
    {
        *stream->GetStream() << ' ' << network << '/' << mask.GetPrefixLength();
    }
    *stream->GetStream() << '\n';
}

} // namespace ns3
