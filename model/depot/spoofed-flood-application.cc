/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "spoofed-flood-application.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SpoofedFloodApplication");
NS_OBJECT_ENSURE_REGISTERED(SpoofedFloodApplication);

namespace
{
constexpr uint8_t TCP_PROTOCOL = 6;
} // namespace

TypeId
SpoofedFloodApplication::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::SpoofedFloodApplication")
              .SetParent<Application>()
              .SetGroupName("WebProxy")
              .AddConstructor<SpoofedFloodApplication>()
              .AddAttribute("Target",
                            "Destination address of the spoofed segments (a depot's VIP).",
                            Ipv4AddressValue(),
                            MakeIpv4AddressAccessor(&SpoofedFloodApplication::m_target),
                            MakeIpv4AddressChecker())
              .AddAttribute("TargetPort",
                            "Destination port of the spoofed segments.",
                            UintegerValue(80),
                            MakeUintegerAccessor(&SpoofedFloodApplication::m_targetPort),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("SynRate",
                            "Spoofed SYNs per second (0: none).",
                            DoubleValue(0),
                            MakeDoubleAccessor(&SpoofedFloodApplication::m_synRate),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("RstRate",
                            "Spoofed RSTs per second (0: none); they need victims (AddVictim).",
                            DoubleValue(0),
                            MakeDoubleAccessor(&SpoofedFloodApplication::m_rstRate),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("SpoofNetwork",
                            "Network the SYNs' source addresses are drawn from.",
                            Ipv4AddressValue("198.18.0.0"),
                            MakeIpv4AddressAccessor(&SpoofedFloodApplication::m_spoofNetwork),
                            MakeIpv4AddressChecker())
              .AddAttribute("SpoofMask",
                            "Mask of SpoofNetwork (default /15: RFC 2544's benchmark range).",
                            Ipv4MaskValue("255.254.0.0"),
                            MakeIpv4MaskAccessor(&SpoofedFloodApplication::m_spoofMask),
                            MakeIpv4MaskChecker())
              .AddAttribute("MinPort",
                            "Lowest victim port guessed (ns-3 allocates ephemeral ports from "
                            "49153 upwards).",
                            UintegerValue(49152),
                            MakeUintegerAccessor(&SpoofedFloodApplication::m_minPort),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("MaxPort",
                            "Highest victim port guessed.",
                            UintegerValue(65535),
                            MakeUintegerAccessor(&SpoofedFloodApplication::m_maxPort),
                            MakeUintegerChecker<uint16_t>())
              .AddTraceSource("Sent",
                              "A spoofed segment left: TCP header, claimed source, destination.",
                              MakeTraceSourceAccessor(&SpoofedFloodApplication::m_sentTrace),
                              "ns3::SpoofedFloodApplication::SentTracedCallback");
    return tid;
}

SpoofedFloodApplication::SpoofedFloodApplication()
    : m_rng(CreateObject<UniformRandomVariable>())
{}

void
SpoofedFloodApplication::AddVictim(Ipv4Address address)
{
    m_victims.push_back(address);
}

int64_t
SpoofedFloodApplication::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

uint64_t
SpoofedFloodApplication::GetSynsSent() const
{
    return m_syns;
}

uint64_t
SpoofedFloodApplication::GetRstsSent() const
{
    return m_rsts;
}

void
SpoofedFloodApplication::DoDispose()
{
    m_synEvent.Cancel();
    m_rstEvent.Cancel();
    m_rng = nullptr;
    Application::DoDispose();
}

void
SpoofedFloodApplication::StartApplication()
{
    NS_ABORT_MSG_IF(m_target == Ipv4Address(), "SpoofedFloodApplication: Target is not set");
    NS_ABORT_MSG_IF(m_rstRate > 0 && m_victims.empty(),
                    "SpoofedFloodApplication: RstRate " << m_rstRate
                                                        << "/s needs victims (AddVictim)");
    NS_ABORT_MSG_IF(m_minPort > m_maxPort,
                    "SpoofedFloodApplication: MinPort " << m_minPort << " is above MaxPort "
                                                        << m_maxPort);
    NS_ABORT_MSG_IF(!GetNode()->GetObject<Ipv4>(),
                    "SpoofedFloodApplication: node " << GetNode()->GetId() << " has no IPv4");
    if (m_synRate > 0)
    {
        m_synEvent = Simulator::ScheduleNow(&SpoofedFloodApplication::SendSyn, this);
    }
    if (m_rstRate > 0)
    {
        m_rstEvent = Simulator::ScheduleNow(&SpoofedFloodApplication::SendRst, this);
    }
}

void
SpoofedFloodApplication::StopApplication()
{
    m_synEvent.Cancel();
    m_rstEvent.Cancel();
}

void
SpoofedFloodApplication::SendSyn()
{
    const uint32_t host = m_rng->GetInteger(0, ~m_spoofMask.Get());
    const Ipv4Address from((m_spoofNetwork.Get() & m_spoofMask.Get()) | host);
    // One draw per statement: the order in which a compiler evaluates a call's arguments is
    // unspecified (g++ went right to left, clang left to right), and the flood must be the
    // same whichever compiled it. The sequence number first, as g++ drew it.
    const uint32_t seq = m_rng->GetInteger(0, UINT32_MAX);
    const uint16_t port = m_rng->GetInteger(1024, 65535);
    Send(from, port, seq, TcpHeader::SYN);
    ++m_syns;
    m_synEvent
        = Simulator::Schedule(Seconds(1.0 / m_synRate), &SpoofedFloodApplication::SendSyn, this);
}

void
SpoofedFloodApplication::SendRst()
{
    const Ipv4Address from = m_victims[m_rng->GetInteger(0, m_victims.size() - 1)];
    const uint32_t seq = m_rng->GetInteger(0, UINT32_MAX); // as in SendSyn
    const uint16_t port = m_rng->GetInteger(m_minPort, m_maxPort);
    Send(from, port, seq, TcpHeader::RST);
    ++m_rsts;
    m_rstEvent
        = Simulator::Schedule(Seconds(1.0 / m_rstRate), &SpoofedFloodApplication::SendRst, this);
}

void
SpoofedFloodApplication::Send(Ipv4Address from, uint16_t sport, uint32_t seq, uint8_t flags)
{
    TcpHeader tcp;
    tcp.SetSourcePort(sport);
    tcp.SetDestinationPort(m_targetPort);
    tcp.SetSequenceNumber(SequenceNumber32(seq));
    tcp.SetFlags(flags);
    tcp.SetWindowSize(65535);
    if (Node::ChecksumEnabled())
    {
        tcp.EnableChecksums();
        tcp.InitializeChecksum(from, m_target, TCP_PROTOCOL);
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(tcp);
    m_sentTrace(p, from, m_target);
    // Ipv4L3Protocol::Send keeps a given source address: the spoofing.
    GetNode()->GetObject<Ipv4>()->Send(p, from, m_target, TCP_PROTOCOL, nullptr);
}

} // namespace ns3
