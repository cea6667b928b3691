/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "distance-matrix.h"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace ns3
{

DistanceMatrix::DistanceMatrix(const BackboneGraph& graph, Metric metric, uint32_t threads)
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
    const Csr g(
        boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), length.begin(), m_n);

    // Each source's row is written by one worker only and depends on nothing but the graph,
    // so the matrix is the same whatever the number of workers.
    std::atomic<uint32_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto work = [&]()
    {
        std::vector<uint32_t> pred(m_n);
        constexpr uint32_t block = 16; // sources taken at a time: few atomic operations
        try
        {
            for (uint32_t first = next.fetch_add(block); first < m_n; first = next.fetch_add(block))
            {
                for (uint32_t s = first; s < std::min(m_n, first + block); ++s)
                {
                    boost::dijkstra_shortest_paths_no_color_map(
                        g,
                        s,
                        boost::predecessor_map(pred.data())
                            .distance_map(m_d.data() + size_t(s) * m_n)
                            .weight_map(boost::get(boost::edge_bundle, g))
                            .distance_inf(INFINITE));
                }
            }
        }
        catch (...)
        {
            const std::lock_guard<std::mutex> lock(failureMutex);
            failure = std::current_exception();
            next = m_n; // the others stop at their next block
        }
    };
    if (threads == 0)
    {
        // A worker costs a thread start and a predecessor array: not worth it for small graphs.
        threads
            = std::min(std::max(1U, std::thread::hardware_concurrency()), std::max(1U, m_n / 256));
    }
    std::vector<std::thread> workers;
    for (uint32_t i = 1; i < threads; ++i)
    {
        workers.emplace_back(work);
    }
    work();
    for (auto& w : workers)
    {
        w.join();
    }
    if (failure)
    {
        std::rethrow_exception(failure);
    }
}

uint32_t
DistanceMatrix::GetSize() const
{
    return m_n;
}

uint32_t
DistanceMatrix::GetLastLink(const BackboneGraph& graph, uint32_t from, uint32_t to) const
{
    if (from >= m_n || to >= m_n || graph.GetNodeCount() != m_n)
    {
        throw std::invalid_argument("DistanceMatrix: no last link from node " + std::to_string(from)
                                    + " to node " + std::to_string(to) + " in a matrix of "
                                    + std::to_string(m_n) + " nodes for a graph of "
                                    + std::to_string(graph.GetNodeCount()));
    }
    const auto& links = graph.GetLinks();
    uint32_t best = 0;
    double bestD = INFINITE;
    for (uint32_t k = 0; k < links.size(); ++k)
    {
        const auto& l = links[k];
        if (l.a != to && l.b != to)
        {
            continue;
        }
        const double len = m_metric == LATENCY ? l.link.latencyMs : l.link.weight;
        const double d = Get(from, l.a == to ? l.b : l.a) + len;
        if (d < bestD)
        {
            best = k;
            bestD = d;
        }
    }
    if (bestD == double(INFINITE))
    {
        throw std::invalid_argument("DistanceMatrix: node " + std::to_string(to)
                                    + " is not reachable from node " + std::to_string(from)
                                    + " over any of its links");
    }
    return best;
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
