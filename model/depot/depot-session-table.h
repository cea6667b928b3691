/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_SESSION_TABLE_H
#define DEPOT_SESSION_TABLE_H

#include "ns3/tcp-state-tracker.h"

#include <boost/intrusive/list.hpp>
#include <boost/intrusive/unordered_set.hpp>
#include <boost/pool/pool.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * One switched TCP session of a depot (104 bytes). Addresses are host-order IPv4 addresses
 * (Ipv4Address::Get), times are ns-3 time steps (Time::GetTimeStep).
 */
struct DepotSession
{
    /// Hook of the client-side index (client, client port, VIP, virtual port). The key
    /// follows it, so a lookup touches one cache line of the entry.
    boost::intrusive::unordered_set_member_hook<> forwardHook;
    uint32_t client;      //!< client address
    uint32_t vip;         //!< virtual IP
    uint16_t clientPort;  //!< client port
    uint16_t virtualPort; //!< service port on the VIP
    uint32_t proxy;       //!< proxy address
    /// Hook of the proxy-side index (proxy, proxy port, client, client port).
    boost::intrusive::unordered_set_member_hook<> reverseHook;
    uint16_t proxyPort;  //!< proxy port
    uint16_t proxyIndex; //!< index of the proxy in the depot's list
    uint8_t timerState;  //!< TcpStateTracker::SessionState of the expiry list
    /// Hook of the expiry list of the session's timeout state.
    boost::intrusive::list_member_hook<> expiryHook;
    TcpStateTracker::End ends[2]; //!< 0: client, 1: proxy
    int64_t expiry;               //!< when the entry goes
    int64_t created;              //!< when the first SYN was seen
};

/**
 * \ingroup web-proxy
 * A session as state sync carries it between depots: the keys, the proxy and both ends'
 * tracker state, without table links or times (the receiver restarts the state's timeout).
 */
struct DepotSessionRecord
{
    uint32_t client{0};           //!< client address
    uint32_t vip{0};              //!< virtual IP
    uint32_t proxy{0};            //!< proxy address
    uint16_t clientPort{0};       //!< client port
    uint16_t virtualPort{0};      //!< service port on the VIP
    uint16_t proxyPort{0};        //!< proxy port
    uint16_t proxyIndex{0};       //!< index of the proxy in the depot's list
    uint8_t timerState{0};        //!< TcpStateTracker::SessionState
    TcpStateTracker::End ends[2]; //!< 0: client, 1: proxy
};

/**
 * \ingroup web-proxy
 * The depot's session table: two hash indexes (client side for packets to the VIP, proxy
 * side for replies) and one expiry list per timeout state (Boost.Intrusive). All sessions of
 * a state share its timeout, so appending a refreshed session to its state's list keeps each
 * list sorted by expiry: refresh, state change and expiry are O(1). Entries come from a
 * Boost.Pool of fixed-size chunks (no per-entry allocator overhead).
 */
class DepotSessionTable
{
  public:
    /// \param maxSessions entry limit (0: none)
    explicit DepotSessionTable(uint32_t maxSessions = 0);
    ~DepotSessionTable();
    DepotSessionTable(const DepotSessionTable&) = delete;
    DepotSessionTable& operator=(const DepotSessionTable&) = delete;

    /**
     * Look a client-side packet up.
     * \param client client address (host order)
     * \param clientPort client port
     * \param vip virtual IP the client addressed (host order)
     * \param vport virtual port
     * \return the session or nullptr
     */
    DepotSession* Find(uint32_t client, uint16_t clientPort, uint32_t vip, uint16_t vport) const;

    /**
     * Look a proxy-side packet up (source proxy:port, destination client:port).
     * \param proxy proxy address (host order)
     * \param proxyPort proxy port
     * \param client client address (host order)
     * \param clientPort client port
     * \return the session or nullptr
     */
    DepotSession* FindReverse(uint32_t proxy,
                              uint16_t proxyPort,
                              uint32_t client,
                              uint16_t clientPort) const;

    /**
     * Add a session (its client-side key must not be in the table).
     * \param client client address (host order)
     * \param clientPort client port
     * \param vip virtual IP (host order)
     * \param vport virtual port
     * \param proxy chosen proxy's address (host order)
     * \param proxyPort the proxy's port
     * \param proxyIndex the proxy's index in the depot's pool
     * \param now current time (ns), the entry's creation time
     * \return the entry, or nullptr when the table is full or another session has the same
     *         proxy-side key (proxy, proxy port, client, client port): the same client port
     *         to another service port of the VIP, sent to the same proxy, would give the proxy
     *         two connections with one address and port pair, and the proxy's answers could
     *         not be told apart
     */
    DepotSession* Insert(uint32_t client,
                         uint16_t clientPort,
                         uint32_t vip,
                         uint16_t vport,
                         uint32_t proxy,
                         uint16_t proxyPort,
                         uint16_t proxyIndex,
                         int64_t now);

