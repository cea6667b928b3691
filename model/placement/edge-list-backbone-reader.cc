/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "edge-list-backbone-reader.h"

#include <cmath>
#include <limits>

namespace ns3
{

std::string
EdgeListBackboneReader::GetFormatName() const
{
    return "edgelist";
}

BackboneGraph
EdgeListBackboneReader::Read(std::istream& in, const std::string& name) const
{
    BackboneGraph g(name);
    std::string line;
    uint64_t n = 0;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    while (NextLine(in, line, n))
    {
        const std::vector<std::string> f = Split(line);
        try
        {
            if (f[0] == "node")
            {
                if (f.size() < 2 || f.size() > 5)
                {
                    throw TopologyFormatError(name, n, "expected 'node NAME [LAT LON] [DEMAND]'");
                }
                double lat = nan;
                double lon = nan;
                double demand = 1.0;
                if (f.size() == 3)
                {
                    demand = Number(f[2], "demand", name, n);
                }
                if (f.size() >= 4)
                {
                    lat = Number(f[2], "latitude", name, n);
                    lon = Number(f[3], "longitude", name, n);
                }
                if (f.size() == 5)
                {
                    demand = Number(f[4], "demand", name, n);
                }
                g.AddNode(f[1], lat, lon, demand);
            }
            else if (f[0] == "edge")
            {
                if (f.size() < 4 || f.size() > 5)
                {
                    throw TopologyFormatError(name, n, "expected 'edge A B LATENCY_MS [WEIGHT]'");
                }
                const int64_t a = g.FindNode(f[1]);
                const int64_t b = g.FindNode(f[2]);
                for (size_t i : {size_t(1), size_t(2)})
                {
                    if (g.FindNode(f[i]) < 0)
                    {
                        throw TopologyFormatError(name,
                                                  n,
                                                  "unknown node '" + f[i]
                                                      + "' (declare it with a node line first)");
                    }
                }
                double latency = 0;
                if (f[3] == "geo")
                {
                    latency = g.GeoLatencyMs(uint32_t(a), uint32_t(b));
                    if (std::isnan(latency))
                    {
                        throw TopologyFormatError(name,
                                                  n,
                                                  "latency 'geo' needs the positions of both "
                                                      + f[1] + " and " + f[2]);
                    }
                }
                else
                {
                    latency = Number(f[3], "latency", name, n);
                }
                const double weight = f.size() == 5 ? Number(f[4], "weight", name, n) : 1.0;
                g.AddLink(uint32_t(a), uint32_t(b), latency, weight);
            }
            else
            {
                throw TopologyFormatError(
                    name, n, "unknown statement '" + f[0] + "' (node or edge)");
            }
        }
        catch (const std::invalid_argument& e)
        {
            throw TopologyFormatError(name, n, e.what());
        }
    }
    return g;
}

} // namespace ns3
