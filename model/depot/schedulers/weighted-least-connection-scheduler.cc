/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "weighted-least-connection-scheduler.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(WeightedLeastConnectionScheduler);

TypeId
WeightedLeastConnectionScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::WeightedLeastConnectionScheduler")
                            .SetParent<DepotScheduler>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<WeightedLeastConnectionScheduler>();
    return tid;
}

int32_t
WeightedLeastConnectionScheduler::Select(const std::vector<DepotProxy>& proxies, const Flow& flow)
{
    int32_t best = -1;
    for (uint32_t i = 0; i < proxies.size(); ++i)
    {
        if (!Available(proxies[i]))
        {
            continue;
        }
        // overhead_i / weight_i < overhead_best / weight_best, without division
        if (best < 0
            || Overhead(proxies[i]) * proxies[best].weight
                   < Overhead(proxies[best]) * proxies[i].weight)
        {
            best = i;
        }
    }
    return best;
}

} // namespace ns3
