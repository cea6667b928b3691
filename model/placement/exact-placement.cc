/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "exact-placement.h"

#include "local-search-placement.h"

#include <algorithm>
#include <functional>
#include <limits>

namespace ns3
{

namespace
{

/// The state of one branch-and-bound search (one k).
struct Search
{
    const PlacementProblem& problem; //!< the instance
    uint32_t k;                      //!< proxies
    uint64_t maxNodes;               //!< node limit
    uint64_t nodes{0};               //!< nodes visited
    bool aborted{false};             //!< the limit was hit
    double bestCost;                 //!< incumbent cost
    std::vector<uint32_t> best;      //!< incumbent
    double eps;                      //!< cost tolerance

    /**
     * Gains of the remaining sites and the node's bound.
     * \param remaining sites \param cur current per-node distance \param cost its cost
     * \param r proxies left \param gains receives the gains, by position in remaining
     * \return the lower bound
     */
    double Bound(const std::vector<uint32_t>& remaining,
                 const std::vector<double>& cur,
                 double cost,
                 uint32_t r,
                 std::vector<double>& gains) const
    {
        const uint32_t n = problem.GetNodeCount();
        const std::vector<double>& w = problem.GetDemands();
        std::vector<double> lowest = cur;
        gains.assign(remaining.size(), 0.0);
        for (size_t j = 0; j < remaining.size(); ++j)
        {
            for (uint32_t v = 0; v < n; ++v)
            {
                const double c = problem.ServeCost(v, remaining[j]);
                if (c < cur[v])
                {
                    gains[j] += w[v] * (cur[v] - c);
                }
                lowest[v] = std::min(lowest[v], c);
            }
        }
        std::vector<double> g = gains;
        const size_t top = std::min<size_t>(r, g.size());
        std::partial_sort(g.begin(), g.begin() + top, g.end(), std::greater<double>());
        double sumTop = 0;
        for (size_t i = 0; i < top; ++i)
        {
            sumTop += g[i];
        }
        double all = 0;
        for (uint32_t v = 0; v < n; ++v)
        {
            all += w[v] * lowest[v];
        }
        return std::max(cost - sumTop, all);
    }

    /**
     * Search below one node.
     * \param remaining sites not decided \param chosen placed sites
     * \param cur current per-node distance \param cost its cost
     */
    void Dfs(std::vector<uint32_t> remaining,
             std::vector<uint32_t>& chosen,
             const std::vector<double>& cur,
             double cost)
    {
        if (++nodes > maxNodes)
        {
            aborted = true;
            return;
        }
        if (cost < bestCost - eps)
        {
            bestCost = cost;
            best = chosen;
        }
        const auto r = static_cast<uint32_t>(k - chosen.size());
        if (r == 0 || remaining.empty())
        {
            return;
        }
        std::vector<double> gains;
        if (Bound(remaining, cur, cost, r, gains) >= bestCost - eps)
        {
            return;
        }
        const size_t j = std::max_element(gains.begin(), gains.end()) - gains.begin();
        if (gains[j] <= 0)
        {
            return;
        }
        const uint32_t site = remaining[j];
        remaining.erase(remaining.begin() + j);
        std::vector<double> next = cur;
        const std::vector<double>& w = problem.GetDemands();
        double nextCost = 0;
        for (uint32_t v = 0; v < next.size(); ++v)
        {
            next[v] = std::min(next[v], problem.ServeCost(v, site));
            nextCost += w[v] * next[v];
        }
        chosen.push_back(site);
        Dfs(remaining, chosen, next, nextCost);
        chosen.pop_back();
        if (!aborted)
        {
            Dfs(std::move(remaining), chosen, cur, cost);
        }
    }
};

} // namespace

ExactPlacement::ExactPlacement(uint64_t maxNodes)
    : m_maxNodes(maxNodes)
{}

std::string
ExactPlacement::GetName() const
{
    return "exact";
}

uint64_t
ExactPlacement::GetNodesVisited() const
{
    return m_visited;
}

double
ExactPlacement::LowerBound(const PlacementProblem& problem, uint32_t k)
{
    Search s{problem, k, 0, 0, false, 0, {}, 0};
    std::vector<double> gains;
    const std::vector<double> cur = problem.GetBaseDistances();
    return std::max(0.0, s.Bound(problem.GetCandidates(), cur, problem.GetBaseline(), k, gains));
}

PlacementResult
ExactPlacement::DoPlace(const PlacementProblem& problem, uint32_t k, double target) const
{
    m_visited = 0;
    const std::vector<uint32_t> sites = problem.GetCandidates();
    const auto limit
        = static_cast<uint32_t>(k == 0 ? sites.size() : std::min<size_t>(k, sites.size()));
    PlacementResult r;
    r.algorithm = GetName();
    r.baseline = problem.GetBaseline();
    r.cost = r.baseline;
    r.curve.push_back(r.baseline);
    r.optimal = true;
    r.lowerBound = r.baseline;
    const LocalSearchPlacement local;
    PlacementResult start = local.Run(problem, limit);
    for (uint32_t kk = 1; kk <= limit && r.GetImprovement() < target; ++kk)
    {
        std::vector<uint32_t> incumbent(start.proxies.begin(),
                                        start.proxies.begin()
                                            + std::min<size_t>(kk, start.proxies.size()));
        Search s{problem,
                 kk,
                 m_maxNodes,
                 0,
                 false,
                 problem.Cost(incumbent),
                 incumbent,
                 1e-12 * std::max(1.0, r.baseline)};
        std::vector<uint32_t> chosen;
        s.Dfs(sites, chosen, problem.GetBaseDistances(), r.baseline);
        m_visited += s.nodes;
        r.proxies = s.best;
        r.cost = s.bestCost;
        r.curve.push_back(s.bestCost);
        r.optimal = !s.aborted;
        r.lowerBound = s.aborted ? LowerBound(problem, kk) : s.bestCost;
    }
    return r;
}

} // namespace ns3
