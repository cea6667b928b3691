/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Every depot scheduler's choices, exactly.
 */
#include "ns3/destination-hash-scheduler.h"
#include "ns3/double.h"
#include "ns3/least-connection-scheduler.h"
#include "ns3/load-index-scheduler.h"
#include "ns3/locality-based-least-connection-scheduler.h"
#include "ns3/maglev-scheduler.h"
#include "ns3/never-queue-scheduler.h"
#include "ns3/round-robin-scheduler.h"
#include "ns3/shortest-expected-delay-scheduler.h"
#include "ns3/simulator.h"
#include "ns3/source-hash-scheduler.h"
#include "ns3/uinteger.h"
#include "ns3/weighted-least-connection-scheduler.h"
#include "ns3/weighted-round-robin-scheduler.h"

#include <gtest/gtest.h>

#include <map>

using namespace ns3;

namespace
{
std::vector<DepotProxy>
Pool(std::vector<uint32_t> weights)
{
    std::vector<DepotProxy> v;
    for (uint32_t i = 0; i < weights.size(); ++i)
    {
        DepotProxy p;
        p.address = Ipv4Address(0x0a000200 + i + 2);
        p.port = 8080;
        p.weight = weights[i];
        v.push_back(p);
    }
    return v;
}

DepotScheduler::Flow
FlowOf(uint32_t client, uint16_t port = 1024)
{
    return {Ipv4Address(client), port, Ipv4Address("10.1.1.100"), 80};
}

std::vector<int32_t>
Picks(Ptr<DepotScheduler> s, std::vector<DepotProxy>& pool, int n)
{
    s->Update(pool);
    std::vector<int32_t> v;
    for (int i = 0; i < n; ++i)
    {
        v.push_back(s->Select(pool, FlowOf(0x0a010102, 1024 + i)));
    }
    return v;
}
} // namespace

TEST(DepotScheduler, RoundRobinSkipsProxiesThatAreDownOrQuiesced)
{
    auto pool = Pool({1, 1, 1});
    Ptr<DepotScheduler> s = CreateObject<RoundRobinScheduler>();
    EXPECT_EQ(Picks(s, pool, 7), (std::vector<int32_t>{0, 1, 2, 0, 1, 2, 0}));
    pool[1].up = false;
    EXPECT_EQ(Picks(s, pool, 4), (std::vector<int32_t>{2, 0, 2, 0}));
    pool[1].up = true;
    pool[2].weight = 0;
    EXPECT_EQ(Picks(s, pool, 3), (std::vector<int32_t>{1, 0, 1}));
    pool[0].up = pool[1].up = false;
    EXPECT_EQ(Picks(s, pool, 1), (std::vector<int32_t>{-1}));
}

TEST(DepotScheduler, WeightedRoundRobinFollowsIpvsSequence)
{
    auto pool = Pool({3, 1, 1});
    Ptr<DepotScheduler> s = CreateObject<WeightedRoundRobinScheduler>();
    EXPECT_EQ(Picks(s, pool, 10), (std::vector<int32_t>{0, 0, 0, 1, 2, 0, 0, 0, 1, 2}));
    auto pool2 = Pool({4, 3, 2});
    Ptr<DepotScheduler> s2 = CreateObject<WeightedRoundRobinScheduler>();
    EXPECT_EQ(Picks(s2, pool2, 9), (std::vector<int32_t>{0, 0, 1, 0, 1, 2, 0, 1, 2}));
    auto pool3 = Pool({4, 2, 6}); // gcd 2: levels 6, 4, 2
    Ptr<DepotScheduler> s3 = CreateObject<WeightedRoundRobinScheduler>();
    EXPECT_EQ(Picks(s3, pool3, 6), (std::vector<int32_t>{2, 0, 2, 0, 1, 2}));
    pool3[2].up = false;
    Ptr<DepotScheduler> s4 = CreateObject<WeightedRoundRobinScheduler>();
    EXPECT_EQ(Picks(s4, pool3, 6), (std::vector<int32_t>{0, 0, 1, 0, 0, 1}));
}

