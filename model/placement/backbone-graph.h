/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef BACKBONE_GRAPH_H
#define BACKBONE_GRAPH_H

#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * One node of a backbone: a point of presence that stands for the users attached to it
 * ([ProxyTeller]'s node weight is their demand).
 */
struct BackboneNode
{
    std::string name;                                           //!< unique name
    double latitude{std::numeric_limits<double>::quiet_NaN()};  //!< degrees, NaN: unknown
    double longitude{std::numeric_limits<double>::quiet_NaN()}; //!< degrees, NaN: unknown
    double demand{1.0}; //!< node weight: requested bytes (any unit), >= 0

    /// \return true when latitude and longitude are known
    bool HasPosition() const;
};

/**
 * \ingroup web-proxy
 * One link of a backbone (undirected).
 */
struct BackboneLink
{
    double latencyMs{1.0}; //!< one-way latency, milliseconds, >= 0
    double weight{1.0};    //!< [ProxyTeller]'s edge weight (load, cost per byte), >= 0
};

/**
 * \ingroup web-proxy
 * An ISP backbone as an undirected Boost.Graph adjacency_list: named nodes with an optional
 * position and a demand, links with a latency and a weight.
 *
 * Rules that every reader shares: a link from a node to itself is never on a shortest path,
 * so AddLink skips it; a second link between the same two nodes (parallel links of a
 * multigraph) is merged into the first, keeping the smaller latency and the smaller weight.
 * Both are counted and described in GetWarnings().
 */
class BackboneGraph
{
  public:
    /// The Boost graph.
    using Graph = boost::
        adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, BackboneNode, BackboneLink>;

    /// Speed of light in fibre, km per millisecond (about 2/3 of c).
    static constexpr double FIBRE_KM_PER_MS = 200.0;

    /**
     * \param name of the graph (e.g. the file it was read from)
     */
    explicit BackboneGraph(const std::string& name = "backbone");

    /// \return the graph's name
    const std::string& GetName() const;

    /**
     * Add a node.
     * \param name unique, non-empty name
     * \param latitude degrees (NaN: unknown)
     * \param longitude degrees (NaN: unknown)
     * \param demand node weight, >= 0
     * \return its index (nodes are numbered 0, 1, ... in the order added)
     * \throws std::invalid_argument for an empty or duplicate name, a position out of range,
     *         only one of latitude and longitude, or a negative or non-finite demand
     */
    uint32_t AddNode(const std::string& name,
                     double latitude = std::numeric_limits<double>::quiet_NaN(),
                     double longitude = std::numeric_limits<double>::quiet_NaN(),
                     double demand = 1.0);

    /**
     * Add an undirected link (see the class comment for self and parallel links).
     * \param a one end (index)
     * \param b other end (index)
     * \param latencyMs one-way latency, ms, finite and >= 0
     * \param weight edge weight, finite and >= 0
     * \return true when a link was added, false when skipped (self) or merged (parallel)
     * \throws std::invalid_argument for an unknown index or a bad latency or weight
     */
    bool AddLink(uint32_t a, uint32_t b, double latencyMs, double weight = 1.0);

    /// \return the number of nodes
    uint32_t GetNodeCount() const;
    /// \return the number of links
    uint32_t GetLinkCount() const;

    /**
     * \param i node index
     * \return the node
     */
    const BackboneNode& GetNode(uint32_t i) const;

    /**
     * Set a node's demand.
     * \param i node index
     * \param demand >= 0
     */
    void SetDemand(uint32_t i, double demand);

    /// \return every node's demand, by index
    std::vector<double> GetDemands() const;

    /**
     * \param name a node name
     * \return its index, or -1 when there is no such node
     */
    int64_t FindNode(const std::string& name) const;

    /**
     * \param name a node name
     * \return its index
     * \throws std::invalid_argument naming the node when there is none
     */
    uint32_t GetNodeIndex(const std::string& name) const;

    /// One link, for iteration.
    struct LinkEnds
    {
        uint32_t a;        //!< one end
        uint32_t b;        //!< other end (a < b)
        BackboneLink link; //!< latency and weight
    };

    /// \return every link, in the order added
    std::vector<LinkEnds> GetLinks() const;

    /**
     * Connected components.
     * \param component if not null, receives each node's component number
     * \return the number of components (0 for an empty graph)
     */
    uint32_t CountComponents(std::vector<uint32_t>* component = nullptr) const;

    /// \return the subgraph of the largest connected component (first one on ties)
    BackboneGraph LargestComponent() const;

    /// \return the Boost graph
    const Graph& GetGraph() const;

    /**
     * Note a problem that a reader worked around (e.g. a link without a computable latency).
     * \param text the warning
     */
    void AddWarning(const std::string& text);

    /// \return the warnings, in order (self links, parallel links, readers' fallbacks)
    const std::vector<std::string>& GetWarnings() const;

    /**
     * Great-circle distance on a sphere of the Earth's mean radius (haversine formula).
     * \param lat1 latitude, degrees \param lon1 longitude, degrees
     * \param lat2 latitude, degrees \param lon2 longitude, degrees
     * \return km
     */
    static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2);

    /**
     * Propagation latency between two positioned nodes over a straight fibre.
     * \param a node index \param b node index
     * \return ms (great-circle km / FIBRE_KM_PER_MS), or NaN when a position is unknown
     */
    double GeoLatencyMs(uint32_t a, uint32_t b) const;

  private:
    std::string m_name;                                //!< graph name
    Graph m_graph;                                     //!< the graph
    std::unordered_map<std::string, uint32_t> m_index; //!< node index by name
    std::vector<std::string> m_warnings;               //!< notes of the readers
};

} // namespace ns3

#endif // BACKBONE_GRAPH_H
