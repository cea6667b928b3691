/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IPV4_END_POINT_SEARCH_H
#define IPV4_END_POINT_SEARCH_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-end-point-demux.h"
#include "ns3/ptr.h"

#include <cstdint>

namespace ns3
{

class Ipv4EndPoint;
class Ipv4Interface;
class NetDevice;

/**
 * \ingroup web-proxy
 * Searches of a node's TCP endpoint list (Ipv4EndPointDemux's) that give ns-3's answer at a
 * fraction of its cost, for FastDemuxTcpL4Protocol.
 *
 * Every search of ns-3's list visits each endpoint; a busy node holds thousands (a SOCKS
 * gateway relaying every proxy's origin connections held 3,200 at the flagship's
 * ``--scale=4``, half of them TIME_WAIT, half idle persistent connections). ns-3's
 * Ipv4EndPointDemux::Lookup, which it runs for each connection request, calls four
 * accessors in another library, a log check and a reference-counted device pointer per
 * endpoint, and builds four lists: at ``--scale=8`` it and its accessors took 11% of the run.
 * These searches read the endpoint's fields directly (PrivateMemberAccess: the six fields
 * have had these names and types since ns-3.8, checked up to ns-3-dev of 2026) in one tight
 * loop.
 */
class Ipv4EndPointSearch
{
  public:
    /// What a received segment is addressed to.
    struct Segment
    {
        Ipv4Address daddr; //!< destination (local) address
        uint16_t dport;    //!< destination (local) port
        Ipv4Address saddr; //!< source (peer) address
        uint16_t sport;    //!< source (peer) port
    };

    /// Where an exact match was found.
    struct ExactHit
    {
        Ipv4EndPointDemux::EndPointsI at; //!< the endpoint's place in the list
        uint32_t steps;                   //!< steps taken from the end it was found from
        bool fromBack;                    //!< found by the search from the back
    };

    /**
     * The endpoint of exactly this four-tuple that receives (not bound to another device),
     * searched from both ends of the list at once: ns-3's first choice for any segment.
     * \param list the node's endpoint list
     * \param s the segment
     * \param device the device it arrived on
     * \param[out] hit where it was found (set when found)
     * \return whether one was found
     */
    static bool FindExact(Ipv4EndPointDemux::EndPoints& list,
                          const Segment& s,
                          const Ptr<NetDevice>& device,
                          ExactHit& hit);

    /// The outcome of Lookup.
    struct Choice
    {
        Ipv4EndPoint* endPoint{nullptr}; //!< the one endpoint ns-3 would deliver to
        uint32_t candidates{0};          //!< endpoints of the most exact class (0, 1 or more)
    };

    /**
     * Whether an endpoint is a connection: local address, peer address and peer port all
     * set. ns-3 never changes such an endpoint's four-tuple again (a socket's endpoint gets
     * its peer and local address while it connects, or at its fork), and it can only be ns-3's
     * four-tuple choice for a segment of that tuple (or, with a subnet's network part as its
     * local address, the all-but-local-address one).
     * \param e the endpoint
     * \param[out] tuple its four-tuple, as a segment to it would carry it (set when true)
     * \return whether it is a connection
     */
    static bool GetConnection(const Ipv4EndPoint* e, Segment& tuple);

    /**
     * The endpoint ns-3's Ipv4EndPointDemux::Lookup (ns-3.37 to 3.48) returns for a segment:
     * of the endpoints that receive on its local port (and device, if bound) and whose local
     * address is the destination, any, or a subnet-directed match on the interface, and whose
     * peer is the source or a wildcard, the one of the most exact class (four-tuple; peer
     * exact with a wildcard local address; local address exact with a wildcard peer;
     * wildcards only). endPoint is set only when that class has exactly one member: with none
     * ns-3 answers with a reset, with more it aborts; callers leave both to ns-3.
     * \param first the first endpoint of the list (or of a part of it) to search
     * \param last the end of the search
     * \param s the segment
     * \param incomingInterface the interface it arrived on
     * \return the choice among the endpoints searched
     */
    static Choice Lookup(Ipv4EndPointDemux::EndPoints::const_iterator first,
                         Ipv4EndPointDemux::EndPoints::const_iterator last,
                         const Segment& s,
                         const Ptr<Ipv4Interface>& incomingInterface);

    /**
     * Lookup over a whole list.
     * \param list the node's endpoint list
     * \param s the segment
     * \param incomingInterface the interface it arrived on
     * \return the choice
     */
    static Choice Lookup(const Ipv4EndPointDemux::EndPoints& list,
                         const Segment& s,
                         const Ptr<Ipv4Interface>& incomingInterface);
};

} // namespace ns3

#endif // IPV4_END_POINT_SEARCH_H
