/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-health-checker.h"

#include "ns3/http-message.h"
#include "ns3/http-parser.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DepotHealthChecker");

// Out of line: HttpParser is complete only here.
DepotHealthChecker::DepotHealthChecker() = default;

DepotHealthChecker::~DepotHealthChecker() = default;

void
DepotHealthChecker::Start(Ptr<Node> node,
                          const std::vector<DepotProxy>* proxies,
                          const Settings& settings,
                          ResultCallback result)
{
    m_node = node;
    m_proxies = proxies;
    m_settings = settings;
    m_result = std::move(result);
    m_sockets.resize(m_proxies->size());
    m_timers.resize(m_proxies->size());
    m_parsers.resize(m_proxies->size());
    if (m_settings.interval.IsStrictlyPositive())
    {
        m_event = Simulator::ScheduleNow(&DepotHealthChecker::Round, this);
    }
}

void
DepotHealthChecker::Stop()
{
    m_event.Cancel();
    for (uint32_t i = 0; i < m_sockets.size(); ++i)
    {
        m_timers[i].Cancel();
        if (m_sockets[i])
        {
            m_sockets[i]->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                             MakeNullCallback<void, Ptr<Socket>>());
            m_sockets[i]->Close();
            m_sockets[i] = nullptr;
        }
    }
}

void
DepotHealthChecker::Dispose()
{
    m_sockets.clear();
    m_parsers.clear();
    m_node = nullptr;
}

void
DepotHealthChecker::SetPaused(bool paused)
{
    m_paused = paused;
}

void
DepotHealthChecker::Round()
{
    for (uint32_t i = 0; i < m_proxies->size() && !m_paused; ++i)
    {
        if (m_sockets[i])
        {
            continue; // the previous check is still running
        }
        Ptr<Socket> socket = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
        socket->Bind();
        socket->SetConnectCallback(
            MakeBoundCallback(
                +[](DepotHealthChecker* c, uint32_t i, Ptr<Socket>) { c->Connected(i); }, this, i),
            MakeBoundCallback(
                +[](DepotHealthChecker* c, uint32_t i, Ptr<Socket>) { c->Done(i, false); },
                this,
                i));
        m_sockets[i] = socket;
        m_timers[i]
            = Simulator::Schedule(m_settings.timeout, &DepotHealthChecker::Done, this, i, false);
        socket->Connect(InetSocketAddress((*m_proxies)[i].address, (*m_proxies)[i].port));
    }
    m_event = Simulator::Schedule(m_settings.interval, &DepotHealthChecker::Round, this);
}

void
DepotHealthChecker::Connected(uint32_t index)
{
    if (!m_settings.http)
    {
        Done(index, true);
        return;
    }
    auto parser = std::make_unique<HttpParser>(HttpParser::Kind::RESPONSE);
    parser->ExpectResponse(false);
    parser->SetResponseCallback(
        [this, index](const HttpResponseHeader& h, uint64_t, uint64_t)
        {
            // Deferred: the parser must not be destroyed inside its own callback.
            const bool ok = h.result_int() >= 200 && h.result_int() < 400;
            m_parsers[index]->Stop();
            Simulator::ScheduleNow(&DepotHealthChecker::Done, this, index, ok);
        });
    parser->SetErrorCallback(
        [this, index](HttpParser::Error e, const std::string& what)
        {
            NS_LOG_INFO("health check of proxy "
                        << index << ": bad answer: " << HttpParser::ErrorName(e) << " " << what);
            m_parsers[index]->Stop();
            Simulator::ScheduleNow(&DepotHealthChecker::Done, this, index, false);
        });
    m_parsers[index] = std::move(parser);
    HttpRequestHeader request;
    request.method(HttpVerb::get);
    request.target(m_settings.path);
    request.version(10);
    request.set(HttpField::host, m_settings.host);
    request.set(HttpField::user_agent, "ns-3 web-proxy depot health check");
    const std::string wire = SerializeHttpHeader(request);
    Ptr<Socket> socket = m_sockets[index];
    socket->SetRecvCallback(MakeBoundCallback(
        +[](DepotHealthChecker* c, uint32_t i, Ptr<Socket> s) { c->Receive(i, s); }, this, index));
    socket->Send(reinterpret_cast<const uint8_t*>(wire.data()), wire.size(), 0);
}

void
DepotHealthChecker::Receive(uint32_t index, Ptr<Socket> socket)
{
    while (Ptr<Packet> p = socket->Recv())
    {
        if (m_parsers[index] && socket == m_sockets[index])
        {
            m_parsers[index]->Feed(p);
        }
    }
}

void
DepotHealthChecker::Done(uint32_t index, bool ok)
{
    m_timers[index].Cancel();
    m_parsers[index] = nullptr;
    if (Ptr<Socket> socket = m_sockets[index])
    {
        m_sockets[index] = nullptr;
        socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                   MakeNullCallback<void, Ptr<Socket>>());
        socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        socket->Close();
    }
    if (!m_paused)
    {
        m_result(index, ok);
    }
}

} // namespace ns3
