/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TRACE_RECORD_H
#define TRACE_RECORD_H

#include "ns3/nstime.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace ns3
{

/**
 * \ingroup web-proxy
 * One request of a web workload, whatever its origin: a synthetic generator, a Squid
 * access.log, or the module's CSV trace format. Request sources turn these into WebRequests;
 * the trace statistics and cache simulators read them directly.
 */
struct TraceRecord
{
    /**
     * Largest size (and received byte count) the readers and writers accept: 2^50 bytes
     * (1 PiB), the largest Content-Length the HTTP parser accepts. Byte totals of up to 2^14
     * such records fit in a uint64_t; TraceStatistics refuses a record that would wrap them.
     */
    static constexpr uint64_t MAX_SIZE = uint64_t(1) << 50;
    /**
     * Latest time the readers and writers accept, in nanoseconds: 9223372035.999999999 s, the
     * largest whole number of seconds (plus fractions) whose nanoseconds fit in an int64_t
     * (Unix times up to the year 2262).
     */
    static constexpr int64_t MAX_TIME_NS = 9223372035999999999LL;

    Time time;                 //!< issue time, from the start of the trace
    uint32_t client{0};        //!< client (user) number
    std::string server;        //!< origin host name, e.g. "www12.example.com"
    std::string path{"/"};     //!< path and query, e.g. "/cgi-bin/q?x=1"
    std::string method{"GET"}; //!< request method
    uint64_t size{0};          //!< object size: the full response body (Content-Length)
    uint64_t received{0};      //!< body bytes the client received (< size: aborted)
    unsigned status{200};      //!< response status
    std::string contentType;   //!< response Content-Type (may be empty)

    bool cookie{false};        //!< the request carried a Cookie
    bool setCookie{false};     //!< the response carried a Set-Cookie
    bool clientNoCache{false}; //!< request Cache-Control/Pragma: no-cache
    bool serverNoCache{false}; //!< response Cache-Control forbids caching
    bool authorization{false}; //!< the request carried Authorization
    bool persistent{false};    //!< sent on a persistent connection
    uint32_t version{0};       //!< object version (modifications so far), for freshness
    /// An object embedded in the page of the client's last record without this flag: a
    /// browser asks for it once that base object's response has arrived. Only the synthetic
    /// workload sets it; the trace formats do not carry it (a replayed log keeps its timing).
    bool embedded{false};

    /// \return "http://server/path"
    std::string GetUrl() const;

    /**
     * Set the path, adding the leading '/' that a trace may leave out ("" becomes "/").
     * Reuses the string's storage, for readers that fill one record per line.
     * \param p path and query
     */
    void SetPath(std::string_view p);
    /// \return true when the body was not received whole
    bool IsAborted() const;
    /// \return true for URLs with '?' (dynamic content)
    bool HasQuery() const;
    /// \return true for URLs with "cgi-bin"
    bool IsCgi() const;
    /// \return true unless the method is GET or HEAD
    bool IsOtherMethod() const;

    /**
     * Whether a method or Squid action name is well formed: letters, digits, '_' and '-'.
     * \param s the name
     * \return true if valid
     */
    static bool IsToken(std::string_view s);

    /**
     * Whether a text has control characters: bytes below 0x20 other than tab, or DEL.
     * \param s the text
     * \return true if it has
     */
    static bool HasControl(std::string_view s);

    /**
     * Whether a server name is well formed: host[:port] with a host part (it does not start
     * with ':') and no white space, control character, '/', '@', '?' or '#', nor any of
     * alsoForbidden.
     * \param s the name
     * \param alsoForbidden further characters the caller's format cannot carry
     * \return true if valid
     */
    static bool IsHost(std::string_view s, std::string_view alsoForbidden = "");
};

} // namespace ns3

#endif // TRACE_RECORD_H
