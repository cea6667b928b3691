/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "client-wait-queue.h"

#include "client-request.h"

#include <algorithm>

namespace ns3
{

void
ClientWaitQueue::Push(ClientRequest* p)
{
    m_waiting[p->peer].push_back(p);
}

ClientRequest*
ClientWaitQueue::Pop(const Address& peer)
{
    auto it = m_waiting.find(peer);
    if (it == m_waiting.end() || it->second.empty())
    {
        return nullptr;
    }
    ClientRequest* next = it->second.front();
    it->second.pop_front();
    if (it->second.empty())
    {
        m_waiting.erase(it); // peers come and go: keep only those with waiters
    }
    return next;
}

ClientRequest*
ClientWaitQueue::PopFirst(const std::function<bool(const Address&)>& mayConnect)
{
    ClientRequest* best = PeekFirst(mayConnect);
    if (best)
    {
        Pop(best->peer);
    }
    return best;
}

ClientRequest*
ClientWaitQueue::PeekFirst(const std::function<bool(const Address&)>& mayConnect) const
{
    ClientRequest* best = nullptr;
    for (const auto& [peer, q] : m_waiting)
    {
        if (!q.empty() && (!best || q.front()->record.id < best->record.id) && mayConnect(peer))
        {
            best = q.front();
        }
    }
    return best;
}

void
ClientWaitQueue::Remove(ClientRequest* p)
{
    auto it = m_waiting.find(p->peer);
    if (it == m_waiting.end())
    {
        return;
    }
    auto& q = it->second;
    q.erase(std::remove(q.begin(), q.end(), p), q.end());
    if (q.empty())
    {
        m_waiting.erase(it);
    }
}

void
ClientWaitQueue::Clear()
{
    m_waiting.clear();
}

} // namespace ns3
