/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-scheduler.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DepotScheduler);

TypeId
DepotScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DepotScheduler").SetParent<Object>().SetGroupName("WebProxy");
    return tid;
}

void
DepotScheduler::Update(const std::vector<DepotProxy>& proxies)
{}

} // namespace ns3
