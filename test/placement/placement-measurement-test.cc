/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * PlacementMeasurement: the packet-level figures of a placement on a path A - B - C (origin
 * at C), every request from A for one object, against bounds derived from the bytes each
 * request must carry over each link.
 */
#include "placement-test-util.h"

#include "ns3/distance-matrix.h"
#include "ns3/placement-measurement.h"
#include "ns3/placement-problem.h"
#include "ns3/trace-record.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

constexpr uint64_t SIZE = 50000; //!< the object's body bytes
constexpr uint32_t REQUESTS = 5; //!< requests from A, one a second

/// A - B weight 1, B - C weight 3, 1 ms each.
BackboneGraph
Path()
{
    BackboneGraph g("path");
    g.AddNode("A");
    g.AddNode("B");
    g.AddNode("C");
    g.AddLink(0, 1, 1, 1);
    g.AddLink(1, 2, 1, 3);
    return g;
}

/// \return A's requests (B and C have none)
std::vector<std::vector<TraceRecord>>
Workload()
{
    std::vector<std::vector<TraceRecord>> perNode(3);
    for (uint32_t i = 0; i < REQUESTS; ++i)
    {
        TraceRecord r;
        r.time = Seconds(i);
        r.server = "origin.example";
        r.path = "/object";
        r.size = SIZE;
        r.received = SIZE;
        perNode[0].push_back(r);
    }
    return perNode;
}

} // namespace

// Failed before the proxies were put on hosts of their own: the client on the proxy's node
// got no response (0 of 5 completed).
TEST(PlacementMeasurement, ProxyAtTheClientsNodeCarriesOnlyTheFirstMissOverTheBackbone)
{
    const BackboneGraph g = Path();
    const DistanceMatrix d(g, DistanceMatrix::LATENCY);
    PlacementProblem p(g, d, 2);
    p.SetHitRatio(0.5);
    PlacementMeasurement m(g, p);
    m.SetProxyAttribute("CacheSize", UintegerValue(1 << 20));
    const auto none = m.Run({}, Workload());
    const auto with = m.Run({0}, Workload());

    EXPECT_EQ(none.completed, REQUESTS);
    EXPECT_EQ(none.failed, 0u);
    EXPECT_EQ(with.completed, REQUESTS);
    EXPECT_EQ(with.failed, 0u);
    EXPECT_EQ(none.bodyBytes, double(REQUESTS * SIZE));
    EXPECT_EQ(with.bodyBytes, double(REQUESTS * SIZE));
    // No proxy, no hit; with one, every request after the first is a hit.
    EXPECT_EQ(none.hitBytes, 0);
    EXPECT_EQ(with.hitBytes, double((REQUESTS - 1) * SIZE));
    // Each body crosses A - B (weight 1) and B - C (weight 3): at least 4 x its bytes. Per
    // 536-byte TCP segment (ns-3's default) the wire adds 40 bytes of TCP/IP and 2 of PPP,
    // and at worst one 42-byte ACK: 620 / 536 < 1.16; the handshake, the request and the
    // response header add about 1 kB per request (2% of 50 kB). So at most 4 x 1.2.
    EXPECT_GE(none.weightedBytes, 4.0 * REQUESTS * SIZE);
    EXPECT_LE(none.weightedBytes, 4.8 * REQUESTS * SIZE);
    // With the proxy beside A the hits stay off the backbone: only the first miss (and at
    // most a 2 kB revalidation per hit) crosses it.
    EXPECT_GE(with.weightedBytes, 4.0 * SIZE);
    EXPECT_LE(with.weightedBytes, 4.8 * SIZE + 4.0 * (REQUESTS - 1) * 2000);
    // A hit served on A's own node takes less time than a fetch over two links.
    EXPECT_LT(with.GetByteWeightedLatency(), none.GetByteWeightedLatency());
    EXPECT_DOUBLE_EQ(with.GetHitFraction(), double(REQUESTS - 1) / REQUESTS);
}

TEST(PlacementMeasurement, RefusesAWorkloadOfAnotherSize)
{
    const BackboneGraph g = Path();
    const DistanceMatrix d(g, DistanceMatrix::LATENCY);
    PlacementProblem p(g, d, 2);
    PlacementMeasurement m(g, p);
    EXPECT_THROW(m.Run({}, std::vector<std::vector<TraceRecord>>(2)), std::invalid_argument);
}
