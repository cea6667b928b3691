/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "server-connection-pool.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ServerConnectionPool");

ServerConnectionPool::ServerConnectionPool() = default;

ServerConnectionPool::~ServerConnectionPool()
{
    Clear();
}

void
ServerConnectionPool::Setup(Ptr<Node> node, const Settings& settings)
{
    m_node = node;
    m_settings = settings;
}

const ServerConnectionPool::Counters&
ServerConnectionPool::GetCounters() const
{
    return m_counters;
}

uint32_t
ServerConnectionPool::GetOpenCount() const
{
    return m_conns.Size();
}

ServerConnectionPool::Connection*
ServerConnectionPool::FindIdle(const Address& server)
{
    const auto s = m_servers.find(server);
    if (s == m_servers.end())
    {
        return nullptr;
    }
    // Most recently used first: it is the least likely to be closed by the server just now.
    for (auto it = s->second.idle.rbegin(); it != s->second.idle.rend(); ++it)
    {
        if ((*it)->http && !(*it)->http->IsClosed())
        {
            return *it;
        }
    }
    return nullptr;
}

uint32_t
ServerConnectionPool::CountTo(const Address& server) const
{
    const auto s = m_servers.find(server);
    return s == m_servers.end() ? 0 : s->second.open;
}

bool
ServerConnectionPool::MayOpen(const Address& server)
{
    if (m_settings.maxPerServer > 0 && CountTo(server) >= m_settings.maxPerServer)
    {
        return false;
    }
    if (m_settings.maxTotal > 0 && m_conns.Size() >= m_settings.maxTotal)
    {
        if (m_idle.empty())
        {
            return false;
        }
        // Out of connections: close the one idle longest.
        ++m_counters.evicted;
        Remove(m_idle.front());
    }
    return true;
}

uint64_t
ServerConnectionPool::Acquire(const Address& server, const std::string& user, ReadyCallback ready)
{
    if (Connection* c = FindIdle(server))
    {
        Lend(c, user, std::move(ready), false);
        return 0;
    }
    const uint64_t ticket = m_nextTicket++;
    const bool waitBusy = m_settings.waitForBusy && m_settings.persistent && CountTo(server) > 0;
    if (!waitBusy && MayOpen(server))
    {
        Open({ticket, server, user, std::move(ready)});
        return ticket;
    }
    m_waiting.push_back({ticket, server, user, std::move(ready)});
    return ticket;
}

void
ServerConnectionPool::CancelWait(uint64_t ticket)
{
    if (ticket == 0)
    {
        return;
    }
    auto w = std::find_if(m_waiting.begin(),
                          m_waiting.end(),
                          [ticket](const Waiter& x) { return x.ticket == ticket; });
    if (w != m_waiting.end())
    {
        m_waiting.erase(w);
        return;
    }
    for (auto& [socket, entry] : m_connecting)
    {
        if (entry.second.ticket == ticket)
        {
            // The connection goes on opening and is kept for the next request.
            entry.second.ready = nullptr;
        }
    }
}

void
ServerConnectionPool::Open(Waiter request)
{
    const Address server = request.server;
    Connection* c = m_conns.Add(std::make_unique<Connection>());
    c->server = server;
    ++m_servers[server].open;
    c->idleTimer.SetFunction(
        [this, c]()
        {
            // Remove destroys this closure (it lives in c): keep what is needed on the stack.
            ServerConnectionPool* self = this;
            ++self->m_counters.idleClosed;
            self->Remove(c);
            self->ServeWaiters();
        });
    ++m_counters.opened;
    c->socket = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
    m_gauge->Track(c->socket);
    m_counters.maxOpen = m_gauge->GetMax();
    if (!m_settings.sack)
    {
        c->socket->SetAttribute("Sack", BooleanValue(false));
    }
    if (m_settings.rcvBufSize > 0)
    {
        // Before connecting: the window advertised in the SYN comes from it.
        c->socket->SetAttribute("RcvBufSize", UintegerValue(m_settings.rcvBufSize));
    }
    c->socket->Bind();
    c->socket->SetConnectCallback(MakeCallback(&ServerConnectionPool::HandleConnected, this),
                                  MakeCallback(&ServerConnectionPool::HandleConnectFailed, this));
    m_connecting[c->socket] = {c, std::move(request)};
    c->openedAt = Simulator::Now();
    // Through a gateway, TCP goes to the gateway and the SOCKS CONNECT names the server; the
    // pool still files the connection under the server, whose requests it carries.
    c->socket->Connect(m_settings.socksGateway.IsInvalid() ? server : m_settings.socksGateway);
}

