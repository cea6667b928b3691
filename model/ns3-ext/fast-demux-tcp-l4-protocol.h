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
 * that was a fifth of the simulation's run time, and at the flagship's SOCKS gateway, whose
 * endpoints grow with the scale (3,200 at --scale=4), its lookup per connection request was
 * the largest cost that grew with the scale. This class keeps the node's endpoint list in
 * three parts, divided by two inert endpoints of its own (port 0, receiving disabled: no
 * lookup, allocation or port search of ns-3's matches them): the open endpoints (listening,
 * bound, anything without a peer), the connections, and what ns-3 appended since the last
 * segment, which each segment first sorts in, adding the connections' four-tuples to a hash
 * set.
 *
 * - A segment whose four-tuple is in the set goes to the endpoint that matches it exactly
 *   (local address and port, peer address and port, receiving enabled, not bound to another
 *   device), ns-3's first choice. The search runs from both ends of the list and the endpoint
 *   found moves to the front of the connections, so the connections that are sending are
 *   found after a few steps, and idle persistent connections and TIME_WAIT endpoints sink
 *   behind them.
 * - Otherwise (a connection request, a segment without such an endpoint) ns-3's lookup rules
 *   choose, in one walk that reads the endpoints' fields directly (Ipv4EndPointSearch). A
 *   connection can only be ns-3's choice for its own four-tuple (or, bound to a subnet's
 *   network part, for that subnet's), and ns-3 never changes a connection's four-tuple: unless
 *   the set holds one of those, the few open endpoints decide, without a walk of the
 *   connections.
 * - ns-3 does not say when it deletes an endpoint, so the set also holds four-tuples of closed
 *   connections (a stale one costs a full walk, never a wrong choice); it is rebuilt from the
 *   list when it holds more than twice the list's length plus 64.
 * - A segment for no endpoint, or for more than one, and IPv6 take ns-3's own path unchanged.
 *
 * The TCP behaviour is ns-3's: only the order of the endpoint list and the two inert
 * endpoints differ, and ns-3's lookups do not depend on them.
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
     * (moved to the front of the connections when found beyond FrontWindow steps from the
     * front, or from the back); a connection request, or a segment without such an endpoint,
     * to the endpoint ns-3's lookup would choose (Ipv4EndPointSearch::Lookup). A segment for
     * no endpoint or for more than one, or any with ExactMatch off, goes to
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
