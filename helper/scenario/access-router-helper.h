/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ACCESS_ROUTER_HELPER_H
#define ACCESS_ROUTER_HELPER_H

#include "ns3/csma-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/point-to-point-helper.h"

#include <string>

namespace ns3
{

class AddressPlan;

/**
 * \ingroup web-proxy
 * Customers behind an ISP's access router at a PoP: a router linked to the PoP and its
 * clients on Ethernet segments (CSMA, 100 Mbit/s) of at most SegmentSize clients each, one
 * port of the router per segment. It is where [ProxyTeller]_'s ISP runs a forward proxy that
 * intercepts its customers' web traffic: only these customers' packets cross the router, so
 * a hook on it (TransparentInterceptionHelper) redirects no transit traffic. The router runs
 * FastDemuxTcpL4Protocol, for a proxy's many connections.
 *
 * Addresses come from an AddressPlan: "<name>-access" (a /30) for the link to the PoP and
 * "<name>-lan", "<name>-lan-2", ... for the segments (a /24 unless a segment needs more; the
 * router is the first address of each).
 */
class AccessRouterHelper
{
  public:
    AccessRouterHelper();

    /**
     * \param link the helper for the router's link to its PoP (default 10 Gbit/s, 100 us)
     */
    void SetAccessLink(const PointToPointHelper& link);
    /**
     * \param name a CsmaChannel attribute of the segments (default DataRate 100 Mbit/s,
     *        Delay 5 us)
     * \param value its value
     */
    void SetSegmentChannelAttribute(const std::string& name, const AttributeValue& value);
    /// \param clients most clients on one segment (default 32; at least 1)
    void SetSegmentSize(uint32_t clients);
    /**
     * Route the clients by a static default route to the router's port on their segment
     * (default true): the only path out, as global routing would find it. The clients then
     * have static routing only and stay out of global routing; the router, with global
     * routing, announces its segments. ns-3.37's route computation walks the node list
     * once per route it installs (ns-3.46 and later do not), and each client taking part is
     * one more router to install routes for: with the flagship's 128 intercepted clients
     * (--scale=32) RecomputeRoutingTables took 110 to 133 s, without them 0.08 s.
     * False: every client gets ns-3's default stack (global routing included).
     * \param enable whether Install adds the routes
     */
    void SetStaticRouting(bool enable);
    /**
     * Take the addresses from a plan.
     * \param plan the plan (kept by reference: it must outlive Install)
     * \param name the blocks' name prefix
     * \param pool the plan's pool to allocate them from
     */
    void SetAddressPlan(AddressPlan& plan, const std::string& name, const std::string& pool);

    /**
     * Create the router and clients clients, with Internet stacks, linked to pop.
     * \param pop the PoP's node (with an Internet stack)
     * \param clients how many client nodes (at least 1)
     */
    void Install(Ptr<Node> pop, uint32_t clients);
    /**
     * Put the script's own client nodes (without Internet stacks) behind a new router.
     * \param pop the PoP's node (with an Internet stack)
     * \param clients the client nodes (at least 1)
     */
    void Install(Ptr<Node> pop, NodeContainer clients);

    /// \return the access router
    Ptr<Node> GetRouter() const;
    /// \return the clients
    NodeContainer GetClients() const;
    /// \return the router's address on the first segment (where its clients find a proxy)
    Ipv4Address GetRouterAddress() const;
    /// \return the router's device on each segment, in segment order
    NetDeviceContainer GetSegmentPorts() const;
    /// \return the link to the PoP (router's device first)
    NetDeviceContainer GetAccessDevices() const;

  private:
    /// Create the router with its stack (once).
    void CreateRouter();
    /**
     * Give the clients stacks and link everything.
     * \param pop the PoP's node
     * \param clients the client nodes
     */
    void Connect(Ptr<Node> pop, NodeContainer clients);

    PointToPointHelper m_access;
    CsmaHelper m_segment;
    uint32_t m_segmentSize{32};
    bool m_staticRouting{true};
    AddressPlan* m_plan{nullptr};
    std::string m_name;
    std::string m_pool;
    Ptr<Node> m_router;
    NodeContainer m_clients;
    Ipv4Address m_routerAddress;
    NetDeviceContainer m_ports;
    NetDeviceContainer m_accessDevices;
};

} // namespace ns3

#endif // ACCESS_ROUTER_HELPER_H
