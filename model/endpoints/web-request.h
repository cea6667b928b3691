/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEB_REQUEST_H
#define WEB_REQUEST_H

#include "ns3/address.h"
#include "ns3/nstime.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * One request a client will issue: what to ask for, where, when, and whether the user
 * aborts it. Request sources (fixed lists, synthetic workloads, trace readers) produce these.
 */
struct WebRequest
{
    std::string method{"GET"}; //!< request method
    std::string host;          //!< Host field, and host of the absolute URI sent to a proxy
    std::string path{"/"};     //!< path and query
    Address server;            //!< where to connect when not using a proxy (InetSocketAddress)
    /// Extra request fields, e.g. Cookie, Cache-Control, Pragma, If-Modified-Since, Authorization.
    std::vector<std::pair<std::string, std::string>> fields;
    uint64_t bodyBytes{0}; //!< request body (e.g. POST), zero-filled bytes
    /// Ask for a persistent connection; unset: the client's PersistentConnections attribute.
    std::optional<bool> persistent;

    Time thinkTime; //!< wait after the client's previous request completed
    /// Absolute issue time (trace replay); the request is issued at max(issueTime, ready time).
    std::optional<Time> issueTime;

    /// Embedded in the page of the client's last request without this flag (its base): issued
    /// only once the base's response has ended, as a browser learns of it from the base's body.
    bool embedded{false};

    /// User abort: close the connection this long after the request was issued.
    std::optional<Time> abortAfter;
    /// User abort: close once this fraction (0..1] of the response body has arrived.
    std::optional<double> abortFraction;

    /// \return "http://host/path" (the absolute URI)
    std::string GetUrl() const;

    /**
     * \param now the time the client is ready for it (its previous request ended)
     * \return how long to wait before issuing it: the think time, or until issueTime if later
     */
    Time GetIssueDelay(Time now) const;
};

} // namespace ns3

#endif // WEB_REQUEST_H
