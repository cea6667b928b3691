/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ORIGIN_SERVER_HELPER_H
#define ORIGIN_SERVER_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{

class WebObjectCatalog;

/**
 * \ingroup web-proxy
 * Installs OriginServer applications.
 */
class OriginServerHelper
{
  public:
    /**
     * \param port TCP port the servers listen on
     */
    explicit OriginServerHelper(uint16_t port = 80);

    /**
     * Set an attribute of the servers to be created.
     * \param name attribute name
     * \param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Serve this catalog (shared by all servers installed afterwards).
     * \param catalog the catalog
     */
    void SetCatalog(Ptr<WebObjectCatalog> catalog);

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

    /**
     * Assign fixed random variable streams to the servers' random variables.
     * \param apps servers installed by this helper
     * \param stream first stream index
     * \return streams used
     */
    static int64_t AssignStreams(ApplicationContainer apps, int64_t stream);

  private:
    ObjectFactory m_factory;
};

} // namespace ns3

#endif // ORIGIN_SERVER_HELPER_H
