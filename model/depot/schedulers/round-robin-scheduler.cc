/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "round-robin-scheduler.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RoundRobinScheduler);

TypeId
RoundRobinScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RoundRobinScheduler")
                            .SetParent<DepotScheduler>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<RoundRobinScheduler>();
    return tid;
}

int32_t
RoundRobinScheduler::Select(const std::vector<DepotProxy>& proxies, const Flow& flow)
{
    const uint32_t n = proxies.size();
    for (uint32_t k = 0; k < n; ++k)
    {
        const uint32_t i = (m_next + k) % n;
        if (Available(proxies[i]))
        {
            m_next = (i + 1) % n;
            return i;
        }
    }
    return -1;
}

} // namespace ns3
