/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PLACEMENT_REPORT_H
#define PLACEMENT_REPORT_H

#include "backbone-graph.h"
#include "placement-problem.h"
#include "placement-result.h"
#include "policy-advisor.h"

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * [ProxyTeller]'s output: the proxies placed, their number, the improvement achieved in each
 * metric, the replacement policy proposed for each proxy, the cost curve against k and the
 * run time; as text, JSON or CSV, and the graph as Graphviz DOT with the proxies marked.
 *
 * The placement is evaluated on every problem added (AddMetric), e.g. the latency and the
 * bandwidth (link weight) versions of the same backbone, each node using its own least-cost
 * server in each; the hit ratio is the fraction of demand served by proxy hits.
 */
class PlacementReport
{
  public:
    /**
     * \param graph the backbone \param result the placement
     */
    PlacementReport(const BackboneGraph& graph, const PlacementResult& result);

    /**
     * Evaluate the placement on a problem (which must outlive the report).
     * \param name metric name, e.g. "latency" \param problem the instance
     */
    void AddMetric(const std::string& name, const PlacementProblem& problem);

    /**
     * \param advice policy advice by node (as PolicyAdvisor::EvaluatePerNode gives)
     */
    void SetPolicies(const std::vector<PolicyAdvisor::Advice>& advice);

    /**
     * Mark a node in the picture (WriteDot, WritePng): a red outline and the note beside it,
     * e.g. a fault scheduled there ("crash 60-90 s").
     * \param node the node \param note its note
     * \exception std::invalid_argument for a node out of range
     */
    void MarkNode(uint32_t node, const std::string& note);

    /**
     * Mark a link in the picture: drawn red and dashed, labelled with the note.
     * \param a one end \param b the other end \param note its note
     * \exception std::invalid_argument when the graph has no link between a and b
     */
    void MarkLink(uint32_t a, uint32_t b, const std::string& note);

    /// \param os where to write a human-readable summary
    void WriteText(std::ostream& os) const;
    /// \param os where to write one JSON object
    void WriteJson(std::ostream& os) const;
    /**
     * CSV, one row per proxy:
     * order,node,name,policy,byte_hit_ratio,nodes_served,demand_served.
     * \param os where to write
     */
    void WriteCsv(std::ostream& os) const;
    /// \param os where to write the curve as CSV: k,cost,improvement
    void WriteCurveCsv(std::ostream& os) const;
    /**
     * Graphviz DOT: proxies filled, the origin a box, links labelled with their latency (up
     * to DOT_LABELLED_LINKS links: more would hide the graph). When every node has
     * coordinates, the nodes are pinned at them (equirectangular, north up) and the layout is
     * neato's, so that any Graphviz program draws the geographic map; otherwise neato (sfdp
     * beyond 100 nodes) places them. Marked nodes and links (MarkNode, MarkLink) are drawn
     * red with their notes.
     * \param os where to write
     */
    void WriteDot(std::ostream& os) const;

    /**
     * Draw the graph as WriteDot gives it into a PNG file with Graphviz's dot program.
     * \param path the PNG file to write
     * \param program the Graphviz program to run ("dot" unless a test needs another)
     * \exception std::runtime_error naming the file and the problem when Graphviz is not
     *            installed, fails, or does not write a PNG
     */
    void WritePng(const std::string& path, const std::string& program = "dot") const;

    /// Links with a latency label in WriteDot at most.
    static constexpr uint32_t DOT_LABELLED_LINKS = 80;

    /**
     * \param text any text \return text as a JSON string literal (quoted, escaped)
     */
    static std::string JsonString(const std::string& text);

  private:
    /// One metric the placement is evaluated on.
    struct Metric
    {
        std::string name;                //!< metric name
        const PlacementProblem* problem; //!< the instance
    };

    /// \return the policy advice of node p, or null
    /// \param p node
    const PolicyAdvisor::Advice* AdviceOf(uint32_t p) const;

    const BackboneGraph& m_graph;                                     //!< the backbone
    PlacementResult m_result;                                         //!< the placement
    std::vector<Metric> m_metrics;                                    //!< evaluations
    std::vector<PolicyAdvisor::Advice> m_advice;                      //!< by node (may be empty)
    std::map<uint32_t, std::string> m_nodeNotes;                      //!< marked nodes
    std::map<std::pair<uint32_t, uint32_t>, std::string> m_linkNotes; //!< marked links (a < b)
};

} // namespace ns3

#endif // PLACEMENT_REPORT_H
