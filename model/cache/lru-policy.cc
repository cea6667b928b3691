/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lru-policy.h"

#include <algorithm>

namespace ns3
{

LruPolicy::LruPolicy(uint64_t capacity)
    : ReplacementPolicy(capacity)
{}

bool
LruPolicy::Lookup(Key key)
{
    Node* n = m_table.Find(key);
    if (n == nullptr)
    {
        return false;
    }
    Touch(key, *n);
    MaybeCompact();
    return true;
}

inline void
LruPolicy::Touch(Key key, Node& n)
{
    if (m_clock >= m_clockLimit)
    {
        Compact(true); // changes access numbers only: n stays valid
    }
    n.access = ++m_clock;
    m_queue.emplace_back(key, n.access);
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
        EvictOne();
    }
    Node& n = m_table.Add(key);
    if (size < LARGE)
    {
        n.size = uint32_t(size);
    }
    else
    {
        n.size = LARGE;
        m_largeSizes[key] = size;
    }
    Touch(key, n);
    m_used += size;
    MaybeCompact();
    return true;
}

inline void
LruPolicy::EvictOne()
{
    for (;;)
    {
        const Entry e = m_queue.front();
        m_queue.pop_front();
        if (m_queue.size() > AHEAD)
        {
            m_table.Prefetch(m_queue[AHEAD].key); // for the following rounds
        }
        const Node* n = m_table.Find(e.key);
        if (n == nullptr || n->access != e.access)
        {
            continue; // accessed again, erased or replaced since
        }
        const uint64_t s = SizeOf(e.key, *n);
        m_used -= s;
        if (n->size == LARGE)
        {
            m_largeSizes.erase(e.key);
        }
        m_table.Remove(e.key);
        NotifyEvict(e.key, s);
        return;
    }
}

inline uint64_t
LruPolicy::SizeOf(Key key, const Node& n) const
{
    return n.size != LARGE ? n.size : m_largeSizes.at(key);
}

inline void
LruPolicy::MaybeCompact()
{
    if (m_queue.size() > QUEUE_FACTOR * m_table.Size() + 1024)
    {
        Compact(false);
    }
}

void
LruPolicy::Compact(bool renumber)
{
    size_t out = 0;
    uint32_t clock = 0;
    const size_t n = m_queue.size();
    for (size_t i = 0; i < n; ++i)
    {
        if (i + AHEAD < n)
        {
            m_table.Prefetch(m_queue[i + AHEAD].key);
        }
        Entry e = m_queue[i];
        Node* node = m_table.Find(e.key);
        if (node == nullptr || node->access != e.access)
        {
            continue;
        }
        if (renumber)
        {
            // The live entries are in access order: the order is kept.
            e.access = node->access = ++clock;
        }
        m_queue[out++] = e;
    }
    m_queue.erase(m_queue.begin() + std::ptrdiff_t(out), m_queue.end());
    if (renumber)
    {
        m_clock = clock;
    }
}

void
LruPolicy::SetAccessLimit(uint32_t limit)
{
    m_clockLimit = std::max<uint32_t>(limit, 2);
}

void
LruPolicy::Prefetch(Key key)
{
    // A lookup reads only the node: start loading it 12 requests ahead.
    m_table.Prefetch(key);
}

void
LruPolicy::Erase(Key key)
{
    Node* n = m_table.Find(key);
    if (n == nullptr)
    {
        return;
    }
    m_used -= SizeOf(key, *n);
    if (n->size == LARGE)
    {
        m_largeSizes.erase(key);
    }
    m_table.Remove(key); // its queue entries are dead from now on
}

bool
LruPolicy::Contains(Key key) const
{
    return m_table.Find(key) != nullptr;
}

size_t
LruPolicy::GetObjectCount() const
{
    return m_table.Size();
}

std::string
LruPolicy::GetName() const
{
    return "LRU";
}

} // namespace ns3
