/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef MODEM_POOL_HELPER_H
#define MODEM_POOL_HELPER_H

#include "ns3/node-container.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/trace-record.h"

#include <vector>

namespace ns3
{

class AddressPlan;

/**
 * \ingroup web-proxy
 * A dial-up modem bank as in [PROXIM]'s ISP trace: N modems (28.8 kbit/s point-to-point
 * links, about 250 ms RTT for a small packet) into terminal servers on the access router
 * (NAS), which reaches the ISP's core router over a T3 (45 Mbit/s). Many more users than modems
 * share the pool: AssignSessions gives each user session a free modem, or rejects it when all are
 * busy.
 *
 * A modem's nominal 28.8 kbit/s gives about 21 kbit/s of sustained goodput in the traces;
 * set the modem devices' DataRate to model line conditions. Each modem link buffers 8
 * packets per direction (a terminal server port's few KB) and has no queue discipline.
 */
class ModemPoolHelper
{
  public:
    ModemPoolHelper();

    /**
     * Set an attribute of the modem links' devices (e.g. "DataRate", default 28.8kbps).
     * \param name attribute name
     * \param value attribute value
     */
    void SetModemDeviceAttribute(const std::string& name, const AttributeValue& value);
    /// \param delay one-way delay of a modem link (default 115 ms: ~250 ms small-packet RTT)
    void SetModemDelay(Time delay);
    /**
     * Set an attribute of the NAS-to-core uplink's devices (default DataRate 45Mbps).
     * \param name attribute name
     * \param value attribute value
     */
    void SetUplinkDeviceAttribute(const std::string& name, const AttributeValue& value);
    /// \param delay one-way delay of the uplink (default 1 ms)
    void SetUplinkDelay(Time delay);

    /**
     * Spread the modems over terminal servers of n modems each, on a 100 Mbit/s ring to the
     * access router ([PROXIM]'s bank had 450 modems on two). ns-3 scans every interface of
     * a node for each packet it forwards, so smaller terminal servers simulate faster; the
     * modeled paths are the same. Default 32.
     * \param n modems per terminal server
     */
    void SetModemsPerTerminalServer(uint32_t n);

    /**
     * Install aggregated static routes (default true): modems and terminal servers default
     * towards the core, the access router one prefix per terminal server and a default route
     * to the core, the core the pool's prefixes (10.64.0.0/10, 10.63.0.0/17) towards the
     * access router. The paths are those of global routing, looked up in a few routes per
     * node instead of one per modem link. The modems, terminal servers and access router then
     * have static routing only, and the core announces the pool's blocks to global routing as
     * external routes: global routing never visits the pool's nodes, and every router holds
     * a route per block instead of one per modem. False: leave routing to the script (e.g.
     * Ipv4GlobalRoutingHelper::PopulateRoutingTables; every node gets ns-3's default
     * routing).
     * \param enable whether Install adds the routes
     */
    void SetStaticRouting(bool enable);

    /**
     * Take the pool's addresses from a plan instead of the fixed blocks, so that several
     * pools (and the script's own links) of one scenario never overlap. Install allocates
     * from pool "<name>/modems" (the modem links' /30s: one aligned block per terminal
     * server, as without a plan), with several terminal servers "<name>/ring" (their /30s),
     * and "<name>/uplink", a /30; the static routes then cover these blocks. The plan must
     * outlive Install; a full pool is an AddressPlanError (POOL_EXHAUSTED) naming it.
     * \param plan the scenario's plan
     * \param name the pool's name in the plan (unique)
     * \param pool the plan's pool to allocate from
     */
    void SetAddressPlan(AddressPlan& plan, const std::string& name, const std::string& pool);

    /**
     * Build the pool: modem nodes, terminal servers, the access router (NAS) and the core
     * router, with the Internet stack and addresses (without an address plan: modems in
     * 10.64.0.0/10 as /30s, each terminal server's modems in one aligned block of a power of
     * two /30s, terminal servers in 10.63.0.0/17, uplink 10.63.255.252/30). With one
     * terminal server the modems attach to the access router itself.
     * \param modems number of modems
     */
    void Install(uint32_t modems);

