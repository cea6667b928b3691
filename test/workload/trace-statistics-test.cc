/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * TraceStatistics on a hand-made trace whose counts and hits are worked out by hand, its
 * table, and ZipfEstimator on exact and generated popularity counts.
 */
#include "ns3/core-module.h"
#include "ns3/synthetic-workload.h"
#include "ns3/trace-statistics.h"
#include "ns3/zipf-estimator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

using namespace ns3;

namespace
{

/// Flags of a hand-made record.
enum Flag : unsigned
{
    COOKIE = 1,
    SET_COOKIE = 2,
    NO_CACHE = 4,
    SERVER_NO_CACHE = 8,
    AUTH = 16,
    PERSISTENT = 32,
};

TraceRecord
Rec(double t,
    uint32_t client,
    const std::string& server,
    const std::string& path,
    uint64_t size,
    uint64_t received,
    unsigned flags = 0,
    uint32_t version = 0,
    const std::string& method = "GET",
    unsigned status = 200)
{
    TraceRecord r;
    r.time = Seconds(t);
    r.client = client;
    r.server = server;
    r.path = path;
    r.method = method;
    r.size = size;
    r.received = received;
    r.status = status;
    r.cookie = flags & COOKIE;
    r.setCookie = flags & SET_COOKIE;
    r.clientNoCache = flags & NO_CACHE;
    r.serverNoCache = flags & SERVER_NO_CACHE;
    r.authorization = flags & AUTH;
    r.persistent = flags & PERSISTENT;
    r.version = version;
    return r;
}

/**
 * 17 requests for 4 URLs. Comments: what an infinite cache does with cookies ignored /
 * honoured.
 */
std::vector<TraceRecord>
HandMadeTrace()
{
    return {
        Rec(1, 1, "a.com", "/x.gif", 1000, 1000),                    // miss, store v0 / same
        Rec(2, 2, "a.com", "/x.gif", 1000, 1000),                    // hit 1000 / hit 1000
        Rec(3, 1, "a.com", "/x.gif", 1000, 1000, COOKIE),            // hit 1000 / uncachable
        Rec(4, 3, "a.com", "/x.gif", 1000, 400, 0, 1),               // aborted, new version: miss,
                                                                     // store v1 / same
        Rec(5, 1, "a.com", "/x.gif", 1000, 1000, 0, 1),              // hit 1000 / hit 1000
        Rec(6, 2, "b.com", "/y.html", 2000, 2000, SET_COOKIE),       // miss, store / miss, no store
        Rec(7, 2, "b.com", "/y.html", 2000, 2000),                   // hit 2000 / miss, store
        Rec(8, 3, "b.com", "/y.html", 2000, 2000, NO_CACHE),         // uncachable / uncachable
        Rec(9, 3, "b.com", "/cgi-bin/q?x=1", 500, 500),              // uncachable ('?', cgi-bin)
        Rec(10, 1, "b.com", "/cgi-bin/q?x=1", 500, 500),             // uncachable
        Rec(11, 1, "b.com", "/y.html", 2000, 2000, 0, 0, "POST"),    // uncachable
        Rec(12, 2, "b.com", "/y.html", 0, 0, 0, 0, "HEAD"),          // hit 0 / hit 0
        Rec(13, 3, "a.com", "/z.jpg", 3000, 3000, AUTH),             // uncachable
        Rec(14, 3, "a.com", "/z.jpg", 3000, 3000, SERVER_NO_CACHE),  // uncachable
        Rec(15, 1, "a.com", "/z.jpg", 3000, 3000, 0, 0, "GET", 404), // miss, 404 not stored
        Rec(16, 1, "a.com", "/z.jpg", 3000, 3000, PERSISTENT),       // miss, store / same
        Rec(17, 2, "a.com", "/z.jpg", 3000, 3000, COOKIE | PERSISTENT), // hit 3000 / uncach.
    };
}

TraceStatistics
HandMadeStatistics()
{
    TraceStatistics s;
    for (const auto& r : HandMadeTrace())
    {
        s.Add(r);
    }
    return s;
}

} // namespace

