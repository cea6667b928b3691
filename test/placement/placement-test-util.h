/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Shared by the placement tests: where the real topologies are, temporary files, and small
 * random backbones.
 */
#ifndef PLACEMENT_TEST_UTIL_H
#define PLACEMENT_TEST_UTIL_H

#include "ns3/backbone-graph.h"
#include "ns3/random-variable-stream.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace ns3
{
namespace placementtest
{

/**
 * \return the directory of the real topologies: WEB_PROXY_TOPOLOGIES if set, else the
 * project's shared data beside the source tree (../shared/data/topologies), read in place.
 */
inline std::string
TopologyDir()
{
    const char* env = std::getenv("WEB_PROXY_TOPOLOGIES");
#ifdef WEB_PROXY_TOPOLOGY_DIR
    return env ? env : WEB_PROXY_TOPOLOGY_DIR;
#else
    return env ? env : "../shared/data/topologies";
#endif
}

/// \return true when the topology directory exists
inline bool
HaveTopologies()
{
    struct stat st;
    return stat(TopologyDir().c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

/**
 * Write a file under the test output directory.
 * \param name file name \param text contents \return its path
 */
inline std::string
WriteFile(const std::string& name, const std::string& text)
{
#ifdef WEB_PROXY_TEST_OUTPUT_DIR
    const std::string path = std::string(WEB_PROXY_TEST_OUTPUT_DIR) + "/" + name;
#else
    const std::string path = "/tmp/" + name;
#endif
    std::ofstream(path) << text;
    return path;
}

/**
 * A connected random backbone: a random tree plus extra links, integer latencies 1..20 ms,
 * weights 1..5, demands 1..10.
 * \param n nodes \param extra extra links \param stream ns-3 stream
 * \return the graph
 */
/// \return a path A - B - C - D with latencies 1, 2, 3 ms and unit demands
/// \param name the graph's name
inline BackboneGraph
Path(const std::string& name = "path")
{
    BackboneGraph g(name);
    for (const char* n : {"A", "B", "C", "D"})
    {
        g.AddNode(n);
    }
    g.AddLink(0, 1, 1);
    g.AddLink(1, 2, 2);
    g.AddLink(2, 3, 3);
    return g;
}

inline BackboneGraph
RandomBackbone(uint32_t n, uint32_t extra, int64_t stream)
{
    Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
    u->SetStream(stream);
    BackboneGraph g("random" + std::to_string(stream));
    for (uint32_t i = 0; i < n; ++i)
    {
        g.AddNode("r" + std::to_string(i),
                  std::numeric_limits<double>::quiet_NaN(),
                  std::numeric_limits<double>::quiet_NaN(),
                  u->GetInteger(1, 10));
    }
    for (uint32_t i = 1; i < n; ++i)
    {
        // One draw per statement (a call's arguments are evaluated in an unspecified order:
        // g++ went right to left, clang left to right); in g++'s order, which the cases were
        // written against.
        const uint32_t weight = u->GetInteger(1, 5);
        const uint32_t latency = u->GetInteger(1, 20);
        const uint32_t peer = u->GetInteger(0, i - 1);
        g.AddLink(i, peer, latency, weight);
    }
    for (uint32_t e = 0; e < extra; ++e)
    {
        const uint32_t a = u->GetInteger(0, n - 1);
        const uint32_t b = u->GetInteger(0, n - 1);
        const uint32_t weight = u->GetInteger(1, 5);
        const uint32_t latency = u->GetInteger(1, 20);
        g.AddLink(a, b, latency, weight);
    }
    return g;
}

} // namespace placementtest
} // namespace ns3

#endif // PLACEMENT_TEST_UTIL_H
