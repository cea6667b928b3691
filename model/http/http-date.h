/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HTTP_DATE_H
#define HTTP_DATE_H

#include "ns3/nstime.h"

#include <optional>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Conversion between simulation time and HTTP dates (RFC 7231 section 7.1.1.1).
 *
 * Simulation time zero is mapped to a wall-clock epoch (by default 1998-01-01 00:00:00 GMT,
 * the era of the traces the module reproduces). HTTP dates have a resolution of one second,
 * so comparisons such as If-Modified-Since work on whole seconds, as real servers do.
 */
class HttpDate
{
  public:
    /// Default epoch: 1998-01-01T00:00:00Z as Unix seconds.
    static constexpr int64_t DEFAULT_EPOCH = 883612800;

    /**
     * Set the Unix time (seconds) that simulation time zero stands for.
     * \param unixSeconds the epoch
     */
    static void SetEpoch(int64_t unixSeconds);
    /// \return the Unix time (seconds) that simulation time zero stands for
    static int64_t GetEpoch();

    /**
     * Format a simulation time (may be negative: before the simulation started).
     * \param t the time
     * \return an IMF-fixdate, e.g. "Thu, 01 Jan 1998 00:00:00 GMT"
     */
    static std::string Format(Time t);

    /**
     * Parse an HTTP date in any of the three formats of RFC 7231 (IMF-fixdate, RFC 850, asctime).
     * \param text the header value
     * \return the simulation time, or nothing when the text is not a valid date
     */
    static std::optional<Time> Parse(const std::string& text);

    /**
     * Truncate a time to whole seconds since the epoch, as it appears in a header.
     * \param t the time
     * \return t rounded down to the second
     */
    static Time Truncate(Time t);
};

} // namespace ns3

#endif // HTTP_DATE_H
