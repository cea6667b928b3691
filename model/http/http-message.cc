/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "http-message.h"

#include <boost/beast/core/string.hpp>
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

/// Whether a Content-Type value names this media type (case-insensitive, parameters ignored).
bool
IsMediaType(boost::beast::string_view value, boost::beast::string_view type)
{
    return value.size() >= type.size() && boost::beast::iequals(value.substr(0, type.size()), type)
        && (value.size() == type.size() || value[type.size()] == ';' || value[type.size()] == ' ');
}

/// The first bytes of a synthetic body of this type and length; empty: all zeros.
std::string
BodyHead(boost::beast::string_view type, uint64_t length)
{
    // Wireshark's GIF, JFIF and PNG dissectors take bodies of 20 bytes or more.
    static constexpr uint64_t wiresharkMinimum = 20;
    if (length < wiresharkMinimum)
    {
        return std::string();
    }
    if (IsMediaType(type, "image/gif"))
    {
        // GIF89a, a 1x1 logical screen without a colour table, the trailer (GIF89a §17-27).
        return std::string("GIF89a\x01\x00\x01\x00\x00\x00\x00\x3B", 14);
    }
    if (IsMediaType(type, "image/jpeg"))
    {
        // Start of image and a JFIF APP0 segment (JFIF 1.01): version 1.1, density 1x1, no
        // thumbnail. The zeros after it read as entropy-coded data.
        return std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",
                           20);
    }
    if (IsMediaType(type, "image/png"))
    {
        // The PNG signature, then chunks: the zeros read as empty chunks of 12 bytes (length,
        // type, CRC), so the first chunk's length takes up what 12 does not divide, lest
        // the last chunk run past the body's end.
        const auto first = static_cast<uint8_t>((length - 8) % 12);
        return std::string("\x89PNG\r\n\x1A\n\x00\x00\x00", 11) + char(first);
    }
    return std::string();
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

std::string
HttpBodyBytes(const HttpResponseHeader& h, uint64_t length, uint64_t offset, uint64_t bytes)
{
    // The longest head is 20 bytes: most slices of a relayed body never look at the type.
    if (offset >= 20)
    {
        return std::string();
    }
    const std::string head = BodyHead(h[HttpField::content_type], length);
    if (offset >= head.size())
    {
        return std::string();
    }
    return head.substr(offset, std::min<uint64_t>(bytes, head.size() - offset));
}

} // namespace ns3
