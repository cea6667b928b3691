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

void
TraceRecord::SetPath(std::string_view p)
{
    if (!p.empty() && p[0] == '/')
    {
        path.assign(p);
        return;
    }
    path.assign(1, '/');
    path.append(p);
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

bool
TraceRecord::IsToken(std::string_view s)
{
    if (s.empty())
    {
        return false;
    }
    for (char c : s)
    {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
               || c == '_' || c == '-';
        if (!ok)
        {
            return false;
        }
    }
    return true;
}

bool
TraceRecord::HasControl(std::string_view s)
{
    for (char c : s)
    {
        auto u = static_cast<unsigned char>(c);
        if ((u < ' ' && c != '\t') || u == 0x7f)
        {
            return true;
        }
    }
    return false;
}

bool
TraceRecord::IsHost(std::string_view s, std::string_view alsoForbidden)
{
    // SplitUrl and the Squid reader refuse "http://:80/": a port alone names no host.
    if (s.empty() || s[0] == ':')
    {
        return false;
    }
    for (char c : s)
    {
        if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f || c == '/' || c == '@' || c == '?'
            || c == '#' || alsoForbidden.find(c) != std::string_view::npos)
        {
            return false;
        }
    }
    return true;
}

} // namespace ns3
