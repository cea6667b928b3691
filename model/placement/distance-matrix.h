/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DISTANCE_MATRIX_H
#define DISTANCE_MATRIX_H

#include "backbone-graph.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * All-pairs shortest-path distances of a BackboneGraph under one link metric, by Dijkstra
 * from every node (Boost's dijkstra_shortest_paths_no_color_map over a compressed sparse row
 * copy of the graph). Link lengths are non-negative, so Johnson's reweighting is not needed.
 *
 * The rows are computed by several threads (one per core unless told otherwise): each row
 * depends only on the graph, so the result does not depend on the number of threads. On the
 * placement benchmark's 10,000-node backbone the shortest paths take most of the run time.
 *
 * Distances are stored as float, n x n (400 MB for 10,000 nodes): the placement algorithms
 * read a whole row per candidate site, and float halves the memory traffic. Unreachable
 * pairs are INFINITE.
 */
class DistanceMatrix
{
  public:
    /// Which link attribute is the length.
    enum Metric
    {
        LATENCY, //!< BackboneLink::latencyMs (user latency)
        WEIGHT,  //!< BackboneLink::weight (bandwidth: load per byte carried)
    };

    /// Distance of an unreachable pair.
    static constexpr float INFINITE = std::numeric_limits<float>::infinity();

    /**
     * \param graph the backbone
     * \param metric the link length
     * \param threads worker threads (0: one per hardware thread, and one for graphs under
     *        512 nodes)
     */
    DistanceMatrix(const BackboneGraph& graph, Metric metric, uint32_t threads = 0);

    /// \return the number of nodes
    uint32_t GetSize() const;

    /**
     * \param from node index \param to node index
     * \return the shortest-path distance (INFINITE when unreachable)
     */
    float Get(uint32_t from, uint32_t to) const
    {
        return m_d[size_t(from) * m_n + to];
    }

    /**
     * \param from node index
     * \return the distances from it to every node (GetSize() entries)
     */
    const float* Row(uint32_t from) const
    {
        return m_d.data() + size_t(from) * m_n;
    }

    /**
     * The last link of a shortest path: the link into `to` that minimises the distance from
     * `from` to its other end plus its own length (ties: the lower link index). A fault
     * scenario fails it to cut the path a client's traffic takes into a PoP.
     * \param graph the backbone this matrix was computed from
     * \param from node index \param to node index
     * \return the link's index in graph.GetLinks()
     * \throws std::invalid_argument when `to` is unreachable from `from` over any of its links,
     *         a node is out of range, or the graph is not the matrix's size
     */
    uint32_t GetLastLink(const BackboneGraph& graph, uint32_t from, uint32_t to) const;

    /// \return the metric
    Metric GetMetric() const;

    /// \return "latency" or "weight"
    std::string GetMetricName() const;

    /**
     * \param name "latency" or "weight" (also "bandwidth", "load")
     * \return the metric
     * \throws std::invalid_argument naming the text
     */
    static Metric ParseMetric(const std::string& name);

  private:
    uint32_t m_n;           //!< nodes
    Metric m_metric;        //!< the link length
    std::vector<float> m_d; //!< row-major distances
};

} // namespace ns3

#endif // DISTANCE_MATRIX_H
