/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_STANDBY_HELPER_H
#define DEPOT_STANDBY_HELPER_H

#include "ns3/application-container.h"
#include "ns3/csma-channel.h"
#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"

#include <vector>

namespace ns3
{

class Depot;

/**
 * \ingroup web-proxy
 * Installs a DepotStandby next to a node's Depot, and builds the VRRP-like virtual
 * interfaces the pair shares.
 */
class DepotStandbyHelper
{
  public:
    DepotStandbyHelper();

    /**
     * Set an attribute of the DepotStandby applications to be created.
     * \param name attribute name
     * \param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Give a node a virtual interface on a CSMA segment: a device with the pair's virtual MAC
     * (VRRP: 00:00:5e:00:01:\<VRID\>) whose Ipv4 interface holds the virtual address as a /32
     * (as keepalived adds a VIP): it answers ARP for the address and receives what is sent to
     * it, while the depot sends through its real device. Do it on both depots with the same
     * MAC and address; DepotStandby keeps it up on the master only.
     * \param node a depot node (with an Ipv4 and a real interface on the segment's subnet)
     * \param channel the shared segment
     * \param mac the virtual MAC
     * \param address the virtual address
     * \return the device
     */
    static Ptr<NetDevice> AddVirtualInterface(Ptr<Node> node,
                                              Ptr<CsmaChannel> channel,
                                              Mac48Address mac,
                                              Ipv4Address address);

    /**
     * The usual NAT pair: every depot node gets the VIP on the clients' segment (MAC
     * 00:00:5e:00:01:\<vrid\>) and the proxies' gateway on theirs (00:00:5e:00:01:\<vrid + 1\>).
     * \param depots the depot nodes
     * \param clientSide the clients' segment
     * \param vip the virtual IP
     * \param proxySide the proxies' segment (their default route is the gateway)
     * \param gateway the proxies' gateway address
     * \param vrid the first VRRP id
     * \return per depot node, its two virtual devices
     */
    static std::vector<std::vector<Ptr<NetDevice>>> AddVirtualInterfaces(
        NodeContainer depots,
        Ptr<CsmaChannel> clientSide,
        Ipv4Address vip,
        Ptr<CsmaChannel> proxySide,
        Ipv4Address gateway,
        uint8_t vrid = 1);

    /**
     * \param node the depot's node
     * \param depot its depot
     * \param peer the other depot's address (Ipv4Address() for a lone depot)
     * \param virtualDevices the node's virtual interfaces
     * \return the DepotStandby
     */
    ApplicationContainer Install(Ptr<Node> node,
                                 Ptr<Depot> depot,
                                 Ipv4Address peer,
                                 const std::vector<Ptr<NetDevice>>& virtualDevices) const;

  private:
    ObjectFactory m_factory; //!< DepotStandby
};

} // namespace ns3

#endif // DEPOT_STANDBY_HELPER_H
