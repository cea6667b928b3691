/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Every figure with its uncertainty: RunStatistics' Student-t interval against the printed
 * t table, PaperComparison's verdict rules one at a time (each figure built so that exactly
 * the rule under test fails), its CSV columns, and ReplicatedRuns' processes (run i is the
 * run RngRun = base + i gives, whatever the number of jobs).
 */
#include "ns3/paper-comparison.h"
#include "ns3/random-variable-stream.h"
#include "ns3/replicated-runs.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/run-statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// The verdict of the only figure of a one-figure comparison.
PaperComparison::Verdict
JudgeOne(double paper, PaperComparison::Scale scale, const std::vector<double>& values)
{
    PaperComparison c;
    c.Add("T", "r", "m", paper, scale, values);
    return c.Judge(0);
}

/// The rule names ("sign", "ordering", "interval", "distance") a reason lists, in order.
std::vector<std::string>
Rules(const std::string& reason)
{
    std::vector<std::string> rules;
    size_t start = 0;
    while (start < reason.size())
    {
        const size_t colon = reason.find(':', start);
        rules.push_back(reason.substr(start, colon - start));
        const size_t next = reason.find("; ", colon);
        start = next == std::string::npos ? reason.size() : next + 2;
    }
    return rules;
}

using Strings = std::vector<std::string>;

} // namespace

TEST(RunStatistics, StudentQuantilesAreThePrintedTable)
{
    EXPECT_DOUBLE_EQ(RunStatistics::StudentT975(1), 12.706);
    EXPECT_DOUBLE_EQ(RunStatistics::StudentT975(9), 2.262);
    EXPECT_DOUBLE_EQ(RunStatistics::StudentT975(30), 2.042);
    // Beyond the table: the exact quantiles (R's qt(0.975, df)) to 1e-4.
    EXPECT_NEAR(RunStatistics::StudentT975(40), 2.021075, 1e-4);
    EXPECT_NEAR(RunStatistics::StudentT975(120), 1.979930, 1e-4);
    EXPECT_NEAR(RunStatistics::StudentT975(100000), 1.959964, 1e-4);
    EXPECT_THROW(RunStatistics::StudentT975(0), std::invalid_argument);
}

