/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "greedy-placement.h"

#include <algorithm>
#include <queue>

namespace ns3
{

std::string
GreedyPlacement::GetName() const
{
    return "greedy";
}

bool
GreedyPlacement::IsNested() const
{
    return true;
}

namespace
{

/// A site's gain, computed when `step` proxies were placed.
struct Entry
{
    double gain;   //!< cost reduction (an upper bound once step is old)
    uint32_t site; //!< node
    uint32_t step; //!< proxies placed when computed

    /// \param o other \return true when o should be popped first
    bool operator<(const Entry& o) const
    {
        return gain < o.gain || (gain == o.gain && site > o.site);
    }
};

} // namespace

PlacementResult
GreedyPlacement::DoPlace(const PlacementProblem& problem, uint32_t k, double target) const
{
    const uint32_t n = problem.GetNodeCount();
    const std::vector<double>& w = problem.GetDemands();
    const float* dorig = problem.GetDistances().Row(problem.GetOrigin());
    std::vector<double> cur = problem.GetBaseDistances();
    auto gainOf = [&](uint32_t p)
    {
        double a;
        double b;
        double g;
        problem.GetCostForm(p, a, b, g);
        const float* dp = problem.GetDistances().Row(p);
        double sum = 0;
        if (b == 0)
        {
            for (uint32_t v = 0; v < n; ++v)
            {
                const double c = a * dp[v] + g;
                sum += c < cur[v] ? w[v] * (cur[v] - c) : 0.0;
            }
        }
        else
        {
            for (uint32_t v = 0; v < n; ++v)
            {
                const double c = a * dp[v] + b * dorig[v] + g;
                sum += c < cur[v] ? w[v] * (cur[v] - c) : 0.0;
            }
        }
        return sum;
    };
    PlacementResult r;
    r.algorithm = GetName();
    r.baseline = problem.GetBaseline();
    r.cost = r.baseline;
    r.curve.push_back(r.baseline);
    std::priority_queue<Entry> heap;
    for (uint32_t p : problem.GetCandidates())
    {
        heap.push({gainOf(p), p, 0});
    }
    const uint32_t limit = k == 0 ? n : k;
    while (r.proxies.size() < limit && r.GetImprovement() < target && !heap.empty())
    {
        Entry top = heap.top();
        heap.pop();
        const auto step = static_cast<uint32_t>(r.proxies.size());
        if (top.step != step)
        {
            top.gain = gainOf(top.site);
            top.step = step;
            heap.push(top);
            continue;
        }
        if (top.gain <= 0)
        {
            break; // no site helps any more
        }
        double a;
        double b;
        double g;
        problem.GetCostForm(top.site, a, b, g);
        const float* dp = problem.GetDistances().Row(top.site);
        double sum = 0;
        for (uint32_t v = 0; v < n; ++v)
        {
            cur[v] = std::min(cur[v], a * dp[v] + b * dorig[v] + g);
            sum += w[v] * cur[v];
        }
        r.proxies.push_back(top.site);
        r.cost = sum; // summed afresh: no drift from subtracting gains
        r.curve.push_back(sum);
    }
    return r;
}

} // namespace ns3
