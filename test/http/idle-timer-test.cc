/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IdleTimer: it expires at its deadline, re-arming moves the deadline, a cancelled or
 * destroyed timer never fires, and all of that holds under every ns-3 event scheduler.
 */
#include "ns3/idle-timer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <vector>

using namespace ns3;

namespace
{

class IdleTimerTest : public ::testing::TestWithParam<const char*>
{
  protected:
    void SetUp() override
    {
        ObjectFactory f;
        f.SetTypeId(GetParam());
        Simulator::SetScheduler(f);
    }

    void TearDown() override
    {
        Simulator::Destroy();
    }
};

} // namespace

TEST_P(IdleTimerTest, ExpiresAtItsDeadlineAndReArmingMovesIt)
{
    IdleTimer t;
    std::vector<Time> fired;
    t.SetFunction([&]() { fired.push_back(Simulator::Now()); });
    t.Start(Seconds(10));
    Simulator::Schedule(Seconds(4), [&]() { t.Stop(); });             // busy from 4 s
    Simulator::Schedule(Seconds(6), [&]() { t.Start(Seconds(10)); }); // idle again: 16 s
    Simulator::Schedule(Seconds(20), [&]() { t.Start(Seconds(2)); }); // shorter: 22 s
    Simulator::Run();
    ASSERT_EQ(fired.size(), 2u);
    EXPECT_EQ(fired[0], Seconds(16));
    EXPECT_EQ(fired[1], Seconds(22));
}

/// 2,000 timers with random timeouts, re-armed, cancelled or destroyed at random times (as
/// connections and requests are): each live timer fires exactly at its last deadline, none
/// that was cancelled or destroyed fires, and events run in time order. With
/// Simulator::Remove in Cancel, ns-3's HeapScheduler (whose Remove does not restore the heap
/// order) ran events out of order and timers fired after they were destroyed.
TEST_P(IdleTimerTest, CancelledAndDestroyedTimersNeverFireUnderAnyScheduler)
{
    constexpr int N = 2000;
    std::vector<std::unique_ptr<IdleTimer>> timers(N);
    std::vector<Time> deadline(N);
    std::vector<int> fired(N, 0);
    Time last;
    bool ordered = true;
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> ms(1, 20000);
    for (int i = 0; i < N; ++i)
    {
        timers[i] = std::make_unique<IdleTimer>();
        timers[i]->SetFunction(
            [&, i]()
            {
                ordered = ordered && Simulator::Now() >= last;
                last = Simulator::Now();
                ++fired[i];
                EXPECT_EQ(Simulator::Now(), deadline[i]) << "timer " << i;
            });
        const Time t = MilliSeconds(ms(rng));
        deadline[i] = t;
        timers[i]->Start(t);
    }
    for (int i = 0; i < N; ++i)
    {
        const int action = i % 4; // 0: left alone, 1: re-armed, 2: cancelled, 3: destroyed
        const Time at = MilliSeconds(ms(rng) / 2);
        if (action == 1)
        {
            const Time t = MilliSeconds(ms(rng));
            Simulator::Schedule(at,
                                [&, i, t]()
                                {
                                    if (deadline[i] > Simulator::Now())
                                    {
                                        deadline[i] = Simulator::Now() + t;
                                        timers[i]->Start(t);
                                    }
                                });
        }
        else if (action >= 2)
        {
            Simulator::Schedule(at,
                                [&, i, action]()
                                {
                                    if (deadline[i] > Simulator::Now())
                                    {
                                        deadline[i] = Time::Max();
                                        if (action == 2)
                                        {
                                            timers[i]->Cancel();
                                        }
                                        else
                                        {
                                            timers[i].reset();
                                        }
                                    }
                                });
        }
    }
    Simulator::Run();
    EXPECT_TRUE(ordered);
    for (int i = 0; i < N; ++i)
    {
        EXPECT_EQ(fired[i], deadline[i] == Time::Max() ? 0 : 1) << "timer " << i;
    }
}

INSTANTIATE_TEST_SUITE_P(Schedulers,
                         IdleTimerTest,
                         ::testing::Values("ns3::MapScheduler",
                                           "ns3::HeapScheduler",
                                           "ns3::ListScheduler",
                                           "ns3::CalendarScheduler",
                                           "ns3::PriorityQueueScheduler"));
