/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "greedy-dual-policy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>
#include <vector>

namespace ns3
{

GreedyDualPolicy::GreedyDualPolicy(uint64_t capacity, Variant variant)
    : ReplacementPolicy(capacity)
    , m_variant(variant)
    , m_exact(variant == GDS1 || variant == GDSF || variant == LFUDA)
{}

bool
GreedyDualPolicy::IsExact() const
{
    return m_exact;
}

void
GreedyDualPolicy::SetExactValue(Node& n)
{
    // H * D = L * D + f * D / s (GDSF), D / s (GDS1), f * D (LFUDA); D / s is exact.
    WideUint q = m_denominator;
    if (m_variant != LFUDA)
    {
        q.Divide(std::max<uint64_t>(n.size, 1));
    }
    WideUint h = m_inflationX;
    if ((m_variant == GDS1 || q.Multiply(n.frequency)) && h.Add(q))
    {
        n.hx = h;
        return;
    }
    FallBack();
    n.h = Value(n);
}

void
GreedyDualPolicy::AdmitSize(uint64_t size)
{
    if (m_variant == LFUDA)
    {
        return; // sizes do not enter its values: D stays 1
    }
    const uint64_t s = std::max<uint64_t>(size, 1);
    WideUint rest = m_denominator;
    const uint64_t r = rest.Divide(s);
    if (r == 0)
    {
        return;
    }
    const uint64_t k = s / std::gcd(s, r);
    WideUint d = m_denominator;
    WideUint l = m_inflationX;
    bool ok = d.Multiply(k) && d.Bits() <= MAX_DENOMINATOR_BITS && l.Multiply(k);
    // Check every numerator before changing any: the order must survive or nothing change.
    m_table.ForEach(
        [&ok, k](uint32_t, Node& n)
        {
            WideUint h = n.hx;
            ok = ok && h.Multiply(k);
        });
    if (!ok)
    {
        FallBack();
        return;
    }
    m_denominator = d;
    m_inflationX = l;
    m_table.ForEach([k](uint32_t, Node& n) { n.hx.Multiply(k); });
    Rebuild();
}

void
GreedyDualPolicy::FallBack()
{
    if (!m_exact)
    {
        return;
    }
    const double d = m_denominator.ToDouble();
    m_inflation = m_inflationX.ToDouble() / d;
    m_table.ForEach([d](uint32_t, Node& n) { n.h = n.hx.ToDouble() / d; });
    m_exact = false;
    ExactHeap().swap(m_exactHeap);
    Rebuild();
}

void
GreedyDualPolicy::Inflate(double h)
{
    if (m_variant != CSP)
    {
        m_inflation = h;
    }
}

void
GreedyDualPolicy::Inflate(const WideUint& h)
{
    m_inflationX = h;
}

inline double
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
    Node* found = m_table.Find(key);
    if (found == nullptr)
    {
        return false;
    }
    Node& n = *found;
    ++n.frequency;
    if (m_exact)
    {
        SetExactValue(n);
    }
    else
    {
        n.h = Value(n);
    }
    n.access = NextAccess();
    return true;
}

inline uint32_t
GreedyDualPolicy::NextAccess()
{
    if (m_clock >= m_clockLimit)
    {
        // Number the objects 1..n in their access order; only the order matters.
        std::vector<std::pair<uint32_t, uint32_t>> order;
        order.reserve(m_table.Size());
        m_table.ForEach([&order](uint32_t slot, Node& n) { order.emplace_back(n.access, slot); });
        std::sort(order.begin(), order.end());
        m_clock = 0;
        for (const auto& [access, slot] : order)
        {
            m_table.At(slot).access = ++m_clock;
        }
        Rebuild();
    }
    return ++m_clock;
}

void
GreedyDualPolicy::SetAccessLimit(uint32_t limit)
{
    m_clockLimit = std::max<uint32_t>(limit, 2);
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
    if (m_exact)
    {
        AdmitSize(size);
    }
    if (m_exact)
    {
        MakeRoom(m_exactHeap, size);
    }
    else
    {
        MakeRoom(m_heap, size);
    }
    const uint32_t access = NextAccess(); // before Add: a renumbering sees live nodes only
    const uint32_t slot = m_table.Add(key);
    Node& n = m_table.At(slot);
    n.size = size;
    n.cost = cost;
    n.frequency = 1;
    if (m_exact)
    {
        SetExactValue(n); // may fall back, and then set n.h
    }
    else
    {
        n.h = Value(n);
    }
    n.access = access;
    n.heapAccess = n.access;
    if (m_exact)
    {
        m_exactHeap.push(ExactEntry{n.hx, n.access, slot});
    }
    else
    {
        m_heap.push(Entry{n.h, n.access, slot});
    }
    m_used += size;
    return true;
}

template <typename H>
void
GreedyDualPolicy::MakeRoom(H& heap, uint64_t size)
{
    while (m_used + size > m_capacity)
    {
        const auto top = heap.top();
        heap.pop();
        Node& victim = m_table.At(top.slot);
        if (victim.heapAccess != top.access)
        {
            continue; // the entry of an object erased or replaced since
        }
        if (victim.access != top.access)
        {
            // Hit since it was placed: place it again with its current value.
            victim.heapAccess = victim.access;
            heap.push({Current(victim, top.h), victim.access, top.slot});
            continue;
        }
        Inflate(top.h);
        const Key k = victim.key;
        const uint64_t s = victim.size;
        m_used -= s;
        victim.heapAccess = 0; // no live entry: access numbers start at 1
        m_table.Remove(k);
        NotifyEvict(k, s);
    }
}

void
GreedyDualPolicy::Prefetch(Key key)
{
    m_table.Prefetch(key);
}

void
GreedyDualPolicy::Erase(Key key)
{
    Node* n = m_table.Find(key);
    if (n == nullptr)
    {
        return;
    }
    m_used -= n->size;
    n->heapAccess = 0;
    m_table.Remove(key);
    if ((m_exact ? m_exactHeap.size() : m_heap.size()) > 2 * m_table.Size() + 1024)
    {
        Rebuild();
    }
}

void
GreedyDualPolicy::Rebuild()
{
    if (m_exact)
    {
        m_exactHeap.clear();
        m_exactHeap.reserve(m_table.Size());
        m_table.ForEach(
            [this](uint32_t slot, Node& n)
            {
                n.heapAccess = n.access;
                m_exactHeap.push(ExactEntry{n.hx, n.access, slot});
            });
        return;
    }
    m_heap.clear();
    m_heap.reserve(m_table.Size());
    m_table.ForEach(
        [this](uint32_t slot, Node& n)
        {
            n.heapAccess = n.access;
            m_heap.push(Entry{n.h, n.access, slot});
        });
}

bool
GreedyDualPolicy::Contains(Key key) const
{
    return m_table.Find(key) != nullptr;
}

size_t
GreedyDualPolicy::GetObjectCount() const
{
    return m_table.Size();
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
    return m_exact ? m_inflationX.ToDouble() / m_denominator.ToDouble() : m_inflation;
}

double
GreedyDualPolicy::GetValue(Key key) const
{
    const Node* n = m_table.Find(key);
    if (n == nullptr)
    {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return m_exact ? n->hx.ToDouble() / m_denominator.ToDouble() : n->h;
}

} // namespace ns3
