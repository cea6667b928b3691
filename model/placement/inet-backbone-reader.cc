/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "inet-backbone-reader.h"

#include <cmath>

namespace ns3
{

std::string
InetBackboneReader::GetFormatName() const
{
    return "inet";
}

BackboneGraph
InetBackboneReader::Read(std::istream& in, const std::string& name) const
{
    BackboneGraph g(name);
    std::string line;
    uint64_t n = 0;
    if (!NextLine(in, line, n))
    {
        throw TopologyFormatError(name, 0, "empty file: expected a header 'NODES LINKS'");
    }
    std::vector<std::string> f = Split(line);
    if (f.size() != 2)
    {
        throw TopologyFormatError(name, n, "expected a header 'NODES LINKS'");
    }
    const double nodes = Number(f[0], "node count", name, n);
    const double links = Number(f[1], "link count", name, n);
    // Checked before any conversion: a double beyond uint64_t does not convert (undefined
    // behaviour), and node indices are 32-bit.
    constexpr double maxCount = 4294967295.0;
    for (double count : {nodes, links})
    {
        if (!(count >= 0 && count <= maxCount) || count != std::floor(count))
        {
            throw TopologyFormatError(name,
                                      n,
                                      "node and link counts must be integers from 0 to at most "
                                      "4294967295");
        }
    }
    for (uint64_t i = 0; i < uint64_t(nodes); ++i)
    {
        if (!NextLine(in, line, n))
        {
            throw TopologyFormatError(name,
                                      n,
                                      "file ends after " + std::to_string(i) + " of "
                                          + std::to_string(uint64_t(nodes)) + " node lines");
        }
        f = Split(line);
        if (f.size() != 3)
        {
            throw TopologyFormatError(name, n, "expected a node line 'ID X Y'");
        }
        Number(f[1], "x", name, n);
        Number(f[2], "y", name, n);
        try
        {
            g.AddNode(f[0]);
        }
        catch (const std::invalid_argument& e)
        {
            throw TopologyFormatError(name, n, e.what());
        }
    }
    for (uint64_t i = 0; i < uint64_t(links); ++i)
    {
        if (!NextLine(in, line, n))
        {
            throw TopologyFormatError(name,
                                      n,
                                      "file ends after " + std::to_string(i) + " of "
                                          + std::to_string(uint64_t(links)) + " link lines");
        }
        f = Split(line);
        if (f.size() != 3)
        {
            throw TopologyFormatError(name, n, "expected a link line 'FROM TO WEIGHT'");
        }
        const double w = Number(f[2], "link weight", name, n);
        for (size_t k : {size_t(0), size_t(1)})
        {
            if (g.FindNode(f[k]) < 0)
            {
                throw TopologyFormatError(name, n, "link to undeclared node '" + f[k] + "'");
            }
        }
        try
        {
            g.AddLink(g.GetNodeIndex(f[0]), g.GetNodeIndex(f[1]), w, w);
        }
        catch (const std::invalid_argument& e)
        {
            throw TopologyFormatError(name, n, e.what());
        }
    }
    if (NextLine(in, line, n))
    {
        throw TopologyFormatError(name, n, "more lines than the header declares");
    }
    return g;
}

} // namespace ns3
