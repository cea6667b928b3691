/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * DnsMessage against hand-built bytes (RFC 1035 4.1 layout, compression as in 4.1.4) and
 * every malformed-input error.
 */
#include "ns3/dns-cache.h"
#include "ns3/dns-message.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;

namespace
{
using Bytes = std::vector<uint8_t>;

/// Append a name as uncompressed labels.
void
Labels(Bytes& b, std::initializer_list<std::string> labels)
{
    for (const std::string& l : labels)
    {
        b.push_back(l.size());
        b.insert(b.end(), l.begin(), l.end());
    }
    b.push_back(0);
}

/// Header bytes.
Bytes
HeaderBytes(uint16_t id, uint16_t flags, uint16_t qd, uint16_t an, uint16_t ns = 0, uint16_t ar = 0)
{
    return {uint8_t(id >> 8),
            uint8_t(id),
            uint8_t(flags >> 8),
            uint8_t(flags),
            uint8_t(qd >> 8),
            uint8_t(qd),
            uint8_t(an >> 8),
            uint8_t(an),
            uint8_t(ns >> 8),
            uint8_t(ns),
            uint8_t(ar >> 8),
            uint8_t(ar)};
}

/// The response of RFC 1035 4.1.4's example: F.ISI.ARPA asked at offset 12; the answers
/// FOO.F.ISI.ARPA (a label, then a pointer to offset 12) and ISI.ARPA (a pointer to 14).
Bytes
CompressedResponse()
{
    Bytes b = HeaderBytes(0x1234, 0x8180, 1, 2);
    Labels(b, {"F", "ISI", "ARPA"}); // offsets 12..23
    b.insert(b.end(), {0, 1, 0, 1}); // A IN
    b.insert(b.end(), {3, 'F', 'O', 'O', 0xC0, 12});
    b.insert(b.end(), {0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 10, 0, 0, 1});
    b.insert(b.end(), {0xC0, 14});
    b.insert(b.end(), {0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 168, 0, 1});
    return b;
}

DnsError
DecodeError(const Bytes& b)
{
    DnsError e;
    auto m = DnsMessage::Decode(b.data(), b.size(), e);
    EXPECT_EQ(m.has_value(), e == DnsError::NONE);
    return e;
}
} // namespace

TEST(DnsMessage, QueryEncodesToRfc1035Bytes)
{
    Bytes want = HeaderBytes(0xBEEF, 0x0100, 1, 0); // RD
    Labels(want, {"www", "example", "com"});
    want.insert(want.end(), {0, 1, 0, 1});
    Bytes got;
    ASSERT_EQ(DnsMessage::MakeQuery(0xBEEF, "WWW.Example.com.").Encode(got), DnsError::NONE);
    EXPECT_EQ(got, want);
}

TEST(DnsMessage, ResponseCompressesTheAnswerNameToOffset12)
{
    DnsMessage m = DnsMessage::MakeQuery(7, "depot.example");
    m.response = true;
    m.authoritative = true;
    m.answers.push_back(DnsResourceRecord::MakeA("depot.example", Ipv4Address("10.0.0.2"), 30));
    Bytes want = HeaderBytes(7, 0x8500, 1, 1); // QR AA RD
    Labels(want, {"depot", "example"});
    want.insert(want.end(), {0, 1, 0, 1, 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, 10, 0, 0, 2});
    Bytes got;
    ASSERT_EQ(m.Encode(got), DnsError::NONE);
    EXPECT_EQ(got, want);
    DnsError e;
    auto back = DnsMessage::Decode(got.data(), got.size(), e);
    ASSERT_TRUE(back) << DnsErrorName(e);
    EXPECT_EQ(*back, m);
}

TEST(DnsMessage, DecodesCompressedNames)
{
    const Bytes b = CompressedResponse();
    DnsError e;
    auto m = DnsMessage::Decode(b.data(), b.size(), e);
    ASSERT_TRUE(m) << DnsErrorName(e);
    EXPECT_EQ(m->id, 0x1234);
    EXPECT_TRUE(m->response);
    EXPECT_TRUE(m->recursionDesired);
    EXPECT_TRUE(m->recursionAvailable);
    EXPECT_FALSE(m->authoritative);
    EXPECT_EQ(m->rcode, 0);
    EXPECT_EQ(m->qname, "F.ISI.ARPA");
    ASSERT_EQ(m->answers.size(), 2u);
    EXPECT_EQ(m->answers[0].name, "FOO.F.ISI.ARPA");
    EXPECT_EQ(m->answers[0].ttl, 3600u);
    EXPECT_EQ(m->answers[0].GetA(), Ipv4Address("10.0.0.1"));
    EXPECT_EQ(m->answers[1].name, "ISI.ARPA");
    EXPECT_EQ(m->answers[1].ttl, 60u);
    EXPECT_EQ(m->answers[1].GetA(), Ipv4Address("192.168.0.1"));
}

