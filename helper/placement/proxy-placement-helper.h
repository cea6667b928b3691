/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PROXY_PLACEMENT_HELPER_H
#define PROXY_PLACEMENT_HELPER_H

#include "ns3/address-plan.h"
#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/backbone-graph.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/placement-problem.h"
#include "ns3/placement-result.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/policy-advisor.h"
#include "ns3/proxy-cache-helper.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Puts a placement into a simulation: builds the backbone in ns-3 (one node per backbone
 * node, a point-to-point link per backbone link with the link's latency as its delay) or
 * maps the placement onto an existing NodeContainer, installs a ProxyCache on each chosen
 * node (with the replacement policy advised for it, if any), and tells each node which proxy
 * it should use: the server of least expected distance in the placement problem, or none
 * (the origin) when no proxy is nearer.
 *
 * BuildBackbone routes along the same shortest paths the placement assumed: every interface
 * gets an IPv4 metric proportional to its link's latency (10 us units, at least 1) and
 * Ipv4GlobalRoutingHelper computes the routes.
 */
class ProxyPlacementHelper
{
  public:
    /**
     * \param port TCP port of the proxies
     */
    explicit ProxyPlacementHelper(uint16_t port = 3128);

    /**
     * Set an attribute of the point-to-point devices BuildBackbone creates (e.g. DataRate;
     * the default is 1 Gbps). The channel's Delay is always the link's latency.
     * \param name attribute name \param value its value
     */
    void SetLinkAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Set an attribute of the proxies (ProxyCache), e.g. CacheSize or Origin.
     * \param name attribute name \param value its value
     */
    void SetProxyAttribute(const std::string& name, const AttributeValue& value);
    /**
     * Resolve origin host names at the proxies with this (e.g. OriginFarmHelper::Resolve);
     * without it they use ProxyCache's own resolution.
     * \param resolver the resolver
     */
    void SetProxyResolver(ConnectionCache::Resolver resolver);

    /**
     * Build the backbone: nodes, links, IPv4 (10.0.0.0/8, a /30 per link) and routes.
     * \param graph the backbone
     * \return one node per backbone node, in index order
     */
    NodeContainer BuildBackbone(const BackboneGraph& graph);

    /**
     * Install proxies on the chosen nodes.
     * \param problem the instance the placement solved (for the assignment)
     * \param result the placement
     * \param nodes one node per backbone node, in index order (BuildBackbone's, or the
     *        caller's own)
     * \param advice policy advice by node (may be empty: the proxies keep their Policy)
     * \return the proxies, in the order of result.proxies
     * \throws std::invalid_argument when nodes and problem differ in size or a chosen node is
     *         out of range
     */
    ApplicationContainer Install(const PlacementProblem& problem,
                                 const PlacementResult& result,
                                 NodeContainer nodes,
                                 const std::vector<PolicyAdvisor::Advice>& advice = {});

    /**
     * Install proxies on hosts of their own beside the chosen nodes, so that a proxy's crash
     * (FaultInjectionHelper) leaves the backbone's routing intact: each chosen node gets a new
     * host with ns-3's TCP (FastDemuxTcpL4Protocol), a link from the node to it, a /30 of the
     * plan's pool named "proxy-host/<node name>" and a default route to the node; the proxy
     * runs on the host, and GetProxyFor and GetNode answer with the host. Call
     * Ipv4GlobalRoutingHelper::RecomputeRoutingTables (or populate the routes) afterwards, so
     * that the backbone reaches the hosts.
     * \param problem the instance the placement solved
     * \param result the placement
     * \param nodes one node per backbone node, in index order
     * \param link the host links' helper
     * \param plan the scenario's address plan
     * \param pool the pool of plan the /30s come from
     * \param advice policy advice by node (may be empty)
     * \return the proxies, in the order of result.proxies
     * \throws std::invalid_argument as Install, or AddressPlanError when the pool is exhausted
     */
    ApplicationContainer InstallOnHosts(const PlacementProblem& problem,
                                        const PlacementResult& result,
                                        NodeContainer nodes,
                                        PointToPointHelper link,
                                        AddressPlan& plan,
                                        const std::string& pool,
                                        const std::vector<PolicyAdvisor::Advice>& advice = {});

    /**
     * \param node a backbone node index
     * \return the node of the simulation that stands for it after Install: its proxy's host
     *         after InstallOnHosts, the node itself otherwise (e.g. what a fault crashes)
     */
    Ptr<Node> GetNode(uint32_t node) const;

    /// \return for each backbone node the node index of its server (a proxy, or the origin)
    const std::vector<uint32_t>& GetAssignment() const;

    /**
     * \param node a backbone node index
     * \return true when it should use a proxy (false: go to the origin directly)
     */
    bool UsesProxy(uint32_t node) const;

    /**
     * \param node a backbone node index (of a node built by BuildBackbone or with IPv4)
     * \return its address: that of its first non-loopback interface
     */
    Ipv4Address GetAddress(uint32_t node) const;

    /**
     * The proxy that the clients at a backbone node should use (after Install).
     * \param node a backbone node index
     * \return its proxy's address and port (InetSocketAddress), or an empty Address when
     *         the node fetches from the origin directly
     */
    Address GetProxyFor(uint32_t node) const;

    /**
     * Point clients at the proxy the placement gave their node: sets every WebClient's Proxy
     * attribute to GetProxyFor(node), empty (direct to the origin) when the node uses no
     * proxy. Call after Install.
     * \param node the clients' backbone node index
     * \param clients WebClient applications
     * \throws std::invalid_argument for an application that is no WebClient, or a node out
     *         of range
     */
    void PointClients(uint32_t node, ApplicationContainer clients) const;

    /// \return the devices of the links built, two per link in the graph's link order
    const NetDeviceContainer& GetDevices() const;

  private:
    uint16_t m_port;                //!< proxy port
    PointToPointHelper m_p2p;       //!< link device attributes
    ProxyCacheHelper m_proxy;       //!< the proxies
    NodeContainer m_nodes;          //!< the backbone nodes
    NetDeviceContainer m_devices;   //!< link devices
    std::vector<uint32_t> m_server; //!< server by node
    uint32_t m_origin{0};           //!< origin node
};

} // namespace ns3

#endif // PROXY_PLACEMENT_HELPER_H
