/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * PolicyAdvisor (byte hit ratios worked out by hand on tiny traces, the best policy, the
 * per-node split and Apply) and PlacementReport (JSON, CSV, DOT contents).
 */
#include "placement-test-util.h"

#include "ns3/distance-matrix.h"
#include "ns3/greedy-placement.h"
#include "ns3/placement-problem.h"
#include "ns3/placement-report.h"
#include "ns3/policy-advisor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <limits>
#include <sstream>

using namespace ns3;
using namespace ns3::placementtest;

namespace
{

TraceRecord
Rec(const std::string& path, uint64_t size, uint32_t client = 0)
{
    TraceRecord r;
    r.server = "www.example.com";
    r.path = path;
    r.size = size;
    r.received = size;
    r.client = client;
    return r;
}

size_t
Count(const std::string& text, const std::string& what)
{
    size_t n = 0;
    for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1))
    {
        ++n;
    }
    return n;
}

} // namespace

TEST(PolicyAdvisor, ByteHitRatiosByHand)
{
    // A B C A B C in a cache that holds all three: 3 hits of 100 bytes out of 600 bytes for
    // every policy; ties go to the first policy listed.
    std::vector<TraceRecord> t;
    for (const char* p : {"/a", "/b", "/c", "/a", "/b", "/c"})
    {
        t.push_back(Rec(p, 100));
    }
    PolicyAdvisor all(1000);
    PolicyAdvisor::Advice a = all.Evaluate(t);
    ASSERT_EQ(a.scores.size(), 4u);
    for (const auto& s : a.scores)
    {
        EXPECT_DOUBLE_EQ(s.byteHitRatio, 0.5) << s.policy;
    }
    EXPECT_EQ(a.best, "LRU");
    EXPECT_EQ(a.requests, 6u);
    EXPECT_EQ(a.bytes, 600u);

    // A A A B C A, room for two objects. LRU: C evicts A (used before B), so only the 2nd and
    // 3rd A hit: 200 of 600 bytes. LFU (with dynamic aging): C evicts B (count 1 < A's 3), so
    // the last A hits too: 300 of 600.
    std::vector<TraceRecord> u;
    for (const char* p : {"/a", "/a", "/a", "/b", "/c", "/a"})
    {
        u.push_back(Rec(p, 100));
    }
    PolicyAdvisor two(200, {"LRU", "LFU"});
    PolicyAdvisor::Advice b = two.Evaluate(u);
    EXPECT_DOUBLE_EQ(b.scores[0].byteHitRatio, 200.0 / 600);
    EXPECT_DOUBLE_EQ(b.scores[1].byteHitRatio, 300.0 / 600);
    EXPECT_EQ(b.best, "LFU");
    EXPECT_DOUBLE_EQ(b.byteHitRatio, 0.5);

    EXPECT_THROW(PolicyAdvisor(1000, {"LRU", "MRU"}), std::invalid_argument);
    EXPECT_THROW(PolicyAdvisor(0), std::invalid_argument);
}

// The advisor judges a reload as ProxyCache does by default (RevalidateNoCache: a hit when
// the cached copy is current), or as [PROXIM]'s uncachable request when told so.
TEST(PolicyAdvisor, ReloadsCountAsTheProxiesTreatThem)
{
    TraceRecord reload = Rec("/x", 100);
    reload.clientNoCache = true;
    const std::vector<TraceRecord> t = {Rec("/x", 100), reload};
    PolicyAdvisor advisor(1000, {"LRU"});
    EXPECT_DOUBLE_EQ(advisor.Evaluate(t).byteHitRatio, 0.5);
    advisor.SetRevalidateNoCache(false);
    EXPECT_DOUBLE_EQ(advisor.Evaluate(t).byteHitRatio, 0.0);
}

