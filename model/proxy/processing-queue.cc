/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "processing-queue.h"

#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

ProcessingQueue::ProcessingQueue() = default;

ProcessingQueue::~ProcessingQueue()
{
    Clear();
}

void
ProcessingQueue::SetWorkers(uint32_t n)
{
    m_workers = std::max<uint32_t>(1, n);
}

void
ProcessingQueue::SetQueueLimit(uint32_t n)
{
    m_limit = n;
}

uint64_t
ProcessingQueue::Submit(Time cost, Job job)
{
    Account();
    if (m_running.size() < m_workers && m_waiting.empty())
    {
        if (cost.IsZero())
        {
            job();
            return 0;
        }
        const uint64_t ticket = m_next++;
        Start(ticket, {cost, std::move(job)});
        return ticket;
    }
    if (m_limit > 0 && m_waiting.size() >= m_limit)
    {
        ++m_dropped;
        return DROPPED;
    }
    const uint64_t ticket = m_next++;
    m_waiting.emplace_back(ticket, Entry{cost, std::move(job)});
    return ticket;
}

void
ProcessingQueue::Start(uint64_t ticket, Entry e)
{
    EventId ev = Simulator::Schedule(e.cost, &ProcessingQueue::Done, this, ticket);
    m_running.emplace(ticket, std::make_pair(ev, std::move(e.job)));
}

void
ProcessingQueue::Done(uint64_t ticket)
{
    Account();
    auto it = m_running.find(ticket);
    if (it == m_running.end())
    {
        return;
    }
    Job job = std::move(it->second.second);
    m_running.erase(it);
    StartWaiting();
    if (job)
    {
        job();
    }
}

void
ProcessingQueue::StartWaiting()
{
    while (m_running.size() < m_workers && !m_waiting.empty())
    {
        auto [ticket, e] = std::move(m_waiting.front());
        m_waiting.pop_front();
        Start(ticket, std::move(e));
    }
}

void
ProcessingQueue::Cancel(uint64_t ticket)
{
    Account();
    auto it = m_running.find(ticket);
    if (it != m_running.end())
    {
        // The work has started: the worker stays busy until its end, nobody is told.
        it->second.second = nullptr;
        return;
    }
    auto w = std::find_if(
        m_waiting.begin(), m_waiting.end(), [ticket](const auto& e) { return e.first == ticket; });
    if (w != m_waiting.end())
    {
        m_waiting.erase(w);
    }
}

void
ProcessingQueue::Clear()
{
    Account();
    for (auto& [ticket, r] : m_running)
    {
        r.first.Cancel();
    }
    m_running.clear();
    m_waiting.clear();
}

uint32_t
ProcessingQueue::GetQueued() const
{
    return m_waiting.size();
}

uint32_t
ProcessingQueue::GetBusy() const
{
    return m_running.size();
}

uint64_t
ProcessingQueue::GetDropped() const
{
    return m_dropped;
}

uint32_t
ProcessingQueue::GetWorkers() const
{
    return m_workers;
}

void
ProcessingQueue::Account()
{
    const Time now = Simulator::Now();
    const Time dt = now - m_accountedAt;
    m_busyIntegral += dt * int64_t(m_running.size());
    m_jobsIntegral += dt * int64_t(m_running.size() + m_waiting.size());
    m_accountedAt = now;
}

Time
ProcessingQueue::GetBusyTime() const
{
    return m_busyIntegral + (Simulator::Now() - m_accountedAt) * int64_t(m_running.size());
}

Time
ProcessingQueue::GetJobTime() const
{
    return m_jobsIntegral
         + (Simulator::Now() - m_accountedAt) * int64_t(m_running.size() + m_waiting.size());
}

} // namespace ns3
