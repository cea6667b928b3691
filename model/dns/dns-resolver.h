/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNS_RESOLVER_H
#define DNS_RESOLVER_H

#include "dns-cache.h"
#include "dns-message.h"

#include "ns3/address.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A stub resolver on a client node: asks one DNS server (Server, Port) for A records over
 * UDP and caches the answers for their TTL (DnsCache, CacheSize names).
 *
 * A query not answered within Timeout is sent again (same ID), up to Attempts in all; then
 * every caller waiting for the name is told it failed ("timeout"), at exactly
 * Attempts x Timeout after the first query. NXDOMAIN, another error code, or a response
 * without an A record fails at once. Callers asking for a name already being queried wait
 * for the same query; at most MaxQueries names are queried at once (beyond that a call fails
 * at once). A cached answer is given synchronously, inside Resolve.
 */
class DnsResolver : public Object
{
  public:
    /// Told the address, or nothing and why not.
    using Callback = std::function<void(std::optional<Ipv4Address>, const std::string& error)>;

    /// Told the peer to connect to (an InetSocketAddress), or an invalid Address and why.
    using HostCallback = std::function<void(const Address& peer, const std::string& error)>;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    DnsResolver();
    ~DnsResolver() override;

    /**
     * \brief Find a name's address.
     * \param node the node the resolver runs on (its UDP socket is opened at the first query)
     * \param name the name
     * \param callback told the outcome (inside this call when the answer is cached)
     */
    void Resolve(Ptr<Node> node, const std::string& name, Callback callback);

    /**
     * \brief Find where to connect for a URL's host: "name" or "name:port"; an IPv4 literal
     * needs no query. The port is the server address's if it is an InetSocketAddress, else
     * the host's, else 80.
     * \param node the node the resolver runs on
     * \param host the host (the Host field)
     * \param server the request's server address (may be invalid)
     * \param callback told the outcome (inside this call for a literal or a cached answer)
     */
    void ResolveHost(Ptr<Node> node,
                     const std::string& host,
                     const Address& server,
                     HostCallback callback);

    /// \brief Forget the pending queries (their callers are not told) and the cache.
    void Stop();

    /// \return queries sent (first attempts and retries)
    uint64_t GetQueriesSent() const;
    /// \return answers given from the cache
    uint64_t GetCacheHits() const;
    /// \return names that could not be resolved (each waiting caller told)
    uint64_t GetFailures() const;
    /// \return the cache
    const DnsCache& GetCache() const;

    /// Signature of the Query trace: name, attempt (1 for the first).
    typedef void (*QueryCallback)(const std::string& name, uint32_t attempt);
    /// Signature of the Resolved trace: name, address, TTL.
    typedef void (*ResolvedCallback)(const std::string& name, Ipv4Address address, Time ttl);
    /// Signature of the Failed trace: name, reason.
    typedef void (*FailedCallback)(const std::string& name, const std::string& reason);

  protected:
    /// Stops (Stop) and drops the socket.
    void DoDispose() override;

  private:
    /// One name being asked for.
    struct Query
    {
        uint16_t id{0};                  //!< the query's ID
        uint32_t attempts{0};            //!< sent so far
        EventId timer;                   //!< the current attempt's timeout
        std::vector<Callback> callbacks; //!< callers waiting
    };

    void Send(const std::string& name);
    void TimedOut(std::string name);
    void HandleRead(Ptr<Socket> socket);
    /// Tell every caller waiting for the name, and forget the query.
    void Complete(const std::string& name,
                  std::optional<Ipv4Address> address,
                  const std::string& error);

    Ipv4Address m_server;
    uint16_t m_port;
    Time m_timeout;
    uint32_t m_attempts;
    uint32_t m_cacheSize;
    uint32_t m_maxQueries;
    Ptr<Socket> m_socket;
    DnsCache m_cache;
    std::map<std::string, Query> m_queries;
    uint16_t m_nextId{1};
    uint64_t m_sent{0};
    uint64_t m_hits{0};
    uint64_t m_failures{0};

    TracedCallback<const std::string&, uint32_t> m_queryTrace;
    TracedCallback<const std::string&, Ipv4Address, Time> m_resolvedTrace;
    TracedCallback<const std::string&, const std::string&> m_failedTrace;
};

} // namespace ns3

#endif // DNS_RESOLVER_H
