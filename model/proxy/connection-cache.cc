/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "connection-cache.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>

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
              .AddAttribute("SocksGateway",
                            "SOCKS5 gateway (InetSocketAddress, port 1080 as a rule) that every "
                            "server connection goes through (origin or Parent); unset: direct.",
                            AddressValue(),
                            MakeAddressAccessor(&ConnectionCache::m_socksGateway),
                            MakeAddressChecker())
              .AddAttribute("SocksUsername",
                            "RFC 1929 username offered to the SocksGateway; empty: only "
                            "\"no authentication\" is offered.",
                            StringValue(""),
                            MakeStringAccessor(&ConnectionCache::m_socksUsername),
                            MakeStringChecker())
              .AddAttribute("SocksPassword",
                            "RFC 1929 password for SocksUsername.",
                            StringValue(""),
                            MakeStringAccessor(&ConnectionCache::m_socksPassword),
                            MakeStringChecker())
              .AddAttribute("SocksTimeout",
                            "Give up a SOCKS negotiation (504) after this long; it includes the "
                            "gateway's own connect to the server.",
                            TimeValue(Seconds(30)),
                            MakeTimeAccessor(&ConnectionCache::m_socksTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("Intercepting",
                            "Intercepting (transparent) forward proxy: an origin-form request "
                            "goes to the host of its Host field, resolved as an absolute URI's "
                            "host would be (Squid's intercept mode). Ignored when Origin is set.",
                            BooleanValue(false),
                            MakeBooleanAccessor(&ConnectionCache::m_intercepting),
                            MakeBooleanChecker())
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
              .AddAttribute("UpstreamTimeout",
                            "Give up a request whose server sent nothing for this long after "
                            "the request or the last response byte (Squid's read_timeout, "
                            "15 min): 504 to the client, or the client connection is cut when "
                            "part of the response went out. 0: wait for ever.",
                            TimeValue(Minutes(15)),
                            MakeTimeAccessor(&ConnectionCache::m_upstreamTimeout),
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
                            MakeAbortPolicyChecker())
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
              .AddTraceSource("UpstreamTimeout",
                              "A server sent nothing for UpstreamTimeout: URL given up.",
                              MakeTraceSourceAccessor(&ConnectionCache::m_upstreamTimeoutTrace),
                              "ns3::ConnectionCache::UrlCallback")
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
    s.socksGateway = m_socksGateway;
    s.socksUsername = m_socksUsername;
    s.socksPassword = m_socksPassword;
    s.socksTimeout = m_socksTimeout;
    m_pool.Setup(GetNode(), s);
    m_router.Configure(m_origin, m_parent, m_intercepting);
    m_rewriter.SetVia(m_via);
    m_cpu.SetWorkers(m_workers);
    m_cpu.SetQueueLimit(m_queueLimit);
    m_listener
        = HttpConnection::Listen(GetNode(),
                                 m_port,
                                 MakeCallback(&ProxyClientSide::HandleAcceptRequest, &m_clientSide),
                                 MakeCallback(&ProxyClientSide::HandleAccept, &m_clientSide));
}

void
ConnectionCache::StopApplication()
{
    NS_LOG_FUNCTION(this);
    HttpConnection::StopListening(m_listener);
    m_cpu.Clear();
    while (!m_clients.IsEmpty())
    {
        m_clientSide.CloseClient(m_clients.Front());
    }
    m_pool.Clear();
    m_transactions.Clear();
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
ConnectionCache::MakeUpstreamRequest(const Transaction* t, bool toProxy) const
{
    return m_rewriter.ToServer(t->request,
                               m_parent.IsInvalid() && !toProxy ? t->path : t->url,
                               t->url.substr(7, t->url.find('/', 7) - 7),
                               m_serverPersistent);
}

void
ConnectionCache::Forward(Transaction* t, const HttpRequestHeader& request)
{
    m_relay.Forward(t, request);
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
        const std::string head = HttpBodyBytes(response, length, 0, body);
        t->client->http->Send(head, body - head.size());
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
        m_clientSide.StartNext(c);
    }
}

void
ConnectionCache::Release(Transaction* t)
{
    MaybeDelete(t);
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
ConnectionCache::PrintConnectionTable(std::ostream& os) const
{
    m_counters.PrintConnectionTable(os, m_pool.GetCounters());
}

} // namespace ns3