TEST(DepotScheduler, LeastConnectionCountsActiveAs256Inactive)
{
    auto pool = Pool({1, 1, 1});
    pool[0].activeSessions = 2; // 512
    pool[1].activeSessions = 1;
    pool[1].inactiveSessions = 300; // 556
    pool[2].up = false;
    Ptr<DepotScheduler> s = CreateObject<LeastConnectionScheduler>();
    s->Update(pool);
    EXPECT_EQ(s->Select(pool, FlowOf(1)), 0);
    pool[1].inactiveSessions = 255; // 511
    EXPECT_EQ(s->Select(pool, FlowOf(1)), 1);
    pool[1].inactiveSessions = 256; // tie: first in list order
    EXPECT_EQ(s->Select(pool, FlowOf(1)), 0);
    pool[2].up = true;
    EXPECT_EQ(s->Select(pool, FlowOf(1)), 2);
}

TEST(DepotScheduler, WeightedLeastConnectionDividesByWeight)
{
    auto pool = Pool({1, 2, 0});
    pool[0].activeSessions = 2; // 512 / 1
    pool[1].activeSessions = 3; // 768 / 2 = 384
    Ptr<DepotScheduler> s = CreateObject<WeightedLeastConnectionScheduler>();
    s->Update(pool);
    EXPECT_EQ(s->Select(pool, FlowOf(1)), 1);
    pool[1].activeSessions = 4; // 512: tie
    EXPECT_EQ(s->Select(pool, FlowOf(1)), 0);
    pool[0].up = false;
    pool[1].up = false;
    EXPECT_EQ(s->Select(pool, FlowOf(1)), -1) << "weight 0 is never chosen";
}

TEST(DepotScheduler, ShortestExpectedDelayAndNeverQueue)
{
    auto pool = Pool({1, 2, 1});
    pool[0].activeSessions = 1; // (1+1)/1 = 2
    pool[1].activeSessions = 2; // (2+1)/2 = 1.5
    pool[2].activeSessions = 1; // 2
    pool[2].inactiveSessions = 0;
    Ptr<DepotScheduler> sed = CreateObject<ShortestExpectedDelayScheduler>();
    Ptr<DepotScheduler> nq = CreateObject<NeverQueueScheduler>();
    sed->Update(pool);
    nq->Update(pool);
    EXPECT_EQ(sed->Select(pool, FlowOf(1)), 1);
    EXPECT_EQ(nq->Select(pool, FlowOf(1)), 1) << "nobody idle: SED";
    pool[1].activeSessions = 3; // 2: tie with 0, first wins
    EXPECT_EQ(sed->Select(pool, FlowOf(1)), 0);
    pool[2].activeSessions = 0; // idle, (0+1)/1 = 1 but NQ takes it for being idle
    pool[0].activeSessions = 0;
    EXPECT_EQ(nq->Select(pool, FlowOf(1)), 0) << "the first idle proxy";
    pool[0].up = false;
    EXPECT_EQ(nq->Select(pool, FlowOf(1)), 2);
    // SED: proxy 1 with weight 2 and 1 active ties an idle weight-1 proxy: (1+1)/2 == 1/1.
    pool[1].activeSessions = 1;
    EXPECT_EQ(sed->Select(pool, FlowOf(1)), 1);
}

TEST(DepotScheduler, SourceHashingUsesTheStaticTableAndFallsBack)
{
    auto pool = Pool({1, 1, 1});
    Ptr<DepotScheduler> s = CreateObject<SourceHashScheduler>();
    s->Update(pool);
    std::map<int32_t, int> share;
    for (uint32_t c = 0; c < 300; ++c)
    {
        const uint32_t client = 0x0a010000 + c;
        const int32_t expected = HashTableScheduler::Bucket(client) % 3;
        EXPECT_EQ(s->Select(pool, FlowOf(client, 1000)), expected);
        EXPECT_EQ(s->Select(pool, FlowOf(client, 2000)), expected) << "the port does not count";
        ++share[expected];
    }
    EXPECT_EQ(share.size(), 3u);
    pool[1].up = false;
    s->Update(pool);
    for (uint32_t c = 0; c < 300; ++c)
    {
        const uint32_t client = 0x0a010000 + c;
        const uint32_t b = HashTableScheduler::Bucket(client);
        const int32_t home = b % 3;
        // Keys of live proxies stay; those of proxy 1 go to the next bucket's proxy (2), or
        // to proxy 0 from the last bucket (255 -> 0).
        const int32_t expected = home != 1 ? home : (b == 255 ? 0 : 2);
        EXPECT_EQ(s->Select(pool, FlowOf(client)), expected);
    }
    auto weighted = Pool({2, 1});
    s->Update(weighted); // buckets 0,0,1,0,0,1,...
    EXPECT_EQ(s->Select(weighted, FlowOf(0)), 0);
    for (uint32_t c = 0; c < 50; ++c)
    {
        EXPECT_EQ(s->Select(weighted, FlowOf(c * 7919)),
                  HashTableScheduler::Bucket(c * 7919) % 3 == 2 ? 1 : 0);
    }
}

