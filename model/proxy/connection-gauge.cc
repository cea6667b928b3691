/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "connection-gauge.h"

#include "ns3/callback.h"

#include <algorithm>

namespace ns3
{

void
ConnectionGauge::Track(Ptr<Socket> socket)
{
    if (socket->TraceConnectWithoutContext(
            "State", MakeBoundCallback(&ConnectionGauge::StateChanged, Ptr<ConnectionGauge>(this))))
    {
        ++m_current;
        m_max = std::max(m_max, m_current);
    }
}

void
ConnectionGauge::StateChanged(Ptr<ConnectionGauge> gauge,
                              TcpSocket::TcpStates_t before,
                              TcpSocket::TcpStates_t after)
{
    // Once per connection: into TIME_WAIT, or into CLOSED from anything but TIME_WAIT.
    if (after == TcpSocket::TIME_WAIT
        || (after == TcpSocket::CLOSED && before != TcpSocket::TIME_WAIT))
    {
        --gauge->m_current;
    }
}

uint64_t
ConnectionGauge::GetCurrent() const
{
    return m_current;
}

uint64_t
ConnectionGauge::GetMax() const
{
    return m_max;
}

} // namespace ns3
