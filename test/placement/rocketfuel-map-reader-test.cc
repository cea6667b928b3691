/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Rocketfuel .cch router maps (RocketfuelMapBackboneReader): a hand-written map in the
 * README.cch syntax read and detected by content, and a named error (file, line, problem) for
 * each kind of malformed line.
 */
#include "placement-test-util.h"

#include "ns3/backbone-reader.h"
#include "ns3/distance-matrix.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

using namespace ns3;
using namespace ns3::placementtest;

namespace
{

/// Four routers, two external ones; links 1-2, 1-3, 2-3 (listed both ways) and 2-4.
const char* const MAP = "# a map in Rocketfuel's README.cch syntax\n"
                        "1 @Adelaide,+Australia\t(2) -> <2> <3> \t=r1.adl.example.net r1\n"
                        "2 @Melbourne,+Australia + bb (3) &2 -> <1> <3> <4> {-10} {-11} "
                        "=r2.mel.example.net r2\n"
                        "3 @Sydney,+Australia bb (2) -> <1> <2> =r3.syd.example.net! r1\n"
                        "4 @Perth,+Australia  (1) -> <2> =203.0.113.4 r0\n"
                        "-10 =198.51.100.1 r1\n"
                        "-11 =198.51.100.2 r1\n";

/// \return the message of the TopologyFormatError that loading text as a .cch file throws
std::string
ErrorOf(const std::string& file, const std::string& text)
{
    try
    {
        BackboneReader::Load(WriteFile(file, text), "cch");
    }
    catch (const TopologyFormatError& e)
    {
        return e.what();
    }
    return "no TopologyFormatError";
}

} // namespace

TEST(RocketfuelMapReader, ReadsRoutersAndLinksDetectedByContent)
{
    const std::string path = WriteFile("map.cch", MAP);
    EXPECT_EQ(BackboneReader::DetectFormat(path), "cch");
    BackboneGraph g = BackboneReader::Load(path);
    ASSERT_EQ(g.GetNodeCount(), 4u); // the two external routers are not nodes
    EXPECT_EQ(g.GetLinkCount(), 4u); // 1-2, 1-3, 2-3 once each, and 2-4
    EXPECT_EQ(g.GetNode(0).name, "Adelaide,+Australia#1");
    EXPECT_EQ(g.GetNode(3).name, "Perth,+Australia#4");
    ASSERT_EQ(g.GetWarnings().size(), 1u);
    EXPECT_NE(g.GetWarnings()[0].find("no latencies"), std::string::npos);
    // Every link 1 ms: distances are hop counts (Perth - Adelaide: via Melbourne).
    DistanceMatrix d(g, DistanceMatrix::LATENCY);
    EXPECT_EQ(d.Get(3, 0), 2.0);
    EXPECT_EQ(d.Get(3, 1), 1.0);
    EXPECT_EQ(g.CountComponents(), 1u);
    // The same file given by format name reads the same.
    EXPECT_EQ(BackboneReader::Load(path, "cch").GetLinkCount(), 4u);
}

TEST(RocketfuelMapReader, SelfNeighbourIsSkippedWithAWarning)
{
    BackboneGraph g = BackboneReader::Load(
        WriteFile("self.cch", "1 @A (2) -> <1> <2> =a r0\n2 @B (1) -> <1> =b r0\n"));
    EXPECT_EQ(g.GetLinkCount(), 1u);
    ASSERT_EQ(g.GetWarnings().size(), 2u);
    EXPECT_NE(g.GetWarnings()[1].find("self.cch:1: router 1 lists itself"), std::string::npos);
}

TEST(RocketfuelMapReader, EachMalformedLineIsANamedError)
{
    const std::string ok = "1 @A (1) -> <2> =a r0\n";
    struct Case
    {
        std::string text;     //!< the file
        std::string expected; //!< a fragment of the message, after "FILE:LINE: "
    };
    const std::vector<Case> cases = {
        {ok + "2 @B (2) -> <1> =b r0\n", "bad.cch:2: router 2 says (2) neighbours but lists 1"},
        {ok + "2 @B (1) &2 -> <1> {-5} =b r0\n",
         "bad.cch:2: router 2 says &2 external links but lists 1"},
        {ok + "2 @B (2) -> <1> <9> =b r0\n",
         "bad.cch:2: neighbour <9> of router 2 is not defined in the file"},
        {ok + "1 @B (1) -> <1> =b r0\n", "bad.cch:2: router 1 is defined twice (first on line 1)"},
        {ok + "2 @B (1) <1> =b r0\n", "bad.cch:2: expected 'UID @LOCATION"},
        {ok + "2 @B (1) -> <1> =b\n", "bad.cch:2: expected 'UID @LOCATION"},
        {ok + "2 @B (1) -> <1> r0\n", "no '=NAME rN' at the end"},
        {ok + "2 @B (x) -> <1> =b r0\n", "bad.cch:2: expected 'UID @LOCATION"},
        {ok + "2 @B (1) -> <one> =b r0\n", "bad.cch:2: neighbour '<one>' is not <UID>"},
        {ok + "2 @B (1) &x -> <1> =b r0\n", "bad.cch:2: external count '&x' is not &N"},
        {ok + "2 @B (1) -> <1> {5x} =b r0\n", "bad.cch:2: external '{5x}' is not {-EUID}"},
        {ok + "2 B (1) -> <1> =b r0\n", "bad.cch:2: expected 'UID @LOCATION"},
        {ok + "x @B (1) -> <1> =b r0\n", "bad.cch:2: expected 'UID @LOCATION"},
    };
    for (const auto& c : cases)
    {
        const std::string e = ErrorOf("bad.cch", c.text);
        EXPECT_NE(e.find(c.expected), std::string::npos) << c.text << " -> " << e;
        EXPECT_NE(e.find("bad.cch:"), std::string::npos) << e;
    }
}

TEST(RocketfuelMapReader, FormatNamedInTheListAndInDetectionErrors)
{
    const auto names = BackboneReader::GetFormatNames();
    EXPECT_NE(std::find(names.begin(), names.end(), "cch"), names.end());
    // An external router's line first is still a map.
    EXPECT_EQ(BackboneReader::DetectFormat(
                  WriteFile("ext-first.cch", "-3 =198.51.100.9 r1\n1 @A (0) -> =a r0\n")),
              "cch");
    // A Rocketfuel latencies file is not taken for a map.
    EXPECT_EQ(BackboneReader::DetectFormat(WriteFile("lat.intra", "A B 1\n")), "rocketfuel");
}
