/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HTTP_MESSAGE_H
#define HTTP_MESSAGE_H

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * HTTP request header (start line and fields), a Boost.Beast header.
 *
 * Bodies are never stored: the module simulates them as zero-filled bytes framed by
 * Content-Length, so a message is a header plus a body length.
 */
using HttpRequestHeader = boost::beast::http::request_header<>;
/// HTTP response header (status line and fields), a Boost.Beast header.
using HttpResponseHeader = boost::beast::http::response_header<>;
/// HTTP field names known to Beast.
using HttpField = boost::beast::http::field;
/// HTTP methods known to Beast.
using HttpVerb = boost::beast::http::verb;

/**
 * Serialize a request header to its wire form (start line, fields, empty line).
 * \param h the header
 * \return the header text
 */
std::string SerializeHttpHeader(const HttpRequestHeader& h);

/**
 * Serialize a response header to its wire form (status line, fields, empty line).
 * \param h the header
 * \return the header text
 */
std::string SerializeHttpHeader(const HttpResponseHeader& h);

/**
 * Whether a connection stays open after this message, following RFC 7230 6.3: HTTP/1.1 is
 * persistent unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive".
 * \param version 10 or 11
 * \param connectionField the value of the Connection field (may be empty)
 * \return true if persistent
 */
bool HttpIsPersistent(unsigned version, const std::string& connectionField);

/**
 * Split a request target into host and path. Absolute URIs ("http://host[:port]/path", as
 * sent to an explicit proxy) give their host; origin-form targets ("/path") give an empty host.
 */
struct HttpTarget
{
    std::string host;     //!< host[:port] of an absolute URI, empty for origin-form
    std::string path;     //!< path and query, always starting with '/'
    bool absolute{false}; //!< whether the target was an absolute URI

    /**
     * Parse a request target.
     * \param target the request target
     * \return the parts, or nothing when the target is neither form
     */
    static std::optional<HttpTarget> Parse(const std::string& target);
};

/**
 * Whether a response to this request with this status carries a body (RFC 7230 3.3.3).
 * \param requestWasHead whether the request method was HEAD
 * \param status the response status code
 * \return false for HEAD, 1xx, 204 and 304
 */
bool HttpResponseHasBody(bool requestWasHead, unsigned status);

} // namespace ns3

#endif // HTTP_MESSAGE_H
