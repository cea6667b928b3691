/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "source-hash-scheduler.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(SourceHashScheduler);

TypeId
SourceHashScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SourceHashScheduler")
                            .SetParent<HashTableScheduler>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<SourceHashScheduler>();
    return tid;
}

int32_t
SourceHashScheduler::Select(const std::vector<DepotProxy>& proxies, const Flow& flow)
{
    return Lookup(proxies, flow.client.Get());
}

} // namespace ns3