TEST(DepotScheduler, DestinationHashingSendsAVipToOneProxy)
{
    auto pool = Pool({1, 1, 1});
    Ptr<DepotScheduler> s = CreateObject<DestinationHashScheduler>();
    s->Update(pool);
    const int32_t expected = HashTableScheduler::Bucket(Ipv4Address("10.1.1.100").Get()) % 3;
    for (uint32_t c = 0; c < 20; ++c)
    {
        EXPECT_EQ(s->Select(pool, FlowOf(0x0a010000 + c, 1000 + c)), expected);
    }
    DepotScheduler::Flow other = FlowOf(1);
    other.vip = Ipv4Address("10.1.1.101");
    EXPECT_EQ(s->Select(pool, other), HashTableScheduler::Bucket(other.vip.Get()) % 3);
}

TEST(DepotScheduler, MaglevTableIsBalancedAndMovesFewKeys)
{
    auto pool = Pool({1, 1, 1});
    Ptr<MaglevScheduler> small = CreateObject<MaglevScheduler>();
    small->SetAttribute("TableSize", UintegerValue(13));
    small->Update(pool);
    std::vector<int> count(3);
    for (int32_t e : small->GetTable())
    {
        ASSERT_GE(e, 0);
        ++count[e];
    }
    // Proxies claim slots in turns 0,1,2,0,...: 13 slots give 5,4,4.
    EXPECT_EQ(count, (std::vector<int>{5, 4, 4}));
    for (uint32_t c = 0; c < 50; ++c)
    {
        const auto f = FlowOf(0x0a010000 + c, 1000 + c);
        EXPECT_EQ(small->Select(pool, f), small->GetTable()[small->Slot(f)]);
    }

    Ptr<MaglevScheduler> m = CreateObject<MaglevScheduler>();
    m->Update(pool);
    const std::vector<int32_t> before = m->GetTable();
    pool[1].up = false;
    m->Update(pool);
    const std::vector<int32_t>& after = m->GetTable();
    uint32_t kept = 0;
    uint32_t others = 0;
    for (size_t i = 0; i < before.size(); ++i)
    {
        EXPECT_NE(after[i], 1);
        if (before[i] != 1)
        {
            ++others;
            kept += after[i] == before[i];
        }
    }
    // Maglev's promise: the slots of the proxies that stay barely move.
    EXPECT_GE(kept, 0.95 * others);
    // A second depot with the same pool builds the same table (no state sync needed).
    Ptr<MaglevScheduler> twin = CreateObject<MaglevScheduler>();
    twin->Update(pool);
    EXPECT_EQ(twin->GetTable(), after);
}

TEST(DepotScheduler, MaglevRejectsATableSizeThatIsNotPrime)
{
    Ptr<MaglevScheduler> m = CreateObject<MaglevScheduler>();
    EXPECT_DEATH(m->SetAttribute("TableSize", UintegerValue(65536)), "not prime");
}

