/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ORIGIN_SERVER_HELPER_H
#define ORIGIN_SERVER_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/web-object-catalog.h"

#include <map>
#include <string>

namespace ns3
{

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
     * Serve this catalog. The servers of the first node installed on serve it; every other
     * node gets a copy of its own, taken at its Install, so that no object is shared
     * between nodes (ns-3's distributed simulator runs nodes in different processes, and a
     * shared catalog would draw modifications in an order that depends on which nodes run
     * where). Add every object before Install: adding one to a copied catalog is an error.
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
    /**
     * \param node a node
     * \return the catalog its servers serve: the one set, or the node's copy of it
     */
    Ptr<WebObjectCatalog> CatalogFor(Ptr<Node> node) const;

    ObjectFactory m_factory;           //!< creates the servers
    Ptr<WebObjectCatalog> m_catalog;   //!< as set by SetCatalog
    mutable uint32_t m_firstNode{~0U}; //!< node id that serves m_catalog itself
    mutable std::map<uint32_t, Ptr<WebObjectCatalog>> m_copies; //!< other nodes' copies
};

} // namespace ns3

#endif // ORIGIN_SERVER_HELPER_H
