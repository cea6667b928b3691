/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "greedy-dual-policy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ns3
{

GreedyDualPolicy::GreedyDualPolicy(uint64_t capacity, Variant variant)
    : ReplacementPolicy(capacity)
    , m_variant(variant)
{}

double
GreedyDualPolicy::Value(const Node& n) const
{
    const double s = double(std::max<uint64_t>(n.size, 1));
    switch (m_variant)
    {
    case GDS1:
        return m_inflation + 1.0 / s;
    case GDSLAT:
        return m_inflation + n.cost / s;
    case GDSF:
        return m_inflation + double(n.frequency) / s;
    case LFUDA:
        return m_inflation + double(n.frequency);
    case CSP:
        return n.cost * double(n.frequency) / s;
    }
    return 0;
}

bool
GreedyDualPolicy::Lookup(Key key)
{
    auto it = m_index.find(key);
    if (it == m_index.end())
    {
        return false;
    }
    Node& n = it->second;
    ++n.frequency;
    n.h = Value(n);
    n.access = ++m_clock;
    return true;
}

bool
GreedyDualPolicy::Insert(Key key, uint64_t size, double cost)
{
    if (!(cost >= 0) || std::isinf(cost))
    {
        throw std::invalid_argument(GetName() + ": cost must be finite and >= 0, not "
                                    + std::to_string(cost));
    }
    Erase(key);
    if (size > m_capacity)
    {
        return false;
    }
    while (m_used + size > m_capacity)
    {
        const Entry top = m_heap.top();
        m_heap.pop();
        auto it = m_index.find(top.key);
        if (it == m_index.end() || it->second.heapAccess != top.access)
        {
            continue; // the entry of an object erased or replaced since
        }
        Node& victim = it->second;
        if (victim.access != top.access)
        {
            // Hit since it was placed: place it again with its current value.
            victim.heapAccess = victim.access;
            m_heap.push(Entry{victim.h, victim.access, top.key});
            continue;
        }
        if (m_variant != CSP)
        {
            m_inflation = victim.h;
        }
        const uint64_t s = victim.size;
        m_used -= s;
        m_index.erase(it);
        NotifyEvict(top.key, s);
    }
    Node& n = m_index[key];
    n.size = size;
    n.cost = cost;
    n.frequency = 1;
    n.h = Value(n);
    n.access = ++m_clock;
    n.heapAccess = n.access;
    m_heap.push(Entry{n.h, n.access, key});
    m_used += size;
    return true;
}

void
GreedyDualPolicy::Erase(Key key)
{
    auto it = m_index.find(key);
    if (it == m_index.end())
    {
        return;
    }
    m_used -= it->second.size;
    m_index.erase(it);
    if (m_heap.size() > 2 * m_index.size() + 1024)
    {
        Rebuild();
    }
}

void
GreedyDualPolicy::Rebuild()
{
    m_heap.clear();
    m_heap.reserve(m_index.size());
    for (auto& [key, n] : m_index)
    {
        n.heapAccess = n.access;
        m_heap.push(Entry{n.h, n.access, key});
    }
}

bool
GreedyDualPolicy::Contains(Key key) const
{
    return m_index.count(key) > 0;
}

size_t
GreedyDualPolicy::GetObjectCount() const
{
    return m_index.size();
}

std::string
GreedyDualPolicy::GetName() const
{
    switch (m_variant)
    {
    case GDS1:
        return "GDS1";
    case GDSLAT:
        return "GDSLAT";
    case GDSF:
        return "GDSF";
    case LFUDA:
        return "LFU";
    case CSP:
        return "CSP";
    }
    return "";
}

double
GreedyDualPolicy::GetInflation() const
{
    return m_inflation;
}

double
GreedyDualPolicy::GetValue(Key key) const
{
    auto it = m_index.find(key);
    return it == m_index.end() ? std::numeric_limits<double>::quiet_NaN() : it->second.h;
}

} // namespace ns3