TEST(PolicyAdvisor, PerNodeAdviceSetsTheHitRatios)
{
    BackboneGraph g = RandomBackbone(4, 2, 9);
    const DistanceMatrix d(g, DistanceMatrix::LATENCY);
    PlacementProblem p(g, d, 0);
    // Clients 1 and 5 belong to node 1 (c mod 4), client 2 to node 2; nodes 0 and 3 get none.
    std::vector<TraceRecord> t = {Rec("/x", 100, 1), Rec("/x", 100, 5), Rec("/y", 50, 2)};
    const auto split = PolicyAdvisor::SplitByClient(t, 4);
    ASSERT_EQ(split.size(), 4u);
    EXPECT_EQ(split[1].size(), 2u);
    EXPECT_EQ(split[2].size(), 1u);
    EXPECT_TRUE(split[3].empty());
    const auto advice = PolicyAdvisor(1000, {"LRU"}).EvaluatePerNode(split, p);
    EXPECT_DOUBLE_EQ(advice[1].byteHitRatio, 0.5); // the second /x hits
    EXPECT_DOUBLE_EQ(advice[2].byteHitRatio, 0.0);
    EXPECT_EQ(advice[3].best, "");
    PolicyAdvisor::Apply(advice, p);
    EXPECT_DOUBLE_EQ(p.GetHitRatio(1), 0.5);
    EXPECT_DOUBLE_EQ(p.GetHitRatio(3), 0.0);
    EXPECT_THROW(PolicyAdvisor::SplitByClient(t, 0), std::invalid_argument);
}

// A proxy judged on the requests it serves: origin O, proxy site P 10 ms from O, client node
// C 1 ms from P, node D 1 ms from O. P asks for /x, then C for /x and /y (100 bytes each).
// Per node, nothing hits (P: one request; C: two objects), so h_P = 0 and with it neither P
// nor C would use the proxy (C: 1 + 10 = d(C,O) = 11, not less). Assigned as a full replica,
// P and C use it (D: 11 > 1 stays with O); their merged requests x, x, y give 100 of 300
// bytes as hits, h_P = 1/3, with which C (1 + 2/3 x 10 < 11) and P (2/3 x 10 < 10) still use
// it: the assignment is stable after one round.
TEST(PolicyAdvisor, AProxyIsJudgedOnTheMergedRequestsOfItsNodes)
{
    BackboneGraph g("line");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const uint32_t o = g.AddNode("O", nan, nan, 1);
    const uint32_t pp = g.AddNode("P", nan, nan, 1);
    const uint32_t c = g.AddNode("C", nan, nan, 1);
    const uint32_t d = g.AddNode("D", nan, nan, 1);
    g.AddLink(o, pp, 10);
    g.AddLink(c, pp, 1);
    g.AddLink(d, o, 1);
    const DistanceMatrix dist(g, DistanceMatrix::LATENCY);
    PlacementProblem problem(g, dist, o);
    auto at = [](TraceRecord r, double t)
    {
        r.time = Seconds(t);
        return r;
    };
    std::vector<std::vector<TraceRecord>> traces(4);
    traces[pp] = {at(Rec("/x", 100), 1)};
    traces[c] = {at(Rec("/x", 100), 2), at(Rec("/y", 100), 3)};
    traces[d] = {at(Rec("/x", 100), 4)};
    const PolicyAdvisor advisor(1000, {"LRU"});
    const auto perNode = advisor.EvaluatePerNode(traces, problem);
    EXPECT_DOUBLE_EQ(perNode[pp].byteHitRatio, 0.0);
    EXPECT_DOUBLE_EQ(perNode[c].byteHitRatio, 0.0);
    PolicyAdvisor::Apply(perNode, problem);
    EXPECT_EQ(problem.Assign({pp}), (std::vector<uint32_t>{o, o, o, o}));

    const auto refined = advisor.EvaluateAssigned(traces, perNode, {pp}, problem);
    EXPECT_EQ(refined[pp].requests, 3u);
    EXPECT_DOUBLE_EQ(refined[pp].byteHitRatio, 1.0 / 3);
    EXPECT_DOUBLE_EQ(problem.GetHitRatio(pp), 1.0 / 3);
    EXPECT_EQ(problem.Assign({pp}), (std::vector<uint32_t>{o, pp, pp, o}));
    // The other nodes' advice is theirs, unchanged.
    EXPECT_EQ(refined[c].requests, 2u);
    EXPECT_EQ(refined[d].requests, 1u);
    // Two of the four nodes' bytes (equal demands) at h = 1/3.
    EXPECT_DOUBLE_EQ(problem.HitFraction({pp}), 0.5 / 3);
    EXPECT_THROW(advisor.EvaluateAssigned({}, perNode, {pp}, problem), std::invalid_argument);
}

