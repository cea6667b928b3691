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
