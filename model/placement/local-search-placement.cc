/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "local-search-placement.h"

#include "greedy-placement.h"

#include <algorithm>
#include <limits>

namespace ns3
{

LocalSearchPlacement::LocalSearchPlacement(uint32_t maxPasses)
    : m_maxPasses(maxPasses)
{}

std::string
LocalSearchPlacement::GetName() const
{
    return "local-search";
}

double
LocalSearchPlacement::Improve(const PlacementProblem& problem, std::vector<uint32_t>& proxies) const
{
    const uint32_t n = problem.GetNodeCount();
    const uint32_t o = problem.GetOrigin();
    const std::vector<double>& w = problem.GetDemands();
    const double eps = 1e-12 * std::max(1.0, problem.GetBaseline());
    std::vector<double> best(n);
    std::vector<double> second(n);
    std::vector<uint32_t> server(n);
    std::vector<double> extra(n);
    std::vector<double> cq(n);
    double cost = problem.Cost(proxies);
    for (uint32_t pass = 0; pass < m_maxPasses && !proxies.empty(); ++pass)
    {
        std::vector<bool> placed(n, false);
        for (uint32_t p : proxies)
        {
            placed[p] = true;
        }
        // Best and second-best server of each node; the origin always serves.
        for (uint32_t v = 0; v < n; ++v)
        {
            best[v] = problem.ServeCost(v, o);
            server[v] = o;
            second[v] = std::numeric_limits<double>::infinity();
            for (uint32_t p : proxies)
            {
                const double c = problem.ServeCost(v, p);
                if (c < best[v])
                {
                    second[v] = best[v];
                    best[v] = c;
                    server[v] = p;
                }
                else if (c < second[v])
                {
                    second[v] = c;
                }
            }
        }
        double bestDelta = -eps;
        uint32_t in = n;
        uint32_t out = n;
        for (uint32_t q = 0; q < n; ++q)
        {
            if (q == o || placed[q])
            {
                continue;
            }
            double add = 0;
            for (uint32_t p : proxies)
            {
                extra[p] = 0;
            }
            for (uint32_t v = 0; v < n; ++v)
            {
                const double c = problem.ServeCost(v, q);
                cq[v] = c;
                const double withQ = std::min(c, best[v]);
                add += w[v] * (withQ - best[v]);
                if (server[v] != o)
                {
                    extra[server[v]] += w[v] * (std::min(c, second[v]) - withQ);
                }
            }
            for (uint32_t p : proxies)
            {
                const double delta = add + extra[p];
                if (delta < bestDelta)
                {
                    bestDelta = delta;
                    in = q;
                    out = p;
                }
            }
        }
        if (in == n)
        {
            break;
        }
        std::replace(proxies.begin(), proxies.end(), out, in);
        cost = problem.Cost(proxies);
    }
    return cost;
}

PlacementResult
LocalSearchPlacement::DoPlace(const PlacementProblem& problem, uint32_t k, double target) const
{
    PlacementResult g = GreedyPlacement().Run(problem, k, target);
    PlacementResult r;
    r.algorithm = GetName();
    r.baseline = g.baseline;
    r.cost = r.baseline;
    r.curve.push_back(r.baseline);
    for (size_t i = 1; i <= g.proxies.size(); ++i)
    {
        std::vector<uint32_t> p(g.proxies.begin(), g.proxies.begin() + i);
        const double c = Improve(problem, p);
        r.curve.push_back(c);
        r.proxies = p;
        r.cost = c;
        if (r.GetImprovement() >= target)
        {
            break;
        }
    }
    return r;
}

} // namespace ns3
