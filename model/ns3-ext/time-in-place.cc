/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "time-in-place.h"

#include <limits>
#include <vector>

namespace ns3
{

void
TimeInPlace::Set(Time& t, int64_t ns)
{
    // digits[256 k + d] = d x 256^k ns; the top byte of a magnitude below 2^63 is below 128.
    static const std::vector<Time> digits = []
    {
        std::vector<Time> v;
        for (int k = 0; k < 8; ++k)
        {
            for (int d = 0; d < 256; ++d)
            {
                v.push_back(k < 7 || d < 128 ? NanoSeconds(int64_t(d) << (8 * k)) : Time());
            }
        }
        return v;
    }();
    static const Time zero;
    if (Time::GetResolution() != Time::NS || ns == std::numeric_limits<int64_t>::min())
    {
        t = NanoSeconds(ns);
        return;
    }
    t = zero;
    uint64_t u = ns < 0 ? -static_cast<uint64_t>(ns) : static_cast<uint64_t>(ns);
    for (size_t at = 0; u != 0; at += 256, u >>= 8)
    {
        if (ns < 0)
        {
            t -= digits[at + (u & 255)];
        }
        else
        {
            t += digits[at + (u & 255)];
        }
    }
}

} // namespace ns3
