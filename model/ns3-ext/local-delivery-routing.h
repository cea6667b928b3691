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

    /**
     * Route nothing: outgoing packets are left to the other protocols of the list.
     * \param p the packet
     * \param header its IPv4 header
     * \param oif the requested output device
     * \param sockerr set to ERROR_NOROUTETOHOST
     * \return nullptr
     */
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    /**
     * Deliver a packet locally, through lcb on the interface of idev, when its destination
     * is in one of the prefixes; leave any other packet to the other protocols of the list.
     * \param p the packet
     * \param header its IPv4 header
     * \param idev the device it arrived on
     * \param ucb unicast forwarding callback (not used)
     * \param mcb multicast forwarding callback (not used)
     * \param lcb local delivery callback
     * \param ecb error callback (not used)
     * \return true when the packet was delivered locally
     */
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    WEB_PROXY_ROUTE_INPUT_CB(UnicastForwardCallback) ucb,
                    WEB_PROXY_ROUTE_INPUT_CB(MulticastForwardCallback) mcb,
                    WEB_PROXY_ROUTE_INPUT_CB(LocalDeliverCallback) lcb,
                    WEB_PROXY_ROUTE_INPUT_CB(ErrorCallback) ecb) override;
    /// Nothing to do: the prefixes do not depend on the node's interfaces.
    /// \param interface the interface brought up
    void NotifyInterfaceUp(uint32_t interface) override;
    /// Nothing to do: the prefixes do not depend on the node's interfaces.
    /// \param interface the interface brought down
    void NotifyInterfaceDown(uint32_t interface) override;
    /**
     * Nothing to do: the prefixes do not depend on the node's addresses.
     * \param interface the interface
     * \param address the address added
     */
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    /**
     * Nothing to do: the prefixes do not depend on the node's addresses.
     * \param interface the interface
     * \param address the address removed
     */
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    /// Keep the node's Ipv4, to map an incoming device to its interface index.
    /// \param ipv4 the node's Ipv4
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    /**
     * Print the prefixes delivered locally, on one line.
     * \param stream the output stream
     * \param unit the time unit (not used: the prefixes do not expire)
     */
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    /// Releases the node's Ipv4, which holds this protocol (a reference cycle otherwise).
    void DoDispose() override;

  private:
    Ptr<Ipv4> m_ipv4;
    std::vector<std::pair<Ipv4Address, Ipv4Mask>> m_prefixes;
};

} // namespace ns3

#endif // LOCAL_DELIVERY_ROUTING_H
