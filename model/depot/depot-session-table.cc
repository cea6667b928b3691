/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-session-table.h"

#include "ns3/abort.h"
#include "ns3/flow-hash.h"

#include <limits>

namespace ns3
{

namespace
{

inline size_t
HashKey(uint32_t a, uint16_t aPort, uint32_t b, uint16_t bPort)
{
    return FlowHash((static_cast<uint64_t>(a) << 32) | (static_cast<uint64_t>(aPort) << 16) | bPort,
                    b);
}

/// A client-side key for heterogeneous lookup.
struct ForwardKey
{
    uint32_t client;
    uint16_t clientPort;
    uint32_t vip;
    uint16_t vport;
};

/// A proxy-side key for heterogeneous lookup.
struct ReverseKey
{
    uint32_t proxy;
    uint16_t proxyPort;
    uint32_t client;
    uint16_t clientPort;
};

struct ForwardKeyHash
{
    size_t operator()(const ForwardKey& k) const
    {
        return HashKey(k.client, k.clientPort, k.vip, k.vport);
    }
};

struct ForwardKeyEq
{
    bool operator()(const ForwardKey& k, const DepotSession& s) const
    {
        return k.client == s.client && k.clientPort == s.clientPort && k.vip == s.vip
            && k.vport == s.virtualPort;
    }
};

struct ReverseKeyHash
{
    size_t operator()(const ReverseKey& k) const
    {
        return HashKey(k.proxy, k.proxyPort, k.client, k.clientPort);
    }
};

struct ReverseKeyEq
{
    bool operator()(const ReverseKey& k, const DepotSession& s) const
    {
        return k.proxy == s.proxy && k.proxyPort == s.proxyPort && k.client == s.client
            && k.clientPort == s.clientPort;
    }
};

constexpr size_t INITIAL_BUCKETS = 64;

} // namespace

size_t
DepotSessionTable::FwdHash::operator()(const DepotSession& s) const
{
    return HashKey(s.client, s.clientPort, s.vip, s.virtualPort);
}

bool
DepotSessionTable::FwdEq::operator()(const DepotSession& a, const DepotSession& b) const
{
    return a.client == b.client && a.clientPort == b.clientPort && a.vip == b.vip
        && a.virtualPort == b.virtualPort;
}

size_t
DepotSessionTable::RevHash::operator()(const DepotSession& s) const
{
    return HashKey(s.proxy, s.proxyPort, s.client, s.clientPort);
}

bool
DepotSessionTable::RevEq::operator()(const DepotSession& a, const DepotSession& b) const
{
    return a.proxy == b.proxy && a.proxyPort == b.proxyPort && a.client == b.client
        && a.clientPort == b.clientPort;
}

DepotSessionTable::DepotSessionTable(uint32_t maxSessions)
    : m_maxSessions(maxSessions)
    , m_pool(sizeof(DepotSession))
    , m_forwardBuckets(INITIAL_BUCKETS)
    , m_reverseBuckets(INITIAL_BUCKETS)
    , m_forward(ForwardSet::bucket_traits(m_forwardBuckets.data(), m_forwardBuckets.size()))
    , m_reverse(ReverseSet::bucket_traits(m_reverseBuckets.data(), m_reverseBuckets.size()))
{}

DepotSessionTable::~DepotSessionTable()
{
    for (auto& list : m_expiry)
    {
        list.clear();
    }
    m_forward.clear_and_dispose(
        [this](DepotSession* s)
        {
            m_reverse.erase(m_reverse.iterator_to(*s));
            s->~DepotSession();
            m_pool.free(s);
        });
}

DepotSession*
DepotSessionTable::Find(uint32_t client, uint16_t clientPort, uint32_t vip, uint16_t vport) const
{
    auto it = m_forward.find(
        ForwardKey{client, clientPort, vip, vport}, ForwardKeyHash(), ForwardKeyEq());
    return it == m_forward.end() ? nullptr : const_cast<DepotSession*>(&*it);
}

DepotSession*
DepotSessionTable::FindReverse(uint32_t proxy,
                               uint16_t proxyPort,
                               uint32_t client,
                               uint16_t clientPort) const
{
    auto it = m_reverse.find(
        ReverseKey{proxy, proxyPort, client, clientPort}, ReverseKeyHash(), ReverseKeyEq());
    return it == m_reverse.end() ? nullptr : const_cast<DepotSession*>(&*it);
}

void
DepotSessionTable::Grow()
{
    const size_t n = m_forwardBuckets.size() * 2;
    std::vector<ForwardSet::bucket_type> forward(n);
    std::vector<ReverseSet::bucket_type> reverse(n);
    m_forward.rehash(ForwardSet::bucket_traits(forward.data(), n));
    m_reverse.rehash(ReverseSet::bucket_traits(reverse.data(), n));
    m_forwardBuckets.swap(forward);
    m_reverseBuckets.swap(reverse);
}

DepotSession*
DepotSessionTable::Insert(uint32_t client,
                          uint16_t clientPort,
                          uint32_t vip,
                          uint16_t vport,
                          uint32_t proxy,
                          uint16_t proxyPort,
                          uint16_t proxyIndex,
                          int64_t now)
{
    if (m_maxSessions != 0 && m_forward.size() >= m_maxSessions)
    {
        return nullptr;
    }
    if (FindReverse(proxy, proxyPort, client, clientPort))
    {
        return nullptr; // the reverse index is unique: the entry could not be linked into it
    }
    if (m_forward.size() >= m_forwardBuckets.size())
    {
        Grow();
    }
    void* mem = m_pool.malloc();
    NS_ABORT_MSG_IF(!mem, "DepotSessionTable: out of memory");
    DepotSession* s = new (mem) DepotSession;
    s->client = client;
    s->vip = vip;
    s->proxy = proxy;
    s->clientPort = clientPort;
    s->virtualPort = vport;
    s->proxyPort = proxyPort;
    s->proxyIndex = proxyIndex;
    s->timerState = TcpStateTracker::S_SYN_SENT;
    s->expiry = now;
    s->created = now;
    const bool inserted = m_forward.insert(*s).second;
    NS_ABORT_MSG_IF(!inserted, "DepotSessionTable::Insert: the session is already in the table");
    m_reverse.insert(*s);
    m_expiry[s->timerState].push_back(*s);
    return s;
}

bool
DepotSessionTable::Reassign(DepotSession* s,
                            uint32_t proxy,
                            uint16_t proxyPort,
                            uint16_t proxyIndex)
{
    const DepotSession* other = FindReverse(proxy, proxyPort, s->client, s->clientPort);
    if (other && other != s)
    {
        return false;
    }
    m_reverse.erase(m_reverse.iterator_to(*s));
    s->proxy = proxy;
    s->proxyPort = proxyPort;
    s->proxyIndex = proxyIndex;
    m_reverse.insert(*s);
    return true;
}

void
DepotSessionTable::Touch(DepotSession* s, uint8_t timerState, int64_t expiry)
{
    m_expiry[s->timerState].erase(m_expiry[s->timerState].iterator_to(*s));
    s->timerState = timerState;
    s->expiry = expiry;
    m_expiry[timerState].push_back(*s);
}

void
DepotSessionTable::Remove(DepotSession* s)
{
    m_expiry[s->timerState].erase(m_expiry[s->timerState].iterator_to(*s));
    m_forward.erase(m_forward.iterator_to(*s));
    m_reverse.erase(m_reverse.iterator_to(*s));
    s->~DepotSession();
    m_pool.free(s);
}

uint32_t
DepotSessionTable::Expire(int64_t now, const std::function<void(const DepotSession&)>& expired)
{
    uint32_t n = 0;
    for (auto& list : m_expiry)
    {
        while (!list.empty() && list.front().expiry <= now)
        {
            DepotSession* s = &list.front();
            if (expired)
            {
                expired(*s);
            }
            Remove(s);
            ++n;
        }
    }
    return n;
}

DepotSession*
DepotSessionTable::Oldest(uint8_t timerState) const
{
    const ExpiryList& list = m_expiry.at(timerState);
    return list.empty() ? nullptr : const_cast<DepotSession*>(&list.front());
}

int64_t
DepotSessionTable::NextExpiry() const
{
    int64_t next = std::numeric_limits<int64_t>::max();
    for (const auto& list : m_expiry)
    {
        if (!list.empty() && list.front().expiry < next)
        {
            next = list.front().expiry;
        }
    }
    return next;
}

void
DepotSessionTable::ForEach(const std::function<void(DepotSession&)>& f)
{
    for (auto& s : m_forward)
    {
        f(s);
    }
}

void
DepotSessionTable::ForEach(const std::function<void(const DepotSession&)>& f) const
{
    for (const auto& s : m_forward)
    {
        f(s);
    }
}

DepotSessionRecord
DepotSessionTable::Export(const DepotSession& s)
{
    DepotSessionRecord r;
    r.client = s.client;
    r.vip = s.vip;
    r.proxy = s.proxy;
    r.clientPort = s.clientPort;
    r.virtualPort = s.virtualPort;
    r.proxyPort = s.proxyPort;
    r.proxyIndex = s.proxyIndex;
    r.timerState = s.timerState;
    r.ends[0] = s.ends[0];
    r.ends[1] = s.ends[1];
    return r;
}

DepotSession*
DepotSessionTable::Import(const DepotSessionRecord& r, int64_t now, int64_t expiry)
{
    NS_ABORT_MSG_IF(r.timerState >= TcpStateTracker::N_SESSION_STATES,
                    "DepotSessionTable::Import: bad session state " << unsigned(r.timerState));
    DepotSession* s = Find(r.client, r.clientPort, r.vip, r.virtualPort);
    if (!s)
    {
        s = Insert(
            r.client, r.clientPort, r.vip, r.virtualPort, r.proxy, r.proxyPort, r.proxyIndex, now);
        if (!s)
        {
            return nullptr;
        }
    }
    else if ((s->proxy != r.proxy || s->proxyPort != r.proxyPort || s->proxyIndex != r.proxyIndex)
             && !Reassign(s, r.proxy, r.proxyPort, r.proxyIndex))
    {
        return nullptr;
    }
    s->ends[0] = r.ends[0];
    s->ends[1] = r.ends[1];
    Touch(s, r.timerState, expiry);
    return s;
}

uint32_t
DepotSessionTable::Size() const
{
    return m_forward.size();
}

uint32_t
DepotSessionTable::GetMaxSessions() const
{
    return m_maxSessions;
}

uint64_t
DepotSessionTable::MemoryBytes() const
{
    return sizeof(*this) + static_cast<uint64_t>(m_forward.size()) * sizeof(DepotSession)
         + m_forwardBuckets.size() * sizeof(ForwardSet::bucket_type)
         + m_reverseBuckets.size() * sizeof(ReverseSet::bucket_type);
}

} // namespace ns3
