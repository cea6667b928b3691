/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PACKET_HOOK_ROUTING_H
#define PACKET_HOOK_ROUTING_H

#include "web-proxy-compat.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>

namespace ns3
{

class Node;

/**
 * \ingroup web-proxy
 * The module's packet hook (netfilter PRE_ROUTING / LOCAL_OUT position): an Ipv4ListRouting
 * that takes over a node's routing protocols and runs registered hooks on every IPv4 packet
 * the node receives (before local delivery or forwarding) and on every packet it sends.
 *
 * Being an Ipv4ListRouting, it keeps the adopted protocols visible to
 * Ipv4RoutingHelper::GetRouting (static routing helpers, users' scripts). The adopted
 * protocols keep the Ipv4 they already have: installation never calls SetIpv4 on them again.
 *
 * Input hooks may rewrite the packet and its IP header: routing then uses the rewritten
 * header, so a new destination re-routes the packet (forwarded, or delivered locally when the
 * new destination is the node's own). They may add a delay (the packet continues after it),
 * drop the packet or consume it. Output hooks may drop a packet or change the destination used
 * for the route lookup; ns-3 builds the IP header of locally sent packets after routing, so
 * they cannot rewrite it.
 */
class PacketHookRouting : public Ipv4ListRouting
{
  public:
    /// Where a hook is called.
    enum Direction : uint8_t
    {
        INPUT, //!< a received packet, before local delivery or forwarding
        OUTPUT //!< a locally generated packet, at its route lookup
    };

    /// What a hook decides.
    enum Verdict : uint8_t
    {
        PASS,   //!< go on (with the packet and header as the hook left them)
        DROP,   //!< discard the packet (fires the Drop trace)
        CONSUME //!< the hook took the packet; nothing else happens to it
    };

    /// The packet as the hooks see it.
    struct HookPacket
    {
        Ptr<Packet> packet;               //!< the packet without its IP header (input: a copy)
        Ipv4Header header;                //!< the IP header; rewrite to re-route
        Ptr<const NetDevice> inputDevice; //!< receiving device (null on output)
        Direction direction;              //!< input or output
        Time delay;                       //!< hooks add to it; input packets continue after it
        /**
         * Input only: forward the packet to this neighbour with its destination unchanged
         * (direct routing, the MAC-level rewrite of an IPVS director), even when the node
         * owns the destination. Unset (0.0.0.0): route by the destination.
         */
        Ipv4Address nextHop;
    };

    /// A hook.
    using Hook = Callback<Verdict, HookPacket&>;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    PacketHookRouting();
    ~PacketHookRouting() override;

    /**
     * The node's packet hook, installed on first use: takes over the node's routing protocols
     * (those of its Ipv4ListRouting, or the single protocol it has) and becomes the node's
     * routing protocol. The node needs an Ipv4 (InternetStackHelper) first.
     * \param node the node
     * \return the node's hook
     */
    static Ptr<PacketHookRouting> Install(Ptr<Node> node);

    /**
     * Register a hook. Hooks run in increasing priority order (equal priorities in
     * registration order); the first that drops or consumes a packet ends the walk.
     * \param hook the hook
     * \param priority its position
     * \return an id for RemoveHook
     */
    uint32_t AddHook(Hook hook, int16_t priority = 0);

    /**
     * \param id what AddHook returned
     */
    void RemoveHook(uint32_t id);

    /// \return the number of registered hooks
    uint32_t GetNHooks() const;

