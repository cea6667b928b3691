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
 * Content-Length (an image body starts with its format's header: HttpBodyBytes), so a
 * message is a header plus a body length.
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

/**
 * The bytes of a slice of a response body that are not zero. Bodies are zero-filled, but
 * Wireshark hands image bodies to its GIF, JPEG (JFIF) and PNG dissectors, which refuse zeros
 * with a note of their Malformed group ("HTTP body subdissector failed", or an exception for
 * PNG) on every response, hiding real malformed frames among them. So a body of type
 * image/gif, image/jpeg or image/png of 20 bytes or more starts with that format's header: a
 * GIF89a stream with no image (14 bytes), a JFIF start of image and APP0 segment (20 bytes),
 * or a PNG signature whose zero chunks fill the body exactly (12 bytes). Every sender of a
 * body (origin server, proxy hit, proxy relay) calls this for the slice it sends, so the bytes
 * are the same at every hop.
 * \param h the response header (its Content-Type)
 * \param length the body's length (Content-Length), bytes
 * \param offset where the slice starts in the body, bytes
 * \param bytes the slice's length, bytes
 * \return the slice's leading bytes that are not zero (at most bytes; the rest are zeros)
 */
std::string HttpBodyBytes(const HttpResponseHeader& h,
                          uint64_t length,
                          uint64_t offset,
                          uint64_t bytes);

} // namespace ns3

#endif // HTTP_MESSAGE_H
