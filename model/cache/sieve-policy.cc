/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sieve-policy.h"

namespace ns3
{

SievePolicy::SievePolicy(uint64_t capacity)
    : ReplacementPolicy(capacity)
    , m_hand(m_queue.end())
{}

bool
SievePolicy::Lookup(Key key)
{
    auto it = m_index.find(key);
    if (it == m_index.end())
    {
        return false;
    }
    it->second.visited = true;
    return true;
}

void
SievePolicy::EvictOne()
{
    // The hand moves from the tail (back) toward the head (begin); "past the head" is end().
    auto o = m_hand == m_queue.end() ? std::prev(m_queue.end()) : m_hand;
    while (o->visited)
    {
        o->visited = false;
        o = o == m_queue.begin() ? std::prev(m_queue.end()) : std::prev(o);
    }
    m_hand = o == m_queue.begin() ? m_queue.end() : std::prev(o);
    const Key k = o->key;
    const uint64_t s = o->size;
    m_queue.erase(o);
    m_used -= s;
    m_index.erase(k);
    NotifyEvict(k, s);
}

bool
SievePolicy::Insert(Key key, uint64_t size, double cost)
{
    Erase(key);
    if (size > m_capacity)
    {
        return false;
    }
    while (m_used + size > m_capacity)
    {
        EvictOne();
    }
    Node& n = m_index[key];
    n.key = key;
    n.size = size;
    n.visited = false;
    m_queue.push_front(n);
    m_used += size;
    return true;
}

void
SievePolicy::Erase(Key key)
{
    auto it = m_index.find(key);
    if (it == m_index.end())
    {
        return;
    }
    auto pos = m_queue.iterator_to(it->second);
    if (pos == m_hand)
    {
        // The hand goes on to the next object toward the head, as after an eviction.
        m_hand = pos == m_queue.begin() ? m_queue.end() : std::prev(pos);
    }
    m_queue.erase(pos);
    m_used -= it->second.size;
    m_index.erase(it);
}

bool
SievePolicy::Contains(Key key) const
{
    return m_index.count(key) > 0;
}

size_t
SievePolicy::GetObjectCount() const
{
    return m_index.size();
}

std::string
SievePolicy::GetName() const
{
    return "SIEVE";
}

} // namespace ns3
