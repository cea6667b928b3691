/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-failure-detector.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DepotFailureDetector");

DepotFailureDetector::DepotFailureDetector(std::vector<DepotProxy>* proxies,
                                           const Ptr<DepotScheduler>* scheduler,
                                           TracedCallback<uint32_t, bool>* trace,
                                           DownCallback down)
    : m_proxies(proxies)
    , m_scheduler(scheduler)
    , m_trace(trace)
    , m_down(std::move(down))
{}

void
DepotFailureDetector::SetThresholds(uint32_t fall, uint32_t rise)
{
    m_fall = fall;
    m_rise = rise;
}

void
DepotFailureDetector::SetUp(uint32_t index, bool up)
{
    DepotProxy& p = m_proxies->at(index);
    if (p.up == up)
    {
        return;
    }
    p.up = up;
    // A state change starts the count towards the next one afresh.
    p.checkFailures = 0;
    p.checkSuccesses = 0;
    (*m_scheduler)->Update(*m_proxies);
    (*m_trace)(index, up);
    NS_LOG_INFO("proxy " << index << (up ? " up" : " down"));
    if (!up)
    {
        m_down(index);
    }
}

void
DepotFailureDetector::CheckResult(uint32_t index, bool ok)
{
    DepotProxy& p = (*m_proxies)[index];
    if (ok)
    {
        p.checkFailures = 0;
        if (++p.checkSuccesses >= m_rise && !p.up)
        {
            SetUp(index, true);
        }
    }
    else
    {
        p.checkSuccesses = 0;
        if (++p.checkFailures >= m_fall && p.up)
        {
            SetUp(index, false);
        }
    }
}

void
DepotFailureDetector::SynTimedOut(uint32_t index)
{
    ++(*m_proxies)[index].synTimeouts;
    SetUp(index, false);
}

void
DepotFailureDetector::Reset()
{
    for (auto& p : *m_proxies)
    {
        p.up = true;
        p.checkFailures = 0;
        p.checkSuccesses = 0;
    }
    (*m_scheduler)->Update(*m_proxies);
}

} // namespace ns3
