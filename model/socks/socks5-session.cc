/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "socks5-session.h"

#include "socks5-gateway.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/tcp-socket-internals.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Socks5Session");

namespace
{

/// Negotiation bytes held at most: a request after the longest RFC 1929 request.
constexpr size_t MAX_BUFFERED = Socks5Message::MAX_AUTH_REQUEST + Socks5Message::MAX_REQUEST;

void
Detach(Ptr<Socket> s)
{
    if (s)
    {
        s->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        s->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        s->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                             MakeNullCallback<void, Ptr<Socket>>());
        s->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
CloseSocket(Ptr<Socket> s, bool reset)
{
    if (!s)
    {
        return;
    }
    Detach(s);
    if (reset && TcpSocketInternals::SendReset(s))
    {
        return;
    }
    TcpSocketInternals::CloseDetached(s);
}

} // namespace

Socks5Session::Socks5Session(Socks5Gateway* gateway,
                             uint64_t id,
                             Ptr<Socket> client,
                             const Address& from)
    : m_gateway(gateway)
    , m_id(id)
    , m_client(client)
    , m_from(from)
{}

void
Socks5Session::Start()
{
    TcpSocketInternals::GuardFullWindow(m_client);
    m_client->SetRecvCallback(MakeCallback(&Socks5Session::HandleClientRead, this));
    m_client->SetCloseCallbacks(MakeCallback(&Socks5Session::HandleNegotiationClose, this),
                                MakeCallback(&Socks5Session::HandleNegotiationError, this));
    m_timer.SetFunction([this]() { HandleTimeout(); });
    m_timer.Start(m_gateway->m_handshakeTimeout);
    if (m_client->GetRxAvailable() > 0)
    {
        HandleClientRead(m_client);
    }
}

void
Socks5Session::Abort()
{
    m_state = State::DONE;
    m_timer.Cancel();
    StopWatchingDest();
    CloseSocket(m_client, true);
    CloseSocket(m_dest, true);
}

void
Socks5Session::Finish(bool reset)
{
    if (m_state == State::DONE)
    {
        return;
    }
    m_state = State::DONE;
    m_timer.Cancel();
    StopWatchingDest();
    CloseSocket(m_client, reset);
    CloseSocket(m_dest, reset);
    m_gateway->m_closedTrace(m_up.bytes, m_down.bytes);
    m_gateway->Ended(m_id); // may drop the last reference but the caller's
}

void
Socks5Session::HandleClientRead(Ptr<Socket> socket)
{
    Ptr<Socks5Session> self(this);
    if (m_state > State::REQUEST)
    {
        return; // pipelined data waits in TCP until the relay starts
    }
    // Read no more than a negotiation can need: the rest stays in TCP, flow-controlled.
    while (m_state <= State::REQUEST && m_in.size() < MAX_BUFFERED)
    {
        Ptr<Packet> p = socket->Recv(MAX_BUFFERED - m_in.size(), 0);
        if (!p || p->GetSize() == 0)
        {
            break;
        }
        const size_t old = m_in.size();
        m_in.resize(old + p->GetSize());
        p->CopyData(m_in.data() + old, p->GetSize());
        Negotiate();
    }
}

void
Socks5Session::Negotiate()
{
    using M = Socks5Message;
    while (m_state <= State::REQUEST && !m_in.empty())
    {
        size_t used = 0;
        M::Error e;
        if (m_state == State::GREETING)
        {
            M::Greeting g;
            if ((e = M::Parse(m_in.data(), m_in.size(), g, used)) == M::Error::NONE)
            {
                m_in.erase(m_in.begin(), m_in.begin() + used);
                HandleGreeting(g);
                continue;
            }
        }
        else if (m_state == State::AUTH)
        {
            M::AuthRequest a;
            if ((e = M::Parse(m_in.data(), m_in.size(), a, used)) == M::Error::NONE)
            {
                m_in.erase(m_in.begin(), m_in.begin() + used);
                HandleAuth(a);
                continue;
            }
        }
        else
        {
            M::Request r;
            if ((e = M::Parse(m_in.data(), m_in.size(), r, used)) == M::Error::NONE)
            {
                m_in.erase(m_in.begin(), m_in.begin() + used);
                HandleRequest(r);
                continue;
            }
        }
        if (e != M::Error::TRUNCATED)
        {
            Malformed(e);
        }
        return;
    }
}

void
Socks5Session::Malformed(Socks5Message::Error e)
{
    NS_LOG_INFO("session " << m_id << ": malformed " << Socks5Message::ErrorName(e) << " from "
                           << m_from);
    ++m_gateway->m_counters.malformed;
    m_gateway->m_malformedTrace(Socks5Message::ErrorName(e), m_from);
    Finish(true);
}

void
Socks5Session::HandleNegotiationClose(Ptr<Socket> socket)
{
    Ptr<Socks5Session> self(this);
    if (m_state == State::CONNECTING)
    {
        // A half-close: the client has said all it will; the relay passes the FIN on.
        m_up.eof = true;
        return;
    }
    HandleClientRead(socket); // what came with the FIN
    if (m_state == State::DONE)
    {
        return;
    }
    if (!m_in.empty())
    {
        Malformed(Socks5Message::Error::TRUNCATED); // a message cut short by the close
        return;
    }
    Finish(false);
}

void
Socks5Session::HandleNegotiationError(Ptr<Socket> socket)
{
    Ptr<Socks5Session> self(this);
    NS_LOG_INFO("session " << m_id << ": reset by the client before the relay");
    Detach(socket);
    m_client = nullptr;
    Finish(true);
}

void
Socks5Session::Send(const std::vector<uint8_t>& bytes)
{
    m_client->Send(Create<Packet>(bytes.data(), bytes.size()));
}

void
Socks5Session::HandleGreeting(const Socks5Message::Greeting& g)
{
    using M = Socks5Message;
    auto offered = [&g](uint8_t m)
    {
        return std::count(g.methods.begin(), g.methods.end(), m);
    };
    M::MethodSelection s;
    if (!m_gateway->m_requireAuth && offered(M::NO_AUTH))
    {
        s.method = M::NO_AUTH;
    }
    else if (offered(M::USER_PASS) && m_gateway->m_rules.HasCredentials())
    {
        s.method = M::USER_PASS;
    }
    std::vector<uint8_t> out;
    M::Serialise(s, out);
    Send(out);
    if (s.method == M::NO_ACCEPTABLE)
    {
        NS_LOG_INFO("session " << m_id << ": no acceptable method");
        ++m_gateway->m_counters.noAcceptableMethod;
        Finish(false); // RFC 1928: the client must close; we do not wait for it
        return;
    }
    m_state = s.method == M::USER_PASS ? State::AUTH : State::REQUEST;
}

void
Socks5Session::HandleAuth(const Socks5Message::AuthRequest& a)
{
    Socks5Message::AuthReply r;
    r.status = m_gateway->m_rules.Accepts(a.username, a.password) ? 0 : 1;
    std::vector<uint8_t> out;
    Socks5Message::Serialise(r, out);
    Send(out);
    if (r.status != 0)
    {
        // RFC 1929: on failure the server MUST close the connection.
        NS_LOG_INFO("session " << m_id << ": bad credentials for '" << a.username << "'");
        ++m_gateway->m_counters.authFailed;
        Finish(false);
        return;
    }
    m_state = State::REQUEST;
}

void
Socks5Session::HandleRequest(const Socks5Message::Request& r)
{
    using M = Socks5Message;
    m_state = State::CONNECTING;
    auto& c = m_gateway->m_counters;
    if (r.command != M::CONNECT)
    {
        Reply(M::COMMAND_NOT_SUPPORTED, c.unsupported);
        return;
    }
    Ipv4Address address;
    if (r.destination.type == M::IPV4)
    {
        address = r.destination.ipv4;
    }
    else if (r.destination.type == M::DOMAIN)
    {
        auto found = m_gateway->m_resolver ? m_gateway->m_resolver(r.destination.domain)
                                           : std::optional<Ipv4Address>();
        if (!found)
        {
            Reply(M::HOST_UNREACHABLE, c.unreachable);
            return;
        }
        address = *found;
    }
    else
    {
        Reply(M::ADDRESS_TYPE_NOT_SUPPORTED, c.unsupported);
        return;
    }
    if (!m_gateway->m_rules.Allows(address, r.destination.port))
    {
        NS_LOG_INFO("session " << m_id << ": " << address << ":" << r.destination.port
                               << " not allowed");
        Reply(M::NOT_ALLOWED, c.notAllowed);
        return;
    }
    Connect(address, r.destination.port);
}

void
Socks5Session::Connect(Ipv4Address address, uint16_t port)
{
    m_dest = Socket::CreateSocket(m_gateway->GetNode(), TcpSocketFactory::GetTypeId());
    TcpSocketInternals::GuardFullWindow(m_dest);
    m_dest->SetAttribute("SndBufSize", UintegerValue(m_gateway->m_bufferSize));
    m_dest->SetAttribute("RcvBufSize", UintegerValue(m_gateway->m_bufferSize));
    m_dest->SetConnectCallback(MakeCallback(&Socks5Session::HandleConnected, this),
                               MakeCallback(&Socks5Session::HandleConnectFailed, this));
    // ns-3's TCP ignores the RST|ACK that answers a SYN to a closed port (SYN_SENT takes it for
    // a bare ACK) and retries the SYN until it gives up: the refusal is seen here instead.
    m_watching = m_dest->TraceConnectWithoutContext(
        "Rx", MakeCallback(&Socks5Session::HandleDestRx, this));
    if (m_dest->Bind() != 0 || m_dest->Connect(InetSocketAddress(address, port)) != 0)
    {
        NS_LOG_INFO("session " << m_id << ": cannot connect to " << address << ":" << port
                               << ", errno " << m_dest->GetErrno());
        Reply(Socks5Message::GENERAL_FAILURE, m_gateway->m_counters.generalFailures);
        return;
    }
    m_timer.Start(m_gateway->m_connectTimeout);
}

void
Socks5Session::Reply(uint8_t code, uint64_t& counter)
{
    ++counter;
    Socks5Message::ReplyMessage m;
    m.reply = code;
    m.bound.ipv4 = Ipv4Address::GetAny();
    if (code == Socks5Message::SUCCEEDED)
    {
        Address local;
        m_dest->GetSockName(local);
        m.bound.ipv4 = InetSocketAddress::ConvertFrom(local).GetIpv4();
        m.bound.port = InetSocketAddress::ConvertFrom(local).GetPort();
    }
    std::vector<uint8_t> out;
    Socks5Message::Serialise(m, out);
    Send(out);
    m_gateway->m_replyTrace(code, m_from);
    if (code != Socks5Message::SUCCEEDED)
    {
        // RFC 1928: the server must close soon after a failure reply.
        NS_LOG_INFO("session " << m_id << ": reply " << Socks5Message::ReplyName(code));
        Finish(false);
    }
}

void
Socks5Session::HandleTimeout()
{
    Ptr<Socks5Session> self(this);
    auto& c = m_gateway->m_counters;
    switch (m_state)
    {
    case State::CONNECTING:
        Reply(Socks5Message::HOST_UNREACHABLE, c.unreachable);
        return;
    case State::RELAY:
        NS_LOG_INFO("session " << m_id << ": idle");
        ++c.idleTimeouts;
        Finish(false);
        return;
    case State::DONE:
        return;
    default:
        NS_LOG_INFO("session " << m_id << ": handshake timeout");
        ++c.handshakeTimeouts;
        Finish(true);
    }
}

void
Socks5Session::StopWatchingDest()
{
    if (m_watching && m_dest)
    {
        m_dest->TraceDisconnectWithoutContext("Rx",
                                              MakeCallback(&Socks5Session::HandleDestRx, this));
    }
    m_watching = false;
}

void
Socks5Session::HandleDestRx(Ptr<const Packet>, const TcpHeader& header, Ptr<const TcpSocketBase>)
{
    if (m_state == State::CONNECTING && (header.GetFlags() & TcpHeader::RST))
    {
        // Not inside TCP's receive path: the reply closes the socket being processed.
        Simulator::ScheduleNow(&Socks5Session::HandleRefused, Ptr<Socks5Session>(this));
    }
}

void
Socks5Session::HandleRefused()
{
    if (m_state == State::CONNECTING)
    {
        Reply(Socks5Message::CONNECTION_REFUSED, m_gateway->m_counters.refused);
    }
}

void
Socks5Session::HandleConnectFailed(Ptr<Socket>)
{
    Ptr<Socks5Session> self(this);
    if (m_state == State::CONNECTING)
    {
        // TCP's SYN retries ran out (a ConnectTimeout longer than they take): no answer.
        Reply(Socks5Message::HOST_UNREACHABLE, m_gateway->m_counters.unreachable);
    }
}

void
Socks5Session::HandleConnected(Ptr<Socket>)
{
    Ptr<Socks5Session> self(this);
    if (m_state != State::CONNECTING)
    {
        return;
    }
    StopWatchingDest();
    Reply(Socks5Message::SUCCEEDED, m_gateway->m_counters.connected);
    m_state = State::RELAY;
    m_timer.Start(m_gateway->m_idleTimeout);
    if (!m_in.empty())
    {
        // The client sent data behind its CONNECT without waiting for the reply.
        m_dest->Send(Create<Packet>(m_in.data(), m_in.size()));
        m_up.bytes += m_in.size();
        m_gateway->m_counters.bytesToDestination += m_in.size();
        m_in.clear();
    }
    for (Ptr<Socket> s : {m_client, m_dest})
    {
        s->SetRecvCallback(MakeCallback(&Socks5Session::HandleRead, this));
        s->SetSendCallback(MakeCallback(&Socks5Session::HandleSend, this));
        s->SetCloseCallbacks(MakeCallback(&Socks5Session::HandlePeerClose, this),
                             MakeCallback(&Socks5Session::HandlePeerError, this));
    }
    Pump(m_client, m_dest, m_up);
    if (m_state == State::RELAY)
    {
        Pump(m_dest, m_client, m_down);
    }
}

void
Socks5Session::HandleRead(Ptr<Socket> socket)
{
    Ptr<Socks5Session> self(this);
    if (socket == m_client)
    {
        Pump(m_client, m_dest, m_up);
    }
    else
    {
        Pump(m_dest, m_client, m_down);
    }
}

void
Socks5Session::HandleSend(Ptr<Socket> socket, uint32_t)
{
    Ptr<Socks5Session> self(this);
    // Room on one side: read again from the other.
    if (socket == m_dest)
    {
        Pump(m_client, m_dest, m_up);
    }
    else
    {
        Pump(m_dest, m_client, m_down);
    }
}

void
Socks5Session::HandlePeerClose(Ptr<Socket> socket)
{
    Ptr<Socks5Session> self(this);
    // The FIN may come behind data still unread (reading paused): pass it on once drained.
    if (socket == m_client)
    {
        m_up.eof = true;
        Pump(m_client, m_dest, m_up);
    }
    else
    {
        m_down.eof = true;
        Pump(m_dest, m_client, m_down);
    }
}

void
Socks5Session::HandlePeerError(Ptr<Socket> socket)
{
    Ptr<Socks5Session> self(this);
    NS_LOG_INFO("session " << m_id << ": reset by the "
                           << (socket == m_client ? "client" : "destination"));
    ++m_gateway->m_counters.resets;
    Detach(socket);
    if (socket == m_client)
    {
        m_client = nullptr;
    }
    else
    {
        m_dest = nullptr;
    }
    Finish(true);
}

void
Socks5Session::Pump(Ptr<Socket> from, Ptr<Socket> to, Direction& d)
{
    if (m_state != State::RELAY || d.shut)
    {
        return;
    }
    uint64_t moved = 0;
    const bool wasBlocked = d.blocked;
    d.blocked = false;
    while (true)
    {
        const uint32_t avail = from->GetRxAvailable();
        const uint32_t room = to->GetTxAvailable();
        if (avail == 0)
        {
            break;
        }
        if (room == 0)
        {
            d.blocked = true; // the rest waits in TCP: its window closes on the sender
            ++m_gateway->m_counters.pauses;
            break;
        }
        Ptr<Packet> p = from->Recv(std::min(avail, room), 0);
        if (!p || p->GetSize() == 0)
        {
            break;
        }
        const uint32_t n = p->GetSize();
        if (to->Send(p) < 0)
        {
            NS_LOG_INFO("session " << m_id << ": send failed, errno " << to->GetErrno());
            Finish(true);
            return;
        }
        moved += n;
    }
    if (moved > 0)
    {
        d.bytes += moved;
        auto& c = m_gateway->m_counters;
        (&d == &m_up ? c.bytesToDestination : c.bytesToClient) += moved;
        m_timer.Start(m_gateway->m_idleTimeout);
        if (wasBlocked)
        {
            // ns-3.37 sends no window update when the application reads: the sender held
            // back by the full buffer would wait for its persist timer.
            TcpSocketInternals::WindowUpdate(from);
        }
    }
    if (d.eof && from->GetRxAvailable() == 0)
    {
        d.shut = true;
        to->ShutdownSend(); // FIN after what is still in the send buffer
        if (m_up.shut && m_down.shut)
        {
            ++m_gateway->m_counters.completed;
            Finish(false);
        }
    }
}

} // namespace ns3
