/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PLACEMENT_PROBLEM_H
#define PLACEMENT_PROBLEM_H

#include "backbone-graph.h"
#include "distance-matrix.h"
#include "placement-result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * [ProxyTeller]'s placement cost, the replica-placement cost of Qiu, Padmanabhan and Voelker
 * (INFOCOM 2001) adapted to partial replicas.
 *
 * Node v requests demand w_v (node weight); without proxies all of it travels the shortest
 * path to the origin node o, costing w_v d(v,o) (d: shortest-path distance under the chosen
 * link metric, DistanceMatrix). A proxy at p with byte hit ratio h_p serves h_p of the bytes
 * of the nodes that use it; the other 1 - h_p come from the origin. With MissPath VIA_PROXY
 * (forward proxies on the request route) a miss travels v - p - o:
 *     c(v,p) = h_p d(v,p) + (1 - h_p) (d(v,p) + d(p,o)) = d(v,p) + (1 - h_p) d(p,o);
 * with DIRECT (the client fetches misses from the origin itself)
 *     c(v,p) = h_p d(v,p) + (1 - h_p) d(v,o).
 * Each node uses the server, proxy or origin, of least expected distance c (its "nearest";
 * with h = 1 this is Qiu et al.'s nearest replica), so
 *     cost(P) = sum_v w_v min(d(v,o), min_{p in P} c(v,p)),
 * which never grows when a proxy is added. Candidate sites are every node but the origin.
 */
class PlacementProblem
{
  public:
    /// Where the misses of a proxy are fetched from.
    enum MissPath
    {
        VIA_PROXY, //!< client - proxy - origin
        DIRECT,    //!< client - origin
    };

    /**
     * \param graph the backbone (node demands; names for messages)
     * \param distances its shortest-path distances; must outlive this object
     * \param origin the origin server's node
     * \param missPath the miss path
     * \throws std::invalid_argument for an origin out of range, a matrix of another size, or
     *         a node that cannot reach the origin (disconnected graph: use
     *         BackboneGraph::LargestComponent())
     */
    PlacementProblem(const BackboneGraph& graph,
                     const DistanceMatrix& distances,
                     uint32_t origin,
                     MissPath missPath = VIA_PROXY);

    /**
     * Set every node's byte hit ratio (default 1: full replicas).
     * \param h in [0, 1]
     */
    void SetHitRatio(double h);
    /**
     * Set one node's byte hit ratio (as a proxy site).
     * \param node index \param h in [0, 1]
     */
    void SetHitRatio(uint32_t node, double h);
    /// \param node index \return its byte hit ratio
    double GetHitRatio(uint32_t node) const;

    /// \return the number of nodes
    uint32_t GetNodeCount() const;
    /// \return the origin's node
    uint32_t GetOrigin() const;
    /// \return the miss path
    MissPath GetMissPath() const;
    /// \return the node weights
    const std::vector<double>& GetDemands() const;
    /// \return the distances
    const DistanceMatrix& GetDistances() const;
    /// \return the candidate sites: every node but the origin, ascending
    std::vector<uint32_t> GetCandidates() const;

    /**
     * Expected distance from v when served by p (the origin when p is the origin).
     * \param v client node \param p server node
     * \return c(v,p)
     */
    double ServeCost(uint32_t v, uint32_t p) const
    {
        const auto& d = *m_d;
        return m_alpha[p] * d.Get(p, v) + m_beta[p] * d.Get(m_origin, v) + m_gamma[p];
    }

    /**
     * Per-node serving costs of a site, c(v,p) for all v, in the form
     * alpha * Row(p)[v] + beta * Row(origin)[v] + gamma (for tight loops).
     * \param p the site \param alpha receives alpha \param beta receives beta
     * \param gamma receives gamma
     */
    void GetCostForm(uint32_t p, double& alpha, double& beta, double& gamma) const;

    /// \return d(v, origin) for every v (the cost per unit demand without proxies)
    std::vector<double> GetBaseDistances() const;

    /// \return the cost without proxies
    double GetBaseline() const;

    /**
     * \param proxies chosen sites
     * \return cost(proxies)
     * \throws std::invalid_argument for an index out of range
     */
    double Cost(const std::vector<uint32_t>& proxies) const;

    /**
     * \param proxies chosen sites
     * \return for every node the server it uses: a proxy's index, or the origin's
     */
    std::vector<uint32_t> Assign(const std::vector<uint32_t>& proxies) const;

    /**
     * \param proxies chosen sites
     * \return the fraction of all demand that proxy hits serve (sum of w_v h_p over nodes
     *         that use a proxy p, over the sum of w_v)
     */
    double HitFraction(const std::vector<uint32_t>& proxies) const;

    /**
     * Mean over nodes of the distance to their nearest other node (HotSpot's default
     * vicinity radius: about one link).
     * \return the mean, or 0 for fewer than two nodes
     */
    double GetMeanNearestDistance() const;

    /**
     * The curve, cost and stop of a given order of sites: proxies are taken in order until
     * k are placed (0: no limit), the improvement reaches target, or the order ends.
     * \param order the sites, best first
     * \param k most proxies (0: no limit)
     * \param target improvement 1 - cost/baseline at which to stop (> 1: never)
     * \param algorithm name for the result
     * \return the result (seconds not set)
     */
    PlacementResult EvaluateOrder(const std::vector<uint32_t>& order,
                                  uint32_t k,
                                  double target,
                                  const std::string& algorithm) const;

    /// \return the name of node i (for messages and reports)
    /// \param i node index
    const std::string& GetNodeName(uint32_t i) const;

  private:
    /// Recompute the cost forms after a change of hit ratio.
    void Update();

    const DistanceMatrix* m_d;        //!< distances
    std::vector<double> m_w;          //!< demands
    std::vector<std::string> m_names; //!< node names
    uint32_t m_origin;                //!< origin node
    MissPath m_miss;                  //!< miss path
    std::vector<double> m_h;          //!< byte hit ratio by node
    std::vector<double> m_alpha;      //!< cost form: factor of d(p,v)
    std::vector<double> m_beta;       //!< cost form: factor of d(o,v)
    std::vector<double> m_gamma;      //!< cost form: constant
};

} // namespace ns3

#endif // PLACEMENT_PROBLEM_H
