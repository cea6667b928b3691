/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * BackboneSites: the default PoPs of an ISP scenario's populations and edge, worked out by
 * hand on a six-PoP backbone, the names a user gives, and a named error for each choice that
 * cannot hold.
 */
#include "ns3/backbone-sites.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const double NO_POSITION = std::nan("");

/**
 * Six PoPs A-F with demands 5, 9, 1, 7, 3, 3 and links A-B, A-C, A-D, A-E, A-F, B-C, D-E:
 * A has 5 links, B, C, D and E 2, F 1. By demand: B, D, A, then E and F (a tie: E, the lower
 * index), then C.
 * \return the backbone
 */
BackboneGraph
SixPops()
{
    BackboneGraph g("six");
    const double demand[] = {5, 9, 1, 7, 3, 3};
    for (int i = 0; i < 6; ++i)
    {
        g.AddNode(std::string(1, char('A' + i)), NO_POSITION, NO_POSITION, demand[i]);
    }
    for (const auto& [a, b] : std::vector<std::pair<uint32_t, uint32_t>>{
             {0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {1, 2}, {3, 4}})
    {
        g.AddLink(a, b, 1.0);
    }
    return g;
}

/**
 * \param g the backbone
 * \param r the request
 * \return the setting a refused request blames, or "" when it is accepted
 */
std::string
Blamed(const BackboneGraph& g, const BackboneSites::Request& r)
{
    try
    {
        BackboneSites sites(g, r);
    }
    catch (const BackboneSites::Error& e)
    {
        EXPECT_FALSE(std::string(e.what()).empty());
        EXPECT_FALSE(e.GetAllowed().empty());
        return e.GetSetting();
    }
    return "";
}

} // namespace

TEST(BackboneSites, DefaultsFollowDemandAndConnectivity)
{
    const BackboneGraph g = SixPops();
    BackboneSites::Request r;
    r.depotSites = 3;
    const BackboneSites sites(g, r);
    EXPECT_EQ(sites.GetLanPop(), 1u);       // B, the largest demand
    EXPECT_EQ(sites.GetModemPop(), 3u);     // D, the next
    EXPECT_EQ(sites.GetEdgePop(), 0u);      // A, the most links among the rest
    EXPECT_EQ(sites.GetInterceptPop(), 4u); // E: demand 3 as F, the lower index
    // The LAN's PoP, then the largest demands left: F (3), C (1).
    EXPECT_EQ(sites.GetDepotPops(), (std::vector<uint32_t>{1, 5, 2}));
}

TEST(BackboneSites, NamedPopsAreTaken)
{
    const BackboneGraph g = SixPops();
    BackboneSites::Request r;
    r.lanPop = "C";
    r.modemPop = "F";
    r.edgePop = "E";
    r.interceptPop = "B";
    r.depotSites = 2;
    const BackboneSites sites(g, r);
    EXPECT_EQ(sites.GetLanPop(), 2u);
    EXPECT_EQ(sites.GetModemPop(), 5u);
    EXPECT_EQ(sites.GetEdgePop(), 4u);
    EXPECT_EQ(sites.GetInterceptPop(), 1u);
    // By demand B, D, A, E, F, C: the first not taken is D.
    EXPECT_EQ(sites.GetDepotPops(), (std::vector<uint32_t>{2, 3}));

    // A LAN named at D leaves the largest demand, B, to the modem pool; the edge is still A.
    BackboneSites::Request d;
    d.lanPop = "D";
    const BackboneSites other(g, d);
    EXPECT_EQ(other.GetModemPop(), 1u);
    EXPECT_EQ(other.GetEdgePop(), 0u);
    EXPECT_EQ(other.GetInterceptPop(), 4u);
}

TEST(BackboneSites, AChoiceThatCannotHoldNamesItsSetting)
{
    const BackboneGraph g = SixPops();
    auto with = [](auto set)
    {
        BackboneSites::Request r;
        set(r);
        return r;
    };
    EXPECT_EQ(Blamed(g, with([](auto& r) { r.lanPop = "Z"; })), "lanPop");
    EXPECT_EQ(Blamed(g, with([](auto& r) { r.modemPop = "Z"; })), "modemPop");
    EXPECT_EQ(Blamed(g, with([](auto& r) { r.edgePop = "Z"; })), "edgePop");
    EXPECT_EQ(Blamed(g, with([](auto& r) { r.interceptPop = "Z"; })), "interceptPop");
    // Two populations at one PoP.
    EXPECT_EQ(Blamed(g, with([](auto& r) { r.modemPop = "B"; })), "edgePop");
    EXPECT_EQ(Blamed(g, with([](auto& r) { r.edgePop = "D"; })), "edgePop");
    EXPECT_EQ(Blamed(g, with([](auto& r) { r.interceptPop = "A"; })), "interceptPop");
    // Six PoPs leave 3 depot sites beside the modem pool, the edge and the intercepted.
    EXPECT_EQ(Blamed(g, with([](auto& r) { r.depotSites = 3; })), "");
    EXPECT_EQ(Blamed(g, with([](auto& r) { r.depotSites = 4; })), "depotSites");
    EXPECT_EQ(Blamed(g, with([](auto& r) { r.depotSites = 0; })), "depotSites");

    BackboneGraph three("three");
    for (const char* name : {"A", "B", "C"})
    {
        three.AddNode(name);
    }
    three.AddLink(0, 1, 1.0);
    three.AddLink(1, 2, 1.0);
    EXPECT_EQ(Blamed(three, BackboneSites::Request{}), "topology");
}
