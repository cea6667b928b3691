/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-standby-link.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DepotStandbyLink");

void
DepotStandbyLink::Open(Ptr<Node> node,
                       const Settings& settings,
                       ReceiveCallback receive,
                       FillCallback fill,
                       DropCallback drop)
{
    m_node = node;
    m_settings = settings;
    m_receive = std::move(receive);
    m_fill = std::move(fill);
    m_drop = std::move(drop);
    m_socket = OpenSocket(m_settings.port);
    if (m_settings.sync)
    {
        m_syncSocket
            = m_settings.syncPort == m_settings.port ? m_socket : OpenSocket(m_settings.syncPort);
    }
}

Ptr<Socket>
DepotStandbyLink::OpenSocket(uint16_t port)
{
    Ptr<Socket> socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)) != 0,
                    "DepotStandby: cannot bind UDP port " << port);
    socket->SetRecvCallback(MakeCallback(&DepotStandbyLink::Receive, this));
    // Through the real interface: a master's virtual interface would resolve the peer anew,
    // and ns-3's ARP keeps an unanswered address DEAD for 100 s (ArpCache::DeadTimeout),
    // longer than a failed peer takes to come back.
    const Ipv4Address own = m_settings.own;
    NS_ABORT_MSG_IF(own == Ipv4Address(),
                    "DepotStandby: no interface of node "
                        << m_node->GetId() << " on the subnet of Peer " << m_settings.peer);
    // Low-delay TOS (priority 6: the first band where the root queue disc is pfifo_fast).
    socket->SetIpTos(0x10);
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    socket->BindToNetDevice(ipv4->GetNetDevice(ipv4->GetInterfaceForAddress(own)));
    return socket;
}

bool
DepotStandbyLink::IsOpen() const
{
    return m_socket != nullptr;
}

void
DepotStandbyLink::StartHeartbeats()
{
    m_heartbeatEvent = Simulator::ScheduleNow(&DepotStandbyLink::SendHeartbeat, this);
}

void
DepotStandbyLink::HeartbeatNow()
{
    m_heartbeatEvent.Cancel();
    SendHeartbeat();
}

void
DepotStandbyLink::StopHeartbeats()
{
    m_heartbeatEvent.Cancel();
}

void
DepotStandbyLink::Close()
{
    m_heartbeatEvent.Cancel();
    for (Ptr<Socket> socket : {m_syncSocket, m_socket})
    {
        if (socket)
        {
            socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
            socket->Close();
        }
    }
    m_socket = nullptr;
    m_syncSocket = nullptr;
}

void
DepotStandbyLink::Dispose()
{
    m_socket = nullptr;
    m_syncSocket = nullptr;
    m_node = nullptr;
}

Ptr<Socket>
DepotStandbyLink::GetSyncSocket() const
{
    return m_syncSocket;
}

uint64_t
DepotStandbyLink::GetHeartbeatsSent() const
{
    return m_heartbeatsSent;
}

void
DepotStandbyLink::SendHeartbeat()
{
    DepotSyncHeader h;
    h.type = DepotSyncHeader::HEARTBEAT;
    h.group = m_settings.group;
    m_fill(h);
    h.priority = m_settings.priority;
    h.sequence = m_sequence++;
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    const int sent = m_socket->SendTo(p, 0, InetSocketAddress(m_settings.peer, m_settings.port));
    NS_LOG_LOGIC("node " << m_node->GetId() << " sends " << h << (sent < 0 ? " (failed)" : ""));
    ++m_heartbeatsSent;
    m_heartbeatEvent
        = Simulator::Schedule(m_settings.interval, &DepotStandbyLink::SendHeartbeat, this);
}

void
DepotStandbyLink::Receive(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        const Ipv4Address sender = InetSocketAddress::ConvertFrom(from).GetIpv4();
        DepotSyncHeader h;
        p->RemoveHeader(h);
        const char* reason = h.error != DepotSyncHeader::OK ? DepotSyncHeader::ErrorName(h.error)
                           : sender != m_settings.peer      ? "stranger"
                           : h.group != m_settings.group    ? "other-group"
                                                            : nullptr;
        if (reason)
        {
            NS_LOG_WARN("node " << m_node->GetId() << ": depot sync message from " << sender
                                << " dropped: " << reason);
            m_drop(sender, reason);
            continue;
        }
        m_receive(h, sender);
    }
}

} // namespace ns3
