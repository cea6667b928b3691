/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// WebClient, continued: the requests it issued but had not started when it stops, which end
// as failed like those under way (kept apart so that web-client.cc stays within the module's
// file size).
#include "web-client.h"

#include "ns3/simulator.h"

namespace ns3
{

WebClient::Pending*
WebClient::Begin(WebRequest request)
{
    Pending* p = m_pending.Add(std::make_unique<Pending>());
    p->request = std::move(request);
    p->peer = m_proxy.IsInvalid() ? p->request.server : m_proxy;
    p->Begin(GetNode()->GetId(), m_nextId++);
    return p;
}

void
WebClient::FailUnstarted(WebRequest request, const std::string& error)
{
    // Issued now, when the client let go of it: its record has no wait and a zero total,
    // like a request that failed before it could be sent.
    Fail(Begin(std::move(request)), error);
}

void
WebClient::FailHeldBack()
{
    const Time now = Simulator::Now();
    // An issue event due at this very instant (after the stop in the event queue): its
    // time has come, so it is a request, as at any earlier instant.
    std::vector<WebRequest> due;
    for (IssueEvent& e : m_issueEvents)
    {
        if (e.event.GetTs() <= static_cast<uint64_t>(now.GetTimeStep()))
        {
            due.push_back(std::move(e.request));
        }
        e.event.Cancel();
    }
    m_issueEvents.clear();
    for (WebRequest& r : due)
    {
        FailUnstarted(std::move(r), RequestRecord::APPLICATION_STOPPED);
    }
    // The source's requests whose issueTime has come wait only because every slot is taken
    // (MaxOutstanding): the user issued them, the client held them back. One without an
    // issueTime waits for a slot and then its think time, which had not begun: not issued.
    // Sources give requests in issue order, so the first one not due ends the search; it is
    // kept for a restart.
    while (!m_exhausted)
    {
        WebRequest r;
        if (!TakeNext(r))
        {
            break;
        }
        if (!r.issueTime || r.GetIssueDelay(now).IsStrictlyPositive())
        {
            m_lookahead = std::make_unique<WebRequest>(std::move(r));
            break;
        }
        FailUnstarted(std::move(r), RequestRecord::APPLICATION_STOPPED);
    }
}

bool
WebClient::TakeNext(WebRequest& r)
{
    if (m_lookahead)
    {
        r = std::move(*m_lookahead);
        m_lookahead.reset();
        return true;
    }
    if (!m_source || !m_source->Next(r))
    {
        m_exhausted = true;
        return false;
    }
    return true;
}

} // namespace ns3
