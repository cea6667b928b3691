/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "socks5-message.h"

namespace ns3
{

// Every parser looks at each byte as soon as it is there, so that a stream reader rejects a
// bad version or type at once instead of waiting for bytes that may never come.

const char*
Socks5Message::ErrorName(Error e)
{
    switch (e)
    {
    case Error::NONE:
        return "NONE";
    case Error::TRUNCATED:
        return "TRUNCATED";
    case Error::BAD_VERSION:
        return "BAD_VERSION";
    case Error::BAD_AUTH_VERSION:
        return "BAD_AUTH_VERSION";
    case Error::NO_METHODS:
        return "NO_METHODS";
    case Error::UNKNOWN_METHOD:
        return "UNKNOWN_METHOD";
    case Error::UNKNOWN_COMMAND:
        return "UNKNOWN_COMMAND";
    case Error::UNKNOWN_ADDRESS_TYPE:
        return "UNKNOWN_ADDRESS_TYPE";
    case Error::UNKNOWN_REPLY:
        return "UNKNOWN_REPLY";
    case Error::BAD_RESERVED:
        return "BAD_RESERVED";
    case Error::EMPTY_DOMAIN:
        return "EMPTY_DOMAIN";
    case Error::DOMAIN_TOO_LONG:
        return "DOMAIN_TOO_LONG";
    case Error::EMPTY_USERNAME:
        return "EMPTY_USERNAME";
    case Error::USERNAME_TOO_LONG:
        return "USERNAME_TOO_LONG";
    case Error::EMPTY_PASSWORD:
        return "EMPTY_PASSWORD";
    case Error::PASSWORD_TOO_LONG:
        return "PASSWORD_TOO_LONG";
    case Error::TOO_MANY_METHODS:
        return "TOO_MANY_METHODS";
    }
    return "?";
}

const char*
Socks5Message::ReplyName(uint8_t reply)
{
    static const char* const names[] = {"succeeded",
                                        "general SOCKS server failure",
                                        "connection not allowed by ruleset",
                                        "network unreachable",
                                        "host unreachable",
                                        "connection refused",
                                        "TTL expired",
                                        "command not supported",
                                        "address type not supported"};
    return reply <= ADDRESS_TYPE_NOT_SUPPORTED ? names[reply] : "unassigned";
}

bool
Socks5Message::Endpoint::operator==(const Endpoint& o) const
{
    if (type != o.type || port != o.port)
    {
        return false;
    }
    switch (type)
    {
    case IPV4:
        return ipv4 == o.ipv4;
    case DOMAIN:
        return domain == o.domain;
    default:
        return ipv6 == o.ipv6;
    }
}

Socks5Message::Error
Socks5Message::Parse(const uint8_t* data, size_t size, Greeting& out, size_t& used)
{
    if (size < 1)
    {
        return Error::TRUNCATED;
    }
    if (data[0] != VERSION)
    {
        return Error::BAD_VERSION;
    }
    if (size < 2)
    {
        return Error::TRUNCATED;
    }
    const size_t n = data[1];
    if (n == 0)
    {
        return Error::NO_METHODS;
    }
    for (size_t i = 0; i < n && 2 + i < size; ++i)
    {
        if (data[2 + i] == NO_ACCEPTABLE)
        {
            return Error::UNKNOWN_METHOD; // X'FF' is the refusal, never an offer
        }
    }
    if (size < 2 + n)
    {
        return Error::TRUNCATED;
    }
    out.methods.assign(data + 2, data + 2 + n);
    used = 2 + n;
    return Error::NONE;
}

Socks5Message::Error
Socks5Message::Parse(const uint8_t* data, size_t size, MethodSelection& out, size_t& used)
{
    if (size < 1)
    {
        return Error::TRUNCATED;
    }
    if (data[0] != VERSION)
    {
        return Error::BAD_VERSION;
    }
    if (size < 2)
    {
        return Error::TRUNCATED;
    }
    // A server may only choose a method it was offered; the offers a client here makes are
    // the two the gateway knows, so anything but those and the refusal is malformed.
    if (data[1] != NO_AUTH && data[1] != USER_PASS && data[1] != NO_ACCEPTABLE)
    {
        return Error::UNKNOWN_METHOD;
    }
    out.method = data[1];
    used = 2;
    return Error::NONE;
}

Socks5Message::Error
Socks5Message::Parse(const uint8_t* data, size_t size, AuthRequest& out, size_t& used)
{
    if (size < 1)
    {
        return Error::TRUNCATED;
    }
    if (data[0] != AUTH_VERSION)
    {
        return Error::BAD_AUTH_VERSION;
    }
    if (size < 2)
    {
        return Error::TRUNCATED;
    }
    const size_t ulen = data[1];
    if (ulen == 0)
    {
        return Error::EMPTY_USERNAME;
    }
    if (size < 3 + ulen)
    {
        return Error::TRUNCATED;
    }
    const size_t plen = data[2 + ulen];
    if (plen == 0)
    {
        return Error::EMPTY_PASSWORD;
    }
    if (size < 3 + ulen + plen)
    {
        return Error::TRUNCATED;
    }
    out.username.assign(reinterpret_cast<const char*>(data + 2), ulen);
    out.password.assign(reinterpret_cast<const char*>(data + 3 + ulen), plen);
    used = 3 + ulen + plen;
    return Error::NONE;
}

Socks5Message::Error
Socks5Message::Parse(const uint8_t* data, size_t size, AuthReply& out, size_t& used)
{
    if (size < 1)
    {
        return Error::TRUNCATED;
    }
    if (data[0] != AUTH_VERSION)
    {
        return Error::BAD_AUTH_VERSION;
    }
    if (size < 2)
    {
        return Error::TRUNCATED;
    }
    out.status = data[1];
    used = 2;
    return Error::NONE;
}

Socks5Message::Error
Socks5Message::ParseEndpoint(const uint8_t* data, size_t size, size_t& pos, Endpoint& e)
{
    if (size <= pos)
    {
        return Error::TRUNCATED;
    }
    const uint8_t type = data[pos++];
    size_t len = 0;
    switch (type)
    {
    case IPV4:
        len = 4;
        break;
    case IPV6:
        len = 16;
        break;
    case DOMAIN:
        if (size <= pos)
        {
            return Error::TRUNCATED;
        }
        len = data[pos++];
        if (len == 0)
        {
            return Error::EMPTY_DOMAIN;
        }
        break;
    default:
        return Error::UNKNOWN_ADDRESS_TYPE;
    }
    if (size < pos + len + 2)
    {
        return Error::TRUNCATED;
    }
    e = Endpoint();
    e.type = type;
    const uint8_t* a = data + pos;
    if (type == IPV4)
    {
        e.ipv4 = Ipv4Address((uint32_t(a[0]) << 24) | (uint32_t(a[1]) << 16) | (uint32_t(a[2]) << 8)
                             | a[3]);
    }
    else if (type == IPV6)
    {
        std::copy(a, a + 16, e.ipv6.begin());
    }
    else
    {
        e.domain.assign(reinterpret_cast<const char*>(a), len);
    }
    pos += len;
    e.port = static_cast<uint16_t>((data[pos] << 8) | data[pos + 1]);
    pos += 2;
    return Error::NONE;
}

Socks5Message::Error
Socks5Message::Parse(const uint8_t* data, size_t size, Request& out, size_t& used)
{
    if (size < 1)
    {
        return Error::TRUNCATED;
    }
    if (data[0] != VERSION)
    {
        return Error::BAD_VERSION;
    }
    if (size < 2)
    {
        return Error::TRUNCATED;
    }
    if (data[1] < CONNECT || data[1] > UDP_ASSOCIATE)
    {
        return Error::UNKNOWN_COMMAND;
    }
    if (size < 3)
    {
        return Error::TRUNCATED;
    }
    if (data[2] != 0)
    {
        return Error::BAD_RESERVED;
    }
    size_t pos = 3;
    const Error e = ParseEndpoint(data, size, pos, out.destination);
    if (e != Error::NONE)
    {
        return e;
    }
    out.command = data[1];
    used = pos;
    return Error::NONE;
}

Socks5Message::Error
Socks5Message::Parse(const uint8_t* data, size_t size, ReplyMessage& out, size_t& used)
{
    if (size < 1)
    {
        return Error::TRUNCATED;
    }
    if (data[0] != VERSION)
    {
        return Error::BAD_VERSION;
    }
    if (size < 2)
    {
        return Error::TRUNCATED;
    }
    if (data[1] > ADDRESS_TYPE_NOT_SUPPORTED)
    {
        return Error::UNKNOWN_REPLY;
    }
    if (size < 3)
    {
        return Error::TRUNCATED;
    }
    if (data[2] != 0)
    {
        return Error::BAD_RESERVED;
    }
    size_t pos = 3;
    const Error e = ParseEndpoint(data, size, pos, out.bound);
    if (e != Error::NONE)
    {
        return e;
    }
    out.reply = data[1];
    used = pos;
    return Error::NONE;
}

Socks5Message::Error
Socks5Message::Serialise(const Greeting& m, std::vector<uint8_t>& out)
{
    if (m.methods.empty())
    {
        return Error::NO_METHODS;
    }
    if (m.methods.size() > 255)
    {
        return Error::TOO_MANY_METHODS;
    }
    for (uint8_t x : m.methods)
    {
        if (x == NO_ACCEPTABLE)
        {
            return Error::UNKNOWN_METHOD;
        }
    }
    out.push_back(VERSION);
    out.push_back(static_cast<uint8_t>(m.methods.size()));
    out.insert(out.end(), m.methods.begin(), m.methods.end());
    return Error::NONE;
}

Socks5Message::Error
Socks5Message::Serialise(const MethodSelection& m, std::vector<uint8_t>& out)
{
    if (m.method != NO_AUTH && m.method != USER_PASS && m.method != NO_ACCEPTABLE)
    {
        return Error::UNKNOWN_METHOD;
    }
    out.push_back(VERSION);
    out.push_back(m.method);
    return Error::NONE;
}

Socks5Message::Error
Socks5Message::Serialise(const AuthRequest& m, std::vector<uint8_t>& out)
{
    if (m.username.empty())
    {
        return Error::EMPTY_USERNAME;
    }
    if (m.username.size() > 255)
    {
        return Error::USERNAME_TOO_LONG;
    }
    if (m.password.empty())
    {
        return Error::EMPTY_PASSWORD;
    }
    if (m.password.size() > 255)
    {
        return Error::PASSWORD_TOO_LONG;
    }
    out.push_back(AUTH_VERSION);
    out.push_back(static_cast<uint8_t>(m.username.size()));
    out.insert(out.end(), m.username.begin(), m.username.end());
    out.push_back(static_cast<uint8_t>(m.password.size()));
    out.insert(out.end(), m.password.begin(), m.password.end());
    return Error::NONE;
}

Socks5Message::Error
Socks5Message::Serialise(const AuthReply& m, std::vector<uint8_t>& out)
{
    out.push_back(AUTH_VERSION);
    out.push_back(m.status);
    return Error::NONE;
}

Socks5Message::Error
Socks5Message::SerialiseEndpoint(const Endpoint& e, std::vector<uint8_t>& out)
{
    if (e.type == IPV4)
    {
        out.push_back(IPV4);
        const uint32_t a = e.ipv4.Get();
        out.insert(out.end(), {uint8_t(a >> 24), uint8_t(a >> 16), uint8_t(a >> 8), uint8_t(a)});
    }
    else if (e.type == DOMAIN)
    {
        if (e.domain.empty())
        {
            return Error::EMPTY_DOMAIN;
        }
        if (e.domain.size() > 255)
        {
            return Error::DOMAIN_TOO_LONG;
        }
        out.push_back(DOMAIN);
        out.push_back(static_cast<uint8_t>(e.domain.size()));
        out.insert(out.end(), e.domain.begin(), e.domain.end());
    }
    else if (e.type == IPV6)
    {
        out.push_back(IPV6);
        out.insert(out.end(), e.ipv6.begin(), e.ipv6.end());
    }
    else
    {
        return Error::UNKNOWN_ADDRESS_TYPE;
    }
    out.push_back(static_cast<uint8_t>(e.port >> 8));
    out.push_back(static_cast<uint8_t>(e.port));
    return Error::NONE;
}

Socks5Message::Error
Socks5Message::Serialise(const Request& m, std::vector<uint8_t>& out)
{
    if (m.command < CONNECT || m.command > UDP_ASSOCIATE)
    {
        return Error::UNKNOWN_COMMAND;
    }
    std::vector<uint8_t> bytes{VERSION, m.command, 0};
    const Error e = SerialiseEndpoint(m.destination, bytes);
    if (e == Error::NONE)
    {
        out.insert(out.end(), bytes.begin(), bytes.end());
    }
    return e;
}

Socks5Message::Error
Socks5Message::Serialise(const ReplyMessage& m, std::vector<uint8_t>& out)
{
    if (m.reply > ADDRESS_TYPE_NOT_SUPPORTED)
    {
        return Error::UNKNOWN_REPLY;
    }
    std::vector<uint8_t> bytes{VERSION, m.reply, 0};
    const Error e = SerialiseEndpoint(m.bound, bytes);
    if (e == Error::NONE)
    {
        out.insert(out.end(), bytes.begin(), bytes.end());
    }
    return e;
}

} // namespace ns3
