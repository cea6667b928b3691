/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef EXACT_PLACEMENT_H
#define EXACT_PLACEMENT_H

#include "placement-algorithm.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * The optimal placement by branch and bound, for small instances (tens of nodes, a few
 * proxies). The search starts from LocalSearchPlacement's answer as the incumbent; each search
 * node branches on the remaining site of largest gain (with it, without it). A node is cut
 * when its lower bound reaches the incumbent; the bound is the larger of
 *  - the cost so far minus the r largest single-site gains of the remaining sites (r proxies
 *    left; valid because the gain of a set is at most the sum of its members' gains), and
 *  - the cost if every node were served by its best remaining site or current server.
 * When the node limit is hit, the result is the best found (optimal false) and lowerBound is
 * the root bound.
 */
class ExactPlacement : public PlacementAlgorithm
{
  public:
    /**
     * \param maxNodes most search nodes per k
     */
    explicit ExactPlacement(uint64_t maxNodes = 10000000);

    std::string GetName() const override;

    /**
     * The root bound: a lower bound on the cost of any placement of at most k proxies.
     * \param problem the instance \param k proxies
     * \return the bound
     */
    static double LowerBound(const PlacementProblem& problem, uint32_t k);

    /// \return search nodes visited by the last run (all k)
    uint64_t GetNodesVisited() const;

  protected:
    PlacementResult DoPlace(const PlacementProblem& problem,
                            uint32_t k,
                            double target) const override;

  private:
    uint64_t m_maxNodes;           //!< node limit per k
    mutable uint64_t m_visited{0}; //!< nodes of the last run
};

} // namespace ns3

#endif // EXACT_PLACEMENT_H
