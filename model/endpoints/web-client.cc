/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "web-client.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("WebClient");
NS_OBJECT_ENSURE_REGISTERED(WebClient);

namespace http = boost::beast::http;

TypeId
WebClient::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::WebClient")
              .SetParent<Application>()
              .SetGroupName("WebProxy")
              .AddConstructor<WebClient>()
              .AddAttribute("RequestSource",
                            "Where the requests come from.",
                            PointerValue(),
                            MakePointerAccessor(&WebClient::m_source),
                            MakePointerChecker<RequestSource>())
              .AddAttribute("Proxy",
                            "Explicit proxy (InetSocketAddress); requests then carry absolute "
                            "URIs. Empty: connect to origin servers directly.",
                            AddressValue(),
                            MakeAddressAccessor(&WebClient::m_proxy),
                            MakeAddressChecker())
              .AddAttribute("HttpVersion",
                            "HTTP version of requests: 10 (HTTP/1.0) or 11 (HTTP/1.1).",
                            UintegerValue(11),
                            MakeUintegerAccessor(&WebClient::m_httpVersion),
                            MakeUintegerChecker<uint32_t>(10, 11))
              .AddAttribute("PersistentConnections",
                            "Ask for persistent connections and reuse them.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&WebClient::m_persistent),
                            MakeBooleanChecker())
              .AddAttribute("MaxConnectionsPerServer",
                            "Connections open at once to one server (or to the proxy).",
                            UintegerValue(4),
                            MakeUintegerAccessor(&WebClient::m_maxPerServer),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("MaxOutstanding",
                            "Requests in flight at once (1: one request after the other).",
                            UintegerValue(1),
                            MakeUintegerAccessor(&WebClient::m_maxOutstanding),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("IdleTimeout",
                            "Close a persistent connection idle this long.",
                            TimeValue(Seconds(60)),
                            MakeTimeAccessor(&WebClient::m_idleTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("HeaderLimit",
                            "Largest accepted response header section, bytes.",
                            UintegerValue(16384),
                            MakeUintegerAccessor(&WebClient::m_headerLimit),
                            MakeUintegerChecker<uint32_t>(64))
              .AddAttribute("AbortWithReset",
                            "A user abort resets the connection at once (RST). If false, the "
                            "client closes (FIN) and resets only when more data arrives.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&WebClient::m_abortWithReset),
                            MakeBooleanChecker())
              .AddAttribute("UserAgent",
                            "Value of the User-Agent field.",
                            StringValue("ns3-web-proxy-client"),
                            MakeStringAccessor(&WebClient::m_userAgent),
                            MakeStringChecker())
              .AddAttribute("ConnectAttempts",
                            "Connections tried for a request before it fails (a failed or "
                            "timed-out attempt is repeated at once). 0: no limit.",
                            UintegerValue(1),
                            MakeUintegerAccessor(&WebClient::m_connectAttempts),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("ConnectTimeout",
                            "Give up a connection attempt not established after this long. "
                            "0: TCP's own SYN retries (ConnCount, ConnTimeout) decide.",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&WebClient::m_connectTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddTraceSource("RequestComplete",
                              "A request ended (completed, aborted or failed), with its record.",
                              MakeTraceSourceAccessor(&WebClient::m_completeTrace),
                              "ns3::WebClient::RequestCompleteCallback")
              .AddTraceSource("RequestSent",
                              "A request was handed to TCP.",
                              MakeTraceSourceAccessor(&WebClient::m_sentTrace),
                              "ns3::WebClient::RequestSentCallback")
              .AddTraceSource("ResponseReceived",
                              "A response header arrived.",
                              MakeTraceSourceAccessor(&WebClient::m_responseTrace),
                              "ns3::WebClient::ResponseCallback")
              .AddTraceSource("Malformed",
                              "A malformed response arrived (the connection is closed).",
                              MakeTraceSourceAccessor(&WebClient::m_malformedTrace),
                              "ns3::WebClient::MalformedCallback")
              .AddTraceSource("ConnectionOpened",
                              "A TCP connection was established.",
                              MakeTraceSourceAccessor(&WebClient::m_connectTrace),
                              "ns3::Address::TracedCallback")
              .AddTraceSource("ConnectRetry",
                              "A failed connection attempt is repeated (ConnectAttempts).",
                              MakeTraceSourceAccessor(&WebClient::m_connectRetryTrace),
                              "ns3::Address::TracedCallback")
              .AddTraceSource("ConnectTimeout",
                              "A connection attempt was given up after ConnectTimeout (the "
                              "connect() ETIMEDOUT of a kernel's connection-establishment "
                              "timer); it is then repeated or fails (ConnectAttempts).",
                              MakeTraceSourceAccessor(&WebClient::m_connectTimeoutTrace),
                              "ns3::Address::TracedCallback");
    return tid;
}

WebClient::WebClient()
{
    NS_LOG_FUNCTION(this);
}

WebClient::~WebClient()
{
    NS_LOG_FUNCTION(this);
}

void
WebClient::DoDispose()
{
    for (Connection* c : m_conns)
    {
        c->idleTimer.Cancel();
        if (c->http)
        {
            c->http->Dispose();
        }
    }
    m_conns.Clear();
    m_pending.Clear();
    m_waiting.clear();
    m_source = nullptr;
    Application::DoDispose();
}

void
WebClient::SetRequestSource(Ptr<RequestSource> source)
{
    m_source = source;
}

Ptr<RequestSource>
WebClient::GetRequestSource() const
{
    return m_source;
}

int64_t
WebClient::AssignStreams(int64_t stream)
{
    return m_source ? m_source->AssignStreams(stream) : 0;
}

uint64_t
WebClient::GetCompletedCount() const
{
    return m_completed;
}

uint64_t
WebClient::GetConnectionCount() const
{
    return m_connections;
}

uint64_t
WebClient::GetConnectRetryCount() const
{
    return m_connectRetries;
}

uint64_t
WebClient::GetConnectTimeoutCount() const
{
    return m_connectTimeouts;
}

namespace
{
std::string
FormatAddress(const Address& a)
{
    std::ostringstream os;
    if (InetSocketAddress::IsMatchingType(a))
    {
        InetSocketAddress s = InetSocketAddress::ConvertFrom(a);
        os << s.GetIpv4() << ':' << s.GetPort();
    }
    else
    {
        os << a;
    }
    return os.str();
}
} // namespace

void
WebClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = true;
    for (uint32_t i = 0; i < m_maxOutstanding; ++i)
    {
        IssueNext();
    }
}

void
WebClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = false;
    for (auto& e : m_issueEvents)
    {
        e.Cancel();
    }
    m_issueEvents.clear();
    while (!m_pending.IsEmpty())
    {
        Fail(m_pending.Front(), "application stopped");
    }
    while (!m_conns.IsEmpty())
    {
        CloseConnection(m_conns.Front());
    }
}

void
WebClient::IssueNext()
{
    if (!m_running || m_exhausted)
    {
        return;
    }
    WebRequest r;
    if (!m_source || !m_source->Next(r))
    {
        m_exhausted = true;
        return;
    }
    Time delay = r.thinkTime;
    if (r.issueTime && *r.issueTime - Simulator::Now() > delay)
    {
        delay = *r.issueTime - Simulator::Now();
    }
    // Drop finished events so the list stays as short as the requests in flight.
    m_issueEvents.remove_if([](const EventId& e) { return e.IsExpired(); });
    m_issueEvents.push_back(Simulator::Schedule(delay, &WebClient::Issue, this, r));
}

Address
WebClient::PeerFor(const WebRequest& r) const
{
    return m_proxy.IsInvalid() ? r.server : m_proxy;
}

void
WebClient::Issue(WebRequest request)
{
    Pending* p = m_pending.Add(std::make_unique<Pending>());
    p->request = std::move(request);
    p->peer = PeerFor(p->request);
    RequestRecord& rec = p->record;
    rec.node = GetNode()->GetId();
    rec.id = m_nextId++;
    rec.method = p->request.method;
    rec.url = p->request.GetUrl();
    rec.peer = FormatAddress(p->peer);
    rec.issued = Simulator::Now();
    NS_LOG_INFO("client " << rec.node << " issues " << rec.method << ' ' << rec.url);
    if (p->request.abortAfter)
    {
        p->abortEvent = Simulator::Schedule(*p->request.abortAfter, &WebClient::Abort, this, p);
    }
    if (p->peer.IsInvalid())
    {
        Fail(p, "no server address");
        return;
    }
    Dispatch(p);
}

void
WebClient::Dispatch(Pending* p)
{
    uint32_t open = 0;
    for (Connection* c : m_conns)
    {
        if (c->peer != p->peer)
        {
            continue;
        }
        ++open;
        if (c->connected && !c->request && !c->http->IsClosed())
        {
            c->idleTimer.Stop();
            c->request = p;
            p->conn = c;
            p->record.newConnection = false;
            p->record.wait = Simulator::Now() - p->record.issued;
            SendRequest(c, p);
            return;
        }
    }
    if (open < m_maxPerServer)
    {
        Open(p);
    }
    else
    {
        m_waiting[p->peer].push_back(p);
    }
}

void
WebClient::Open(Pending* p)
{
    Connection* c = m_conns.Add(std::make_unique<Connection>());
    c->peer = p->peer;
    c->request = p;
    c->connectStart = Simulator::Now();
    p->conn = c;
    p->record.newConnection = true;
    if (p->connectAttempts++ == 0)
    {
        p->record.wait = Simulator::Now() - p->record.issued;
    }
    ++m_connections;
    if (m_connectTimeout.IsStrictlyPositive())
    {
        c->connectTimer
            = Simulator::Schedule(m_connectTimeout, &WebClient::ConnectTimedOut, this, c);
    }
    c->idleTimer.SetFunction([this, c]() { CloseConnection(c); });
    c->socket = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    c->socket->Bind();
    c->socket->SetConnectCallback(MakeCallback(&WebClient::HandleConnected, this),
                                  MakeCallback(&WebClient::HandleConnectFailed, this));
    c->socket->Connect(p->peer);
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
WebClient::HandleConnected(Ptr<Socket> socket)
{
    Connection* c = FindConnection(socket);
    if (!c)
    {
        socket->Close(); // its request was aborted while connecting
        return;
    }
    c->connected = true;
    c->connectTimer.Cancel();
    c->http = CreateObject<HttpConnection>();
    c->http->Attach(socket, HttpParser::Kind::RESPONSE, m_headerLimit);
    HttpParser& parser = c->http->GetParser();
    parser.SetResponseCallback([this, c](const HttpResponseHeader& h, uint64_t hdr, uint64_t len)
                               { HandleResponse(c, h, hdr, len); });
    parser.SetBodyCallback([this, c](uint64_t n) { HandleBody(c, n); });
    parser.SetCompleteCallback([this, c]() { HandleComplete(c); });
    parser.SetErrorCallback([this, c](HttpParser::Error e, const std::string&)
                            { HandleMalformed(c, e); });
    c->http->SetClosedCallback([this, c](bool error) { HandleClosed(c, error); });
    m_connectTrace(c->peer);
    if (c->request)
    {
        // From the first attempt: retries are part of the setup the user waits for.
        const RequestRecord& r = c->request->record;
        c->request->record.sync = Simulator::Now() - r.issued - r.wait;
        SendRequest(c, c->request);
    }
    else
    {
        Release(c);
    }
}

void
WebClient::HandleConnectFailed(Ptr<Socket> socket)
{
    Connection* c = FindConnection(socket);
    if (c)
    {
        ConnectFailed(c);
    }
}

void
WebClient::ConnectTimedOut(Connection* c)
{
    NS_LOG_INFO("connection attempt to " << c->peer << " timed out after "
                                         << m_connectTimeout.As(Time::S));
    ++m_connectTimeouts;
    m_connectTimeoutTrace(c->peer);
    ConnectFailed(c);
}

void
WebClient::ConnectFailed(Connection* c)
{
    c->connectTimer.Cancel();
    Pending* p = TakeRequest(c);
    CloseConnection(c);
    if (!p)
    {
        return;
    }
    if (m_running && (m_connectAttempts == 0 || p->connectAttempts < m_connectAttempts))
    {
        NS_LOG_INFO("request " << p->record.id << ": connection attempt " << p->connectAttempts
                               << " failed, trying again");
        ++m_connectRetries;
        m_connectRetryTrace(p->peer);
        Dispatch(p);
        return;
    }
    Fail(p, "connection failed");
}

void
WebClient::SendRequest(Connection* c, Pending* p)
{
    const WebRequest& r = p->request;
    HttpRequestHeader h;
    h.method_string(r.method);
    h.target(m_proxy.IsInvalid() ? r.path : r.GetUrl());
    h.version(m_httpVersion);
    h.set(http::field::host, r.host);
    h.set(http::field::user_agent, m_userAgent);
    const bool persistent = r.persistent.value_or(m_persistent);
    if (!persistent)
    {
        h.set(http::field::connection, "close");
    }
    else if (m_httpVersion == 10)
    {
        h.set(http::field::connection, "keep-alive");
    }
    c->persistent = persistent;
    for (const auto& [name, value] : r.fields)
    {
        h.insert(name, value);
    }
    if (r.bodyBytes > 0)
    {
        h.set(http::field::content_length, std::to_string(r.bodyBytes));
    }
    std::string text = SerializeHttpHeader(h);
    p->record.requestHeaderBytes = text.size();
    p->sent = Simulator::Now();
    c->http->GetParser().ExpectResponse(h.method() == http::verb::head);
    m_sentTrace(h, c->peer);
    c->http->Send(text, r.bodyBytes);
}

void
WebClient::HandleResponse(Connection* c, const HttpResponseHeader& h, uint64_t hdr, uint64_t len)
{
    Pending* p = c->request;
    NS_ASSERT(p);
    p->gotResponseBytes = true;
    p->header = Simulator::Now();
    p->record.status = h.result_int();
    p->record.responseHeaderBytes = hdr;
    p->record.contentLength = len;
    c->persistent
        = c->persistent && HttpIsPersistent(h.version(), std::string(h[http::field::connection]));
    m_responseTrace(h, c->peer);
    const auto& fraction = p->request.abortFraction;
    if (fraction && *fraction <= 0 && len > 0)
    {
        Abort(p); // the user gave up before any of the body arrived
    }
}

void
WebClient::HandleBody(Connection* c, uint64_t bytes)
{
    Pending* p = c->request;
    NS_ASSERT(p);
    if (p->record.bodyBytes == 0)
    {
        p->firstBody = Simulator::Now();
    }
    p->record.bodyBytes += bytes;
    const auto& fraction = p->request.abortFraction;
    if (fraction && p->record.bodyBytes < p->record.contentLength
        && p->record.bodyBytes >= *fraction * p->record.contentLength)
    {
        Abort(p);
    }
}

void
WebClient::HandleComplete(Connection* c)
{
    Pending* p = c->request;
    NS_ASSERT(p);
    Release(c); // first, so that the next request can reuse the connection
    Finish(p);
}

void
WebClient::HandleMalformed(Connection* c, HttpParser::Error e)
{
    m_malformedTrace(HttpParser::ErrorName(e), c->peer);
    Pending* p = TakeRequest(c);
    CloseConnection(c);
    if (p)
    {
        Fail(p, std::string("malformed response: ") + HttpParser::ErrorName(e));
    }
}

void
WebClient::HandleClosed(Connection* c, bool error)
{
    Pending* p = TakeRequest(c);
    CloseConnection(c);
    if (!p)
    {
        return; // an idle connection closed by the server
    }
    if (!p->gotResponseBytes && !p->record.newConnection && !p->retried && m_running)
    {
        // The server closed an idle persistent connection just as we reused it.
        NS_LOG_INFO("retrying request " << p->record.id << " on a new connection");
        p->retried = true;
        p->sent.reset();
        Dispatch(p);
        return;
    }
    Fail(p, error ? "connection reset" : "connection closed before the response ended");
}

void
WebClient::Abort(Pending* p)
{
    NS_LOG_FUNCTION(this << p);
    p->record.aborted = true;
    if (Connection* c = p->conn)
    {
        c->request = nullptr;
        c->idleTimer.Cancel();
        if (c->http)
        {
            c->http->Abort(m_abortWithReset);
        }
        else
        {
            c->socket->Close();
        }
        Ptr<HttpConnection> keep = c->http; // the abort may run inside its callbacks
        Address peer = c->peer;
        m_conns.Erase(c);
        if (!m_waiting[peer].empty())
        {
            Pending* next = m_waiting[peer].front();
            m_waiting[peer].pop_front();
            Dispatch(next);
        }
    }
    else
    {
        auto& q = m_waiting[p->peer];
        q.erase(std::remove(q.begin(), q.end(), p), q.end());
    }
    p->conn = nullptr;
    Finish(p);
}

void
WebClient::Fail(Pending* p, const std::string& error)
{
    NS_LOG_INFO("request " << p->record.id << " failed: " << error);
    p->record.failed = true;
    p->record.error = error;
    if (!p->conn)
    {
        auto it = m_waiting.find(p->peer);
        if (it != m_waiting.end())
        {
            auto& q = it->second;
            q.erase(std::remove(q.begin(), q.end(), p), q.end());
        }
    }
    else if (p->conn->request == p)
    {
        p->conn->request = nullptr;
    }
    p->conn = nullptr;
    Finish(p);
}

void
WebClient::Finish(Pending* p)
{
    p->abortEvent.Cancel();
    const Time now = Simulator::Now();
    RequestRecord& r = p->record;
    // Components up to the point reached, so that they always add up to total.
    if (p->sent)
    {
        r.reqRep = p->header.value_or(now) - *p->sent;
        if (p->header && p->firstBody)
        {
            r.repData = *p->firstBody - *p->header;
            r.data = now - *p->firstBody;
        }
        else if (p->header)
        {
            r.repData = now - *p->header; // zero for a complete bodiless response
        }
    }
    else if (r.newConnection)
    {
        r.sync = now - r.issued - r.wait; // ended while connecting
    }
    r.total = now - r.issued;
    ++m_completed;
    m_completeTrace(r);
    m_pending.Erase(p);
    IssueNext();
}

WebClient::Pending*
WebClient::TakeRequest(Connection* c)
{
    Pending* p = c->request;
    c->request = nullptr;
    if (p)
    {
        p->conn = nullptr;
    }
    return p;
}

void
WebClient::Release(Connection* c)
{
    TakeRequest(c);
    if (!c->persistent || !c->http || c->http->IsClosed())
    {
        CloseConnection(c);
        return;
    }
    auto it = m_waiting.find(c->peer);
    if (it != m_waiting.end() && !it->second.empty())
    {
        Pending* next = it->second.front();
        it->second.pop_front();
        c->request = next;
        next->conn = c;
        next->record.newConnection = false;
        next->record.wait = Simulator::Now() - next->record.issued;
        SendRequest(c, next);
        return;
    }
    ArmIdleTimer(c);
}

void
WebClient::ArmIdleTimer(Connection* c)
{
    c->idleTimer.Start(m_idleTimeout);
}

void
WebClient::CloseConnection(Connection* c)
{
    if (!m_conns.Contains(c))
    {
        return;
    }
    c->idleTimer.Cancel();
    c->connectTimer.Cancel();
    if (c->http)
    {
        c->http->GetParser().Stop();
        c->http->SetClosedCallback(nullptr);
        c->http->Close();
    }
    else
    {
        c->socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                      MakeNullCallback<void, Ptr<Socket>>());
        c->socket->Close();
    }
    Address peer = c->peer;
    Ptr<HttpConnection> keep = c->http; // may be running one of its callbacks
    m_conns.Erase(c);
    // A connection slot to this peer is free: open one for the first waiting request.
    auto w = m_waiting.find(peer);
    if (m_running && w != m_waiting.end() && !w->second.empty())
    {
        Pending* next = w->second.front();
        w->second.pop_front();
        Dispatch(next);
    }
}

} // namespace ns3