TEST(TraceStatistics, HandMadeTraceCounts)
{
    const TraceStatistics s = HandMadeStatistics();
    EXPECT_EQ(s.GetRequests(), 17u);
    EXPECT_EQ(s.GetObjects(), 4u);
    EXPECT_EQ(s.GetClients(), 3u);
    EXPECT_EQ(s.GetServers(), 2u);
    EXPECT_EQ(s.GetBytes(), 29000u);
    EXPECT_EQ(s.GetReceivedBytes(), 28400u);
    EXPECT_EQ(s.GetDuration(), Seconds(16));

    using TS = TraceStatistics;
    EXPECT_EQ(s.GetCauseCount(TS::COOKIE), 2u);
    EXPECT_EQ(s.GetCauseCount(TS::QUERY), 2u);
    EXPECT_EQ(s.GetCauseCount(TS::CLIENT_NO_CACHE), 1u);
    EXPECT_EQ(s.GetCauseCount(TS::CGI), 2u);
    EXPECT_EQ(s.GetCauseCount(TS::OTHER_METHOD), 1u);
    EXPECT_EQ(s.GetCauseCount(TS::AUTHORIZATION), 1u);
    EXPECT_EQ(s.GetCauseCount(TS::SERVER_NO_CACHE), 1u);
    EXPECT_DOUBLE_EQ(s.GetCauseFraction(TS::COOKIE), 2.0 / 17);
    EXPECT_EQ(s.GetUncachableCount(true), 8u);
    EXPECT_EQ(s.GetUncachableCount(false), 6u);
    EXPECT_DOUBLE_EQ(s.GetUncachableFraction(true), 8.0 / 17);
    EXPECT_DOUBLE_EQ(s.GetPersistentFraction(), 2.0 / 17);
    EXPECT_EQ(s.GetAbortedCount(), 1u);
    EXPECT_DOUBLE_EQ(s.GetAbortedFraction(), 1.0 / 17);

    const TS::SizeSummary req = s.GetSizeSummary();
    EXPECT_EQ(req.count, 17u);
    EXPECT_DOUBLE_EQ(req.mean, 29000.0 / 17);
    EXPECT_EQ(req.median, 2000u);
    EXPECT_EQ(req.p90, 3000u);
    EXPECT_EQ(req.max, 3000u);
    const TS::SizeSummary obj = s.GetObjectSizeSummary();
    EXPECT_EQ(obj.count, 4u);
    EXPECT_DOUBLE_EQ(obj.mean, 1625);
    EXPECT_EQ(obj.median, 1000u);
    EXPECT_EQ(obj.p90, 2000u);
    EXPECT_EQ(obj.max, 3000u);

    std::vector<uint64_t> counts = s.GetObjectCounts();
    std::sort(counts.begin(), counts.end());
    EXPECT_EQ(counts, (std::vector<uint64_t>{2, 5, 5, 5}));

    // Request 15 answered 404, the 16 others 200.
    EXPECT_EQ(s.GetStatusCounts(), (std::map<unsigned, uint64_t>{{200, 16}, {404, 1}}));
}

TEST(TraceStatistics, HandMadeTraceHitRatios)
{
    const TraceStatistics s = HandMadeStatistics();
    // Cookies ignored: requests 2, 3, 5, 7, 12, 17 hit.
    EXPECT_EQ(s.GetHits(false), 6u);
    EXPECT_DOUBLE_EQ(s.GetHitRatio(false), 6.0 / 17);
    EXPECT_DOUBLE_EQ(s.GetByteHitRatio(false), 8000.0 / 28400);
    // Cookies honoured: requests 2, 5, 12 hit.
    EXPECT_EQ(s.GetHits(true), 3u);
    EXPECT_DOUBLE_EQ(s.GetHitRatio(true), 3.0 / 17);
    EXPECT_DOUBLE_EQ(s.GetByteHitRatio(true), 2000.0 / 28400);
}

