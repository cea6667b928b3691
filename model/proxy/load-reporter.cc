/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "load-reporter.h"

#include "connection-cache.h"
#include "load-report-header.h"
#include "proxy-cache.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/replacement-policy.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LoadReporter");
NS_OBJECT_ENSURE_REGISTERED(LoadReporter);

TypeId
LoadReporter::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::LoadReporter")
              .SetParent<Application>()
              .SetGroupName("WebProxy")
              .AddConstructor<LoadReporter>()
              .AddAttribute("Remote",
                            "The depot's load report address (InetSocketAddress: depot address "
                            "and its LoadReportPort).",
                            AddressValue(),
                            MakeAddressAccessor(&LoadReporter::m_remote),
                            MakeAddressChecker())
              .AddAttribute("Interval",
                            "Time between reports; the CPU load is averaged over it.",
                            TimeValue(Seconds(1)),
                            MakeTimeAccessor(&LoadReporter::m_interval),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddTraceSource("Report",
                              "A report was sent: CPU load, free cache fraction, active requests.",
                              MakeTraceSourceAccessor(&LoadReporter::m_reportTrace),
                              "ns3::LoadReporter::ReportCallback");
    return tid;
}

LoadReporter::LoadReporter() = default;

LoadReporter::~LoadReporter() = default;

void
LoadReporter::SetProxy(Ptr<ConnectionCache> proxy)
{
    m_proxy = proxy;
}

uint64_t
LoadReporter::GetReportsSent() const
{
    return m_sent;
}

void
LoadReporter::DoDispose()
{
    m_proxy = nullptr;
    m_socket = nullptr;
    Application::DoDispose();
}

void
LoadReporter::StartApplication()
{
    NS_ABORT_MSG_IF(!InetSocketAddress::IsMatchingType(m_remote),
                    "LoadReporter on node " << GetNode()->GetId()
                                            << ": Remote must be an InetSocketAddress");
    for (uint32_t i = 0; !m_proxy && i < GetNode()->GetNApplications(); ++i)
    {
        m_proxy = DynamicCast<ConnectionCache>(GetNode()->GetApplication(i));
    }
    NS_ABORT_MSG_IF(!m_proxy,
                    "LoadReporter on node " << GetNode()->GetId()
                                            << ": no ConnectionCache or ProxyCache to report on");
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind();
    m_socket->Connect(m_remote);
    m_lastAt = Simulator::Now();
    m_lastJobTime = m_proxy->GetProcessingQueue().GetJobTime();
    m_event = Simulator::Schedule(m_interval, &LoadReporter::Report, this);
}

void
LoadReporter::StopApplication()
{
    m_event.Cancel();
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
LoadReporter::Report()
{
    const ProcessingQueue& cpu = m_proxy->GetProcessingQueue();
    const Time now = Simulator::Now();
    const Time jobs = cpu.GetJobTime();
    const double load
        = (jobs - m_lastJobTime).GetSeconds() / ((now - m_lastAt).GetSeconds() * cpu.GetWorkers());
    m_lastAt = now;
    m_lastJobTime = jobs;
    double cacheFree = 1;
    Ptr<ProxyCache> cache = DynamicCast<ProxyCache>(m_proxy);
    if (const ReplacementPolicy* store = cache ? cache->GetPolicy() : nullptr)
    {
        if (store->GetCapacity() > 0)
        {
            cacheFree = 1 - std::min(1.0, double(store->GetUsedBytes()) / store->GetCapacity());
        }
    }
    LoadReportHeader h;
    h.SetSequence(m_seq++);
    h.SetCpuLoad(std::min(load, 4294.0));
    h.SetCacheFree(cacheFree);
    h.SetActiveRequests(m_proxy->GetActiveRequests());
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    m_socket->Send(p);
    ++m_sent;
    NS_LOG_INFO("node " << GetNode()->GetId() << ": " << h);
    m_reportTrace(h.GetCpuLoad(), h.GetCacheFree(), h.GetActiveRequests());
    m_event = Simulator::Schedule(m_interval, &LoadReporter::Report, this);
}

} // namespace ns3
