/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_FLOW_TRACKER_H
#define DEPOT_FLOW_TRACKER_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"

#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace ns3
{

class Depot;
class Ipv4;

/**
 * \ingroup web-proxy
 * Measures both halves of depot-switched TCP traffic. FlowMonitor's Ipv4FlowProbe tags a
 * packet with the addresses it left with and ignores it where they no longer match: behind a
 * NAT depot it sees every packet leave and none arrive. This tracker marks each IP datagram
 * of a depot's traffic where it is sent (DepotFlowTag) and follows it through the depot
 * (arrival, then departure with the rewritten addresses) to where it is delivered, and sums
 * packets, bytes and one-way delays per direction and half.
 *
 * Like FlowMonitor it is one observer of every node's IPv4 traces (SendOutgoing, Rx,
 * UnicastForward, LocalDeliver), read after the run by DepotFlowReport; it sends nothing and
 * no node's model refers to it. Tracked: TCP datagrams sent to an attached depot's VIP
 * (requests) and sent from one of its proxies' address and port (replies). IP fragments of one
 * datagram share its tag: only the first to arrive counts.
 */
class DepotFlowTracker : public Object
{
  public:
    /// A TCP connection's addresses and ports as one side of the depot sees them.
    struct Tuple
    {
        Ipv4Address source;          //!< source address
        Ipv4Address destination;     //!< destination address
        uint16_t sourcePort{0};      //!< source port
        uint16_t destinationPort{0}; //!< destination port

        /// \param o another tuple \return strict weak order (source first)
        bool operator<(const Tuple& o) const
        {
            return std::make_tuple(source.Get(), sourcePort, destination.Get(), destinationPort)
                 < std::make_tuple(
                       o.source.Get(), o.sourcePort, o.destination.Get(), o.destinationPort);
        }

        /// \param o another tuple \return whether all four fields are equal
        bool operator==(const Tuple& o) const
        {
            return !(*this < o) && !(o < *this);
        }
    };

    /// One direction of a connection (keyed by the tuple it was sent with): what crossed
    /// each half. Bytes are IP datagram sizes (header included), as FlowMonitor counts them.
    struct Direction
    {
        uint64_t sentPackets{0};      //!< left the sender
        uint64_t sentBytes{0};        //!< their bytes
        uint64_t atDepotPackets{0};   //!< reached the depot
        uint64_t atDepotBytes{0};     //!< their bytes
        uint64_t forwardedPackets{0}; //!< left the depot rewritten
        uint64_t forwardedBytes{0};   //!< their bytes
        uint64_t deliveredPackets{0}; //!< delivered to the receiver after the depot
        uint64_t deliveredBytes{0};   //!< their bytes
        uint64_t lostBeforeDepot{0};  //!< sent, never reached the depot
        uint64_t droppedAtDepot{0};   //!< reached the depot, never left it
        uint64_t lostAfterDepot{0};   //!< left the depot, never delivered
        uint64_t inFlight{0};         //!< still under way when the run ended (see InFlightTime)
        uint64_t bypassed{0};         //!< delivered without leaving a depot (not switched)
        Time toDepotDelay;            //!< sum over atDepotPackets: sent to depot arrival
        Time inDepotDelay;            //!< sum over forwardedPackets: depot arrival to departure
        Time fromDepotDelay;          //!< sum over deliveredPackets: depot departure to delivery
        Time endToEndDelay;           //!< sum over deliveredPackets: sent to delivered
        Tuple rewritten;              //!< addresses the depot forwarded it with (last seen)
    };

    /// A depot session as the depot's SessionOpened trace announced it.
    struct Session
    {
        /// client:port -> VIP:port (the trace does not give the service port: Settle takes it
        /// from the client's datagrams to the VIP; 0 if none was seen)
        Tuple clientSide;
        Ipv4Address proxy;      //!< the chosen proxy
        uint16_t proxyPort{0};  //!< its port
        uint32_t proxyIndex{0}; //!< its index in the depot's pool
        uint32_t depotNode{0};  //!< id of the depot's node
        Time opened;            //!< first mapping
        uint32_t mappings{0};   //!< times the depot opened it (a reused client port counts
                                //!< again; a re-dispatched SYN maps it to another proxy)
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    DepotFlowTracker();
    ~DepotFlowTracker() override;

    /**
     * Observe nodes' IPv4 layers (clients, proxies, depots and the routers between them).
     * \param nodes nodes with an Ipv4 (others are skipped)
     */
    void Install(const NodeContainer& nodes);

    /**
     * Take a depot's sessions (its SessionOpened trace), VIP and proxies. Attach the standby of
     * a pair too: a session both announce is one session.
     * \param depot the depot, after its proxies were added
     */
    void Attach(Ptr<Depot> depot);

    /**
     * Settle the datagrams still under way: those sent more than InFlightTime ago count as
     * lost on the half where they were last seen; sessions get their service port. Called by
     * DepotFlowReport after the run.
     */
    void Settle();

    /// \return directions by the tuple they were sent with
    const std::map<Tuple, Direction>& GetDirections() const;

    /// \return sessions by their client-side tuple
    const std::map<Tuple, Session>& GetSessions() const;

    /// \return datagrams not followed because MaxInFlight were under way
    uint64_t GetUntracked() const;

    /// \return ids of the attached depots' nodes
    const std::set<uint32_t>& GetDepotNodes() const;

  private:
    /// A datagram under way.
    struct InFlight
    {
        Direction* direction;     //!< its direction's sums
        uint32_t bytes;           //!< IP size
        Time sent;                //!< when it left the sender
        Time atDepot;             //!< when it reached the depot (zero: not yet)
        Time forwarded;           //!< when it left the depot (zero: not yet)
        bool reachedDepot{false}; //!< atDepot is set
        bool leftDepot{false};    //!< forwarded is set
    };

    /// \param header IP header \param payload the TCP segment \return its tuple
    static Tuple TupleOf(const Ipv4Header& header, Ptr<const Packet> payload);

    /// SendOutgoing sink. \param header IP header \param payload datagram payload
    /// \param interface output interface
    void Sent(const Ipv4Header& header, Ptr<const Packet> payload, uint32_t interface);
    /// Rx sink of a depot node. \param node node id \param packet the datagram with its header
    /// \param ipv4 the node's Ipv4 \param interface input interface
    void Received(uint32_t node, Ptr<const Packet> packet, Ptr<Ipv4> ipv4, uint32_t interface);
    /// UnicastForward sink. \param node node id \param header IP header (rewritten)
    /// \param payload payload \param interface output interface
    void Forwarded(uint32_t node,
                   const Ipv4Header& header,
                   Ptr<const Packet> payload,
                   uint32_t interface);
    /// LocalDeliver sink. \param header IP header \param payload payload
    /// \param interface input interface
    void Delivered(const Ipv4Header& header, Ptr<const Packet> payload, uint32_t interface);
    /// SessionOpened sink. \param depot index in m_depots \param client client address
    /// \param clientPort client port \param proxy the proxy's index in the depot's pool
    void Opened(uint32_t depot, Ipv4Address client, uint16_t clientPort, uint32_t proxy);

    /// What a session trace needs of an attached depot.
    struct AttachedDepot
    {
        uint32_t node;                                      //!< its node's id
        Ipv4Address vip;                                    //!< its VIP
        std::vector<std::pair<Ipv4Address, uint16_t>> pool; //!< its proxies
    };

    uint32_t m_maxInFlight; //!< datagrams followed at most
    Time m_inFlightTime;    //!< younger unfinished datagrams count as under way at Settle
    std::vector<AttachedDepot> m_depots;               //!< attached depots
    std::set<uint32_t> m_vips;                         //!< their VIPs
    std::set<std::pair<uint32_t, uint16_t>> m_proxies; //!< (address, port) of their proxies
    std::set<uint32_t> m_depotNodes;                   //!< attached depots' nodes
    std::set<uint32_t> m_installed;                    //!< nodes observed
    std::map<Tuple, Direction> m_directions;           //!< sums per sent tuple
    std::map<Tuple, Session> m_sessions;               //!< sessions by client-side tuple
    std::unordered_map<uint64_t, InFlight> m_inFlight; //!< datagrams under way, by tag
    uint64_t m_untracked{0};                           //!< not followed (table full)
    uint64_t m_lastId{0};                              //!< last DepotFlowTag number
};

} // namespace ns3

#endif // DEPOT_FLOW_TRACKER_H
