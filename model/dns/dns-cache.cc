/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dns-cache.h"

namespace ns3
{

DnsCache::DnsCache(uint32_t capacity)
    : m_capacity(capacity)
{}

void
DnsCache::SetCapacity(uint32_t capacity)
{
    m_capacity = capacity;
    while (m_table.size() > m_capacity)
    {
        EvictOne();
    }
}

std::optional<Ipv4Address>
DnsCache::Lookup(const std::string& name, Time now)
{
    auto it = m_table.find(name);
    if (it == m_table.end())
    {
        return std::nullopt;
    }
    if (now >= it->second.expiry)
    {
        m_table.erase(it);
        return std::nullopt;
    }
    return it->second.address;
}

void
DnsCache::Insert(const std::string& name, Ipv4Address address, Time ttl, Time now)
{
    m_table.erase(name);
    if (m_capacity == 0 || ttl <= Time(0))
    {
        return;
    }
    for (auto it = m_table.begin(); it != m_table.end() && m_table.size() >= m_capacity;)
    {
        it = now >= it->second.expiry ? m_table.erase(it) : std::next(it);
    }
    while (m_table.size() >= m_capacity)
    {
        EvictOne();
    }
    m_table[name] = Entry{address, now + ttl};
}

uint32_t
DnsCache::GetSize() const
{
    return m_table.size();
}

void
DnsCache::Clear()
{
    m_table.clear();
}

void
DnsCache::EvictOne()
{
    auto soonest = m_table.begin();
    for (auto it = m_table.begin(); it != m_table.end(); ++it)
    {
        if (it->second.expiry < soonest->second.expiry)
        {
            soonest = it;
        }
    }
    if (soonest != m_table.end())
    {
        m_table.erase(soonest);
    }
}

} // namespace ns3
