/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * SyntheticWorkload pages: embedded objects follow their base on its server, at its time, in
 * the shares the attributes give; each object keeps its share of the requests; without Pages
 * the request sequence is the one of before pages existed.
 */
#include "ns3/core-module.h"
#include "ns3/csv-trace-writer.h"
#include "ns3/synthetic-workload.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <sstream>

using namespace ns3;

namespace
{

Ptr<SyntheticWorkload>
MakePages(const std::string& preset, uint64_t requests, double otherServer)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Ptr<SyntheticWorkload> w = SyntheticWorkload::CreatePreset(preset);
    w->SetAttribute("Requests", UintegerValue(requests));
    // floor(U[1,7)) is 1..6 objects per page, each with probability 1/6: mean 3.5.
    w->SetAttribute("ObjectsPerPage", StringValue("ns3::UniformRandomVariable[Min=1|Max=7]"));
    w->SetAttribute("EmbeddedOtherServerProbability", DoubleValue(otherServer));
    w->AssignStreams(5);
    return w;
}

} // namespace

TEST(PageStructure, PagesOffGivesTheRequestSequenceOfBeforePages)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Ptr<SyntheticWorkload> w = SyntheticWorkload::CreatePreset("modem");
    w->SetAttribute("Requests", UintegerValue(20000));
    w->SetAttribute("Pages", BooleanValue(false));
    w->AssignStreams(0);
    std::ostringstream os;
    {
        CsvTraceWriter writer(os);
        TraceRecord r;
        while (w->Next(r))
        {
            EXPECT_FALSE(r.embedded);
            writer.Write(r);
        }
        writer.Close();
    }
    // FNV-1a of the data lines that the code before pages wrote for the same trace
    // (workload-stats --preset=modem --requests=20000 --seed=1 --run=1 --write=... at e73e660).
    uint64_t h = 0xcbf29ce484222325ULL;
    std::istringstream is(os.str());
    std::string line;
    uint64_t lines = 0;
    while (std::getline(is, line))
    {
        if (line.rfind("time,", 0) == 0 || line.rfind('#', 0) == 0)
        {
            continue;
        }
        ++lines;
        line += '\n';
        for (unsigned char c : line)
        {
            h = (h ^ c) * 0x100000001b3ULL;
        }
    }
    EXPECT_EQ(lines, 20000u);
    EXPECT_EQ(h, 0xed39d98d7daed55fULL);
}

TEST(PageStructure, EmbeddedObjectsComeAtTheirBaseTimeOncePerPage)
{
    const uint64_t n = 200000;
    Ptr<SyntheticWorkload> w = MakePages("research", n, 0.0);
    std::map<uint32_t, TraceRecord> base;               // per client: its last base
    std::map<uint32_t, std::set<uint64_t>> pageObjects; // per client: its page's objects
    uint64_t embedded = 0;
    uint64_t sameServer = 0;
    TraceRecord r;
    while (w->Next(r))
    {
        const uint64_t object = w->GetLastObject();
        if (!r.embedded)
        {
            base[r.client] = r;
            pageObjects[r.client] = {object};
            continue;
        }
        ++embedded;
        auto it = base.find(r.client);
        ASSERT_NE(it, base.end()) << "an embedded object before any base of its client";
        EXPECT_EQ(r.time, it->second.time);
        EXPECT_TRUE(pageObjects[r.client].insert(object).second) << "object twice in a page";
        sameServer += r.server == it->second.server;
    }
    // Renewal-reward: a page of N objects has N-1 embedded ones, E[N] = 3.5, so the share is
    // 1 - 1/3.5; the ratio over ~57,000 pages has a standard deviation of about
    // sqrt(Var N / pages) / E[N] = sqrt(2.92 / 57000) / 3.5 = 0.002: 5 of them.
    EXPECT_NEAR(double(embedded) / n, 1 - 1 / 3.5, 0.01);
    // With no other-server draws, an embedded object is on another server only once its
    // base's server has none left for the page; some are on the base's server.
    EXPECT_GT(sameServer, 0u);
}

