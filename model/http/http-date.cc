/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "http-date.h"

#include <cstring>
#include <ctime>

namespace ns3
{

namespace
{
int64_t g_epoch = HttpDate::DEFAULT_EPOCH;

int64_t
FloorSeconds(Time t)
{
    int64_t ns = t.GetNanoSeconds();
    int64_t s = ns / 1000000000;
    if (ns < 0 && s * 1000000000 != ns)
    {
        --s;
    }
    return s;
}
} // namespace

void
HttpDate::SetEpoch(int64_t unixSeconds)
{
    g_epoch = unixSeconds;
}

int64_t
HttpDate::GetEpoch()
{
    return g_epoch;
}

std::string
HttpDate::Format(Time t)
{
    time_t epochSeconds = static_cast<time_t>(g_epoch + FloorSeconds(t));
    struct tm tm;
    gmtime_r(&epochSeconds, &tm);
    static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* months[]
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[40];
    snprintf(buf,
             sizeof(buf),
             "%s, %02d %s %04d %02d:%02d:%02d GMT",
             days[tm.tm_wday],
             tm.tm_mday,
             months[tm.tm_mon],
             tm.tm_year + 1900,
             tm.tm_hour,
             tm.tm_min,
             tm.tm_sec);
    return buf;
}

std::optional<Time>
HttpDate::Parse(const std::string& text)
{
    // The three formats a recipient must accept (RFC 7231 7.1.1.1).
    static const char* formats[] = {
        "%a, %d %b %Y %H:%M:%S GMT", // IMF-fixdate
        "%A, %d-%b-%y %H:%M:%S GMT", // obsolete RFC 850
        "%a %b %e %H:%M:%S %Y",      // asctime
    };
    for (const char* f : formats)
    {
        struct tm tm;
        std::memset(&tm, 0, sizeof(tm));
        const char* end = strptime(text.c_str(), f, &tm);
        if (end != nullptr && *end == '\0')
        {
            int64_t epochSeconds = timegm(&tm);
            return Time::FromInteger(epochSeconds - g_epoch, Time::S);
        }
    }
    return std::nullopt;
}

Time
HttpDate::Truncate(Time t)
{
    return Time::FromInteger(FloorSeconds(t), Time::S);
}

} // namespace ns3
