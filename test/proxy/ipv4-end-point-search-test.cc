/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Ipv4EndPointSearch against ns-3's own Ipv4EndPointDemux::Lookup, the oracle: random endpoint
 * sets made through the demux's own Allocate calls (listening, bound to an address, to a
 * device, to a subnet's network part, connected, receive disabled) and random segments; the
 * search must choose what ns-3 chooses, every time.
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/web-proxy-module.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

using namespace ns3;

namespace
{

/**
 * A node with an interface on a point-to-point device (no ARP), two addresses in 10.0.0.0/24.
 * Its node leaves NodeList with it: a node left behind would shift the next test's node ids.
 */
struct Bed
{
    Ptr<Node> node = CreateObject<Node>();
    Ptr<PointToPointNetDevice> device = CreateObject<PointToPointNetDevice>();
    Ptr<PointToPointNetDevice> other = CreateObject<PointToPointNetDevice>();
    Ptr<Ipv4Interface> iface = CreateObject<Ipv4Interface>();

    Bed()
    {
        node->AddDevice(device);
        node->AddDevice(other);
        iface->SetNode(node);
        iface->SetDevice(device);
        iface->AddAddress(Ipv4InterfaceAddress("10.0.0.1", "255.255.255.0"));
        iface->AddAddress(Ipv4InterfaceAddress("10.0.0.2", "255.255.255.0"));
    }

    ~Bed()
    {
        Simulator::Destroy();
    }
};

} // namespace

TEST(Ipv4EndPointSearch, ChoosesWhatNs3LookupChooses)
{
    Bed bed;
    const std::vector<Ipv4Address> locals{
        "10.0.0.1", "10.0.0.2", "10.0.0.0", "10.0.1.0", Ipv4Address::GetAny()};
    const std::vector<Ipv4Address> peers{"10.9.0.1", "10.9.0.2", Ipv4Address::GetAny()};
    const std::vector<uint16_t> localPorts{80, 1080};
    const std::vector<uint16_t> peerPorts{0, 5000, 5001};
    std::mt19937 rng(7);
    auto pick = [&rng](const auto& v)
    {
        return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
    };
    uint64_t compared = 0;
    uint64_t chosen = 0;
    uint64_t none = 0;
    uint64_t ambiguous = 0;
    uint64_t exactCompared = 0;
    for (int set = 0; set < 400; ++set)
    {
        Ipv4EndPointDemux demux;
        const int n = std::uniform_int_distribution<int>(1, 12)(rng);
        for (int i = 0; i < n; ++i)
        {
            const Ipv4Address local = pick(locals);
            const uint16_t port = pick(localPorts);
            const int kind = std::uniform_int_distribution<int>(0, 3)(rng);
            const Ptr<NetDevice> dev = kind == 1 ? Ptr<NetDevice>(bed.device)
                                     : kind == 2 ? Ptr<NetDevice>(bed.other)
                                                 : nullptr;
            Ipv4EndPoint* e = nullptr;
            if (kind == 3)
            {
                // Connected: a peer, possibly a wildcard one, through the five-tuple Allocate.
                e = demux.Allocate(nullptr, local, port, pick(peers), pick(peerPorts));
            }
            else
            {
                e = demux.Allocate(dev, local, port);
            }
            if (e && std::uniform_int_distribution<int>(0, 9)(rng) == 0)
            {
                e->SetRxEnabled(false);
            }
        }
        const Ipv4EndPointDemux::EndPoints list = demux.GetAllEndPoints();
        for (int q = 0; q < 40; ++q)
        {
            const Ipv4EndPointSearch::Segment s{
                pick(std::vector<Ipv4Address>{"10.0.0.1", "10.0.0.2", "10.0.0.7"}),
                pick(localPorts),
                pick(std::vector<Ipv4Address>{"10.9.0.1", "10.9.0.2"}),
                pick(std::vector<uint16_t>{5000, 5001})};
            const Ipv4EndPointSearch::Choice c = Ipv4EndPointSearch::Lookup(list, s, bed.iface);
            if (c.candidates > 1)
            {
                // ns-3 aborts here ("Too many endpoints"); FastDemux leaves it to ns-3.
                EXPECT_EQ(c.endPoint, nullptr);
                ++ambiguous;
                continue;
            }
            const Ipv4EndPointDemux::EndPoints ns3
                = demux.Lookup(s.daddr, s.dport, s.saddr, s.sport, bed.iface);
            ASSERT_LE(ns3.size(), 1u);
            EXPECT_EQ(c.endPoint, ns3.empty() ? nullptr : ns3.front())
                << "set " << set << " query " << q << " to " << s.daddr << ":" << s.dport
                << " from " << s.saddr << ":" << s.sport;
            ++compared;
            c.endPoint ? ++chosen : ++none;
            // Where an endpoint of the exact four-tuple receives, the two-ended search finds
            // the one ns-3 prefers above all others.
            Ipv4EndPointDemux::EndPoints mutableList = list;
            Ipv4EndPointSearch::ExactHit hit;
            if (Ipv4EndPointSearch::FindExact(mutableList, s, bed.device, hit))
            {
                EXPECT_EQ(*hit.at, c.endPoint);
                EXPECT_EQ((*hit.at)->GetLocalAddress(), s.daddr);
                EXPECT_EQ((*hit.at)->GetPeerPort(), s.sport);
                ++exactCompared;
            }
        }
    }
    // Every outcome occurred often enough to mean something.
    EXPECT_GT(chosen, 1000u);
    EXPECT_GT(none, 1000u);
    EXPECT_GT(ambiguous, 100u);
    EXPECT_GT(exactCompared, 20u);
    EXPECT_EQ(compared, chosen + none);
}

// The subnet-directed case: an endpoint bound to the network part 10.0.0.0 of the interface's
// /24 takes a segment to any address of that subnet, and none to another subnet.
TEST(Ipv4EndPointSearch, SubnetDirectedEndPointAsNs3)
{
    Bed bed;
    Ipv4EndPointDemux demux;
    Ipv4EndPoint* net = demux.Allocate(nullptr, Ipv4Address("10.0.0.0"), 80);
    Ipv4EndPoint* exact = demux.Allocate(nullptr, Ipv4Address("10.0.0.1"), 80);
    const Ipv4EndPointDemux::EndPoints list = demux.GetAllEndPoints();
    const auto at = [&](const char* daddr)
    {
        return Ipv4EndPointSearch::Lookup(list, {daddr, 80, "10.9.0.1", 5000}, bed.iface).endPoint;
    };
    // An exact local address beats the subnet's wildcard (ns-3's class 2 over class 1).
    EXPECT_EQ(at("10.0.0.1"), exact);
    EXPECT_EQ(at("10.0.0.9"), net);
    EXPECT_EQ(at("10.0.1.9"), nullptr);
    for (const char* d : {"10.0.0.1", "10.0.0.9", "10.0.1.9"})
    {
        const auto ns3 = demux.Lookup(Ipv4Address(d), 80, "10.9.0.1", 5000, bed.iface);
        EXPECT_EQ(at(d), ns3.empty() ? nullptr : ns3.front()) << d;
    }
}
