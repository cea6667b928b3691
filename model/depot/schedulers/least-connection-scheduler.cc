/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "least-connection-scheduler.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(LeastConnectionScheduler);

TypeId
LeastConnectionScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::LeastConnectionScheduler")
                            .SetParent<DepotScheduler>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<LeastConnectionScheduler>();
    return tid;
}

int32_t
LeastConnectionScheduler::Select(const std::vector<DepotProxy>& proxies, const Flow& flow)
{
    int32_t best = -1;
    for (uint32_t i = 0; i < proxies.size(); ++i)
    {
        if (Available(proxies[i]) && (best < 0 || Overhead(proxies[i]) < Overhead(proxies[best])))
        {
            best = i;
        }
    }
    return best;
}

} // namespace ns3
