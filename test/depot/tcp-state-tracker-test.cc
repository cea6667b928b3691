/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * TcpStateTracker transitions and DepotSessionTable indexes and expiry.
 */
#include "ns3/depot-session-table.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-state-tracker.h"

#include <gtest/gtest.h>

using namespace ns3;
using T = TcpStateTracker;

namespace
{
constexpr uint8_t SYN = TcpHeader::SYN;
constexpr uint8_t ACK = TcpHeader::ACK;
constexpr uint8_t FIN = TcpHeader::FIN;
constexpr uint8_t RST = TcpHeader::RST;

/// A session seen by the depot: client ISN 1000, proxy ISN 5000.
class Tracker : public ::testing::Test
{
  protected:
    T::End c;
    T::End p;
    bool window = false;

    T::Result Send(bool fromClient, uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len)
    {
        T::Segment s;
        s.flags = flags;
        s.seq = seq;
        s.ack = ack;
        s.length = len;
        s.window = 1000;
        return fromClient ? T::Track(c, p, true, s, window) : T::Track(p, c, false, s, window);
    }

    T::Result Client(uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len = 0)
    {
        return Send(true, flags, seq, ack, len);
    }

    T::Result Proxy(uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len = 0)
    {
        return Send(false, flags, seq, ack, len);
    }

    void Handshake()
    {
        ASSERT_EQ(Client(SYN, 1000, 0), T::OK);
        ASSERT_EQ(Proxy(SYN | ACK, 5000, 1001), T::OK);
        ASSERT_EQ(Client(ACK, 1001, 5001), T::OK);
    }

    T::SessionState Summary() const
    {
        return T::Summarize(c, p);
    }
};
} // namespace

TEST_F(Tracker, HandshakeStepByStep)
{
    EXPECT_EQ(Client(SYN, 1000, 0), T::OK);
    EXPECT_EQ(c.state, T::SYN_SENT);
    EXPECT_EQ(p.state, T::LISTEN);
    EXPECT_EQ(Summary(), T::S_SYN_SENT);
    EXPECT_EQ(Client(SYN, 1000, 0), T::SYN_RETRANSMIT);
    EXPECT_EQ(Proxy(SYN | ACK, 5000, 1001), T::OK);
    EXPECT_EQ(p.state, T::SYN_RECV);
    EXPECT_EQ(Summary(), T::S_SYN_RECV);
    EXPECT_EQ(Client(SYN, 1000, 0), T::SYN_RETRANSMIT) << "SYN-ACK lost on the way to the client";
    EXPECT_EQ(Client(ACK, 1001, 5001), T::OK);
    EXPECT_EQ(c.state, T::ESTABLISHED);
    EXPECT_EQ(p.state, T::ESTABLISHED);
    EXPECT_EQ(Summary(), T::S_ESTABLISHED);
    EXPECT_EQ(Client(SYN, 1000, 0), T::SYN_IN_SESSION);
    EXPECT_EQ(c.state, T::ESTABLISHED);
}

TEST_F(Tracker, ClientClosesFirstThroughTimeWait)
{
    Handshake();
    EXPECT_EQ(Client(ACK, 1001, 5001, 100), T::OK); // request
    EXPECT_EQ(Proxy(ACK, 5001, 1101, 1000), T::OK); // response
    EXPECT_EQ(Client(FIN | ACK, 1101, 6001), T::OK);
    EXPECT_EQ(c.state, T::FIN_WAIT);
    EXPECT_EQ(p.state, T::CLOSE_WAIT);
    EXPECT_EQ(Summary(), T::S_CLOSE_WAIT);
    EXPECT_EQ(Proxy(ACK, 6001, 1102), T::OK);
    EXPECT_EQ(c.state, T::FIN_WAIT);
    EXPECT_EQ(Proxy(FIN | ACK, 6001, 1102), T::OK);
    EXPECT_EQ(p.state, T::LAST_ACK);
    EXPECT_EQ(Summary(), T::S_LAST_ACK);
    EXPECT_EQ(Client(ACK, 1102, 6002), T::OK);
    EXPECT_EQ(c.state, T::TIME_WAIT);
    EXPECT_EQ(p.state, T::CLOSED);
    EXPECT_EQ(Summary(), T::S_TIME_WAIT);
}

