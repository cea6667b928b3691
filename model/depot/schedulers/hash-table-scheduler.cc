/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "hash-table-scheduler.h"

#include "ns3/abort.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(HashTableScheduler);

TypeId
HashTableScheduler::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::HashTableScheduler").SetParent<DepotScheduler>().SetGroupName("WebProxy");
    return tid;
}

uint32_t
HashTableScheduler::Bucket(uint32_t key)
{
    return static_cast<uint32_t>(key * 2654435761U) >> 24;
}

void
HashTableScheduler::Update(const std::vector<DepotProxy>& proxies)
{
    m_table.fill(-1);
    m_built = true;
    uint32_t bucket = 0;
    while (bucket < BUCKETS)
    {
        bool any = false;
        for (uint32_t i = 0; i < proxies.size() && bucket < BUCKETS; ++i)
        {
            for (uint32_t w = 0; w < proxies[i].weight && bucket < BUCKETS; ++w)
            {
                m_table[bucket++] = i;
                any = true;
            }
        }
        if (!any)
        {
            return; // every weight is 0
        }
    }
}

int32_t
HashTableScheduler::Lookup(const std::vector<DepotProxy>& proxies, uint32_t key) const
{
    NS_ABORT_MSG_IF(!m_built, "HashTableScheduler: Update was never called");
    const uint32_t first = Bucket(key);
    for (uint32_t k = 0; k < BUCKETS; ++k)
    {
        const int32_t i = m_table[(first + k) % BUCKETS];
        if (i >= 0 && static_cast<uint32_t>(i) < proxies.size() && Available(proxies[i]))
        {
            return i;
        }
    }
    return -1;
}

} // namespace ns3
