/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "socks5-gateway.h"

#include "socks5-session.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Socks5Gateway");
NS_OBJECT_ENSURE_REGISTERED(Socks5Gateway);

TypeId
Socks5Gateway::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::Socks5Gateway")
              .SetParent<Application>()
              .SetGroupName("WebProxy")
              .AddConstructor<Socks5Gateway>()
              .AddAttribute("Port",
                            "TCP port the gateway listens on (RFC 1928: 1080).",
                            UintegerValue(1080),
                            MakeUintegerAccessor(&Socks5Gateway::m_port),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("RequireAuthentication",
                            "Accept only username/password (RFC 1929), never method 0x00.",
                            BooleanValue(false),
                            MakeBooleanAccessor(&Socks5Gateway::m_requireAuth),
                            MakeBooleanChecker())
              .AddAttribute("Credentials",
                            "Accepted \"user:password\" pairs, comma-separated; empty: none "
                            "(then only method 0x00 is accepted).",
                            StringValue(""),
                            MakeStringAccessor(&Socks5Gateway::SetCredentials,
                                               &Socks5Gateway::GetCredentials),
                            MakeStringChecker())
              .AddAttribute("AllowedDestinations",
                            "Destination prefixes a CONNECT may reach (\"10.2.0.0/16,...\"); "
                            "empty: any. Others get reply 0x02.",
                            StringValue(""),
                            MakeStringAccessor(&Socks5Gateway::SetDestinations,
                                               &Socks5Gateway::GetDestinations),
                            MakeStringChecker())
              .AddAttribute("AllowedPorts",
                            "Destination ports a CONNECT may reach (\"80,8000-8080\"); empty: "
                            "any. Others get reply 0x02.",
                            StringValue(""),
                            MakeStringAccessor(&Socks5Gateway::SetPorts, &Socks5Gateway::GetPorts),
                            MakeStringChecker())
              .AddAttribute("HandshakeTimeout",
                            "Close a client that has not sent its CONNECT this long after "
                            "connecting.",
                            TimeValue(Seconds(10)),
                            MakeTimeAccessor(&Socks5Gateway::m_handshakeTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("ConnectTimeout",
                            "Reply 0x04 (host unreachable) when the destination has not "
                            "answered the connect this long.",
                            TimeValue(Seconds(10)),
                            MakeTimeAccessor(&Socks5Gateway::m_connectTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("IdleTimeout",
                            "Close a relay that moved no byte for this long.",
                            TimeValue(Minutes(5)),
                            MakeTimeAccessor(&Socks5Gateway::m_idleTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("MaxSessions",
                            "Sessions at once; further SYNs go unanswered.",
                            UintegerValue(1024),
                            MakeUintegerAccessor(&Socks5Gateway::m_maxSessions),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("BufferSize",
                            "TCP send and receive buffer of each relayed connection, bytes: "
                            "what one direction holds at most.",
                            UintegerValue(65536),
                            MakeUintegerAccessor(&Socks5Gateway::m_bufferSize),
                            MakeUintegerChecker<uint32_t>(1024))
              .AddTraceSource("Accept",
                              "A client connection was accepted.",
                              MakeTraceSourceAccessor(&Socks5Gateway::m_acceptTrace),
                              "ns3::Address::TracedCallback")
              .AddTraceSource("Reply",
                              "A reply to a request was sent: code, client.",
                              MakeTraceSourceAccessor(&Socks5Gateway::m_replyTrace),
                              "ns3::Socks5Gateway::ReplyCallback")
              .AddTraceSource("Malformed",
                              "A session was closed for bad SOCKS input: error, client.",
                              MakeTraceSourceAccessor(&Socks5Gateway::m_malformedTrace),
                              "ns3::Socks5Gateway::MalformedCallback")
              .AddTraceSource("SessionClosed",
                              "A session ended: bytes relayed each way.",
                              MakeTraceSourceAccessor(&Socks5Gateway::m_closedTrace),
                              "ns3::Socks5Gateway::SessionClosedCallback");
    return tid;
}

Socks5Gateway::Socks5Gateway()
{
    NS_LOG_FUNCTION(this);
}

Socks5Gateway::~Socks5Gateway()
{
    NS_LOG_FUNCTION(this);
}

void
Socks5Gateway::SetResolver(Resolver resolver)
{
    m_resolver = std::move(resolver);
}

const Socks5Gateway::Counters&
Socks5Gateway::GetCounters() const
{
    return m_counters;
}

uint32_t
Socks5Gateway::GetSessionCount() const
{
    return m_sessions.size();
}

void
Socks5Gateway::SetDestinations(std::string text)
{
    std::string error;
    if (!m_rules.SetDestinations(text, error))
    {
        NS_FATAL_ERROR("Socks5Gateway: AllowedDestinations: " << error);
    }
}

std::string
Socks5Gateway::GetDestinations() const
{
    return m_rules.GetDestinations();
}

void
Socks5Gateway::SetPorts(std::string text)
{
    std::string error;
    if (!m_rules.SetPorts(text, error))
    {
        NS_FATAL_ERROR("Socks5Gateway: AllowedPorts: " << error);
    }
}

std::string
Socks5Gateway::GetPorts() const
{
    return m_rules.GetPorts();
}

void
Socks5Gateway::SetCredentials(std::string text)
{
    std::string error;
    if (!m_rules.SetCredentials(text, error))
    {
        NS_FATAL_ERROR("Socks5Gateway: Credentials: " << error);
    }
}

std::string
Socks5Gateway::GetCredentials() const
{
    return m_rules.GetCredentials();
}

void
Socks5Gateway::DoDispose()
{
    for (auto& [id, s] : m_sessions)
    {
        s->Abort();
    }
    m_sessions.clear();
    m_listener = nullptr;
    m_resolver = nullptr;
    Application::DoDispose();
}

void
Socks5Gateway::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_requireAuth && !m_rules.HasCredentials())
    {
        NS_FATAL_ERROR("Socks5Gateway: RequireAuthentication without Credentials refuses "
                       "every client");
    }
    m_listener = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    // Accepted sockets inherit the buffers: each relay direction holds at most BufferSize.
    m_listener->SetAttribute("SndBufSize", UintegerValue(m_bufferSize));
    m_listener->SetAttribute("RcvBufSize", UintegerValue(m_bufferSize));
    if (m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0
        || m_listener->Listen() != 0)
    {
        NS_FATAL_ERROR("Socks5Gateway: cannot listen on TCP port " << m_port << " of node "
                                                                   << GetNode()->GetId());
    }
    m_listener->SetAcceptCallback(MakeCallback(&Socks5Gateway::HandleAcceptRequest, this),
                                  MakeCallback(&Socks5Gateway::HandleAccept, this));
}

void
Socks5Gateway::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_listener)
    {
        m_listener->Close();
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeNullCallback<void, Ptr<Socket>, const Address&>());
        m_listener = nullptr;
    }
    for (auto& [id, s] : m_sessions)
    {
        s->Abort();
    }
    m_sessions.clear();
}

bool
Socks5Gateway::HandleAcceptRequest(Ptr<Socket>, const Address& from)
{
    if (m_sessions.size() >= m_maxSessions)
    {
        NS_LOG_INFO("session table full, " << from << " not accepted");
        ++m_counters.refusedFull;
        return false;
    }
    return true;
}

void
Socks5Gateway::HandleAccept(Ptr<Socket> socket, const Address& from)
{
    if (m_sessions.size() >= m_maxSessions)
    {
        // Several SYNs passed HandleAcceptRequest before their handshakes completed.
        ++m_counters.refusedFull;
        socket->Close();
        return;
    }
    ++m_counters.accepted;
    m_acceptTrace(from);
    const uint64_t id = m_nextId++;
    Ptr<Socks5Session> s = Create<Socks5Session>(this, id, socket, from);
    m_sessions[id] = s;
    s->Start();
}

void
Socks5Gateway::Ended(uint64_t id)
{
    m_sessions.erase(id);
}

} // namespace ns3