    /**
     * Build the pool as Install(uint32_t) does, with the script's own nodes as the modems
     * (the user side of each modem link), in the container's order. Nodes without the
     * Internet stack get it. Each node gets one modem link, its address and, with static
     * routing, a default route over it; the terminal servers, the access router and the core
     * router are the helper's own nodes.
     * \param modems the modem nodes (1 to 2^20)
     */
    void Install(NodeContainer modems);

    /**
     * Link the core router to a router of the scenario's (its PoP) by a point-to-point link,
     * after Install. With an address plan the link is "<name>-access", a /30 from `pool`
     * (SetAddressPlan's pool when empty); without one, 10.63.255.248/30.
     * \param router the router (with an Internet stack)
     * \param link the link's helper (e.g. 10 Gbit/s, 100 us, as the flagship's)
     * \param pool the plan's pool for the link ("" for SetAddressPlan's)
     * \return the link's devices, the core router's first
     */
    NetDeviceContainer LinkTo(Ptr<Node> router,
                              const PointToPointHelper& link,
                              const std::string& pool = "");

    /// \return the terminal servers (the access router when there is only one)
    NodeContainer GetTerminalServers() const;

    /// \return the modem (client) nodes
    NodeContainer GetModems() const;
    /// \return the access router, where the uplink to the core starts
    Ptr<Node> GetNas() const;
    /// \return the ISP core router (attach origin servers or proxies here)
    Ptr<Node> GetCore() const;
    /// \return the modem links' devices, modem side (for PCAP)
    NetDeviceContainer GetModemDevices() const;
    /// \return the uplink devices (NAS side first)
    NetDeviceContainer GetUplinkDevices() const;
    /// \return the devices of LinkTo's link (the core router's first; empty before LinkTo)
    NetDeviceContainer GetAccessDevices() const;

    /**
     * Give fixed streams to the random variables of the pool's network layers (the stacks'
     * ARP jitter) on the modems, terminal servers, access router and core router
     * (AssignNetworkStreams). Call it after Install.
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// The outcome of giving user sessions to modems.
    struct Assignment
    {
        std::vector<std::vector<TraceRecord>> perModem; //!< records each modem replays
        uint64_t sessions{0};                           //!< sessions that got a modem
        uint64_t rejectedSessions{0};                   //!< sessions that found every modem busy
        uint64_t rejectedRequests{0};                   //!< requests of rejected sessions
        uint32_t maxBusy{0};                            //!< most modems busy at once
    };

    /**
     * Give user sessions to modems. A user's session starts with a request when the user
     * holds no modem, and holds its modem until idleTimeout after its last request (the
     * terminal server's idle disconnect). A session that finds every modem busy is rejected,
     * with all its requests until the user tries again after idleTimeout. Deterministic: the
     * lowest-numbered free modem is taken.
     * \param records requests in time order (client = user)
     * \param modems number of modems
     * \param idleTimeout idle time that ends a session
     * \return the assignment
     */
    static Assignment AssignSessions(const std::vector<TraceRecord>& records,
                                     uint32_t modems,
                                     Time idleTimeout = Minutes(15));

  private:
    PointToPointHelper m_modem;
    PointToPointHelper m_uplink;
    NodeContainer m_modems;
    NetDeviceContainer m_modemDevices;
    NetDeviceContainer m_uplinkDevices;
    NetDeviceContainer m_accessDevices; //!< LinkTo's link
    Ptr<Node> m_nas;
    NodeContainer m_terminalServers;
    uint32_t m_perServer{32};
    bool m_staticRouting{true};
    Ptr<Node> m_core;
    AddressPlan* m_plan{nullptr}; //!< the scenario's plan, if any
    std::string m_planName;       //!< the pool's name in it
    std::string m_planPool;       //!< the plan's pool to allocate from
};

} // namespace ns3

#endif // MODEM_POOL_HELPER_H
