/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TRACE_STATISTICS_H
#define TRACE_STATISTICS_H

#include "trace-record.h"
#include "zipf-estimator.h"

#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Statistics of a web trace, fed one TraceRecord at a time in time order: counts, response
 * sizes, [PROXIM]'s table of uncachable requests, persistent and aborted shares, the hit
 * and byte hit ratios of an infinite cache, and the Zipf exponent of object popularity.
 *
 * Infinite cache. A request is uncachable when it has one of the seven causes of seed
 * 002's table (Cookie; '?' or "cgi-bin" in the URL; client Cache-Control/Pragma no-cache;
 * a method other than GET and HEAD; Authorization; a response Cache-Control forbidding
 * caching); when cookies are ignored the Cookie cause is dropped. A cachable request is a
 * hit when the cache holds its URL (server and path) at the record's object version;
 * otherwise it is a miss and the cache stores the response if it is a 200 to a GET and,
 * when cookies are honoured, has no Set-Cookie. Aborted transfers are stored too (the
 * proxy completes the download, as with PROXIM's "continue" policy). Uncachable requests
 * neither hit nor store. The hit ratio is hits / requests; the byte hit ratio is the body
 * bytes the clients received on hits / all body bytes they received.
 */
class TraceStatistics
{
  public:
    /// Causes of uncachability, in the order of [PROXIM]'s table.
    enum Cause : uint8_t
    {
        COOKIE = 0,          //!< the request carried a Cookie
        QUERY = 1,           //!< the URL has '?'
        CLIENT_NO_CACHE = 2, //!< request Cache-Control or Pragma no-cache
        CGI = 3,             //!< the URL has "cgi-bin"
        OTHER_METHOD = 4,    //!< neither GET nor HEAD
        AUTHORIZATION = 5,   //!< the request carried Authorization
        SERVER_NO_CACHE = 6, //!< response Cache-Control forbids caching
        CAUSES = 7,          //!< number of causes
    };

    /**
     * \param cause a cause
     * \return its name as in [PROXIM]'s table, e.g. "Cookie present"
     */
    static std::string GetCauseName(Cause cause);

    /// [PROXIM]'s published figures for one environment (percent; NaN: not published).
    struct PaperFigures
    {
        std::string name;                    //!< preset name: "modem" or "research"
        std::string description;             //!< the trace
        std::array<double, CAUSES> causes{}; //!< % of requests per cause
        double uncachable{0};                //!< % of requests with any cause
        double hitIgnoring{0};               //!< hit ratio %, cookies ignored
        double hitHonouring{0};              //!< hit ratio %, cookies honoured
        double byteHitIgnoring{0};           //!< byte hit ratio %, cookies ignored
        double byteHitHonouring{0};          //!< byte hit ratio %, cookies honoured
        double persistent{0};                //!< % of requests on persistent connections
        double aborted{0};                   //!< % of requests aborted (NaN: not published)
        double abortedMeanSize{0};           //!< mean announced size of aborted transfers, KB
        double abortedReceived{0};           //!< % of their announced bytes the clients received
        double abortedPerReceived{0};        //!< their announced bytes / all received bytes
    };

    /**
     * \param preset "modem" or "research"
     * \return the figures, or nullptr for another name
     */
    static const PaperFigures* GetPaperFigures(const std::string& preset);

    /// Summary of a size distribution.
    struct SizeSummary
    {
        uint64_t count{0};  //!< values
        double mean{0};     //!< mean, bytes
        uint64_t median{0}; //!< median (lower), bytes
        uint64_t p90{0};    //!< 90th percentile (lower), bytes
        uint64_t max{0};    //!< largest, bytes
    };

    /**
     * The uncachability causes of a request.
     * \param r the request
     * \return per cause, whether the request has it
     */
    static std::array<bool, CAUSES> GetCauses(const TraceRecord& r);

    /**
     * Whether a request may be served from the cache (the infinite cache's rule): it has
     * none of the causes, the Cookie cause counting only when cookies are honoured.
     * \param r the request
     * \param honourCookies as for GetHits
     * \return true if cachable
     */
    static bool IsCachable(const TraceRecord& r, bool honourCookies);

    /**
     * Whether the response to a cachable request that missed is stored: a 200 to a GET
     * without, when cookies are honoured, a Set-Cookie.
     * \param r the request
     * \param honourCookies as for GetHits
     * \return true if stored
     */
    static bool IsStorable(const TraceRecord& r, bool honourCookies);

    TraceStatistics();

    /**
     * Account for one request. Records must come in time order for the hit ratios.
     * \param r the record
     * \throws std::invalid_argument when its size is over TraceRecord::MAX_SIZE or below its
     *         received bytes; std::overflow_error when the byte total would exceed 2^64 - 1
     *         (the statistics are then unchanged)
     */
    void Add(const TraceRecord& r);

    /// Forget everything.
    void Clear();

    /// \return requests added
    uint64_t GetRequests() const;
    /// \return distinct URLs (server and path)
    uint64_t GetObjects() const;
    /// \return distinct clients
    uint64_t GetClients() const;
    /// \return distinct servers
    uint64_t GetServers() const;
    /// \return sum of the response sizes (Content-Length), bytes
    uint64_t GetBytes() const;
    /// \return sum of the body bytes received, bytes
    uint64_t GetReceivedBytes() const;
    /// \return time of the last request minus time of the first
    Time GetDuration() const;

    /// \return response sizes (Content-Length) over requests
    SizeSummary GetSizeSummary() const;
    /// \return sizes over distinct objects (size at the first request)
    SizeSummary GetObjectSizeSummary() const;

    /**
     * \param cause a cause
     * \return requests with it (causes overlap)
     */
    uint64_t GetCauseCount(Cause cause) const;
    /**
     * \param cause a cause
     * \return share of requests with it, 0..1
     */
    double GetCauseFraction(Cause cause) const;
    /**
     * \param withCookies count the Cookie cause
     * \return requests with at least one cause
     */
    uint64_t GetUncachableCount(bool withCookies = true) const;
    /**
     * \param withCookies count the Cookie cause
     * \return share of requests with at least one cause, 0..1
     */
    double GetUncachableFraction(bool withCookies = true) const;

    /// \return share of requests on persistent connections, 0..1
    double GetPersistentFraction() const;
    /// \return requests whose body was not received whole
    uint64_t GetAbortedCount() const;
    /// \return requests per response status (200, 304, 302, 404, ...), in status order
    const std::map<unsigned, uint64_t>& GetStatusCounts() const
    {
        return m_statuses;
    }
    /// \return share of requests whose body was not received whole, 0..1
    double GetAbortedFraction() const;
    /// \return sum of the announced sizes of the aborted requests, bytes
    uint64_t GetAbortedBytes() const;
    /// \return sum of what the aborted requests received, bytes
    uint64_t GetAbortedReceivedBytes() const;
    /**
     * What a proxy whose flow control keeps it \p gap bytes ahead of its client cannot avoid
     * fetching is each aborted transfer's received bytes plus at most the gap; the rest of
     * the body is what flow control saves over a proxy that completes the download.
     * \param gap the read-ahead gap, bytes
     * \return sum over aborted requests of the body bytes beyond received + gap
     */
    uint64_t GetAbortedBytesBeyond(uint64_t gap) const;

    /**
     * \param honourCookies true: Cookie requests are uncachable and Set-Cookie responses
     *        are not stored; false: cookies are ignored
     * \return infinite-cache hits
     */
    uint64_t GetHits(bool honourCookies) const;
    /**
     * \param honourCookies as for GetHits
     * \return infinite-cache hit ratio, 0..1
     */
    double GetHitRatio(bool honourCookies) const;
    /**
     * \param honourCookies as for GetHits
     * \return infinite-cache byte hit ratio (received bytes), 0..1
     */
    double GetByteHitRatio(bool honourCookies) const;

    /// \return the number of requests of each distinct URL, in no particular order
    std::vector<uint64_t> GetObjectCounts() const;

    /**
     * Maximum-likelihood Zipf exponent of URL popularity (see ZipfEstimator).
     * \param minCount URLs with fewer requests are left out
     * \return the fit
     */
    ZipfEstimator::Result FitZipf(uint64_t minCount = ZipfEstimator::DEFAULT_MIN_COUNT) const;

    /**
     * Choose the paper column Print(os, true) shows.
     * \param preset "modem", "research", or "" for none; other names are fatal
     */
    void SetPaperPreset(const std::string& preset);

    /**
     * Print the statistics as a table.
     * \param os the stream
     * \param withPaper add [PROXIM]'s figures for the preset chosen with SetPaperPreset
     */
    void Print(std::ostream& os, bool withPaper = false) const;

    /**
     * Print the statistics beside [PROXIM]'s figures for a preset.
     * \param os the stream
     * \param preset "modem" or "research" (other names are fatal)
     */
    void Print(std::ostream& os, const std::string& preset) const;

    /**
     * Print the statistics beside [PROXIM]'s figures for a preset.
     * \param os the stream
     * \param preset "modem" or "research" (other names are fatal)
     */
    void Print(std::ostream& os, const char* preset) const;

  private:
    /// What the statistics keep per URL.
    struct Entry
    {
        uint64_t count{0};           //!< requests
        uint64_t size{0};            //!< size at the first request
        uint32_t serverLength{0};    //!< the key's server part
        int64_t storedIgnoring{-1};  //!< version cached with cookies ignored (-1: none)
        int64_t storedHonouring{-1}; //!< version cached with cookies honoured (-1: none)
    };

    void Print(std::ostream& os, const PaperFigures* paper) const;

    /**
     * \param cause the causes of a request (GetCauses)
     * \param honourCookies whether the Cookie cause counts
     * \return true if the request is cachable
     */
    static bool IsCachable(const std::array<bool, CAUSES>& cause, bool honourCookies);

    std::unordered_map<std::string, Entry> m_objects; //!< by server + path
    std::unordered_set<uint32_t> m_clients;           //!< clients seen

    std::vector<uint64_t> m_sizes;             //!< response size of each request
    std::string m_key;                         //!< reused lookup key
    uint64_t m_requests{0};                    //!< requests
    uint64_t m_bytes{0};                       //!< sum of sizes
    uint64_t m_received{0};                    //!< sum of received bytes
    std::array<uint64_t, CAUSES> m_causes{};   //!< requests per cause
    uint64_t m_uncachable{0};                  //!< any cause
    uint64_t m_uncachableNoCookie{0};          //!< any cause but Cookie
    uint64_t m_persistent{0};                  //!< on persistent connections
    uint64_t m_aborted{0};                     //!< received < size
    std::map<unsigned, uint64_t> m_statuses;   //!< requests per response status
    uint64_t m_abortedBytes{0};                //!< their sizes
    uint64_t m_abortedReceived{0};             //!< what they received
    std::vector<uint64_t> m_abortedRemainders; //!< size - received of each
    std::array<uint64_t, 2> m_hits{};          //!< [honour cookies]
    std::array<uint64_t, 2> m_hitBytes{};      //!< [honour cookies]
    Time m_first;                              //!< first request time
    Time m_last;                               //!< last request time
    std::string m_paperPreset;                 //!< paper column for Print
};

} // namespace ns3

#endif // TRACE_STATISTICS_H
