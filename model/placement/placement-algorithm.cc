/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "placement-algorithm.h"

#include "exact-placement.h"
#include "greedy-placement.h"
#include "hot-spot-placement.h"
#include "local-search-placement.h"
#include "random-placement.h"

#include <algorithm>
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

bool
PlacementAlgorithm::IsNested() const
{
    return false;
}

PlacementResult
PlacementAlgorithm::RunToHitFraction(const PlacementProblem& problem,
                                     uint32_t k,
                                     double target) const
{
    if (!(target > 0 && target <= 1))
    {
        throw std::invalid_argument("hit share target " + std::to_string(target)
                                    + " is not in (0, 1]");
    }
    const auto most = uint32_t(problem.GetCandidates().size());
    const uint32_t limit = k == 0 ? most : std::min(k, most);
    if (IsNested() || limit == 0)
    {
        PlacementResult r = Run(problem, limit);
        std::vector<uint32_t> prefix;
        for (uint32_t p : r.proxies)
        {
            prefix.push_back(p);
            if (problem.HitFraction(prefix) >= target)
            {
                r.proxies = prefix;
                r.curve.resize(prefix.size() + 1);
                r.cost = r.curve.back();
                break;
            }
        }
        return r;
    }
    PlacementResult r;
    double seconds = 0;
    for (uint32_t i = 1; i <= limit; ++i)
    {
        r = Run(problem, i);
        seconds += r.seconds;
        if (problem.HitFraction(r.proxies) >= target)
        {
            break;
        }
    }
    r.seconds = seconds;
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
