/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "proxy-server-relay.h"

#include "connection-cache.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ProxyServerRelay");

namespace http = boost::beast::http;

ProxyServerRelay::ProxyServerRelay(ConnectionCache& owner)
    : m_owner(owner)
{}

void
ProxyServerRelay::Forward(ProxyTransaction* t, const HttpRequestHeader& request)
{
    NS_LOG_FUNCTION(this << t->url);
    if (&request != &t->upstreamRequest)
    {
        // beast's fields empty themselves on self-assignment (a retry forwards the same header).
        t->upstreamRequest = request;
    }
    t->relay = true;
    t->gotResponse = false;
    t->fromServer = 0;
    const std::string user = t->client ? t->client->user : std::string();
    t->waitTicket = m_owner.m_pool.Acquire(
        t->server,
        user,
        [this, t](ServerConnectionPool::Connection* conn, bool fresh, unsigned status)
        { HandleUpstream(t, conn, fresh, status); });
}

void
ProxyServerRelay::HandleUpstream(ProxyTransaction* t,
                                 ServerConnectionPool::Connection* conn,
                                 bool fresh,
                                 unsigned status)
{
    t->waitTicket = 0;
    if (!conn)
    {
        HandleUpstreamFailure(t, "connect failed", status);
        return;
    }
    t->upstream = conn;
    t->upstreamFresh = fresh;
    conn->onResponse = [this, t](const HttpResponseHeader& h, uint64_t, uint64_t len)
    {
        HandleResponseHeader(t, h, len);
    };
    conn->onBody = [this, t](uint64_t n)
    {
        HandleResponseBody(t, n);
    };
    conn->onComplete = [this, t]()
    {
        HandleResponseComplete(t);
    };
    conn->onError = [this, t](HttpParser::Error e)
    {
        HandleUpstreamFailure(t, std::string("malformed response: ") + HttpParser::ErrorName(e));
    };
    conn->onClosed = [this, t](bool error)
    {
        HandleUpstreamFailure(t, error ? "server reset" : "server closed");
    };
    ++m_owner.m_counters.forwarded;
    if (fresh)
    {
        ++m_owner.m_counters.newServerConn;
    }
    t->forwardedAt = Simulator::Now();
    m_owner.m_forwardTrace(t->upstreamRequest, t->server);
    conn->http->GetParser().ExpectResponse(t->head);
    conn->http->Send(SerializeHttpHeader(t->upstreamRequest), t->requestBody);
    t->upstreamTimer.SetFunction([this, t]() { HandleUpstreamTimeout(t); });
    t->upstreamTimer.Start(m_owner.m_upstreamTimeout);
}

void
ProxyServerRelay::HandleUpstreamTimeout(ProxyTransaction* t)
{
    NS_LOG_INFO("no answer from " << t->server << " for " << t->url << " in "
                                  << m_owner.m_upstreamTimeout.As(Time::S));
    ++m_owner.m_counters.upstreamTimeouts;
    m_owner.m_upstreamTimeoutTrace(t->url);
    t->retried = true; // a silent server is not a closed idle connection: no retry
    HandleUpstreamFailure(t, "upstream timeout", 504);
}

void
ProxyServerRelay::HandleUpstreamFailure(ProxyTransaction* t,
                                        const std::string& why,
                                        unsigned status)
{
    NS_LOG_INFO("upstream failure for " << t->url << ": " << why);
    t->upstreamTimer.Cancel();
    ServerConnectionPool::Connection* conn = t->upstream;
    t->upstream = nullptr;
    if (conn)
    {
        m_owner.m_pool.Discard(conn, false);
    }
    if (!t->gotResponse && conn && !t->upstreamFresh && !t->retried && t->client)
    {
        // The server closed an idle persistent connection just as it was reused.
        t->retried = true;
        const HttpRequestHeader again = t->upstreamRequest;
        Forward(t, again);
        return;
    }
    if (!t->client)
    {
        m_owner.MaybeDelete(t);
        return;
    }
    if (!t->gotResponse || !t->relay)
    {
        m_owner.RespondError(t, status != 0 ? status : (conn ? 502 : 504));
        return;
    }
    // Part of the response went out: cut the client off, as the server cut us off.
    ProxyClientConnection* c = t->client;
    c->http->Abort(true);
    m_owner.m_clientSide.HandleClientClosed(c, true);
}

