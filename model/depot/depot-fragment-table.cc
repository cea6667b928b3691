/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-fragment-table.h"

#include "ns3/simulator.h"

namespace ns3
{

void
DepotFragmentTable::SetTimeout(Time timeout)
{
    m_timeout = timeout;
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
    m_fragments[key] = r;
    m_expiry.emplace_back(r.expires, key);
}

DepotFragmentRewrite*
DepotFragmentTable::Find(const Ipv4Header& fragment)
{
    auto it = m_fragments.find(KeyOf(fragment));
    return it == m_fragments.end() ? nullptr : &it->second;
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
    m_fragments.erase(KeyOf(fragment));
}

void
DepotFragmentTable::Purge()
{
    const int64_t now = Simulator::Now().GetTimeStep();
    while (!m_expiry.empty() && m_expiry.front().first < now)
    {
        auto it = m_fragments.find(m_expiry.front().second);
        // Only the entry this expiry was queued for (a newer one may have replaced it).
        if (it != m_fragments.end() && it->second.expires == m_expiry.front().first)
        {
            m_fragments.erase(it);
        }
        m_expiry.pop_front();
    }
    if (m_fragments.empty())
    {
        m_expiry.clear(); // entries of completed datagrams
    }
}

void
DepotFragmentTable::Clear()
{
    m_fragments.clear();
    m_expiry.clear();
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