TEST_F(Tracker, ProxyClosesFirst)
{
    Handshake();
    EXPECT_EQ(Proxy(FIN | ACK, 5001, 1001), T::OK);
    EXPECT_EQ(p.state, T::FIN_WAIT);
    EXPECT_EQ(c.state, T::CLOSE_WAIT);
    EXPECT_EQ(Summary(), T::S_FIN_WAIT);
    EXPECT_EQ(Client(FIN | ACK, 1001, 5002), T::OK) << "FIN carrying the ACK of the proxy's FIN";
    EXPECT_EQ(c.state, T::LAST_ACK);
    EXPECT_EQ(Proxy(ACK, 5002, 1002), T::OK);
    EXPECT_EQ(p.state, T::TIME_WAIT);
    EXPECT_EQ(c.state, T::CLOSED);
    EXPECT_EQ(Summary(), T::S_TIME_WAIT);
}

TEST_F(Tracker, SimultaneousCloseEndsWithBothInTimeWait)
{
    Handshake();
    EXPECT_EQ(Client(FIN | ACK, 1001, 5001), T::OK);
    // The proxy's FIN does not acknowledge the client's: it was sent before that arrived.
    EXPECT_EQ(Proxy(FIN | ACK, 5001, 1001), T::SIMULTANEOUS_CLOSE);
    EXPECT_EQ(c.state, T::CLOSING);
    EXPECT_EQ(p.state, T::CLOSING);
    EXPECT_EQ(Summary(), T::S_LAST_ACK);
    EXPECT_EQ(Client(ACK, 1002, 5002), T::OK);
    EXPECT_EQ(p.state, T::TIME_WAIT);
    EXPECT_EQ(c.state, T::CLOSING);
    EXPECT_EQ(Proxy(ACK, 5002, 1002), T::OK);
    EXPECT_EQ(c.state, T::TIME_WAIT);
    EXPECT_EQ(p.state, T::TIME_WAIT);
    EXPECT_EQ(Summary(), T::S_TIME_WAIT);
}

TEST_F(Tracker, ResetFromEitherEndClosesBoth)
{
    for (bool fromClient : {true, false})
    {
        c = T::End();
        p = T::End();
        Handshake();
        const T::Result r = fromClient ? Client(RST, 1001, 0) : Proxy(RST | ACK, 5001, 1001);
        EXPECT_EQ(r, T::RESET);
        EXPECT_EQ(c.state, T::CLOSED);
        EXPECT_EQ(p.state, T::CLOSED);
        EXPECT_EQ(Summary(), T::S_CLOSE);
    }
}

TEST_F(Tracker, RetransmittedAndReorderedSegmentsKeepTheHighestSequence)
{
    Handshake();
    EXPECT_EQ(Client(ACK, 1001, 5001, 500), T::OK);
    EXPECT_EQ(c.sndEnd, 1501u);
    EXPECT_EQ(Client(ACK, 1001, 5001, 200), T::OK) << "a retransmission";
    EXPECT_EQ(c.sndEnd, 1501u);
    EXPECT_EQ(Proxy(ACK, 5001, 1501), T::OK);
    EXPECT_EQ(Proxy(ACK, 5001, 1201), T::OK) << "an old ACK arriving late";
    EXPECT_EQ(p.ack, 1501u);
    // An old ACK does not acknowledge a FIN sent later.
    EXPECT_EQ(Client(FIN | ACK, 1501, 5001), T::OK);
    EXPECT_EQ(Proxy(ACK, 5001, 1501), T::OK);
    EXPECT_EQ(c.state, T::FIN_WAIT);
    EXPECT_EQ(p.state, T::CLOSE_WAIT);
}

