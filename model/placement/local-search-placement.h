/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LOCAL_SEARCH_PLACEMENT_H
#define LOCAL_SEARCH_PLACEMENT_H

#include "placement-algorithm.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Vertex substitution (Teitz and Bart's interchange) started from Greedy: while some swap of
 * a placed proxy for an unplaced site lowers the cost, the best such swap is made. A pass
 * evaluates every swap in O(n^2) (not O(k n^2)): for each entering site q one sweep over the
 * nodes, with each node's best and second-best server, gives the cost change of removing
 * every placed proxy at once. The result is never worse than Greedy's for the same k.
 *
 * The curve holds the local optimum started from Greedy's first i proxies, for each i.
 */
class LocalSearchPlacement : public PlacementAlgorithm
{
  public:
    /**
     * \param maxPasses most swaps per k
     */
    explicit LocalSearchPlacement(uint32_t maxPasses = 10000);

    std::string GetName() const override;

    /**
     * Improve one placement by swaps.
     * \param problem the instance
     * \param proxies the start, improved in place
     * \return its cost
     */
    double Improve(const PlacementProblem& problem, std::vector<uint32_t>& proxies) const;

  protected:
    PlacementResult DoPlace(const PlacementProblem& problem,
                            uint32_t k,
                            double target) const override;

  private:
    uint32_t m_maxPasses; //!< most swaps per k
};

} // namespace ns3

#endif // LOCAL_SEARCH_PLACEMENT_H
