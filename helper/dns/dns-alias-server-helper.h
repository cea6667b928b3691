/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNS_ALIAS_SERVER_HELPER_H
#define DNS_ALIAS_SERVER_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Installs DnsAliasServer applications, each with the same aliases and locality table.
 */
class DnsAliasServerHelper
{
  public:
    /// \param port UDP port the servers listen on
    explicit DnsAliasServerHelper(uint16_t port = 53);

    /**
     * Set an attribute of the servers to be created (Ttl, Policy).
     * \param name attribute name
     * \param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Serve an alias.
     * \param name the alias
     * \param addresses its addresses (depots)
     */
    void AddAlias(const std::string& name, const std::vector<Ipv4Address>& addresses);

    /**
     * Clients in a prefix prefer an address.
     * \param prefix network address
     * \param mask its mask
     * \param preferred their address
     */
    void AddLocality(Ipv4Address prefix, Ipv4Mask mask, Ipv4Address preferred);

    /**
     * \brief Fill the locality table from the topology: every subnet of a client node's
     * interfaces (loopback excepted) prefers the address, among the candidates, whose node is
     * the fewest links away (breadth-first over the channels; ties go to the earlier
     * candidate). A candidate no node owns, or that no client reaches, is never preferred.
     * \param clients the client nodes
     * \param candidates the addresses (depots), on nodes of the topology
     * \return locality entries added
     */
    uint32_t AddLocalityByHops(NodeContainer clients, const std::vector<Ipv4Address>& candidates);

    /**
     * \param node where to install
     * \return the server
     */
    ApplicationContainer Install(Ptr<Node> node) const;
    /**
     * \param nodes where to install, one server each
     * \return the servers
     */
    ApplicationContainer Install(NodeContainer nodes) const;

  private:
    /// A locality entry.
    struct Locality
    {
        Ipv4Address prefix;    //!< network
        Ipv4Mask mask;         //!< mask
        Ipv4Address preferred; //!< address
    };

    ObjectFactory m_factory;
    std::vector<std::pair<std::string, std::vector<Ipv4Address>>> m_aliases;
    std::vector<Locality> m_locality;
};

} // namespace ns3

#endif // DNS_ALIAS_SERVER_HELPER_H
