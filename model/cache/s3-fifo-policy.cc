/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "s3-fifo-policy.h"

#include <algorithm>

namespace ns3
{

S3FifoPolicy::S3FifoPolicy(uint64_t capacity)
    : ReplacementPolicy(capacity)
    ,
    // libCacheSim computes the queue sizes in double and truncates; so do we, for the same
    // sizes at every capacity.
    m_smallCapacity(uint64_t(double(capacity) * 0.10))
    , m_mainCapacity(capacity - m_smallCapacity)
    , m_ghostCapacity(uint64_t(double(capacity) * 0.90))
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
S3FifoPolicy::Evict()
{
    if (m_mainBytes > m_mainCapacity || m_smallBytes == 0)
    {
        EvictMain();
    }
    else
    {
        EvictSmall();
    }
}

void
S3FifoPolicy::EvictSmall()
{
    while (m_smallBytes > 0)
    {
        Node& t = m_small.back();
        m_small.pop_back();
        m_smallBytes -= t.size;
        if (t.frequency >= MOVE_TO_MAIN)
        {
            t.frequency = 0;
            t.main = true;
            m_main.push_front(t);
            m_mainBytes += t.size;
            continue;
        }
        const Key k = t.key;
        const uint64_t s = t.size;
        m_used -= s;
        m_index.erase(k);
        AddGhost(k, s);
        NotifyEvict(k, s);
        return;
    }
}

void
S3FifoPolicy::EvictMain()
{
    while (!m_main.empty())
    {
        Node& t = m_main.back();
        if (t.frequency > 0)
        {
            --t.frequency;
            m_main.splice(m_main.begin(), m_main, m_main.iterator_to(t));
            continue;
        }
        m_main.pop_back();
        const Key k = t.key;
        const uint64_t s = t.size;
        m_mainBytes -= s;
        m_used -= s;
        m_index.erase(k);
        NotifyEvict(k, s);
        return;
    }
}

bool
S3FifoPolicy::Insert(Key key, uint64_t size, double /* cost: unused */)
{
    Erase(key);
    bool toMain = false;
    auto g = m_ghosts.find(key);
    if (g != m_ghosts.end())
    {
        toMain = true;
        m_ghost.erase(m_ghost.iterator_to(g->second));
        m_ghostBytes -= std::max<uint64_t>(g->second.size, 1);
        m_ghosts.erase(g);
    }
    if (size > m_smallCapacity || (!toMain && size == m_smallCapacity))
    {
        return false;
    }
    while (m_used + size > m_capacity)
    {
        Evict();
    }
    Node& n = m_index[key];
    n.key = key;
    n.size = size;
    n.frequency = 0;
    n.main = toMain;
    if (toMain)
    {
        m_main.push_front(n);
        m_mainBytes += size;
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
        m_mainBytes -= n.size;
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

uint64_t
S3FifoPolicy::GetMainBytes() const
{
    return m_mainBytes;
}

size_t
S3FifoPolicy::GetGhostCount() const
{
    return m_ghosts.size();
}

} // namespace ns3
