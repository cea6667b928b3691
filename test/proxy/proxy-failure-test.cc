/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * How requests through a proxy end when the origin misbehaves: a retry on a connection the
 * origin closed, error answers, a silent origin. Each ends completed or failed, never in
 * between, and an error is never a success (issue 15, defects 1, 2 and 10).
 */
#include "../proxy-fixture.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{
class ProxyFailure : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }
};

/**
 * An origin whose every move the test scripts: per connection and per request on it, answer
 * (200 with a small body, keep-alive), close the connection without answering, or say
 * nothing at all. It records each request line and Host field as it arrived.
 */
class ScriptedOrigin
{
  public:
    enum Action
    {
        ANSWER,
        CLOSE,
        SILENT
    };
    /// What to do with request `index` (from 0) on connection `conn` (from 0).
    using Script = std::function<Action(uint32_t conn, uint32_t index)>;

    ScriptedOrigin(Ptr<Node> node, Script script)
        : m_script(std::move(script))
    {
        m_listener = HttpConnection::Listen(node,
                                            80,
                                            MakeCallback(&ScriptedOrigin::AcceptRequest, this),
                                            MakeCallback(&ScriptedOrigin::Accept, this));
    }

    std::vector<std::string> requests; //!< "METHOD target Host" per request received
    uint32_t malformed{0};             //!< requests the parser rejected

  private:
    bool AcceptRequest(Ptr<Socket>, const Address&)
    {
        return true;
    }

    void Accept(Ptr<Socket> socket, const Address&)
    {
        const uint32_t conn = m_conns.size();
        Ptr<HttpConnection> http = CreateObject<HttpConnection>();
        m_conns.push_back(http);
        m_counts.push_back(0);
        http->Attach(socket, HttpParser::Kind::REQUEST, 16384);
        HttpConnection* h = PeekPointer(http);
        http->GetParser().SetRequestCallback(
            [this, conn, h](const HttpRequestHeader& r, uint64_t, uint64_t)
            {
                requests.push_back(std::string(r.method_string()) + " " + std::string(r.target())
                                   + " " + std::string(r[boost::beast::http::field::host]));
                const Action a = m_script(conn, m_counts[conn]++);
                if (a == ANSWER)
                {
                    HttpResponseHeader ok;
                    ok.result(boost::beast::http::status::ok);
                    ok.version(11);
                    ok.set(boost::beast::http::field::content_length, "1000");
                    h->Send(SerializeHttpHeader(ok), 1000);
                }
                else if (a == CLOSE)
                {
                    h->Close();
                }
            });
        http->GetParser().SetErrorCallback(
            [this, h](HttpParser::Error, const std::string&)
            {
                ++malformed;
                h->Close();
            });
        http->SetClosedCallback([h](bool) { h->Close(); });
    }

    Script m_script;
    Ptr<Socket> m_listener;
    std::vector<Ptr<HttpConnection>> m_conns;
    std::vector<uint32_t> m_counts;
};

/// Install a proxy of this type on the scenario's proxy node, resolving www.example.com.
void
InstallProxy(ProxyScenario& s, ProxyCacheHelper ph)
{
    const Ipv4Address origin = s.serverIp;
    ph.SetResolver(
        [origin](const std::string& host) -> Address
        { return host == "www.example.com" ? Address(InetSocketAddress(origin, 80)) : Address(); });
    s.proxy = DynamicCast<ConnectionCache>(ph.Install(s.proxyNode).Get(0));
}
} // namespace

