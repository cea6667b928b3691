/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_H
#define DEPOT_H

#include "depot-failure-detector.h"
#include "depot-health-checker.h"
#include "depot-load-reports.h"
#include "depot-session-keeper.h"
#include "depot-session-table.h"
#include "depot-switch.h"

#include "ns3/application.h"
#include "ns3/data-rate.h"
#include "ns3/depot-proxy.h"
#include "ns3/depot-scheduler.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/packet-hook-routing.h"
#include "ns3/tcp-state-tracker.h"
#include "ns3/traced-callback.h"

#include <set>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * [Depot]'s depot: a packet-level TCP switch (NAT mode) in front of a pool of proxies. It
 * owns a virtual IP and service ports; every TCP packet to VIP:port is looked up in the
 * session table by (client, client port, VIP, port): a SYN without a session gets a proxy
 * from the scheduler, a known session is forwarded to its proxy with destination rewritten to
 * proxy:port; the proxy's answers come back through the depot (it must be the proxies' route
 * to the clients) and leave with VIP:port as their source. The depot never terminates a
 * session: it infers both ends' TCP states (TcpStateTracker), holds closed sessions in
 * TIME_WAIT for 2 MSL, and expires idle ones with per-state timeouts (IPVS-like).
 *
 * Anomalies: a non-SYN segment without a session is dropped and counted, or answered with a
 * RST (NoSessionAction); with WindowCheck (default), out-of-window segments are dropped and a
 * RST closes its session only at the exact expected sequence number, one in the window gets a
 * challenge ACK (RFC 5961); a repeated client SYN goes to the same proxy, unless the proxy has
 * not answered for SynTimeout: then the SYN goes to a live proxy; a SYN on a session in
 * TIME_WAIT/CLOSE starts a new session. Half-open sessions live SynTimeout / SynRecvTimeout
 * from the segment that opened their state (retransmissions do not extend them); the table is
 * bounded (MaxSessions) and a full one evicts half-open sessions first.
 *
 * Proxy failure: periodic health checks (HealthCheckInterval, Fall, Rise; a TCP connect or
 * an HTTP GET whose status must be 2xx or 3xx) take proxies out and put them back; with
 * DownOnSynTimeout, a forwarded SYN unanswered for SynTimeout also takes its proxy out
 * ([Depot]). Sessions of a failed proxy are scrapped.
 *
 * ForwardingMethod "direct" (IPVS direct routing) leaves the packet's addresses alone and
 * hands it to the proxy's MAC address; the proxy owns the VIP (on its loopback, see
 * DepotHelper::ConfigureDirectRouting) and answers the client directly. The depot then sees
 * the client's segments only: sessions follow IPVS's input-only state table, no window
 * checking, and a SYN timeout cannot reveal a dead proxy (use health checks).
 *
 * IP fragments: the depot's hook sees each fragment (ns-3 reassembles only at local
 * delivery). The first fragment carries the TCP header and is switched as a whole segment;
 * the rewrite it got (addresses, next hop, and in the proxy to client direction a new IP
 * identification) is remembered by (source, destination, identification, protocol) for
 * FragmentTimeout and applied to the datagram's later fragments. Its TCP checksum is updated
 * incrementally (RFC 1624): the segment's data is not all there to recompute it.
 *
 * The depot can be the bottleneck: each handled packet waits ProcessingDelay plus its place
 * in a FIFO served at PacketRate (store and forward); beyond QueueLimit packets are dropped.
 *
 * Depot itself coordinates: it holds the attributes, the pool and the traces, and hands each
 * job to one object: DepotSwitch (the packet path, with DepotPacketRewriter and
 * DepotFragmentTable), DepotSessionKeeper (the table and its timers), DepotHealthChecker,
 * DepotFailureDetector (up/down state) and DepotLoadReports. They take their settings from
 * the attributes when the depot starts (or recovers).
 */
class Depot : public Application
{
  public:
    /// Why a packet was dropped.
    enum DropReason : uint8_t
    {
        NO_SESSION,    //!< non-SYN to the VIP without a session
        OUT_OF_WINDOW, //!< rejected by window checking
        TABLE_FULL,    //!< MaxSessions reached
        NO_PROXY,      //!< no proxy available
        OVERLOAD,      //!< the depot's queue is full
        /// a later IP fragment (offset > 0) of a datagram to the VIP or from a proxy whose first
        /// fragment the depot has not seen (early, dropped, or past FragmentTimeout)
        FRAGMENT_ORPHAN,
        /// an in-window RST of a session off the expected sequence number (WindowCheck): it
        /// is answered with a challenge ACK toward its claimed source (RFC 5961)
        RST_CHALLENGED,
        /// a first SYN from a source that never completed a handshake, while the SYN filter
        /// is engaged (SynFilterThreshold; see DepotSynFilter)
        SYN_FILTERED,
        /// a TCP segment of the VIP or of a session whose TCP header is malformed (see
        /// TcpHeaderCheck::IsReadable)
        MALFORMED,
        N_DROP_REASONS
    };