TEST(TraceStatistics, ClearForgetsEverything)
{
    TraceStatistics s = HandMadeStatistics();
    s.Clear();
    EXPECT_EQ(s.GetRequests(), 0u);
    EXPECT_EQ(s.GetObjects(), 0u);
    EXPECT_EQ(s.GetHits(false), 0u);
    EXPECT_EQ(s.GetHitRatio(true), 0.0);
    // The same URL is a miss again after Clear.
    s.Add(Rec(1, 1, "a.com", "/x.gif", 1000, 1000));
    EXPECT_EQ(s.GetHits(false), 0u);
}

TEST(TraceStatistics, PaperFiguresAreProxims)
{
    const auto* m = TraceStatistics::GetPaperFigures("modem");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->causes, (std::array<double, 7>{30.20, 9.85, 7.47, 5.42, 2.02, 1.69, 1.65}));
    EXPECT_EQ(m->uncachable, 43.06);
    EXPECT_EQ(m->hitIgnoring, 54.5);
    EXPECT_EQ(m->hitHonouring, 35.2);
    EXPECT_EQ(m->byteHitIgnoring, 40.9);
    EXPECT_EQ(m->byteHitHonouring, 30.4);
    EXPECT_EQ(m->persistent, 18.0);
    EXPECT_EQ(m->aborted, 10.94);
    const auto* r = TraceStatistics::GetPaperFigures("research");
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->causes, (std::array<double, 7>{18.83, 7.46, 14.38, 4.68, 1.86, 1.10, 1.10}));
    EXPECT_EQ(r->uncachable, 37.55);
    EXPECT_EQ(r->hitIgnoring, 33.9);
    EXPECT_EQ(r->hitHonouring, 27.0);
    EXPECT_EQ(r->byteHitIgnoring, 28.1);
    EXPECT_EQ(r->byteHitHonouring, 23.3);
    EXPECT_EQ(r->persistent, 12.0);
    EXPECT_TRUE(std::isnan(r->aborted));
    EXPECT_EQ(TraceStatistics::GetPaperFigures("isdn"), nullptr);
}

TEST(TraceStatistics, PrintsTheTableBesideThePaper)
{
    const TraceStatistics s = HandMadeStatistics();
    std::ostringstream plain;
    s.Print(plain);
    EXPECT_NE(plain.str().find("Cookie present"), std::string::npos);
    EXPECT_NE(plain.str().find("11.76"), std::string::npos); // 2/17 cookies
    EXPECT_NE(plain.str().find("35.29"), std::string::npos); // hit ratio 6/17
    EXPECT_NE(plain.str().find("statuses, % of requests  200 94.12  404 5.88"), std::string::npos);
    EXPECT_EQ(plain.str().find("paper"), std::string::npos);

    std::ostringstream modem;
    s.Print(modem, "modem");
    EXPECT_NE(modem.str().find("30.20"), std::string::npos);
    EXPECT_NE(modem.str().find("43.06"), std::string::npos);
    EXPECT_NE(modem.str().find("54.50"), std::string::npos);

    TraceStatistics r = HandMadeStatistics();
    r.SetPaperPreset("research");
    std::ostringstream research;
    r.Print(research, true);
    EXPECT_NE(research.str().find("18.83"), std::string::npos);
    std::ostringstream none;
    r.Print(none, false);
    EXPECT_EQ(none.str().find("18.83"), std::string::npos);
}

TEST(TraceStatisticsDeathTest, UnknownPaperPresetIsFatal)
{
    TraceStatistics s;
    EXPECT_DEATH(s.SetPaperPreset("isdn"), "no figures for 'isdn'");
    EXPECT_DEATH(s.Print(std::cout, "isdn"), "no figures for 'isdn'");
}