    /**
     * Move a session to another proxy (a re-dispatched SYN).
     * \param s the session
     * \param proxy new proxy address (host order)
     * \param proxyPort new proxy port
     * \param proxyIndex new proxy's index in the pool
     * \return false (nothing changed) when another session has the new proxy-side key
     */
    bool Reassign(DepotSession* s, uint32_t proxy, uint16_t proxyPort, uint16_t proxyIndex);

    /**
     * Set a session's timeout state and expiry (at the back of that state's list: callers
     * use one timeout per state, so expiry must not be earlier than the list's last).
     * \param s the session
     * \param timerState the timeout state whose list it joins
     * \param expiry when it expires (ns)
     */
    void Touch(DepotSession* s, uint8_t timerState, int64_t expiry);

    /**
     * Remove and free a session.
     * \param s the session (invalid afterwards)
     */
    void Remove(DepotSession* s);

    /**
     * Remove every session whose expiry is <= now, calling expired(session) before each goes.
     * \param now current time (ns)
     * \param expired called with each session before it is freed
     * \return how many went
     */
    uint32_t Expire(int64_t now, const std::function<void(const DepotSession&)>& expired);

    /**
     * \param timerState a timeout state
     * \return its session that expires first (the least recently refreshed), or nullptr
     */
    DepotSession* Oldest(uint8_t timerState) const;

    /// \return the earliest expiry, or INT64_MAX if the table is empty
    int64_t NextExpiry() const;

    /**
     * Call f on every session.
     * \param f the function; it must not change the table
     */
    void ForEach(const std::function<void(DepotSession&)>& f);

    /**
     * Call f on every session, read-only.
     * \param f the function
     */
    void ForEach(const std::function<void(const DepotSession&)>& f) const;

    /**
     * \param s a session
     * \return its sync record
     */
    static DepotSessionRecord Export(const DepotSession& s);

    /**
     * Add a synced session or update the entry of its client-side key (proxy, ends, state).
     * \param r the record
     * \param now the current time (creation time of a new entry)
     * \param expiry its expiry (callers use the state's timeout, as for Touch)
     * \return the entry, or nullptr when the table is full or the proxy-side key is another
     *         session's (see Insert)
     */
    DepotSession* Import(const DepotSessionRecord& r, int64_t now, int64_t expiry);

    /// \return the number of sessions
    uint32_t Size() const;

    /// \return the entry limit (0: none)
    uint32_t GetMaxSessions() const;

    /// \return bytes held by the table (entries, buckets, lists), without allocator slack
    uint64_t MemoryBytes() const;

  private:
    using ForwardOption
        = boost::intrusive::member_hook<DepotSession,
                                        boost::intrusive::unordered_set_member_hook<>,
                                        &DepotSession::forwardHook>;
    using ReverseOption
        = boost::intrusive::member_hook<DepotSession,
                                        boost::intrusive::unordered_set_member_hook<>,
                                        &DepotSession::reverseHook>;
    using ExpiryOption = boost::intrusive::
        member_hook<DepotSession, boost::intrusive::list_member_hook<>, &DepotSession::expiryHook>;

    /// Hash of the client-side key.
    struct FwdHash
    {
        size_t operator()(const DepotSession& s) const;
    };

    /// Equality of the client-side key.
    struct FwdEq
    {
        bool operator()(const DepotSession& a, const DepotSession& b) const;
    };

    /// Hash of the proxy-side key.
    struct RevHash
    {
        size_t operator()(const DepotSession& s) const;
    };

    /// Equality of the proxy-side key.
    struct RevEq
    {
        bool operator()(const DepotSession& a, const DepotSession& b) const;
    };

    using ForwardSet = boost::intrusive::unordered_set<DepotSession,
                                                       ForwardOption,
                                                       boost::intrusive::hash<FwdHash>,
                                                       boost::intrusive::equal<FwdEq>,
                                                       boost::intrusive::power_2_buckets<true>>;
    using ReverseSet = boost::intrusive::unordered_set<DepotSession,
                                                       ReverseOption,
                                                       boost::intrusive::hash<RevHash>,
                                                       boost::intrusive::equal<RevEq>,
                                                       boost::intrusive::power_2_buckets<true>>;
    using ExpiryList = boost::intrusive::list<DepotSession, ExpiryOption>;

    /// Double the buckets when the load factor reaches 1.
    void Grow();

    uint32_t m_maxSessions;                                             //!< entry limit
    boost::pool<> m_pool;                                               //!< entry storage
    std::vector<ForwardSet::bucket_type> m_forwardBuckets;              //!< client-side buckets
    std::vector<ReverseSet::bucket_type> m_reverseBuckets;              //!< proxy-side buckets
    ForwardSet m_forward;                                               //!< client-side index
    ReverseSet m_reverse;                                               //!< proxy-side index
    std::array<ExpiryList, TcpStateTracker::N_SESSION_STATES> m_expiry; //!< per state
};

} // namespace ns3

#endif // DEPOT_SESSION_TABLE_H
