/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reading the transport header of a transit packet (TransportFields, TcpHeaderCheck): any
 * bytes an attacker sends give ports or "no ports", never an abort. Before TcpHeaderCheck the
 * firewall handed a segment with an MSS option of length 3 to ns-3's TcpHeader, whose
 * TcpOptionMSS::Deserialize aborted the simulation (found by fuzz-edge-packets).
 */
#include "ns3/packet.h"
#include "ns3/tcp-header-check.h"
#include "ns3/tcp-header.h"
#include "ns3/transport-fields.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

using namespace ns3;

namespace
{

/// A 20-byte TCP header (ports 1234 -> 80, SYN) with the data offset covering the options.
Ptr<Packet>
Segment(std::vector<uint8_t> options, int dataOffsetWords = -1, uint32_t payload = 0)
{
    std::vector<uint8_t> b
        = {0x04, 0xd2, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0x02, 0x20, 0, 0, 0, 0, 0};
    b.insert(b.end(), options.begin(), options.end());
    const uint32_t words = dataOffsetWords >= 0 ? dataOffsetWords : b.size() / 4;
    b[12] = uint8_t(words << 4);
    b.resize(b.size() + payload, 0xab);
    return Create<Packet>(b.data(), b.size());
}

} // namespace

TEST(TcpHeaderCheck, AcceptsWhatNs3Writes)
{
    TcpHeader t;
    t.SetSourcePort(1234);
    t.SetDestinationPort(80);
    t.SetFlags(TcpHeader::SYN);
    Ptr<Packet> p = Create<Packet>(100);
    p->AddHeader(t);
    EXPECT_TRUE(TcpHeaderCheck::IsReadable(p));
    // MSS, NOP, window scale, SACK permitted, timestamps, then end of list and padding.
    EXPECT_TRUE(TcpHeaderCheck::IsReadable(
        Segment({2, 4, 5, 0xb4, 1, 3, 3, 7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0})));
    // A SACK block of one range (2 + 8 bytes), and an unknown kind of length 2.
    EXPECT_TRUE(TcpHeaderCheck::IsReadable(Segment({5, 10, 0, 0, 0, 1, 0, 0, 0, 2, 99, 2})));
}

TEST(TcpHeaderCheck, RefusesWhatNs3WouldReadWrongOrAbortOn)
{
    // Shorter than 20 bytes, data offset below 5 words or beyond the segment.
    EXPECT_FALSE(TcpHeaderCheck::IsReadable(Create<Packet>(12)));
    EXPECT_FALSE(TcpHeaderCheck::IsReadable(Segment({}, 4)));
    EXPECT_FALSE(TcpHeaderCheck::IsReadable(Segment({}, 6)));
    // Each option kind ns-3 knows with a length it does not accept.
    EXPECT_FALSE(TcpHeaderCheck::IsReadable(Segment({2, 3, 5, 0})));             // MSS 3
    EXPECT_FALSE(TcpHeaderCheck::IsReadable(Segment({3, 4, 7, 0})));             // window scale 4
    EXPECT_FALSE(TcpHeaderCheck::IsReadable(Segment({4, 3, 0, 0})));             // SACK perm. 3
    EXPECT_FALSE(TcpHeaderCheck::IsReadable(Segment({5, 4, 0, 0})));             // SACK 4
    EXPECT_FALSE(TcpHeaderCheck::IsReadable(Segment({8, 8, 0, 0, 0, 0, 0, 0}))); // timestamps 8
    // A length that runs past the header, a length below 2, a length byte missing.
    EXPECT_FALSE(TcpHeaderCheck::IsReadable(Segment({99, 6, 0, 0})));
    EXPECT_FALSE(TcpHeaderCheck::IsReadable(Segment({99, 1, 0, 0})));
    EXPECT_FALSE(TcpHeaderCheck::IsReadable(Segment({1, 1, 1, 99})));
    // The header's options are judged, not the payload after them.
    EXPECT_TRUE(TcpHeaderCheck::IsReadable(Segment({1, 1, 1, 0}, -1, 40)));
}

TEST(TransportFields, AMalformedOptionGivesNoPortsInsteadOfAnAbort)
{
    const TransportFields bad = TransportFields::Read(Segment({2, 3, 5, 0}), 6);
    EXPECT_FALSE(bad.present);
    const TransportFields good = TransportFields::Read(Segment({2, 4, 5, 0xb4}, -1, 7), 6);
    ASSERT_TRUE(good.present);
    EXPECT_EQ(good.source, 1234);
    EXPECT_EQ(good.dest, 80);
    EXPECT_EQ(good.length, 7u);
    EXPECT_TRUE(good.IsOpeningSyn());
    // UDP needs its 8 bytes; other protocols have no ports.
    EXPECT_FALSE(TransportFields::Read(Create<Packet>(7), 17).present);
    EXPECT_TRUE(TransportFields::Read(Create<Packet>(8), 17).present);
    EXPECT_FALSE(TransportFields::Read(Create<Packet>(40), 1).present);
}
