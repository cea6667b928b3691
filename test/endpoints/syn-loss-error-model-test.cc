/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * SynLossErrorModel: which packets are connection requests, and how many of them it loses.
 * ConnectionRequestDelay: which TCP segments it holds (its effect on a handshake is tested in
 * OriginInternet.HeldConnectionRequestsDelayTheHandshakeByTheDelay).
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/ppp-header.h"
#include "ns3/web-proxy-module.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace ns3;

namespace
{

/// A TCP segment as a point-to-point device receives it: PPP, IPv4, TCP.
Ptr<Packet>
Segment(uint8_t flags, uint8_t protocol = 6, uint16_t fragmentOffset = 0)
{
    Ptr<Packet> p = Create<Packet>(10);
    TcpHeader tcp;
    tcp.SetSourcePort(40000);
    tcp.SetDestinationPort(80);
    tcp.SetFlags(flags);
    p->AddHeader(tcp);
    Ipv4Header ip;
    ip.SetSource(Ipv4Address("10.0.0.1"));
    ip.SetDestination(Ipv4Address("10.128.0.3"));
    ip.SetProtocol(protocol);
    ip.SetPayloadSize(p->GetSize());
    if (fragmentOffset)
    {
        ip.SetFragmentOffset(fragmentOffset);
    }
    p->AddHeader(ip);
    PppHeader ppp;
    ppp.SetProtocol(0x0021);
    p->AddHeader(ppp);
    return p;
}

/// Raw bytes as a packet.
Ptr<Packet>
Bytes(const std::vector<uint8_t>& b)
{
    return Create<Packet>(b.data(), b.size());
}

} // namespace

TEST(SynLossErrorModel, OnlyATcpSynWithoutAckIsAConnectionRequest)
{
    EXPECT_TRUE(SynLossErrorModel::IsConnectionRequest(Segment(TcpHeader::SYN)));
    EXPECT_TRUE(SynLossErrorModel::IsConnectionRequest(Segment(TcpHeader::SYN | TcpHeader::ECE)));
    EXPECT_FALSE(SynLossErrorModel::IsConnectionRequest(Segment(TcpHeader::SYN | TcpHeader::ACK)));
    EXPECT_FALSE(SynLossErrorModel::IsConnectionRequest(Segment(TcpHeader::ACK)));
    EXPECT_FALSE(SynLossErrorModel::IsConnectionRequest(Segment(TcpHeader::RST)));
    EXPECT_FALSE(SynLossErrorModel::IsConnectionRequest(Segment(TcpHeader::SYN, 17))); // UDP
    // A later fragment carries no TCP header: its byte 13 is payload.
    EXPECT_FALSE(SynLossErrorModel::IsConnectionRequest(Segment(TcpHeader::SYN, 6, 1480)));
}

TEST(SynLossErrorModel, MalformedOrForeignPacketsPass)
{
    std::vector<uint8_t> syn(2 + 20 + 20, 0);
    syn[1] = 0x21;           // PPP: IPv4
    syn[2] = 0x45;           // version 4, IHL 5
    syn[2 + 9] = 6;          // TCP
    syn[2 + 20 + 13] = 0x02; // SYN
    ASSERT_TRUE(SynLossErrorModel::IsConnectionRequest(Bytes(syn)));
    std::vector<uint8_t> b = syn;
    b[1] = 0x57; // PPP: IPv6
    EXPECT_FALSE(SynLossErrorModel::IsConnectionRequest(Bytes(b)));
    b = syn;
    b[2] = 0x65; // version 6
    EXPECT_FALSE(SynLossErrorModel::IsConnectionRequest(Bytes(b)));
    b = syn;
    b[2] = 0x44; // IHL 4: shorter than an IPv4 header
    EXPECT_FALSE(SynLossErrorModel::IsConnectionRequest(Bytes(b)));
    // Cut before the TCP flags, and an empty packet.
    EXPECT_FALSE(SynLossErrorModel::IsConnectionRequest(
        Bytes(std::vector<uint8_t>(syn.begin(), syn.begin() + 2 + 20 + 13))));
    EXPECT_FALSE(SynLossErrorModel::IsConnectionRequest(Create<Packet>()));
    // IPv4 options (IHL 6): the TCP flags are 4 bytes further.
    b = syn;
    b[2] = 0x46;
    b.insert(b.begin() + 2 + 20, {1, 1, 1, 0});
    EXPECT_TRUE(SynLossErrorModel::IsConnectionRequest(Bytes(b)));
}

