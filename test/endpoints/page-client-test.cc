/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * WebClient as a browser of pages: embedded requests wait for their base's response, end at
 * once when the base failed, and MaxConnections bounds the connections open at once.
 */
#include "../scenario-fixture.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace ns3;
using namespace ns3::test;

namespace
{
class PageClient : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }
};

/// Connections the client has open: SYNs it sent less FINs it sent, and the most at once.
struct OpenConnections
{
    int open = 0; //!< now
    int most = 0; //!< the most so far

    /// Trace sink for the client device's MacTx.
    void MacTx(Ptr<const Packet> p)
    {
        TcpFlagCounter f;
        f.MacTx(p);
        open += int(f.syns) - int(f.fins);
        most = std::max(most, open);
    }
};

/// A page: base /base (30 kB) and five embedded objects, all on one server.
std::vector<WebRequest>
Page(const LinkScenario& s, bool embedded, const std::string& basePath = "/base")
{
    std::vector<WebRequest> reqs{s.Get(basePath)};
    for (int i = 0; i < 5; ++i)
    {
        reqs.push_back(s.Get("/e" + std::to_string(i)));
        reqs.back().embedded = embedded;
    }
    return reqs;
}

void
AddPageObjects(LinkScenario& s)
{
    s.AddObject("/base", 30000);
    for (int i = 0; i < 5; ++i)
    {
        s.AddObject("/e" + std::to_string(i), 4000);
    }
}
} // namespace

TEST_F(PageClient, EmbeddedRequestsAreIssuedOnlyAfterTheBaseResponse)
{
    for (bool embedded : {true, false})
    {
        LinkScenario s("1Mbps", MilliSeconds(20));
        AddPageObjects(s);
        s.InstallServer();
        WebClientHelper h;
        h.SetAttribute("MaxOutstanding", UintegerValue(4));
        s.InstallClient(Page(s, embedded), h);
        s.Run();
        ASSERT_EQ(s.records.size(), 6u);
        const RequestRecord& base = s.records[0].id == 0 ? s.records[0]
                                                         : *std::find_if(s.records.begin(),
                                                                         s.records.end(),
                                                                         [](const RequestRecord& r)
                                                                         { return r.id == 0; });
        EXPECT_FALSE(base.failed) << base.error;
        const Time baseEnd = base.issued + base.total;
        // 30 kB at 1 Mbit/s take more than 0.24 s: without the gate the other three slots
        // start at once.
        uint32_t before = 0;
        for (const RequestRecord& r : s.records)
        {
            EXPECT_FALSE(r.failed) << r.error;
            if (r.id != 0 && r.issued < baseEnd)
            {
                ++before;
            }
        }
        if (embedded)
        {
            EXPECT_EQ(before, 0u);
        }
        else
        {
            EXPECT_GE(before, 3u) << "the three other slots start at once";
        }
    }
}

TEST_F(PageClient, EmbeddedRequestsOfAFailedBaseFailWithoutBeingSent)
{
    LinkScenario s("1Mbps", MilliSeconds(20));
    AddPageObjects(s);
    s.InstallServer();
    WebClientHelper h;
    h.SetAttribute("MaxOutstanding", UintegerValue(4));
    s.InstallClient(Page(s, true, "/missing"), h);
    s.Run();
    ASSERT_EQ(s.records.size(), 6u);
    for (const RequestRecord& r : s.records)
    {
        EXPECT_TRUE(r.failed);
        if (r.id != 0)
        {
            EXPECT_EQ(r.error, "page base failed");
        }
    }
    EXPECT_EQ(s.server->GetRequestCount(), 1u) << "only the base reached the server";
}

TEST_F(PageClient, MaxConnectionsBoundsTheConnectionsOpenAtOnce)
{
    for (uint32_t limit : {2u, 0u})
    {
        LinkScenario s("1Mbps", MilliSeconds(20));
        s.AddObject("/x", 20000);
        s.InstallServer();
        // Six servers: five more OriginServers on other ports of the server node.
        for (uint16_t port = 81; port < 86; ++port)
        {
            OriginServerHelper oh(port);
            oh.SetCatalog(s.catalog);
            oh.Install(s.nodes.Get(1));
        }
        std::vector<WebRequest> reqs;
        for (int i = 0; i < 12; ++i)
        {
            reqs.push_back(s.Get("/x"));
            reqs.back().server = InetSocketAddress(s.serverIp, 80 + i % 6);
        }
        WebClientHelper h;
        h.SetAttribute("MaxOutstanding", UintegerValue(6));
        h.SetAttribute("MaxConnections", UintegerValue(limit));
        Ptr<WebClient> c = s.InstallClient(reqs, h);
        OpenConnections open;
        s.devices.Get(0)->TraceConnectWithoutContext("MacTx",
                                                     MakeCallback(&OpenConnections::MacTx, &open));
        s.Run();
        ASSERT_EQ(s.records.size(), 12u);
        for (const RequestRecord& r : s.records)
        {
            EXPECT_FALSE(r.failed) << r.error;
        }
        if (limit)
        {
            EXPECT_EQ(open.most, int(limit)) << "never more than MaxConnections, and reached";
        }
        else
        {
            EXPECT_EQ(open.most, 6) << "without the limit, one per server";
        }
    }
}

