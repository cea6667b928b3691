/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "never-queue-scheduler.h"

#include "shortest-expected-delay-scheduler.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(NeverQueueScheduler);

TypeId
NeverQueueScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::NeverQueueScheduler")
                            .SetParent<DepotScheduler>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<NeverQueueScheduler>();
    return tid;
}

int32_t
NeverQueueScheduler::Select(const std::vector<DepotProxy>& proxies, const Flow& flow)
{
    for (uint32_t i = 0; i < proxies.size(); ++i)
    {
        if (Available(proxies[i]) && proxies[i].activeSessions == 0)
        {
            return i;
        }
    }
    return ShortestExpectedDelayScheduler::SelectSed(proxies);
}

} // namespace ns3
