/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "policy-advisor.h"

#include "ns3/cache-simulator.h"
#include "ns3/replacement-policy.h"

#include <algorithm>
#include <stdexcept>

namespace ns3
{

PolicyAdvisor::PolicyAdvisor(uint64_t cacheBytes, const std::vector<std::string>& policies)
    : m_cacheBytes(cacheBytes)
    , m_policies(policies)
{
    if (cacheBytes == 0 || policies.empty())
    {
        throw std::invalid_argument("PolicyAdvisor: cache size 0 or no policy");
    }
    for (const auto& p : policies)
    {
        CreateReplacementPolicy(p, cacheBytes); // throws, naming the valid ones
    }
}

void
PolicyAdvisor::SetRevalidateNoCache(bool revalidate)
{
    m_revalidateNoCache = revalidate;
}

PolicyAdvisor::Advice
PolicyAdvisor::Evaluate(const std::vector<TraceRecord>& trace, double missCost) const
{
    CacheSimulator sim(m_policies, {m_cacheBytes});
    sim.SetRevalidateNoCache(m_revalidateNoCache);
    for (const TraceRecord& r : trace)
    {
        sim.Add(r, missCost);
    }
    Advice a;
    a.requests = sim.GetRequests();
    for (const CacheSimulator::Result& r : sim.GetResults())
    {
        a.scores.push_back({r.policy, r.GetByteHitRatio(), r.GetHitRatio()});
        a.bytes = r.bytes;
        if (r.requests > 0 && (a.best.empty() || r.GetByteHitRatio() > a.byteHitRatio))
        {
            a.best = r.policy;
            a.byteHitRatio = r.GetByteHitRatio();
        }
    }
    return a;
}

std::vector<PolicyAdvisor::Advice>
PolicyAdvisor::EvaluatePerNode(const std::vector<std::vector<TraceRecord>>& traces,
                               const PlacementProblem& problem) const
{
    if (traces.size() != problem.GetNodeCount())
    {
        throw std::invalid_argument("PolicyAdvisor: " + std::to_string(traces.size())
                                    + " traces for " + std::to_string(problem.GetNodeCount())
                                    + " nodes");
    }
    const bool latency = problem.GetDistances().GetMetric() == DistanceMatrix::LATENCY;
    std::vector<Advice> out;
    out.reserve(traces.size());
    for (uint32_t v = 0; v < traces.size(); ++v)
    {
        const double toOrigin = problem.GetDistances().Get(v, problem.GetOrigin());
        out.push_back(Evaluate(traces[v], latency ? toOrigin / 1000.0 : 1.0));
    }
    return out;
}

std::vector<PolicyAdvisor::Advice>
PolicyAdvisor::EvaluateAssigned(const std::vector<std::vector<TraceRecord>>& traces,
                                std::vector<Advice> advice,
                                const std::vector<uint32_t>& proxies,
                                PlacementProblem& problem,
                                uint32_t rounds) const
{
    const uint32_t n = problem.GetNodeCount();
    if (traces.size() != n || advice.size() != n)
    {
        throw std::invalid_argument(
            "PolicyAdvisor::EvaluateAssigned: " + std::to_string(traces.size()) + " traces and "
            + std::to_string(advice.size()) + " advice for " + std::to_string(n) + " nodes");
    }
    const bool latency = problem.GetDistances().GetMetric() == DistanceMatrix::LATENCY;
    auto earlier = [](const TraceRecord& a, const TraceRecord& b)
    {
        return a.time < b.time;
    };
    Apply(advice, problem);
    // An optimistic start (every proxy a full replica) gives each proxy every node that could
    // gain from it. Starting from the per-node ratios instead could leave a proxy without
    // nodes for good: a proxy whose own requests never hit (h = 0) is no nearer than the
    // origin even for its own node, and its merged workload would then be empty.
    for (uint32_t p : proxies)
    {
        problem.SetHitRatio(p, 1.0);
    }
    std::vector<uint32_t> server = problem.Assign(proxies);
    for (uint32_t round = 0; round < std::max<uint32_t>(rounds, 1); ++round)
    {
        for (uint32_t p : proxies)
        {
            std::vector<TraceRecord> merged;
            for (uint32_t v = 0; v < n; ++v)
            {
                if (server[v] == p)
                {
                    const size_t middle = merged.size();
                    merged.insert(merged.end(), traces[v].begin(), traces[v].end());
                    std::inplace_merge(
                        merged.begin(), merged.begin() + middle, merged.end(), earlier);
                }
            }
            const double toOrigin = problem.GetDistances().Get(p, problem.GetOrigin());
            advice[p] = Evaluate(merged, latency ? toOrigin / 1000.0 : 1.0);
            problem.SetHitRatio(p, advice[p].byteHitRatio);
        }
        const std::vector<uint32_t> next = problem.Assign(proxies);
        if (next == server)
        {
            break;
        }
        server = next;
    }
    return advice;
}

std::vector<std::vector<TraceRecord>>
PolicyAdvisor::SplitByClient(const std::vector<TraceRecord>& trace, uint32_t nodes)
{
    if (nodes == 0)
    {
        throw std::invalid_argument("PolicyAdvisor::SplitByClient: no nodes");
    }
    std::vector<std::vector<TraceRecord>> out(nodes);
    for (const TraceRecord& r : trace)
    {
        out[r.client % nodes].push_back(r);
    }
    return out;
}

void
PolicyAdvisor::Apply(const std::vector<Advice>& advice, PlacementProblem& problem)
{
    if (advice.size() != problem.GetNodeCount())
    {
        throw std::invalid_argument("PolicyAdvisor::Apply: advice and nodes differ in number");
    }
    for (uint32_t v = 0; v < advice.size(); ++v)
    {
        problem.SetHitRatio(v, advice[v].byteHitRatio);
    }
}

const std::vector<std::string>&
PolicyAdvisor::GetPolicies() const
{
    return m_policies;
}

} // namespace ns3
