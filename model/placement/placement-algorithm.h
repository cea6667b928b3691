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
