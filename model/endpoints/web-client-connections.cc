/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// WebClient, continued: its connection slots (MaxConnectionsPerServer, MaxConnections) and
// CloseWhenDone, and the response body as it arrives (EmbeddedAsParsed), kept apart so that
// web-client.cc stays within the module's file size.
#include "web-client.h"

namespace ns3
{

bool
WebClient::MakeRoom()
{
    if (m_maxConnections == 0 || m_conns.Size() < m_maxConnections)
    {
        return true;
    }
    for (Connection* c : m_conns)
    {
        if (c->IsIdle())
        {
            // No request waits for its peer (it would have the connection): no wake-up.
            c->Shutdown();
            Ptr<HttpConnection> keep = c->http;
            m_conns.Erase(c);
            return true;
        }
    }
    return false;
}

bool
WebClient::MayConnect(const Address& peer) const
{
    uint32_t open = 0;
    for (const Connection* c : m_conns)
    {
        open += c->peer == peer;
    }
    return open < m_maxPerServer;
}

void
WebClient::WakeWaiting(const Address& peer)
{
    if (Pending* next = m_waiting.Pop(peer))
    {
        Dispatch(next);
        return;
    }
    if (m_maxConnections == 0 || m_conns.Size() >= m_maxConnections)
    {
        return;
    }
    if (Pending* next = m_waiting.PopFirst([this](const Address& a) { return MayConnect(a); }))
    {
        Dispatch(next);
    }
}

void
WebClient::Drop(Connection* c, bool reset)
{
    c->Abort(reset);
    Ptr<HttpConnection> keep = c->http; // the abort may run inside its callbacks
    Address peer = c->peer;
    m_conns.Erase(c);
    WakeWaiting(peer);
}

void
WebClient::Release(Connection* c)
{
    c->TakeRequest();
    if (!c->IsReusable())
    {
        CloseConnection(c);
        return;
    }
    if (Pending* next = m_waiting.Pop(c->peer))
    {
        c->Reuse(next);
        SendRequest(c, next);
        return;
    }
    if (m_maxConnections != 0
        && m_waiting.PeekFirst([this](const Address& a) { return MayConnect(a); }))
    {
        CloseConnection(c); // its slot serves a request held back by MaxConnections
        return;
    }
    c->idleTimer.Start(m_idleTimeout);
}

void
WebClient::CloseConnection(Connection* c)
{
    if (!m_conns.Contains(c))
    {
        return;
    }
    c->Shutdown();
    Address peer = c->peer;
    Ptr<HttpConnection> keep = c->http; // may be running one of its callbacks
    m_conns.Erase(c);
    // A connection slot to this peer is free: open one for the first waiting request.
    if (m_running)
    {
        WakeWaiting(peer);
    }
}

WebClient::Connection*
WebClient::FindConnection(Ptr<Socket> socket)
{
    for (Connection* c : m_conns)
    {
        if (c->socket == socket)
        {
            return c;
        }
    }
    return nullptr;
}

void
WebClient::CloseIfDone()
{
    // m_pending holds every request started and not ended, the waiting ones included; an
    // embedded request held for its base is started when the base ends, before this runs.
    // An issue event leaves m_issueEvents when it runs.
    if (!m_closeWhenDone || !m_exhausted || !m_pending.IsEmpty() || !m_issueEvents.empty())
    {
        return;
    }
    while (!m_conns.IsEmpty())
    {
        CloseConnection(m_conns.Front());
    }
}

void
WebClient::HandleBody(Connection* c, uint64_t bytes)
{
    Pending* p = c->request;
    NS_ASSERT(p);
    if (p->MarkBody(bytes))
    {
        Abort(p);
        return;
    }
    if (m_embeddedAsParsed && m_running && !p->request.embedded)
    {
        for (WebRequest& r :
             m_pages.Parsed(p->record.id, p->record.bodyBytes, p->record.contentLength))
        {
            Start(std::move(r), ClientPageGate::Base::COMPLETED);
        }
    }
}

} // namespace ns3
