/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "random-placement.h"

#include <utility>

namespace ns3
{

RandomPlacement::RandomPlacement(Ptr<UniformRandomVariable> rng)
    : m_rng(rng ? rng : CreateObject<UniformRandomVariable>())
{}

std::string
RandomPlacement::GetName() const
{
    return "random";
}

bool
RandomPlacement::IsNested() const
{
    return true;
}

int64_t
RandomPlacement::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

PlacementResult
RandomPlacement::DoPlace(const PlacementProblem& problem, uint32_t k, double target) const
{
    std::vector<uint32_t> sites = problem.GetCandidates();
    for (size_t i = sites.size(); i > 1; --i)
    {
        const auto j = size_t(m_rng->GetInteger(0, uint32_t(i - 1)));
        std::swap(sites[i - 1], sites[j]);
    }
    return problem.EvaluateOrder(sites, k, target, GetName());
}

} // namespace ns3
