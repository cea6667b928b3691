/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rocketfuel-backbone-reader.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

namespace ns3
{

namespace
{

/// Links of one Rocketfuel file: value by (smaller name, larger name), in file order.
struct DirectedLinks
{
    std::vector<std::pair<std::string, std::string>> order;      //!< first appearance
    std::map<std::pair<std::string, std::string>, double> value; //!< smaller of the two
    std::vector<std::string> nodes;                              //!< node names, in order
};

/**
 * Parse one file.
 * \param in the stream \param name its name \param what "latency" or "weight"
 * \param warnings receives a note for each link whose two directions differ
 * \return the links
 */
DirectedLinks
Parse(std::istream& in,
      const std::string& name,
      const std::string& what,
      std::vector<std::string>& warnings,
      bool (*next)(std::istream&, std::string&, uint64_t&),
      std::vector<std::string> (*split)(const std::string&),
      double (*number)(const std::string&, const std::string&, const std::string&, uint64_t))
{
    DirectedLinks out;
    std::map<std::string, bool> seen;
    std::string line;
    uint64_t n = 0;
    while (next(in, line, n))
    {
        const std::vector<std::string> f = split(line);
        if (f.size() != 3)
        {
            throw TopologyFormatError(name, n, "expected 'FROM TO " + what + "'");
        }
        const double v = number(f[2], what, name, n);
        if (v < 0)
        {
            throw TopologyFormatError(name, n, what + " '" + f[2] + "' is negative");
        }
        for (size_t k : {size_t(0), size_t(1)})
        {
            if (seen.emplace(f[k], true).second)
            {
                out.nodes.push_back(f[k]);
            }
        }
        auto key = f[0] < f[1] ? std::make_pair(f[0], f[1]) : std::make_pair(f[1], f[0]);
        auto [it, added] = out.value.emplace(key, v);
        if (added)
        {
            out.order.push_back(key);
        }
        else if (it->second != v)
        {
            warnings.push_back(name + ":" + std::to_string(n) + ": " + what + " of " + f[0] + " - "
                               + f[1] + " differs by direction; the smaller is kept");
            it->second = std::min(it->second, v);
        }
    }
    return out;
}

} // namespace

RocketfuelBackboneReader::RocketfuelBackboneReader(bool weights)
    : m_weights(weights)
{}

std::string
RocketfuelBackboneReader::GetFormatName() const
{
    return "rocketfuel";
}

BackboneGraph
RocketfuelBackboneReader::Read(std::istream& in, const std::string& name) const
{
    std::vector<std::string> warnings;
    DirectedLinks l
        = Parse(in, name, m_weights ? "weight" : "latency", warnings, &NextLine, &Split, &Number);
    BackboneGraph g(name);
    for (const auto& node : l.nodes)
    {
        g.AddNode(node);
    }
    for (const auto& key : l.order)
    {
        const double v = l.value[key];
        g.AddLink(g.GetNodeIndex(key.first),
                  g.GetNodeIndex(key.second),
                  m_weights ? 1.0 : v,
                  m_weights ? v : 1.0);
    }
    for (const auto& w : warnings)
    {
        g.AddWarning(w);
    }
    return g;
}

BackboneGraph
RocketfuelBackboneReader::ReadFile(const std::string& path) const
{
    struct stat st;
    if (stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    {
        return BackboneReader::ReadFile(path);
    }
    const std::string latPath = path + "/latencies.intra";
    std::ifstream lat(latPath);
    if (!lat)
    {
        throw TopologyFormatError(latPath,
                                  0,
                                  std::string("cannot open the Rocketfuel latencies: ")
                                      + std::strerror(errno));
    }
    BackboneGraph g = RocketfuelBackboneReader(false).Read(lat, latPath);
    const std::string wPath = path + "/weights.intra";
    std::ifstream w(wPath);
    if (!w)
    {
        return g; // weights are optional: every link keeps weight 1
    }
    std::vector<std::string> warnings;
    DirectedLinks wl = Parse(w, wPath, "weight", warnings, &NextLine, &Split, &Number);
    BackboneGraph out(path);
    for (uint32_t i = 0; i < g.GetNodeCount(); ++i)
    {
        out.AddNode(g.GetNode(i).name);
    }
    std::map<std::pair<std::string, std::string>, bool> known;
    for (const auto& link : g.GetLinks())
    {
        std::string a = g.GetNode(link.a).name;
        std::string b = g.GetNode(link.b).name;
        auto key = a < b ? std::make_pair(a, b) : std::make_pair(b, a);
        known[key] = true;
        auto it = wl.value.find(key);
        out.AddLink(link.a, link.b, link.link.latencyMs, it == wl.value.end() ? 1.0 : it->second);
    }
    for (const auto& x : g.GetWarnings())
    {
        out.AddWarning(x);
    }
    for (const auto& x : warnings)
    {
        out.AddWarning(x);
    }
    for (const auto& key : wl.order)
    {
        if (!known.count(key))
        {
            out.AddWarning(wPath + ": link " + key.first + " - " + key.second
                           + " is not in latencies.intra: its weight is ignored");
        }
    }
    return out;
}

} // namespace ns3
