/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LAN_CLIENTS_HELPER_H
#define LAN_CLIENTS_HELPER_H

#include "ns3/csma-helper.h"
#include "ns3/node-container.h"
#include "ns3/point-to-point-helper.h"

namespace ns3
{

class AddressPlan;

/**
 * \ingroup web-proxy
 * A research LAN as in [PROXIM]'s second trace: clients on 10 Mbit/s Ethernet (one shared
 * CSMA segment, or switched: a 10 Mbit/s link per client to the gateway) about 2.5 ms RTT
 * from the gateway, which reaches the ISP's core router over a T1 (1.5 Mbit/s).
 */
class LanClientsHelper
{
  public:
    LanClientsHelper();

    /// \param switched one link per client instead of a shared segment
    void SetSwitched(bool switched);
    /// \param rate the LAN's data rate (default 10 Mbit/s)
    void SetLanDataRate(DataRate rate);
    /// \param delay one-way delay client to gateway (default 1.25 ms: 2.5 ms RTT)
    void SetLanDelay(Time delay);
    /**
     * Set an attribute of the gateway-to-core uplink's devices (default DataRate 1.5Mbps).
     * \param name attribute name
     * \param value attribute value
     */
    void SetUplinkDeviceAttribute(const std::string& name, const AttributeValue& value);
    /// \param delay one-way delay of the uplink (default 1 ms)
    void SetUplinkDelay(Time delay);

    /**
     * Install static routes (default true): clients and gateway default towards the core,
     * the core the LAN's 10.32.0.0/14 towards the gateway; the paths of global routing, in
     * one or two routes per node. The clients and the gateway then have static routing
     * only, and the core announces the LAN's block and its uplink to global routing as
     * external routes: global routing never visits the LAN's nodes, and every router holds
     * two routes for the LAN. False: leave routing to the script (every node gets ns-3's
     * default routing).
     * \param enable whether Install adds the routes
     */
    void SetStaticRouting(bool enable);

    /**
     * Take the LAN's addresses from a plan instead of the fixed blocks, so that several
     * LANs (and the script's own links) of one scenario never overlap. Install allocates
     * from pool "<name>/lan", the smallest block for the clients and the gateway (shared:
     * an address each; switched: a /30 each), and "<name>/uplink", a /30; the core's static
     * route then covers the LAN's block. The plan must outlive Install; a full pool is an
     * AddressPlanError (POOL_EXHAUSTED) naming it.
     * \param plan the scenario's plan
     * \param name the LAN's name in the plan (unique)
     * \param pool the pool to allocate from
     */
    void SetAddressPlan(AddressPlan& plan, const std::string& name, const std::string& pool);

    /**
     * Build the LAN: client nodes, gateway and core router, with the Internet stack and
     * addresses (without an address plan: LAN 10.32.0.0/16 shared, or /30s in 10.32.0.0/14
     * switched; uplink 10.31.255.252/30).
     * \param clients number of client nodes
     */
    void Install(uint32_t clients);

    /**
     * Build the LAN as Install(uint32_t) does, with the script's own nodes as the clients, in
     * the container's order. Nodes without the Internet stack get it. Each node gets its LAN
     * interface, its address and, with static routing, a default route over it; the gateway
     * and the core router are the helper's own nodes.
     * \param clients the client nodes (1 to 60000)
     */
    void Install(NodeContainer clients);

    /**
     * Link the core router to a router of the scenario's (its PoP) by a point-to-point link,
     * after Install. With an address plan the link is "<name>-access", a /30 from `pool`
     * (SetAddressPlan's pool when empty); without one, 10.31.255.248/30.
     * \param router the router (with an Internet stack)
     * \param link the link's helper (e.g. 10 Gbit/s, 100 us, as the flagship's)
     * \param pool the plan's pool for the link ("" for SetAddressPlan's)
     * \return the link's devices, the core router's first
     */
    NetDeviceContainer LinkTo(Ptr<Node> router,
                              const PointToPointHelper& link,
                              const std::string& pool = "");

    /// \return the client nodes
    NodeContainer GetClients() const;
    /// \return the gateway router
    Ptr<Node> GetGateway() const;
    /// \return the ISP core router
    Ptr<Node> GetCore() const;
    /// \return the LAN devices (gateway's first when shared)
    NetDeviceContainer GetLanDevices() const;
    /// \return the uplink devices (gateway side first)
    NetDeviceContainer GetUplinkDevices() const;
    /// \return the devices of LinkTo's link (the core router's first; empty before LinkTo)
    NetDeviceContainer GetAccessDevices() const;

    /**
     * Give fixed streams to the random variables of the LAN's network layers: the CSMA
     * backoff of the shared segment and the stacks' ARP jitter, on the clients, the gateway
     * and the core router (AssignNetworkStreams). Call it after Install.
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

  private:
    bool m_switched{false};
    bool m_staticRouting{true};
    DataRate m_rate{"10Mbps"};
    Time m_delay{MicroSeconds(1250)};
    PointToPointHelper m_uplink;
    NodeContainer m_clients;
    NetDeviceContainer m_lanDevices;
    NetDeviceContainer m_uplinkDevices;
    NetDeviceContainer m_accessDevices; //!< LinkTo's link
    Ptr<Node> m_gateway;
    Ptr<Node> m_core;
    AddressPlan* m_plan{nullptr}; //!< the scenario's plan, if any
    std::string m_planName;       //!< the LAN's name in it
    std::string m_planPool;       //!< the pool to allocate from
};

} // namespace ns3

#endif // LAN_CLIENTS_HELPER_H
