/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * DepotSynFilter on its own: when it engages and lets go, which SYNs pass, how long it
 * remembers, and how often a spoofed SYN passes by chance (the Bloom filter's sizing).
 */
#include "ns3/depot-syn-filter.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace ns3;

namespace
{

constexpr uint32_t VIP = 0x0aff0001;

DepotSynFilter
Filter(uint32_t threshold, uint32_t maxVerified = 65536, Time lifetime = Seconds(600))
{
    DepotSynFilter f;
    DepotSynFilter::Settings s;
    s.threshold = threshold;
    s.maxVerified = maxVerified;
    s.verifiedLifetime = lifetime;
    f.Configure(s);
    return f;
}

/// Runs f at simulated time t.
template <typename F>
void
At(Time t, F f)
{
    Simulator::Schedule(t, f);
}

class DepotSynFilterTest : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
    }
};

} // namespace

TEST_F(DepotSynFilterTest, OffPassesEverything)
{
    DepotSynFilter f = Filter(0);
    for (uint32_t i = 0; i < 100; ++i)
    {
        EXPECT_EQ(f.Admit(i, 1000, VIP, 80, 0, 1u << 30), DepotSynFilter::PASS);
    }
    EXPECT_FALSE(f.IsEngaged());
    EXPECT_EQ(f.GetMemoryBytes(), 0u);
}

TEST_F(DepotSynFilterTest, FirstCopyDroppedItsRetransmissionPasses)
{
    DepotSynFilter f = Filter(10);
    EXPECT_EQ(f.Admit(1, 1000, VIP, 80, 7, 9), DepotSynFilter::PASS) << "below the threshold";
    EXPECT_EQ(f.Admit(1, 1000, VIP, 80, 7, 10), DepotSynFilter::FILTERED);
    EXPECT_TRUE(f.IsEngaged());
    EXPECT_EQ(f.Admit(1, 1000, VIP, 80, 7, 10), DepotSynFilter::PASS_RETRY);
    // Any other field changed is another SYN: a first copy.
    EXPECT_EQ(f.Admit(2, 1000, VIP, 80, 7, 10), DepotSynFilter::FILTERED);
    EXPECT_EQ(f.Admit(1, 1001, VIP, 80, 7, 10), DepotSynFilter::FILTERED);
    EXPECT_EQ(f.Admit(1, 1000, VIP + 1, 80, 7, 10), DepotSynFilter::FILTERED);
    EXPECT_EQ(f.Admit(1, 1000, VIP, 81, 7, 10), DepotSynFilter::FILTERED);
    EXPECT_EQ(f.Admit(1, 1000, VIP, 80, 8, 10), DepotSynFilter::FILTERED);
    EXPECT_EQ(f.GetCount(DepotSynFilter::FILTERED), 6u);
    EXPECT_EQ(f.GetCount(DepotSynFilter::PASS_RETRY), 1u);
    EXPECT_EQ(f.GetEngagedCount(), 1u);
    EXPECT_EQ(f.GetMemoryBytes(), 2u * (1u << 22) / 8) << "two generations of 2^22 bits";
}

TEST_F(DepotSynFilterTest, VerifiedSourcesPassAtOnce)
{
    DepotSynFilter f = Filter(10);
    f.Verify(5);
    EXPECT_EQ(f.Admit(5, 1000, VIP, 80, 1, 50), DepotSynFilter::PASS_VERIFIED);
    EXPECT_EQ(f.Admit(5, 1001, VIP, 80, 1, 50), DepotSynFilter::PASS_VERIFIED);
    EXPECT_EQ(f.Admit(6, 1000, VIP, 80, 1, 50), DepotSynFilter::FILTERED);
}

TEST_F(DepotSynFilterTest, VerifiedSourcesAreBoundedLeastRecentlyVerifiedGoes)
{
    DepotSynFilter f = Filter(1, 2);
    f.Verify(1);
    f.Verify(2);
    f.Verify(1); // 2 is now the least recently verified
    f.Verify(3);
    EXPECT_EQ(f.GetVerifiedCount(), 2u);
    EXPECT_EQ(f.Admit(1, 1, VIP, 80, 0, 5), DepotSynFilter::PASS_VERIFIED);
    EXPECT_EQ(f.Admit(3, 1, VIP, 80, 0, 5), DepotSynFilter::PASS_VERIFIED);
    EXPECT_EQ(f.Admit(2, 1, VIP, 80, 0, 5), DepotSynFilter::FILTERED);
}