TEST(ZipfEstimator, ExactZipfCounts)
{
    for (double theta : {0.5, 0.8, 1.2})
    {
        std::vector<uint64_t> counts;
        for (int r = 1; r <= 2000; ++r)
        {
            counts.push_back(uint64_t(std::llround(1e7 * std::pow(r, -theta))));
        }
        std::reverse(counts.begin(), counts.end()); // order does not matter
        ZipfEstimator e;
        e.SetMinCount(1);
        const ZipfEstimator::Result f = e.Fit(counts);
        ASSERT_TRUE(f.valid);
        EXPECT_NEAR(f.theta, theta, 1e-3);
        EXPECT_EQ(f.objects, 2000u);
        EXPECT_GT(f.standardError, 0);
        // The fit maximizes the log-likelihood.
        std::sort(counts.begin(), counts.end(), std::greater<>());
        const double best = ZipfEstimator::LogLikelihood(counts, f.theta);
        EXPECT_NEAR(best, f.logLikelihood, 1e-6 * std::abs(best));
        EXPECT_LT(ZipfEstimator::LogLikelihood(counts, f.theta - 0.01), best);
        EXPECT_LT(ZipfEstimator::LogLikelihood(counts, f.theta + 0.01), best);
    }
}

TEST(ZipfEstimator, MinCountAndDegenerateInputs)
{
    ZipfEstimator e;
    EXPECT_EQ(e.GetMinCount(), ZipfEstimator::DEFAULT_MIN_COUNT);
    EXPECT_FALSE(e.Fit({}).valid);
    EXPECT_FALSE(e.Fit({500}).valid);
    e.SetMinCount(1);
    const auto flat = e.Fit({7, 7, 7, 7});
    ASSERT_TRUE(flat.valid);
    EXPECT_DOUBLE_EQ(flat.theta, 0.0); // uniform: the lower end of the search interval
    e.SetMinCount(20);
    const auto cut = e.Fit({100, 50, 30, 19, 5, 0, 1});
    EXPECT_EQ(cut.objects, 3u);
    EXPECT_EQ(cut.requests, 180u);
    EXPECT_EQ(cut.totalObjects, 6u);
}

TEST(ZipfEstimator, RecoversThetaFromGeneratedTraces)
{
    // 1M requests from the generator (modem preset, 460,000 objects). The estimator sees
    // request counts only, ranked by count; theta 0.8 goes through TraceStatistics (counts
    // by URL), the others count by object index, which is the same but cheaper.
    for (double theta : {0.6, 0.8, 1.0})
    {
        Ptr<SyntheticWorkload> w = SyntheticWorkload::CreatePreset("modem");
        w->SetAttribute("ZipfTheta", DoubleValue(theta));
        w->SetAttribute("Requests", UintegerValue(1000000));
        // Independent draws: pages take share from the most popular objects (an object is
        // not fetched twice in a page), which the fit would see.
        w->SetAttribute("Pages", BooleanValue(false));
        w->AssignStreams(21);
        TraceRecord r;
        ZipfEstimator::Result fit;
        ZipfEstimator::Result naive;
        if (theta == 0.8)
        {
            TraceStatistics s;
            while (w->Next(r))
            {
                s.Add(r);
            }
            ASSERT_EQ(s.GetRequests(), 1000000u);
            fit = s.FitZipf();
            naive = s.FitZipf(1);
        }
        else
        {
            std::vector<uint64_t> counts(w->GetObjectCount());
            while (w->Next(r))
            {
                ++counts[w->GetLastObject()];
            }
            fit = ZipfEstimator().Fit(counts);
            ZipfEstimator all;
            all.SetMinCount(1);
            naive = all.Fit(counts);
        }
        ASSERT_TRUE(fit.valid);
        EXPECT_NEAR(fit.theta, theta, 0.02) << fit.objects << " objects kept";
        // Keeping every object (MinCount 1) is biased low, more so for flatter laws.
        EXPECT_LT(naive.theta, fit.theta);
    }
}
