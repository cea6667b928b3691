/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_BROKEN_CONNECTIONS_H
#define DEPOT_BROKEN_CONNECTIONS_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <map>
#include <utility>

namespace ns3
{

class Depot;
class Ipv4Header;
class Packet;

/**
 * \ingroup web-proxy
 * \brief The connections a failover broke, as the new master sees them.
 *
 * After a takeover, a segment without a session (a client's, or a proxy's reply to a client)
 * belongs to a connection the failed depot held and this one never learnt: each such flow is
 * counted once. Not counted: flows whose session this depot's own table held and removed
 * (closed, expired, or scrapped with a failed proxy) within its TimeWaitTimeout. Their late
 * segments (a client answering the depot's RST with a FIN, a retransmission) would have met
 * no session on the failed depot either: the proxy's failure or the connection's end broke
 * them, not the takeover. Until 2026-12-03 they were counted: in depot-failover with proxy 1
 * crashing at 2 s, the new master scrapped proxy 1's sessions at 12 s and counted their
 * clients' FINs as 6 broken connections of the hot pair.
 */
class DepotBrokenConnections
{
  public:
    /// \param trace the standby's BrokenConnection trace
    explicit DepotBrokenConnections(TracedCallback<Ipv4Address, uint16_t>* trace);

    /**
     * \param lifetime how long an ended flow is remembered (the depot's TIME_WAIT, 2 MSL: as
     *        long as it holds a closed session for wandering segments)
     * \param limit ended flows remembered at most (the oldest goes; a flow forgotten early is
     *        counted if it is seen again: an overcount, never an undercount of real breaks)
     */
    void Configure(Time lifetime, uint32_t limit);

    /**
     * Learn the sessions the depot's table removes (its SessionClosed and SessionExpired
     * traces), remembered for its TimeWaitTimeout, at most MaxSessions of them (65536 when
     * its table is unbounded).
     * \param depot the standby's depot
     */
    void Watch(Ptr<Depot> depot);

    /// Start afresh (a new master); the ended flows are kept.
    void Clear();

    /// Forget the ended flows too (the depot lost its table).
    void Forget();

    /**
     * A session of this depot's table ended: its flow's later segments are not counted.
     * \param client the client's address
     * \param port the client's port
     */
    void Ended(Ipv4Address client, uint16_t port);

    /// \return ended flows remembered now (at most the limit)
    uint32_t GetEndedCount() const;

    /**
     * A segment without a session was dropped by the new master's depot.
     * \param packet the segment (TCP header first)
     * \param header its IP header
     * \param vip the depot's virtual IP (tells the client's segments from the proxies')
     */
    void Dropped(Ptr<const Packet> packet, const Ipv4Header& header, Ipv4Address vip);

    /// \return connections counted broken
    uint64_t GetCount() const;

    /// \return broken flows remembered now (at most the limit)
    uint32_t GetBrokenRememberedCount() const;

    /// How long a broken flow is remembered after its last segment: longer than any TCP
    /// keeps retransmitting (Linux's tcp_retries2 = 15 spans about 924.6 s), so that one
    /// flow's retransmissions are counted once.
    static constexpr double BROKEN_MEMORY_SECONDS = 1000;

  private:
    using Flow = std::pair<uint32_t, uint16_t>; //!< client address and port

    /**
     * Flows seen recently: each remembered for a lifetime after it was last seen, at most a
     * limit of them (the oldest goes first). Every packet may be spoofed, so both the ended
     * flows and the broken ones must be bounded.
     */
    class RecentFlows
    {
      public:
        /**
         * \param lifetime how long a flow is remembered after it was last seen
         * \param limit flows remembered at most
         */
        void Configure(Time lifetime, uint32_t limit);
        /// \param flow seen now (remembered, or its time renewed)
        void Touch(const Flow& flow);
        /// \param flow the flow \return whether it is remembered
        bool Contains(const Flow& flow) const;
        /// Forget the flows past their lifetime, and the oldest beyond the limit.
        void Expire();
        /// Forget all.
        void Clear();
        /// \return flows remembered now
        uint32_t GetSize() const;

      private:
        // The queue bounds both: every remembered flow has its latest sighting in it (an
        // earlier sighting of the same flow is skipped when popped).
        std::map<Flow, Time> m_last;               //!< flows and when last seen
        std::deque<std::pair<Time, Flow>> m_order; //!< sightings, oldest first
        Time m_lifetime{Seconds(60)};              //!< how long they are remembered
        uint32_t m_limit{65536};                   //!< how many at most
    };

    TracedCallback<Ipv4Address, uint16_t>* m_trace; //!< BrokenConnection
    RecentFlows m_broken;                           //!< flows broken since the takeover
    uint64_t m_count{0};                            //!< counter
    RecentFlows m_ended;                            //!< flows whose session ended here
};

} // namespace ns3

#endif // DEPOT_BROKEN_CONNECTIONS_H