TEST(RunStatistics, HalfWidthOfTenAndTwoRuns)
{
    // 1..10: mean 5.5, sum of squared deviations 82.5, s = sqrt(82.5 / 9).
    const RunStatistics ten({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    EXPECT_EQ(ten.GetCount(), 10u);
    EXPECT_DOUBLE_EQ(ten.GetMean(), 5.5);
    EXPECT_NEAR(ten.GetHalfWidth(), 2.262 * std::sqrt(82.5 / 9) / std::sqrt(10.0), 1e-12);
    EXPECT_NEAR(ten.GetLow(), 5.5 - 2.262 * std::sqrt(82.5 / 9) / std::sqrt(10.0), 1e-12);
    // Two runs 0 and 2: s = sqrt(2), the half-width is t(1) * sqrt(2) / sqrt(2) = 12.706.
    const RunStatistics two({0, 2});
    EXPECT_NEAR(two.GetHalfWidth(), 12.706, 1e-12);
    EXPECT_NEAR(two.GetHigh(), 13.706, 1e-12);
    // One run: a mean, no interval.
    const RunStatistics one({4});
    EXPECT_DOUBLE_EQ(one.GetMean(), 4);
    EXPECT_TRUE(std::isnan(one.GetHalfWidth()));
    EXPECT_TRUE(std::isnan(one.GetLow()));
}

TEST(RunStatistics, NaNIsARunWithoutTheFigure)
{
    const RunStatistics s({0, NAN, 2});
    EXPECT_EQ(s.GetCount(), 2u);
    EXPECT_DOUBLE_EQ(s.GetMean(), 1);
    EXPECT_NEAR(s.GetHalfWidth(), 12.706, 1e-12);
    EXPECT_EQ(RunStatistics({NAN}).GetCount(), 0u);
    EXPECT_TRUE(std::isnan(RunStatistics({NAN}).GetMean()));
}

TEST(PaperComparison, PassWhenEveryRuleHolds)
{
    const auto v = JudgeOne(10, PaperComparison::POINTS, {9, 10, 11, 10});
    EXPECT_EQ(v.verdict, "pass");
    EXPECT_EQ(v.reason, "");
    // 5 points away exactly is within; 20% exactly too.
    EXPECT_EQ(JudgeOne(10, PaperComparison::POINTS, {15, 15}).verdict, "pass");
    EXPECT_EQ(JudgeOne(100, PaperComparison::RELATIVE, {120, 120}).verdict, "pass");
    EXPECT_EQ(JudgeOne(-100, PaperComparison::RELATIVE, {-81, -82}).verdict, "pass");
}

TEST(PaperComparison, DistanceFailsAlone)
{
    // Points: 6 points above 10, tight interval, right sign.
    auto v = JudgeOne(10, PaperComparison::POINTS, {15.9, 16, 16.1});
    EXPECT_EQ(v.verdict, "fail");
    EXPECT_EQ(Rules(v.reason), Strings{"distance"}) << v.reason;
    // Relative: 21% above 100; 19% passes.
    v = JudgeOne(100, PaperComparison::RELATIVE, {120.9, 121, 121.1});
    EXPECT_EQ(Rules(v.reason), Strings{"distance"}) << v.reason;
    EXPECT_EQ(JudgeOne(100, PaperComparison::RELATIVE, {119, 119.1}).verdict, "pass");
}

TEST(PaperComparison, IntervalFailsAlone)
{
    // Mean exactly the paper's 10, but the interval (+-190) reaches below zero.
    auto v = JudgeOne(10, PaperComparison::POINTS, {-5, 25});
    EXPECT_EQ(v.verdict, "fail");
    EXPECT_EQ(Rules(v.reason), Strings{"interval"}) << v.reason;
    // Negative paper figure: the interval must stay below zero.
    v = JudgeOne(-8, PaperComparison::POINTS, {-20, 4});
    EXPECT_EQ(Rules(v.reason), Strings{"interval"}) << v.reason;
    // One run has no interval: the rule cannot hold.
    v = JudgeOne(10, PaperComparison::POINTS, {10});
    EXPECT_EQ(Rules(v.reason), Strings{"interval"}) << v.reason;
    EXPECT_NE(v.reason.find("one run"), std::string::npos);
}

TEST(PaperComparison, SignFailsWithItsInterval)
{
    // A mean of the wrong sign puts the interval's mean on the wrong side too, so the
    // interval rule fails with it; nothing else does (2 points from the paper).
    auto v = JudgeOne(1, PaperComparison::POINTS, {-1.1, -1, -0.9});
    EXPECT_EQ(v.verdict, "fail");
    EXPECT_EQ(Rules(v.reason), (Strings{"sign", "interval"})) << v.reason;
    v = JudgeOne(-3, PaperComparison::POINTS, {0.5, 0.6});
    EXPECT_EQ(Rules(v.reason), (Strings{"sign", "interval"})) << v.reason;
    // Paper 0: neither the sign nor the interval rule applies.
    EXPECT_EQ(JudgeOne(0, PaperComparison::POINTS, {-1, 1}).verdict, "pass");
}

TEST(PaperComparison, OrderingFailsAlone)
{
    PaperComparison c;
    // The paper: a (10) below b (12). Measured: a 13 above b 11, each within 5 points.
    c.Add("T", "a", "m", 10, PaperComparison::POINTS, {12.9, 13, 13.1});
    c.Add("T", "b", "m", 12, PaperComparison::POINTS, {10.9, 11, 11.1});
    // Not compared: another metric, another table, a row the paper has no figure for, a
    // row the paper ties with a.
    c.Add("T", "a", "other", 50, PaperComparison::POINTS, {50, 50.1});
    c.Add("U", "c", "m", 100, PaperComparison::POINTS, {100, 100.1});
    c.Add("T", "d", "m", NAN, PaperComparison::POINTS, {1000, 1000});
    c.Add("T", "e", "m", 10, PaperComparison::POINTS, {9.9, 10});
    EXPECT_EQ(Rules(c.Judge(0).reason), Strings{"ordering"}) << c.Judge(0).reason;
    EXPECT_NE(c.Judge(0).reason.find("below b in the paper, above it measured"), std::string::npos)
        << c.Judge(0).reason;
    EXPECT_EQ(Rules(c.Judge(1).reason), Strings{"ordering"}) << c.Judge(1).reason;
    EXPECT_EQ(c.Judge(2).verdict, "pass");
    EXPECT_EQ(c.Judge(3).verdict, "pass");
    EXPECT_EQ(c.Judge(4).verdict, "none");
    // e (paper 10, measured 9.95) lies below b as in the paper, and a is not compared to it.
    EXPECT_EQ(c.Judge(5).verdict, "pass") << c.Judge(5).reason;
}

TEST(PaperComparison, ContextFiguresAreShownNotJudgedNorOrderedAgainst)
{
    PaperComparison c;
    // A count of a trace ten times smaller: far from the paper's, but not judged.
    c.Add("T", "a", "max", 646, PaperComparison::CONTEXT, {60, 61});
    // b (paper 204, below a's 646) measures above a: no ordering failure, a is context.
    c.Add("T", "b", "max", 204, PaperComparison::RELATIVE, {200, 210});
    const auto v = c.Judge(0);
    EXPECT_EQ(v.verdict, "none");
    EXPECT_NE(v.reason.find("not comparable"), std::string::npos) << v.reason;
    EXPECT_EQ(c.Judge(1).verdict, "pass") << c.Judge(1).reason;
    // The paper's value stays in the CSV beside the measured one.
    EXPECT_EQ(c.GetFigures()[0].paper, 646);
}

TEST(PaperComparison, CsvColumnsInOrder)
{
    PaperComparison c;
    c.Add("Table 1", "HP 755, 100 B", "connections/s", 8.08, PaperComparison::RELATIVE, {8, 9});
    c.Add("T", "no paper", "m", NAN, PaperComparison::POINTS, {1});
    const std::string path = std::string(WEB_PROXY_TEST_OUTPUT_DIR) + "/paper-comparison.csv";
    c.WriteCsv(path);
    std::ifstream in(path);
    std::string header;
    std::string row;
    std::string none;
    std::getline(in, header);
    std::getline(in, row);
    std::getline(in, none);
    EXPECT_EQ(header, "table,row,metric,paper,mean,ci95_low,ci95_high,runs,verdict,reason");
    // mean 8.5, half-width 12.706 * sqrt(0.5) / sqrt(2) = 6.353, above zero; 8.5 is within 20%
    // of 8.08. The row's comma is quoted; the reason (last) is empty on a pass.
    EXPECT_EQ(row, "Table 1,\"HP 755, 100 B\",connections/s,8.0800,8.5000,2.1470,14.8530,2,pass,");
    EXPECT_EQ(none, "T,no paper,m,,1.0000,,,1,none,the paper gives no figure");
    EXPECT_THROW(c.WriteCsv("/nonexistent-dir/x.csv"), std::runtime_error);
}

TEST(PaperComparison, FormatShowsTheIntervalFromTwoRuns)
{
    EXPECT_EQ(PaperComparison::Format({3.14159}), "3.1");
    EXPECT_EQ(PaperComparison::Format({0, 2}, 3), "1.000 ± 12.706");
    EXPECT_EQ(PaperComparison::Format({}), "-");
}

TEST(ReplicatedRuns, RunIIsTheRunOfRngRunBasePlusI)
{
    const uint64_t savedRun = RngSeedManager::GetRun();
    RngSeedManager::SetRun(7);
    // What a single process with RngRun r draws first from a fixed stream.
    auto draw = []()
    {
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(3);
        return u->GetValue();
    };
    std::vector<double> alone;
    for (uint64_t r = 7; r < 10; ++r)
    {
        RngSeedManager::SetRun(r);
        alone.push_back(draw());
    }
    RngSeedManager::SetRun(7);
    for (uint32_t jobs : {1u, 2u, 3u})
    {
        ReplicatedRuns runs(3, jobs);
        EXPECT_EQ(runs.GetBaseRun(), 7u);
        runs.Add("a",
                 [&draw]() -> ReplicatedRuns::Values {
                     return {{"run", double(RngSeedManager::GetRun())}, {"u", draw()}};
                 });
        runs.Add("b", []() -> ReplicatedRuns::Values { return {{"nan", NAN}}; });
        std::vector<std::string> order;
        auto results
            = runs.Run([&order](const std::string& name, const std::vector<ReplicatedRuns::Values>&)
                       { order.push_back(name); });
        EXPECT_EQ(order, (Strings{"a", "b"}));
        ASSERT_EQ(results.at("a").size(), 3u);
        for (size_t i = 0; i < 3; ++i)
        {
            EXPECT_EQ(results.at("a")[i].at("run"), 7.0 + i) << jobs << " jobs";
            // Exactly (17 digits cross the pipe).
            EXPECT_EQ(results.at("a")[i].at("u"), alone[i]) << jobs << " jobs, run " << i;
            EXPECT_TRUE(std::isnan(results.at("b")[i].at("nan")));
        }
    }
    // The parent's RngRun is left alone.
    EXPECT_EQ(RngSeedManager::GetRun(), 7u);
    RngSeedManager::SetRun(savedRun);
}

TEST(ReplicatedRuns, AFailedRunNamesItself)
{
    const uint64_t savedRun = RngSeedManager::GetRun();
    RngSeedManager::SetRun(1);
    ReplicatedRuns runs(2, 2);
    runs.Add("fine", []() -> ReplicatedRuns::Values { return {{"x", 1}}; });
    runs.Add("broken",
             []() -> ReplicatedRuns::Values
             {
                 if (RngSeedManager::GetRun() == 2)
                 {
                     throw std::runtime_error("no luck");
                 }
                 return {{"x", 1}};
             });
    try
    {
        runs.Run();
        ADD_FAILURE() << "no exception";
    }
    catch (const std::runtime_error& e)
    {
        EXPECT_EQ(std::string(e.what()), "configuration broken, run 1 (RngRun 2) failed: no luck");
    }
    // Kept going: the failed run has no values and is named; the others are in.
    ReplicatedRuns kept(2, 2);
    kept.SetKeepGoing(true);
    kept.Add("broken",
             []() -> ReplicatedRuns::Values
             {
                 if (RngSeedManager::GetRun() == 2)
                 {
                     throw std::runtime_error("no luck");
                 }
                 return {{"x", 1}};
             });
    const auto results = kept.Run();
    EXPECT_EQ(results.at("broken")[0].at("x"), 1);
    EXPECT_TRUE(results.at("broken")[1].empty());
    EXPECT_EQ(kept.GetFailures(),
              Strings{"configuration broken, run 1 (RngRun 2) failed: no luck"});
    ReplicatedRuns spaces(1, 1);
    spaces.Add("spaces", []() -> ReplicatedRuns::Values { return {{"a b", 1}}; });
    EXPECT_THROW(spaces.Run(), std::runtime_error);
    EXPECT_THROW(ReplicatedRuns(0, 1), std::invalid_argument);
    RngSeedManager::SetRun(savedRun);
}
