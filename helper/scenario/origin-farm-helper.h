/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ORIGIN_FARM_HELPER_H
#define ORIGIN_FARM_HELPER_H

#include "ns3/application-container.h"
#include "ns3/connection-request-delay.h"
#include "ns3/inet-socket-address.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/random-variable-stream.h"
#include "ns3/syn-loss-error-model.h"
#include "ns3/trace-record.h"
#include "ns3/web-object-catalog.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * "The Internet" as seen from an ISP: thousands of origin servers with different RTTs,
 * without one ns-3 node per server.
 *
 * Servers are grouped by RTT class. Each class has origin nodes attached to a core node by a
 * point-to-point link whose delay gives the class's RTT; a node carries up to
 * MaxServersPerNode servers (default 500), each with its own IPv4 address inside the link's
 * /20, which is the core's connected route for that link. The node delivers the whole /20 locally
 * (LocalDeliveryRouting) rather than owning thousands of interface addresses, and one
 * OriginServer there serves every server's objects by Host. Nodes are added as classes fill;
 * more nodes keep each node's TCP endpoint list (scanned per packet by ns-3) short.
 *
 * Each origin node has a static default route to the core (see SetStaticRouting); with a
 * client helper that installs static routes too (ModemPoolHelper, LanClientsHelper), no
 * global routing is needed. Otherwise call Ipv4GlobalRoutingHelper::PopulateRoutingTables()
 * after the last AddServer.
 */
class OriginFarmHelper
{
  public:
    /**
     * \param core the router origin nodes attach to
     * \param oneWayDelays one-way delay from the core to each RTT class (RTT ~ 2x this)
     * \param base first address of the farm's address block (a /20 per node)
     */
    OriginFarmHelper(Ptr<Node> core,
                     std::vector<Time> oneWayDelays,
                     Ipv4Address base = Ipv4Address("10.128.0.0"));

    /**
     * Set an attribute of the links to the origin nodes (PointToPointNetDevice/Channel).
     * \param name "DataRate" (device) or "Delay" is not allowed (set by class)
     * \param value the value
     */
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Set an attribute of the OriginServers created from now on.
     * \param name attribute name
     * \param value attribute value
     */
    void SetServerAttribute(const std::string& name, const AttributeValue& value);

    /// \param n servers per origin node (at most 4092: a /20 less the link ends)
    void SetMaxServersPerNode(uint32_t n);
    /**
     * Give each origin node created from now on a static default route to the core
     * (default true; the core reaches the nodes by its connected routes). Such nodes have
     * static routing only, out of global routing: when the core runs global routing, it
     * announces the smallest prefix that holds the farm's blocks as an external route, so
     * that every router has one route to the whole farm (more specific routes of the
     * script's own networks in that prefix still win). False: leave routing to the script
     * (Ipv4GlobalRoutingHelper::PopulateRoutingTables).
     * \param enable whether to add the routes
     */
    void SetStaticRouting(bool enable);

    /**
     * Add a server, on a node of the RTT class closest to rtt.
     * \param host its name
     * \param rtt round-trip time wanted from the core
     * \return its address (port 80); the same address if the host exists already
     */
    InetSocketAddress AddServer(const std::string& host, Time rtt);

    /**
     * \param host a server name
     * \return its address; aborts with a clear message for an unknown host
     */
    InetSocketAddress Resolve(const std::string& host) const;

    /// \param host a server name \return whether it was added
    bool HasServer(const std::string& host) const;

    /**
     * Give the objects added from now on Last-Modified ages and modifications: each object
     * draws a mean modification interval (seconds) from meanInterval; its modifications are a
     * Poisson process of that mean at the origin (WebObjectCatalog), and its Last-Modified at
     * time 0 is the age of such a process seen at a random time: exponential of that mean.
     * Without it, objects are Last-Modified at time 0 and never change.
     * \param meanInterval the per-object mean interval, seconds (<= 0: never modified)
     */
    void SetModificationInterval(Ptr<RandomVariableStream> meanInterval);

    /**
     * Lose connection requests on their way into the origin nodes created from now on: a
     * SynLossErrorModel of this probability on each origin node's link ([PROXIM]'s mean
     * connection setup of 1.3 s, see there). Default 0: no model, no draws.
     * \param probability loss probability of a SYN, 0..1
     */
    void SetSynLoss(double probability);
    /// \return the SYN loss models of the origin nodes (none without SetSynLoss)
    std::vector<Ptr<SynLossErrorModel>> GetSynLossModels() const;
    /**
     * Hold connection requests for a random time on their way into the origin nodes created
     * from now on: a ConnectionRequestDelay on each (a slow setup without a loss, see there).
     * Default none: no hook, no draws.
     * \param seconds the delay of each connection request, seconds (one variable for all
     *        nodes)
     */
    void SetSynDelay(Ptr<RandomVariableStream> seconds);
    /// \return the connection request delays of the origin nodes (none without SetSynDelay)
    std::vector<Ptr<ConnectionRequestDelay>> GetSynDelays() const;

