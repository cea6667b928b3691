/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-load-reports.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/load-report-header.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DepotLoadReports");

void
DepotLoadReports::Start(Ptr<Node> node,
                        uint16_t port,
                        const std::vector<DepotProxy>* proxies,
                        ReportCallback report)
{
    m_proxies = proxies;
    m_report = std::move(report);
    m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)) != 0,
                    "Depot: cannot bind LoadReportPort " << port);
    m_socket->SetRecvCallback(MakeCallback(&DepotLoadReports::Receive, this));
}

void
DepotLoadReports::Stop()
{
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

uint64_t
DepotLoadReports::GetBadCount() const
{
    return m_bad;
}

void
DepotLoadReports::Receive(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        const Ipv4Address sender = InetSocketAddress::ConvertFrom(from).GetIpv4();
        auto it = std::find_if(m_proxies->begin(),
                               m_proxies->end(),
                               [sender](const DepotProxy& x) { return x.address == sender; });
        LoadReportHeader h;
        if (p->GetSize() == LoadReportHeader::SIZE)
        {
            p->RemoveHeader(h);
        }
        if (it == m_proxies->end() || p->GetSize() != 0 || !h.IsValid())
        {
            NS_LOG_WARN("Depot: load report from "
                        << sender << " dropped ("
                        << (it == m_proxies->end() ? "not a proxy" : "malformed") << ")");
            ++m_bad;
            continue;
        }
        m_report(it - m_proxies->begin(), h.GetCpuLoad(), h.GetCacheFree(), h.GetActiveRequests());
    }
}

} // namespace ns3
