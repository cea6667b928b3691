/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * DepotForwardingQueue on its own: the delay of each packet from the per-packet and per-byte
 * costs, the buffer's packet and byte limits, and its bound under a burst. Expected values are
 * worked out by hand from the service times (1 ms per packet, 1 us per byte).
 */
#include "ns3/depot-forwarding-queue.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>

#include <vector>

using namespace ns3;

namespace
{

class DepotForwardingQueueTest : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
    }

    /// 1 ms per packet, 1 us per byte (8 Mbit/s), 0.5 ms fixed delay.
    static DepotForwardingQueue::Settings Costly(uint32_t packetLimit, uint32_t byteLimit)
    {
        DepotForwardingQueue::Settings s;
        s.processingDelay = MicroSeconds(500);
        s.packetRate = 1000;
        s.byteRate = 1e6;
        s.packetLimit = packetLimit;
        s.byteLimit = byteLimit;
        return s;
    }
};

TEST_F(DepotForwardingQueueTest, WithoutRatesEveryPacketGetsTheFixedDelayOnly)
{
    DepotForwardingQueue q;
    DepotForwardingQueue::Settings s;
    s.processingDelay = MilliSeconds(1);
    s.packetLimit = 0;
    s.byteLimit = 1;
    q.Configure(s);
    for (int i = 0; i < 100; ++i)
    {
        EXPECT_EQ(q.Admit(1500), MilliSeconds(1));
    }
    EXPECT_EQ(q.GetWaitingPackets(), 0U);
    EXPECT_EQ(q.GetPeakWaitingBytes(), 0U);
}

TEST_F(DepotForwardingQueueTest, PacketsWaitForThoseBeforeThem)
{
    DepotForwardingQueue q;
    q.Configure(Costly(1000, 0));
    // Each 1000-byte packet takes 1 ms + 1000 us = 2 ms; they leave at 2, 4 and 6 ms.
    EXPECT_EQ(q.Admit(1000), MicroSeconds(2500));
    EXPECT_EQ(q.Admit(1000), MicroSeconds(4500));
    EXPECT_EQ(q.Admit(1000), MicroSeconds(6500));
    EXPECT_EQ(q.GetWaitingPackets(), 2U);
    EXPECT_EQ(q.GetWaitingBytes(), 2000U);
    std::vector<uint32_t> waiting;
    std::vector<Time> delays;
    // At 2 ms the second packet's service begins; at 7 ms the server is idle again, and a
    // 200-byte packet takes 1.2 ms.
    Simulator::Schedule(MilliSeconds(2), [&] { waiting.push_back(q.GetWaitingPackets()); });
    Simulator::Schedule(MilliSeconds(3),
                        [&]
                        {
                            waiting.push_back(q.GetWaitingPackets());
                            delays.push_back(q.Admit(500)); // behind the third: 6 - 3 + 1.5
                        });
    Simulator::Schedule(MilliSeconds(9), [&] { delays.push_back(q.Admit(200)); });
    Simulator::Run();
    EXPECT_EQ(waiting, (std::vector<uint32_t>{1, 1}));
    EXPECT_EQ(delays, (std::vector<Time>{MicroSeconds(5000), MicroSeconds(1700)}));
}

TEST_F(DepotForwardingQueueTest, TheByteLimitCountsWaitingBytesOnly)
{
    DepotForwardingQueue q;
    q.Configure(Costly(1000, 2500));
    EXPECT_GE(q.Admit(1000), Time(0)); // served at once: not in the buffer
    EXPECT_GE(q.Admit(1000), Time(0)); // 1000 waiting
    EXPECT_GE(q.Admit(1000), Time(0)); // 2000 waiting
    EXPECT_LT(q.Admit(1000), Time(0)); // 3000 > 2500: lost
    EXPECT_GE(q.Admit(500), Time(0));  // exactly 2500
    EXPECT_LT(q.Admit(1), Time(0));
    EXPECT_EQ(q.GetWaitingBytes(), 2500U);
    EXPECT_EQ(q.GetPeakWaitingBytes(), 2500U);
    // The second packet's service begins at 2 ms: its 1000 bytes leave the buffer.
    uint64_t at2 = 0;
    Time admitted(-1);
    Simulator::Schedule(MilliSeconds(2),
                        [&]
                        {
                            at2 = q.GetWaitingBytes();
                            admitted = q.Admit(1000);
                        });
    Simulator::Run();
    EXPECT_EQ(at2, 1500U);
    // Behind 2 ms (the second) + 2 ms (the third) + 1.5 ms (the 500-byte one), its own 2 ms.
    EXPECT_EQ(admitted, MicroSeconds(500 + 2000 + 2000 + 1500 + 2000));
}

TEST_F(DepotForwardingQueueTest, ThePacketLimitCountsWaitingPackets)
{
    DepotForwardingQueue q;
    q.Configure(Costly(1, 0));
    EXPECT_GE(q.Admit(40), Time(0));
    EXPECT_GE(q.Admit(40), Time(0));
    EXPECT_LT(q.Admit(40), Time(0));
    q.Clear(); // a crash: the next packet finds the server idle
    EXPECT_EQ(q.Admit(1000), MicroSeconds(2500));
}

TEST_F(DepotForwardingQueueTest, ABurstStaysWithinTheBuffer)
{
    // [Depot] §5's 56 KB socket buffer against 10,000 full-size packets at once: one in
    // service, floor(57344 / 1500) = 38 waiting, the rest lost.
    DepotForwardingQueue q;
    q.Configure(Costly(100000, 56 * 1024));
    uint32_t admitted = 0;
    for (int i = 0; i < 10000; ++i)
    {
        admitted += q.Admit(1500).IsStrictlyNegative() ? 0 : 1;
    }
    EXPECT_EQ(admitted, 39U);
    EXPECT_EQ(q.GetWaitingPackets(), 38U);
    EXPECT_EQ(q.GetPeakWaitingBytes(), 38U * 1500);
}

} // namespace