void
ProxyServerRelay::HandleResponseHeader(ProxyTransaction* t,
                                       const HttpResponseHeader& h,
                                       uint64_t len)
{
    t->gotResponse = true;
    t->response = h;
    t->length = len;
    t->upstreamTimer.Start(m_owner.m_upstreamTimeout);
    t->upstreamPersistent = m_owner.m_serverPersistent
                         && HttpIsPersistent(h.version(), std::string(h[http::field::connection]));
    m_owner.HandleServerResponse(t);
    if (t->relay && t->client)
    {
        m_owner.SendResponseHeader(t, h, len);
    }
}

void
ProxyServerRelay::HandleResponseBody(ProxyTransaction* t, uint64_t bytes)
{
    t->fromServer += bytes;
    m_owner.m_counters.bytesFromServers += bytes;
    if (!t->paused)
    {
        t->upstreamTimer.Start(m_owner.m_upstreamTimeout);
    }
    if (!t->client)
    {
        m_owner.m_counters.bytesAfterAbort += bytes;
    }
    if (!t->relay || !t->client)
    {
        return;
    }
    ProxyClientConnection* c = t->client;
    const std::string head = HttpBodyBytes(t->response, t->length, t->fromServer - bytes, bytes);
    c->http->Send(head, bytes - head.size());
    m_owner.m_counters.bytesToClients += bytes;
    if (m_owner.m_flowControl && !t->paused && t->upstream
        && c->http->GetBufferedBytes() > m_owner.GetPauseThreshold())
    {
        t->paused = true;
        t->upstreamTimer.Stop(); // the proxy, not the server, holds the response back
        ++m_owner.m_counters.flowControlPauses;
        t->upstream->http->PauseReading();
    }
}

void
ProxyServerRelay::HandleClientDrain(ProxyClientConnection* c)
{
    if (c->queue.empty())
    {
        return;
    }
    ProxyTransaction* t = c->queue.front();
    if (t->paused && t->upstream && c->http->GetBufferedBytes() <= m_owner.GetPauseThreshold())
    {
        t->paused = false;
        t->upstreamTimer.Start(m_owner.m_upstreamTimeout);
        t->upstream->http->ResumeReading(); // may complete t
    }
}

void
ProxyServerRelay::HandleResponseComplete(ProxyTransaction* t)
{
    ServerConnectionPool::Connection* conn = t->upstream;
    t->upstream = nullptr;
    t->upstreamTimer.Cancel();
    m_owner.m_pool.Release(conn, t->upstreamPersistent);
    if (!t->client)
    {
        m_owner.HandleServerComplete(t); // a download that went on after the client left
        m_owner.MaybeDelete(t);
        return;
    }
    const bool relay = t->relay;
    m_owner.HandleServerComplete(t); // with relay off, it answers the client (and may end t)
    if (relay)
    {
        m_owner.Finish(t);
    }
}

void
ProxyServerRelay::ClientGone(ProxyTransaction* t)
{
    t->client = nullptr;
    if (t->cpuTicket != 0)
    {
        m_owner.m_cpu.Cancel(t->cpuTicket);
        t->cpuTicket = 0;
    }
    if (t->waitTicket != 0)
    {
        m_owner.m_pool.CancelWait(t->waitTicket);
        t->waitTicket = 0;
    }
    if (t->upstream)
    {
        ++m_owner.m_counters.clientAborts;
        ++m_owner.m_counters.abortsDownloading;
        m_owner.m_clientAbortTrace(t->url, t->fromServer, t->length);
        if (ContinueAfterAbort(m_owner.m_abortPolicy,
                               m_owner.m_quickAbort,
                               t->gotResponse && t->store,
                               t->fromServer,
                               t->length))
        {
            ++m_owner.m_counters.abortsContinued;
            if (t->paused)
            {
                t->paused = false;
                t->upstreamTimer.Start(m_owner.m_upstreamTimeout);
                t->upstream->http->ResumeReading(); // may complete t
                return;
            }
        }
        else
        {
            ServerConnectionPool::Connection* conn = t->upstream;
            t->upstream = nullptr;
            t->upstreamTimer.Cancel();
            if (t->gotResponse && conn->http)
            {
                // Body bytes that crossed the network but wait unread (flow control).
                uint64_t unread = conn->http->GetUnreadBytes();
                if (t->length > 0)
                {
                    unread = std::min(unread, t->length - std::min(t->length, t->fromServer));
                }
                m_owner.m_counters.bytesUnreadAtAbort += unread;
            }
            m_owner.m_pool.Discard(conn, true);
        }
    }
    else if (t->started)
    {
        ++m_owner.m_counters.clientAborts;
    }
    m_owner.MaybeDelete(t);
}

} // namespace ns3