TEST(DnsMessage, RoundTripsAllSections)
{
    DnsMessage m;
    m.id = 0xFFFF;
    m.response = true;
    m.opcode = 2;
    m.truncated = true;
    m.z = 5;
    m.rcode = DnsMessage::RCODE_NXDOMAIN;
    m.qname = "a.b";
    m.qtype = 255;
    m.answers.push_back(DnsResourceRecord::MakeA("a.b", Ipv4Address("1.2.3.4"), 0xFFFFFFFF));
    m.authority.push_back(DnsResourceRecord{"b", 2, 1, 9, {1, 'x', 0}});
    m.additional.push_back(DnsResourceRecord{"", 41, 512, 0, {}}); // an EDNS OPT record
    Bytes b;
    ASSERT_EQ(m.Encode(b), DnsError::NONE);
    DnsError e;
    auto back = DnsMessage::Decode(b.data(), b.size(), e);
    ASSERT_TRUE(back) << DnsErrorName(e);
    EXPECT_EQ(*back, m);
}

TEST(DnsMessage, MalformedInputHasNamedErrors)
{
    const Bytes good = CompressedResponse();
    EXPECT_EQ(DecodeError(good), DnsError::NONE);
    EXPECT_EQ(DecodeError(Bytes(good.begin(), good.begin() + 11)), DnsError::TOO_SHORT);
    // Cut inside the question's name, inside QCLASS, inside an answer's RDATA.
    for (size_t cut : std::initializer_list<size_t>{18, 27, good.size() - 1})
    {
        EXPECT_EQ(DecodeError(Bytes(good.begin(), good.begin() + cut)), DnsError::TRUNCATED) << cut;
    }
    // One answer more than the message holds.
    Bytes more = good;
    more[7] = 3;
    EXPECT_EQ(DecodeError(more), DnsError::TRUNCATED);
    Bytes trailing = good;
    trailing.push_back(0);
    EXPECT_EQ(DecodeError(trailing), DnsError::TRAILING_BYTES);
    for (uint8_t qd : {0, 2})
    {
        Bytes b = good;
        b[5] = qd;
        EXPECT_EQ(DecodeError(b), DnsError::QDCOUNT_MISMATCH) << int(qd);
    }
    // A label of 64 (0x40: a reserved label type) and of 0x80.
    for (uint8_t len : {0x40, 0x80})
    {
        Bytes b = HeaderBytes(1, 0, 1, 0);
        b.push_back(len);
        b.insert(b.end(), 0x40, 'a');
        b.insert(b.end(), {0, 0, 1, 0, 1});
        EXPECT_EQ(DecodeError(b), DnsError::LABEL_TOO_LONG) << int(len);
    }
    // A question name that points to itself, and answer names pointing forward.
    Bytes self = HeaderBytes(1, 0, 1, 0);
    self.insert(self.end(), {0xC0, 12, 0, 1, 0, 1});
    EXPECT_EQ(DecodeError(self), DnsError::POINTER_LOOP);
    Bytes pair = good;
    pair[28] = 0xC0; // FOO's label becomes a pointer to offset 30, which points back to 28
    pair[29] = 30;
    pair[30] = 0xC0;
    pair[31] = 28;
    EXPECT_EQ(DecodeError(pair), DnsError::POINTER_LOOP);
    Bytes out = good;
    out[33] = 0xFF; // FOO's pointer goes to offset 255, past the end
    EXPECT_EQ(DecodeError(out), DnsError::POINTER_OUT_OF_RANGE);
    Bytes rdlen = good;
    rdlen[43] = 5; // the first A record's RDLENGTH
    EXPECT_EQ(DecodeError(rdlen), DnsError::BAD_RDATA_LENGTH);
    // 5 labels of 50: 256 bytes on the wire.
    Bytes longName = HeaderBytes(1, 0, 1, 0);
    for (int i = 0; i < 5; ++i)
    {
        longName.push_back(50);
        longName.insert(longName.end(), 50, 'a');
    }
    longName.insert(longName.end(), {0, 0, 1, 0, 1});
    EXPECT_EQ(DecodeError(longName), DnsError::NAME_TOO_LONG);
}

