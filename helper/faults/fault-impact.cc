/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fault-impact.h"

#include "ns3/abort.h"
#include "ns3/application.h"
#include "ns3/callback.h"
#include "ns3/simulator.h"

#include <iomanip>

namespace ns3
{

void
FaultImpact::AddWindow(const std::string& name, Time from, Time until)
{
    NS_ABORT_MSG_IF(until < from,
                    "FaultImpact: the window of '" << name << "' ends (" << until.As(Time::S)
                                                   << ") before it begins (" << from.As(Time::S)
                                                   << ")");
    m_windows.push_back({name, from, until, 0});
}

void
FaultImpact::SetGrace(Time grace)
{
    NS_ABORT_MSG_IF(grace.IsStrictlyNegative(), "FaultImpact: negative grace time");
    m_grace = grace;
}

void
FaultImpact::Attach(ApplicationContainer clients)
{
    for (auto i = clients.Begin(); i != clients.End(); ++i)
    {
        (*i)->TraceConnectWithoutContext("RequestComplete",
                                         MakeCallback(&FaultImpact::AddNow, this));
    }
}

void
FaultImpact::AddNow(const RequestRecord& r)
{
    Add(r, Simulator::Now());
}

void
FaultImpact::Add(const RequestRecord& r, Time end)
{
    if (!r.failed)
    {
        return;
    }
    if (r.error == RequestRecord::APPLICATION_STOPPED)
    {
        ++m_stopped;
        return;
    }
    Window* in = nullptr;
    for (auto& w : m_windows)
    {
        if (end >= w.from && end <= w.until + m_grace && (!in || w.from > in->from))
        {
            in = &w;
        }
    }
    in ? ++in->failed : ++m_outside;
}

const std::vector<FaultImpact::Window>&
FaultImpact::GetWindows() const
{
    return m_windows;
}

uint64_t
FaultImpact::GetFailedOutside() const
{
    return m_outside;
}

uint64_t
FaultImpact::GetStopped() const
{
    return m_stopped;
}

Time
FaultImpact::GetGrace() const
{
    return m_grace;
}

void
FaultImpact::Print(std::ostream& os) const
{
    const auto flags = os.flags();
    const auto precision = os.precision();
    os << std::fixed << "fault                                  at_s   until_s  failed_in_window\n";
    for (const auto& w : m_windows)
    {
        os << std::left << std::setw(36) << w.name << std::right << std::setprecision(1)
           << std::setw(8) << w.from.GetSeconds() << std::setw(10) << w.until.GetSeconds()
           << std::setw(18) << w.failed << "\n";
    }
    os << "failed outside the fault windows (window: fault to repair + " << std::setprecision(0)
       << m_grace.GetSeconds() << " s): " << m_outside << "\n";
    os.flags(flags);
    os.precision(precision);
}

} // namespace ns3