TEST_F(DepotSynFilterTest, VerifiedSourceExpiresAfterItsLifetime)
{
    DepotSynFilter f = Filter(1, 10, Seconds(5));
    At(Seconds(1), [&]() { f.Verify(9); });
    At(Seconds(5.9),
       [&]() { EXPECT_EQ(f.Admit(9, 1, VIP, 80, 0, 5), DepotSynFilter::PASS_VERIFIED); });
    At(Seconds(6), [&]() { EXPECT_EQ(f.Admit(9, 2, VIP, 80, 0, 5), DepotSynFilter::FILTERED); });
    Simulator::Run();
    EXPECT_EQ(f.GetVerifiedCount(), 0u);
}

/// Epoch 10 s (the default): a first copy seen when the generations start at 1 s is
/// remembered through the rotation at 11 s, and forgotten when two epochs have passed.
TEST_F(DepotSynFilterTest, FirstCopiesAreRememberedOneToTwoEpochs)
{
    DepotSynFilter f = Filter(1);
    At(Seconds(1), [&]() { EXPECT_EQ(f.Admit(1, 1, VIP, 80, 0, 5), DepotSynFilter::FILTERED); });
    At(Seconds(2), [&]() { EXPECT_EQ(f.Admit(2, 1, VIP, 80, 0, 5), DepotSynFilter::FILTERED); });
    At(Seconds(12), // rotation: the first generation becomes the previous one
       [&]() { EXPECT_EQ(f.Admit(1, 1, VIP, 80, 0, 5), DepotSynFilter::PASS_RETRY); });
    At(Seconds(22.5), // rotation at 22.5 s: the generation of 1-12 s is gone
       [&]() { EXPECT_EQ(f.Admit(2, 1, VIP, 80, 0, 5), DepotSynFilter::FILTERED); });
    Simulator::Run();
}

/// Engaged at the threshold, the filter stays engaged while first copies keep coming even
/// when the half-open sessions are few (it made them few), and lets go when both ebb.
TEST_F(DepotSynFilterTest, DisengagesOnlyWhenHalfOpenAndFirstCopiesEbb)
{
    DepotSynFilter f = Filter(10);
    uint32_t src = 100;
    At(Seconds(1),
       [&]()
       {
           for (int i = 0; i < 10; ++i) // 10 first copies: not fewer than threshold / 2
           {
               f.Admit(src++, 1, VIP, 80, 0, 10);
           }
       });
    At(Seconds(2),
       [&]()
       {
           f.Admit(src++, 1, VIP, 80, 0, 0);
           EXPECT_TRUE(f.IsEngaged()) << "first copies have not ebbed";
       });
    At(Seconds(25), // more than two epochs later: no first copy remembered
       [&]()
       {
           f.Admit(src++, 1, VIP, 80, 0, 5);
           EXPECT_TRUE(f.IsEngaged()) << "5 half-open sessions: not fewer than threshold / 2";
           EXPECT_EQ(f.Admit(src++, 1, VIP, 80, 0, 4), DepotSynFilter::PASS);
           EXPECT_FALSE(f.IsEngaged());
       });
    Simulator::Run();
    EXPECT_EQ(f.GetEngagedCount(), 1u);
}

/// 100,000 spoofed first copies fill a generation; of 10,000 further random SYNs, each passes
/// by chance with probability (1 - e^(-3n / 2^22))^3 for the n = 100,000..110,000 keys held:
/// 3.3 x 10^-4 to 4.3 x 10^-4, about 4 expected. 20 or more would have probability below
/// 10^-8 (Poisson, mean 4.3); a filter of 2^18 bits would pass about 370.
TEST_F(DepotSynFilterTest, SpoofedSynsPassByChanceAtTheBloomFiltersRate)
{
    DepotSynFilter f = Filter(1);
    std::mt19937_64 rng(42);
    for (int i = 0; i < 100000; ++i)
    {
        const uint64_t r = rng();
        f.Admit(uint32_t(r), uint16_t(r >> 32), VIP, 80, uint32_t(r >> 16), 5);
    }
    const uint64_t before = f.GetCount(DepotSynFilter::PASS_RETRY);
    EXPECT_LT(before, 40u);
    for (int i = 0; i < 10000; ++i)
    {
        const uint64_t r = rng();
        f.Admit(uint32_t(r), uint16_t(r >> 32), VIP, 80, uint32_t(r >> 16), 5);
    }
    EXPECT_LT(f.GetCount(DepotSynFilter::PASS_RETRY) - before, 20u);
}
