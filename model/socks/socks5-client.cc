/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "socks5-client.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Socks5Client");

void
Socks5Client::Start(Ptr<Socket> socket,
                    const InetSocketAddress& destination,
                    const std::string& username,
                    const std::string& password,
                    Time timeout,
                    DoneCallback done)
{
    NS_LOG_FUNCTION(this << destination.GetIpv4() << destination.GetPort());
    m_socket = socket;
    m_destination = destination;
    m_username = username;
    m_password = password;
    m_done = std::move(done);
    m_state = State::METHOD;
    m_socket->SetRecvCallback(MakeCallback(&Socks5Client::HandleRead, this));
    m_socket->SetCloseCallbacks(MakeCallback(&Socks5Client::HandleClose, this),
                                MakeCallback(&Socks5Client::HandleClose, this));
    m_timer.SetFunction(
        [this]()
        {
            Result r;
            r.why = "SOCKS negotiation timeout";
            r.timeout = true;
            End(r);
        });
    m_timer.Start(timeout);
    Socks5Message::Greeting g;
    g.methods.push_back(Socks5Message::NO_AUTH);
    if (!m_username.empty())
    {
        g.methods.push_back(Socks5Message::USER_PASS);
    }
    std::vector<uint8_t> out;
    Socks5Message::Serialise(g, out);
    Send(out);
}

void
Socks5Client::Cancel()
{
    m_state = State::DONE;
    m_timer.Cancel();
    m_done = nullptr;
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                    MakeNullCallback<void, Ptr<Socket>>());
        m_socket = nullptr;
    }
}

void
Socks5Client::Send(const std::vector<uint8_t>& bytes)
{
    m_socket->Send(Create<Packet>(bytes.data(), bytes.size()));
}

void
Socks5Client::End(Result r)
{
    if (m_state == State::DONE)
    {
        return;
    }
    NS_LOG_INFO("SOCKS to " << m_destination.GetIpv4() << ":" << m_destination.GetPort() << ": "
                            << (r.ok ? "connected" : r.why));
    DoneCallback done = std::move(m_done);
    Cancel();
    if (done)
    {
        done(r);
    }
}

void
Socks5Client::HandleClose(Ptr<Socket>)
{
    Ptr<Socks5Client> self(this);
    Result r;
    r.why = "gateway closed during SOCKS negotiation";
    End(r);
}

void
Socks5Client::HandleRead(Ptr<Socket> socket)
{
    Ptr<Socks5Client> self(this);
    while (m_state != State::DONE)
    {
        // Never read past the reply: what follows belongs to the next user of the socket.
        Ptr<Packet> p = socket->Recv(Socks5Message::MAX_REQUEST - m_in.size(), 0);
        if (!p || p->GetSize() == 0)
        {
            return;
        }
        const size_t old = m_in.size();
        m_in.resize(old + p->GetSize());
        p->CopyData(m_in.data() + old, p->GetSize());
        while (m_state != State::DONE && !m_in.empty() && Step())
        {}
    }
}

bool
Socks5Client::Step()
{
    using M = Socks5Message;
    size_t used = 0;
    M::Error e = M::Error::NONE;
    Result fail;
    if (m_state == State::METHOD)
    {
        M::MethodSelection s;
        if ((e = M::Parse(m_in.data(), m_in.size(), s, used)) == M::Error::NONE)
        {
            m_in.erase(m_in.begin(), m_in.begin() + used);
            if (s.method == M::NO_AUTH)
            {
                SendRequest();
                return true;
            }
            if (s.method == M::USER_PASS && !m_username.empty())
            {
                M::AuthRequest a{m_username, m_password};
                std::vector<uint8_t> out;
                if ((e = M::Serialise(a, out)) == M::Error::NONE)
                {
                    Send(out);
                    m_state = State::AUTH;
                    return true;
                }
                fail.why = std::string("credentials: ") + M::ErrorName(e);
            }
            else
            {
                fail.why = s.method == M::NO_ACCEPTABLE ? "no acceptable SOCKS method"
                                                        : "SOCKS method not offered";
            }
            End(fail);
            return false;
        }
    }
    else if (m_state == State::AUTH)
    {
        M::AuthReply a;
        if ((e = M::Parse(m_in.data(), m_in.size(), a, used)) == M::Error::NONE)
        {
            m_in.erase(m_in.begin(), m_in.begin() + used);
            if (a.status != 0)
            {
                fail.why = "SOCKS authentication failed";
                End(fail);
                return false;
            }
            SendRequest();
            return true;
        }
    }
    else
    {
        M::ReplyMessage r;
        if ((e = M::Parse(m_in.data(), m_in.size(), r, used)) == M::Error::NONE)
        {
            m_in.erase(m_in.begin(), m_in.begin() + used);
            Result res;
            res.reply = r.reply;
            res.ok = r.reply == M::SUCCEEDED && m_in.empty();
            res.why = m_in.empty() ? std::string("SOCKS reply: ") + M::ReplyName(r.reply)
                                   : "bytes before the request (HTTP servers speak second)";
            res.timeout = r.reply == M::HOST_UNREACHABLE || r.reply == M::NETWORK_UNREACHABLE
                       || r.reply == M::TTL_EXPIRED;
            End(res);
            return false;
        }
    }
    if (e != M::Error::TRUNCATED)
    {
        fail.why = std::string("malformed SOCKS answer: ") + M::ErrorName(e);
        End(fail);
    }
    return false;
}

void
Socks5Client::SendRequest()
{
    Socks5Message::Request r;
    r.command = Socks5Message::CONNECT;
    r.destination.type = Socks5Message::IPV4;
    r.destination.ipv4 = m_destination.GetIpv4();
    r.destination.port = m_destination.GetPort();
    std::vector<uint8_t> out;
    Socks5Message::Serialise(r, out);
    Send(out);
    m_state = State::REPLY;
}

} // namespace ns3