TEST(PageStructure, OtherServerShareIsAtLeastTheAttribute)
{
    const uint64_t n = 200000;
    const double p = 0.2;
    Ptr<SyntheticWorkload> w = MakePages("research", n, p);
    std::map<uint32_t, std::string> base;
    std::map<std::string, uint64_t> baseServers;
    uint64_t embedded = 0;
    uint64_t other = 0;
    uint64_t bases = 0;
    TraceRecord r;
    while (w->Next(r))
    {
        if (!r.embedded)
        {
            base[r.client] = r.server;
            ++baseServers[r.server];
            ++bases;
            continue;
        }
        ++embedded;
        other += r.server != base[r.client];
    }
    // An other-server draw lands on the base's server S with S's popularity P(S), so such
    // draws leave it with probability 1 - sum_S P(S)^2 >= 1 - max P(S), estimated by the
    // busiest base server's share; same-server draws leave it only when S runs out of objects
    // for the page, which adds to the share.
    uint64_t busiest = 0;
    for (const auto& [s, c] : baseServers)
    {
        busiest = std::max(busiest, c);
    }
    const double m = double(busiest) / bases;
    const double share = double(other) / embedded;
    EXPECT_GE(share, p * (1 - m) - 4 * std::sqrt(p * (1 - p) / embedded));
    EXPECT_LT(share, 1.0);
}

namespace
{

/**
 * Share of a short modem trace's embedded objects that are on their base's server, with no
 * other-server draws (so that only a site too small for the page sends them elsewhere).
 * \param servers the Servers attribute (0: from ObjectsPerServer)
 * \param[out] count the servers the workload drew
 * \return the share
 */
double
SameSiteShare(uint32_t servers, uint32_t& count)
{
    Ptr<SyntheticWorkload> w = MakePages("modem", 2000, 0.0);
    w->SetAttribute("Servers", UintegerValue(servers));
    count = w->GetServerCount();
    std::map<uint32_t, std::string> base;
    uint64_t embedded = 0;
    uint64_t same = 0;
    TraceRecord r;
    while (w->Next(r))
    {
        if (!r.embedded)
        {
            base[r.client] = r.server;
            continue;
        }
        ++embedded;
        same += r.server == base[r.client];
    }
    return embedded ? double(same) / double(embedded) : 0;
}

} // namespace

TEST(PageStructure, AShortTraceKeepsItsSitesWhenServersFollowTheUniverse)
{
    // 2,000 requests: a universe of ceil(0.46 x 2000) = 920 objects.
    uint32_t count = 0;
    const double scaled = SameSiteShare(0, count);
    // ceil(920 / 49.3) = 19 servers, 48 objects each on average.
    EXPECT_EQ(count, 19u);
    // A page has at most 6 objects; only a site of fewer than 6 objects (the tail of the
    // servers' Zipf sizes, which hold few of the requests) can run out.
    EXPECT_GT(scaled, 0.9);

    // The same universe over the full trace's 100,000 servers: nearly every server holds one
    // object or none, so an embedded object is almost never on its base's server.
    const double spread = SameSiteShare(100000, count);
    EXPECT_EQ(count, 100000u);
    EXPECT_LT(spread, 0.2);
}

namespace
{

/**
 * Share of the research preset's page bases that are on the server of the same client's
 * base before, in sessions of exactly 5 pages 10 s apart.
 * \param p SameSitePageProbability
 * \return the share
 */
double
SameSiteBaseShare(double p)
{
    Ptr<SyntheticWorkload> w = MakePages("research", 100000, 0.2);
    w->SetAttribute("PagesPerSession", StringValue("ns3::ConstantRandomVariable[Constant=5]"));
    // Short gaps: every client's trace spans many sessions, so that its first base (not
    // counted) is a session's first no more often than the others.
    w->SetAttribute("SessionGap", StringValue("ns3::ConstantRandomVariable[Constant=10]"));
    w->SetAttribute("SameSitePageProbability", DoubleValue(p));
    std::map<uint32_t, std::string> last;
    uint64_t bases = 0;
    uint64_t same = 0;
    TraceRecord r;
    while (w->Next(r))
    {
        if (r.embedded)
        {
            continue;
        }
        auto it = last.find(r.client);
        if (it != last.end())
        {
            ++bases;
            same += it->second == r.server;
        }
        last[r.client] = r.server;
    }
    return double(same) / double(bases);
}

} // namespace

TEST(PageStructure, SameSitePagesFollowTheLinkProbability)
{
    // Without links, a base is on the server before only by chance (c0). With probability p,
    // the 4 pages after the first of each 5-page session link within the site; the others
    // (the session's first, and the pages that did not link) land there by chance.
    const double c0 = SameSiteBaseShare(0);
    EXPECT_LT(c0, 0.2);
    for (double p : {0.5, 1.0})
    {
        const double linked = 0.8 * p;
        // About 28,000 bases with a base before: a standard error under 0.003.
        EXPECT_NEAR(SameSiteBaseShare(p), linked + (1 - linked) * c0, 0.02) << p;
    }
}
