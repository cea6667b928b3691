/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "client-connection.h"

#include "client-request.h"
#include "web-client.h"

#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"

namespace ns3
{

void
ClientConnection::Assign(ClientRequest* p)
{
    request = p;
    p->conn = this;
}

void
ClientConnection::Reuse(ClientRequest* p)
{
    idleTimer.Stop();
    Assign(p);
    p->MarkWaited(false);
}

ClientRequest*
ClientConnection::TakeRequest()
{
    ClientRequest* p = request;
    request = nullptr;
    responseTimer.Stop();
    if (p)
    {
        p->conn = nullptr;
    }
    return p;
}

bool
ClientConnection::IsIdle() const
{
    return connected && !request && !http->IsClosed();
}

bool
ClientConnection::IsReusable() const
{
    return persistent && http && !http->IsClosed();
}

void
ClientConnection::Connect(Ptr<Node> node,
                          Callback<void, Ptr<Socket>> connected,
                          Callback<void, Ptr<Socket>> failed)
{
    connectStart = Simulator::Now();
    socket = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
    socket->Bind();
    socket->SetConnectCallback(connected, failed);
    socket->Connect(peer);
}

void
ClientConnection::StartConnectTimer(Time timeout, std::function<void()> expire)
{
    if (timeout.IsStrictlyPositive())
    {
        connectTimer = Simulator::Schedule(timeout, std::move(expire));
    }
}

void
ClientConnection::Attach(Ptr<Socket> s, uint32_t headerLimit)
{
    connected = true;
    connectTimer.Cancel();
    http = CreateObject<HttpConnection>();
    http->Attach(s, HttpParser::Kind::RESPONSE, headerLimit);
}

std::string
ClientConnection::Frame(ClientRequest* p, const HttpRequestHeader& h)
{
    std::string text = SerializeHttpHeader(h);
    p->MarkSent(text.size());
    http->GetParser().ExpectResponse(h.method() == boost::beast::http::verb::head);
    return text;
}

void
ClientConnection::Abort(bool withReset)
{
    request = nullptr;
    idleTimer.Cancel();
    if (http)
    {
        http->Abort(withReset);
    }
    else
    {
        socket->Close();
    }
}

void
ClientConnection::Shutdown()
{
    idleTimer.Cancel();
    connectTimer.Cancel();
    if (http)
    {
        http->GetParser().Stop();
        http->SetClosedCallback(nullptr);
        http->Close();
    }
    else
    {
        socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                   MakeNullCallback<void, Ptr<Socket>>());
        socket->Close();
    }
}

void
ClientConnection::Dispose()
{
    idleTimer.Cancel();
    responseTimer.Cancel();
    if (http)
    {
        http->Dispose();
    }
}

void
ClientConnection::OnResponse(const HttpResponseHeader& h, uint64_t headerBytes, uint64_t bodyBytes)
{
    owner->HandleResponse(this, h, headerBytes, bodyBytes);
}

void
ClientConnection::OnBody(uint64_t bytes)
{
    owner->HandleBody(this, bytes);
}

void
ClientConnection::OnComplete()
{
    owner->HandleComplete(this);
}

void
ClientConnection::OnError(HttpParser::Error e, const std::string&)
{
    owner->HandleMalformed(this, e);
}

} // namespace ns3
