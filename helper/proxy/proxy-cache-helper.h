/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PROXY_CACHE_HELPER_H
#define PROXY_CACHE_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/connection-cache.h"
#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Installs ProxyCache (data and connection caching) or, with typeId "ns3::ConnectionCache",
 * connection-caching proxies on nodes.
 */
class ProxyCacheHelper
{
  public:
    /**
     * \param port TCP port the proxies listen on
     * \param typeId "ns3::ProxyCache" or "ns3::ConnectionCache"
     */
    explicit ProxyCacheHelper(uint16_t port = 3128, const std::string& typeId = "ns3::ProxyCache");

    /**
     * Set an attribute of the proxies to be created.
     * \param name attribute name
     * \param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Resolve origin host names with this (e.g. OriginFarmHelper::Resolve).
     * \param resolver the resolver
     */
    void SetResolver(ConnectionCache::Resolver resolver);

    /**
     * Make the proxies installed on these nodes ICP siblings of each other: each gets every
     * other node of the set as a sibling, by the address of its first interface (assign
     * addresses before Install) and this helper's port. Needs "ns3::ProxyCache".
     * \param proxies the proxy nodes
     */
    void SetSiblings(NodeContainer proxies);

    /**
     * Give every proxy installed from now on this sibling (e.g. a proxy on another site).
     * \param ip its address
     * \param httpPort its HTTP port
     */
    void AddSibling(Ipv4Address ip, uint16_t httpPort);

    /**
     * \param node where to install
     * \return the proxy
     */
    ApplicationContainer Install(Ptr<Node> node) const;
    /**
     * \param nodes where to install, one proxy each
     * \return the proxies
     */
    ApplicationContainer Install(NodeContainer nodes) const;

  private:
    ObjectFactory m_factory;
    ConnectionCache::Resolver m_resolver;
    uint16_t m_port;                                       //!< HTTP port of the proxies
    NodeContainer m_siblingNodes;                          //!< see SetSiblings
    std::vector<std::pair<Ipv4Address, uint16_t>> m_extra; //!< see AddSibling
};

} // namespace ns3

#endif // PROXY_CACHE_HELPER_H