TEST_F(Tracker, SequenceNumbersWrapAround)
{
    EXPECT_EQ(Client(SYN, 0xFFFFFFF0u, 0), T::OK);
    EXPECT_EQ(Proxy(SYN | ACK, 5000, 0xFFFFFFF1u), T::OK);
    EXPECT_EQ(Client(ACK, 0xFFFFFFF1u, 5001, 100), T::OK);
    EXPECT_EQ(c.sndEnd, 0xFFFFFFF1u + 100);
    EXPECT_EQ(Client(FIN | ACK, 0x55u, 5001), T::OK);
    EXPECT_EQ(Proxy(FIN | ACK, 5001, 0x56u), T::OK);
    EXPECT_EQ(p.state, T::LAST_ACK);
}

TEST_F(Tracker, WindowCheckRejectsOutOfWindowSegmentsAndResets)
{
    window = true;
    Handshake();
    EXPECT_EQ(Proxy(ACK, 5001, 1001), T::OK); // the proxy expects 1001, window 1000
    EXPECT_EQ(Client(RST, 1001 + 5000, 0), T::OUT_OF_WINDOW);
    EXPECT_EQ(c.state, T::ESTABLISHED) << "an out-of-window RST kills nothing";
    EXPECT_EQ(Client(ACK, 1001 + 1000 + 1, 5001, 10), T::OUT_OF_WINDOW);
    EXPECT_EQ(Client(ACK, 1001 - 2000, 5001, 10), T::OUT_OF_WINDOW) << "too old";
    EXPECT_EQ(Client(ACK, 1001 - 500, 5001, 10), T::OK) << "an old duplicate within a window";
    EXPECT_EQ(Client(ACK, 1001 + 999, 5001, 1), T::OK);
    EXPECT_EQ(Client(RST, 1001, 0), T::RESET);
    window = false;
    c = T::End();
    p = T::End();
    Handshake();
    EXPECT_EQ(Client(RST, 1001 + 5000, 0), T::RESET) << "without checking any RST is taken";
}

/// RFC 5961 section 5: with window checking, a segment whose acknowledgement covers data the
/// receiver never sent, or lies more than max(the sender's largest window, 66,000) before the
/// receiver's next sequence number, is out of window and changes nothing. An in-window
/// segment with a guessed acknowledgement thus cannot move the tracked acknowledgement past
/// the real data, which window checking would then drop.
TEST_F(Tracker, WindowCheckRejectsUnacceptableAcknowledgements)
{
    window = true;
    Handshake();
    ASSERT_EQ(Proxy(ACK, 5001, 1001, 300), T::OK); // the proxy has sent up to 5301
    EXPECT_EQ(Client(ACK, 1001, 5302), T::OUT_OF_WINDOW) << "one byte the proxy never sent";
    EXPECT_EQ(Client(ACK, 1001, 5001 + 20000, 10), T::OUT_OF_WINDOW) << "a guessed ACK";
    EXPECT_EQ(c.ack, 5001u) << "the tracked acknowledgement did not move";
    EXPECT_EQ(c.sndEnd, 1001u) << "nor did the client's sequence number";
    EXPECT_EQ(Proxy(ACK, 5301, 1001, 100), T::OK) << "the proxy's next data still passes";
    EXPECT_EQ(Client(ACK, 1001, 5401), T::OK) << "everything it sent";
    EXPECT_EQ(Client(ACK, 1001, 5401 - 66000), T::OK) << "old, within 66,000";
    EXPECT_EQ(Client(ACK, 1001, 5401 - 66001), T::OUT_OF_WINDOW) << "older";
    EXPECT_EQ(c.ack, 5401u);
    EXPECT_EQ(Client(FIN | ACK, 1001, 5402), T::OUT_OF_WINDOW) << "a FIN is checked too";
    EXPECT_EQ(c.state, T::ESTABLISHED);
    EXPECT_EQ(std::string(T::StateName(p.state)), "ESTABLISHED");
    // A session picked up (a sync's record, or mid-stream) may have stale sequence numbers and
    // no window scale: neither acknowledgements nor windows are checked, RSTs still are.
    p.flags |= T::PICKED_UP;
    EXPECT_EQ(Client(ACK, 1001, 5401 + 3000), T::OK);
    EXPECT_EQ(c.ack, 5401u + 3000);
    EXPECT_EQ(Proxy(ACK, 5401 - 50000, 1001, 1000), T::OK) << "an old retransmission";
    EXPECT_EQ(Client(ACK, 1001 + 40000, 5401, 10), T::OK) << "beyond the unscaled window";
    EXPECT_EQ(Client(RST, 1001 + 500, 0), T::RST_CHALLENGE);
    EXPECT_EQ(c.state, T::ESTABLISHED);
    // Without window checking any acknowledgement is taken.
    window = false;
    c = T::End();
    p = T::End();
    Handshake();
    EXPECT_EQ(Client(ACK, 1001, 5001 + 20000), T::OK);
}

