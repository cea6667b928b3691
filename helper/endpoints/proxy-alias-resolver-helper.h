/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PROXY_ALIAS_RESOLVER_HELPER_H
#define PROXY_ALIAS_RESOLVER_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/ipv4-address.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Gives WebClients their proxy by name ([Depot]'s DNS alias): one ProxyAliasResolver on each
 * node that runs some of the clients, which sets that node's clients' Proxy to the alias's
 * answer and asks again when its TTL runs out.
 */
class ProxyAliasResolverHelper
{
  public:
    /**
     * \param alias the proxy's name (e.g. a DnsAliasServer alias)
     * \param server the DNS server's address
     */
    ProxyAliasResolverHelper(const std::string& alias, Ipv4Address server);

    /**
     * Set an attribute of the resolvers to be created (ProxyPort, Port, MinInterval, ...).
     * \param name attribute name
     * \param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param clients WebClients (each on its node already)
     * \return the resolvers, one per node, in the order the nodes first appear in clients
     * \throws std::invalid_argument if an application is no WebClient
     */
    ApplicationContainer Install(ApplicationContainer clients) const;

  private:
    ObjectFactory m_factory; //!< ProxyAliasResolver
};

} // namespace ns3

#endif // PROXY_ALIAS_RESOLVER_HELPER_H
