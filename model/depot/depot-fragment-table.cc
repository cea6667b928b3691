/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-fragment-table.h"

#include "ns3/abort.h"
#include "ns3/simulator.h"

#include <iterator>

namespace ns3
{

DepotFragmentTable::~DepotFragmentTable()
{
    m_timer.Cancel();
}

void
DepotFragmentTable::SetTimeout(Time timeout)
{
    m_timeout = timeout;
}

void
DepotFragmentTable::SetLimit(uint32_t limit)
{
    NS_ABORT_MSG_IF(limit == 0, "Depot: FragmentTableLimit must be at least 1");
    m_limit = limit;
}

DepotFragmentTable::Key
DepotFragmentTable::KeyOf(const Ipv4Header& h)
{
    return Key{
        h.GetSource().Get(), h.GetDestination().Get(), h.GetIdentification(), h.GetProtocol()};
}

void
DepotFragmentTable::Remember(const Ipv4Header& first, DepotFragmentRewrite r)
{
    r.seen = first.GetPayloadSize();
    r.expires = (Simulator::Now() + m_timeout).GetTimeStep();
    const Key key = KeyOf(first);
    auto it = m_fragments.find(key);
    if (it != m_fragments.end())
    {
        Erase(it); // an identification reused: the new datagram replaces the old one
    }
    while (m_fragments.size() >= m_limit)
    {
        ++m_evicted;
        Erase(m_fragments.find(m_order.front()));
    }
    m_order.push_back(key);
    m_fragments.emplace(key, Entry{r, std::prev(m_order.end())});
    Arm();
}

DepotFragmentRewrite*
DepotFragmentTable::Find(const Ipv4Header& fragment)
{
    auto it = m_fragments.find(KeyOf(fragment));
    if (it == m_fragments.end() || it->second.rewrite.expires < Simulator::Now().GetTimeStep())
    {
        return nullptr; // past its lifetime (the timer runs after this time step)
    }
    return &it->second.rewrite;
}

bool
DepotFragmentTable::Account(DepotFragmentRewrite& r, const Ipv4Header& fragment)
{
    const uint32_t size = fragment.GetPayloadSize();
    r.seen += size;
    // Fragments may arrive out of order: the datagram is complete when the last one came and
    // the bytes seen cover it.
    return fragment.IsLastFragment() && r.seen >= fragment.GetFragmentOffset() + size;
}

void
DepotFragmentTable::Forget(const Ipv4Header& fragment)
{
    auto it = m_fragments.find(KeyOf(fragment));
    if (it != m_fragments.end())
    {
        Erase(it);
    }
}

void
DepotFragmentTable::Erase(std::map<Key, Entry>::iterator it)
{
    m_order.erase(it->second.order);
    m_fragments.erase(it);
}

void
DepotFragmentTable::Purge()
{
    const int64_t now = Simulator::Now().GetTimeStep();
    while (!m_order.empty())
    {
        auto it = m_fragments.find(m_order.front());
        if (it->second.rewrite.expires >= now)
        {
            break;
        }
        Erase(it);
    }
}

void
DepotFragmentTable::Arm()
{
    if (m_order.empty() || !m_timer.IsExpired())
    {
        return;
    }
    const int64_t at = m_fragments.find(m_order.front())->second.rewrite.expires;
    // Purge keeps an entry through its expiry time step: fire one step after it.
    m_timer = Simulator::Schedule(
        TimeStep(at + 1) - Simulator::Now(), &DepotFragmentTable::Expire, this);
}

void
DepotFragmentTable::Expire()
{
    Purge();
    Arm();
}

void
DepotFragmentTable::Clear()
{
    m_timer.Cancel();
    m_fragments.clear();
    m_order.clear();
}

uint32_t
DepotFragmentTable::EntryBytes()
{
    // A red-black tree node (3 pointers and a colour, padded) and a list node (2 pointers).
    return sizeof(std::pair<const Key, Entry>) + 32 + sizeof(Key) + 16;
}

uint64_t
DepotFragmentTable::MemoryBytes() const
{
    return static_cast<uint64_t>(m_fragments.size()) * EntryBytes();
}

uint64_t
DepotFragmentTable::GetEvictedCount() const
{
    return m_evicted;
}

uint32_t
DepotFragmentTable::Size() const
{
    return m_fragments.size();
}

void
DepotFragmentTable::CountLater(bool toProxy)
{
    ++m_laterFragments[toProxy ? 1 : 0];
}

void
DepotFragmentTable::CountFirst()
{
    ++m_firstFragments;
}

uint64_t
DepotFragmentTable::GetLaterCount(bool toProxy) const
{
    return m_laterFragments[toProxy ? 1 : 0];
}

uint64_t
DepotFragmentTable::GetFirstCount() const
{
    return m_firstFragments;
}

} // namespace ns3
