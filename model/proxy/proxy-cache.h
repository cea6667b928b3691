/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PROXY_CACHE_H
#define PROXY_CACHE_H

#include "cachability-rules.h"
#include "connection-cache.h"
#include "icp-agent.h"
#include "refresh-pattern.h"

#include "ns3/replacement-policy.h"

#include <array>
#include <memory>
#include <optional>
#include <unordered_map>

namespace ns3
{

/**
 * \ingroup web-proxy
 * An HTTP caching proxy ([PROXIM]'s data cache on top of ConnectionCache's connection
 * cache).
 *
 * - Cachability: CachabilityRules, each cause switchable and counted per request.
 * - Store: a byte-capacity ReplacementPolicy (Policy, CacheSize); objects larger than the
 *   cache are never stored; a download continued after a client abort is stored too.
 * - Coherence: a fresh copy (RefreshPattern: Expires / max-age, else min / LM-factor / max)
 *   is served as a hit; a stale one is revalidated with If-Modified-Since (304: served from
 *   the cache). A client's Pragma/Cache-Control no-cache turns into such a conditional GET
 *   (the seeds' "naive coherence"). A client's own If-Modified-Since is answered 304 from a
 *   fresh copy.
 * - Each response carries X-Cache: HIT, REFRESH_HIT, REFRESH_MISS, MISS or NONE.
 * - Siblings (ICP, RFC 2186, IcpAgent): a miss of a cachable object not requested by a
 *   sibling is first looked up at every sibling; the object is fetched from the first that
 *   says HIT (an absolute-URI proxy request), else from the parent or origin as usual, after
 *   all said miss or IcpTimeout. The siblings' queries are answered from the local cache.
 */
class ProxyCache : public ConnectionCache
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ProxyCache();
    ~ProxyCache() override;

    /// What the data cache counts.
    struct CacheCounters
    {
        uint64_t requests{0};       //!< requests that reached the cache logic
        uint64_t hits{0};           //!< served fresh from the cache
        uint64_t refreshHits{0};    //!< revalidated (304 from the origin), served from cache
        uint64_t refreshMisses{0};  //!< revalidated, the object had changed
        uint64_t misses{0};         //!< fetched from a server (cachable or not)
        uint64_t uncachable{0};     //!< requests or responses with any active cause
        uint64_t stored{0};         //!< responses stored
        uint64_t tooLarge{0};       //!< cachable responses larger than the cache
        uint64_t evicted{0};        //!< objects evicted
        uint64_t notModified{0};    //!< 304s the proxy answered to a client's own IMS
        uint64_t staleHits{0};      //!< hits on a copy the origin had already changed
        uint64_t bytesFromCache{0}; //!< body bytes served from the cache
        uint64_t siblingHits{0};    //!< misses fetched from a sibling that said ICP HIT
        /// Requests per cause (non-exclusive), indexed by UncachableReason.
        std::array<uint64_t, static_cast<size_t>(UncachableReason::COUNT)> reasons{};
    };

    /// \return the cache counters
    const CacheCounters& GetCacheCounters() const;
    /// \return the hit ratio: (hits + refresh hits) / requests
    double GetHitRatio() const;
    /**
     * \return the byte hit ratio: body bytes served from the cache / body bytes handed to
     * client connections. Both count a body when the proxy queues it, so a user who stops a
     * download counts with the whole body (a hit's at once, a miss's as far as it was
     * relayed). What the clients received is in their records (RequestRecord::bodyBytes
     * and cacheStatus, the response's X-Cache), from which [PROXIM]'s byte hit ratio follows.
     */
    double GetByteHitRatio() const;

    /**
     * Print the cache and connection figures.
     * \param os the stream
     */
    void PrintStatistics(std::ostream& os) const;

    /// Tells the current Last-Modified of an object at its origin, to count stale hits.
    using OriginOracle
        = std::function<std::optional<Time>(const std::string& host, const std::string& path)>;
    /**
     * Set the oracle (simulation-only knowledge; a real proxy cannot count stale hits).
     * \param oracle the oracle
     */
    void SetOriginOracle(OriginOracle oracle);

    /// \return the replacement policy (created at start)
    const ReplacementPolicy* GetPolicy() const;

