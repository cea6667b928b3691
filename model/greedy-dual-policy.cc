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
        Node* victim = &*m_values.begin();
        while (victim->treeH != victim->h || victim->treeAccess != victim->access)
        {
            // Its value grew since it was placed: move it to where it belongs now.
            m_values.erase(m_values.iterator_to(*victim));
            victim->treeH = victim->h;
            victim->treeAccess = victim->access;
            m_values.insert(*victim);
            victim = &*m_values.begin();
        }
        if (m_variant != CSP)
        {
            m_inflation = victim->h;
        }
        const Key k = victim->key;
        const uint64_t s = victim->size;
        m_values.erase(m_values.iterator_to(*victim));
        m_used -= s;
        m_index.erase(k);
        NotifyEvict(k, s);
    }
    Node& n = m_index[key];
    n.key = key;
    n.size = size;
    n.cost = cost;
    n.frequency = 1;
    n.h = Value(n);
    n.access = ++m_clock;
    n.treeH = n.h;
    n.treeAccess = n.access;
    m_values.insert(n);
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
    m_values.erase(m_values.iterator_to(it->second));
    m_used -= it->second.size;
    m_index.erase(it);
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
