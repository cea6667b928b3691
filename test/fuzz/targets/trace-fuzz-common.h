/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What the trace fuzz targets share: the invariants of a record read from any trace.
 */
#ifndef WEB_PROXY_TRACE_FUZZ_COMMON_H
#define WEB_PROXY_TRACE_FUZZ_COMMON_H

#include "fuzz-check.h"

#include "ns3/trace-record.h"

#include <sstream>
#include <string>

namespace ns3
{

/// A record as text, every field, for comparisons and messages.
inline std::string
Describe(const TraceRecord& r)
{
    std::ostringstream o;
    o << r.time.GetNanoSeconds() << "|" << r.client << "|" << r.server << "|" << r.path << "|"
      << r.method << "|" << r.size << "|" << r.received << "|" << r.status << "|" << r.contentType
      << "|" << r.cookie << r.setCookie << r.clientNoCache << r.serverNoCache << r.authorization
      << r.persistent << "|" << r.version;
    return o.str();
}

/// Check what every reader promises of a record; previousNs is the previous record's time.
inline void
CheckRecord(const TraceRecord& r, int64_t previousNs)
{
    const std::string d = Describe(r);
    const int64_t ns = r.time.GetNanoSeconds();
    FUZZ_CHECK(ns >= previousNs && ns <= TraceRecord::MAX_TIME_NS, "time: " + d);
    FUZZ_CHECK(TraceRecord::IsHost(r.server), "server: " + d);
    FUZZ_CHECK(!r.path.empty() && r.path[0] == '/' && !TraceRecord::HasControl(r.path),
               "path: " + d);
    FUZZ_CHECK(TraceRecord::IsToken(r.method), "method: " + d);
    FUZZ_CHECK(r.size <= TraceRecord::MAX_SIZE && r.received <= r.size, "sizes: " + d);
    FUZZ_CHECK(r.status <= 999, "status: " + d);
    FUZZ_CHECK(!TraceRecord::HasControl(r.contentType), "type: " + d);
}

} // namespace ns3

#endif // WEB_PROXY_TRACE_FUZZ_COMMON_H