TEST(DepotScheduler, LoadIndexWeighsTheSeedsMetrics)
{
    auto pool = Pool({1, 1, 2});
    pool[0].responseTime = 0.01;
    pool[1].responseTime = 0.002;
    pool[2].responseTime = 0.01;
    pool[0].activeSessions = 3;
    pool[1].activeSessions = 5;
    pool[2].activeSessions = 8;
    pool[1].pendingSessions = 1;
    pool[0].cpuLoad = 0.5;
    pool[1].cacheFree = 0.5;
    Ptr<LoadIndexScheduler> s = CreateObject<LoadIndexScheduler>();
    s->Update(pool);
    // Costs with the default coefficients (100/s, 1, 1, 10, 1): 9, 6.7 and 9 / weight 2.
    EXPECT_DOUBLE_EQ(s->Cost(pool[0]), 9);
    EXPECT_DOUBLE_EQ(s->Cost(pool[1]), 6.7);
    EXPECT_DOUBLE_EQ(s->Cost(pool[2]), 9);
    EXPECT_EQ(s->Select(pool, FlowOf(1)), 2);
    pool[2].activeSessions = 13; // 14 / 2 = 7 > 6.7
    EXPECT_EQ(s->Select(pool, FlowOf(1)), 1);
    s->SetAttribute("ActiveWeight", DoubleValue(0)); // 6, 1.7, 0.5
    EXPECT_EQ(s->Select(pool, FlowOf(1)), 2);
    pool[2].up = false;
    EXPECT_EQ(s->Select(pool, FlowOf(1)), 1);
}

TEST(DepotScheduler, LocalityBasedLeastConnectionKeepsADestinationOnItsProxy)
{
    auto pool = Pool({4, 4, 4});
    Ptr<LocalityBasedLeastConnectionScheduler> s
        = CreateObject<LocalityBasedLeastConnectionScheduler>();
    s->Update(pool);
    auto to = [](const char* destination)
    {
        DepotScheduler::Flow f = FlowOf(0x0a010102);
        f.vip = Ipv4Address(destination);
        return f;
    };
    // New destinations go by weighted least connections.
    EXPECT_EQ(s->Select(pool, to("192.0.2.1")), 0);
    pool[0].activeSessions = 1;
    EXPECT_EQ(s->Select(pool, to("192.0.2.2")), 1);
    pool[1].activeSessions = 1;
    EXPECT_EQ(s->Select(pool, to("192.0.2.3")), 2);
    pool[2].activeSessions = 1;
    EXPECT_EQ(s->GetTableSize(), 3u);
    // A known destination stays on its proxy although another one is as loaded.
    pool[0].activeSessions = 4; // == weight: not overloaded
    EXPECT_EQ(s->Select(pool, to("192.0.2.1")), 0);
    // More active sessions than its weight, but no proxy below half its weight: stays.
    pool[0].activeSessions = 5;
    pool[1].activeSessions = 2;
    pool[2].activeSessions = 2;
    EXPECT_EQ(s->Select(pool, to("192.0.2.1")), 0);
    // Proxy 2 drops below half its weight: destination 1 moves there (least connections).
    pool[2].activeSessions = 1;
    EXPECT_EQ(s->Select(pool, to("192.0.2.1")), 2);
    pool[0].activeSessions = 0;
    EXPECT_EQ(s->Select(pool, to("192.0.2.1")), 2) << "the new assignment sticks";
    // Its proxy goes down: reassigned, and the new assignment is kept after revival.
    pool[2].up = false;
    EXPECT_EQ(s->Select(pool, to("192.0.2.1")), 0);
    pool[2].up = true;
    EXPECT_EQ(s->Select(pool, to("192.0.2.1")), 0);
    pool[0].up = pool[1].up = pool[2].up = false;
    EXPECT_EQ(s->Select(pool, to("192.0.2.1")), -1);
}

TEST(DepotScheduler, LocalityBasedLeastConnectionForgetsUnusedAssignments)
{
    auto pool = Pool({1, 1});
    Ptr<LocalityBasedLeastConnectionScheduler> s
        = CreateObjectWithAttributes<LocalityBasedLeastConnectionScheduler>("Expiration",
                                                                            TimeValue(Seconds(10)));
    s->Update(pool);
    std::vector<int32_t> picks;
    Simulator::Schedule(Seconds(0), [&]() { picks.push_back(s->Select(pool, FlowOf(1))); });
    Simulator::Schedule(Seconds(1), [&]() { pool[0].activeSessions = 1; });
    // Used at 9 s: still assigned (least connections would say 1).
    Simulator::Schedule(Seconds(9), [&]() { picks.push_back(s->Select(pool, FlowOf(1))); });
    // Unused from 9 s to 19.5 s: forgotten, least connections picks proxy 1.
    Simulator::Schedule(Seconds(19.5), [&]() { picks.push_back(s->Select(pool, FlowOf(1))); });
    Simulator::Run();
    Simulator::Destroy();
    EXPECT_EQ(picks, (std::vector<int32_t>{0, 0, 1}));
}