/// RFC 5961 section 3: with window checking, a RST resets only at the exact expected sequence
/// number (the receiver's last ACK or the sender's next sequence number); in the receiver's
/// window it asks for a challenge ACK; beyond it, it is out of window. No state changes but
/// for the exact one.
TEST_F(Tracker, WindowCheckTakesOnlyTheExactRst)
{
    window = true;
    Handshake();
    EXPECT_EQ(Proxy(ACK, 5001, 1001), T::OK); // the proxy expects 1001, window 1000
    EXPECT_EQ(Client(RST, 1002, 0), T::RST_CHALLENGE);
    EXPECT_EQ(Client(RST, 1001 + 999, 0), T::RST_CHALLENGE);
    EXPECT_EQ(Client(RST, 1001 + 1000, 0), T::OUT_OF_WINDOW) << "the window ends before";
    EXPECT_EQ(Client(RST, 1000, 0), T::OUT_OF_WINDOW) << "before what the proxy expects";
    EXPECT_EQ(c.state, T::ESTABLISHED);
    EXPECT_EQ(p.state, T::ESTABLISHED);
    EXPECT_EQ(Proxy(RST, 5002, 0), T::RST_CHALLENGE) << "the client acknowledged 5001";
    EXPECT_EQ(Proxy(RST, 5001, 0), T::RESET);
    EXPECT_EQ(c.state, T::CLOSED);
    // The sender's next sequence number is exact too (data the receiver has not acked yet).
    c = T::End();
    p = T::End();
    Handshake();
    EXPECT_EQ(Client(ACK, 1001, 5001, 300), T::OK);
    EXPECT_EQ(Client(RST, 1301, 0), T::RESET);
    // A refusal of the SYN must acknowledge it.
    c = T::End();
    p = T::End();
    EXPECT_EQ(Client(SYN, 1000, 0), T::OK);
    EXPECT_EQ(Proxy(RST | ACK, 0, 1002), T::OUT_OF_WINDOW);
    EXPECT_EQ(Proxy(RST | ACK, 0, 1001), T::RESET);
    EXPECT_EQ(std::string(T::ResultName(T::RST_CHALLENGE)), "rst-challenge");
}

/// Once both ends have closed (the proxy in TIME_WAIT, the client CLOSED) an in-window RST
/// gets no challenge ACK: the client has forgotten the connection and would answer with a RST
/// at the exact number, ending the 2 MSL hold for whoever spoofed the first. Dropped instead.
TEST_F(Tracker, FinishedConnectionIsNotChallenged)
{
    window = true;
    Handshake();
    EXPECT_EQ(Client(RST, 1002, 0), T::RST_CHALLENGE) << "while the connection is open";
    EXPECT_EQ(Proxy(FIN | ACK, 5001, 1001), T::OK);
    EXPECT_EQ(Client(RST, 1002, 0), T::RST_CHALLENGE) << "half closed";
    EXPECT_EQ(Client(FIN | ACK, 1001, 5002), T::OK);
    EXPECT_EQ(Proxy(ACK, 5002, 1002), T::OK);
    ASSERT_EQ(Summary(), T::S_TIME_WAIT);
    EXPECT_EQ(Client(RST, 1003, 0), T::OUT_OF_WINDOW);
    EXPECT_EQ(Proxy(RST, 5003, 0), T::OUT_OF_WINDOW);
    EXPECT_EQ(Summary(), T::S_TIME_WAIT);
    EXPECT_EQ(Client(RST, 1002, 0), T::RESET) << "the exact one still resets";
}

