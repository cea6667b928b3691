/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FIREWALL_HELPER_H
#define FIREWALL_HELPER_H

#include "ns3/attribute.h"
#include "ns3/firewall-rule.h"
#include "ns3/firewall.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <set>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Installs a Firewall on nodes, each with the same rules and inside interfaces.
 */
class FirewallHelper
{
  public:
    FirewallHelper();

    /**
     * Set an attribute of the firewalls to be created.
     * \param name attribute name
     * \param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Append a rule (checked now: aborts naming the problem).
     * \param rule the rule
     * \return its index
     */
    uint32_t AddRule(const FirewallRule& rule);

    /**
     * Declare an interface (index in each node's Ipv4) inside.
     * \param interface the interface index
     */
    void AddInsideInterface(uint32_t interface);

    /**
     * \param nodes the nodes (each with an Ipv4 and the inside interfaces)
     * \return the firewalls, one per node, aggregated to their nodes
     */
    std::vector<Ptr<Firewall>> Install(const NodeContainer& nodes) const;

  private:
    ObjectFactory m_factory;           //!< Firewall
    std::vector<FirewallRule> m_rules; //!< in order
    std::set<uint32_t> m_inside;       //!< inside interfaces
};

} // namespace ns3

#endif // FIREWALL_HELPER_H
