/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-standby-scheduler.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DepotStandbyScheduler);

TypeId
DepotStandbyScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DepotStandbyScheduler")
                            .SetParent<DepotScheduler>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<DepotStandbyScheduler>();
    return tid;
}

void
DepotStandbyScheduler::Follow(int32_t index)
{
    m_next = index;
}

int32_t
DepotStandbyScheduler::Select(const std::vector<DepotProxy>& proxies, const Flow&)
{
    const int32_t i = m_next;
    m_next = -1;
    // The master chose before it told us a proxy went down: the session is left to it.
    if (i < 0 || i >= static_cast<int32_t>(proxies.size()) || !Available(proxies[i]))
    {
        return -1;
    }
    return i;
}

} // namespace ns3
