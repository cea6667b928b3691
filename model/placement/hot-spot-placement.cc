/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "hot-spot-placement.h"

#include <algorithm>

namespace ns3
{

HotSpotPlacement::HotSpotPlacement(double radius)
    : m_radius(radius)
{}

std::string
HotSpotPlacement::GetName() const
{
    return "hotspot";
}

bool
HotSpotPlacement::IsNested() const
{
    return true;
}

PlacementResult
HotSpotPlacement::DoPlace(const PlacementProblem& problem, uint32_t k, double target) const
{
    const double radius = m_radius < 0 ? problem.GetMeanNearestDistance() : m_radius;
    const uint32_t n = problem.GetNodeCount();
    const std::vector<double>& w = problem.GetDemands();
    std::vector<uint32_t> sites = problem.GetCandidates();
    std::vector<double> load(n, 0.0);
    for (uint32_t p : sites)
    {
        const float* dp = problem.GetDistances().Row(p);
        for (uint32_t v = 0; v < n; ++v)
        {
            load[p] += dp[v] <= radius ? w[v] : 0.0;
        }
    }
    std::stable_sort(
        sites.begin(), sites.end(), [&](uint32_t a, uint32_t b) { return load[a] > load[b]; });
    return problem.EvaluateOrder(sites, k, target, GetName());
}

} // namespace ns3
