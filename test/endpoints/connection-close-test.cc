/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * How the module's endpoints end a TCP connection on the wire. The side that learns of the
 * peer's FIN and has nothing more to send answers it with one FIN/ACK (RFC 9293 3.6, case 2):
 * on a lossless link it sends no duplicate ACK.
 *
 * That holds also for a side that closes from inside its receive callback (a client reading
 * the last byte of a response that came with the server's FIN): it answers with one FIN/ACK
 * and keeps no TIME_WAIT, as the side that closed second.
 */
#include "../scenario-fixture.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::test;

namespace
{

/// One TCP segment as a device sent it.
struct Segment
{
    uint8_t flags;    //!< TCP flags
    uint32_t seq;     //!< sequence number
    uint32_t ack;     //!< acknowledgement number
    uint16_t window;  //!< advertised window (unscaled field)
    uint32_t payload; //!< payload bytes
    uint16_t srcPort; //!< source port (one connection per port)
};

/// The TCP segments one device sends, in order.
struct SegmentLog
{
    std::vector<Segment> sent; //!< in sending order

    /// Trace sink for PointToPointNetDevice::MacTx.
    void MacTx(Ptr<const Packet> p)
    {
        PppTcpSegment s;
        if (ReadPppTcp(p, s))
        {
            sent.push_back({s.tcp.GetFlags(),
                            s.tcp.GetSequenceNumber().GetValue(),
                            s.tcp.GetAckNumber().GetValue(),
                            s.tcp.GetWindowSize(),
                            s.payload,
                            s.tcp.GetSourcePort()});
        }
    }

    /// Duplicate ACKs as Wireshark counts them: a pure ACK (no data, no SYN/FIN/RST) that
    /// repeats the acknowledgement number and window of the segment sent before it on the
    /// same connection. On a lossless link there is nothing to repeat.
    uint32_t DuplicateAcks() const
    {
        std::map<uint16_t, const Segment*> previous;
        uint32_t n = 0;
        for (const auto& s : sent)
        {
            const Segment*& prev = previous[s.srcPort];
            if (prev && s.flags == TcpHeader::ACK && s.payload == 0 && s.ack == prev->ack
                && s.window == prev->window)
            {
                ++n;
            }
            prev = &s;
        }
        return n;
    }

    /// FIN segments sent.
    uint32_t Fins() const
    {
        return std::count_if(sent.begin(),
                             sent.end(),
                             [](const Segment& s) { return (s.flags & TcpHeader::FIN) != 0; });
    }

    /// Whether each FIN the other side sent (its sequence number given) was acknowledged.
    bool Acknowledges(const SegmentLog& other) const
    {
        for (const auto& f : other.sent)
        {
            if (!(f.flags & TcpHeader::FIN))
            {
                continue;
            }
            const uint32_t finEnd = f.seq + f.payload + 1;
            const bool acked = std::any_of(
                sent.begin(),
                sent.end(),
                [&](const Segment& s) { return (s.flags & TcpHeader::ACK) && s.ack == finEnd; });
            if (!acked)
            {
                return false;
            }
        }
        return true;
    }
};

/// The TCP sockets a node's TcpL4Protocol still holds.
uint32_t
SocketCount(Ptr<Node> node)
{
    ObjectVectorValue sockets;
    node->GetObject<TcpL4Protocol>()->GetAttribute("SocketList", sockets);
    return sockets.GetN();
}

/// Three requests on a 10 ms link, then the logs of both sides.
struct CloseRun
{
    SegmentLog client;                  //!< what the client sent
    SegmentLog server;                  //!< what the server sent
    std::vector<RequestRecord> records; //!< the requests
    uint32_t clientSockets{0};          //!< TCP sockets left on the client at 99 s
    uint32_t serverSockets{0};          //!< TCP sockets left on the server at 99 s (listener too)

    /**
     * \param persistent the client keeps its connection (and closes it when done, so the
     *        client closes first); otherwise every response ends its connection
     */
    explicit CloseRun(bool persistent)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        LinkScenario s("10Mbps", MilliSeconds(10));
        s.AddObject("/a", 3000);
        s.AddObject("/b", 20000);
        s.AddObject("/c", 500);
        s.InstallServer();
        s.devices.Get(0)->TraceConnectWithoutContext("MacTx",
                                                     MakeCallback(&SegmentLog::MacTx, &client));
        s.devices.Get(1)->TraceConnectWithoutContext("MacTx",
                                                     MakeCallback(&SegmentLog::MacTx, &server));
        WebClientHelper h;
        h.SetAttribute("PersistentConnections", BooleanValue(persistent));
        h.SetAttribute("CloseWhenDone", BooleanValue(true));
        s.InstallClient({s.Get("/a"), s.Get("/b"), s.Get("/c")}, h);
        // Long after the last close, within 2 MSL (240 s): only TIME_WAIT sockets are left,
        // on the side that closed first.
        Simulator::Schedule(Seconds(99),
                            [this, &s]()
                            {
                                clientSockets = SocketCount(s.nodes.Get(0));
                                serverSockets = SocketCount(s.nodes.Get(1));
                            });
        s.Run(Seconds(100));
        records = s.records;
    }
};

/**
 * Every request completes, each side sends one FIN per connection and has the other's
 * acknowledged, and the side that closes second (the peer closed first) sends no duplicate ACK.
 */
void
ExpectCleanCloses(const CloseRun& r, uint32_t connections, bool serverClosesFirst)
{
    ASSERT_EQ(r.records.size(), 3u);
    for (const auto& rec : r.records)
    {
        EXPECT_FALSE(rec.failed) << rec.error;
    }
    // One FIN per side per connection, no retransmission of it, and each acknowledged.
    EXPECT_EQ(r.client.Fins(), connections);
    EXPECT_EQ(r.server.Fins(), connections);
    EXPECT_TRUE(r.client.Acknowledges(r.server));
    EXPECT_TRUE(r.server.Acknowledges(r.client));
    const SegmentLog& second = serverClosesFirst ? r.client : r.server;
    const SegmentLog& first = serverClosesFirst ? r.server : r.client;
    EXPECT_EQ(first.DuplicateAcks(), 0u);
    // With the server first, the client learns of the end from the response that carries
    // the server's FIN and closes inside its receive callback.
    EXPECT_EQ(second.DuplicateAcks(), 0u);
    // TIME_WAIT on the side that closed first only; the server also keeps its listener.
    EXPECT_EQ(r.clientSockets, serverClosesFirst ? 0u : connections);
    EXPECT_EQ(r.serverSockets, 1u + (serverClosesFirst ? connections : 0u));
}

} // namespace

// One connection per request: the server ends each after its response.
TEST(ConnectionClose, OneConnectionPerRequestEndsCleanly)
{
    ExpectCleanCloses(CloseRun(false), 3, true);
}

// One kept connection: the client ends it after the last response.
TEST(ConnectionClose, KeptConnectionEndsWithoutDuplicateAcks)
{
    ExpectCleanCloses(CloseRun(true), 1, false);
}
