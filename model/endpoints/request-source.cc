/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "request-source.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RequestSource);

TypeId
RequestSource::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RequestSource").SetParent<Object>().SetGroupName("WebProxy");
    return tid;
}

int64_t
RequestSource::AssignStreams(int64_t stream)
{
    return 0;
}

} // namespace ns3
