/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "placement-algorithm.h"

#include "exact-placement.h"
#include "greedy-placement.h"
#include "hot-spot-placement.h"
#include "local-search-placement.h"
#include "random-placement.h"

#include <ctime>
#include <stdexcept>

namespace ns3
{

PlacementAlgorithm::~PlacementAlgorithm() = default;

PlacementResult
PlacementAlgorithm::Run(const PlacementProblem& problem, uint32_t k, double target) const
{
    timespec a;
    timespec b;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
    PlacementResult r = DoPlace(problem, k, target);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
    r.seconds = double(b.tv_sec - a.tv_sec) + 1e-9 * double(b.tv_nsec - a.tv_nsec);
    return r;
}

std::unique_ptr<PlacementAlgorithm>
PlacementAlgorithm::Create(const std::string& name)
{
    if (name == "greedy")
    {
        return std::make_unique<GreedyPlacement>();
    }
    if (name == "hotspot")
    {
        return std::make_unique<HotSpotPlacement>();
    }
    if (name == "random")
    {
        return std::make_unique<RandomPlacement>();
    }
    if (name == "exact")
    {
        return std::make_unique<ExactPlacement>();
    }
    if (name == "local-search")
    {
        return std::make_unique<LocalSearchPlacement>();
    }
    throw std::invalid_argument("unknown placement algorithm '" + name
                                + "' (valid: greedy, hotspot, random, exact, local-search)");
}

std::vector<std::string>
PlacementAlgorithm::GetNames()
{
    return {"greedy", "hotspot", "random", "exact", "local-search"};
}

} // namespace ns3