    /**
     * Send an explicit freshness lifetime with a share of the objects added from now on:
     * Cache-Control max-age drawn per object (seconds). Default: none.
     * \param share the share of objects, 0..1
     * \param maxAge the lifetime, seconds
     */
    void SetMaxAge(double share, Ptr<RandomVariableStream> maxAge);

    /**
     * Add the objects of trace records to the catalog (size, Content-Type, Set-Cookie and
     * Cache-Control as the records say); servers must exist already. A record's status
     * decides: 200 and 304 records are the object (a 304 record only says it exists, with
     * the size of a 200 record of it if there is one), 3xx records a redirect, 4xx and 5xx
     * records an error, answered with their status and no body.
     * \param records the records
     */
    void AddObjects(const std::vector<TraceRecord>& records);

    /**
     * Each origin node has a catalog of its own, with the objects of the hosts it serves: no
     * object is shared between nodes (ns-3's distributed simulator runs nodes in different
     * processes).
     * \param host a server added with AddServer
     * \return the catalog of the node that serves it
     */
    Ptr<WebObjectCatalog> GetCatalog(const std::string& host) const;
    /**
     * Assign fixed random variable streams to the farm's object properties, to the origin
     * servers created so far (think time, catalog modifications) and, after them, to their
     * links' SYN loss models.
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// \return the origin nodes
    NodeContainer GetNodes() const;
    /// \return the origin servers (one per node)
    ApplicationContainer GetServers() const;
    /// \return servers added
    uint32_t GetServerCount() const;
    /// \param host a server \return the RTT class it is in
    uint32_t GetRttClass(const std::string& host) const;
    /// \param host a server \return its RTT from the core: twice its class's one-way delay
    Time GetRtt(const std::string& host) const;

  private:
    /// An origin node and how many of its addresses are used.
    struct OriginNode
    {
        Ptr<Node> node;                //!< the node
        uint32_t ifIndex;              //!< its link interface
        Ipv4Address first;             //!< first server address
        uint32_t used{0};              //!< servers on it
        Ptr<WebObjectCatalog> catalog; //!< the objects of its hosts
    };

    OriginNode& NodeForClass(uint32_t cls);
    /// Announce (or widen) the farm's prefix from the core, as SetStaticRouting describes.
    void AdvertiseBlocks();

    Ptr<Node> m_core;
    std::vector<Time> m_delays;
    uint32_t m_nextBlock{0};
    Ipv4Address m_base;
    uint32_t m_maxPerNode{500};
    bool m_staticRouting{true};
    bool m_advertised{false};        //!< whether the core announces the farm's blocks
    Ipv4Address m_advertisedNetwork; //!< the prefix it announces
    Ipv4Mask m_advertisedMask;       //!< and its mask
    PointToPointHelper m_link;
    ObjectFactory m_serverFactory;
    std::vector<std::vector<OriginNode>> m_classes;
    /// A host's address, RTT class and the catalog of its node.
    struct Host
    {
        InetSocketAddress address;     //!< where it is served
        uint32_t cls;                  //!< its RTT class
        Ptr<WebObjectCatalog> catalog; //!< its node's catalog
    };

    std::map<std::string, Host> m_hosts;              //!< by host name
    Ptr<RandomVariableStream> m_modificationInterval; //!< per-object mean, seconds
    Ptr<ExponentialRandomVariable> m_age;             //!< ages, mean 1
    double m_maxAgeShare{0};                          //!< objects with a max-age
    Ptr<UniformRandomVariable> m_maxAgeChoice;        //!< which objects
    Ptr<RandomVariableStream> m_maxAge;               //!< their max-age, seconds
    NodeContainer m_nodes;
    ApplicationContainer m_servers;
    double m_synLoss{0};                                  //!< SYN loss probability of new nodes
    std::vector<Ptr<SynLossErrorModel>> m_synModels;      //!< one per node that has one
    Ptr<RandomVariableStream> m_synDelay;                 //!< SYN delay of new nodes, if any
    std::vector<Ptr<ConnectionRequestDelay>> m_synDelays; //!< one per node that has one
};

} // namespace ns3

#endif // ORIGIN_FARM_HELPER_H
