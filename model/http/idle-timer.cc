/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "idle-timer.h"

#include "ns3/simulator.h"

namespace ns3
{

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
    // Removed, not only cancelled: a cancelled event stays in the scheduler until its time,
    // and a per-request timer of minutes (WebClient's ResponseTimeout) cancelled at every
    // response would keep thousands of dead events queued.
    if (!m_event.IsExpired())
    {
        Simulator::Remove(m_event);
    }
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
