/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Backbone readers: the real Topology Zoo and Rocketfuel files read in place (counts and
 * latencies recomputed here from the raw files), each small format, format detection, and a
 * named error (file, line, problem) for each kind of bad input.
 */
#include "placement-test-util.h"

#include "ns3/backbone-reader.h"
#include "ns3/distance-matrix.h"
#include "ns3/edge-list-backbone-reader.h"
#include "ns3/graphml-backbone-reader.h"
#include "ns3/inet-backbone-reader.h"
#include "ns3/placement-problem.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::placementtest;

namespace
{

/// Expect a TopologyFormatError whose message contains every fragment.
#define EXPECT_TOPOLOGY_ERROR(statement, fragment1, fragment2)                               \
    do                                                                                       \
    {                                                                                        \
        try                                                                                  \
        {                                                                                    \
            statement;                                                                       \
            ADD_FAILURE() << "no TopologyFormatError";                                       \
        }                                                                                    \
        catch (const TopologyFormatError& e)                                                 \
        {                                                                                    \
            EXPECT_NE(std::string(e.what()).find(fragment1), std::string::npos) << e.what(); \
            EXPECT_NE(std::string(e.what()).find(fragment2), std::string::npos) << e.what(); \
        }                                                                                    \
    }                                                                                        \
    while (false)

/// Spherical law of cosines (not the haversine the graph uses), km.
double
CosineLawKm(double lat1, double lon1, double lat2, double lon2)
{
    const double r = M_PI / 180;
    const double c = std::sin(lat1 * r) * std::sin(lat2 * r)
                   + std::cos(lat1 * r) * std::cos(lat2 * r) * std::cos((lon2 - lon1) * r);
    return 6371.0 * std::acos(std::min(1.0, c));
}

BackboneGraph
ReadEdgeList(const std::string& name, const std::string& text)
{
    return BackboneReader::Load(WriteFile(name, text), "auto");
}

} // namespace

