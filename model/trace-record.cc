/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "trace-record.h"

namespace ns3
{

std::string
TraceRecord::GetUrl() const
{
    return "http://" + server + path;
}

bool
TraceRecord::IsAborted() const
{
    return received < size;
}

bool
TraceRecord::HasQuery() const
{
    return path.find('?') != std::string::npos;
}

bool
TraceRecord::IsCgi() const
{
    return path.find("cgi-bin") != std::string::npos;
}

bool
TraceRecord::IsOtherMethod() const
{
    return method != "GET" && method != "HEAD";
}

} // namespace ns3
