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

#include <vector>

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

// The hash table schedulers' expectations are derived outside the code under test. IPVS's
// bucket of a key is (key * 2654435761 mod 2^32) >> 24 (ip_vs_sh/ip_vs_dh), so for the keys
// used here (products mod 2^32 written out, computed with Python's unbounded integers):
//
//   key          product      bucket  bucket % 3
//   10.1.0.0     0x63b10000     99        0
//   10.1.0.1     0x01e879b1      1        1
//   10.1.0.2     0xa01ff362    160        1
//   10.1.0.3     0x3e576d13     62        2
//   10.1.0.4     0xdc8ee6c4    220        1
//   10.1.0.5     0x7ac66075    122        2
//   10.1.0.6     0x18fdda26     24        0
//   10.1.0.7     0xb73553d7    183        0
//   10.1.1.100   0x68d63a24    104        2
//   10.1.1.101   0x070db3d5      7        1
//   39595        0x0e42c33b     14        2
//   7919         0x360d5a3f     54        0
//
// With weights 1,1,1 bucket b holds proxy b % 3; with weights 2,1 the buckets run 0,0,1,...
// so bucket b holds proxy 1 exactly when b % 3 == 2.

TEST(DepotScheduler, SourceHashingUsesTheStaticTableAndFallsBack)
{
    auto pool = Pool({1, 1, 1});
    Ptr<DepotScheduler> s = CreateObject<SourceHashScheduler>();
    s->Update(pool);
    const std::vector<int32_t> home{0, 1, 1, 2, 1, 2, 0, 0}; // clients 10.1.0.0 - 10.1.0.7
    for (uint32_t c = 0; c < home.size(); ++c)
    {
        const uint32_t client = 0x0a010000 + c;
        EXPECT_EQ(s->Select(pool, FlowOf(client, 1000)), home[c]) << c;
        EXPECT_EQ(s->Select(pool, FlowOf(client, 2000)), home[c]) << "the port does not count";
    }
    pool[1].up = false;
    s->Update(pool);
    // Keys of live proxies stay; proxy 1's buckets (1, 160, 220) fall through to the next
    // bucket (2, 161, 221), all of which hold proxy 2.
    const std::vector<int32_t> fallback{0, 2, 2, 2, 2, 2, 0, 0};
    for (uint32_t c = 0; c < fallback.size(); ++c)
    {
        EXPECT_EQ(s->Select(pool, FlowOf(0x0a010000 + c)), fallback[c]) << c;
    }
    auto weighted = Pool({2, 1});
    s->Update(weighted);
    EXPECT_EQ(s->Select(weighted, FlowOf(0)), 0);          // bucket 0
    EXPECT_EQ(s->Select(weighted, FlowOf(7919)), 0);       // bucket 54, 54 % 3 == 0
    EXPECT_EQ(s->Select(weighted, FlowOf(39595)), 1);      // bucket 14, 14 % 3 == 2
    EXPECT_EQ(s->Select(weighted, FlowOf(0x0a010003)), 1); // bucket 62
    EXPECT_EQ(s->Select(weighted, FlowOf(0x0a010001)), 0); // bucket 1
}

TEST(DepotScheduler, DestinationHashingSendsAVipToOneProxy)
{
    auto pool = Pool({1, 1, 1});
    Ptr<DepotScheduler> s = CreateObject<DestinationHashScheduler>();
    s->Update(pool);
    for (uint32_t c = 0; c < 20; ++c)
    {
        // 10.1.1.100: bucket 104, proxy 2, whoever the client is.
        EXPECT_EQ(s->Select(pool, FlowOf(0x0a010000 + c, 1000 + c)), 2);
    }
    DepotScheduler::Flow other = FlowOf(1);
    other.vip = Ipv4Address("10.1.1.101"); // bucket 7: proxy 1
    EXPECT_EQ(s->Select(pool, other), 1);
    pool[2].up = false;
    s->Update(pool);
    EXPECT_EQ(s->Select(pool, FlowOf(1)), 0) << "bucket 104 falls through to 105: proxy 0";
}

TEST(DepotScheduler, MaglevTableIsBalancedAndMovesFewKeys)
{
    auto pool = Pool({1, 1, 1});
    Ptr<MaglevScheduler> small = CreateObject<MaglevScheduler>();
    small->SetAttribute("TableSize", UintegerValue(13));
    small->Update(pool);
    // Maglev's population (Eisenbud et al., NSDI 2016, Pseudocode 1) for M = 13, derived by
    // hand from each proxy's offset and skip. Those come from FlowHash (Murmur3's finalizer)
    // of the name (address << 16 | port), evaluated by an independent Python script:
    //   proxy 0 10.0.2.2:8080 offset 3,  skip 2: 3 5 7 9 11 0 2 4 6 8 10 12 1
    //   proxy 1 10.0.2.3:8080 offset 12, skip 11: 12 10 8 6 4 2 0 11 9 7 5 3 1
    //   proxy 2 10.0.2.4:8080 offset 11, skip 9: 11 7 3 12 8 4 0 9 5 1 10 6 2
    // Turns, each proxy taking its next free preference:
    //   1: p0 3, p1 12, p2 11        2: p0 5, p1 10, p2 7
    //   3: p0 9 (7 taken), p1 8, p2 4 (3, 12, 8 taken)
    //   4: p0 0 (11 taken), p1 6, p2 1 (0, 9, 5 taken)
    //   5: p0 2: the 13th slot, the table is full.
    EXPECT_EQ(small->GetTable(), (std::vector<int32_t>{0, 2, 0, 0, 2, 0, 1, 2, 1, 0, 1, 2, 1}));
    // Slots of flows 10.1.0.c:(1000 + c) -> 10.1.1.100:80 (FlowHash, same script): 3 5 8 7 6.
    const std::vector<uint32_t> slots{3, 5, 8, 7, 6};
    const std::vector<int32_t> picks{0, 0, 1, 2, 1};
    for (uint32_t c = 0; c < slots.size(); ++c)
    {
        const auto f = FlowOf(0x0a010000 + c, 1000 + c);
        EXPECT_EQ(small->Slot(f), slots[c]) << c;
        EXPECT_EQ(small->Select(pool, f), picks[c]) << c;
    }

    Ptr<MaglevScheduler> m = CreateObject<MaglevScheduler>();
    m->Update(pool);
    const std::vector<int32_t> before = m->GetTable();
    std::vector<uint32_t> share(3);
    for (int32_t e : before)
    {
        ASSERT_GE(e, 0);
        ++share[e];
    }
    // Maglev's balance: no proxy's share differs from M/N by more than the paper's bound
    // (each turn a proxy takes one slot, so the shares differ by at most 1).
    const uint32_t size = before.size();
    for (uint32_t n : share)
    {
        EXPECT_GE(n, size / 3);
        EXPECT_LE(n, size / 3 + 1);
    }
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
