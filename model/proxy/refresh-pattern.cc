/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "refresh-pattern.h"

namespace ns3
{

bool
RefreshPattern::IsFresh(Time stored,
                        std::optional<Time> lastModified,
                        std::optional<Time> expires,
                        std::optional<Time> maxAge,
                        Time now) const
{
    const Time age = now - stored;
    if (maxAge)
    {
        return age < *maxAge;
    }
    if (expires)
    {
        return now < *expires;
    }
    if (age < min)
    {
        return true;
    }
    if (age >= max)
    {
        return false;
    }
    if (!lastModified || *lastModified >= stored)
    {
        return false;
    }
    return age.GetSeconds() < percent * (stored - *lastModified).GetSeconds();
}

} // namespace ns3
