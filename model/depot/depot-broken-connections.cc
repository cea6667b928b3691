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
    m_lifetime = lifetime;
    m_limit = limit;
    Expire();
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
    m_broken.clear();
}

void
DepotBrokenConnections::Forget()
{
    m_ended.clear();
    m_endedOrder.clear();
}

void
DepotBrokenConnections::Ended(Ipv4Address client, uint16_t port)
{
    // The queue bounds both: every remembered flow has its latest end in it (an earlier end
    // of the same flow is skipped when popped).
    const Flow flow(client.Get(), port);
    m_ended[flow] = Simulator::Now();
    m_endedOrder.emplace_back(Simulator::Now(), flow);
    Expire();
}

uint32_t
DepotBrokenConnections::GetEndedCount() const
{
    return m_ended.size();
}

void
DepotBrokenConnections::Expire()
{
    while (!m_endedOrder.empty()
           && (m_endedOrder.size() > m_limit
               || m_endedOrder.front().first + m_lifetime < Simulator::Now()))
    {
        const auto [since, flow] = m_endedOrder.front();
        m_endedOrder.pop_front();
        const auto it = m_ended.find(flow);
        if (it != m_ended.end() && it->second == since)
        {
            m_ended.erase(it); // not ended again since
        }
    }
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
    Expire();
    if (m_ended.count(Flow(client.Get(), port)) != 0)
    {
        return; // its session ended here: the failed depot would not have had it either
    }
    if (m_broken.emplace(client.Get(), port).second)
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

} // namespace ns3
