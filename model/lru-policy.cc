/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lru-policy.h"

namespace ns3
{

LruPolicy::LruPolicy(uint64_t capacity)
    : ReplacementPolicy(capacity)
{}

bool
LruPolicy::Lookup(Key key)
{
    auto it = m_index.find(key);
    if (it == m_index.end())
    {
        return false;
    }
    m_order.splice(m_order.begin(), m_order, m_order.iterator_to(it->second));
    return true;
}

bool
LruPolicy::Insert(Key key, uint64_t size, double cost)
{
    Erase(key);
    if (size > m_capacity)
    {
        return false;
    }
    while (m_used + size > m_capacity)
    {
        Node& victim = m_order.back();
        const Key k = victim.key;
        const uint64_t s = victim.size;
        m_order.pop_back();
        m_used -= s;
        m_index.erase(k);
        NotifyEvict(k, s);
    }
    Node& n = m_index[key];
    n.key = key;
    n.size = size;
    m_order.push_front(n);
    m_used += size;
    return true;
}

void
LruPolicy::Erase(Key key)
{
    auto it = m_index.find(key);
    if (it == m_index.end())
    {
        return;
    }
    m_order.erase(m_order.iterator_to(it->second));
    m_used -= it->second.size;
    m_index.erase(it);
}

bool
LruPolicy::Contains(Key key) const
{
    return m_index.count(key) > 0;
}

size_t
LruPolicy::GetObjectCount() const
{
    return m_index.size();
}

std::string
LruPolicy::GetName() const
{
    return "LRU";
}

} // namespace ns3
