/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-standby-mirror.h"

#include "depot.h"

#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/web-proxy-compat.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DepotStandbyMirror");

void
DepotStandbyMirror::Start(Ptr<Node> node,
                          Ptr<Depot> depot,
                          const std::vector<Ptr<NetDevice>>& devices,
                          uint32_t holdLimit)
{
    m_node = node;
    m_depot = depot;
    m_holdLimit = holdLimit;
    if (!m_follower)
    {
        m_follower = CreateObject<DepotStandbyScheduler>();
    }
    for (const auto& d : devices)
    {
        m_node->RegisterProtocolHandler(
            MakeCallback(&DepotStandbyMirror::Receive, this), compat::IPV4_ETHERTYPE, d);
    }
    m_listening = !devices.empty();
}

void
DepotStandbyMirror::Stop()
{
    if (m_listening)
    {
        m_node->UnregisterProtocolHandler(MakeCallback(&DepotStandbyMirror::Receive, this));
        m_listening = false;
    }
}

void
DepotStandbyMirror::SetBackup(bool backup)
{
    if (backup == m_backup || !m_depot)
    {
        return;
    }
    m_backup = backup;
    m_held.clear();
    m_order.clear();
    if (backup)
    {
        m_own = m_depot->GetScheduler();
        m_depot->SetScheduler(m_follower);
    }
    else
    {
        m_depot->SetScheduler(m_own); // it schedules on its own from now on
        m_own = nullptr;
    }
}

void
DepotStandbyMirror::Dispose()
{
    m_node = nullptr;
    m_depot = nullptr;
    m_own = nullptr;
    m_follower = nullptr;
    m_held.clear();
    m_order.clear();
}

uint64_t
DepotStandbyMirror::GetFollowed() const
{
    return m_followed;
}

uint64_t
DepotStandbyMirror::GetForgotten() const
{
    return m_forgotten;
}

uint32_t
DepotStandbyMirror::GetHeld() const
{
    return m_held.size();
}

void
DepotStandbyMirror::Receive(Ptr<NetDevice>,
                            Ptr<const Packet> packet,
                            uint16_t,
                            const Address&,
                            const Address&,
                            NetDevice::PacketType)
{
    // A non-promiscuous handler gets the frames for the virtual MAC (and broadcasts, which
    // the depot ignores); ns-3 passes them with PacketType 0.
    if (!m_backup || m_depot->IsFailed())
    {
        return;
    }
    Ptr<Packet> copy = packet->Copy();
    Ipv4Header ip;
    copy->RemoveHeader(ip);
    TcpHeader tcp;
    if (ip.GetProtocol() == 6 && ip.GetFragmentOffset() == 0 && copy->GetSize() >= 20)
    {
        copy->PeekHeader(tcp);
    }
    const uint8_t flags = tcp.GetFlags() & (TcpHeader::SYN | TcpHeader::ACK | TcpHeader::RST);
    Ipv4AddressValue vip;
    m_depot->GetAttribute("VirtualIp", vip);
    if (flags == TcpHeader::SYN && ip.GetDestination() == vip.Get())
    {
        const DepotSession* s = m_depot->GetSessionTable().Find(
            ip.GetSource().Get(), tcp.GetSourcePort(), vip.Get().Get(), tcp.GetDestinationPort());
        if (!s || s->timerState == TcpStateTracker::S_TIME_WAIT
            || s->timerState == TcpStateTracker::S_CLOSE)
        {
            // A new session: the master decides, its proxy's answer will tell.
            const Key key(ip.GetSource().Get(), tcp.GetSourcePort());
            m_held[key] = {packet, Simulator::Now()};
            m_order.emplace_back(Simulator::Now(), key);
            Expire();
            return;
        }
    }
    else if (flags == (TcpHeader::SYN | TcpHeader::ACK))
    {
        const auto held = m_held.find(Key(ip.GetDestination().Get(), tcp.GetDestinationPort()));
        const auto& proxies = m_depot->GetProxies();
        for (uint32_t i = 0; held != m_held.end() && i < proxies.size(); ++i)
        {
            if (proxies[i].address == ip.GetSource() && proxies[i].port == tcp.GetSourcePort())
            {
                NS_LOG_LOGIC("node " << m_node->GetId() << ": the master chose proxy " << i
                                     << " for " << ip.GetDestination() << ':'
                                     << tcp.GetDestinationPort());
                m_follower->Follow(i);
                m_depot->Observe(held->second.packet);
                m_follower->Follow(-1);
                m_held.erase(held);
                ++m_followed;
                break;
            }
        }
    }
    m_depot->Observe(packet);
}

void
DepotStandbyMirror::Expire()
{
    const Time limit = m_depot->GetTimeout(TcpStateTracker::S_SYN_SENT);
    while (!m_order.empty()
           && (m_held.size() > m_holdLimit || m_order.front().first + limit <= Simulator::Now()))
    {
        const auto [since, key] = m_order.front();
        m_order.pop_front();
        const auto it = m_held.find(key);
        if (it != m_held.end() && it->second.since == since)
        {
            m_held.erase(it);
            ++m_forgotten;
        }
    }
}

} // namespace ns3