void
ServerConnectionPool::Lend(Connection* c, const std::string& user, ReadyCallback ready, bool fresh)
{
    LeaveIdle(c);
    c->busy = true;
    c->idleTimer.Stop();
    ++c->requests;
    c->users.insert(user);
    ++m_counters.requests;
    if (!fresh)
    {
        ++m_counters.reused;
    }
    ready(c, fresh, 0);
}

void
ServerConnectionPool::HandleConnected(Ptr<Socket> socket)
{
    auto it = m_connecting.find(socket);
    if (it == m_connecting.end())
    {
        socket->Close();
        return;
    }
    // [PROXIM]'s connection setup, as its sniffer at the ISP saw it: SYN to established.
    ++m_counters.connected;
    m_counters.connectTime += Simulator::Now() - it->second.first->openedAt;
    if (m_settings.socksGateway.IsInvalid())
    {
        Ready(socket);
        return;
    }
    Connection* c = it->second.first;
    c->socks = Create<Socks5Client>();
    c->socks->Start(socket,
                    InetSocketAddress::ConvertFrom(c->server),
                    m_settings.socksUsername,
                    m_settings.socksPassword,
                    m_settings.socksTimeout,
                    [this, socket](const Socks5Client::Result& r) { HandleSocksDone(socket, r); });
}

void
ServerConnectionPool::HandleSocksDone(Ptr<Socket> socket, const Socks5Client::Result& r)
{
    auto it = m_connecting.find(socket);
    if (it == m_connecting.end())
    {
        return;
    }
    it->second.first->socks = nullptr; // still alive: the client holds itself while calling
    if (r.ok)
    {
        Ready(socket);
        return;
    }
    NS_LOG_INFO("SOCKS to " << it->second.first->server << " failed: " << r.why);
    ++m_counters.socksFailed;
    Fail(socket, r.timeout ? 504 : 502);
}

void
ServerConnectionPool::Ready(Ptr<Socket> socket)
{
    auto it = m_connecting.find(socket);
    // Named variables, not a structured binding: lambdas below capture the connection, and
    // capturing a binding is C++20 (clang refuses it in C++17).
    Connection* c = it->second.first;
    Waiter waiter = std::move(it->second.second);
    m_connecting.erase(it);
    c->connected = true;
    c->http = CreateObject<HttpConnection>();
    c->http->Attach(socket, HttpParser::Kind::RESPONSE, m_settings.headerLimit);
    UintegerValue segment;
    if (m_settings.segmentReads && socket->GetAttributeFailSafe("SegmentSize", segment))
    {
        c->http->SetMaxRead(segment.Get());
    }
    // Installed once; the borrower's handlers change at each lending. Handlers that may end
    // the connection are copied before the call, which may clear them.
    HttpParser& parser = c->http->GetParser();
    parser.SetResponseCallback(
        [c](const HttpResponseHeader& h, uint64_t hdr, uint64_t len)
        {
            if (c->onResponse)
            {
                c->onResponse(h, hdr, len);
            }
        });
    parser.SetBodyCallback(
        [c](uint64_t n)
        {
            if (c->onBody)
            {
                c->onBody(n);
            }
        });
    parser.SetCompleteCallback(
        [c]()
        {
            if (auto f = c->onComplete)
            {
                f();
            }
        });
    parser.SetErrorCallback(
        [this, c](HttpParser::Error e, const std::string&)
        {
            ServerConnectionPool* self = this;
            Connection* conn = c;
            if (auto f = conn->onError)
            {
                f(e);
            }
            else
            {
                self->Discard(conn, true); // bytes on an idle connection
            }
        });
    c->http->SetClosedCallback(
        [this, c](bool error)
        {
            ServerConnectionPool* self = this;
            Connection* conn = c;
            if (auto f = conn->onClosed)
            {
                f(error);
            }
            else
            {
                self->Remove(conn);
                self->ServeWaiters();
            }
        });
    if (waiter.ready)
    {
        Lend(c, waiter.user, std::move(waiter.ready), true);
    }
    else
    {
        MakeIdle(c);
        ServeWaiters();
    }
}

void
ServerConnectionPool::HandleConnectFailed(Ptr<Socket> socket)
{
    Fail(socket, 504);
}

