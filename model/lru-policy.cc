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
    Node* n = m_table.Find(key);
    if (n == nullptr)
    {
        return false;
    }
    m_order.splice(m_order.begin(), m_order, m_order.iterator_to(*n));
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
        PrefetchVictim(); // for the next round, if any
        m_used -= s;
        m_table.Remove(k);
        NotifyEvict(k, s);
    }
    Node& n = m_table.At(m_table.Add(key));
    n.size = size;
    m_order.push_front(n);
    m_used += size;
    PrefetchVictim();
    return true;
}

void
LruPolicy::PrefetchVictim() const
{
    if (!m_order.empty())
    {
        const Node& tail = m_order.back();
        m_table.PrefetchIndex(tail.key);
        __builtin_prefetch(
            List::node_traits::get_previous(List::s_iterator_to(tail).pointed_node()));
    }
}

void
LruPolicy::Prefetch(Key key)
{
    // The pipeline's last stage: the list neighbours a hit will relink (a node removed in
    // the meantime keeps its memory and old links, so this stays a harmless hint).
    if (const Node* n = m_table.Prefetch(key))
    {
        const auto p = List::s_iterator_to(*n).pointed_node();
        __builtin_prefetch(List::node_traits::get_next(p));
        __builtin_prefetch(List::node_traits::get_previous(p));
    }
}

void
LruPolicy::Erase(Key key)
{
    Node* n = m_table.Find(key);
    if (n == nullptr)
    {
        return;
    }
    m_order.erase(m_order.iterator_to(*n));
    m_used -= n->size;
    m_table.Remove(key);
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
