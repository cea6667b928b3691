/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * WebClient's CloseWhenDone: a client whose request source is exhausted closes its
 * connections when its last request ends, instead of keeping them until IdleTimeout.
 */
#include "../scenario-fixture.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::test;

namespace
{

/// A server that answers every request with 5 bytes on a kept connection and notes when the
/// client's FIN arrives.
struct ClosingWatch
{
    Ptr<Socket> listener; //!< listening socket
    std::vector<Ptr<Socket>> conns;
    std::vector<Time> peerClosed; //!< when each connection's FIN arrived

    explicit ClosingWatch(Ptr<Node> node)
    {
        listener = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
        listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
        listener->Listen();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&ClosingWatch::Accept, this));
    }

    void Accept(Ptr<Socket> s, const Address&)
    {
        conns.push_back(s);
        s->SetRecvCallback(MakeCallback(&ClosingWatch::Read, this));
        s->SetCloseCallbacks(MakeCallback(&ClosingWatch::Closed, this),
                             MakeCallback(&ClosingWatch::Closed, this));
    }

    void Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            if (p->GetSize() == 0)
            {
                continue;
            }
            // Each request of the test fits in one segment.
            const std::string r = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
            s->Send(reinterpret_cast<const uint8_t*>(r.data()), r.size(), 0);
        }
    }

    void Closed(Ptr<Socket> s)
    {
        peerClosed.push_back(Simulator::Now());
        s->Close();
    }
};

/// Run two requests on one kept connection (link delay 10 ms) and return the server's view.
std::pair<std::vector<RequestRecord>, std::vector<Time>>
RunTwo(bool closeWhenDone)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    LinkScenario s("10Mbps", MilliSeconds(10));
    ClosingWatch server(s.nodes.Get(1));
    WebClientHelper h;
    h.SetAttribute("PersistentConnections", BooleanValue(true));
    h.SetAttribute("IdleTimeout", TimeValue(Seconds(60)));
    h.SetAttribute("CloseWhenDone", BooleanValue(closeWhenDone));
    s.InstallClient({s.Get("/a"), s.Get("/b")}, h);
    s.Run(Seconds(1000));
    std::vector<Time> closed = server.peerClosed;
    EXPECT_EQ(server.conns.size(), 1u) << "both requests on one connection";
    return {s.records, closed};
}

} // namespace

// The FIN leaves when the last response has arrived and reaches the server one link delay
// (10 ms) later, plus the FIN's own transmission time: well before the 60 s IdleTimeout.
TEST(ClientCloseWhenDone, LastResponseClosesTheConnection)
{
    auto [records, closed] = RunTwo(true);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_FALSE(records[1].failed) << records[1].error;
    const Time last = records[1].issued + records[1].total;
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_GE(closed[0], last + MilliSeconds(10));
    EXPECT_LT(closed[0], last + MilliSeconds(11));
}

// The default keeps the idle connection until IdleTimeout after the last response.
TEST(ClientCloseWhenDone, DefaultKeepsTheConnectionForIdleTimeout)
{
    auto [records, closed] = RunTwo(false);
    ASSERT_EQ(records.size(), 2u);
    const Time last = records[1].issued + records[1].total;
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_GE(closed[0], last + Seconds(60) + MilliSeconds(10));
    EXPECT_LT(closed[0], last + Seconds(60) + MilliSeconds(11));
}