// ClientPageGate::Parsed: the k-th of n embedded requests goes out once k/(n+1) of the base's
// body has arrived; another base's requests and an unknown length wait for the base's end.
TEST(ClientPageGateParsed, ReleasesEachRequestWhenItsPlaceInTheBodyHasArrived)
{
    ClientPageGate gate;
    ClientPageGate::Base state;
    WebRequest base;
    ASSERT_TRUE(gate.Admit(base, 7, state)); // base id 7
    for (int i = 0; i < 3; ++i)
    {
        WebRequest e;
        e.path = "/e" + std::to_string(i);
        e.embedded = true;
        ASSERT_FALSE(gate.Admit(e, 8 + i, state));
    }
    // n = 3: at 250, 500 and 750 of 1,000 bytes.
    EXPECT_TRUE(gate.Parsed(7, 1000, 0).empty()) << "length unknown";
    EXPECT_TRUE(gate.Parsed(6, 1000, 1000).empty()) << "not this page's base";
    EXPECT_TRUE(gate.Parsed(7, 249, 1000).empty());
    std::vector<WebRequest> r = gate.Parsed(7, 250, 1000);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].path, "/e0");
    r = gate.Parsed(7, 999, 1000);
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0].path, "/e1");
    EXPECT_EQ(r[1].path, "/e2");
    EXPECT_TRUE(gate.Ended(7, ClientPageGate::Base::COMPLETED).empty()) << "none left";

    // A request admitted after some went out counts in n: the next base, 2 requests, the
    // first out at 1/3; a third arrives, so the second waits for 2/4 of the body.
    WebRequest next;
    ASSERT_TRUE(gate.Admit(next, 20, state));
    for (int i = 0; i < 2; ++i)
    {
        WebRequest e;
        e.embedded = true;
        ASSERT_FALSE(gate.Admit(e, 21 + i, state));
    }
    EXPECT_EQ(gate.Parsed(20, 334, 1000).size(), 1u);
    WebRequest late;
    late.embedded = true;
    ASSERT_FALSE(gate.Admit(late, 23, state));
    EXPECT_TRUE(gate.Parsed(20, 499, 1000).empty());
    EXPECT_EQ(gate.Parsed(20, 500, 1000).size(), 1u);
    EXPECT_EQ(gate.Ended(20, ClientPageGate::Base::COMPLETED).size(), 1u);
}

// A whole page over a 1 Mbit/s link: with EmbeddedAsParsed the five embedded requests of a
// 30 kB base go out before the base ends, in order, each no earlier than its sixth of the
// body could have crossed the link.
TEST_F(PageClient, EmbeddedAsParsedIssuesEachRequestAsItsPartOfTheBaseArrives)
{
    LinkScenario s("1Mbps", MilliSeconds(20));
    AddPageObjects(s);
    s.InstallServer();
    WebClientHelper h;
    h.SetAttribute("MaxOutstanding", UintegerValue(8)); // the whole page admitted at once
    h.SetAttribute("MaxConnectionsPerServer", UintegerValue(8));
    h.SetAttribute("MaxConnections", UintegerValue(8));
    h.SetAttribute("EmbeddedAsParsed", BooleanValue(true));
    s.InstallClient(Page(s, true), h);
    s.Run();
    ASSERT_EQ(s.records.size(), 6u);
    std::vector<RequestRecord> byId = s.records;
    std::sort(byId.begin(),
              byId.end(),
              [](const RequestRecord& a, const RequestRecord& b) { return a.id < b.id; });
    const RequestRecord& base = byId[0];
    ASSERT_FALSE(base.failed) << base.error;
    const Time baseEnd = base.issued + base.total;
    for (uint32_t k = 1; k <= 5; ++k)
    {
        const RequestRecord& e = byId[k];
        EXPECT_FALSE(e.failed) << e.error;
        EXPECT_LT(e.issued, baseEnd) << k;
        // k/6 of 30,000 body bytes take at least 5,000 k x 8 / 10^6 s at 1 Mbit/s.
        EXPECT_GE(e.issued, base.issued + Seconds(5000.0 * k * 8 / 1e6)) << k;
        if (k > 1)
        {
            EXPECT_GE(e.issued, byId[k - 1].issued) << k;
        }
    }
}
