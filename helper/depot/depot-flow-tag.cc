/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-flow-tag.h"

#include <ostream>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DepotFlowTag);

TypeId
DepotFlowTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DepotFlowTag")
                            .SetParent<Tag>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<DepotFlowTag>();
    return tid;
}

DepotFlowTag::DepotFlowTag(uint64_t id)
    : m_id(id)
{}

uint64_t
DepotFlowTag::GetId() const
{
    return m_id;
}

TypeId
DepotFlowTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
DepotFlowTag::GetSerializedSize() const
{
    return 8;
}

void
DepotFlowTag::Serialize(TagBuffer i) const
{
    i.WriteU64(m_id);
}

void
DepotFlowTag::Deserialize(TagBuffer i)
{
    m_id = i.ReadU64();
}

void
DepotFlowTag::Print(std::ostream& os) const
{
    os << "depot-flow=" << m_id;
}

} // namespace ns3