    /**
     * Adopt a routing protocol, giving it this node's Ipv4 once the hook has one (the
     * protocols adopted by Install keep theirs and get no second SetIpv4).
     * \param routingProtocol the protocol
     * \param priority its priority in the list (higher is consulted first)
     */
    void AddRoutingProtocol(Ptr<Ipv4RoutingProtocol> routingProtocol, int16_t priority) override;
    /**
     * Run the output hooks on a locally sent packet, then look its route up in the adopted
     * protocols with the destination the hooks left. Route lookups without a packet (TCP's at
     * connect) skip the hooks; a packet the hooks dropped or consumed gets no route, also when
     * Ipv4L3Protocol::Send looks it up a second time.
     * \param p the packet (may be null)
     * \param header its IPv4 header
     * \param oif the requested output device
     * \param sockerr set to ERROR_NOROUTETOHOST when there is no route
     * \return the route, or nullptr
     */
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    /**
     * Run the input hooks on a copy of a received packet, then (after the delay they added)
     * forward it to their next hop or route it as Ipv4ListRouting would, with the header they
     * left.
     * \param p the packet
     * \param header its IPv4 header
     * \param idev the device it arrived on
     * \param ucb unicast forwarding callback
     * \param mcb multicast forwarding callback
     * \param lcb local delivery callback
     * \param ecb error callback
     * \return true when the packet was handled: routed, delayed, dropped or consumed by a hook
     */
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    WEB_PROXY_ROUTE_INPUT_CB(UnicastForwardCallback) ucb,
                    WEB_PROXY_ROUTE_INPUT_CB(MulticastForwardCallback) mcb,
                    WEB_PROXY_ROUTE_INPUT_CB(LocalDeliverCallback) lcb,
                    WEB_PROXY_ROUTE_INPUT_CB(ErrorCallback) ecb) override;
    /**
     * Keep the node's Ipv4 without passing it to the adopted protocols, which already have it
     * (see Install). Aborts when the hook is already bound to another Ipv4.
     * \param ipv4 the node's Ipv4
     */
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    /**
     * Print the node, the time, the number of hooks and protocols, then each adopted protocol
     * with its priority and its own table.
     * \param stream the output stream
     * \param unit the time unit
     */
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    /// Drops the hooks (callbacks that may hold their owners) and the node's Ipv4.
    void DoDispose() override;

  private:
    /**
     * Run the hooks.
     * \param hp the packet
     * \return the verdict
     */
    Verdict RunHooks(HookPacket& hp);

    /**
     * What Ipv4ListRouting::RouteInput does (local delivery first, then the protocols), with
     * this object's Ipv4: the base class's own pointer stays unset, because setting it would
     * hand the adopted protocols a second SetIpv4.
     * \param p packet
     * \param header IP header
     * \param idev input device
     * \param ucb unicast forward callback
     * \param mcb multicast forward callback
     * \param lcb local delivery callback
     * \param ecb error callback
     * \return true if the packet was handled
     */
    bool ListRouteInput(Ptr<const Packet> p,
                        const Ipv4Header& header,
                        Ptr<const NetDevice> idev,
                        UnicastForwardCallback ucb,
                        MulticastForwardCallback mcb,
                        LocalDeliverCallback lcb,
                        ErrorCallback ecb);

    /**
     * Forward a packet to a neighbour without changing its destination.
     * \param p packet
     * \param header IP header
     * \param nextHop the neighbour
     * \param ucb unicast forward callback
     * \param ecb error callback
     */
    void ForwardTo(Ptr<const Packet> p,
                   const Ipv4Header& header,
                   Ipv4Address nextHop,
                   UnicastForwardCallback ucb,
                   ErrorCallback ecb);

    /**
     * After the hooks: forward to the hooks' next hop, or route as Ipv4ListRouting would.
     * \return true if the packet was handled
     */
    bool Continue(Ptr<const Packet> p,
                  const Ipv4Header& header,
                  Ipv4Address nextHop,
                  Ptr<const NetDevice> idev,
                  UnicastForwardCallback ucb,
                  MulticastForwardCallback mcb,
                  LocalDeliverCallback lcb,
                  ErrorCallback ecb);

    Ptr<Ipv4> m_ipv4;                                          //!< the node's Ipv4
    std::multimap<int16_t, std::pair<uint32_t, Hook>> m_hooks; //!< by priority
    uint32_t m_nextHookId{1};                                  //!< next AddHook id
    bool m_droppedOutput{false};    //!< the last output packet was dropped
    uint64_t m_droppedOutputUid{0}; //!< its uid
    TracedCallback<Ptr<const Packet>, const Ipv4Header&, Direction> m_dropTrace; //!< drops
};

} // namespace ns3

#endif // PACKET_HOOK_ROUTING_H
