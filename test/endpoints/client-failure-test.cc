/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * How a WebClient's requests end when the server misbehaves: an error status is a failure
 * (its status kept) in the records, the counters, the summary and the CSV; a silent server
 * fails the request after ResponseTimeout, exactly (issue 15, defects 2 and 10).
 */
#include "../scenario-fixture.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

using namespace ns3;
using namespace ns3::test;

namespace
{
class ClientFailure : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }
};

/// A server on port 80 that accepts connections and reads requests, and never answers.
struct SilentServer
{
    Ptr<Socket> listener;           //!< listening socket
    std::vector<Ptr<Socket>> conns; //!< accepted sockets
    uint64_t received{0};           //!< request bytes read

    uint32_t answers{0}; //!< requests to answer before falling silent

    explicit SilentServer(Ptr<Node> node, uint32_t answerFirst = 0)
        : answers(answerFirst)
    {
        listener = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
        listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
        listener->Listen();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&SilentServer::Accept, this));
    }

    void Accept(Ptr<Socket> s, const Address&)
    {
        conns.push_back(s);
        s->SetRecvCallback(MakeCallback(&SilentServer::Read, this));
    }

    void Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            received += p->GetSize();
            if (answers > 0)
            {
                // Each request of the test fits in one segment: answer it, keep the
                // connection open.
                --answers;
                const std::string r = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
                s->Send(reinterpret_cast<const uint8_t*>(r.data()), r.size(), 0);
            }
        }
    }
};
} // namespace

// Defect 2: a 404 was counted as a completed request.
TEST_F(ClientFailure, ErrorStatusIsAFailureInRecordCountersSummaryAndCsv)
{
    LinkScenario s("10Mbps", MilliSeconds(5));
    s.AddObject("/a", 2000);
    s.InstallServer();
    Ptr<WebClient> c = s.InstallClient({s.Get("/a"), s.Get("/missing"), s.Get("/a")});
    const std::string csv = std::string(WEB_PROXY_TEST_OUTPUT_DIR) + "/client-failure.csv";
    Ptr<RequestRecordWriter> writer = Create<RequestRecordWriter>(csv);
    writer->Attach(ApplicationContainer(c));
    uint32_t failedTraces = 0;
    c->TraceConnectWithoutContext("RequestComplete",
                                  MakeCallback(+[](uint32_t* n, const RequestRecord& r) {
                                      *n += r.failed;
                                  }).Bind(&failedTraces));
    s.Run();
    writer->Close();
    ASSERT_EQ(s.records.size(), 3u);
    const RequestRecord& missing = s.records[1];
    EXPECT_EQ(missing.status, 404u) << "the status is kept";
    EXPECT_TRUE(missing.failed);
    EXPECT_EQ(missing.error, "HTTP 404");
    EXPECT_FALSE(s.records[0].failed);
    EXPECT_FALSE(s.records[2].failed);
    EXPECT_EQ(failedTraces, 1u);
    EXPECT_EQ(c->GetCompletedCount(), 2u);
    EXPECT_EQ(c->GetCounters().failed, 1u);
    EXPECT_EQ(c->GetCounters().aborted, 0u);
    const LatencySummary& sum = writer->GetSummary();
    EXPECT_EQ(sum.GetRequests(), 3u);
    EXPECT_EQ(sum.GetCompleted(), 2u);
    EXPECT_EQ(sum.GetFailed(), 1u);
    EXPECT_EQ(sum.Get(LatencySummary::TOTAL).count, 2u);
    // The CSV line of the 404: status 404, aborted 0, failed 1, error "HTTP 404".
    std::ifstream in(csv);
    std::string header;
    std::string line;
    std::getline(in, header);
    std::vector<std::string> lines;
    while (std::getline(in, line))
    {
        lines.push_back(line);
    }
    ASSERT_EQ(lines.size(), 3u);
    // status, aborted, failed, error, then the X-Cache value (none: no proxy).
    const std::string tail = ",404,0,1,HTTP 404,";
    EXPECT_EQ(lines[1].substr(lines[1].size() - tail.size()), tail) << lines[1];
    EXPECT_EQ(lines[0].substr(lines[0].size() - 10), ",200,0,0,,") << lines[0];
}

