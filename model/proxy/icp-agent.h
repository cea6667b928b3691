/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ICP_AGENT_H
#define ICP_AGENT_H

#include "icp-header.h"

#include "ns3/address.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A proxy's ICP side (RFC 2186) toward its siblings, as Squid's cache_peer ... sibling: on a
 * miss, query every sibling over UDP and take the first HIT, or give up when all said miss
 * or the timeout expired; answer the siblings' queries from the local cache.
 *
 * Siblings are known by address only (nodes talk by packets). Each lookup waits in a table
 * of at most MaxPending entries with its own timer; when the table is full a miss is not
 * looked up. A reply is taken only from a queried sibling, with the query's request number
 * and URL, once; anything else is ignored and counted.
 */
class IcpAgent
{
  public:
    /// A sibling proxy.
    struct Sibling
    {
        Ipv4Address ip;    //!< its address (ICP and HTTP)
        uint16_t httpPort; //!< its HTTP port
    };

    /// How a lookup ended.
    enum Outcome
    {
        SIBLING_HIT, //!< a sibling said HIT
        ALL_MISS,    //!< every sibling said MISS, MISS_NOFETCH, DENIED or ERR
        TIMEOUT,     //!< not every sibling answered in time, none with HIT
    };

    /// \param o an outcome \return its name, e.g. "SIBLING_HIT"
    static const char* OutcomeName(Outcome o);

    /// Settings taken at start.
    struct Settings
    {
        uint16_t port{IcpHeader::PORT}; //!< UDP port, the same on every sibling
        Time timeout{Seconds(2)};       //!< how long a lookup waits
        uint32_t maxPending{256};       //!< lookups waiting at once
    };

    /// What the agent counts.
    struct Counters
    {
        uint64_t lookups{0};         //!< misses looked up at the siblings
        uint64_t queriesSent{0};     //!< QUERY datagrams sent (lookups x siblings)
        uint64_t hits{0};            //!< lookups ended by a HIT
        uint64_t misses{0};          //!< lookups ended by all misses
        uint64_t timeouts{0};        //!< lookups ended by the timeout
        uint64_t tableFull{0};       //!< misses not looked up: the table was full
        uint64_t unfit{0};           //!< misses not looked up: URL too long for ICP
        uint64_t queriesAnswered{0}; //!< siblings' queries answered HIT or MISS
        uint64_t hitsAnswered{0};    //!< of which HIT
        uint64_t denied{0};          //!< queries from non-siblings, answered DENIED
        uint64_t malformed{0};       //!< datagrams that did not decode
        uint64_t nonSibling{0};      //!< replies from an address that is not a sibling
        uint64_t unmatched{0};       //!< replies with an unknown request number or other URL
        uint64_t duplicates{0};      //!< second replies of a sibling to one query
    };

    /// Whether a fresh copy of the URL is in the local cache.
    using Lookup = std::function<bool(const std::string& url)>;
    /// A lookup ended; on SIBLING_HIT the sibling's HTTP address, else an invalid one.
    using Done = std::function<void(Outcome outcome, const Address& sibling)>;
    /// A datagram was ignored: why (a counter's name), and where it came from.
    using Ignored = std::function<void(const std::string& why, const Address& from)>;

    IcpAgent() = default;
    ~IcpAgent();
    /// Not copyable: timers refer to this object.
    IcpAgent(const IcpAgent&) = delete;
    /// Not copyable.
    IcpAgent& operator=(const IcpAgent&) = delete;

    /**
     * Add a sibling (before Start).
     * \param ip its address
     * \param httpPort its HTTP port
     */
    void AddSibling(Ipv4Address ip, uint16_t httpPort);
    /// \return the siblings
    const std::vector<Sibling>& GetSiblings() const;
    /// \param ip an address \return whether it is a sibling's
    bool IsSibling(Ipv4Address ip) const;

    /**
     * Open the UDP socket.
     * \param node the proxy's node
     * \param settings port, timeout, table size
     * \param lookup answers the siblings' queries
     * \param ignored told of every ignored datagram (may be null)
     */
    void Start(Ptr<Node> node, const Settings& settings, Lookup lookup, Ignored ignored);
    /// Close the socket and drop the waiting lookups (their Done is not called).
    void Stop();

    /**
     * Look a URL up at every sibling.
     * \param url the URL
     * \param client the client's address (an InetSocketAddress: the QUERY's requester)
     * \param done called once when the lookup ends (never from inside Query)
     * \return false when nothing was sent (no siblings, not started, the client is a sibling,
     *         the URL does not fit in an ICP message, or the table is full): done is then
     *         never called
     */
    bool Query(const std::string& url, const Address& client, Done done);

    /// \return the counters
    const Counters& GetCounters() const;
    /// \return lookups waiting
    size_t GetPending() const;

  private:
    /// A lookup waiting for replies.
    struct Pending
    {
        std::string url;                  //!< the URL asked for
        std::vector<Ipv4Address> waiting; //!< siblings yet to answer
        EventId timer;                    //!< the timeout
        Done done;                        //!< the caller
    };

    void HandleRead(Ptr<Socket> socket);
    void HandleDatagram(const IcpHeader& m, const Address& from);
    void Answer(const IcpHeader& query, const Address& from);
    void Expire(uint32_t request);
    void End(uint32_t request, Outcome outcome, const Address& sibling);
    void Ignore(uint64_t& counter, const std::string& why, const Address& from);

    std::vector<Sibling> m_siblings;
    Settings m_settings;
    Ptr<Socket> m_socket;
    Lookup m_lookup;
    Ignored m_ignored;
    std::map<uint32_t, Pending> m_pending;
    uint32_t m_nextRequest{1};
    Counters m_counters;
};

} // namespace ns3

#endif // ICP_AGENT_H