    /// How packets reach the proxy (IPVS's forwarding methods).
    enum ForwardingMethod : uint8_t
    {
        NAT,   //!< rewrite VIP:port to proxy:port and back; answers come through the depot
        DIRECT //!< keep the addresses, send to the proxy's MAC; answers bypass the depot
    };

    /// What a health check does.
    enum CheckType : uint8_t
    {
        CHECK_TCP, //!< a TCP connect
        CHECK_HTTP //!< a TCP connect, then an HTTP GET answered with 2xx or 3xx
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    Depot();
    ~Depot() override;

    /**
     * Serve a port on the virtual IP.
     * \param port the port
     */
    void AddService(uint16_t port);

    /**
     * Add a proxy to the pool (before the depot starts).
     * \param address its address
     * \param port its port
     * \param weight scheduler weight
     * \return its index
     */
    uint32_t AddProxy(Ipv4Address address, uint16_t port, uint32_t weight = 1);

    /// \param scheduler the scheduler (default: round robin)
    void SetScheduler(Ptr<DepotScheduler> scheduler);

    /// \return the scheduler
    Ptr<DepotScheduler> GetScheduler() const
    {
        return m_scheduler;
    }

    /// \return the pool
    const std::vector<DepotProxy>& GetProxies() const
    {
        return m_proxies;
    }

    /**
     * Take a proxy out of the active list or put it back (as failure detection does).
     * \param index the proxy
     * \param up its new state
     */
    void SetProxyUp(uint32_t index, bool up);

    /**
     * A proxy's load report (for LoadIndexScheduler).
     * \param index the proxy
     * \param cpuLoad CPU load, >= 0 (1: fully loaded)
     * \param cacheFree free cache fraction in [0, 1]
     */
    void SetProxyLoad(uint32_t index, double cpuLoad, double cacheFree);

    /// \return the session table
    const DepotSessionTable& GetSessionTable() const;

    /// \param reason a reason \return packets dropped for it
    uint64_t GetDropCount(DropReason reason) const
    {
        return m_switch.GetDropCount(reason);
    }

    /// \param result a tracker result \return segments that had it
    uint64_t GetTrackerCount(TcpStateTracker::Result result) const
    {
        return m_sessions.GetTrackerCount(result);
    }

    /// \return the spoofed SYN flood filter (its verdict counts and state)
    const DepotSynFilter& GetSynFilter() const
    {
        return m_switch.GetSynFilter();
    }

    /// \return packets forwarded (both directions)
    uint64_t GetForwardedCount() const
    {
        return m_switch.GetForwardedCount();
    }

    /// \return the most bytes that waited for the forwarding at once (BufferSize bounds it)
    uint64_t GetPeakBufferBytes() const
    {
        return m_switch.GetQueue().GetPeakWaitingBytes();
    }

    /**
     * \param toProxy direction
     * \return later fragments (offset > 0) of sessions' datagrams forwarded with their first
     *         fragment's rewrite
     */
    uint64_t GetFragmentsForwarded(bool toProxy) const
    {
        return m_switch.GetFragments().GetLaterCount(toProxy);
    }

    /// \return IP identification counters of the VIP held (VipIdCounters, whatever the clients)
    uint32_t GetVipIdCounterCount() const
    {
        return m_switch.GetRewriter().GetIdCounterCount();
    }

    /// \return first fragments of sessions' datagrams forwarded (both directions)
    uint64_t GetFirstFragmentsForwarded() const
    {
        return m_switch.GetFragments().GetFirstCount();
    }

    /// \return datagrams whose rewrite is remembered for their later fragments
    uint32_t GetFragmentTableSize() const
    {
        return m_switch.GetFragments().Size();
    }

    /// \return RSTs the depot sent (NoSessionAction "reset", half-open sessions' proxies)
    uint64_t GetResetsSent() const
    {
        return m_switch.GetResetsSent();
    }

    /// \return challenge ACKs sent for in-window RSTs
    uint64_t GetChallengeAcksSent() const
    {
        return m_switch.GetChallengeAcksSent();
    }

    /// \return sessions evicted from a full table
    uint64_t GetEvictedSessions() const
    {
        return m_sessions.GetEvictedCount();
    }

    /// \param reason a reason \return its name
    static const char* DropReasonName(DropReason reason);

