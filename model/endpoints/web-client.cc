/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "web-client.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/lean-callback.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
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
              .AddAttribute("Resolver",
                            "Resolves the host names of requests (DnsResolver, one per "
                            "client). Unset: connect to the request's server address.",
                            PointerValue(),
                            MakePointerAccessor(&WebClient::m_resolver),
                            MakePointerChecker<DnsResolver>())
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
              .AddAttribute("MaxConnections",
                            "Connections open at once in all (Netscape Navigator 3 and 4: 4); "
                            "an idle persistent one is closed to make room. 0: no limit.",
                            UintegerValue(4),
                            MakeUintegerAccessor(&WebClient::m_maxConnections),
                            MakeUintegerChecker<uint32_t>())
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
              .AddAttribute("CloseWhenDone",
                            "Close the connections as soon as the request source is exhausted "
                            "and every request has ended (the user has left), instead of "
                            "keeping them until IdleTimeout or the application's stop.",
                            BooleanValue(false),
                            MakeBooleanAccessor(&WebClient::m_closeWhenDone),
                            MakeBooleanChecker())
              .AddAttribute("EmbeddedAsParsed",
                            "Issue each request embedded in a page once its place in the base's "
                            "body has arrived (the k-th of n at k/(n+1) of the body), as a "
                            "browser requests an inline object when it parses its tag; false: "
                            "all once the base has ended.",
                            BooleanValue(false),
                            MakeBooleanAccessor(&WebClient::m_embeddedAsParsed),
                            MakeBooleanChecker())
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
              .AddAttribute("ResponseTimeout",
                            "Fail a request whose peer sent nothing for this long after the "
                            "request or the last response byte (Firefox's "
                            "network.http.response.timeout). 0: wait for ever.",
                            TimeValue(Seconds(300)),
                            MakeTimeAccessor(&WebClient::m_responseTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddTraceSource("RequestComplete",
                              "A request ended (completed, aborted or failed), with its record.",
                              MakeTraceSourceAccessor(&WebClient::m_completeTrace),
                              "ns3::WebClient::RequestCompleteCallback")
              .AddTraceSource("ResponseTimeout",
                              "The peer sent nothing for ResponseTimeout: its request fails.",
                              MakeTraceSourceAccessor(&WebClient::m_responseTimeoutTrace),
                              "ns3::Address::TracedCallback")
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
        c->TakeRequest(); // the requests go after the connections: no pointer may dangle
        c->Dispose();
    }
    m_conns.Clear();
    for (auto& e : m_issueEvents)
    {
        e.event.Cancel();
    }
    m_issueEvents.clear();
    m_pending.Clear();
    m_waiting.Clear();
    m_pages.Clear();
    m_source = nullptr;
    m_resolver = nullptr; // its timers and socket go with it
    Application::DoDispose();
}

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
    // The requests under way first: they were issued before those still held back. Their
    // embedded requests waiting in the page gate fail with them (FailHeldBack), not as
    // "page base failed": the stop, not the base, ended them.
    std::vector<WebRequest> held = m_pages.TakeHeld();
    while (!m_pending.IsEmpty())
    {
        Fail(m_pending.Front(), RequestRecord::APPLICATION_STOPPED);
    }
    for (WebRequest& r : held)
    {
        FailUnstarted(std::move(r), RequestRecord::APPLICATION_STOPPED);
    }
    FailHeldBack();
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
    if (!TakeNext(r))
    {
        return;
    }
    const Time delay = r.GetIssueDelay(Simulator::Now());
    // Kept with its request, so that a stop at its issue time can still end it.
    auto it = m_issueEvents.insert(m_issueEvents.end(), IssueEvent{EventId(), std::move(r)});
    it->event = Simulator::Schedule(delay, &WebClient::Issue, this, it);
}

void
WebClient::Issue(IssueEvents::iterator it)
{
    WebRequest request = std::move(it->request);
    m_issueEvents.erase(it);
    ClientPageGate::Base base;
    if (m_pages.Admit(request, m_nextId, base))
    {
        Start(std::move(request), base);
    }
}

void
WebClient::Start(WebRequest request, ClientPageGate::Base base)
{
    Pending* p = Begin(std::move(request));
    p->responseTimeout = m_responseTimeout;
    NS_LOG_INFO("client " << p->record.node << " issues " << p->record.method << ' '
                          << p->record.url);
    if (base == ClientPageGate::Base::FAILED)
    {
        Fail(p, "page base failed"); // the browser never learnt of it
        return;
    }
    if (p->request.abortAfter)
    {
        p->abortEvent = Simulator::Schedule(*p->request.abortAfter, &WebClient::Abort, this, p);
    }
    if (m_resolver && m_proxy.IsInvalid())
    {
        const uint64_t id = p->record.id;
        m_resolver->ResolveHost(GetNode(),
                                p->request.host,
                                p->request.server,
                                [this, p, id](const Address& a, const std::string& e)
                                { Resolved(p, id, a, e); });
        return;
    }
    if (p->peer.IsInvalid())
    {
        Fail(p, "no server address");
        return;
    }
    Dispatch(p);
}