// Defect 1: the retry after the origin closed a reused connection sent "GET  HTTP/1.1", no
// target and no Host (the header was assigned to itself).
TEST_F(ProxyFailure, RetryOnAClosedServerConnectionResendsTheWholeRequest)
{
    ProxyScenario s(1, "10Mbps", MilliSeconds(1), "10Mbps", MilliSeconds(5));
    // Connection 0 answers its first request and closes on the second, as an origin does
    // whose keep-alive timer fired just as the proxy reused the connection.
    ScriptedOrigin origin(s.serverNode,
                          [](uint32_t conn, uint32_t index) {
                              return conn == 0 && index == 1 ? ScriptedOrigin::CLOSE
                                                             : ScriptedOrigin::ANSWER;
                          });
    InstallProxy(s, ProxyCacheHelper(3128, "ns3::ConnectionCache"));
    s.InstallClient(0, {ProxyScenario::Get("/a"), ProxyScenario::Get("/b", Seconds(1))});
    s.Run(Seconds(60));
    EXPECT_EQ(origin.requests,
              (std::vector<std::string>{
                  "GET /a www.example.com", "GET /b www.example.com", "GET /b www.example.com"}));
    EXPECT_EQ(origin.malformed, 0u);
    ASSERT_EQ(s.records.size(), 2u);
    EXPECT_EQ(s.records[1].status, 200u);
    EXPECT_FALSE(s.records[1].failed) << s.records[1].error;
    EXPECT_EQ(s.records[1].bodyBytes, 1000u);
    EXPECT_EQ(s.proxy->GetServerCounters().opened, 2u);
    EXPECT_EQ(s.proxy->GetCounters().errors, 0u);
}

// Defect 2: a 404 of the origin and the proxy's own 502 are failures, their status kept.
TEST_F(ProxyFailure, ErrorAnswersAreFailedRequests)
{
    ProxyScenario s(1, "10Mbps", MilliSeconds(1), "10Mbps", MilliSeconds(5));
    s.AddObject("/a", 3000);
    s.Install();
    WebRequest unknownHost = ProxyScenario::Get("/a", Seconds(1));
    unknownHost.host = "www.nowhere.example";
    Ptr<WebClient> c = s.InstallClient(
        0, {ProxyScenario::Get("/a"), ProxyScenario::Get("/missing", Seconds(1)), unknownHost});
    s.Run(Seconds(60));
    ASSERT_EQ(s.records.size(), 3u);
    EXPECT_FALSE(s.records[0].failed);
    EXPECT_EQ(s.records[1].status, 404u);
    EXPECT_TRUE(s.records[1].failed);
    EXPECT_EQ(s.records[1].error, "HTTP 404");
    EXPECT_EQ(s.records[2].status, 502u);
    EXPECT_TRUE(s.records[2].failed);
    EXPECT_EQ(s.records[2].error, "HTTP 502");
    EXPECT_EQ(c->GetCompletedCount(), 1u);
    EXPECT_EQ(c->GetCounters().failed, 2u);
    EXPECT_EQ(c->GetCounters().GetEnded(), 3u);
    LatencySummary sum;
    for (const auto& r : s.records)
    {
        sum.Add(r);
    }
    EXPECT_EQ(sum.GetFailed(), 2u);
    EXPECT_EQ(sum.GetCompleted(), 1u);
    EXPECT_EQ(sum.Get(LatencySummary::TOTAL).count, 1u) << "failures stay out of the latencies";
}

// CacheResult reports every answer, misses included (it used to report hits only).
TEST_F(ProxyFailure, CacheResultReportsMissesAndHits)
{
    ProxyScenario s(1, "10Mbps", MilliSeconds(1), "10Mbps", MilliSeconds(5));
    s.AddObject("/a", 3000);
    s.AddObject("/cgi-bin/b", 500);
    s.Install();
    std::vector<std::string> results;
    s.proxy->TraceConnectWithoutContext("CacheResult",
                                        MakeCallback(+[](std::vector<std::string>* out,
                                                         const std::string& url,
                                                         const std::string& result,
                                                         uint64_t bytes) {
                                            out->push_back(result + " " + url + " "
                                                           + std::to_string(bytes));
                                        }).Bind(&results));
    s.InstallClient(0,
                    {ProxyScenario::Get("/a"),
                     ProxyScenario::Get("/a", Seconds(1)),
                     ProxyScenario::Get("/cgi-bin/b", Seconds(1))});
    s.Run(Seconds(60));
    EXPECT_EQ(results,
              (std::vector<std::string>{"MISS http://www.example.com/a 3000",
                                        "HIT http://www.example.com/a 3000",
                                        "MISS http://www.example.com/cgi-bin/b 500"}));
}

