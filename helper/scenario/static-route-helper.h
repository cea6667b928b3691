/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef STATIC_ROUTE_HELPER_H
#define STATIC_ROUTE_HELPER_H

#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"

#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Aggregated static routes for the population and farm helpers. Their topologies are trees,
 * so a default route towards the core and one prefix per subtree give the same paths as
 * Ipv4GlobalRoutingHelper with a few routes per node instead of one per link of the whole
 * network (ns-3's global and static routing look routes up by a linear scan, per packet).
 * Ipv4ListRouting consults static routing (priority 0) before global routing (-10), so
 * these routes also win over global routes when a script populates those.
 */
class StaticRouteHelper
{
  public:
    /**
     * Route a prefix out of a point-to-point device, through the node at the other end.
     * \param device the device, on the node that gets the route; it and its peer have IPv4
     * \param network the prefix
     * \param mask its mask ("0.0.0.0" with network 0.0.0.0: the default route)
     */
    static void AddRoute(Ptr<NetDevice> device, Ipv4Address network, Ipv4Mask mask);

    /**
     * Route a prefix out of a device through a given next hop (e.g. on a shared segment).
     * \param device the device, on the node that gets the route
     * \param nextHop the next hop's address, on the device's network
     * \param network the prefix
     * \param mask its mask
     */
    static void AddRoute(Ptr<NetDevice> device,
                         Ipv4Address nextHop,
                         Ipv4Address network,
                         Ipv4Mask mask);

    /**
     * Give the hosts on a shared segment (CSMA) a default route through the router's address
     * there, their only way out.
     * \param segment the segment's devices
     * \param first the index of the first host's device (the router's come before it)
     * \param gateway the router's address on the segment
     */
    static void AddDefaultRoutes(const NetDeviceContainer& segment,
                                 uint32_t first,
                                 Ipv4Address gateway);

    /**
     * Make nodes strong end systems (RFC 1122; SetStrongEndSystem in web-proxy-compat.h), as fits
     * routers. For each packet it forwards, a weak end system first looks for the destination among
     * the addresses of all its interfaces (ns-3 scans them), which on a terminal server with 33
     * interfaces cost 8% of a modem pool's run. A strong one looks only at the interface the
     * packet came in on. Hosts keep ns-3's default: the depot's direct routing needs it.
     * \param routers the nodes
     */
    static void SetRouters(NodeContainer routers);

    /**
     * Install ns-3's Internet stack on the nodes that have none. The population helpers
     * install onto a script's own nodes, which may already carry the stack
     * (InternetStackHelper aborts on those).
     * \param nodes the nodes
     */
    static void InstallStack(NodeContainer nodes);

    /**
     * Install ns-3's Internet stack with static routing only (no global routing) on the nodes
     * that have none. An access network's hosts and inner routers, routed by this helper's
     * routes, then stay out of global routing: its shortest-path computation visits every
     * router and every link record of every router (a LAN of 256 hosts is one network record
     * listing 257 routers), and every router's table gets a route per host link. The access
     * network's core announces its blocks instead (AdvertiseBlocks).
     * \param nodes the nodes
     */
    static void InstallHostStack(NodeContainer nodes);

    /**
     * Install the stack of an access network's hosts, as the population helpers do: with
     * static routing only (InstallHostStack) when the helper installs its own routes, ns-3's
     * default otherwise (InstallStack), and return the stack helper for the network's inner
     * routers, configured the same way. Its core router, linked to the rest of the network,
     * keeps ns-3's default stack.
     * \param hosts the hosts (those that have a stack keep it)
     * \param staticOnly whether the network is routed by this helper's routes
     * \return the stack helper for the inner routers
     */
    static InternetStackHelper InstallAccessHosts(NodeContainer hosts, bool staticOnly);

    /**
     * Announce an access network's blocks to global routing from its core router (the node the
     * script links to the backbone), as external routes (AdvertiseGlobalRoute,
     * web-proxy-compat.h). Every router then holds one route per block; the core forwards
     * into the network by its static routes.
     * \param core the core router (with global routing)
     * \param blocks the prefixes, each with its mask
     */
    static void AdvertiseBlocks(Ptr<Node> core,
                                const std::vector<std::pair<Ipv4Address, Ipv4Mask>>& blocks);
};

} // namespace ns3

#endif // STATIC_ROUTE_HELPER_H
