/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CACHE_SIMULATOR_H
#define CACHE_SIMULATOR_H

#include "id-trace-reader.h"
#include "replacement-policy.h"

#include "ns3/trace-record.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Trace-driven simulation of finite caches: one ReplacementPolicy per (policy, size) pair,
 * all fed the same requests, one TraceRecord at a time in time order.
 *
 * What is cachable is TraceStatistics' infinite-cache rule (TraceStatistics::IsCachable and
 * IsStorable), so with an infinite size the hit ratios equal TraceStatistics' ones: an
 * uncachable request neither hits nor stores; a cachable one hits when the cache holds its
 * URL (server and path) at the record's object version, and otherwise, if the response is
 * storable, the object is inserted with the full response size (aborted transfers are
 * completed, as in TraceStatistics). A newer version replaces the cached one; a miss that is
 * not storable leaves the cached copy alone. The hit ratio is hits / requests, the byte hit
 * ratio the body bytes the clients received on hits / all body bytes they received, both
 * over every request (uncachable ones included).
 *
 * Integer-id traces (IdTraceReader) take another path, AddIds: the ids go straight into the
 * policies (no URL, no cachability rule, no version): a request hits when the policy holds
 * its id (a size change on a hit is ignored, as in libCacheSim), otherwise the object is
 * inserted with cost 1. Each cache replays a whole block before the next one does, with the
 * Prefetch hint 12 requests ahead, and the time spent in each cache's loop is measured.
 * A simulator is fed by Add or by AddIds, not both.
 */
class CacheSimulator
{
  public:
    /// Size standing for an infinite cache.
    static constexpr uint64_t INFINITE = std::numeric_limits<uint64_t>::max();

    /// Figures of one cache.
    struct Result
    {
        std::string policy;    //!< policy name
        uint64_t capacity{0};  //!< bytes (INFINITE: no limit)
        uint64_t requests{0};  //!< requests seen
        uint64_t hits{0};      //!< hits
        uint64_t bytes{0};     //!< body bytes received by the clients
        uint64_t hitBytes{0};  //!< of which served by hits
        uint64_t evictions{0}; //!< objects evicted
        double seconds{0};     //!< wall time in this cache's AddIds loops (0 with Add)
        bool fellBack{false};  //!< GDS1, GDSF, LFU: values fell back to doubles
                               //!< (GreedyDualPolicy::IsExact)

        /// \return hits / requests (0 without requests)
        double GetHitRatio() const;
        /// \return hitBytes / bytes (0 without bytes)
        double GetByteHitRatio() const;
        /// \return (requests - hits) / requests (0 without requests)
        double GetMissRatio() const;
        /// \return (bytes - hitBytes) / bytes (0 without bytes)
        double GetByteMissRatio() const;
    };

    /**
     * \param policies policy names (CreateReplacementPolicy)
     * \param sizes cache sizes, bytes (INFINITE allowed)
     * \param honourCookies true: Cookie requests are uncachable and Set-Cookie responses are
     *        not stored
     * \throws std::invalid_argument for an unknown policy or an empty list
     */
    CacheSimulator(const std::vector<std::string>& policies,
                   const std::vector<uint64_t>& sizes,
                   bool honourCookies = true);

    /**
     * How a client's no-cache request (a reload: request Cache-Control or Pragma no-cache)
     * counts. false (default, [PROXIM]'s rule): it is uncachable, neither a hit nor stored.
     * true: as ProxyCache's RevalidateNoCache does it, the proxy revalidates its copy, so a
     * reload of a cached object of the same version is a hit and a newer version replaces
     * the copy; a reload with another cause (a cookie, a query...) stays uncachable. Only
     * Add sees the request fields; AddIds is not affected.
     * \param revalidate true: reloads revalidate the cached copy
     */
    void SetRevalidateNoCache(bool revalidate);

    /**
     * Feed one request to every cache.
     * \param r the request
     * \param cost its fetch cost for cost-aware policies (GDSLAT, CSP), e.g. seconds
     */
    void Add(const TraceRecord& r, double cost = 1.0);

    /**
     * Feed requests of an integer-id trace to every cache (see the class description).
     * \param requests the requests, in trace order
     * \param n how many
     */
    void AddIds(const IdTraceReader::Request* requests, size_t n);

    /// \return one result per (policy, size), policies outer, sizes inner, as given
    std::vector<Result> GetResults() const;

    /// \return requests fed
    uint64_t GetRequests() const;
    /// \return distinct URLs seen
    uint64_t GetObjects() const;

    /**
     * Print the results as a table.
     * \param os the stream
     */
    void Print(std::ostream& os) const;

    /**
     * Parse a cache size: a number with an optional unit K, M, G or T (powers of 1024,
     * optionally followed by "B" or "iB"; case-insensitive), or "inf" / "infinite".
     * \param text e.g. "10MB", "512k", "1G", "123456"
     * \return bytes
     * \throws std::invalid_argument naming the text
     */
    static uint64_t ParseSize(const std::string& text);

    /**
     * Parse a comma-separated list (of sizes with ParseSize, or of names).
     * \param text e.g. "1MB,10MB,1GB"
     * \return the items, in order; empty items are an error
     * \throws std::invalid_argument for an empty list or item
     */
    static std::vector<std::string> SplitList(const std::string& text);

    /**
     * Format a size as ParseSize reads it (largest unit that divides it exactly).
     * \param bytes a size
     * \return e.g. "10MB", "1500", "inf"
     */
    static std::string FormatSize(uint64_t bytes);

  private:
    /// One simulated cache.
    struct Cache
    {
        std::unique_ptr<ReplacementPolicy> policy; //!< the store
        std::vector<uint32_t> version; //!< version inserted, by object id (valid while cached)
        Result result;                 //!< figures
    };

    bool m_honourCookies;                            //!< cookie rule
    bool m_revalidateNoCache{false};                 //!< see SetRevalidateNoCache
    std::vector<Cache> m_caches;                     //!< the caches
    std::unordered_map<std::string, uint64_t> m_ids; //!< object id by server + path
    std::string m_key;                               //!< reused lookup key
    uint64_t m_requests{0};                          //!< requests fed
};

} // namespace ns3

#endif // CACHE_SIMULATOR_H
