/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PLACEMENT_ALGORITHM_H
#define PLACEMENT_ALGORITHM_H

#include "placement-problem.h"
#include "placement-result.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A proxy placement algorithm: GreedyPlacement, HotSpotPlacement, RandomPlacement,
 * ExactPlacement, LocalSearchPlacement.
 *
 * The stop rule is [ProxyTeller]'s: proxies are added until the improvement over no proxies,
 * 1 - cost/baseline, reaches a target, or k proxies are placed, whichever comes first.
 * [ProxyTeller]'s third metric, the hit ratio, has its own rule (RunToHitFraction): the
 * algorithm still places by cost, and stops when proxy hits serve a given share of the demand.
 */
class PlacementAlgorithm
{
  public:
    /// A target that is never reached: stop at k only.
    static constexpr double NO_TARGET = 2.0;

    virtual ~PlacementAlgorithm();

    /// \return the algorithm's name
    virtual std::string GetName() const = 0;

    /**
     * Place proxies, timing the run (PlacementResult::seconds).
     * \param problem the instance
     * \param k most proxies (0: no limit but the candidates)
     * \param target improvement at which to stop, e.g. 0.3 (NO_TARGET: none)
     * \return the placement
     */
    PlacementResult Run(const PlacementProblem& problem,
                        uint32_t k,
                        double target = NO_TARGET) const;

    /**
     * Place proxies until proxy hits serve a share of all demand
     * (PlacementProblem::HitFraction). The algorithm places by cost as Run does; the answer
     * is its smallest placement whose hit share reaches the target, or its placement for k
     * when none does. Nested algorithms (IsNested) run once and are cut at the first prefix
     * that reaches it; the others run again for k = 1, 2, ...
     * \param problem the instance
     * \param k most proxies (0: no limit but the candidates)
     * \param target share of the demand, in (0, 1]
     * \return the placement (seconds: the CPU time of all the runs)
     * \throws std::invalid_argument for a target outside (0, 1]
     */
    PlacementResult RunToHitFraction(const PlacementProblem& problem,
                                     uint32_t k,
                                     double target) const;

    /**
     * \return true when the answer for i proxies is always the first i proxies of the answer
     *         for more (Greedy, HotSpot, Random), so that one run gives every smaller answer
     */
    virtual bool IsNested() const;

    /**
     * \param name "greedy", "hotspot", "random", "exact" or "local-search"
     * \return the algorithm with default settings
     * \throws std::invalid_argument naming the text and the valid names
     */
    static std::unique_ptr<PlacementAlgorithm> Create(const std::string& name);

    /// \return the names Create accepts
    static std::vector<std::string> GetNames();

  protected:
    /**
     * Place proxies.
     * \param problem the instance \param k most proxies (0: no limit)
     * \param target improvement at which to stop
     * \return the placement (seconds need not be set)
     */
    virtual PlacementResult DoPlace(const PlacementProblem& problem,
                                    uint32_t k,
                                    double target) const = 0;
};

} // namespace ns3

#endif // PLACEMENT_ALGORITHM_H