TEST(DnsMessage, UnencodableNamesHaveNamedErrors)
{
    Bytes b;
    EXPECT_EQ(DnsMessage::MakeQuery(1, std::string(64, 'a') + ".com").Encode(b),
              DnsError::LABEL_TOO_LONG);
    EXPECT_TRUE(b.empty());
    EXPECT_EQ(DnsMessage::MakeQuery(1, std::string(63, 'a') + ".com").Encode(b), DnsError::NONE);
    EXPECT_EQ(DnsMessage::MakeQuery(1, "a..b").Encode(b), DnsError::EMPTY_LABEL);
    std::string n253; // 4 x 63 + 3 dots: 255 bytes on the wire, the most allowed
    for (int i = 0; i < 4; ++i)
    {
        n253 += (i ? "." : "") + std::string(i < 3 ? 63 : 61, 'x');
    }
    EXPECT_EQ(DnsMessage::MakeQuery(1, n253).Encode(b), DnsError::NONE);
    EXPECT_EQ(DnsMessage::MakeQuery(1, n253 + "x").Encode(b), DnsError::NAME_TOO_LONG);
    EXPECT_STREQ(DnsErrorName(DnsError::POINTER_LOOP), "POINTER_LOOP");
}

TEST(DnsCache, EntriesExpireExactlyAtTheirTtl)
{
    DnsCache c(2);
    c.Insert("a", Ipv4Address("10.0.0.1"), Seconds(5), Seconds(1));
    EXPECT_EQ(c.Lookup("a", Seconds(6) - NanoSeconds(1)), Ipv4Address("10.0.0.1"));
    EXPECT_FALSE(c.Lookup("a", Seconds(6)));
    EXPECT_EQ(c.GetSize(), 0u);
    // Full: the entry expiring soonest goes.
    c.Insert("b", Ipv4Address("10.0.0.2"), Seconds(10), Seconds(0));
    c.Insert("c", Ipv4Address("10.0.0.3"), Seconds(3), Seconds(0));
    c.Insert("d", Ipv4Address("10.0.0.4"), Seconds(7), Seconds(0));
    EXPECT_EQ(c.GetSize(), 2u);
    EXPECT_FALSE(c.Lookup("c", Seconds(1)));
    EXPECT_TRUE(c.Lookup("b", Seconds(1)));
    EXPECT_TRUE(c.Lookup("d", Seconds(1)));
    c.Insert("e", Ipv4Address("10.0.0.5"), Seconds(0), Seconds(0)); // TTL 0: not stored
    EXPECT_FALSE(c.Lookup("e", Seconds(0)));
}

// Found by the dns-message fuzz target: an answer whose one label is "x." decodes to the name
// "x.", which encodes as "x"; deciding compression on the name strings wrote it in full once
// and as a pointer the next time. Compression is decided on the wire form.
TEST(DnsMessage, EncodingIsAFixedPointForALabelEndingInADot)
{
    Bytes b = HeaderBytes(1, 0x8000, 1, 1);
    Labels(b, {"x"});
    b.insert(b.end(), {0, 1, 0, 1});
    Labels(b, {"x."});
    b.insert(b.end(), {0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4});
    DnsError e;
    auto m = DnsMessage::Decode(b.data(), b.size(), e);
    ASSERT_TRUE(m) << DnsErrorName(e);
    EXPECT_EQ(m->answers[0].name, "x.");
    Bytes once;
    ASSERT_EQ(m->Encode(once), DnsError::NONE);
    EXPECT_EQ(once[19], 0xC0); // the answer's name: a pointer to the question's
    auto back = DnsMessage::Decode(once.data(), once.size(), e);
    ASSERT_TRUE(back) << DnsErrorName(e);
    Bytes twice;
    ASSERT_EQ(back->Encode(twice), DnsError::NONE);
    EXPECT_EQ(once, twice);
}
