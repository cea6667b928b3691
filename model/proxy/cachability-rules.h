/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CACHABILITY_RULES_H
#define CACHABILITY_RULES_H

#include "ns3/http-message.h"
#include "ns3/nstime.h"

#include <bitset>
#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Why a request or response may not be served from or stored in a cache: the causes of
 * [PROXIM]'s table of uncachable requests, plus the response-side ones a proxy also checks.
 */
enum class UncachableReason : uint8_t
{
    COOKIE,          //!< request carried a Cookie
    SET_COOKIE,      //!< response carried a Set-Cookie
    QUERY,           //!< URL had '?'
    CGI_BIN,         //!< URL had "cgi-bin"
    CLIENT_NO_CACHE, //!< request Cache-Control or Pragma: no-cache
    SERVER_NO_CACHE, //!< response Cache-Control: no-cache, no-store or private (or Pragma)
    EXPIRED,         //!< response Expires not later than its Date
    METHOD,          //!< neither GET nor HEAD
    AUTHORIZATION,   //!< request carried Authorization
    STATUS,          //!< response status other than 200
    COUNT            //!< number of reasons
};

/// How a cache treats cookies ([PROXIM], section IV.A); unscoped, as ns-3 attribute enums are.
enum CookiePolicy
{
    COOKIES_HONOUR,           //!< Cookie requests and Set-Cookie responses are uncachable
    COOKIES_IGNORE,           //!< cookies do not matter
    COOKIES_IGNORE_FOR_IMAGES //!< as HONOUR, except for image URLs (.gif, .jpg, ...)
};

/**
 * \ingroup web-proxy
 * The cachability decisions of a proxy cache, each switchable. A request is looked up in
 * the cache and its response stored only when neither has an active reason.
 */
class CachabilityRules
{
  public:
    /// A set of reasons, indexed by UncachableReason.
    using Reasons = std::bitset<static_cast<size_t>(UncachableReason::COUNT)>;

    CookiePolicy cookies{COOKIES_HONOUR}; //!< cookie handling
    bool query{true};                     //!< '?' URLs are uncachable
    bool cgiBin{true};                    //!< "cgi-bin" URLs are uncachable
    bool serverNoCache{true};             //!< honour response Cache-Control/Pragma
    bool expires{true};                   //!< honour an Expires not after Date
    bool authorization{true};             //!< Authorization makes a request uncachable

    /**
     * Reasons found in a request. CLIENT_NO_CACHE is always reported (it asks for
     * revalidation, which the cache decides on); the others only when switched on.
     * \param request the request header
     * \param path its path and query
     * \return the reasons
     */
    Reasons CheckRequest(const HttpRequestHeader& request, const std::string& path) const;

    /**
     * Reasons found in a response.
     * \param response the response header
     * \param path the request's path and query
     * \return the reasons
     */
    Reasons CheckResponse(const HttpResponseHeader& response, const std::string& path) const;

    /**
     * \param r a reason
     * \return its name, e.g. "cookie"
     */
    static const char* ReasonName(UncachableReason r);

    /**
     * \param path path and query
     * \return true when the path ends in an image suffix (.gif, .jpg, .jpeg, .png, .bmp, .ico)
     */
    static bool IsImagePath(const std::string& path);

    /**
     * Whether a Cache-Control or Pragma value forbids using a cached copy.
     * \param value the field value
     * \param response true for response directives (no-store and private also count)
     * \return true if it does
     */
    static bool HasNoCache(const std::string& value, bool response);

    /**
     * Parse a CookiePolicy name: "honour", "ignore" or "ignore-images".
     * \param name the name
     * \return the policy; throws std::invalid_argument for other names
     */
    static CookiePolicy ParseCookiePolicy(const std::string& name);
};

} // namespace ns3

#endif // CACHABILITY_RULES_H
