/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEB_CLIENT_HELPER_H
#define WEB_CLIENT_HELPER_H

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <functional>
#include <string>

namespace ns3
{

class RequestSource;

/**
 * \ingroup web-proxy
 * Installs WebClient applications, each with its own request source.
 */
class WebClientHelper
{
  public:
    /// Makes the request source of the index-th client installed on a node.
    using SourceFactory = std::function<Ptr<RequestSource>(Ptr<Node> node, uint32_t index)>;

    WebClientHelper();

    /**
     * Set an attribute of the clients to be created.
     * \param name attribute name
     * \param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Send every request through this explicit proxy.
     * \param proxy InetSocketAddress of the proxy
     */
    void SetProxy(const Address& proxy);

    /**
     * Give each client its own DnsResolver asking this server: requests' host names are then
     * resolved before connecting (see WebClient).
     * \param server address of the DNS server (e.g. a DnsAliasServer)
     */
    void SetResolver(Ipv4Address server);

    /**
     * Set an attribute of the clients' resolvers (Timeout, Attempts, CacheSize, ...);
     * needs SetResolver.
     * \param name attribute name
     * \param value attribute value
     */
    void SetResolverAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Give each client a source made by this function (called once per client, in order).
     * \param factory the function
     */
    void SetSourceFactory(SourceFactory factory);

    /**
     * Install one client with this request source.
     * \param node where to install
     * \param source its requests
     * \return the client
     */
    ApplicationContainer Install(Ptr<Node> node, Ptr<RequestSource> source) const;

    /**
     * Install one client per node, each with a source from the source factory.
     * \param nodes where to install
     * \return the clients
     */
    ApplicationContainer Install(NodeContainer nodes) const;

    /**
     * Assign fixed random variable streams to the clients' request sources.
     * \param apps clients installed by this helper
     * \param stream first stream index
     * \return streams used
     */
    static int64_t AssignStreams(ApplicationContainer apps, int64_t stream);

    /**
     * Stop the simulation when these clients have ended this many requests between them
     * (completed or failed: their RequestComplete records). A scenario with periodic events
     * that never run out (a depot's health checks, load reports) would otherwise run on to
     * its Simulator::Stop time; that time stays the safety net for requests that never end.
     * Only the clients' records are counted, so other trace sinks may be connected as well.
     * \param clients WebClient applications (others are an error)
     * \param requests records to wait for; 0 stops at once when the simulation runs
     */
    static void StopWhenEnded(ApplicationContainer clients, uint64_t requests);

  private:
    ObjectFactory m_factory;
    SourceFactory m_sourceFactory;
    ObjectFactory m_resolver; //!< no TypeId: no resolver
};

} // namespace ns3

#endif // WEB_CLIENT_HELPER_H