    /**
     * Standby mode (set by DepotStandby): the depot keeps its table from the packets it is
     * shown (Observe) and the sessions it is sent (ImportSession), but forwards nothing,
     * sends no RST, declares no proxy down on an unanswered SYN and runs no health checks
     * (DepotStandby gives it the master's proxy states). After it leaves standby,
     * unanswered SYNs of sessions it opened before (which the failed depot may never have
     * forwarded) only end their session.
     * \param standby whether the depot is a standby
     */
    void SetStandby(bool standby);

    /// \return whether the depot is a standby
    bool IsStandby() const;

    /**
     * Process a mirrored packet (hot standby) as if the depot had received it.
     * \param packet an IPv4 packet with its header (link padding allowed)
     */
    void Observe(Ptr<const Packet> packet);

    /**
     * Install a synced session (warm standby); its state's timeout restarts.
     * \param r the record (its proxy index must name the same proxy here)
     * \return false if the depot is not running or the table is full
     */
    bool ImportSession(const DepotSessionRecord& r);

    /**
     * The depot process fails: it stops (hook, health checks, timers) and loses its sessions
     * and what it knew about the proxies. Packets the node still receives for the VIP are
     * then the node's business (DepotStandby also takes its devices down).
     */
    void Fail();

    /// The depot process restarts after Fail (empty table, every proxy up).
    void Recover();

    /// \return whether the depot failed and has not recovered
    bool IsFailed() const;

    /// \return sessions opened for a mid-session segment (NoSessionAction sloppy)
    uint64_t GetSloppyCount() const
    {
        return m_sessions.GetSloppyCount();
    }

    /// \param s a session state \return its timeout
    Time GetTimeout(uint8_t s) const
    {
        return m_sessions.GetTimeout(s);
    }

    /// \return load report datagrams dropped (unknown sender or malformed)
    uint64_t GetBadLoadReports() const
    {
        return m_loadReports.GetBadCount();
    }

    /// Session trace: client address, client port, proxy index.
    using SessionTracedCallback = void (*)(Ipv4Address, uint16_t, uint32_t);
    /// Expiry trace: client address, client port, proxy index, TcpStateTracker::SessionState.
    using ExpiredTracedCallback = void (*)(Ipv4Address, uint16_t, uint32_t, uint8_t);
    /// Forward trace: packet (without IP header), proxy index, true if toward the proxy.
    using ForwardTracedCallback = void (*)(Ptr<const Packet>, uint32_t, bool);
    /// Drop trace: packet (without IP header), its IP header, reason.
    using DropTracedCallback = void (*)(Ptr<const Packet>, const Ipv4Header&, DropReason);
    /// Proxy state trace: proxy index, up.
    using ProxyTracedCallback = void (*)(uint32_t, bool);
    /// Load report trace: proxy index, CPU load, free cache fraction, active requests.
    using LoadReportTracedCallback = void (*)(uint32_t, double, double, uint32_t);

  protected:
    /// Drops the scheduler and releases the switch's and the health checker's sockets/timers.
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /**
     * A forwarded SYN was not answered in time: its proxy is declared down.
     * \param index the proxy
     */
    void SynTimedOut(uint32_t index);

    /// \param action "drop", "reset" or "sloppy"
    void SetNoSessionAction(std::string action);

    /// \return "drop", "reset" or "sloppy"
    std::string GetNoSessionAction() const;

    /// \param method "Nat" or "Direct"
    void SetForwardingMethod(std::string method);

    /// \return "Nat" or "Direct"
    std::string GetForwardingMethod() const;

    /// \param type "Tcp" or "Http"
    void SetHealthCheckType(std::string type);

    /// \return "Tcp" or "Http"
    std::string GetHealthCheckType() const;

