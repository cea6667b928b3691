/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "idle-timer.h"

#include "ns3/simulator.h"

namespace ns3
{

IdleTimer::~IdleTimer()
{
    if (m_event.PeekEventImpl())
    {
        m_event.Cancel(); // safe after Simulator::Destroy, unlike Remove
    }
}

void
IdleTimer::SetFunction(std::function<void()> expire)
{
    m_expire = std::move(expire);
}

void
IdleTimer::Start(Time timeout)
{
    if (!timeout.IsStrictlyPositive())
    {
        Stop();
        return;
    }
    m_armed = true;
    m_deadline = Simulator::Now() + timeout;
    if (m_event.IsExpired())
    {
        m_event = Simulator::Schedule(timeout, &IdleTimer::Expire, this);
    }
    else if (Simulator::GetDelayLeft(m_event) > timeout)
    {
        m_event.Cancel(); // only when the timeout got shorter
        m_event = Simulator::Schedule(timeout, &IdleTimer::Expire, this);
    }
}

void
IdleTimer::Stop()
{
    m_armed = false;
}

void
IdleTimer::Cancel()
{
    m_armed = false;
    // Cancelled, not removed: ns-3's HeapScheduler::Remove (3.37 to 3.48 at least) moves the
    // heap's last event into the hole and sifts it only down, so the heap loses its order,
    // events run out of time order, later events count as expired too early and can no
    // longer be cancelled: they then ran on freed owners (proxim's connection-caching runs
    // crashed). A cancelled event stays queued until its time, which costs some memory.
    m_event.Cancel();
}

void
IdleTimer::Expire()
{
    if (!m_armed)
    {
        return;
    }
    const Time now = Simulator::Now();
    if (now < m_deadline)
    {
        m_event = Simulator::Schedule(m_deadline - now, &IdleTimer::Expire, this);
        return;
    }
    m_armed = false;
    m_expire();
}

} // namespace ns3
