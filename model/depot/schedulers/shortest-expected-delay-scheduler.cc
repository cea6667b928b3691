/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "shortest-expected-delay-scheduler.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(ShortestExpectedDelayScheduler);

TypeId
ShortestExpectedDelayScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ShortestExpectedDelayScheduler")
                            .SetParent<DepotScheduler>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<ShortestExpectedDelayScheduler>();
    return tid;
}

int32_t
ShortestExpectedDelayScheduler::Select(const std::vector<DepotProxy>& proxies, const Flow& flow)
{
    return SelectSed(proxies);
}

int32_t
ShortestExpectedDelayScheduler::SelectSed(const std::vector<DepotProxy>& proxies)
{
    int32_t best = -1;
    for (uint32_t i = 0; i < proxies.size(); ++i)
    {
        if (!Available(proxies[i]))
        {
            continue;
        }
        const uint64_t mine = proxies[i].activeSessions + 1ULL;
        const uint64_t theirs = best < 0 ? 0 : proxies[best].activeSessions + 1ULL;
        if (best < 0 || mine * proxies[best].weight < theirs * proxies[i].weight)
        {
            best = i;
        }
    }
    return best;
}

} // namespace ns3
