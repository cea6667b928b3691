/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef GREEDY_PLACEMENT_H
#define GREEDY_PLACEMENT_H

#include "placement-algorithm.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Qiu, Padmanabhan and Voelker's Greedy, the algorithm [ProxyTeller] uses: each step adds the
 * site whose proxy lowers the cost most, given the proxies already placed.
 *
 * The cost reduction of a site can only shrink as proxies are added (the cost is a sum of
 * minima), so gains computed in an earlier step are upper bounds: sites sit in a max-heap of
 * such bounds and only the top is re-evaluated, until a freshly computed gain stays on top
 * (lazy evaluation). Each node's current expected distance is updated in place when a proxy
 * is chosen. A step is O(n) per re-evaluated site; the first step evaluates every site.
 * Placement stops early when no site lowers the cost any more. Ties go to the lower index.
 */
class GreedyPlacement : public PlacementAlgorithm
{
  public:
    std::string GetName() const override;
    bool IsNested() const override;

  protected:
    PlacementResult DoPlace(const PlacementProblem& problem,
                            uint32_t k,
                            double target) const override;
};

} // namespace ns3

#endif // GREEDY_PLACEMENT_H
