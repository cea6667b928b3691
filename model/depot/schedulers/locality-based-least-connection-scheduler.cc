/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "locality-based-least-connection-scheduler.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LocalityBasedLeastConnectionScheduler");
NS_OBJECT_ENSURE_REGISTERED(LocalityBasedLeastConnectionScheduler);

TypeId
LocalityBasedLeastConnectionScheduler::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::LocalityBasedLeastConnectionScheduler")
              .SetParent<WeightedLeastConnectionScheduler>()
              .SetGroupName("WebProxy")
              .AddConstructor<LocalityBasedLeastConnectionScheduler>()
              .AddAttribute("Expiration",
                            "An assignment unused for this long is forgotten (IPVS's "
                            "lblc_expiration: 24 h).",
                            TimeValue(Hours(24)),
                            MakeTimeAccessor(&LocalityBasedLeastConnectionScheduler::m_expiration),
                            MakeTimeChecker(Seconds(0)));
    return tid;
}

bool
LocalityBasedLeastConnectionScheduler::Overloaded(const std::vector<DepotProxy>& proxies,
                                                  uint32_t i)
{
    if (proxies[i].activeSessions <= proxies[i].weight)
    {
        return false;
    }
    for (const DepotProxy& p : proxies)
    {
        if (Available(p) && 2 * uint64_t(p.activeSessions) < p.weight)
        {
            return true;
        }
    }
    return false;
}

int32_t
LocalityBasedLeastConnectionScheduler::Select(const std::vector<DepotProxy>& proxies,
                                              const Flow& flow)
{
    const Time now = Simulator::Now();
    auto it = m_table.find(flow.vip.Get());
    if (it != m_table.end() && it->second.proxy < proxies.size()
        && now - it->second.lastUse <= m_expiration && Available(proxies[it->second.proxy])
        && !Overloaded(proxies, it->second.proxy))
    {
        it->second.lastUse = now;
        return it->second.proxy;
    }
    const int32_t chosen = WeightedLeastConnectionScheduler::Select(proxies, flow);
    if (chosen >= 0)
    {
        NS_LOG_LOGIC("destination " << flow.vip << " -> proxy " << chosen);
        m_table[flow.vip.Get()] = Assignment{static_cast<uint32_t>(chosen), now};
    }
    return chosen;
}

size_t
LocalityBasedLeastConnectionScheduler::GetTableSize() const
{
    return m_table.size();
}

} // namespace ns3