    // Attributes and pool; the sub-objects read them when the depot starts.
    Ipv4Address m_vip;                 //!< virtual IP
    std::set<uint16_t> m_services;     //!< ports on the VIP
    std::vector<DepotProxy> m_proxies; //!< the pool
    Ptr<DepotScheduler> m_scheduler;   //!< chooses proxies
    uint32_t m_maxSessions;            //!< table limit
    Time m_synTimeout;                 //!< SYN_SENT (and proxy failure detection)
    Time m_synRecvTimeout;             //!< SYN_RECV
    Time m_establishedTimeout;         //!< ESTABLISHED
    Time m_finWaitTimeout;             //!< FIN_WAIT
    Time m_closeWaitTimeout;           //!< CLOSE_WAIT
    Time m_lastAckTimeout;             //!< LAST_ACK
    Time m_timeWaitTimeout;            //!< TIME_WAIT (2 MSL)
    Time m_closeTimeout;               //!< CLOSE
    bool m_windowCheck;                //!< reject out-of-window segments
    bool m_downOnSynTimeout;           //!< unanswered SYNs take proxies out
    bool m_resetNoSession;             //!< RST instead of silent drop
    bool m_sloppy{false};              //!< open sessions on mid-session segments
    bool m_failed{false};              //!< Fail() without Recover()
    bool m_scrap;                      //!< scrap sessions of failed proxies
    bool m_resetClients;               //!< RST to clients of scrapped sessions
    Time m_processingDelay;            //!< per packet
    double m_packetRate;               //!< packets/s (0: unlimited)
    DataRate m_copyRate;               //!< per-byte cost (0: none)
    uint32_t m_queueLimit;             //!< packets waiting at most
    uint32_t m_bufferSize;             //!< bytes waiting at most (0: no limit)
    double m_responseGain;             //!< SYN to SYN-ACK smoothing gain
    Time m_checkInterval;              //!< health check period (0: off)
    Time m_checkTimeout;               //!< health check connect timeout
    uint32_t m_fall;                   //!< failures to take a proxy out
    uint32_t m_rise;                   //!< successes to put it back
    CheckType m_checkType{CHECK_TCP};  //!< TCP or HTTP
    std::string m_checkPath;           //!< HTTP check target
    std::string m_checkHost;           //!< HTTP check Host field
    ForwardingMethod m_method{NAT};    //!< NAT or direct
    Time m_fragmentTimeout;            //!< lifetime of a datagram's rewrite
    uint32_t m_fragmentLimit;          //!< datagrams remembered at most
    uint32_t m_vipIdCounters;          //!< IP identification counters of the VIP
    uint32_t m_synFilterThreshold;     //!< half-open sessions that engage the SYN filter
    uint32_t m_synFilterSources;       //!< verified sources kept at most
    Time m_synFilterLifetime;          //!< a verified source's lifetime
    uint16_t m_loadReportPort;         //!< UDP port of load reports (0: off)

    TracedCallback<Ipv4Address, uint16_t, uint32_t> m_openedTrace;                //!< opened
    TracedCallback<Ipv4Address, uint16_t, uint32_t> m_closedTrace;                //!< closed
    TracedCallback<Ipv4Address, uint16_t, uint32_t, uint8_t> m_expiredTrace;      //!< expired
    TracedCallback<Ipv4Address, uint16_t, uint32_t> m_decisionTrace;              //!< decision
    TracedCallback<Ptr<const Packet>, uint32_t, bool> m_forwardTrace;             //!< forwarded
    TracedCallback<Ptr<const Packet>, const Ipv4Header&, DropReason> m_dropTrace; //!< dropped
    TracedCallback<uint32_t, bool> m_proxyTrace;                                  //!< up/down
    TracedCallback<uint32_t> m_tableSizeTrace;                                    //!< sessions
    TracedCallback<uint32_t, double, double, uint32_t> m_loadReportTrace; //!< report applied

    // The jobs, over the pool, scheduler and traces above (declared after them).
    DepotSessionKeeper m_sessions;   //!< the session table, its timers and the proxies' counters
    DepotSwitch m_switch;            //!< the packet path
    DepotFailureDetector m_failures; //!< proxies' up/down state, Fall/Rise
    DepotHealthChecker m_checker;    //!< health checks
    DepotLoadReports m_loadReports;  //!< proxies' load reports
};

// The switch counts drops by its own copy of the reasons (it cannot include depot.h).
static_assert(static_cast<int>(Depot::NO_SESSION) == DepotSwitch::NO_SESSION
                  && static_cast<int>(Depot::OUT_OF_WINDOW) == DepotSwitch::OUT_OF_WINDOW
                  && static_cast<int>(Depot::TABLE_FULL) == DepotSwitch::TABLE_FULL
                  && static_cast<int>(Depot::NO_PROXY) == DepotSwitch::NO_PROXY
                  && static_cast<int>(Depot::OVERLOAD) == DepotSwitch::OVERLOAD
                  && static_cast<int>(Depot::FRAGMENT_ORPHAN) == DepotSwitch::FRAGMENT_ORPHAN
                  && static_cast<int>(Depot::RST_CHALLENGED) == DepotSwitch::RST_CHALLENGED
                  && static_cast<int>(Depot::SYN_FILTERED) == DepotSwitch::SYN_FILTERED
                  && static_cast<int>(Depot::MALFORMED) == DepotSwitch::MALFORMED
                  && static_cast<int>(Depot::N_DROP_REASONS) == DepotSwitch::N_DROP_REASONS,
              "Depot::DropReason and DepotSwitch::DropReason differ");

} // namespace ns3

#endif // DEPOT_H
