/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "destination-hash-scheduler.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DestinationHashScheduler);

TypeId
DestinationHashScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DestinationHashScheduler")
                            .SetParent<HashTableScheduler>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<DestinationHashScheduler>();
    return tid;
}

int32_t
DestinationHashScheduler::Select(const std::vector<DepotProxy>& proxies, const Flow& flow)
{
    return Lookup(proxies, flow.vip.Get());
}

} // namespace ns3
