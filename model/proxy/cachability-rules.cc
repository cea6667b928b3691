/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "cachability-rules.h"

#include "ns3/http-date.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace ns3
{

namespace http = boost::beast::http;

namespace
{
std::string
Lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

void
Set(CachabilityRules::Reasons& r, UncachableReason why)
{
    r.set(static_cast<size_t>(why));
}
} // namespace

bool
CachabilityRules::HasNoCache(const std::string& value, bool response)
{
    const std::string v = Lower(value);
    if (v.find("no-cache") != std::string::npos)
    {
        return true;
    }
    return response
        && (v.find("no-store") != std::string::npos || v.find("private") != std::string::npos);
}

bool
CachabilityRules::IsImagePath(const std::string& path)
{
    static const std::array<const char*, 6> suffixes{
        ".gif", ".jpg", ".jpeg", ".png", ".bmp", ".ico"};
    const std::string p = Lower(path.substr(0, path.find('?')));
    for (const char* s : suffixes)
    {
        const std::string suffix(s);
        if (p.size() >= suffix.size()
            && p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0)
        {
            return true;
        }
    }
    return false;
}

CookiePolicy
CachabilityRules::ParseCookiePolicy(const std::string& name)
{
    const std::string n = Lower(name);
    if (n == "honour" || n == "honor")
    {
        return COOKIES_HONOUR;
    }
    if (n == "ignore")
    {
        return COOKIES_IGNORE;
    }
    if (n == "ignore-images")
    {
        return COOKIES_IGNORE_FOR_IMAGES;
    }
    throw std::invalid_argument("unknown cookie policy '" + name
                                + "' (expected honour, ignore or ignore-images)");
}

CachabilityRules::Reasons
CachabilityRules::CheckRequest(const HttpRequestHeader& request, const std::string& path) const
{
    Reasons r;
    const bool cookiesCount
        = cookies == COOKIES_HONOUR || (cookies == COOKIES_IGNORE_FOR_IMAGES && !IsImagePath(path));
    if (cookiesCount && request.find(http::field::cookie) != request.end())
    {
        Set(r, UncachableReason::COOKIE);
    }
    if (query && path.find('?') != std::string::npos)
    {
        Set(r, UncachableReason::QUERY);
    }
    if (cgiBin && path.find("cgi-bin") != std::string::npos)
    {
        Set(r, UncachableReason::CGI_BIN);
    }
    auto cc = request.find(http::field::cache_control);
    auto pragma = request.find(http::field::pragma);
    if ((cc != request.end() && HasNoCache(std::string(cc->value()), false))
        || (pragma != request.end() && HasNoCache(std::string(pragma->value()), false)))
    {
        Set(r, UncachableReason::CLIENT_NO_CACHE);
    }
    if (request.method() != http::verb::get && request.method() != http::verb::head)
    {
        Set(r, UncachableReason::METHOD);
    }
    if (authorization && request.find(http::field::authorization) != request.end())
    {
        Set(r, UncachableReason::AUTHORIZATION);
    }
    return r;
}

CachabilityRules::Reasons
CachabilityRules::CheckResponse(const HttpResponseHeader& response, const std::string& path) const
{
    Reasons r;
    const bool cookiesCount
        = cookies == COOKIES_HONOUR || (cookies == COOKIES_IGNORE_FOR_IMAGES && !IsImagePath(path));
    if (cookiesCount && response.find(http::field::set_cookie) != response.end())
    {
        Set(r, UncachableReason::SET_COOKIE);
    }
    if (serverNoCache)
    {
        auto cc = response.find(http::field::cache_control);
        auto pragma = response.find(http::field::pragma);
        if ((cc != response.end() && HasNoCache(std::string(cc->value()), true))
            || (pragma != response.end() && HasNoCache(std::string(pragma->value()), true)))
        {
            Set(r, UncachableReason::SERVER_NO_CACHE);
        }
    }
    auto exp = response.find(http::field::expires);
    if (expires && exp != response.end())
    {
        auto when = HttpDate::Parse(std::string(exp->value()));
        auto dateField = response.find(http::field::date);
        auto date = dateField != response.end() ? HttpDate::Parse(std::string(dateField->value()))
                                                : std::optional<Time>();
        // An unparsable Expires means "already expired" (RFC 7234 5.3).
        if (!when || (date && *when <= *date))
        {
            Set(r, UncachableReason::EXPIRED);
        }
    }
    if (response.result() != http::status::ok)
    {
        Set(r, UncachableReason::STATUS);
    }
    return r;
}

const char*
CachabilityRules::ReasonName(UncachableReason r)
{
    switch (r)
    {
    case UncachableReason::COOKIE:
        return "cookie";
    case UncachableReason::SET_COOKIE:
        return "set-cookie";
    case UncachableReason::QUERY:
        return "query";
    case UncachableReason::CGI_BIN:
        return "cgi-bin";
    case UncachableReason::CLIENT_NO_CACHE:
        return "client-no-cache";
    case UncachableReason::SERVER_NO_CACHE:
        return "server-no-cache";
    case UncachableReason::EXPIRED:
        return "expired";
    case UncachableReason::METHOD:
        return "method";
    case UncachableReason::AUTHORIZATION:
        return "authorization";
    case UncachableReason::STATUS:
        return "status";
    case UncachableReason::COUNT:
        break;
    }
    return "?";
}

} // namespace ns3