TEST(SynLossErrorModel, LosesEveryConnectionRequestAtOneAndNoneAtZero)
{
    Ptr<SynLossErrorModel> all = CreateObject<SynLossErrorModel>();
    all->SetAttribute("Probability", DoubleValue(1));
    Ptr<SynLossErrorModel> none = CreateObject<SynLossErrorModel>();
    uint32_t traced = 0;
    all->TraceConnectWithoutContext("Loss",
                                    MakeBoundCallback(
                                        +[](uint32_t* n, Ptr<const Packet>) { ++*n; }, &traced));
    for (int i = 0; i < 10; ++i)
    {
        EXPECT_TRUE(all->IsCorrupt(Segment(TcpHeader::SYN)));
        EXPECT_FALSE(all->IsCorrupt(Segment(TcpHeader::SYN | TcpHeader::ACK)));
        EXPECT_FALSE(all->IsCorrupt(Segment(TcpHeader::ACK)));
        EXPECT_FALSE(none->IsCorrupt(Segment(TcpHeader::SYN)));
    }
    EXPECT_EQ(all->GetRequests(), 10u);
    EXPECT_EQ(all->GetLosses(), 10u);
    EXPECT_EQ(traced, 10u);
    // At 0 it does not even look (no draws, nothing counted).
    EXPECT_EQ(none->GetRequests(), 0u);
    EXPECT_EQ(none->GetLosses(), 0u);
}

// 20,000 connection requests at 0.3: the share lost is within 4 standard deviations of 0.3
// (sqrt(0.3 x 0.7 / 20000) = 0.0032), and the same stream gives the same losses.
TEST(SynLossErrorModel, LosesTheGivenShareReproducibly)
{
    std::vector<std::vector<bool>> decisions(2);
    for (auto& d : decisions)
    {
        Ptr<SynLossErrorModel> m = CreateObject<SynLossErrorModel>();
        m->SetAttribute("Probability", DoubleValue(0.3));
        EXPECT_EQ(m->AssignStreams(42), 1);
        Ptr<Packet> syn = Segment(TcpHeader::SYN);
        for (int i = 0; i < 20000; ++i)
        {
            d.push_back(m->IsCorrupt(syn));
            // Other packets between them take no draws.
            m->IsCorrupt(Segment(TcpHeader::ACK));
        }
        EXPECT_EQ(m->GetRequests(), 20000u);
        const double share = m->GetLosses() / 20000.0;
        EXPECT_NEAR(share, 0.3, 4 * std::sqrt(0.3 * 0.7 / 20000));
    }
    EXPECT_EQ(decisions[0], decisions[1]);
}

TEST(SynLossErrorModel, RefusesAProbabilityOutsideZeroToOne)
{
    Ptr<SynLossErrorModel> m = CreateObject<SynLossErrorModel>();
    EXPECT_FALSE(m->SetAttributeFailSafe("Probability", DoubleValue(1.5)));
    EXPECT_FALSE(m->SetAttributeFailSafe("Probability", DoubleValue(-0.1)));
    EXPECT_TRUE(m->SetAttributeFailSafe("Probability", DoubleValue(0.22)));
}

// ConnectionRequestDelay sees the TCP segment without its IP header (the packet hook's view):
// a SYN without ACK is a connection request; a SYN-ACK, an ACK, a RST, a segment too short to
// hold the flags byte and an empty packet are not.
TEST(ConnectionRequestDelay, OnlyASynWithoutAckIsHeld)
{
    auto tcp = [](uint8_t flags)
    {
        TcpHeader h;
        h.SetFlags(flags);
        Ptr<Packet> p = Create<Packet>(10);
        p->AddHeader(h);
        return p;
    };
    EXPECT_TRUE(ConnectionRequestDelay::IsConnectionRequest(tcp(TcpHeader::SYN)));
    EXPECT_TRUE(ConnectionRequestDelay::IsConnectionRequest(tcp(TcpHeader::SYN | TcpHeader::ECE)));
    EXPECT_FALSE(ConnectionRequestDelay::IsConnectionRequest(tcp(TcpHeader::SYN | TcpHeader::ACK)));
    EXPECT_FALSE(ConnectionRequestDelay::IsConnectionRequest(tcp(TcpHeader::ACK)));
    EXPECT_FALSE(ConnectionRequestDelay::IsConnectionRequest(tcp(TcpHeader::RST)));
    std::vector<uint8_t> b(13, 0xff); // ends just before the flags byte
    EXPECT_FALSE(ConnectionRequestDelay::IsConnectionRequest(Create<Packet>(b.data(), b.size())));
    b.push_back(0x02);
    EXPECT_TRUE(ConnectionRequestDelay::IsConnectionRequest(Create<Packet>(b.data(), b.size())));
    EXPECT_FALSE(ConnectionRequestDelay::IsConnectionRequest(Create<Packet>()));
}
