/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "load-index-scheduler.h"

#include "ns3/double.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(LoadIndexScheduler);

TypeId
LoadIndexScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::LoadIndexScheduler")
                            .SetParent<DepotScheduler>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<LoadIndexScheduler>()
                            .AddAttribute("ResponseTimeWeight",
                                          "Cost per second of smoothed SYN to SYN-ACK time.",
                                          DoubleValue(100),
                                          MakeDoubleAccessor(&LoadIndexScheduler::m_responseTime),
                                          MakeDoubleChecker<double>(0))
                            .AddAttribute("ActiveWeight",
                                          "Cost per active (established) session.",
                                          DoubleValue(1),
                                          MakeDoubleAccessor(&LoadIndexScheduler::m_active),
                                          MakeDoubleChecker<double>(0))
                            .AddAttribute("PendingWeight",
                                          "Cost per pending (handshaking) session.",
                                          DoubleValue(1),
                                          MakeDoubleAccessor(&LoadIndexScheduler::m_pending),
                                          MakeDoubleChecker<double>(0))
                            .AddAttribute("CpuWeight",
                                          "Cost of a fully loaded CPU (reported load 1).",
                                          DoubleValue(10),
                                          MakeDoubleAccessor(&LoadIndexScheduler::m_cpu),
                                          MakeDoubleChecker<double>(0))
                            .AddAttribute("CacheWeight",
                                          "Cost of a full cache (reported free fraction 0).",
                                          DoubleValue(1),
                                          MakeDoubleAccessor(&LoadIndexScheduler::m_cache),
                                          MakeDoubleChecker<double>(0));
    return tid;
}

double
LoadIndexScheduler::Cost(const DepotProxy& p) const
{
    return m_responseTime * p.responseTime + m_active * p.activeSessions
         + m_pending * p.pendingSessions + m_cpu * p.cpuLoad + m_cache * (1 - p.cacheFree);
}

int32_t
LoadIndexScheduler::Select(const std::vector<DepotProxy>& proxies, const Flow& flow)
{
    int32_t best = -1;
    double bestCost = 0;
    for (uint32_t i = 0; i < proxies.size(); ++i)
    {
        if (!Available(proxies[i]))
        {
            continue;
        }
        const double cost = Cost(proxies[i]) / proxies[i].weight;
        if (best < 0 || cost < bestCost)
        {
            best = i;
            bestCost = cost;
        }
    }
    return best;
}

} // namespace ns3
