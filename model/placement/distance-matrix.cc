/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "distance-matrix.h"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>

#include <stdexcept>

namespace ns3
{

DistanceMatrix::DistanceMatrix(const BackboneGraph& graph, Metric metric)
    : m_n(graph.GetNodeCount())
    , m_metric(metric)
    , m_d(size_t(m_n) * m_n, INFINITE)
{
    using Csr = boost::compressed_sparse_row_graph<boost::directedS,
                                                   boost::no_property,
                                                   float,
                                                   boost::no_property,
                                                   uint32_t,
                                                   uint32_t>;
    std::vector<std::pair<uint32_t, uint32_t>> arcs;
    std::vector<float> length;
    for (const auto& l : graph.GetLinks())
    {
        const float len = float(metric == LATENCY ? l.link.latencyMs : l.link.weight);
        arcs.emplace_back(l.a, l.b);
        arcs.emplace_back(l.b, l.a);
        length.push_back(len);
        length.push_back(len);
    }
    Csr g(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), length.begin(), m_n);
    std::vector<uint32_t> pred(m_n);
    for (uint32_t s = 0; s < m_n; ++s)
    {
        float* row = m_d.data() + size_t(s) * m_n;
        boost::dijkstra_shortest_paths_no_color_map(
            g,
            s,
            boost::predecessor_map(pred.data())
                .distance_map(row)
                .weight_map(boost::get(boost::edge_bundle, g))
                .distance_inf(INFINITE));
    }
}

uint32_t
DistanceMatrix::GetSize() const
{
    return m_n;
}

DistanceMatrix::Metric
DistanceMatrix::GetMetric() const
{
    return m_metric;
}

std::string
DistanceMatrix::GetMetricName() const
{
    return m_metric == LATENCY ? "latency" : "weight";
}

DistanceMatrix::Metric
DistanceMatrix::ParseMetric(const std::string& name)
{
    if (name == "latency")
    {
        return LATENCY;
    }
    if (name == "weight" || name == "bandwidth" || name == "load")
    {
        return WEIGHT;
    }
    throw std::invalid_argument("unknown metric '" + name
                                + "' (valid: latency, weight, bandwidth, load)");
}

} // namespace ns3
