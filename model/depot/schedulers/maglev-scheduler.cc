/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "maglev-scheduler.h"

#include "flow-hash.h"

#include "ns3/abort.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(MaglevScheduler);

TypeId
MaglevScheduler::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::MaglevScheduler")
              .SetParent<DepotScheduler>()
              .SetGroupName("WebProxy")
              .AddConstructor<MaglevScheduler>()
              .AddAttribute("TableSize",
                            "Lookup table size M, a prime much larger than the number of proxies "
                            "(the paper: 100 times).",
                            UintegerValue(65537),
                            MakeUintegerAccessor(&MaglevScheduler::SetTableSize),
                            MakeUintegerChecker<uint32_t>(2));
    return tid;
}

void
MaglevScheduler::SetTableSize(uint32_t size)
{
    for (uint32_t d = 2; static_cast<uint64_t>(d) * d <= size; ++d)
    {
        NS_ABORT_MSG_IF(size % d == 0,
                        "MaglevScheduler: TableSize " << size << " is not prime (divisible by " << d
                                                      << ")");
    }
    m_size = size;
    m_table.clear();
}

void
MaglevScheduler::Update(const std::vector<DepotProxy>& proxies)
{
    const uint32_t m = m_size;
    m_table.assign(m, -1);
    std::vector<uint32_t> offset;
    std::vector<uint32_t> skip;
    std::vector<uint32_t> next;
    std::vector<int32_t> members;
    for (uint32_t i = 0; i < proxies.size(); ++i)
    {
        if (!Available(proxies[i]))
        {
            continue;
        }
        const uint64_t name
            = (static_cast<uint64_t>(proxies[i].address.Get()) << 16) | proxies[i].port;
        members.push_back(i);
        offset.push_back(FlowHash(name, 0x6d61676c6576ULL) % m);
        skip.push_back(FlowHash(name, 0x736b6970ULL) % (m - 1) + 1);
        next.push_back(0);
    }
    if (members.empty())
    {
        return;
    }
    uint32_t filled = 0;
    while (true)
    {
        for (uint32_t k = 0; k < members.size(); ++k)
        {
            uint32_t c = (offset[k] + static_cast<uint64_t>(next[k]) * skip[k]) % m;
            while (m_table[c] >= 0)
            {
                ++next[k];
                c = (offset[k] + static_cast<uint64_t>(next[k]) * skip[k]) % m;
            }
            m_table[c] = members[k];
            ++next[k];
            if (++filled == m)
            {
                return;
            }
        }
    }
}

uint32_t
MaglevScheduler::Slot(const Flow& flow) const
{
    const uint64_t a = (static_cast<uint64_t>(flow.client.Get()) << 32)
                     | (static_cast<uint64_t>(flow.clientPort) << 16) | flow.vport;
    return FlowHash(a, flow.vip.Get()) % m_size;
}

int32_t
MaglevScheduler::Select(const std::vector<DepotProxy>& proxies, const Flow& flow)
{
    NS_ABORT_MSG_IF(m_table.size() != m_size, "MaglevScheduler: Update was never called");
    return m_table[Slot(flow)];
}

const std::vector<int32_t>&
MaglevScheduler::GetTable() const
{
    return m_table;
}

} // namespace ns3