// Defect 10: a server that accepts and never answers kept the request pending for ever.
// The request fails ResponseTimeout after it was handed to TCP, to the nanosecond.
TEST_F(ClientFailure, SilentServerFailsTheRequestAtTheResponseTimeout)
{
    LinkScenario s("10Mbps", MilliSeconds(10));
    SilentServer server(s.nodes.Get(1));
    WebClientHelper h;
    h.SetAttribute("ResponseTimeout", TimeValue(Seconds(30)));
    std::vector<Address> timeouts;
    Ptr<WebClient> c = s.InstallClient({s.Get("/a"), s.Get("/b")}, h);
    c->TraceConnectWithoutContext("ResponseTimeout",
                                  MakeCallback(+[](std::vector<Address>* v, const Address& a) {
                                      v->push_back(a);
                                  }).Bind(&timeouts));
    s.Run(Seconds(1000));
    ASSERT_EQ(s.records.size(), 2u);
    for (const RequestRecord& r : s.records)
    {
        EXPECT_TRUE(r.failed);
        EXPECT_EQ(r.error, "response timeout");
        EXPECT_EQ(r.status, 0u);
        EXPECT_EQ(r.reqRep, Seconds(30)) << "exactly the timeout after the request was sent";
    }
    // The second request is issued when the first ends and opens a new connection (the
    // first was reset, so that a late answer cannot be taken for the second's).
    EXPECT_EQ(s.records[1].issued, s.records[0].issued + s.records[0].total);
    EXPECT_TRUE(s.records[1].newConnection);
    EXPECT_EQ(c->GetCounters().responseTimeouts, 2u);
    EXPECT_EQ(c->GetCounters().failed, 2u);
    EXPECT_EQ(c->GetCompletedCount(), 0u);
    EXPECT_EQ(timeouts.size(), 2u);
    EXPECT_EQ(server.conns.size(), 2u);
}

// The response timer belongs to the connection and is re-armed for the next request on it
// without a new event: a request sent on a kept-alive connection after an answered one still
// fails exactly ResponseTimeout after it was sent.
TEST_F(ClientFailure, SecondRequestOnAKeptConnectionTimesOutExactly)
{
    LinkScenario s("10Mbps", MilliSeconds(10));
    SilentServer server(s.nodes.Get(1), 1);
    WebClientHelper h;
    h.SetAttribute("ResponseTimeout", TimeValue(Seconds(30)));
    h.SetAttribute("PersistentConnections", BooleanValue(true));
    Ptr<WebClient> c = s.InstallClient({s.Get("/a"), s.Get("/b")}, h);
    s.Run(Seconds(1000));
    ASSERT_EQ(s.records.size(), 2u);
    EXPECT_FALSE(s.records[0].failed) << s.records[0].error;
    EXPECT_EQ(s.records[0].bodyBytes, 5u);
    const RequestRecord& second = s.records[1];
    EXPECT_FALSE(second.newConnection) << "sent on the first request's connection";
    EXPECT_TRUE(second.failed);
    EXPECT_EQ(second.error, "response timeout");
    EXPECT_EQ(second.reqRep, Seconds(30)) << "exactly the timeout after the request was sent";
    EXPECT_EQ(c->GetCounters().responseTimeouts, 1u);
    EXPECT_EQ(server.conns.size(), 1u);
}

// The timeout measures silence, not the length of the response: a 60 s download over a
// slow link completes with a 2 s ResponseTimeout because bytes keep arriving.
TEST_F(ClientFailure, ResponseTimeoutRestartsWithEveryByte)
{
    LinkScenario s("64kbps", MilliSeconds(10));
    s.AddObject("/big", 480000); // 60 s of payload at 64 kbit/s
    s.InstallServer();
    WebClientHelper h;
    h.SetAttribute("ResponseTimeout", TimeValue(Seconds(2)));
    Ptr<WebClient> c = s.InstallClient({s.Get("/big")}, h);
    s.Run(Seconds(200));
    ASSERT_EQ(s.records.size(), 1u);
    EXPECT_FALSE(s.records[0].failed) << s.records[0].error;
    EXPECT_EQ(s.records[0].bodyBytes, 480000u);
    EXPECT_GT(s.records[0].total, Seconds(60));
    EXPECT_EQ(c->GetCounters().responseTimeouts, 0u);
}

// The default is documented as 300 s (Firefox's network.http.response.timeout).
TEST_F(ClientFailure, ResponseTimeoutDefaultsTo300Seconds)
{
    Ptr<WebClient> c = CreateObject<WebClient>();
    TimeValue v;
    c->GetAttribute("ResponseTimeout", v);
    EXPECT_EQ(v.Get(), Seconds(300));
    Ptr<ConnectionCache> p = CreateObject<ConnectionCache>();
    p->GetAttribute("UpstreamTimeout", v);
    EXPECT_EQ(v.Get(), Minutes(15));
}