void
WebClient::Resolved(Pending* p, uint64_t id, const Address& peer, const std::string& error)
{
    if (!m_pending.Contains(p) || p->record.id != id)
    {
        return; // the request ended meanwhile (user abort, stop)
    }
    if (peer.IsInvalid())
    {
        Fail(p, "DNS: " + error);
        return;
    }
    p->peer = peer;
    std::ostringstream os;
    os << InetSocketAddress::ConvertFrom(peer).GetIpv4() << ':'
       << InetSocketAddress::ConvertFrom(peer).GetPort();
    p->record.peer = os.str();
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
        if (c->IsIdle())
        {
            c->Reuse(p);
            SendRequest(c, p);
            return;
        }
    }
    if (open < m_maxPerServer && MakeRoom())
    {
        Open(p);
    }
    else
    {
        m_waiting.Push(p);
    }
}

void
WebClient::Open(Pending* p)
{
    Connection* c = m_conns.Add(std::make_unique<Connection>());
    c->owner = this;
    c->peer = p->peer;
    c->Assign(p);
    p->MarkOpening();
    ++m_counters.connections;
    c->StartConnectTimer(m_connectTimeout, [this, c]() { ConnectTimedOut(c); });
    c->idleTimer.SetFunction([this, c]() { CloseConnection(c); });
    c->responseTimer.SetFunction(
        [this, c]()
        {
            if (c->request)
            {
                ResponseTimedOut(c->request);
            }
        });
    c->Connect(GetNode(),
               MakeLeanCallback<&WebClient::HandleConnected>(this),
               MakeLeanCallback<&WebClient::HandleConnectFailed>(this));
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
    c->Attach(socket, m_headerLimit);
    c->http->GetParser().SetListener(c);
    c->http->SetClosedCallback([this, c](bool error) { HandleClosed(c, error); });
    m_connectTrace(c->peer);
    if (c->request)
    {
        c->request->MarkConnected();
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
    if (Connection* c = FindConnection(socket))
    {
        ConnectFailed(c);
    }
}

void
WebClient::ConnectTimedOut(Connection* c)
{
    NS_LOG_INFO("connection attempt to " << c->peer << " timed out after "
                                         << m_connectTimeout.As(Time::S));
    ++m_counters.connectTimeouts;
    m_connectTimeoutTrace(c->peer);
    ConnectFailed(c);
}

void
WebClient::ConnectFailed(Connection* c)
{
    c->connectTimer.Cancel();
    Pending* p = c->TakeRequest();
    CloseConnection(c);
    if (!p)
    {
        return;
    }
    if (m_running && (m_connectAttempts == 0 || p->connectAttempts < m_connectAttempts))
    {
        NS_LOG_INFO("request " << p->record.id << ": connection attempt " << p->connectAttempts
                               << " failed, trying again");
        ++m_counters.connectRetries;
        m_connectRetryTrace(p->peer);
        Dispatch(p);
        return;
    }
    Fail(p, "connection failed");
}

void
WebClient::SendRequest(Connection* c, Pending* p)
{
    c->persistent = p->WantsPersistent(m_persistent);
    HttpRequestHeader h
        = p->BuildHeader(!m_proxy.IsInvalid(), m_httpVersion, c->persistent, m_userAgent);
    const std::string text = c->Frame(p, h);
    m_sentTrace(h, c->peer);
    c->http->Send(text, p->request.bodyBytes);
}

void
WebClient::HandleResponse(Connection* c, const HttpResponseHeader& h, uint64_t hdr, uint64_t len)
{
    Pending* p = c->request;
    NS_ASSERT(p);
    const bool abort = p->MarkResponse(h.result_int(), hdr, len);
    p->record.cacheStatus = std::string(h["X-Cache"]);
    c->persistent
        = c->persistent && HttpIsPersistent(h.version(), std::string(h[http::field::connection]));
    m_responseTrace(h, c->peer);
    if (abort)
    {
        Abort(p); // the user gave up before any of the body arrived
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
    Pending* p = c->TakeRequest();
    CloseConnection(c);
    if (p)
    {
        Fail(p, std::string("malformed response: ") + HttpParser::ErrorName(e));
    }
}

void
WebClient::HandleClosed(Connection* c, bool error)
{
    Pending* p = c->TakeRequest();
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
WebClient::ResponseTimedOut(Pending* p)
{
    NS_LOG_INFO("request " << p->record.id << ": nothing from " << p->peer << " in "
                           << m_responseTimeout.As(Time::S));
    ++m_counters.responseTimeouts;
    m_responseTimeoutTrace(p->peer);
    if (Connection* c = p->conn)
    {
        c->TakeRequest();
        Drop(c, true); // a late response must not reach the next request
    }
    Fail(p, "response timeout");
}

void
WebClient::Abort(Pending* p)
{
    NS_LOG_FUNCTION(this << p);
    p->record.aborted = true;
    if (Connection* c = p->conn)
    {
        Drop(c, m_abortWithReset);
    }
    else
    {
        m_waiting.Remove(p);
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
        m_waiting.Remove(p);
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
    p->Finalize();
    m_counters.CountEnded(p->record);
    m_completeTrace(p->record);
    const uint64_t id = p->record.id;
    using Base = ClientPageGate::Base;
    // A user abort of the base still releases its embedded requests: the trace's abort is the
    // user's on that object, and the part of the body that arrived named them.
    const Base outcome = p->record.failed ? Base::FAILED : Base::COMPLETED;
    m_pending.Erase(p);
    IssueNext();
    for (WebRequest& r : m_pages.Ended(id, outcome))
    {
        if (m_running)
        {
            Start(std::move(r), outcome);
        }
        else
        {
            FailUnstarted(std::move(r), RequestRecord::APPLICATION_STOPPED);
        }
    }
    CloseIfDone();
}

} // namespace ns3
