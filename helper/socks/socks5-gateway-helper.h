/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SOCKS5_GATEWAY_HELPER_H
#define SOCKS5_GATEWAY_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/socks5-gateway.h"

#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Installs a Socks5Gateway on firewall or edge nodes.
 */
class Socks5GatewayHelper
{
  public:
    /// \param port TCP port the gateways listen on (RFC 1928: 1080)
    explicit Socks5GatewayHelper(uint16_t port = 1080);

    /**
     * Set an attribute of the gateways to be created.
     * \param name attribute name
     * \param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Resolve the domain names of requests (ATYP 3) with this.
     * \param resolver the resolver
     */
    void SetResolver(Socks5Gateway::Resolver resolver);

    /**
     * \param node where to install
     * \return the gateway
     */
    ApplicationContainer Install(Ptr<Node> node) const;
    /**
     * \param nodes where to install, one gateway each
     * \return the gateways
     */
    ApplicationContainer Install(NodeContainer nodes) const;

  private:
    ObjectFactory m_factory;
    Socks5Gateway::Resolver m_resolver;
};

} // namespace ns3

#endif // SOCKS5_GATEWAY_HELPER_H
