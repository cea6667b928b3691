/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "weighted-round-robin-scheduler.h"

#include <algorithm>
#include <numeric>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(WeightedRoundRobinScheduler);

TypeId
WeightedRoundRobinScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::WeightedRoundRobinScheduler")
                            .SetParent<DepotScheduler>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<WeightedRoundRobinScheduler>();
    return tid;
}

int32_t
WeightedRoundRobinScheduler::Select(const std::vector<DepotProxy>& proxies, const Flow& flow)
{
    const int32_t n = proxies.size();
    if (m_max == 0 || n == 0)
    {
        return -1;
    }
    // At most one full cycle of rounds visits every proxy at every weight level.
    for (uint64_t step = 0; step <= static_cast<uint64_t>(n) * (m_max / m_gcd + 1); ++step)
    {
        m_index = (m_index + 1) % n;
        if (m_index == 0)
        {
            m_current = m_current > m_gcd ? m_current - m_gcd : 0;
            if (m_current == 0)
            {
                m_current = m_max;
            }
        }
        if (Available(proxies[m_index]) && proxies[m_index].weight >= m_current)
        {
            return m_index;
        }
    }
    return -1;
}

void
WeightedRoundRobinScheduler::Update(const std::vector<DepotProxy>& proxies)
{
    m_max = 0;
    m_gcd = 0;
    for (const auto& p : proxies)
    {
        if (Available(p))
        {
            m_max = std::max(m_max, p.weight);
            m_gcd = std::gcd(m_gcd, p.weight);
        }
    }
    m_gcd = std::max<uint32_t>(m_gcd, 1);
    m_current = std::min(m_current, m_max);
}

} // namespace ns3
