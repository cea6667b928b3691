/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "s3-fifo-policy.h"

#include <algorithm>

namespace ns3
{

S3FifoPolicy::S3FifoPolicy(uint64_t capacity)
    : ReplacementPolicy(capacity)
    , m_smallTarget(capacity / 10)
    , m_ghostCapacity(capacity - capacity / 10)
{}

bool
S3FifoPolicy::Lookup(Key key)
{
    auto it = m_index.find(key);
    if (it == m_index.end())
    {
        return false;
    }
    Node& n = it->second;
    n.frequency = std::min<uint8_t>(n.frequency + 1, MAX_FREQUENCY);
    return true;
}

void
S3FifoPolicy::AddGhost(Key key, uint64_t size)
{
    const uint64_t charge = std::max<uint64_t>(size, 1);
    if (charge > m_ghostCapacity)
    {
        return;
    }
    while (m_ghostBytes + charge > m_ghostCapacity)
    {
        Node& old = m_ghost.back();
        const Key k = old.key;
        m_ghost.pop_back();
        m_ghostBytes -= std::max<uint64_t>(old.size, 1);
        m_ghosts.erase(k);
    }
    Node& g = m_ghosts[key];
    g.key = key;
    g.size = size;
    m_ghost.push_front(g);
    m_ghostBytes += charge;
}

void
S3FifoPolicy::Step()
{
    if (!m_small.empty() && (m_smallBytes >= m_smallTarget || m_main.empty()))
    {
        Node& t = m_small.back();
        m_small.pop_back();
        m_smallBytes -= t.size;
        if (t.frequency > 0)
        {
            t.frequency = 0;
            t.main = true;
            m_main.push_front(t);
            return;
        }
        const Key k = t.key;
        const uint64_t s = t.size;
        m_used -= s;
        m_index.erase(k);
        AddGhost(k, s);
        NotifyEvict(k, s);
        return;
    }
    Node& t = m_main.back();
    if (t.frequency > 0)
    {
        --t.frequency;
        m_main.splice(m_main.begin(), m_main, m_main.iterator_to(t));
        return;
    }
    m_main.pop_back();
    const Key k = t.key;
    const uint64_t s = t.size;
    m_used -= s;
    m_index.erase(k);
    NotifyEvict(k, s);
}

bool
S3FifoPolicy::Insert(Key key, uint64_t size, double cost)
{
    Erase(key);
    if (size > m_capacity)
    {
        return false;
    }
    bool toMain = false;
    auto g = m_ghosts.find(key);
    if (g != m_ghosts.end())
    {
        toMain = true;
        m_ghost.erase(m_ghost.iterator_to(g->second));
        m_ghostBytes -= std::max<uint64_t>(g->second.size, 1);
        m_ghosts.erase(g);
    }
    while (m_used + size > m_capacity)
    {
        Step();
    }
    Node& n = m_index[key];
    n.key = key;
    n.size = size;
    n.frequency = 0;
    n.main = toMain;
    if (toMain)
    {
        m_main.push_front(n);
    }
    else
    {
        m_small.push_front(n);
        m_smallBytes += size;
    }
    m_used += size;
    return true;
}

void
S3FifoPolicy::Erase(Key key)
{
    auto it = m_index.find(key);
    if (it == m_index.end())
    {
        return;
    }
    Node& n = it->second;
    if (n.main)
    {
        m_main.erase(m_main.iterator_to(n));
    }
    else
    {
        m_small.erase(m_small.iterator_to(n));
        m_smallBytes -= n.size;
    }
    m_used -= n.size;
    m_index.erase(it);
}

bool
S3FifoPolicy::Contains(Key key) const
{
    return m_index.count(key) > 0;
}

size_t
S3FifoPolicy::GetObjectCount() const
{
    return m_index.size();
}

std::string
S3FifoPolicy::GetName() const
{
    return "S3FIFO";
}

uint64_t
S3FifoPolicy::GetSmallBytes() const
{
    return m_smallBytes;
}

size_t
S3FifoPolicy::GetGhostCount() const
{
    return m_ghosts.size();
}

} // namespace ns3
