/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "http-message.h"

#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ns3
{

namespace
{
template <bool isRequest>
std::string
Serialize(const boost::beast::http::header<isRequest>& h)
{
    // Beast's operator<< writes the start line, the fields and the terminating empty line.
    std::ostringstream os;
    os << h;
    return os.str();
}

bool
ContainsToken(const std::string& value, const char* token)
{
    std::string lower(value);
    std::transform(
        lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return lower.find(token) != std::string::npos;
}
} // namespace

std::string
SerializeHttpHeader(const HttpRequestHeader& h)
{
    return Serialize(h);
}

std::string
SerializeHttpHeader(const HttpResponseHeader& h)
{
    return Serialize(h);
}

bool
HttpIsPersistent(unsigned version, const std::string& connectionField)
{
    if (version >= 11)
    {
        return !ContainsToken(connectionField, "close");
    }
    return ContainsToken(connectionField, "keep-alive");
}

std::optional<HttpTarget>
HttpTarget::Parse(const std::string& target)
{
    HttpTarget t;
    if (!target.empty() && target[0] == '/')
    {
        t.path = target;
        return t;
    }
    static const std::string scheme = "http://";
    if (target.size() > scheme.size()
        && std::equal(scheme.begin(),
                      scheme.end(),
                      target.begin(),
                      [](char a, char b)
                      { return a == std::tolower(static_cast<unsigned char>(b)); }))
    {
        auto slash = target.find('/', scheme.size());
        t.host = target.substr(scheme.size(), slash - scheme.size());
        t.path = slash == std::string::npos ? "/" : target.substr(slash);
        t.absolute = true;
        if (t.host.empty())
        {
            return std::nullopt;
        }
        return t;
    }
    return std::nullopt;
}

bool
HttpResponseHasBody(bool requestWasHead, unsigned status)
{
    return !(requestWasHead || (status >= 100 && status < 200) || status == 204 || status == 304);
}

} // namespace ns3
