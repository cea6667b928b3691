/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_HELPER_H
#define DEPOT_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"

#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Installs a Depot: a virtual IP with service ports, a proxy pool and a scheduler.
 */
class DepotHelper
{
  public:
    /**
     * \param vip the virtual IP
     * \param port the first service port
     */
    DepotHelper(Ipv4Address vip, uint16_t port = 80);

    /**
     * Set an attribute of the depots to be created.
     * \param name attribute name
     * \param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Use a scheduler type (default ns3::RoundRobinScheduler), e.g.
     * "ns3::WeightedLeastConnectionScheduler".
     * \param type the TypeId name
     */
    void SetScheduler(const std::string& type);

    /**
     * Set an attribute of the schedulers to be created.
     * \param name attribute name
     * \param value attribute value
     */
    void SetSchedulerAttribute(const std::string& name, const AttributeValue& value);

    /// \param port another service port
    void AddService(uint16_t port);

    /**
     * \param address proxy address
     * \param port proxy port
     * \param weight scheduler weight
     */
    void AddProxy(Ipv4Address address, uint16_t port = 80, uint32_t weight = 1);

    /**
     * Install a depot on a node (its routing gets the module's PacketHookRouting when the
     * depot starts).
     * \param node the node
     * \return the depot
     */
    ApplicationContainer Install(Ptr<Node> node) const;

    /**
     * Prepare proxies for ForwardingMethod "Direct": each gets the VIP as a /32 address of
     * its loopback interface, so that it accepts packets to the VIP (ns-3's weak end-system
     * model) without answering ARP for it, and answers clients from the VIP directly.
     * \param proxies the proxy nodes
     */
    void ConfigureDirectRouting(NodeContainer proxies) const;

  private:
    Ipv4Address m_vip;                                                  //!< virtual IP
    std::vector<uint16_t> m_ports;                                      //!< service ports
    std::vector<std::tuple<Ipv4Address, uint16_t, uint32_t>> m_proxies; //!< pool
    ObjectFactory m_factory;                                            //!< Depot
    ObjectFactory m_scheduler;                                          //!< its scheduler
};

} // namespace ns3

#endif // DEPOT_HELPER_H