TEST_F(Tracker, WindowScaleAppliesOnlyWhenBothSynsCarryIt)
{
    T::Segment syn;
    syn.flags = SYN;
    syn.seq = 1000;
    syn.window = 100;
    syn.wscale = 7;
    ASSERT_EQ(T::Track(c, p, true, syn, true), T::OK);
    T::Segment synAck;
    synAck.flags = SYN | ACK;
    synAck.seq = 5000;
    synAck.ack = 1001;
    synAck.window = 100;
    synAck.wscale = 2;
    ASSERT_EQ(T::Track(p, c, false, synAck, true), T::OK);
    EXPECT_EQ(p.maxWin, 100u) << "a SYN's window is never scaled";
    T::Segment ack;
    ack.flags = ACK;
    ack.seq = 5001;
    ack.ack = 1001;
    ack.window = 100;
    ASSERT_EQ(T::Track(p, c, false, ack, true), T::OK);
    EXPECT_EQ(p.maxWin, 400u);
    T::Segment data;
    data.flags = ACK;
    data.seq = 1001 + 399;
    data.ack = 5001;
    data.length = 1;
    EXPECT_EQ(T::Track(c, p, true, data, true), T::OK);
    data.seq = 1001 + 401;
    EXPECT_EQ(T::Track(c, p, true, data, true), T::OUT_OF_WINDOW);
}

TEST(TrackerInputOnly, FollowsIpvsInputOnlyTable)
{
    using T = TcpStateTracker;
    const uint8_t SYN = TcpHeader::SYN, ACK = TcpHeader::ACK, FIN = TcpHeader::FIN,
                  RST = TcpHeader::RST;
    // A connection as the client's segments show it.
    uint8_t s = T::S_SYN_SENT; // a new entry
    s = T::TrackInputOnly(s, SYN);
    EXPECT_EQ(s, T::S_SYN_RECV);
    EXPECT_EQ(T::TrackInputOnly(s, SYN), T::S_SYN_RECV) << "retransmitted SYN";
    s = T::TrackInputOnly(s, ACK);
    EXPECT_EQ(s, T::S_ESTABLISHED);
    EXPECT_EQ(T::TrackInputOnly(s, ACK | TcpHeader::PSH), T::S_ESTABLISHED);
    EXPECT_EQ(T::TrackInputOnly(s, SYN), T::S_ESTABLISHED) << "SYN in session";
    s = T::TrackInputOnly(s, FIN | ACK);
    EXPECT_EQ(s, T::S_FIN_WAIT);
    EXPECT_EQ(T::TrackInputOnly(s, ACK), T::S_FIN_WAIT) << "the proxy's FIN is not seen";
    EXPECT_EQ(T::TrackInputOnly(s, RST), T::S_CLOSE);
    EXPECT_EQ(T::TrackInputOnly(T::S_ESTABLISHED, RST | ACK), T::S_CLOSE) << "RST first";
    EXPECT_EQ(T::TrackInputOnly(T::S_SYN_RECV, RST), T::S_CLOSE);
    EXPECT_EQ(T::TrackInputOnly(T::S_CLOSE, SYN), T::S_SYN_RECV) << "port reuse";
    EXPECT_EQ(T::TrackInputOnly(T::S_ESTABLISHED, 0), T::S_ESTABLISHED) << "no flags";
}

// Found by fuzz-depot-packets: a client port used for two service ports of the VIP, both
// sent to the same proxy, gave two sessions one proxy-side key. The second was never linked
// into the (unique) reverse index, and removing it corrupted the index (UndefinedBehaviorSanitizer:
// null member access in Remove). The second session is now refused, and so is a reassignment
// onto a key in use.
TEST(SessionTable, RefusesASecondSessionWithTheSameProxySideKey)
{
    DepotSessionTable t(8);
    DepotSession* a = t.Insert(1, 40000, 99, 80, 7, 3128, 0, 0);
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(t.Insert(1, 40000, 99, 8080, 7, 3128, 0, 0), nullptr);
    EXPECT_EQ(t.Size(), 1u);
    EXPECT_EQ(t.FindReverse(7, 3128, 1, 40000), a);
    // Another proxy (or another client port) is a different key.
    DepotSession* b = t.Insert(1, 40000, 99, 8080, 8, 3128, 1, 0);
    ASSERT_NE(b, nullptr);
    t.Reassign(b, 7, 3128, 0); // refused: the key is a's
    EXPECT_EQ(b->proxyIndex, 1);
    EXPECT_EQ(t.FindReverse(8, 3128, 1, 40000), b);
    EXPECT_EQ(t.FindReverse(7, 3128, 1, 40000), a);
    t.Remove(a);
    t.Remove(b);
    EXPECT_EQ(t.Size(), 0u);
    EXPECT_EQ(t.FindReverse(7, 3128, 1, 40000), nullptr);
}

