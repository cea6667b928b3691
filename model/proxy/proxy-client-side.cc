/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "proxy-client-side.h"

#include "connection-cache.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"

#include <memory>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ProxyClientSide");

namespace http = boost::beast::http;

ProxyClientSide::ProxyClientSide(ConnectionCache& owner)
    : m_owner(owner)
{}

bool
ProxyClientSide::HandleAcceptRequest(Ptr<Socket> socket, const Address& from)
{
    if (m_owner.m_maxClientConnections > 0
        && m_owner.m_clients.Size() >= m_owner.m_maxClientConnections)
    {
        ++m_owner.m_counters.refused;
        m_owner.m_refuseTrace(from);
        return false;
    }
    return true;
}

void
ProxyClientSide::HandleAccept(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_FUNCTION(this << socket << from);
    ProxyClientConnection* c = m_owner.m_clients.Add(std::make_unique<ProxyClientConnection>());
    ++m_owner.m_counters.clientConnections;
    m_owner.m_clientGauge->Track(socket);
    m_owner.m_counters.maxClientConnections = m_owner.m_clientGauge->GetMax();
    c->from = from;
    std::ostringstream os;
    if (InetSocketAddress::IsMatchingType(from))
    {
        os << InetSocketAddress::ConvertFrom(from).GetIpv4();
    }
    c->user = os.str();
    c->idleTimer.SetFunction([this, c]() { CloseClient(c); });
    c->http = CreateObject<HttpConnection>();
    c->http->Attach(socket, HttpParser::Kind::REQUEST, m_owner.m_headerLimit);
    HttpParser& parser = c->http->GetParser();
    parser.SetRequestCallback([this, c](const HttpRequestHeader& h, uint64_t, uint64_t body)
                              { HandleClientRequest(c, h, body); });
    parser.SetCompleteCallback([this, c]() { HandleClientComplete(c); });
    parser.SetErrorCallback([this, c](HttpParser::Error e, const std::string&)
                            { HandleClientMalformed(c, e); });
    c->http->SetClosedCallback([this, c](bool error) { HandleClientClosed(c, error); });
    if (m_owner.m_flowControl)
    {
        // One event per acknowledgement: only when something waits for it.
        c->http->SetDrainCallback([this, c]() { m_owner.m_relay.HandleClientDrain(c); });
    }
    m_owner.m_acceptTrace(from);
    c->idleTimer.Start(m_owner.m_clientIdleTimeout);
}

void
ProxyClientSide::HandleClientRequest(ProxyClientConnection* c,
                                     const HttpRequestHeader& h,
                                     uint64_t body)
{
    ProxyTransaction* t = m_owner.m_transactions.Add(std::make_unique<ProxyTransaction>());
    t->client = c;
    t->request = h;
    t->requestBody = body;
    t->head = h.method() == http::verb::head;
    c->queue.push_back(t);
    c->idleTimer.Stop();
}

void
ProxyClientSide::HandleClientComplete(ProxyClientConnection* c)
{
    NS_ASSERT(!c->queue.empty());
    ProxyTransaction* t = c->queue.back();
    t->complete = true;
    ++m_owner.m_counters.requests;
    if (++c->requests == 1)
    {
        ++m_owner.m_counters.requestsOnNewClientConn;
    }
    m_owner.m_requestTrace(t->request, c->from);
    StartNext(c);
}

void
ProxyClientSide::StartNext(ProxyClientConnection* c)
{
    if (c->queue.empty())
    {
        if (c->persistent && !c->peerClosed)
        {
            c->idleTimer.Start(m_owner.m_clientIdleTimeout);
        }
        else
        {
            CloseClient(c);
        }
        return;
    }
    ProxyTransaction* t = c->queue.front();
    if (t->started || !t->complete)
    {
        return;
    }
    t->started = true;
    if (Route(t))
    {
        m_owner.HandleRequest(t);
    }
}

bool
ProxyClientSide::Route(ProxyTransaction* t)
{
    ProxyClientConnection* c = t->client;
    const HttpRequestHeader& h = t->request;
    std::string connection(h[http::field::connection]);
    if (connection.empty())
    {
        connection = std::string(h[http::field::proxy_connection]);
    }
    c->persistent = m_owner.m_clientPersistent && HttpIsPersistent(h.version(), connection);
    ProxyRouter::Route route;
    const ProxyRouter::Outcome outcome = m_owner.m_router.Decide(h, route);
    if (outcome == ProxyRouter::MALFORMED)
    {
        ++m_owner.m_counters.malformed;
        m_owner.RespondError(t, 400);
        return false;
    }
    t->host = route.host;
    t->path = route.path;
    t->url = route.url;
    c->servers.insert(t->host);
    t->server = route.server;
    if (outcome == ProxyRouter::UNRESOLVABLE)
    {
        NS_LOG_INFO("cannot resolve " << t->host);
        m_owner.RespondError(t, 502);
        return false;
    }
    return true;
}

void
ProxyClientSide::HandleClientMalformed(ProxyClientConnection* c, HttpParser::Error e)
{
    NS_LOG_FUNCTION(this << c << HttpParser::ErrorName(e));
    ++m_owner.m_counters.malformed;
    ++m_owner.m_counters.errors;
    // Requests before the bad one are still answered; the connection then closes.
    c->persistent = false;
    const HttpResponseHeader h = ProxyHeaderRewriter::MakeBadRequestClose();
    if (!c->queue.empty() && !c->queue.back()->complete)
    {
        ProxyTransaction* partial = c->queue.back();
        c->queue.pop_back();
        partial->client = nullptr;
        m_owner.MaybeDelete(partial);
    }
    if (c->queue.empty())
    {
        m_owner.m_responseTrace(h, 0, c->from);
        c->http->Send(SerializeHttpHeader(h), 0);
        CloseClient(c);
    }
}

void
ProxyClientSide::HandleClientClosed(ProxyClientConnection* c, bool error)
{
    NS_LOG_FUNCTION(this << c << error);
    c->peerClosed = true;
    // A client that closes or resets before its responses ended has aborted them.
    while (!c->queue.empty())
    {
        ProxyTransaction* t = c->queue.front();
        c->queue.pop_front();
        m_owner.m_relay.ClientGone(t);
    }
    CloseClient(c);
}

void
ProxyClientSide::CloseClient(ProxyClientConnection* c)
{
    if (!m_owner.m_clients.Contains(c))
    {
        return;
    }
    while (!c->queue.empty())
    {
        ProxyTransaction* t = c->queue.front();
        c->queue.pop_front();
        m_owner.m_relay.ClientGone(t);
    }
    c->idleTimer.Cancel();
    c->http->GetParser().Stop();
    c->http->SetClosedCallback(nullptr);
    c->http->SetDrainCallback(nullptr);
    c->http->Close();
    if (c->requests > 0)
    {
        ++m_owner.m_counters.clientConnsClosed;
        m_owner.m_counters.requestsOnClosed += c->requests;
        m_owner.m_counters.serversOnClosed += c->servers.size();
    }
    Ptr<HttpConnection> keep = c->http; // may be running one of its callbacks
    m_owner.m_clients.Erase(c);
}

} // namespace ns3