    /**
     * Add a sibling proxy (before start): its ICP port is IcpPort.
     * \param ip its address
     * \param httpPort its HTTP port
     */
    void AddSibling(Ipv4Address ip, uint16_t httpPort);
    /// \return the ICP side (counters, lookups waiting, siblings)
    const IcpAgent& GetIcp() const;

    /// Signature of the IcpQuery trace: URL, siblings asked.
    typedef void (*IcpQueryCallback)(const std::string& url, uint32_t siblings);
    /// Signature of the IcpLookup trace: URL, outcome, HTTP address of the sibling that said
    /// HIT (invalid for the other outcomes).
    typedef void (*IcpLookupCallback)(const std::string& url,
                                      const std::string& outcome,
                                      const Address& sibling);
    /// Signature of the IcpIgnored trace: why (a counter's name), source address.
    typedef void (*IcpIgnoredCallback)(const std::string& why, const Address& from);

    /// Signature of the CacheResult trace: URL, X-Cache value, body bytes.
    typedef void (*CacheResultCallback)(const std::string& url,
                                        const std::string& result,
                                        uint64_t bytes);

  protected:
    /// Empties the store and drops the replacement policy and the origin oracle, then
    /// releases the connections as ConnectionCache does.
    void DoDispose() override;
    void HandleRequest(Transaction* t) override;
    void HandleServerResponse(Transaction* t) override;
    void HandleServerComplete(Transaction* t) override;

    /// Builds the cachability rules and the refresh pattern from the attributes, creates the
    /// replacement policy (Policy, CacheSize) unless one exists, then starts the proxy as
    /// ConnectionCache does.
    void StartApplication() override;
    /// Drops the ICP lookups in progress and closes the ICP socket, then stops the proxy as
    /// ConnectionCache does.
    void StopApplication() override;

  private:
    /// \param policy "Honour", "Ignore" or "IgnoreForImages"
    void SetCookies(std::string policy);
    /// \return the cookie policy's name
    std::string GetCookies() const;

    /// A stored response.
    struct Stored
    {
        HttpResponseHeader header;        //!< the response header as received
        uint64_t size{0};                 //!< body bytes
        Time stored;                      //!< stored or last validated
        std::optional<Time> lastModified; //!< Last-Modified
        std::optional<Time> expires;      //!< Expires
        std::optional<Time> maxAge;       //!< Cache-Control max-age
    };

    uint64_t KeyFor(const std::string& url);
    bool IsFresh(const Stored& s) const;
    void CountReasons(const CachabilityRules::Reasons& r);
    void Revalidate(Transaction* t, const Stored& s);
    void ServeFromCache(Transaction* t);
    void Store(Transaction* t);
    static Stored Describe(const HttpResponseHeader& h, uint64_t size, Time now);
    bool LookUpAtSiblings(Transaction* t);
    void HandleIcpDone(Transaction* t, IcpAgent::Outcome outcome, const Address& sibling);
    bool HasFreshCopy(const std::string& url) const;

    // Attributes
    bool m_dataCaching;
    std::string m_policyName;
    uint64_t m_cacheSize;
    CookiePolicy m_cookies;
    bool m_uncachableQuery;
    bool m_uncachableCgi;
    bool m_honourServerNoCache;
    bool m_honourExpires;
    bool m_uncachableAuthorization;
    Time m_refreshMin;
    double m_refreshPercent;
    Time m_refreshMax;
    bool m_revalidateNoCache;
    uint16_t m_icpPort;
    Time m_icpTimeout;
    uint32_t m_icpMaxPending;

    CachabilityRules m_rules; //!< built from the attributes at start
    RefreshPattern m_refresh; //!< built from the attributes at start

    std::unique_ptr<ReplacementPolicy> m_policy;
    std::unordered_map<uint64_t, Stored> m_store;
    std::unordered_map<std::string, uint64_t> m_keys;
    CacheCounters m_cache;
    OriginOracle m_oracle;
    TracedCallback<const std::string&, const std::string&, uint64_t> m_resultTrace;
    IcpAgent m_icp;
    TracedCallback<const std::string&, uint32_t> m_icpQueryTrace;
    TracedCallback<const std::string&, const std::string&, const Address&> m_icpLookupTrace;
    TracedCallback<const std::string&, const Address&> m_icpIgnoredTrace;
};

} // namespace ns3

#endif // PROXY_CACHE_H
