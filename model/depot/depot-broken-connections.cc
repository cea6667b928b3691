/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-broken-connections.h"

#include "depot.h"

#include "ns3/ipv4-header.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/uinteger.h"

namespace ns3
{

DepotBrokenConnections::DepotBrokenConnections(TracedCallback<Ipv4Address, uint16_t>* trace)
    : m_trace(trace)
{}

void
DepotBrokenConnections::Configure(Time lifetime, uint32_t limit)
{
    m_ended.Configure(lifetime, limit);
    // A flood of spoofed segments after a takeover would otherwise grow the broken set
    // without end; a flow forgotten early is counted again if seen again (an overcount).
    m_broken.Configure(Seconds(BROKEN_MEMORY_SECONDS), limit);
}

void
DepotBrokenConnections::Watch(Ptr<Depot> depot)
{
    TimeValue timeWait;
    depot->GetAttribute("TimeWaitTimeout", timeWait);
    UintegerValue maxSessions;
    depot->GetAttribute("MaxSessions", maxSessions);
    Configure(timeWait.Get(), maxSessions.Get() > 0 ? maxSessions.Get() : 65536);
    depot->TraceConnectWithoutContext(
        "SessionClosed",
        MakeBoundCallback(
            +[](DepotBrokenConnections* b, Ipv4Address c, uint16_t p, uint32_t) { b->Ended(c, p); },
            this));
    depot->TraceConnectWithoutContext(
        "SessionExpired",
        MakeBoundCallback(
            +[](DepotBrokenConnections* b, Ipv4Address c, uint16_t p, uint32_t, uint8_t)
            { b->Ended(c, p); },
            this));
}

void
DepotBrokenConnections::Clear()
{
    m_broken.Clear();
}

void
DepotBrokenConnections::Forget()
{
    m_ended.Clear();
}

void
DepotBrokenConnections::Ended(Ipv4Address client, uint16_t port)
{
    m_ended.Touch(Flow(client.Get(), port));
}

uint32_t
DepotBrokenConnections::GetEndedCount() const
{
    return m_ended.GetSize();
}

uint32_t
DepotBrokenConnections::GetBrokenRememberedCount() const
{
    return m_broken.GetSize();
}

void
DepotBrokenConnections::Dropped(Ptr<const Packet> packet, const Ipv4Header& header, Ipv4Address vip)
{
    TcpHeader tcp;
    packet->PeekHeader(tcp);
    if (tcp.GetFlags() & TcpHeader::RST)
    {
        return; // the sender is tearing the connection down anyway
    }
    // A client's segment, or a proxy's segment to a client (Depot's orphan replies).
    const bool fromClient = header.GetDestination() == vip;
    const Ipv4Address client = fromClient ? header.GetSource() : header.GetDestination();
    const uint16_t port = fromClient ? tcp.GetSourcePort() : tcp.GetDestinationPort();
    const Flow flow(client.Get(), port);
    m_ended.Expire();
    if (m_ended.Contains(flow))
    {
        return; // its session ended here: the failed depot would not have had it either
    }
    m_broken.Expire();
    const bool counted = m_broken.Contains(flow);
    m_broken.Touch(flow);
    if (!counted)
    {
        ++m_count;
        (*m_trace)(client, port);
    }
}

uint64_t
DepotBrokenConnections::GetCount() const
{
    return m_count;
}

void
DepotBrokenConnections::RecentFlows::Configure(Time lifetime, uint32_t limit)
{
    m_lifetime = lifetime;
    m_limit = limit;
    Expire();
}

void
DepotBrokenConnections::RecentFlows::Touch(const Flow& flow)
{
    m_last[flow] = Simulator::Now();
    m_order.emplace_back(Simulator::Now(), flow);
    Expire();
}

bool
DepotBrokenConnections::RecentFlows::Contains(const Flow& flow) const
{
    return m_last.count(flow) != 0;
}

void
DepotBrokenConnections::RecentFlows::Expire()
{
    while (!m_order.empty()
           && (m_order.size() > m_limit || m_order.front().first + m_lifetime < Simulator::Now()))
    {
        const auto [since, flow] = m_order.front();
        m_order.pop_front();
        const auto it = m_last.find(flow);
        if (it != m_last.end() && it->second == since)
        {
            m_last.erase(it); // not seen again since
        }
    }
}

void
DepotBrokenConnections::RecentFlows::Clear()
{
    m_last.clear();
    m_order.clear();
}

uint32_t
DepotBrokenConnections::RecentFlows::GetSize() const
{
    return m_last.size();
}

} // namespace ns3