TEST(SessionTable, IndexesBothDirectionsAndExpiresInOrder)
{
    DepotSessionTable t(3);
    DepotSession* a = t.Insert(1, 1000, 99, 80, 7, 8080, 0, 0);
    DepotSession* b = t.Insert(2, 1000, 99, 80, 8, 8080, 1, 0);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(t.Find(1, 1000, 99, 80), a);
    EXPECT_EQ(t.Find(1, 1001, 99, 80), nullptr);
    EXPECT_EQ(t.Find(1, 1000, 99, 81), nullptr);
    EXPECT_EQ(t.FindReverse(7, 8080, 1, 1000), a);
    EXPECT_EQ(t.FindReverse(8, 8080, 1, 1000), nullptr);
    EXPECT_EQ(t.FindReverse(8, 8080, 2, 1000), b);
    t.Reassign(a, 9, 3128, 2);
    EXPECT_EQ(t.FindReverse(7, 8080, 1, 1000), nullptr);
    EXPECT_EQ(t.FindReverse(9, 3128, 1, 1000), a);
    EXPECT_EQ(t.Find(1, 1000, 99, 80)->proxyIndex, 2);
    DepotSession* c = t.Insert(3, 1, 99, 80, 7, 80, 0, 0);
    ASSERT_TRUE(c);
    EXPECT_EQ(t.Insert(4, 1, 99, 80, 7, 80, 0, 0), nullptr) << "MaxSessions";
    t.Touch(a, T::S_TIME_WAIT, 60);
    t.Touch(b, T::S_ESTABLISHED, 900);
    t.Touch(c, T::S_TIME_WAIT, 70);
    EXPECT_EQ(t.NextExpiry(), 60);
    std::vector<uint32_t> gone;
    EXPECT_EQ(t.Expire(59, [&](const DepotSession& s) { gone.push_back(s.client); }), 0u);
    EXPECT_EQ(t.Expire(70, [&](const DepotSession& s) { gone.push_back(s.client); }), 2u);
    EXPECT_EQ(gone, (std::vector<uint32_t>{1, 3}));
    EXPECT_EQ(t.Size(), 1u);
    EXPECT_EQ(t.Find(1, 1000, 99, 80), nullptr);
    EXPECT_EQ(t.FindReverse(9, 3128, 1, 1000), nullptr);
    EXPECT_EQ(t.NextExpiry(), 900);
    t.Remove(b);
    EXPECT_EQ(t.Size(), 0u);
    EXPECT_EQ(t.NextExpiry(), std::numeric_limits<int64_t>::max());
}

TEST(SessionTable, GrowsAndKeepsEveryEntryFindable)
{
    DepotSessionTable t;
    const uint32_t n = 20000;
    for (uint32_t i = 0; i < n; ++i)
    {
        ASSERT_TRUE(
            t.Insert(0x0a000000 + i / 1000, 1024 + i % 1000, 99, 80, 7 + i % 3, 80, i % 3, i));
    }
    EXPECT_EQ(t.Size(), n);
    for (uint32_t i = 0; i < n; ++i)
    {
        DepotSession* s = t.Find(0x0a000000 + i / 1000, 1024 + i % 1000, 99, 80);
        ASSERT_NE(s, nullptr);
        EXPECT_EQ(s->created, i);
        EXPECT_EQ(t.FindReverse(7 + i % 3, 80, 0x0a000000 + i / 1000, 1024 + i % 1000), s);
    }
    EXPECT_LE(t.MemoryBytes() / n, 200u);
    EXPECT_EQ(sizeof(DepotSession), 104u);
}
