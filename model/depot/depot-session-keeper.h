/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_SESSION_KEEPER_H
#define DEPOT_SESSION_KEEPER_H

#include "depot-session-table.h"

#include "ns3/depot-proxy.h"
#include "ns3/depot-scheduler.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/tcp-state-tracker.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace ns3
{

class TcpHeader;

/**
 * \ingroup web-proxy
 * \brief The depot's sessions.
 *
 * It keeps the table, both ends' inferred TCP states (TcpStateTracker), the per-state timeouts
 * and their expiry (IPVS-like), and the session counters of each proxy that the schedulers read.
 * A forwarded SYN that expires unanswered is reported to the depot, which decides whether its
 * proxy is dead ([Depot]).
 */
class DepotSessionKeeper
{
  public:
    /// How sessions are kept.
    struct Settings
    {
        /// timeout of each TcpStateTracker::SessionState
        std::array<Time, TcpStateTracker::N_SESSION_STATES> timeouts;
        uint32_t maxSessions{0}; //!< table limit (0: none)
        bool windowCheck{false}; //!< reject out-of-window segments
        double responseGain{0};  //!< SYN to SYN-ACK smoothing gain
        bool inputOnly{false};   //!< only the client's segments are seen (direct routing)
    };

    /// The depot's trace sources that session changes fire.
    struct Traces
    {
        TracedCallback<Ipv4Address, uint16_t, uint32_t>* opened;           //!< opened
        TracedCallback<Ipv4Address, uint16_t, uint32_t>* closed;           //!< closed
        TracedCallback<Ipv4Address, uint16_t, uint32_t, uint8_t>* expired; //!< expired
        TracedCallback<uint32_t>* tableSize;                               //!< sessions
    };

    /// Called with a proxy's index when a SYN forwarded to it expired unanswered.
    using SynTimeoutCallback = std::function<void(uint32_t)>;

    /**
     * \param proxies the pool (its session counters are kept here)
     * \param traces where changes are reported
     * \param synTimedOut called for unanswered SYNs
     */
    DepotSessionKeeper(std::vector<DepotProxy>* proxies,
                       const Traces& traces,
                       SynTimeoutCallback synTimedOut);

    /**
     * Start keeping sessions: the table is created on the first start and kept afterwards.
     * \param settings how (every timeout must be positive)
     */
    void Start(const Settings& settings);

    /// Stop the expiry timer.
    void Stop();

    /// \return whether the table exists (the depot started once)
    bool HasTable() const;

    /// \return the table
    DepotSessionTable& GetTable();

    /// \return the table
    const DepotSessionTable& GetTable() const;

    /// \return whether MaxSessions is reached
    bool IsFull() const;

    /**
     * Make room for a new session when the table is full (IPVS's drop_entry defense, made
     * deterministic): the half-open session (SYN_SENT or SYN_RECV) that expires first goes,
     * else the closed one (TIME_WAIT or CLOSE) that expires first; established sessions are
     * never evicted.
     * \return whether there is room now
     */
    bool MakeRoom();

    /// Called with a half-open session whose proxy answered (SYN_RECV) when it expires or is
    /// evicted, before it goes (the depot resets the proxy's half-open connection).
    using HalfOpenCallback = std::function<void(const DepotSession&)>;

    /// \param cb called for each SYN_RECV session that expires or is evicted
    void SetHalfOpenCallback(HalfOpenCallback cb);

    /// \return sessions evicted to make room
    uint64_t GetEvictedCount() const;

    /// Called with a client's address when its session completes the handshake (the
    /// client's ACK of the proxy's SYN-ACK): the client is not a blind spoofer.
    using EstablishedCallback = std::function<void(uint32_t)>;

    /// \param cb called for each session that completes its handshake
    void SetEstablishedCallback(EstablishedCallback cb);

    /// \return sessions half-open (SYN_SENT or SYN_RECV) now
    uint32_t GetHalfOpenCount() const;

    /**
     * Open a session for a flow with a proxy.
     * \param flow the flow
     * \param index the proxy
     * \return the session, or nullptr when the proxy-side key is another session's (see
     *         DepotSessionTable::Insert; call MakeRoom first for room)
     */
    DepotSession* Open(const DepotScheduler::Flow& flow, uint32_t index);

    /**
     * Track a segment, refresh the session's timer, keep the proxy's counters.
     * \param s the session
     * \param tcp the segment's header
     * \param length its payload bytes
     * \param fromClient direction
     * \return the tracker's result
     */
    TcpStateTracker::Result Track(DepotSession* s,
                                  const TcpHeader& tcp,
                                  uint32_t length,
                                  bool fromClient);

    /**
     * Remove a session.
     * \param s the session
     * \param expired fire SessionExpired (else SessionClosed)
     */
    void Close(DepotSession* s, bool expired);

    /**
     * Mark a session opened for a mid-session segment as established on both ends.
     * \param s the session
     */
    void MarkSloppy(DepotSession* s);

    /**
     * Install a synced session; its state's timeout restarts.
     * \param r the record (its proxy index must name the same proxy here)
     * \return false if the table is full
     */
    bool Import(const DepotSessionRecord& r);

    /// \param index a proxy \return its sessions
    std::vector<DepotSession*> SessionsOf(uint32_t index);

    /// Remove every session without traces but the table size (the depot failed).
    void Clear();

    /// \param t when the depot left standby (SYNs seen before may never have been forwarded)
    void SetActiveSince(Time t);

    /// \param s a session \return whether it was opened before the depot left standby
    bool IsInherited(const DepotSession& s) const;

    /// \param s a session state \return its timeout
    Time GetTimeout(uint8_t s) const;

    /// \param result a tracker result \return segments that had it
    uint64_t GetTrackerCount(TcpStateTracker::Result result) const;

    /// \return sessions opened for a mid-session segment
    uint64_t GetSloppyCount() const;

  private:
    /// \param state a timeout state \return whether it is SYN_SENT or SYN_RECV
    static bool IsHalfOpen(uint8_t state);

    /// Counters of a session's proxy for its timer state.
    void Count(const DepotSession& s, int delta);

    /// Schedule the expiry event for the table's earliest expiry if needed.
    void ScheduleExpiry();

    /// Remove expired sessions.
    void Expire();

    std::vector<DepotProxy>* m_proxies;         //!< the pool
    Traces m_traces;                            //!< the depot's traces
    SynTimeoutCallback m_synTimedOut;           //!< unanswered SYNs go there
    Settings m_settings;                        //!< how
    std::unique_ptr<DepotSessionTable> m_table; //!< sessions
    EventId m_expiryEvent;                      //!< next Expire
    Time m_expiryAt;                            //!< when it fires
    Time m_activeSince;                         //!< left standby (SYN blame starts)
    std::array<uint64_t, TcpStateTracker::N_RESULTS> m_trackerResults{}; //!< per Result
    uint64_t m_sloppyOpened{0};        //!< sessions opened by MarkSloppy
    uint64_t m_evicted{0};             //!< sessions evicted by MakeRoom
    HalfOpenCallback m_halfOpenEnded;  //!< SYN_RECV sessions that go
    EstablishedCallback m_established; //!< handshakes completed
};

} // namespace ns3

#endif // DEPOT_SESSION_KEEPER_H
