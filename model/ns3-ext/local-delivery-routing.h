/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LOCAL_DELIVERY_ROUTING_H
#define LOCAL_DELIVERY_ROUTING_H

#include "web-proxy-compat.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-routing-protocol.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A routing protocol that delivers locally every packet for a set of prefixes, as if the
 * node owned all their addresses. Added to a node's Ipv4ListRouting, it lets one node stand
 * for thousands of hosts (origin servers) without thousands of interface addresses: ns-3
 * looks local addresses up by a linear scan of each interface's address list, per packet.
 * Sockets bound to the any-address accept connections for every address of the prefixes and
 * answer from the address the client used.
 */
class LocalDeliveryRouting : public Ipv4RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * Deliver packets for this prefix locally.
     * \param network the prefix
     * \param mask its mask
     */
    void AddPrefix(Ipv4Address network, Ipv4Mask mask);

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    WEB_PROXY_ROUTE_INPUT_CB(UnicastForwardCallback) ucb,
                    WEB_PROXY_ROUTE_INPUT_CB(MulticastForwardCallback) mcb,
                    WEB_PROXY_ROUTE_INPUT_CB(LocalDeliverCallback) lcb,
                    WEB_PROXY_ROUTE_INPUT_CB(ErrorCallback) ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    Ptr<Ipv4> m_ipv4;
    std::vector<std::pair<Ipv4Address, Ipv4Mask>> m_prefixes;
};

} // namespace ns3

#endif // LOCAL_DELIVERY_ROUTING_H
