/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "placement-problem.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ns3
{

PlacementProblem::PlacementProblem(const BackboneGraph& graph,
                                   const DistanceMatrix& distances,
                                   uint32_t origin,
                                   MissPath missPath)
    : m_d(&distances)
    , m_w(graph.GetDemands())
    , m_origin(origin)
    , m_miss(missPath)
{
    const uint32_t n = graph.GetNodeCount();
    if (distances.GetSize() != n)
    {
        throw std::invalid_argument("distance matrix of " + std::to_string(distances.GetSize())
                                    + " nodes for a graph of " + std::to_string(n));
    }
    if (origin >= n)
    {
        throw std::invalid_argument("origin node " + std::to_string(origin) + " out of range ("
                                    + std::to_string(n) + " nodes)");
    }
    m_names.reserve(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        m_names.push_back(graph.GetNode(i).name);
        if (distances.Get(origin, i) == DistanceMatrix::INFINITE)
        {
            throw std::invalid_argument("graph '" + graph.GetName() + "' is disconnected ("
                                        + std::to_string(graph.CountComponents())
                                        + " components): node '" + m_names[i]
                                        + "' cannot reach the origin '" + graph.GetNode(origin).name
                                        + "' (place on BackboneGraph::LargestComponent())");
        }
    }
    m_h.assign(n, 1.0);
    Update();
}

void
PlacementProblem::SetHitRatio(double h)
{
    if (!(h >= 0 && h <= 1))
    {
        throw std::invalid_argument("byte hit ratio " + std::to_string(h) + " not in [0, 1]");
    }
    std::fill(m_h.begin(), m_h.end(), h);
    Update();
}

void
PlacementProblem::SetHitRatio(uint32_t node, double h)
{
    if (!(h >= 0 && h <= 1) || node >= m_h.size())
    {
        throw std::invalid_argument("byte hit ratio " + std::to_string(h) + " of node "
                                    + std::to_string(node) + ": not in [0, 1] or no such node");
    }
    m_h[node] = h;
    Update();
}

double
PlacementProblem::GetHitRatio(uint32_t node) const
{
    return m_h.at(node);
}

void
PlacementProblem::Update()
{
    const uint32_t n = GetNodeCount();
    m_alpha.assign(n, 1.0);
    m_beta.assign(n, 0.0);
    m_gamma.assign(n, 0.0);
    for (uint32_t p = 0; p < n; ++p)
    {
        if (p == m_origin)
        {
            continue; // the origin serves everything itself: c(v,o) = d(o,v)
        }
        if (m_miss == VIA_PROXY)
        {
            m_gamma[p] = (1.0 - m_h[p]) * m_d->Get(p, m_origin);
        }
        else
        {
            m_alpha[p] = m_h[p];
            m_beta[p] = 1.0 - m_h[p];
        }
    }
}

uint32_t
PlacementProblem::GetNodeCount() const
{
    return static_cast<uint32_t>(m_w.size());
}

uint32_t
PlacementProblem::GetOrigin() const
{
    return m_origin;
}

PlacementProblem::MissPath
PlacementProblem::GetMissPath() const
{
    return m_miss;
}

const std::vector<double>&
PlacementProblem::GetDemands() const
{
    return m_w;
}

const DistanceMatrix&
PlacementProblem::GetDistances() const
{
    return *m_d;
}

std::vector<uint32_t>
PlacementProblem::GetCandidates() const
{
    std::vector<uint32_t> c;
    for (uint32_t i = 0; i < GetNodeCount(); ++i)
    {
        if (i != m_origin)
        {
            c.push_back(i);
        }
    }
    return c;
}

void
PlacementProblem::GetCostForm(uint32_t p, double& alpha, double& beta, double& gamma) const
{
    alpha = m_alpha.at(p);
    beta = m_beta[p];
    gamma = m_gamma[p];
}

std::vector<double>
PlacementProblem::GetBaseDistances() const
{
    std::vector<double> d(GetNodeCount());
    const float* row = m_d->Row(m_origin);
    for (uint32_t v = 0; v < d.size(); ++v)
    {
        d[v] = row[v];
    }
    return d;
}

double
PlacementProblem::GetBaseline() const
{
    return Cost({});
}

std::vector<uint32_t>
PlacementProblem::Assign(const std::vector<uint32_t>& proxies) const
{
    const uint32_t n = GetNodeCount();
    std::vector<uint32_t> server(n, m_origin);
    std::vector<double> best = GetBaseDistances();
    for (uint32_t p : proxies)
    {
        if (p >= n)
        {
            throw std::invalid_argument("proxy node " + std::to_string(p) + " out of range");
        }
        for (uint32_t v = 0; v < n; ++v)
        {
            const double c = ServeCost(v, p);
            if (c < best[v])
            {
                best[v] = c;
                server[v] = p;
            }
        }
    }
    return server;
}

double
PlacementProblem::Cost(const std::vector<uint32_t>& proxies) const
{
    const std::vector<uint32_t> server = Assign(proxies);
    double sum = 0;
    for (uint32_t v = 0; v < server.size(); ++v)
    {
        sum += m_w[v] * ServeCost(v, server[v]);
    }
    return sum;
}

double
PlacementProblem::HitFraction(const std::vector<uint32_t>& proxies) const
{
    const std::vector<uint32_t> server = Assign(proxies);
    double all = 0;
    double hit = 0;
    for (uint32_t v = 0; v < server.size(); ++v)
    {
        all += m_w[v];
        hit += server[v] == m_origin ? 0.0 : m_w[v] * m_h[server[v]];
    }
    return all > 0 ? hit / all : 0.0;
}

double
PlacementProblem::GetMeanNearestDistance() const
{
    const uint32_t n = GetNodeCount();
    if (n < 2)
    {
        return 0;
    }
    double sum = 0;
    for (uint32_t v = 0; v < n; ++v)
    {
        float m = DistanceMatrix::INFINITE;
        const float* row = m_d->Row(v);
        for (uint32_t u = 0; u < n; ++u)
        {
            m = u != v ? std::min(m, row[u]) : m;
        }
        sum += m;
    }
    return sum / n;
}

PlacementResult
PlacementProblem::EvaluateOrder(const std::vector<uint32_t>& order,
                                uint32_t k,
                                double target,
                                const std::string& algorithm) const
{
    PlacementResult r;
    r.algorithm = algorithm;
    const uint32_t n = GetNodeCount();
    std::vector<double> cur = GetBaseDistances();
    r.baseline = GetBaseline();
    r.cost = r.baseline;
    r.curve.push_back(r.baseline);
    for (uint32_t p : order)
    {
        if ((k > 0 && r.proxies.size() >= k) || r.GetImprovement() >= target)
        {
            break;
        }
        double a;
        double b;
        double g;
        GetCostForm(p, a, b, g);
        const float* dp = m_d->Row(p);
        const float* dorig = m_d->Row(m_origin);
        double sum = 0;
        for (uint32_t v = 0; v < n; ++v)
        {
            cur[v] = std::min(cur[v], a * dp[v] + b * dorig[v] + g);
            sum += m_w[v] * cur[v];
        }
        r.proxies.push_back(p);
        r.cost = sum;
        r.curve.push_back(sum);
    }
    return r;
}

const std::string&
PlacementProblem::GetNodeName(uint32_t i) const
{
    return m_names.at(i);
}

} // namespace ns3
