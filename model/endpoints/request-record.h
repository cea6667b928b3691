/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef REQUEST_RECORD_H
#define REQUEST_RECORD_H

#include "ns3/nstime.h"

#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * What one request cost the user, broken down as in [PROXIM] (Fig. 5):
 *
 *   total = wait + sync + req_rep + rep_data + data
 *
 * - wait: issued until a connection was available (queued behind the per-server limit);
 * - sync: TCP connection setup (zero when a persistent connection was reused);
 * - req_rep: request sent until the response header arrived;
 * - rep_data: response header until the first body byte (zero when they share a segment);
 * - data: first until last body byte (or until the abort).
 *
 * A request ends completed (a 1xx-3xx response received whole), aborted by the user, or
 * failed (failed set, the reason in error).
 */
struct RequestRecord
{
    uint32_t node{0};                //!< client node id
    uint64_t id{0};                  //!< request number within the client, from 0
    std::string method;              //!< request method
    std::string url;                 //!< absolute URL
    std::string peer;                //!< address:port connected to (origin or proxy)
    Time issued;                     //!< when the request was issued
    Time wait;                       //!< waiting for a connection
    Time sync;                       //!< connection setup
    Time reqRep;                     //!< request to response header
    Time repData;                    //!< response header to first body byte
    Time data;                       //!< body transfer
    Time total;                      //!< issue to last byte (or abort)
    uint64_t requestHeaderBytes{0};  //!< request header size
    uint64_t responseHeaderBytes{0}; //!< response header size
    uint64_t bodyBytes{0};           //!< body bytes received
    uint64_t contentLength{0};       //!< body bytes announced
    bool newConnection{false};       //!< whether a new TCP connection was opened for it
    unsigned status{0};              //!< HTTP status (0 if none arrived)
    bool aborted{false};             //!< the user aborted it
    /// The request did not succeed: the connection failed or closed before the response
    /// ended, no response came within ResponseTimeout, or the response had an error status
    /// (4xx, 5xx; status keeps it). Failed requests are never counted as completed.
    bool failed{false};
    std::string error; //!< what failed ("HTTP 404", "response timeout", ...)
    /// The error of a request its client's stop ended (in flight or not yet started): the
    /// run's end, not a failure of the network or the servers.
    static constexpr const char* APPLICATION_STOPPED = "application stopped";
    /// The response's X-Cache value as a proxy set it (HIT, REFRESH_HIT, MISS, REFRESH_MISS;
    /// empty without one): the CSV's last column, "cache".
    std::string cacheStatus;

    /**
     * \return whether a proxy served the response from its cache (X-Cache HIT or
     * REFRESH_HIT): with bodyBytes, the byte hit ratio of what the user received, where a
     * proxy's own count has the whole body of a hit the user stopped
     */
    bool ServedFromCache() const;

    /// \return the CSV column names, comma separated, no newline
    static std::string CsvHeader();
    /**
     * Write one CSV line (with newline); times in seconds.
     * \param os the stream
     */
    void WriteCsv(std::ostream& os) const;
};

} // namespace ns3

#endif // REQUEST_RECORD_H
