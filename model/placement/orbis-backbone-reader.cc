/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "orbis-backbone-reader.h"

namespace ns3
{

std::string
OrbisBackboneReader::GetFormatName() const
{
    return "orbis";
}

BackboneGraph
OrbisBackboneReader::Read(std::istream& in, const std::string& name) const
{
    BackboneGraph g(name);
    std::string line;
    uint64_t n = 0;
    while (NextLine(in, line, n))
    {
        const std::vector<std::string> f = Split(line);
        if (f.size() != 2)
        {
            throw TopologyFormatError(name, n, "expected a link line 'FROM TO'");
        }
        uint32_t ends[2];
        for (size_t k : {size_t(0), size_t(1)})
        {
            const int64_t i = g.FindNode(f[k]);
            ends[k] = i >= 0 ? uint32_t(i) : g.AddNode(f[k]);
        }
        g.AddLink(ends[0], ends[1], 1.0, 1.0);
    }
    g.AddWarning("the Orbis format has no latencies: every link has 1 ms and weight 1");
    return g;
}

} // namespace ns3
