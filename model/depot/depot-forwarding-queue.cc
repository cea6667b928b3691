/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-forwarding-queue.h"

#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

void
DepotForwardingQueue::Configure(const Settings& settings)
{
    m_settings = settings;
    Clear();
}

void
DepotForwardingQueue::Clear()
{
    m_waiting.clear();
    m_busyUntil = Time(0);
    m_waitingBytes = 0;
}

void
DepotForwardingQueue::Advance()
{
    const int64_t now = Simulator::Now().GetTimeStep();
    while (!m_waiting.empty() && m_waiting.front().start <= now)
    {
        m_waitingBytes -= m_waiting.front().bytes;
        m_waiting.pop_front();
    }
}

Time
DepotForwardingQueue::Admit(uint32_t bytes)
{
    Time delay = m_settings.processingDelay;
    if (m_settings.packetRate <= 0 && m_settings.byteRate <= 0)
    {
        return delay;
    }
    Advance();
    const Time now = Simulator::Now();
    const Time start = std::max(now, m_busyUntil);
    if (start > now)
    {
        // It waits in the buffer: only if there is room.
        if (m_waiting.size() >= m_settings.packetLimit
            || (m_settings.byteLimit > 0 && m_waitingBytes + bytes > m_settings.byteLimit))
        {
            return Time(-1);
        }
        m_waiting.push_back({start.GetTimeStep(), bytes});
        m_waitingBytes += bytes;
        m_peakBytes = std::max(m_peakBytes, m_waitingBytes);
    }
    double service = 0;
    if (m_settings.packetRate > 0)
    {
        service += 1.0 / m_settings.packetRate;
    }
    if (m_settings.byteRate > 0)
    {
        service += bytes / m_settings.byteRate;
    }
    m_busyUntil = start + Seconds(service);
    return delay + (m_busyUntil - now);
}

uint32_t
DepotForwardingQueue::GetWaitingPackets()
{
    Advance();
    return static_cast<uint32_t>(m_waiting.size());
}

uint64_t
DepotForwardingQueue::GetWaitingBytes()
{
    Advance();
    return m_waitingBytes;
}

} // namespace ns3
