/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "origin-server.h"

#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/http-date.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OriginServer");
NS_OBJECT_ENSURE_REGISTERED(OriginServer);

TypeId
OriginServer::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::OriginServer")
              .SetParent<Application>()
              .SetGroupName("WebProxy")
              .AddConstructor<OriginServer>()
              .AddAttribute("Port",
                            "TCP port to listen on.",
                            UintegerValue(80),
                            MakeUintegerAccessor(&OriginServer::m_port),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("Catalog",
                            "The objects served (a WebObjectCatalog); an empty one if not set.",
                            PointerValue(),
                            MakePointerAccessor(&OriginServer::m_catalog),
                            MakePointerChecker<WebObjectCatalog>())
              .AddAttribute("ServiceTime",
                            "Time to process one request before the response is sent, seconds.",
                            StringValue("ns3::ConstantRandomVariable[Constant=0.0]"),
                            MakePointerAccessor(&OriginServer::m_serviceTime),
                            MakePointerChecker<RandomVariableStream>())
              .AddAttribute("PersistentConnections",
                            "Keep connections open when the client asks for it.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&OriginServer::m_persistent),
                            MakeBooleanChecker())
              .AddAttribute("IdleTimeout",
                            "Close a persistent connection idle this long (Apache: 5-15 s).",
                            TimeValue(Seconds(15)),
                            MakeTimeAccessor(&OriginServer::m_idleTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("MaxRequestsPerConnection",
                            "Requests served on one connection before it is closed; 0: no limit.",
                            UintegerValue(100),
                            MakeUintegerAccessor(&OriginServer::m_maxRequestsPerConnection),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("HeaderLimit",
                            "Largest accepted request header section, bytes; larger gets 400.",
                            UintegerValue(16384),
                            MakeUintegerAccessor(&OriginServer::m_headerLimit),
                            MakeUintegerChecker<uint32_t>(64))
              .AddAttribute("DefaultObjectSize",
                            "Body bytes served for paths not in the catalog; 0: answer 404.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&OriginServer::m_defaultObjectSize),
                            MakeUintegerChecker<uint64_t>())
              .AddAttribute("SendRate",
                            "Bandwidth of the server's side of each connection ([PROXIM]'s "
                            "proxy-to-server bandwidth); 0: as fast as TCP takes the data.",
                            DataRateValue(DataRate(0)),
                            MakeDataRateAccessor(&OriginServer::m_sendRate),
                            MakeDataRateChecker())
              .AddAttribute("ServerName",
                            "Value of the Server field.",
                            StringValue("ns3-web-proxy-origin"),
                            MakeStringAccessor(&OriginServer::m_serverName),
                            MakeStringChecker())
              .AddTraceSource("Request",
                              "A request header was received.",
                              MakeTraceSourceAccessor(&OriginServer::m_requestTrace),
                              "ns3::OriginServer::RequestCallback")
              .AddTraceSource("Response",
                              "A response was queued for sending.",
                              MakeTraceSourceAccessor(&OriginServer::m_responseTrace),
                              "ns3::OriginServer::ResponseCallback")
              .AddTraceSource("Malformed",
                              "A malformed request was received (answered 400, connection closed).",
                              MakeTraceSourceAccessor(&OriginServer::m_malformedTrace),
                              "ns3::OriginServer::MalformedCallback")
              .AddTraceSource("Accept",
                              "A client connection was accepted.",
                              MakeTraceSourceAccessor(&OriginServer::m_acceptTrace),
                              "ns3::Address::TracedCallback")
              .AddTraceSource("Close",
                              "A client connection was closed.",
                              MakeTraceSourceAccessor(&OriginServer::m_closeTrace),
                              "ns3::Address::TracedCallback");
    return tid;
}

OriginServer::OriginServer()
{
    NS_LOG_FUNCTION(this);
}

OriginServer::~OriginServer()
{
    NS_LOG_FUNCTION(this);
}

void
OriginServer::DoDispose()
{
    for (auto* c : m_clients)
    {
        c->idleTimer.Cancel();
        c->serviceEvent.Cancel();
        c->http->Dispose();
    }
    m_clients.Clear();
    m_listener = nullptr;
    m_catalog = nullptr;
    m_serviceTime = nullptr;
    Application::DoDispose();
}

Ptr<WebObjectCatalog>
OriginServer::GetCatalog() const
{
    return m_catalog;
}

int64_t
OriginServer::AssignStreams(int64_t stream)
{
    m_serviceTime->SetStream(stream);
    if (!m_catalog)
    {
        m_catalog = CreateObject<WebObjectCatalog>();
    }
    return 1 + m_catalog->AssignStreams(stream + 1);
}

uint64_t
OriginServer::GetRequestCount() const
{
    return m_requests;
}

uint64_t
OriginServer::GetMalformedCount() const
{
    return m_malformed;
}

uint64_t
OriginServer::GetConnectionCount() const
{
    return m_connections;
}

void
OriginServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (!m_catalog)
    {
        m_catalog = CreateObject<WebObjectCatalog>();
    }
    m_listener = HttpConnection::Listen(GetNode(),
                                        m_port,
                                        MakeCallback(&OriginServer::HandleAcceptRequest, this),
                                        MakeCallback(&OriginServer::HandleAccept, this));
}

void
OriginServer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    HttpConnection::StopListening(m_listener);
    while (!m_clients.IsEmpty())
    {
        Client* c = m_clients.Front();
        c->http->Close();
        Remove(c);
    }
}

bool
OriginServer::HandleAcceptRequest(Ptr<Socket> socket, const Address& from)
{
    return true;
}

void
OriginServer::HandleAccept(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_FUNCTION(this << socket << from);
    ++m_connections;
    Client* c = m_clients.Add(std::make_unique<Client>());
    c->server = this;
    c->from = from;
    c->idleTimer.SetFunction([this, c]() { IdleTimeout(c); });
    c->http = CreateObject<HttpConnection>();
    c->http->Attach(socket, HttpParser::Kind::REQUEST, m_headerLimit);
    c->http->SetSendRate(m_sendRate);
    c->http->GetParser().SetListener(c);
    c->http->SetClosedCallback([this, c](bool error) { HandleClosed(c, error); });
    m_acceptTrace(from);
    ArmIdleTimer(c);
}

void
OriginServer::Client::OnRequest(const HttpRequestHeader& h, uint64_t, uint64_t)
{
    pending.push_back(h);
}

void
OriginServer::Client::OnComplete()
{
    // A request is served once its body (if any) has arrived.
    server->HandleRequest(this, pending.back());
}

void
OriginServer::Client::OnError(HttpParser::Error e, const std::string&)
{
    server->HandleMalformed(this, e);
}

void
OriginServer::HandleRequest(Client* c, const HttpRequestHeader& h)
{
    NS_LOG_FUNCTION(this << c);
    m_requestTrace(h, c->from);
    c->idleTimer.Stop();
    ServeNext(c);
}

void
OriginServer::ServeNext(Client* c)
{
    if (c->busy || c->pending.empty() || c->closing)
    {
        return;
    }
    c->busy = true;
    Time t = Seconds(m_serviceTime->GetValue());
    c->serviceEvent = Simulator::Schedule(t, &OriginServer::Respond, this, c);
}

void
OriginServer::Respond(Client* c)
{
    namespace http = boost::beast::http;
    HttpRequestHeader req = std::move(c->pending.front());
    c->pending.pop_front();
    c->busy = false;
    ++m_requests;
    ++c->served;

    const Time now = Simulator::Now();
    HttpResponseHeader res;
    res.version(req.version() >= 11 ? 11 : 10);
    res.set(http::field::date, HttpDate::Format(now));
    res.set(http::field::server, m_serverName);

    uint64_t body = 0;
    auto target = HttpTarget::Parse(std::string(req.target()));
    const bool head = req.method() == http::verb::head;
    std::string host
        = target && target->absolute ? target->host : std::string(req[http::field::host]);
    host = host.substr(0, host.find(':'));
    const WebObject* obj = target ? m_catalog->Lookup(host, target->path, now) : nullptr;
    if (!target)
    {
        res.result(http::status::bad_request);
    }
    else if (obj && obj->status != 200)
    {
        // A moved or failing URL: its status, no body, never a Last-Modified to revalidate.
        res.result(obj->status);
        if (obj->status >= 300 && obj->status < 400)
        {
            res.set(http::field::location,
                    "http://" + host + (obj->location.empty() ? "/" : obj->location));
        }
    }
    else if (obj)
    {
        res.set(http::field::last_modified, HttpDate::Format(obj->lastModified));
        res.set(http::field::content_type, obj->contentType);
        if (!obj->cacheControl.empty())
        {
            res.set(http::field::cache_control, obj->cacheControl);
        }
        if (obj->expires)
        {
            res.set(http::field::expires, HttpDate::Format(*obj->expires));
        }
        if (!obj->setCookie.empty())
        {
            res.set(http::field::set_cookie, obj->setCookie);
        }
        auto ims = req.find(http::field::if_modified_since);
        std::optional<Time> since;
        if (ims != req.end() && (req.method() == http::verb::get || head))
        {
            since = HttpDate::Parse(std::string(ims->value()));
        }
        if (since && HttpDate::Truncate(obj->lastModified) <= *since)
        {
            res.result(http::status::not_modified);
        }
        else
        {
            res.result(http::status::ok);
            body = obj->size;
        }
    }
    else if (m_defaultObjectSize > 0)
    {
        res.result(http::status::ok);
        res.set(http::field::content_type, "application/octet-stream");
        body = m_defaultObjectSize;
    }
    else
    {
        res.result(http::status::not_found);
    }

    const bool keep = m_persistent
                   && HttpIsPersistent(req.version(), std::string(req[http::field::connection]))
                   && (m_maxRequestsPerConnection == 0 || c->served < m_maxRequestsPerConnection)
                   && res.result() != http::status::bad_request && !c->peerClosed;
    if (!keep)
    {
        res.set(http::field::connection, "close");
    }
    else if (res.version() == 10)
    {
        res.set(http::field::connection, "keep-alive");
    }
    // Content-Length frames every response; a HEAD or 304 answer carries the length it
    // describes (RFC 7230 3.3.2) but no body.
    const bool hasBody = HttpResponseHasBody(head, res.result_int());
    const uint64_t length = obj && obj->status == 200 ? obj->size : body;
    if (res.result() != http::status::not_modified)
    {
        res.set(http::field::content_length, std::to_string(hasBody ? body : length));
    }
    const uint64_t sent = hasBody ? body : 0;
    m_responseTrace(res, sent, c->from);
    const std::string start = HttpBodyBytes(res, sent, 0, sent);
    c->http->Send(SerializeHttpHeader(res) + start, sent - start.size());
    if (!keep)
    {
        c->closing = true;
        c->http->Close();
        // Close the server's side once the response is out; the socket lives on in TCP.
        Remove(c);
        return;
    }
    if (c->pending.empty())
    {
        ArmIdleTimer(c);
    }
    ServeNext(c);
}

void
OriginServer::HandleMalformed(Client* c, HttpParser::Error e)
{
    namespace http = boost::beast::http;
    NS_LOG_FUNCTION(this << c << HttpParser::ErrorName(e));
    ++m_malformed;
    m_malformedTrace(HttpParser::ErrorName(e), c->from);
    HttpResponseHeader res;
    res.version(11);
    res.result(http::status::bad_request);
    res.set(http::field::date, HttpDate::Format(Simulator::Now()));
    res.set(http::field::server, m_serverName);
    res.set(http::field::connection, "close");
    res.set(http::field::content_length, std::to_string(0));
    m_responseTrace(res, 0, c->from);
    c->http->Send(SerializeHttpHeader(res), 0);
    c->http->Close();
    Remove(c);
}

void
OriginServer::HandleClosed(Client* c, bool error)
{
    NS_LOG_FUNCTION(this << c << error);
    if (error || (!c->busy && c->pending.empty()))
    {
        c->http->Close();
        Remove(c);
        return;
    }
    // The client half-closed after its requests: answer them, then close.
    c->peerClosed = true;
    c->idleTimer.Stop();
}

void
OriginServer::ArmIdleTimer(Client* c)
{
    c->idleTimer.Start(m_idleTimeout);
}

void
OriginServer::IdleTimeout(Client* c)
{
    NS_LOG_FUNCTION(this << c);
    c->http->Close();
    Remove(c);
}

void
OriginServer::Remove(Client* c)
{
    if (!m_clients.Contains(c))
    {
        return;
    }
    c->idleTimer.Cancel();
    c->serviceEvent.Cancel();
    c->http->GetParser().Stop();
    c->http->SetClosedCallback(nullptr);
    m_closeTrace(c->from);
    m_clients.Erase(c);
}

} // namespace ns3
