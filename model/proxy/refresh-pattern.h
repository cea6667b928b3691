/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef REFRESH_PATTERN_H
#define REFRESH_PATTERN_H

#include "ns3/nstime.h"

#include <optional>

namespace ns3
{

/**
 * \ingroup web-proxy
 * When a cached object is fresh, as Squid's refresh_pattern decides (min, percent, max):
 *
 * - an explicit max-age (Cache-Control) or Expires of the response wins;
 * - otherwise an object younger than min is fresh and one older than max is stale;
 * - in between the LM-factor heuristic: fresh while age < percent * (Date - Last-Modified).
 *
 * Ages are counted from when the response was stored (or last revalidated). Squid's default
 * pattern is "0 20% 4320" (minutes).
 */
struct RefreshPattern
{
    Time min{Seconds(0)};    //!< always fresh below this age
    double percent{0.2};     //!< LM-factor, fraction of the Last-Modified age
    Time max{Minutes(4320)}; //!< never fresh beyond this age (without max-age/Expires)

    /**
     * \param stored when the response was stored or last validated
     * \param lastModified its Last-Modified, if any
     * \param expires its Expires, if any
     * \param maxAge its Cache-Control max-age, if any
     * \param now the current time
     * \return true if the cached copy may be served without asking the origin
     */
    bool IsFresh(Time stored,
                 std::optional<Time> lastModified,
                 std::optional<Time> expires,
                 std::optional<Time> maxAge,
                 Time now) const;
};

} // namespace ns3

#endif // REFRESH_PATTERN_H
