/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Socks5Message against bytes written out by hand from RFC 1928 and RFC 1929: each message
 * parses to its fields and serialises back to the same bytes; every prefix is TRUNCATED;
 * each malformed field has its named error; Socks5Rules parses and applies its lists.
 */
#include "ns3/socks5-message.h"
#include "ns3/socks5-rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;
using M = Socks5Message;
using Bytes = std::vector<uint8_t>;

namespace
{

/// Parse bytes as T; the error, and the bytes used when NONE.
template <typename T>
M::Error
ParseAll(const Bytes& b, T& out, size_t& used)
{
    used = 0;
    return M::Parse(b.data(), b.size(), out, used);
}

/// Every proper prefix of b is TRUNCATED as T, or fails with the error of the whole.
template <typename T>
void
ExpectPrefixesTruncated(const Bytes& b)
{
    for (size_t n = 0; n < b.size(); ++n)
    {
        T m;
        size_t used = 0;
        EXPECT_EQ(M::Parse(b.data(), n, m, used), M::Error::TRUNCATED) << "prefix " << n;
    }
}

template <typename T>
Bytes
Ser(const T& m)
{
    Bytes out;
    EXPECT_EQ(M::Serialise(m, out), M::Error::NONE);
    return out;
}

TEST(Socks5Message, GreetingNoAuthAndUserPass)
{
    // VER=5 NMETHODS=2 METHODS=00 02 (RFC 1928 section 3)
    const Bytes wire{0x05, 0x02, 0x00, 0x02};
    M::Greeting g;
    size_t used;
    ASSERT_EQ(ParseAll(wire, g, used), M::Error::NONE);
    EXPECT_EQ(used, 4u);
    EXPECT_EQ(g.methods, (Bytes{0x00, 0x02}));
    EXPECT_EQ(Ser(g), wire);
    ExpectPrefixesTruncated<M::Greeting>(wire);
    // Trailing bytes are the next message's, not this one's.
    Bytes more = wire;
    more.push_back(0x01);
    ASSERT_EQ(ParseAll(more, g, used), M::Error::NONE);
    EXPECT_EQ(used, 4u);
}

TEST(Socks5Message, GreetingErrors)
{
    M::Greeting g;
    size_t used;
    EXPECT_EQ(ParseAll(Bytes{0x04, 0x01, 0x00}, g, used), M::Error::BAD_VERSION);
    EXPECT_EQ(ParseAll(Bytes{0x05, 0x00}, g, used), M::Error::NO_METHODS);
    EXPECT_EQ(ParseAll(Bytes{0x05, 0x02, 0x00, 0xFF}, g, used), M::Error::UNKNOWN_METHOD);
    // HTTP sent to the SOCKS port: 'G' is not version 5, seen at the first byte.
    EXPECT_EQ(ParseAll(Bytes{'G'}, g, used), M::Error::BAD_VERSION);
    Bytes out;
    EXPECT_EQ(M::Serialise(M::Greeting{}, out), M::Error::NO_METHODS);
    EXPECT_EQ(M::Serialise(M::Greeting{Bytes(256, 0x00)}, out), M::Error::TOO_MANY_METHODS);
    EXPECT_TRUE(out.empty());
}

TEST(Socks5Message, MethodSelection)
{
    for (uint8_t m : {0x00, 0x02, 0xFF})
    {
        const Bytes wire{0x05, m};
        M::MethodSelection s;
        size_t used;
        ASSERT_EQ(ParseAll(wire, s, used), M::Error::NONE);
        EXPECT_EQ(s.method, m);
        EXPECT_EQ(used, 2u);
        EXPECT_EQ(Ser(s), wire);
    }
    M::MethodSelection s;
    size_t used;
    EXPECT_EQ(ParseAll(Bytes{0x05, 0x03}, s, used), M::Error::UNKNOWN_METHOD);
    EXPECT_EQ(ParseAll(Bytes{0x01, 0x00}, s, used), M::Error::BAD_VERSION);
    ExpectPrefixesTruncated<M::MethodSelection>(Bytes{0x05, 0x00});
}

TEST(Socks5Message, UsernamePasswordRfc1929)
{
    // VER=1 ULEN=5 "alice" PLEN=6 "secret"
    const Bytes wire{0x01, 0x05, 'a', 'l', 'i', 'c', 'e', 0x06, 's', 'e', 'c', 'r', 'e', 't'};
    M::AuthRequest a;
    size_t used;
    ASSERT_EQ(ParseAll(wire, a, used), M::Error::NONE);
    EXPECT_EQ(a.username, "alice");
    EXPECT_EQ(a.password, "secret");
    EXPECT_EQ(used, wire.size());
    EXPECT_EQ(Ser(a), wire);
    ExpectPrefixesTruncated<M::AuthRequest>(wire);

    EXPECT_EQ(ParseAll(Bytes{0x05, 0x01, 'a', 0x01, 'b'}, a, used), M::Error::BAD_AUTH_VERSION);
    EXPECT_EQ(ParseAll(Bytes{0x01, 0x00, 0x01, 'b'}, a, used), M::Error::EMPTY_USERNAME);
    EXPECT_EQ(ParseAll(Bytes{0x01, 0x01, 'a', 0x00}, a, used), M::Error::EMPTY_PASSWORD);
    Bytes out;
    EXPECT_EQ(M::Serialise(M::AuthRequest{std::string(256, 'u'), "p"}, out),
              M::Error::USERNAME_TOO_LONG);
    EXPECT_EQ(M::Serialise(M::AuthRequest{"u", std::string(256, 'p')}, out),
              M::Error::PASSWORD_TOO_LONG);
    EXPECT_EQ(M::Serialise(M::AuthRequest{"", "p"}, out), M::Error::EMPTY_USERNAME);
    EXPECT_EQ(M::Serialise(M::AuthRequest{"u", ""}, out), M::Error::EMPTY_PASSWORD);
    EXPECT_TRUE(out.empty());

    // Longest fields: 255 bytes each, 513 in all.
    M::AuthRequest longest{std::string(255, 'u'), std::string(255, 'p')};
    const Bytes w = Ser(longest);
    EXPECT_EQ(w.size(), M::MAX_AUTH_REQUEST);
    ASSERT_EQ(ParseAll(w, a, used), M::Error::NONE);
    EXPECT_EQ(a.username, longest.username);
    EXPECT_EQ(a.password, longest.password);

    for (uint8_t status : {0x00, 0x01})
    {
        M::AuthReply r;
        ASSERT_EQ(ParseAll(Bytes{0x01, status}, r, used), M::Error::NONE);
        EXPECT_EQ(r.status, status);
        EXPECT_EQ(Ser(r), (Bytes{0x01, status}));
    }
    M::AuthReply r;
    EXPECT_EQ(ParseAll(Bytes{0x05, 0x00}, r, used), M::Error::BAD_AUTH_VERSION);
}

TEST(Socks5Message, ConnectIpv4)
{
    // VER=5 CMD=1 RSV=0 ATYP=1 10.2.0.2 port 80 (0x0050)
    const Bytes wire{0x05, 0x01, 0x00, 0x01, 10, 2, 0, 2, 0x00, 0x50};
    M::Request r;
    size_t used;
    ASSERT_EQ(ParseAll(wire, r, used), M::Error::NONE);
    EXPECT_EQ(used, 10u);
    EXPECT_EQ(r.command, M::CONNECT);
    EXPECT_EQ(r.destination.type, M::IPV4);
    EXPECT_EQ(r.destination.ipv4, Ipv4Address("10.2.0.2"));
    EXPECT_EQ(r.destination.port, 80);
    EXPECT_EQ(Ser(r), wire);
    ExpectPrefixesTruncated<M::Request>(wire);
}

TEST(Socks5Message, ConnectDomainAndIpv6)
{
    // ATYP=3 LEN=15 "www.example.com" port 8080 (0x1F90)
    Bytes wire{0x05, 0x01, 0x00, 0x03, 15};
    const std::string host = "www.example.com";
    wire.insert(wire.end(), host.begin(), host.end());
    wire.insert(wire.end(), {0x1F, 0x90});
    M::Request r;
    size_t used;
    ASSERT_EQ(ParseAll(wire, r, used), M::Error::NONE);
    EXPECT_EQ(used, 5u + 15 + 2);
    EXPECT_EQ(r.destination.type, M::DOMAIN);
    EXPECT_EQ(r.destination.domain, host);
    EXPECT_EQ(r.destination.port, 8080);
    EXPECT_EQ(Ser(r), wire);
    ExpectPrefixesTruncated<M::Request>(wire);

    // ATYP=4: 16 address bytes, port 443.
    Bytes v6{0x05, 0x01, 0x00, 0x04};
    for (int i = 0; i < 16; ++i)
    {
        v6.push_back(static_cast<uint8_t>(i));
    }
    v6.insert(v6.end(), {0x01, 0xBB});
    ASSERT_EQ(ParseAll(v6, r, used), M::Error::NONE);
    EXPECT_EQ(used, 22u);
    EXPECT_EQ(r.destination.type, M::IPV6);
    EXPECT_EQ(r.destination.ipv6[15], 15);
    EXPECT_EQ(r.destination.port, 443);
    EXPECT_EQ(Ser(r), v6);
}

TEST(Socks5Message, RequestErrors)
{
    M::Request r;
    size_t used;
    EXPECT_EQ(ParseAll(Bytes{0x04, 0x01}, r, used), M::Error::BAD_VERSION);
    EXPECT_EQ(ParseAll(Bytes{0x05, 0x00}, r, used), M::Error::UNKNOWN_COMMAND);
    EXPECT_EQ(ParseAll(Bytes{0x05, 0x04}, r, used), M::Error::UNKNOWN_COMMAND);
    EXPECT_EQ(ParseAll(Bytes{0x05, 0x01, 0x01}, r, used), M::Error::BAD_RESERVED);
    EXPECT_EQ(ParseAll(Bytes{0x05, 0x01, 0x00, 0x02}, r, used), M::Error::UNKNOWN_ADDRESS_TYPE);
    EXPECT_EQ(ParseAll(Bytes{0x05, 0x01, 0x00, 0x03, 0x00, 0, 80}, r, used),
              M::Error::EMPTY_DOMAIN);
    // BIND and UDP ASSOCIATE are well-formed (the gateway answers 0x07).
    ASSERT_EQ(ParseAll(Bytes{0x05, 0x02, 0x00, 0x01, 1, 2, 3, 4, 0, 1}, r, used), M::Error::NONE);
    EXPECT_EQ(r.command, M::BIND);

    Bytes out;
    M::Request bad;
    bad.destination.type = M::DOMAIN;
    EXPECT_EQ(M::Serialise(bad, out), M::Error::EMPTY_DOMAIN);
    bad.destination.domain = std::string(256, 'h');
    EXPECT_EQ(M::Serialise(bad, out), M::Error::DOMAIN_TOO_LONG);
    bad.destination.type = 0x02;
    EXPECT_EQ(M::Serialise(bad, out), M::Error::UNKNOWN_ADDRESS_TYPE);
    bad.destination.type = M::IPV4;
    bad.command = 0x09;
    EXPECT_EQ(M::Serialise(bad, out), M::Error::UNKNOWN_COMMAND);
    EXPECT_TRUE(out.empty());
}

TEST(Socks5Message, Replies)
{
    // REP=0 BND=10.3.0.2:49153 (0xC001)
    const Bytes ok{0x05, 0x00, 0x00, 0x01, 10, 3, 0, 2, 0xC0, 0x01};
    M::ReplyMessage r;
    size_t used;
    ASSERT_EQ(ParseAll(ok, r, used), M::Error::NONE);
    EXPECT_EQ(r.reply, M::SUCCEEDED);
    EXPECT_EQ(r.bound.ipv4, Ipv4Address("10.3.0.2"));
    EXPECT_EQ(r.bound.port, 49153);
    EXPECT_EQ(Ser(r), ok);
    ExpectPrefixesTruncated<M::ReplyMessage>(ok);
    for (uint8_t code = 1; code <= 8; ++code)
    {
        const Bytes w{0x05, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0};
        ASSERT_EQ(ParseAll(w, r, used), M::Error::NONE);
        EXPECT_EQ(r.reply, code);
        EXPECT_EQ(Ser(r), w);
    }
    EXPECT_EQ(ParseAll(Bytes{0x05, 0x09}, r, used), M::Error::UNKNOWN_REPLY);
    EXPECT_EQ(ParseAll(Bytes{0x05, 0x00, 0x07}, r, used), M::Error::BAD_RESERVED);
    EXPECT_STREQ(M::ReplyName(M::NOT_ALLOWED), "connection not allowed by ruleset");
    EXPECT_STREQ(M::ReplyName(M::CONNECTION_REFUSED), "connection refused");
    EXPECT_STREQ(M::ErrorName(M::Error::TRUNCATED), "TRUNCATED");
}

TEST(Socks5Rules, ListsAndErrors)
{
    Socks5Rules r;
    std::string error;
    ASSERT_TRUE(r.SetDestinations("10.2.0.0/16, 192.168.1.7", error)) << error;
    ASSERT_TRUE(r.SetPorts("80,8000-8080", error)) << error;
    EXPECT_TRUE(r.Allows(Ipv4Address("10.2.255.1"), 80));
    EXPECT_TRUE(r.Allows(Ipv4Address("192.168.1.7"), 8080));
    EXPECT_FALSE(r.Allows(Ipv4Address("192.168.1.8"), 80));
    EXPECT_FALSE(r.Allows(Ipv4Address("10.3.0.1"), 80));
    EXPECT_FALSE(r.Allows(Ipv4Address("10.2.0.1"), 443));
    EXPECT_FALSE(r.Allows(Ipv4Address("10.2.0.1"), 8081));

    EXPECT_FALSE(r.SetDestinations("10.2.0.0/33", error));
    EXPECT_NE(error.find("'10.2.0.0/33'"), std::string::npos) << error;
    EXPECT_FALSE(r.SetDestinations("10.2.0/16", error));
    EXPECT_FALSE(r.SetDestinations("10.2.0.256", error));
    EXPECT_FALSE(r.SetPorts("0", error));
    EXPECT_FALSE(r.SetPorts("90-80", error));
    EXPECT_FALSE(r.SetPorts("http", error));
    EXPECT_NE(error.find("'http'"), std::string::npos) << error;
    // A refused list leaves the previous one in force.
    EXPECT_EQ(r.GetPorts(), "80,8000-8080");
    EXPECT_TRUE(r.Allows(Ipv4Address("10.2.0.1"), 80));

    EXPECT_FALSE(r.HasCredentials());
    ASSERT_TRUE(r.SetCredentials("alice:secret,bob:pw", error)) << error;
    EXPECT_TRUE(r.Accepts("alice", "secret"));
    EXPECT_FALSE(r.Accepts("alice", "pw"));
    EXPECT_FALSE(r.Accepts("carol", "secret"));
    EXPECT_FALSE(r.SetCredentials("alice", error));
    EXPECT_FALSE(r.SetCredentials(":x", error));
    EXPECT_FALSE(r.SetCredentials("x:", error));
    EXPECT_FALSE(r.SetCredentials(std::string(256, 'u') + ":p", error));

    Socks5Rules open;
    EXPECT_TRUE(open.Allows(Ipv4Address("1.2.3.4"), 1));
}

} // namespace
