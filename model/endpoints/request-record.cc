/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "request-record.h"

#include <cstdio>

namespace ns3
{

std::string
RequestRecord::CsvHeader()
{
    return "node,id,method,url,peer,issued,wait,sync,req_rep,rep_data,data,total,"
           "req_header_bytes,rep_header_bytes,body_bytes,content_length,new_connection,"
           "status,aborted,failed,error,cache";
}

namespace
{
std::string
Sec(Time t)
{
    char buf[32];
    // Nanosecond resolution, fixed notation: identical runs give identical files.
    snprintf(buf, sizeof(buf), "%.9f", t.GetSeconds());
    return buf;
}

std::string
Quote(const std::string& s)
{
    if (s.find_first_of(",\"\n") == std::string::npos)
    {
        return s;
    }
    std::string out = "\"";
    for (char c : s)
    {
        out += c;
        if (c == '"')
        {
            out += '"';
        }
    }
    return out + "\"";
}
} // namespace

bool
RequestRecord::ServedFromCache() const
{
    return cacheStatus == "HIT" || cacheStatus == "REFRESH_HIT";
}

void
RequestRecord::WriteCsv(std::ostream& os) const
{
    os << node << ',' << id << ',' << method << ',' << Quote(url) << ',' << peer << ','
       << Sec(issued) << ',' << Sec(wait) << ',' << Sec(sync) << ',' << Sec(reqRep) << ','
       << Sec(repData) << ',' << Sec(data) << ',' << Sec(total) << ',' << requestHeaderBytes << ','
       << responseHeaderBytes << ',' << bodyBytes << ',' << contentLength << ',' << newConnection
       << ',' << status << ',' << aborted << ',' << failed << ',' << Quote(error) << ','
       << Quote(cacheStatus) << '\n';
}

} // namespace ns3