// Defect 10, proxy side: an origin that accepts and never answers. The proxy gives up after
// UpstreamTimeout, to the nanosecond, and answers 504; the client's request fails.
TEST_F(ProxyFailure, SilentOriginTimesOutAtTheProxy)
{
    ProxyScenario s(1, "10Mbps", MilliSeconds(1), "10Mbps", MilliSeconds(5));
    ScriptedOrigin origin(s.serverNode, [](uint32_t, uint32_t) { return ScriptedOrigin::SILENT; });
    ProxyCacheHelper ph(3128, "ns3::ConnectionCache");
    ph.SetAttribute("UpstreamTimeout", TimeValue(Seconds(7)));
    InstallProxy(s, ph);
    std::vector<Time> forwarded;
    std::vector<Time> timedOut;
    s.proxy->TraceConnectWithoutContext(
        "Forward",
        MakeCallback(+[](std::vector<Time>* v, const HttpRequestHeader&, const Address&) {
            v->push_back(Simulator::Now());
        }).Bind(&forwarded));
    s.proxy->TraceConnectWithoutContext("UpstreamTimeout",
                                        MakeCallback(+[](std::vector<Time>* v, const std::string&) {
                                            v->push_back(Simulator::Now());
                                        }).Bind(&timedOut));
    s.InstallClient(0, {ProxyScenario::Get("/a")});
    s.Run(Seconds(100));
    ASSERT_EQ(forwarded.size(), 1u) << "a silent server is not retried";
    ASSERT_EQ(timedOut.size(), 1u);
    EXPECT_EQ(timedOut[0] - forwarded[0], Seconds(7));
    ASSERT_EQ(s.records.size(), 1u);
    EXPECT_EQ(s.records[0].status, 504u);
    EXPECT_TRUE(s.records[0].failed);
    EXPECT_EQ(s.proxy->GetCounters().upstreamTimeouts, 1u);
}

// A proxy that stops closes the connections of the requests it holds, wherever they are:
// forwarded to a silent origin, waiting for a server connection (MaxServerConnections), or
// queued for processing. Each client's request fails when the FIN arrives, not at its own
// ResponseTimeout (300 s) nor at the proxy's UpstreamTimeout (60 s).
TEST_F(ProxyFailure, AStoppedProxyEndsTheRequestsItHolds)
{
    ProxyScenario s(3, "10Mbps", MilliSeconds(1), "10Mbps", MilliSeconds(5));
    ScriptedOrigin origin(s.serverNode, [](uint32_t, uint32_t) { return ScriptedOrigin::SILENT; });
    ProxyCacheHelper ph(3128, "ns3::ConnectionCache");
    ph.SetAttribute("UpstreamTimeout", TimeValue(Seconds(60)));
    ph.SetAttribute("MissProcessingTime", TimeValue(MilliSeconds(500)));
    ph.SetAttribute("MaxServerConnections", UintegerValue(1));
    InstallProxy(s, ph);
    const Time stop = MilliSeconds(1200);
    s.proxy->SetStopTime(stop);
    for (uint32_t i = 0; i < 3; ++i)
    {
        s.InstallClient(i, {ProxyScenario::Get("/a" + std::to_string(i))});
    }
    s.Run(Seconds(100));
    // The requests arrive within a few ms; one worker takes 0.5 s each: at the stop the first
    // waits for the origin, the second for the only server connection, the third is in
    // processing.
    EXPECT_EQ(origin.requests.size(), 1u);
    ASSERT_EQ(s.records.size(), 3u);
    for (const RequestRecord& r : s.records)
    {
        EXPECT_TRUE(r.failed);
        EXPECT_EQ(r.error, "connection closed before the response ended");
        const Time end = r.issued + r.total;
        EXPECT_GT(end, stop);
        EXPECT_LT(end, stop + MilliSeconds(10)) << "one link delay after the stop";
    }
}