TEST(BackboneReader, AbileneGraphml)
{
    if (!HaveTopologies())
    {
        GTEST_SKIP() << TopologyDir() << " absent";
    }
    const std::string path = TopologyDir() + "/Abilene.graphml";
    EXPECT_EQ(BackboneReader::DetectFormat(path), "graphml");
    BackboneGraph g = BackboneReader::Load(path);
    EXPECT_EQ(g.GetNodeCount(), 11u);
    EXPECT_EQ(g.GetLinkCount(), 14u);
    EXPECT_TRUE(g.GetWarnings().empty());
    const uint32_t ny = g.GetNodeIndex("New York");
    const uint32_t chicago = g.GetNodeIndex("Chicago");
    EXPECT_DOUBLE_EQ(g.GetNode(ny).latitude, 40.71427);
    EXPECT_DOUBLE_EQ(g.GetNode(chicago).longitude, -87.65005);
    bool found = false;
    for (const auto& l : g.GetLinks())
    {
        if ((l.a == ny && l.b == chicago) || (l.a == chicago && l.b == ny))
        {
            found = true;
            const double km = CosineLawKm(40.71427, -74.00597, 41.85003, -87.65005);
            EXPECT_NEAR(l.link.latencyMs, km / 200.0, 1e-6);
            EXPECT_NEAR(l.link.latencyMs, 5.69, 0.05); // about 1140 km
            EXPECT_EQ(l.link.weight, 1.0);
        }
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(g.CountComponents(), 1u);
}

TEST(BackboneReader, AttMplsParallelLinkMerged)
{
    if (!HaveTopologies())
    {
        GTEST_SKIP() << TopologyDir() << " absent";
    }
    BackboneGraph g = BackboneReader::Load(TopologyDir() + "/AttMpls.graphml");
    EXPECT_EQ(g.GetNodeCount(), 25u);
    // 57 edge elements, one of them a second link between the same two nodes.
    EXPECT_EQ(g.GetLinkCount(), 56u);
    ASSERT_EQ(g.GetWarnings().size(), 1u);
    EXPECT_NE(g.GetWarnings()[0].find("parallel link merged"), std::string::npos);
    EXPECT_EQ(g.CountComponents(), 1u);
}

TEST(BackboneReader, SprintGraphml)
{
    if (!HaveTopologies())
    {
        GTEST_SKIP() << TopologyDir() << " absent";
    }
    BackboneGraph g = BackboneReader::Load(TopologyDir() + "/Sprint.graphml", "graphml");
    EXPECT_EQ(g.GetNodeCount(), 11u);
    EXPECT_EQ(g.GetLinkCount(), 18u);
    for (uint32_t i = 0; i < g.GetNodeCount(); ++i)
    {
        EXPECT_TRUE(g.GetNode(i).HasPosition()) << g.GetNode(i).name;
    }
}

TEST(BackboneReader, Rocketfuel1239Directory)
{
    if (!HaveTopologies())
    {
        GTEST_SKIP() << TopologyDir() << " absent";
    }
    const std::string dir = TopologyDir() + "/rocketfuel-1239";
    EXPECT_EQ(BackboneReader::DetectFormat(dir), "rocketfuel");
    EXPECT_EQ(BackboneReader::DetectFormat(dir + "/latencies.intra"), "rocketfuel");
    // Count nodes and undirected links from the raw file.
    std::ifstream in(dir + "/latencies.intra");
    std::set<std::string> nodes;
    std::set<std::pair<std::string, std::string>> links;
    std::string a;
    std::string b;
    double v;
    std::map<std::pair<std::string, std::string>, double> latency;
    while (in >> a >> b >> v)
    {
        nodes.insert(a);
        nodes.insert(b);
        auto key = std::minmax(a, b);
        links.insert(key);
        auto it = latency.find(key);
        latency[key] = it == latency.end() ? v : std::min(it->second, v);
    }
    BackboneGraph g = BackboneReader::Load(dir);
    EXPECT_EQ(g.GetNodeCount(), nodes.size());
    EXPECT_EQ(g.GetLinkCount(), links.size());
    EXPECT_EQ(g.GetNodeCount(), 315u);
    std::ifstream win(dir + "/weights.intra");
    std::map<std::pair<std::string, std::string>, double> weight;
    while (win >> a >> b >> v)
    {
        auto key = std::minmax(a, b);
        auto it = weight.find(key);
        weight[key] = it == weight.end() ? v : std::min(it->second, v);
    }
    for (const auto& l : g.GetLinks())
    {
        auto key = std::minmax(g.GetNode(l.a).name, g.GetNode(l.b).name);
        EXPECT_EQ(l.link.latencyMs, latency.at(key));
        EXPECT_EQ(l.link.weight, weight.count(key) ? weight.at(key) : 1.0);
    }
}

TEST(BackboneReader, EdgeListFormat)
{
    BackboneGraph g = ReadEdgeList("edges-ok.txt",
                                   "# a small backbone\n"
                                   "node A 40.0 -74.0 5\n"
                                   "node B 41.0 -87.0\n"
                                   "node C 2.5\n"
                                   "\n"
                                   "edge A B geo\n"
                                   "edge B C 7.5 3\n"
                                   "edge C C 1\n"
                                   "edge B A 1 1\n");
    ASSERT_EQ(g.GetNodeCount(), 3u);
    EXPECT_EQ(g.GetNode(0).demand, 5.0);
    EXPECT_EQ(g.GetNode(1).demand, 1.0);
    EXPECT_EQ(g.GetNode(2).demand, 2.5);
    EXPECT_FALSE(g.GetNode(2).HasPosition());
    ASSERT_EQ(g.GetLinkCount(), 2u);
    auto links = g.GetLinks();
    // The parallel "edge B A 1 1" kept the smaller latency and weight.
    EXPECT_EQ(links[0].link.latencyMs, 1.0);
    EXPECT_EQ(links[1].link.latencyMs, 7.5);
    EXPECT_EQ(links[1].link.weight, 3.0);
    ASSERT_EQ(g.GetWarnings().size(), 2u);
    EXPECT_NE(g.GetWarnings()[0].find("self link skipped"), std::string::npos);
    EXPECT_NE(g.GetWarnings()[1].find("parallel link merged"), std::string::npos);
}

TEST(BackboneReader, EdgeListErrorsNameFileLineProblem)
{
    EXPECT_TOPOLOGY_ERROR(
        ReadEdgeList("e1.txt", "node A\nnode B\nedge A X 3\n"), "e1.txt:3:", "unknown node 'X'");
    EXPECT_TOPOLOGY_ERROR(ReadEdgeList("e2.txt", "node A\nnode B\nedge A B 3ms\n"),
                          "e2.txt:3:",
                          "latency '3ms' is not a number");
    EXPECT_TOPOLOGY_ERROR(ReadEdgeList("e3.txt", "node A\nnode B\nedge A B -1\n"),
                          "e3.txt:3:",
                          "latency must be finite and >= 0");
    EXPECT_TOPOLOGY_ERROR(
        ReadEdgeList("e4.txt", "node A\nnode A\n"), "e4.txt:2:", "duplicate node 'A'");
    EXPECT_TOPOLOGY_ERROR(ReadEdgeList("e5.txt", "node A 1 2\nnode B\nedge A B geo\n"),
                          "e5.txt:3:",
                          "needs the positions");
    EXPECT_TOPOLOGY_ERROR(BackboneReader::Load(WriteFile("e6.txt", "node A 91 0\n"), "edgelist"),
                          "e6.txt:1:",
                          "out of range");
    EXPECT_TOPOLOGY_ERROR(
        BackboneReader::Load(WriteFile("e7.txt", "node A\nlink A B 1\n"), "edgelist"),
        "e7.txt:2:",
        "unknown statement 'link'");
}

TEST(BackboneReader, GraphmlFallbacksAndErrors)
{
    const std::string head
        = "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
          "<key attr.name=\"label\" attr.type=\"string\" for=\"node\" id=\"k1\"/>\n"
          "<key attr.name=\"Latitude\" attr.type=\"double\" for=\"node\" id=\"k2\"/>\n"
          "<key attr.name=\"Longitude\" attr.type=\"double\" for=\"node\" id=\"k3\"/>\n"
          "<key attr.name=\"latency\" attr.type=\"double\" for=\"edge\" id=\"k4\"/>\n"
          "<graph edgedefault=\"undirected\">\n"
          "<node id=\"a\"><data key=\"k1\">X</data><data key=\"k2\">0</data>"
          "<data key=\"k3\">0</data></node>\n"
          "<node id=\"b\"><data key=\"k1\">X</data><data key=\"k2\">0</data>"
          "<data key=\"k3\">1</data></node>\n"
          "<node id=\"c\"><data key=\"k1\">Z</data></node>\n";
    // b repeats a's label; c has no position: the a-b link is 1 degree of the equator, b-c
    // has no computable latency and gets the mean of the computed ones (only a-b), and the
    // c-a link has its own.
    BackboneGraph g = BackboneReader::Load(
        WriteFile("g-ok.graphml",
                  head
                      + "<edge source=\"a\" target=\"b\"/>\n<edge source=\"b\" target=\"c\"/>\n"
                        "<edge source=\"c\" target=\"a\"><data key=\"k4\">9</data></edge>\n"
                        "</graph></graphml>\n"));
    ASSERT_EQ(g.GetNodeCount(), 3u);
    EXPECT_EQ(g.GetNode(1).name, "X#b");
    const double oneDegree = 2 * M_PI * 6371.0 / 360 / 200;
    auto links = g.GetLinks();
    ASSERT_EQ(links.size(), 3u);
    EXPECT_NEAR(links[0].link.latencyMs, oneDegree, 1e-9);
    EXPECT_NEAR(links[2].link.latencyMs, 9.0, 1e-12);
    EXPECT_NEAR(links[1].link.latencyMs, (oneDegree + 9.0) / 2, 1e-9);
    ASSERT_EQ(g.GetWarnings().size(), 1u);
    EXPECT_NE(g.GetWarnings()[0].find("no latency"), std::string::npos);

    EXPECT_TOPOLOGY_ERROR(BackboneReader::Load(WriteFile("g-bad1.graphml",
                                                         head
                                                             + "<edge source=\"a\" target=\"q\"/>\n"
                                                               "</graph></graphml>\n")),
                          "g-bad1.graphml:",
                          "edge 1: unknown target node 'q'");
    EXPECT_TOPOLOGY_ERROR(BackboneReader::Load(WriteFile(
                              "g-bad2.graphml", head + "<edge source=\"a\" target=\"b\">\n")),
                          "g-bad2.graphml:",
                          "malformed XML");
    try
    {
        BackboneReader::Load(
            WriteFile("g-bad3.graphml", "<graphml>\n<graph>\n<node id=a/>\n</graph></graphml>\n"));
        ADD_FAILURE() << "no error";
    }
    catch (const TopologyFormatError& e)
    {
        EXPECT_EQ(e.GetLine(), 3u) << e.what(); // the unquoted attribute value
    }
}

TEST(BackboneReader, InetAndOrbis)
{
    const std::string inet = WriteFile("t.inet", "3 2\n0 10 10\n1 20 20\n2 30 30\n0 1 5\n1 2 7\n");
    EXPECT_EQ(BackboneReader::DetectFormat(inet), "inet");
    BackboneGraph g = BackboneReader::Load(inet);
    EXPECT_EQ(g.GetNodeCount(), 3u);
    EXPECT_EQ(g.GetLinkCount(), 2u);
    EXPECT_EQ(g.GetLinks()[1].link.latencyMs, 7.0);
    EXPECT_TOPOLOGY_ERROR(BackboneReader::Load(WriteFile("short.inet", "3 2\n0 1 1\n1 2 2\n")),
                          "short.inet:3:",
                          "file ends after 2 of 3 node lines");
    EXPECT_TOPOLOGY_ERROR(
        BackboneReader::Load(WriteFile("long.inet", "2 1\n0 1 1\n1 2 2\n0 1 3\n1 0 3\n"), "inet"),
        "long.inet:5:",
        "more lines than the header declares");
    EXPECT_TOPOLOGY_ERROR(
        BackboneReader::Load(WriteFile("undecl.inet", "2 1\n0 1 1\n1 2 2\n0 5 3\n"), "inet"),
        "undecl.inet:4:",
        "undeclared node '5'");

    const std::string orbis = WriteFile("t.orbis", "1 2\n2 3\n3 1\n");
    EXPECT_EQ(BackboneReader::DetectFormat(orbis), "orbis");
    BackboneGraph o = BackboneReader::Load(orbis);
    EXPECT_EQ(o.GetNodeCount(), 3u);
    EXPECT_EQ(o.GetLinkCount(), 3u);
    EXPECT_TOPOLOGY_ERROR(BackboneReader::Load(WriteFile("bad.orbis", "1 2\n2 3 4 5\n"), "orbis"),
                          "bad.orbis:2:",
                          "expected a link line");
}

TEST(BackboneReader, DetectionAndOpenErrors)
{
    EXPECT_TOPOLOGY_ERROR(BackboneReader::Load("/nonexistent/topology.txt"),
                          "/nonexistent/topology.txt",
                          "cannot open");
    EXPECT_TOPOLOGY_ERROR(
        BackboneReader::Load(WriteFile("empty.txt", "# nothing\n\n")), "empty.txt", "empty file");
    EXPECT_TOPOLOGY_ERROR(BackboneReader::Load(WriteFile("odd.txt", "a b c d e\n")),
                          "odd.txt:1:",
                          "cannot tell the topology format");
    EXPECT_TOPOLOGY_ERROR(BackboneReader::Load(WriteFile("x.txt", "node A\n"), "pajek"),
                          "x.txt",
                          "unknown topology format 'pajek'");
    EXPECT_TOPOLOGY_ERROR(BackboneReader::Load(WriteFile("rf.txt", "A B 1\nB C x\n"), "rocketfuel"),
                          "rf.txt:2:",
                          "latency 'x' is not a number");
}

// Found by fuzz-topology-readers: a line of nothing but white space other than blanks and tabs
// (here carriage returns and a vertical tab) was taken for a statement, and the readers indexed
// the first of its zero fields.
TEST(BackboneReader, LinesOfOtherWhiteSpaceAreBlank)
{
    std::istringstream in("node a\n \r \r\nnode b\n\v\f\nedge a b 2\n");
    BackboneGraph g = EdgeListBackboneReader().Read(in, "ws.txt");
    EXPECT_EQ(g.GetNodeCount(), 2u);
    EXPECT_EQ(g.GetLinkCount(), 1u);
    const std::string path = WriteFile("ws-detect.txt", " \r \r\n\v\nnode x\nnode y\n");
    EXPECT_EQ(BackboneReader::DetectFormat(path), "edgelist");
    EXPECT_EQ(BackboneReader::Load(path).GetNodeCount(), 2u);
}

// Found by fuzz-topology-readers (UndefinedBehaviorSanitizer): an Inet header count beyond
// uint64_t was converted to it; counts are now checked against their range first.
TEST(BackboneReader, InetCountsOutOfRangeAreNamedErrors)
{
    for (const char* header : {"1e30 0\n", "0 1e30\n", "4294967296 0\n", "2.5 0\n"})
    {
        std::istringstream in(header);
        EXPECT_TOPOLOGY_ERROR(InetBackboneReader().Read(in, "big.inet"),
                              "big.inet:1:",
                              "integers from 0 to at most 4294967295");
    }
}

// Found by fuzz-topology-readers: Boost's XML parser counts lines after decoding character
// references in place, so a "&#10;" moved a syntax error of a one-line file to line 3.
TEST(BackboneReader, GraphmlErrorLineIsALineOfTheFile)
{
    std::istringstream in("<graphml a=\"&#10;&#10;\"><");
    try
    {
        GraphmlBackboneReader().Read(in, "one-line.graphml");
        ADD_FAILURE() << "no TopologyFormatError";
    }
    catch (const TopologyFormatError& e)
    {
        EXPECT_EQ(e.GetLine(), 1u) << e.what();
    }
}

TEST(BackboneReader, DisconnectedGraphIsRefusedByThePlacementProblem)
{
    BackboneGraph g = ReadEdgeList("disc.txt",
                                   "node A\nnode B\nnode C\nnode D\nnode E\n"
                                   "edge A B 1\nedge B C 1\nedge D E 1\n");
    EXPECT_EQ(g.CountComponents(), 2u);
    DistanceMatrix d(g, DistanceMatrix::LATENCY);
    EXPECT_EQ(d.Get(0, 3), DistanceMatrix::INFINITE);
    try
    {
        PlacementProblem p(g, d, 0);
        ADD_FAILURE() << "no error";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_NE(std::string(e.what()).find("is disconnected (2 components)"), std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("node 'D' cannot reach the origin 'A'"),
                  std::string::npos)
            << e.what();
    }
    BackboneGraph big = g.LargestComponent();
    EXPECT_EQ(big.GetNodeCount(), 3u);
    EXPECT_EQ(big.GetLinkCount(), 2u);
    DistanceMatrix d2(big, DistanceMatrix::LATENCY);
    PlacementProblem p(big, d2, 0);
    EXPECT_EQ(p.GetBaseline(), 0 + 1 + 2);
}

TEST(DistanceMatrix, ShortestPathsOnAHandMadeGraph)
{
    // A square with a diagonal: A-B 1, B-C 1, C-D 1, D-A 5, A-C 3 (latency); weights differ.
    BackboneGraph g = ReadEdgeList("square.txt",
                                   "node A\nnode B\nnode C\nnode D\n"
                                   "edge A B 1 4\nedge B C 1 4\nedge C D 1 1\nedge D A 5 1\n"
                                   "edge A C 3 1\n");
    DistanceMatrix lat(g, DistanceMatrix::LATENCY);
    EXPECT_EQ(lat.Get(0, 2), 2.0f);
    EXPECT_EQ(lat.Get(0, 3), 3.0f);
    EXPECT_EQ(lat.Get(3, 1), 2.0f);
    DistanceMatrix w(g, DistanceMatrix::WEIGHT);
    EXPECT_EQ(w.Get(0, 2), 1.0f);
    EXPECT_EQ(w.Get(0, 1), 4.0f);
    EXPECT_EQ(w.Get(1, 3), 5.0f);
    EXPECT_THROW(DistanceMatrix::ParseMetric("hops"), std::invalid_argument);
    // The last link of a shortest path, by hand. Links: 0 A-B, 1 B-C, 2 C-D, 3 D-A, 4 A-C.
    // Latency: into D from A, C-D gives 2 + 1, D-A 0 + 5; into C from A, B-C gives 1 + 1,
    // A-C 0 + 3, C-D 3 + 1.
    EXPECT_EQ(lat.GetLastLink(g, 0, 3), 2u);
    EXPECT_EQ(lat.GetLastLink(g, 0, 2), 1u);
    // Weight: into C from A, A-C gives 0 + 1; into D from B, C-D 4 + 1 and D-A 4 + 1 tie:
    // the lower index.
    EXPECT_EQ(w.GetLastLink(g, 0, 2), 4u);
    EXPECT_EQ(w.GetLastLink(g, 1, 3), 2u);
}

TEST(DistanceMatrix, NoLastLinkIntoAnUnreachableNode)
{
    BackboneGraph g = ReadEdgeList("disc.txt",
                                   "node A\nnode B\nnode C\nnode D\nnode E\n"
                                   "edge A B 1\nedge B C 1\nedge D E 1\n");
    DistanceMatrix d(g, DistanceMatrix::LATENCY);
    EXPECT_EQ(d.GetLastLink(g, 3, 4), 2u);
    EXPECT_THROW(d.GetLastLink(g, 5, 0), std::invalid_argument);
    EXPECT_THROW(d.GetLastLink(g, 0, 5), std::invalid_argument);
    try
    {
        d.GetLastLink(g, 0, 3);
        ADD_FAILURE() << "no error";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_STREQ(e.what(),
                     "DistanceMatrix: node 3 is not reachable from node 0 over any of its links");
    }
}

// A graph large enough for the automatic thread count to use several workers gives, bit for
// bit, the matrix of a single worker: the rows do not depend on which thread computed them.
TEST(DistanceMatrix, SameMatrixWhateverTheNumberOfThreads)
{
    const BackboneGraph g = RandomBackbone(1200, 600, 7);
    const DistanceMatrix one(g, DistanceMatrix::LATENCY, 1);
    const DistanceMatrix automatic(g, DistanceMatrix::LATENCY);
    const DistanceMatrix five(g, DistanceMatrix::LATENCY, 5);
    const uint32_t n = g.GetNodeCount();
    uint32_t differ = 0;
    for (uint32_t i = 0; i < n; ++i)
    {
        differ += std::memcmp(one.Row(i), automatic.Row(i), n * sizeof(float)) != 0;
        differ += std::memcmp(one.Row(i), five.Row(i), n * sizeof(float)) != 0;
    }
    EXPECT_EQ(differ, 0u);
    EXPECT_GT(one.Get(0, n - 1), 0.0f);
}

// The matrix's Dijkstra (on one worker thread and on three) against Floyd-Warshall on random
// backbones with integer lengths (every sum exact in float, so the two must agree exactly), one of
// them with a second component whose distances from the first are INFINITE.
TEST(DistanceMatrix, EqualsFloydWarshallAndMarksUnreachablePairs)
{
    for (int64_t s = 50; s < 56; ++s)
    {
        BackboneGraph g = RandomBackbone(30, 25, s);
        const uint32_t island = g.AddNode("island-a");
        g.AddLink(island, g.AddNode("island-b"), 3, 2);
        const uint32_t n = g.GetNodeCount();
        for (auto metric : {DistanceMatrix::LATENCY, DistanceMatrix::WEIGHT})
        {
            std::vector<float> f(size_t(n) * n, DistanceMatrix::INFINITE);
            for (uint32_t v = 0; v < n; ++v)
            {
                f[size_t(v) * n + v] = 0;
            }
            for (const auto& l : g.GetLinks())
            {
                const float len
                    = float(metric == DistanceMatrix::LATENCY ? l.link.latencyMs : l.link.weight);
                float& ab = f[size_t(l.a) * n + l.b];
                ab = std::min(ab, len);
                f[size_t(l.b) * n + l.a] = ab;
            }
            for (uint32_t k = 0; k < n; ++k)
            {
                for (uint32_t i = 0; i < n; ++i)
                {
                    for (uint32_t j = 0; j < n; ++j)
                    {
                        const float via = f[size_t(i) * n + k] + f[size_t(k) * n + j];
                        float& ij = f[size_t(i) * n + j];
                        ij = std::min(ij, via);
                    }
                }
            }
            for (uint32_t threads : {1U, 3U})
            {
                const DistanceMatrix d(g, metric, threads);
                for (uint32_t i = 0; i < n; ++i)
                {
                    for (uint32_t j = 0; j < n; ++j)
                    {
                        ASSERT_EQ(d.Get(i, j), f[size_t(i) * n + j])
                            << "graph " << s << " " << d.GetMetricName() << " " << i << "-" << j
                            << ", " << threads << " threads";
                    }
                }
                EXPECT_EQ(d.Get(0, island), DistanceMatrix::INFINITE);
                EXPECT_EQ(d.Get(island, island + 1),
                          metric == DistanceMatrix::LATENCY ? 3.0f : 2.0f);
            }
        }
    }
}
