/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "connection-cache.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ConnectionCache");
NS_OBJECT_ENSURE_REGISTERED(ConnectionCache);

namespace http = boost::beast::http;

TypeId
ConnectionCache::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::ConnectionCache")
              .SetParent<Application>()
              .SetGroupName("WebProxy")
              .AddConstructor<ConnectionCache>()
              .AddAttribute("Port",
                            "TCP port the proxy listens on.",
                            UintegerValue(3128),
                            MakeUintegerAccessor(&ConnectionCache::m_port),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("Origin",
                            "Reverse proxy: origin-form requests go to this server "
                            "(InetSocketAddress); unset: a forward proxy, absolute URIs only.",
                            AddressValue(),
                            MakeAddressAccessor(&ConnectionCache::m_origin),
                            MakeAddressChecker())
              .AddAttribute("Parent",
                            "Parent proxy (InetSocketAddress) that every request is forwarded "
                            "to, with its absolute URI; unset: go to the origin servers.",
                            AddressValue(),
                            MakeAddressAccessor(&ConnectionCache::m_parent),
                            MakeAddressChecker())
              .AddAttribute("ClientPersistent",
                            "Keep persistent connections with clients that ask for them.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&ConnectionCache::m_clientPersistent),
                            MakeBooleanChecker())
              .AddAttribute("ServerPersistent",
                            "Keep persistent connections to servers and reuse them.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&ConnectionCache::m_serverPersistent),
                            MakeBooleanChecker())
              .AddAttribute("ClientIdleTimeout",
                            "Close a client connection idle this long ([PROXIM]: 3 min).",
                            TimeValue(Minutes(3)),
                            MakeTimeAccessor(&ConnectionCache::m_clientIdleTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("ServerIdleTimeout",
                            "Close a server connection idle this long ([PROXIM]: 30 s).",
                            TimeValue(Seconds(30)),
                            MakeTimeAccessor(&ConnectionCache::m_serverIdleTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("MaxConnectionsPerServer",
                            "Connections to one server at once; 0: no limit.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&ConnectionCache::m_maxPerServer),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("MaxServerConnections",
                            "Server connections at once; when out of them the one idle longest "
                            "is closed, or the request waits. 0: no limit.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&ConnectionCache::m_maxServerConnections),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("WaitForBusyConnection",
                            "Wait for a busy persistent connection to the server instead of "
                            "opening another one.",
                            BooleanValue(false),
                            MakeBooleanAccessor(&ConnectionCache::m_waitForBusy),
                            MakeBooleanChecker())
              .AddAttribute("MaxClientConnections",
                            "Client connections at once; further SYNs go unanswered, as with a "
                            "full listen backlog. 0: no limit.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&ConnectionCache::m_maxClientConnections),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("HeaderLimit",
                            "Largest accepted header section, bytes.",
                            UintegerValue(16384),
                            MakeUintegerAccessor(&ConnectionCache::m_headerLimit),
                            MakeUintegerChecker<uint32_t>(64))
              .AddAttribute("AbortPolicy",
                            "What to do with the server download when the client aborts.",
                            StringValue("Continue"),
                            MakeStringAccessor(&ConnectionCache::SetAbortPolicy,
                                               &ConnectionCache::GetAbortPolicy),
                            MakeStringChecker())
              .AddAttribute("QuickAbortMin",
                            "quick_abort_min: keep downloading if at most this many bytes remain.",
                            UintegerValue(16 * 1024),
                            MakeUintegerAccessor(&ConnectionCache::SetQuickAbortMin,
                                                 &ConnectionCache::GetQuickAbortMin),
                            MakeUintegerChecker<uint64_t>())
              .AddAttribute("QuickAbortMax",
                            "quick_abort_max: stop if more than this many bytes remain.",
                            UintegerValue(16 * 1024),
                            MakeUintegerAccessor(&ConnectionCache::SetQuickAbortMax,
                                                 &ConnectionCache::GetQuickAbortMax),
                            MakeUintegerChecker<uint64_t>())
              .AddAttribute("QuickAbortPercent",
                            "quick_abort_pct: keep downloading once this fraction has arrived.",
                            DoubleValue(0.95),
                            MakeDoubleAccessor(&ConnectionCache::SetQuickAbortPercent,
                                               &ConnectionCache::GetQuickAbortPercent),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("FlowControl",
                            "Keep the server-side read at most ReadAhead bytes ahead of the "
                            "client (TCP flow control on the server connection).",
                            BooleanValue(false),
                            MakeBooleanAccessor(&ConnectionCache::m_flowControl),
                            MakeBooleanChecker())
              .AddAttribute("ReadAhead",
                            "Flow control gap, bytes: how far what the proxy has received from "
                            "the server may run ahead of what the client has acknowledged, the "
                            "server socket's receive buffer included ([PROXIM]: 64 KB).",
                            UintegerValue(64 * 1024),
                            MakeUintegerAccessor(&ConnectionCache::m_readAhead),
                            MakeUintegerChecker<uint64_t>())
              .AddAttribute("FlowControlWindow",
                            "With FlowControl, the TCP receive buffer (bytes) of server "
                            "connections, the part of ReadAhead that TCP holds; 0: half of "
                            "ReadAhead. At most ReadAhead.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&ConnectionCache::m_flowControlWindow),
                            MakeUintegerChecker<uint64_t>())
              .AddAttribute("HitProcessingTime",
                            "Processing time of a request served by the proxy itself.",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&ConnectionCache::m_hitTime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("MissProcessingTime",
                            "Processing time of a request forwarded to a server.",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&ConnectionCache::m_missTime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("Workers",
                            "Requests processed at once (the service-time queue's servers).",
                            UintegerValue(1),
                            MakeUintegerAccessor(&ConnectionCache::m_workers),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("QueueLimit",
                            "Requests waiting for processing; beyond it they get 503. 0: no limit.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&ConnectionCache::m_queueLimit),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("Via",
                            "Value of the Via field added to requests and responses.",
                            StringValue("1.1 ns3-web-proxy"),
                            MakeStringAccessor(&ConnectionCache::m_via),
                            MakeStringChecker())
              .AddTraceSource("Request",
                              "A request arrived from a client.",
                              MakeTraceSourceAccessor(&ConnectionCache::m_requestTrace),
                              "ns3::ConnectionCache::ForwardCallback")
              .AddTraceSource("Forward",
                              "A request was sent to a server.",
                              MakeTraceSourceAccessor(&ConnectionCache::m_forwardTrace),
                              "ns3::ConnectionCache::ForwardCallback")
              .AddTraceSource("Response",
                              "A response header was sent to a client.",
                              MakeTraceSourceAccessor(&ConnectionCache::m_responseTrace),
                              "ns3::OriginServer::ResponseCallback")
              .AddTraceSource("ClientAbort",
                              "A client went away before its response ended.",
                              MakeTraceSourceAccessor(&ConnectionCache::m_clientAbortTrace),
                              "ns3::ConnectionCache::ClientAbortCallback")
              .AddTraceSource("Accept",
                              "A client connection was accepted.",
                              MakeTraceSourceAccessor(&ConnectionCache::m_acceptTrace),
                              "ns3::Address::TracedCallback")
              .AddTraceSource("Refuse",
                              "A client connection was refused (MaxClientConnections).",
                              MakeTraceSourceAccessor(&ConnectionCache::m_refuseTrace),
                              "ns3::Address::TracedCallback");
    return tid;
}

void
ConnectionCache::SetAbortPolicy(std::string policy)
{
    m_abortPolicy = ParseAbortPolicyAttribute(policy);
}

std::string
ConnectionCache::GetAbortPolicy() const
{
    return AbortPolicyAttributeName(m_abortPolicy);
}

ConnectionCache::ConnectionCache()
{
    NS_LOG_FUNCTION(this);
}

ConnectionCache::~ConnectionCache()
{
    NS_LOG_FUNCTION(this);
}

void
ConnectionCache::SetQuickAbortMin(uint64_t v)
{
    m_quickAbort.minBytes = v;
}

uint64_t
ConnectionCache::GetQuickAbortMin() const
{
    return m_quickAbort.minBytes;
}

void
ConnectionCache::SetQuickAbortMax(uint64_t v)
{
    m_quickAbort.maxBytes = v;
}

uint64_t
ConnectionCache::GetQuickAbortMax() const
{
    return m_quickAbort.maxBytes;
}

void
ConnectionCache::SetQuickAbortPercent(double v)
{
    m_quickAbort.percent = v;
}

double
ConnectionCache::GetQuickAbortPercent() const
{
    return m_quickAbort.percent;
}

void
ConnectionCache::DoDispose()
{
    m_cpu.Clear();
    m_pool.Clear();
    for (auto* c : m_clients)
    {
        c->idleTimer.Cancel();
        c->http->Dispose();
    }
    m_clients.Clear();
    m_transactions.Clear();
    m_listener = nullptr;
    m_router.SetResolver(nullptr);
    Application::DoDispose();
}

void
ConnectionCache::SetResolver(Resolver resolver)
{
    m_router.SetResolver(std::move(resolver));
}

const ConnectionCache::Counters&
ConnectionCache::GetCounters() const
{
    return m_counters;
}

ConnectionCache::Counters&
ConnectionCache::MutableCounters()
{
    return m_counters;
}

const ServerConnectionPool::Counters&
ConnectionCache::GetServerCounters() const
{
    return m_pool.GetCounters();
}

const ProcessingQueue&
ConnectionCache::GetProcessingQueue() const
{
    return m_cpu;
}

uint32_t
ConnectionCache::GetActiveRequests() const
{
    return m_transactions.Size();
}

Time
ConnectionCache::GetHitProcessingTime() const
{
    return m_hitTime;
}

Time
ConnectionCache::GetMissProcessingTime() const
{
    return m_missTime;
}

uint64_t
ConnectionCache::GetServerWindow() const
{
    const uint64_t w = m_flowControlWindow > 0 ? m_flowControlWindow : m_readAhead / 2;
    return std::max<uint64_t>(1, std::min(w, m_readAhead));
}

uint64_t
ConnectionCache::GetPauseThreshold() const
{
    return m_readAhead - std::min(m_readAhead, GetServerWindow());
}

bool
ConnectionCache::HasParent() const
{
    return !m_parent.IsInvalid();
}

void
ConnectionCache::StartApplication()
{
    NS_LOG_FUNCTION(this);
    ServerConnectionPool::Settings s;
    s.maxPerServer = m_maxPerServer;
    s.maxTotal = m_maxServerConnections;
    s.idleTimeout = m_serverIdleTimeout;
    s.persistent = m_serverPersistent;
    s.waitForBusy = m_waitForBusy;
    s.headerLimit = m_headerLimit;
    // A paused reader with SACKed data outstanding crashes ns-3.37's sender (NextSeg rule 2,
    // see doc/web-proxy.rst): flow-controlled server connections go without SACK.
    s.sack = !m_flowControl;
    if (m_flowControl)
    {
        // The gap counts what TCP holds unread too: a kernel buffer beside the read-ahead
        // would let the proxy fetch that much more of every aborted transfer.
        s.rcvBufSize = static_cast<uint32_t>(GetServerWindow());
        s.segmentReads = true;
    }
    m_pool.Setup(GetNode(), s);
    m_router.Configure(m_origin, m_parent);
    m_rewriter.SetVia(m_via);
    m_cpu.SetWorkers(m_workers);
    m_cpu.SetQueueLimit(m_queueLimit);
    m_listener = HttpConnection::Listen(GetNode(),
                                        m_port,
                                        MakeCallback(&ConnectionCache::HandleAcceptRequest, this),
                                        MakeCallback(&ConnectionCache::HandleAccept, this));
}

void
ConnectionCache::StopApplication()
{
    NS_LOG_FUNCTION(this);
    HttpConnection::StopListening(m_listener);
    m_cpu.Clear();
    while (!m_clients.IsEmpty())
    {
        CloseClient(m_clients.Front());
    }
    m_pool.Clear();
    m_transactions.Clear();
}

bool
ConnectionCache::HandleAcceptRequest(Ptr<Socket> socket, const Address& from)
{
    if (m_maxClientConnections > 0 && m_clients.Size() >= m_maxClientConnections)
    {
        ++m_counters.refused;
        m_refuseTrace(from);
        return false;
    }
    return true;
}

void
ConnectionCache::HandleAccept(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_FUNCTION(this << socket << from);
    ClientConn* c = m_clients.Add(std::make_unique<ClientConn>());
    ++m_counters.clientConnections;
    m_clientGauge->Track(socket);
    m_counters.maxClientConnections = m_clientGauge->GetMax();
    c->from = from;
    std::ostringstream os;
    if (InetSocketAddress::IsMatchingType(from))
    {
        os << InetSocketAddress::ConvertFrom(from).GetIpv4();
    }
    c->user = os.str();
    c->idleTimer.SetFunction([this, c]() { CloseClient(c); });
    c->http = CreateObject<HttpConnection>();
    c->http->Attach(socket, HttpParser::Kind::REQUEST, m_headerLimit);
    HttpParser& parser = c->http->GetParser();
    parser.SetRequestCallback([this, c](const HttpRequestHeader& h, uint64_t, uint64_t body)
                              { HandleClientRequest(c, h, body); });
    parser.SetCompleteCallback([this, c]() { HandleClientComplete(c); });
    parser.SetErrorCallback([this, c](HttpParser::Error e, const std::string&)
                            { HandleClientMalformed(c, e); });
    c->http->SetClosedCallback([this, c](bool error) { HandleClientClosed(c, error); });
    if (m_flowControl)
    {
        // One event per acknowledgement: only when something waits for it.
        c->http->SetDrainCallback([this, c]() { HandleClientDrain(c); });
    }
    m_acceptTrace(from);
    c->idleTimer.Start(m_clientIdleTimeout);
}

void
ConnectionCache::HandleClientRequest(ClientConn* c, const HttpRequestHeader& h, uint64_t body)
{
    Transaction* t = m_transactions.Add(std::make_unique<Transaction>());
    t->client = c;
    t->request = h;
    t->requestBody = body;
    t->head = h.method() == http::verb::head;
    c->queue.push_back(t);
    c->idleTimer.Stop();
}

void
ConnectionCache::HandleClientComplete(ClientConn* c)
{
    NS_ASSERT(!c->queue.empty());
    Transaction* t = c->queue.back();
    t->complete = true;
    ++m_counters.requests;
    if (++c->requests == 1)
    {
        ++m_counters.requestsOnNewClientConn;
    }
    m_requestTrace(t->request, c->from);
    StartNext(c);
}

void
ConnectionCache::StartNext(ClientConn* c)
{
    if (c->queue.empty())
    {
        if (c->persistent && !c->peerClosed)
        {
            c->idleTimer.Start(m_clientIdleTimeout);
        }
        else
        {
            CloseClient(c);
        }
        return;
    }
    Transaction* t = c->queue.front();
    if (t->started || !t->complete)
    {
        return;
    }
    t->started = true;
    if (Route(t))
    {
        HandleRequest(t);
    }
}

bool
ConnectionCache::Route(Transaction* t)
{
    ClientConn* c = t->client;
    const HttpRequestHeader& h = t->request;
    std::string connection(h[http::field::connection]);
    if (connection.empty())
    {
        connection = std::string(h[http::field::proxy_connection]);
    }
    c->persistent = m_clientPersistent && HttpIsPersistent(h.version(), connection);
    ProxyRouter::Route route;
    const ProxyRouter::Outcome outcome = m_router.Decide(h, route);
    if (outcome == ProxyRouter::MALFORMED)
    {
        ++m_counters.malformed;
        RespondError(t, 400);
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
        RespondError(t, 502);
        return false;
    }
    return true;
}

void
ConnectionCache::HandleRequest(Transaction* t)
{
    Process(t, m_missTime, [this, t]() { Forward(t, MakeUpstreamRequest(t)); });
}

void
ConnectionCache::HandleServerResponse(Transaction* t)
{}

void
ConnectionCache::HandleServerComplete(Transaction* t)
{}

void
ConnectionCache::Process(Transaction* t, Time cost, std::function<void()> job)
{
    // A zero-cost job runs inside Submit and may end t: look at t only when it did not.
    const uint64_t ticket = m_cpu.Submit(cost,
                                         [t, job = std::move(job)]()
                                         {
                                             t->cpuTicket = 0;
                                             job();
                                         });
    if (ticket == ProcessingQueue::DROPPED)
    {
        RespondError(t, 503);
    }
    else if (ticket != 0)
    {
        t->cpuTicket = ticket;
    }
}

HttpRequestHeader
ConnectionCache::MakeUpstreamRequest(const Transaction* t) const
{
    return m_rewriter.ToServer(t->request,
                               m_parent.IsInvalid() ? t->path : t->url,
                               t->url.substr(7, t->url.find('/', 7) - 7),
                               m_serverPersistent);
}

void
ConnectionCache::Forward(Transaction* t, const HttpRequestHeader& request)
{
    NS_LOG_FUNCTION(this << t->url);
    t->upstreamRequest = request;
    t->relay = true;
    t->gotResponse = false;
    t->fromServer = 0;
    const std::string user = t->client ? t->client->user : std::string();
    t->waitTicket = m_pool.Acquire(t->server,
                                   user,
                                   [this, t](ServerConnectionPool::Connection* conn, bool fresh)
                                   { HandleUpstream(t, conn, fresh); });
}

void
ConnectionCache::HandleUpstream(Transaction* t, ServerConnectionPool::Connection* conn, bool fresh)
{
    t->waitTicket = 0;
    if (!conn)
    {
        HandleUpstreamFailure(t, "connect failed");
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
    ++m_counters.forwarded;
    if (fresh)
    {
        ++m_counters.newServerConn;
    }
    t->forwardedAt = Simulator::Now();
    m_forwardTrace(t->upstreamRequest, t->server);
    conn->http->GetParser().ExpectResponse(t->head);
    conn->http->Send(SerializeHttpHeader(t->upstreamRequest), t->requestBody);
}

void
ConnectionCache::HandleUpstreamFailure(Transaction* t, const std::string& why)
{
    NS_LOG_INFO("upstream failure for " << t->url << ": " << why);
    ServerConnectionPool::Connection* conn = t->upstream;
    t->upstream = nullptr;
    if (conn)
    {
        m_pool.Discard(conn, false);
    }
    if (!t->gotResponse && conn && !t->upstreamFresh && !t->retried && t->client)
    {
        // The server closed an idle persistent connection just as it was reused.
        t->retried = true;
        Forward(t, t->upstreamRequest);
        return;
    }
    if (!t->client)
    {
        MaybeDelete(t);
        return;
    }
    if (!t->gotResponse || !t->relay)
    {
        RespondError(t, conn ? 502 : 504);
        return;
    }
    // Part of the response went out: cut the client off, as the server cut us off.
    ClientConn* c = t->client;
    c->http->Abort(true);
    HandleClientClosed(c, true);
}

void
ConnectionCache::HandleResponseHeader(Transaction* t, const HttpResponseHeader& h, uint64_t len)
{
    t->gotResponse = true;
    t->response = h;
    t->length = len;
    t->upstreamPersistent = m_serverPersistent
                         && HttpIsPersistent(h.version(), std::string(h[http::field::connection]));
    HandleServerResponse(t);
    if (t->relay && t->client)
    {
        SendResponseHeader(t, h, len);
    }
}

void
ConnectionCache::SendResponseHeader(Transaction* t, HttpResponseHeader h, uint64_t length)
{
    ClientConn* c = t->client;
    m_rewriter.ToClient(h, t->request.version(), c->persistent, t->cacheStatus);
    const bool body = HttpResponseHasBody(t->head, h.result_int());
    m_responseTrace(h, body ? length : 0, c->from);
    c->http->Send(SerializeHttpHeader(h), 0);
}

void
ConnectionCache::HandleResponseBody(Transaction* t, uint64_t bytes)
{
    t->fromServer += bytes;
    m_counters.bytesFromServers += bytes;
    if (!t->client)
    {
        m_counters.bytesAfterAbort += bytes;
    }
    if (!t->relay || !t->client)
    {
        return;
    }
    ClientConn* c = t->client;
    c->http->Send(std::string(), bytes);
    m_counters.bytesToClients += bytes;
    if (m_flowControl && !t->paused && t->upstream
        && c->http->GetBufferedBytes() > GetPauseThreshold())
    {
        t->paused = true;
        ++m_counters.flowControlPauses;
        t->upstream->http->PauseReading();
    }
}

void
ConnectionCache::HandleClientDrain(ClientConn* c)
{
    if (c->queue.empty())
    {
        return;
    }
    Transaction* t = c->queue.front();
    if (t->paused && t->upstream && c->http->GetBufferedBytes() <= GetPauseThreshold())
    {
        t->paused = false;
        t->upstream->http->ResumeReading(); // may complete t
    }
}

void
ConnectionCache::HandleResponseComplete(Transaction* t)
{
    ServerConnectionPool::Connection* conn = t->upstream;
    t->upstream = nullptr;
    m_pool.Release(conn, t->upstreamPersistent);
    if (!t->client)
    {
        HandleServerComplete(t); // a download that went on after the client left
        MaybeDelete(t);
        return;
    }
    const bool relay = t->relay;
    HandleServerComplete(t); // with relay off, it answers the client (and may end t)
    if (relay)
    {
        Finish(t);
    }
}

void
ConnectionCache::Respond(Transaction* t, HttpResponseHeader response, uint64_t body)
{
    if (!t->client)
    {
        MaybeDelete(t);
        return;
    }
    t->relay = false; // nothing more from a server goes to this client
    const uint64_t length = body;
    const bool hasBody = HttpResponseHasBody(t->head, response.result_int());
    if (response.result() != http::status::not_modified
        && response.find(http::field::content_length) == response.end())
    {
        response.set(http::field::content_length, std::to_string(length));
    }
    SendResponseHeader(t, response, length);
    if (hasBody && body > 0)
    {
        t->client->http->Send(std::string(), body);
        m_counters.bytesToClients += body;
    }
    Finish(t);
}

void
ConnectionCache::RespondError(Transaction* t, unsigned status)
{
    ++m_counters.errors;
    HttpResponseHeader h = ProxyHeaderRewriter::MakeError(status);
    t->cacheStatus = "NONE";
    if (t->client && status == 400)
    {
        t->client->persistent = false;
    }
    Respond(t, h, 0);
}

void
ConnectionCache::Finish(Transaction* t)
{
    ClientConn* c = t->client;
    t->client = nullptr;
    if (c)
    {
        NS_ASSERT(!c->queue.empty() && c->queue.front() == t);
        c->queue.pop_front();
    }
    MaybeDelete(t);
    if (c)
    {
        StartNext(c);
    }
}

void
ConnectionCache::MaybeDelete(Transaction* t)
{
    if (!t->IsReleasable())
    {
        return;
    }
    m_transactions.Erase(t);
}

void
ConnectionCache::ClientGone(Transaction* t)
{
    t->client = nullptr;
    if (t->cpuTicket != 0)
    {
        m_cpu.Cancel(t->cpuTicket);
        t->cpuTicket = 0;
    }
    if (t->waitTicket != 0)
    {
        m_pool.CancelWait(t->waitTicket);
        t->waitTicket = 0;
    }
    if (t->upstream)
    {
        ++m_counters.clientAborts;
        ++m_counters.abortsDownloading;
        m_clientAbortTrace(t->url, t->fromServer, t->length);
        if (ContinueAfterAbort(
                m_abortPolicy, m_quickAbort, t->gotResponse && t->store, t->fromServer, t->length))
        {
            ++m_counters.abortsContinued;
            if (t->paused)
            {
                t->paused = false;
                t->upstream->http->ResumeReading(); // may complete t
                return;
            }
        }
        else
        {
            ServerConnectionPool::Connection* conn = t->upstream;
            t->upstream = nullptr;
            if (t->gotResponse && conn->http)
            {
                // Body bytes that crossed the network but wait unread (flow control).
                uint64_t unread = conn->http->GetUnreadBytes();
                if (t->length > 0)
                {
                    unread = std::min(unread, t->length - std::min(t->length, t->fromServer));
                }
                m_counters.bytesUnreadAtAbort += unread;
            }
            m_pool.Discard(conn, true);
        }
    }
    else if (t->started)
    {
        ++m_counters.clientAborts;
    }
    MaybeDelete(t);
}

void
ConnectionCache::HandleClientMalformed(ClientConn* c, HttpParser::Error e)
{
    NS_LOG_FUNCTION(this << c << HttpParser::ErrorName(e));
    ++m_counters.malformed;
    ++m_counters.errors;
    // Requests before the bad one are still answered; the connection then closes.
    c->persistent = false;
    const HttpResponseHeader h = ProxyHeaderRewriter::MakeBadRequestClose();
    if (!c->queue.empty() && !c->queue.back()->complete)
    {
        Transaction* partial = c->queue.back();
        c->queue.pop_back();
        partial->client = nullptr;
        MaybeDelete(partial);
    }
    if (c->queue.empty())
    {
        m_responseTrace(h, 0, c->from);
        c->http->Send(SerializeHttpHeader(h), 0);
        CloseClient(c);
    }
}

void
ConnectionCache::HandleClientClosed(ClientConn* c, bool error)
{
    NS_LOG_FUNCTION(this << c << error);
    c->peerClosed = true;
    // A client that closes or resets before its responses ended has aborted them.
    while (!c->queue.empty())
    {
        Transaction* t = c->queue.front();
        c->queue.pop_front();
        ClientGone(t);
    }
    CloseClient(c);
}

void
ConnectionCache::CloseClient(ClientConn* c)
{
    if (!m_clients.Contains(c))
    {
        return;
    }
    while (!c->queue.empty())
    {
        Transaction* t = c->queue.front();
        c->queue.pop_front();
        ClientGone(t);
    }
    c->idleTimer.Cancel();
    c->http->GetParser().Stop();
    c->http->SetClosedCallback(nullptr);
    c->http->SetDrainCallback(nullptr);
    c->http->Close();
    if (c->requests > 0)
    {
        ++m_counters.clientConnsClosed;
        m_counters.requestsOnClosed += c->requests;
        m_counters.serversOnClosed += c->servers.size();
    }
    Ptr<HttpConnection> keep = c->http; // may be running one of its callbacks
    m_clients.Erase(c);
}

void
ConnectionCache::PrintConnectionTable(std::ostream& os) const
{
    m_counters.PrintConnectionTable(os, m_pool.GetCounters());
}

} // namespace ns3
