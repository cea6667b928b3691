/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-broken-connections.h"

#include "ns3/ipv4-header.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"

namespace ns3
{

DepotBrokenConnections::DepotBrokenConnections(TracedCallback<Ipv4Address, uint16_t>* trace)
    : m_trace(trace)
{}

void
DepotBrokenConnections::Clear()
{
    m_broken.clear();
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