TEST(PlacementReport, JsonCsvAndDot)
{
    const BackboneGraph g = Path("quote\"graph");
    const DistanceMatrix d(g, DistanceMatrix::LATENCY);
    PlacementProblem p(g, d, 0);
    const PlacementResult r = GreedyPlacement().Run(p, 2);
    // By hand, on the path A-B-C-D (1, 2, 3 ms; origin A; costs 0, 1, 3, 6: 10): a proxy at C
    // or at D leaves 4 (C wins the tie, lower index); then D leaves 1.
    ASSERT_EQ(r.proxies.size(), 2u);
    EXPECT_EQ(r.proxies[0], 2u);
    EXPECT_DOUBLE_EQ(r.curve[1], 4.0);
    std::vector<PolicyAdvisor::Advice> advice(4);
    advice[2].best = "GDSLAT";
    advice[2].byteHitRatio = 0.25;
    PlacementReport report(g, r);
    report.AddMetric("latency", p);
    report.SetPolicies(advice);
    std::ostringstream json;
    report.WriteJson(json);
    EXPECT_NE(json.str().find("\"graph\":\"quote\\\"graph\""), std::string::npos) << json.str();
    EXPECT_NE(json.str().find("\"k\":2"), std::string::npos);
    EXPECT_NE(
        json.str().find("{\"node\":2,\"name\":\"C\",\"policy\":\"GDSLAT\",\"byteHitRatio\":0.25}"),
        std::string::npos)
        << json.str();
    EXPECT_NE(json.str().find("\"curve\":[10,4,1]"), std::string::npos) << json.str();
    std::ostringstream csv;
    report.WriteCsv(csv);
    EXPECT_EQ(Count(csv.str(), "\n"), 3u);
    EXPECT_NE(csv.str().find("1,2,\"C\",GDSLAT,0.25,"), std::string::npos) << csv.str();
    std::ostringstream dot;
    report.WriteDot(dot);
    EXPECT_EQ(Count(dot.str(), "fillcolor=salmon"), 2u);
    EXPECT_NE(dot.str().find("n0 [label=\"A\", shape=box"), std::string::npos) << dot.str();
    EXPECT_EQ(Count(dot.str(), " -- "), 3u);
    EXPECT_EQ(PlacementReport::JsonString("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
}

// Faults marked on the picture: a proxy's crash beside its placement label, a link drawn red
// and dashed with its latency and note (either end order), nothing else marked.
TEST(PlacementReport, MarkedNodesAndLinksAreDrawnRed)
{
    const BackboneGraph g = Path();
    const DistanceMatrix d(g, DistanceMatrix::LATENCY);
    PlacementProblem p(g, d, 0);
    PlacementReport report(g, GreedyPlacement().Run(p, 1)); // the proxy at C (node 2)
    report.AddMetric("latency", p);
    report.MarkNode(2, "crash 60-90 s");
    report.MarkNode(3, "clients");
    report.MarkLink(2, 1, "down 120-150 s");
    std::ostringstream dot;
    report.WriteDot(dot);
    const std::string s = dot.str();
    EXPECT_NE(s.find("n2 [label=\"C\", style=filled, fillcolor=salmon, color=red, penwidth=3, "
                     "fontcolor=red, xlabel=\"P1: crash 60-90 s\"]"),
              std::string::npos)
        << s;
    EXPECT_NE(s.find("n3 [label=\"D\", color=red, penwidth=3, fontcolor=red, xlabel=\"clients\"]"),
              std::string::npos)
        << s;
    EXPECT_NE(s.find("n1 -- n2 [color=red, style=dashed, penwidth=2, fontcolor=red, "
                     "label=\"2 ms: down 120-150 s\"]"),
              std::string::npos)
        << s;
    EXPECT_EQ(Count(s, "penwidth="), 3u);
    EXPECT_NE(s.find("n0 -- n1 [label=\"1 ms\"]"), std::string::npos) << s;
    EXPECT_THROW(report.MarkNode(4, "x"), std::invalid_argument);
    EXPECT_THROW(report.MarkLink(0, 2, "x"), std::invalid_argument);
}

TEST(PlacementReport, DotIsAGeographicMapWhenEveryNodeHasCoordinates)
{
    // Two nodes 10 degrees of longitude apart on the equator, one 10 degrees north: the longer
    // side is 10 degrees, drawn as 720 points (cos 5 degrees shortens the x side a little).
    BackboneGraph g("geo");
    g.AddNode("W", 0, 0);
    g.AddNode("E", 0, 10);
    g.AddNode("N", 10, 0);
    g.AddLink(0, 1, 1);
    g.AddLink(0, 2, 1);
    const DistanceMatrix d(g, DistanceMatrix::LATENCY);
    PlacementProblem p(g, d, 0);
    PlacementReport report(g, GreedyPlacement().Run(p, 1));
    report.AddMetric("latency", p);
    std::ostringstream dot;
    report.WriteDot(dot);
    EXPECT_NE(dot.str().find("layout=neato"), std::string::npos) << dot.str();
    const double x = 10 * std::cos(5 * M_PI / 180) * 72; // 717.3
    std::ostringstream east;
    east << std::fixed << std::setprecision(1) << "pos=\"" << x << ",0.0!\"";
    EXPECT_NE(dot.str().find(east.str()), std::string::npos) << dot.str();
    EXPECT_NE(dot.str().find("pos=\"0.0,720.0!\""), std::string::npos) << dot.str();

    // One node without coordinates: no positions at all (neato places them).
    g.AddNode("X");
    g.AddLink(2, 3, 1);
    const DistanceMatrix d2(g, DistanceMatrix::LATENCY);
    PlacementProblem p2(g, d2, 0);
    PlacementReport plain(g, GreedyPlacement().Run(p2, 1));
    std::ostringstream dot2;
    plain.WriteDot(dot2);
    EXPECT_EQ(dot2.str().find("pos="), std::string::npos) << dot2.str();
}

TEST(PlacementReport, PngIsDrawnByGraphvizOrTheProblemIsNamed)
{
    BackboneGraph g("png");
    g.AddNode("A");
    g.AddNode("B");
    g.AddLink(0, 1, 1);
    const DistanceMatrix d(g, DistanceMatrix::LATENCY);
    PlacementProblem p(g, d, 0);
    PlacementReport report(g, GreedyPlacement().Run(p, 1));
    const std::string path = testing::TempDir() + "placement-test.png";
    // A program that does not exist: a named error, no crash.
    try
    {
        report.WritePng(path, "no-such-graphviz-program");
        ADD_FAILURE() << "no error";
    }
    catch (const std::runtime_error& e)
    {
        EXPECT_NE(std::string(e.what()).find(path + ": Graphviz's no-such-graphviz-program"),
                  std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("127"), std::string::npos) << e.what();
    }
    if (std::system("command -v dot >/dev/null 2>&1") != 0)
    {
        GTEST_SKIP() << "Graphviz's dot is not installed";
    }
    report.WritePng(path);
    std::ifstream in(path, std::ios::binary);
    std::string magic(8, '\0');
    ASSERT_TRUE(in.read(&magic[0], 8));
    EXPECT_EQ(magic, std::string("\x89PNG\r\n\x1a\n", 8));
    std::remove(path.c_str());
}
