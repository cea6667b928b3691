/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FAST_DEMUX_TCP_L4_PROTOCOL_H
#define FAST_DEMUX_TCP_L4_PROTOCOL_H

#include "ipv4-end-point-search.h"

#include "ns3/ipv4-end-point-demux.h"
#include "ns3/tcp-l4-protocol.h"

#include <cstdint>
#include <unordered_set>

namespace ns3
{

/**
 * \ingroup web-proxy
 * ns-3's TCP with a cheaper receive-side demultiplexer, for nodes that hold hundreds of
 * connections (a proxy, an origin node serving many hosts).
 *
 * ns-3's Ipv4EndPointDemux::Lookup visits every endpoint of the node for every received
 * segment, with a log check and several calls per endpoint; at a proxy with 400 connections
 * that was a fifth of the simulation's run time. This class first looks for the endpoint that
 * matches the segment's four-tuple exactly (local address and port, peer address and port,
 * receiving enabled, not bound to another device), which is the match ns-3 prefers above all
 * others, and hands the segment to it. The search runs from both ends of the node's list at
 * once and the endpoint found moves to the front, so the connections that are sending are
 * found after a few steps at the front, a connection just opened (ns-3 appends its endpoint)
 * after a few at the back, and idle persistent connections and TIME_WAIT endpoints sink
 * between them. A connection request (SYN without ACK), and a segment without an endpoint of
 * its exact four-tuple, get ns-3's lookup rules in one walk that reads the endpoints' fields
 * directly (Ipv4EndPointSearch::Lookup): at the flagship's SOCKS gateway, with thousands of
 * endpoints, ns-3's own lookup per connection request had become the largest cost that grows
 * with the scale. A segment for no endpoint, or for more than one, and IPv6 take ns-3's own
 * path unchanged, so the TCP behaviour is ns-3's: only the order of the endpoint list
 * differs, and ns-3's lookup does not depend on it.
 *
 * Install it with InstallInternetStackWithTcp (web-proxy-compat.h); the module's
 * origin-farm helper and IspScenarioHelper::AddProxyNode do.
 */
class FastDemuxTcpL4Protocol : public TcpL4Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    FastDemuxTcpL4Protocol();

    /**
     * Receive a segment from IPv4: hand it straight to the endpoint of its exact four-tuple
     * (moved to the front of the list when found beyond FrontWindow steps from the front, or
     * from the back); a connection request, or a segment without such an endpoint, to the
     * endpoint ns-3's lookup would choose (Ipv4EndPointSearch::Lookup). A segment for no
     * endpoint or for more than one, or any with ExactMatch off, goes to
     * TcpL4Protocol::Receive.
     * \param p the segment, TCP header first
     * \param incomingIpHeader its IPv4 header
     * \param incomingInterface the interface it arrived on
     * \return the receive status (RX_OK once delivered, or the checksum failure)
     */
    enum IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                        const Ipv4Header& incomingIpHeader,
                                        Ptr<Ipv4Interface> incomingInterface) override;
    using TcpL4Protocol::Receive;

    /// \return segments delivered through the exact four-tuple match
    uint64_t GetExactMatches() const;
    /// \return segments delivered by Ipv4EndPointSearch::Lookup (connection requests, and
    /// segments without an endpoint of their exact four-tuple)
    uint64_t GetLookups() const;
    /// \return segments handed to ns-3's own receive path (no endpoint, or more than one)
    uint64_t GetFallbacks() const;

  private:
    /// A connection's four-tuple as a hash key: local and peer address, local and peer port.
    struct TupleKey
    {
        uint64_t addresses; //!< local address in the high word, peer address in the low
        uint32_t ports;     //!< local port in the high half, peer port in the low

        /// \param o another key \return whether both are the same four-tuple
        bool operator==(const TupleKey& o) const
        {
            return addresses == o.addresses && ports == o.ports;
        }
    };

    /// Hashes a TupleKey.
    struct TupleHash
    {
        /// \param k the key \return its hash
        size_t operator()(const TupleKey& k) const;
    };

    /// \param s a segment's four-tuple \return its key
    static TupleKey Key(const Ipv4EndPointSearch::Segment& s);

    /**
     * Brings the endpoint list into the order the searches rely on: the open endpoints
     * (listening, bound, anything that is not a connection) at the front, then the first
     * marker, the connections, the second marker; endpoints ns-3 appended since the last call
     * (behind the second marker) are sorted in, the connections' four-tuples added to the
     * set. Installs the markers on the first call.
     * \param list the node's endpoint list
     */
    void Sync(Ipv4EndPointDemux::EndPoints& list);

    bool m_enabled;          //!< use the exact-match path (else ns-3's lookup only)
    uint32_t m_frontWindow;  //!< endpoints found within this many steps stay where they are
    uint64_t m_exact{0};     //!< segments delivered by the exact match
    uint64_t m_lookups{0};   //!< segments delivered by the one-walk lookup
    uint64_t m_fallbacks{0}; //!< segments passed to TcpL4Protocol::Receive
    bool m_markers{false};   //!< the two markers are in the list
    Ipv4EndPointDemux::EndPointsI m_openEnd;  //!< first marker: ends the open endpoints
    Ipv4EndPointDemux::EndPointsI m_knownEnd; //!< second marker: ends the sorted connections
    /// The four-tuples of the connections in the list since the last Sync, and of some that
    /// ns-3 has deleted since (at most twice the list's length plus 64).
    std::unordered_set<TupleKey, TupleHash> m_connections;
};

} // namespace ns3

#endif // FAST_DEMUX_TCP_L4_PROTOCOL_H