void
ServerConnectionPool::Fail(Ptr<Socket> socket, unsigned status)
{
    auto it = m_connecting.find(socket);
    if (it == m_connecting.end())
    {
        return;
    }
    // Named variables, not a structured binding: lambdas below capture the connection, and
    // capturing a binding is C++20 (clang refuses it in C++17).
    Connection* c = it->second.first;
    Waiter waiter = std::move(it->second.second);
    m_connecting.erase(it);
    ++m_counters.failed;
    Remove(c);
    if (waiter.ready)
    {
        waiter.ready(nullptr, true, status);
    }
    ServeWaiters();
}

void
ServerConnectionPool::Unlend(Connection* c)
{
    c->busy = false;
    c->onResponse = nullptr;
    c->onBody = nullptr;
    c->onComplete = nullptr;
    c->onError = nullptr;
    c->onClosed = nullptr;
}

void
ServerConnectionPool::Release(Connection* c, bool reusable)
{
    if (!m_conns.Contains(c))
    {
        return;
    }
    Unlend(c);
    if (c->http && reusable)
    {
        // Flow control may have paused it; the next borrower must read. Unexpected bytes
        // found now end the connection (Discard), so look again before using it.
        c->http->ResumeReading();
        if (!m_conns.Contains(c))
        {
            return;
        }
    }
    if (!reusable || !m_settings.persistent || !c->http || c->http->IsClosed())
    {
        Remove(c);
        ServeWaiters();
        return;
    }
    auto w = std::find_if(
        m_waiting.begin(), m_waiting.end(), [c](const Waiter& x) { return x.server == c->server; });
    if (w != m_waiting.end())
    {
        Waiter next = std::move(*w);
        m_waiting.erase(w);
        Lend(c, next.user, std::move(next.ready), false);
        return;
    }
    MakeIdle(c);
}

void
ServerConnectionPool::Discard(Connection* c, bool reset)
{
    if (!m_conns.Contains(c))
    {
        return;
    }
    Unlend(c);
    if (c->http)
    {
        c->http->Abort(reset);
    }
    Remove(c);
    ServeWaiters();
}

void
ServerConnectionPool::MakeIdle(Connection* c)
{
    c->idlePos = m_idle.insert(m_idle.end(), c);
    auto& idle = m_servers[c->server].idle;
    c->serverIdlePos = idle.insert(idle.end(), c);
    c->idle = true;
    c->idleTimer.Start(m_settings.idleTimeout);
}

void
ServerConnectionPool::LeaveIdle(Connection* c)
{
    if (c->idle)
    {
        m_idle.erase(c->idlePos);
        m_servers[c->server].idle.erase(c->serverIdlePos);
        c->idle = false;
    }
}

void
ServerConnectionPool::Remove(Connection* c)
{
    if (!m_conns.Contains(c))
    {
        return;
    }
    LeaveIdle(c);
    c->idleTimer.Cancel();
    Unlend(c);
    m_connecting.erase(c->socket);
    if (c->socks)
    {
        c->socks->Cancel();
        c->socks = nullptr;
    }
    if (c->http)
    {
        c->http->GetParser().Stop();
        c->http->SetClosedCallback(nullptr);
        c->http->SetDrainCallback(nullptr);
        c->http->Close();
    }
    else if (c->socket)
    {
        c->socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                      MakeNullCallback<void, Ptr<Socket>>());
        c->socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        c->socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                     MakeNullCallback<void, Ptr<Socket>>());
        c->socket->Close();
    }
    ++m_counters.closed;
    m_counters.requestsOnClosed += c->requests;
    m_counters.usersOnClosed += c->users.size();
    const auto s = m_servers.find(c->server);
    if (s != m_servers.end() && --s->second.open == 0)
    {
        m_servers.erase(s);
    }
    Ptr<HttpConnection> keep = c->http; // may be running one of its callbacks
    m_conns.Erase(c);
}

void
ServerConnectionPool::ServeWaiters()
{
    for (auto w = m_waiting.begin(); w != m_waiting.end();)
    {
        Connection* idle = FindIdle(w->server);
        if (!idle && !MayOpen(w->server))
        {
            ++w;
            continue;
        }
        Waiter next = std::move(*w);
        m_waiting.erase(w);
        if (idle)
        {
            Lend(idle, next.user, std::move(next.ready), false);
        }
        else
        {
            Open(std::move(next));
        }
        w = m_waiting.begin(); // the callbacks may have changed the queue
    }
}

void
ServerConnectionPool::Clear()
{
    m_waiting.clear();
    while (!m_conns.IsEmpty())
    {
        Remove(m_conns.Front());
    }
    m_connecting.clear();
}

} // namespace ns3
