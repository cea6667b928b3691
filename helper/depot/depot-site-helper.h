/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DEPOT_SITE_HELPER_H
#define DEPOT_SITE_HELPER_H

#include "depot-helper.h"
#include "depot-standby-helper.h"

#include "ns3/application-container.h"
#include "ns3/csma-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/proxy-cache-helper.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class AddressPlan;
class Depot;
class DepotStandby;

/**
 * \ingroup web-proxy
 * A depot cluster at a router ([Depot] §3, Fig. 3): a standby pair of depots in front of a
 * pool of ProxyCaches, on two LANs of the router.
 *
 * - LAN A (the router, both depots, the virtual address VIP) faces the clients: the router
 *   forwards traffic for the VIP to whichever depot holds it.
 * - LAN B (the router, both depots, the proxies, the pool's gateway address) faces the
 *   proxies: their replies go to the gateway, which the master depot holds and rewrites
 *   ([Depot] NAT mode). Their outbound traffic (to the origins, and to what
 *   AddOutboundRoute names) goes through the router, not the depot.
 *
 * Both LANs are /24 blocks named "<name>/lan-a" and "<name>/lan-b" from an AddressPlan pool;
 * the router is .1 of each, the depots .2 and .3, the proxies .4 onwards on LAN B, the VIP and
 * the gateway .100 of theirs. The depots and proxies route statically (global routing must
 * not take the depots' shared virtual addresses for networks of their own); the router's
 * LAN interfaces join the global routing the user computes after Install
 * (Ipv4GlobalRoutingHelper::PopulateRoutingTables or RecomputeRoutingTables).
 *
 * Several sites, each on its own router or each with its own plan names, make [Depot]'s
 * two-level balancing together with a DnsAliasServer that answers one alias with their
 * VIPs. Nothing here is random, so there are no streams to assign.
 */
class DepotSiteHelper
{
  public:
    /// What Install built.
    struct Site
    {
        std::string name;                        //!< the name given to Install
        Ipv4Address vip;                         //!< clients connect to it
        Ipv4Address gateway;                     //!< the proxies' default gateway
        uint16_t port{0};                        //!< the service port (the proxies' port)
        NodeContainer depots;                    //!< the master first, then the backup
        NodeContainer proxies;                   //!< the pool's nodes
        ApplicationContainer proxyApps;          //!< the pool's ProxyCaches
        std::vector<Ptr<Depot>> depotApps;       //!< per depot node
        std::vector<Ptr<DepotStandby>> standbys; //!< per depot node
        NetDeviceContainer lanA;                 //!< LAN A's devices, the router's first
        NetDeviceContainer lanB;                 //!< LAN B's devices, the router's first
    };

    /// A site of 3 proxies on port 3128, hot standby, 1 Gbit/s LANs with 5 us delay.
    DepotSiteHelper();

    /**
     * \param proxies proxies in the pool (1 to 96: they and the depots fit below .100)
     */
    void SetProxyCount(uint32_t proxies);

    /**
     * Install the pool with this helper (its port is the site's service port, its
     * attributes and resolver those of every proxy). Default: ProxyCacheHelper(3128).
     * \param proxies the helper, copied
     */
    void SetProxyHelper(const ProxyCacheHelper& proxies);

    /**
     * \param port the service port of the VIP and the proxies (default 3128)
     */
    void SetPort(uint16_t port);

    /**
     * Set an attribute of both depots (ns3::Depot).
     * \param name attribute name
     * \param value attribute value
     */
    void SetDepotAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param type the depots' scheduler TypeId name (DepotHelper::SetScheduler)
     */
    void SetScheduler(const std::string& type);

    /**
     * Set an attribute of both DepotStandby applications (e.g. Mode "hot" or "warm").
     * \param name attribute name
     * \param value attribute value
     */
    void SetStandbyAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Set an attribute of both LANs' channels (ns3::CsmaChannel: DataRate, Delay).
     * \param name attribute name
     * \param value attribute value
     */
    void SetLanAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Route traffic of the proxies to this network through the router rather than the depot
     * (origins, a SOCKS gateway or parent proxy, sibling sites).
     * \param network the network address
     * \param mask its mask
     */
    void AddOutboundRoute(Ipv4Address network, Ipv4Mask mask);

    /**
     * Build a site at a router.
     * \param router the router (an Ipv4 stack installed), linked to the rest of the network
     * \param plan where the two LAN blocks come from
     * \param name the site's name: the blocks are "<name>/lan-a" and "<name>/lan-b"
     * \param pool the plan's pool to allocate them from
     * \return the site
     */
    Site Install(Ptr<Node> router,
                 AddressPlan& plan,
                 const std::string& name,
                 const std::string& pool) const;

    /**
     * Capture both LANs at the router's devices.
     * \param prefix file prefix: "<prefix>-a" and "<prefix>-b"
     * \param site a site this helper installed
     */
    void EnablePcap(const std::string& prefix, const Site& site) const;

  private:
    uint32_t m_proxies{3};          //!< pool size
    uint16_t m_port{3128};          //!< service port
    ProxyCacheHelper m_proxyHelper; //!< installs the pool
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_depotAttributes; //!< Depot
    std::string m_scheduler;                                  //!< empty: DepotHelper's
    DepotStandbyHelper m_standby;                             //!< the pair's standby
    CsmaHelper m_csma;                                        //!< both LANs
    std::vector<std::pair<Ipv4Address, Ipv4Mask>> m_outbound; //!< see AddOutboundRoute
};

} // namespace ns3

#endif // DEPOT_SITE_HELPER_H
