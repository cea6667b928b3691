/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot.h"

#include "ns3/attribute-choice.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/round-robin-scheduler.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Depot");
NS_OBJECT_ENSURE_REGISTERED(Depot);

namespace
{
const AttributeChoice<Depot::ForwardingMethod> FORWARDING_METHODS[]
    = {{Depot::NAT, "Nat"}, {Depot::DIRECT, "Direct"}};
const AttributeChoice<Depot::CheckType> CHECK_TYPES[]
    = {{Depot::CHECK_TCP, "Tcp"}, {Depot::CHECK_HTTP, "Http"}};
/// NoSessionAction: 0 drop, 1 reset, 2 sloppy.
const AttributeChoice<uint8_t> NO_SESSION_ACTIONS[] = {{0, "drop"}, {1, "reset"}, {2, "sloppy"}};
} // namespace

TypeId
Depot::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::Depot")
              .SetParent<Application>()
              .SetGroupName("WebProxy")
              .AddConstructor<Depot>()
              .AddAttribute("VirtualIp",
                            "The virtual IP clients connect to (keep it assigned to the depot's "
                            "client-side interface so that ARP answers for it).",
                            Ipv4AddressValue(),
                            MakeIpv4AddressAccessor(&Depot::m_vip),
                            MakeIpv4AddressChecker())
              .AddAttribute("Scheduler",
                            "Chooses the proxy of new sessions (default: round robin).",
                            PointerValue(),
                            MakePointerAccessor(&Depot::SetScheduler, &Depot::GetScheduler),
                            MakePointerChecker<DepotScheduler>())
              .AddAttribute("MaxSessions",
                            "Session table limit (0: none; 65536: at most 7.9 MB). When it is "
                            "full, a new session evicts the half-open, else the closed session "
                            "that expires first; with neither, the SYN is dropped.",
                            UintegerValue(65536),
                            MakeUintegerAccessor(&Depot::m_maxSessions),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute(
                  "ForwardingMethod",
                  "How packets reach a proxy: Nat (rewrite both directions, the "
                  "paper's) or Direct (IPVS direct routing: same addresses, the "
                  "proxy's MAC; the proxy owns the VIP and answers directly; the "
                  "proxy port must equal the service port).",
                  StringValue("Nat"),
                  MakeStringAccessor(&Depot::SetForwardingMethod, &Depot::GetForwardingMethod),
                  MakeChoiceChecker(FORWARDING_METHODS))
              .AddAttribute("WindowCheck",
                            "Drop segments outside the receiver's window; a RST closes a "
                            "session only at the exact expected sequence number, one in the "
                            "window gets a challenge ACK (RFC 5961). NAT only: with direct "
                            "routing the proxy's side is not seen.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&Depot::m_windowCheck),
                            MakeBooleanChecker())
              .AddAttribute(
                  "NoSessionAction",
                  "What a non-SYN segment to the VIP without a session gets: drop "
                  "(silently, counted), reset (counted, and a RST from VIP:port) or sloppy "
                  "(IPVS sloppy_tcp: a session is opened with the scheduler's proxy, and a "
                  "proxy's segment without a session opens one when the scheduler maps the flow "
                  "to that proxy; for hashing schedulers, e.g. a Maglev pair without sync).",
                  StringValue("drop"),
                  MakeStringAccessor(&Depot::SetNoSessionAction, &Depot::GetNoSessionAction),
                  MakeChoiceChecker(NO_SESSION_ACTIONS))
              .AddAttribute("ScrapSessionsOnFailure",
                            "Remove the sessions of a proxy declared down ([Depot]).",
                            BooleanValue(true),
                            MakeBooleanAccessor(&Depot::m_scrap),
                            MakeBooleanChecker())
              .AddAttribute("ResetClientsOnFailure",
                            "When sessions of a failed proxy are scrapped, send their clients a "
                            "RST from VIP:port (they fail at once instead of timing out).",
                            BooleanValue(false),
                            MakeBooleanAccessor(&Depot::m_resetClients),
                            MakeBooleanChecker())
              .AddAttribute("ProcessingDelay",
                            "Delay of every packet the depot handles.",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&Depot::m_processingDelay),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("PacketRate",
                            "Packets/s of the depot's forwarding, FIFO ([Depot] §5; 0: none).",
                            DoubleValue(0),
                            MakeDoubleAccessor(&Depot::m_packetRate),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("CopyRate",
                            "Per-byte cost of the forwarding, added to PacketRate's (0: none).",
                            DataRateValue(DataRate(0)),
                            MakeDataRateAccessor(&Depot::m_copyRate),
                            MakeDataRateChecker())
              .AddAttribute("QueueLimit",
                            "Packets waiting for the forwarding at most; beyond, OVERLOAD.",
                            UintegerValue(1000),
                            MakeUintegerAccessor(&Depot::m_queueLimit),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("BufferSize",
                            "Bytes waiting for the forwarding at most (0: no limit; [Depot] "
                            "§5: 56 KB); beyond, OVERLOAD.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&Depot::m_bufferSize),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("DownOnSynTimeout",
                            "A SYN unanswered for SynTimeout takes its proxy out ([Depot]); "
                            "off: only health checks do (spoofed SYNs cannot).",
                            BooleanValue(false),
                            MakeBooleanAccessor(&Depot::m_downOnSynTimeout),
                            MakeBooleanChecker())
              .AddAttribute("SynTimeout",
                            "SYN_SENT session timeout: a client SYN repeated after it goes to "
                            "another proxy (see DownOnSynTimeout).",
                            TimeValue(Seconds(2)),
                            MakeTimeAccessor(&Depot::m_synTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("SynRecvTimeout",
                            "Lifetime of a session whose proxy answered the SYN, from its first "
                            "SYN-ACK (IPVS: 60 s; 5 s covers a SYN-ACK retransmitted at 3 s).",
                            TimeValue(Seconds(5)),
                            MakeTimeAccessor(&Depot::m_synRecvTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("EstablishedTimeout",
                            "Idle timeout of an established session (IPVS: 15 min).",
                            TimeValue(Seconds(900)),
                            MakeTimeAccessor(&Depot::m_establishedTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("FinWaitTimeout",
                            "Timeout after the proxy's FIN (IPVS: 2 min).",
                            TimeValue(Seconds(120)),
                            MakeTimeAccessor(&Depot::m_finWaitTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("CloseWaitTimeout",
                            "Timeout after the client's FIN (IPVS: 60 s).",
                            TimeValue(Seconds(60)),
                            MakeTimeAccessor(&Depot::m_closeWaitTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("LastAckTimeout",
                            "Timeout when both ends closed and the last FIN is unacknowledged "
                            "(IPVS: 30 s).",
                            TimeValue(Seconds(30)),
                            MakeTimeAccessor(&Depot::m_lastAckTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("TimeWaitTimeout",
                            "How long a closed session is held for wandering packets: 2 MSL "
                            "([Depot]: 60 s as NetBSD).",
                            TimeValue(Seconds(60)),
                            MakeTimeAccessor(&Depot::m_timeWaitTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("CloseTimeout",
                            "How long a reset session is held (IPVS: 10 s).",
                            TimeValue(Seconds(10)),
                            MakeTimeAccessor(&Depot::m_closeTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("ResponseTimeGain",
                            "Gain of the smoothed SYN to SYN-ACK time of each proxy (as TCP's "
                            "SRTT: 1/8).",
                            DoubleValue(0.125),
                            MakeDoubleAccessor(&Depot::m_responseGain),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("HealthCheckInterval",
                            "Period of the health checks of every proxy (0: none; HAProxy's "
                            "inter: 2 s).",
                            TimeValue(Seconds(2)),
                            MakeTimeAccessor(&Depot::m_checkInterval),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute(
                  "HealthCheckType",
                  "Tcp (the proxy accepts a connection) or Http (it also answers "
                  "a GET of HealthCheckPath with a 2xx or 3xx status).",
                  StringValue("Tcp"),
                  MakeStringAccessor(&Depot::SetHealthCheckType, &Depot::GetHealthCheckType),
                  MakeChoiceChecker(CHECK_TYPES))
              .AddAttribute("HealthCheckPath",
                            "Request target of HTTP health checks.",
                            StringValue("/"),
                            MakeStringAccessor(&Depot::m_checkPath),
                            MakeStringChecker())
              .AddAttribute("HealthCheckHost",
                            "Host field of HTTP health checks.",
                            StringValue("localhost"),
                            MakeStringAccessor(&Depot::m_checkHost),
                            MakeStringChecker())
              .AddAttribute("HealthCheckTimeout",
                            "A health check fails when it has not succeeded by then (TCP: "
                            "connection up; HTTP: status line received).",
                            TimeValue(Seconds(2)),
                            MakeTimeAccessor(&Depot::m_checkTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("Fall",
                            "Consecutive failed checks that take a proxy out.",
                            UintegerValue(3),
                            MakeUintegerAccessor(&Depot::m_fall),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("Rise",
                            "Consecutive successful checks that put a proxy back.",
                            UintegerValue(2),
                            MakeUintegerAccessor(&Depot::m_rise),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("LoadReportPort",
                            "UDP port on which proxies' load reports (LoadReporter) arrive; a "
                            "report is applied to the proxy whose address sent it. 0: off.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&Depot::m_loadReportPort),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("FragmentTableLimit",
                            "Fragmented datagrams remembered at most; the oldest goes.",
                            UintegerValue(1024),
                            MakeUintegerAccessor(&Depot::m_fragmentLimit),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("VipIdCounters",
                            "IP identification counters for the first fragments of proxies' "
                            "datagrams leaving from the VIP (NAT), each shared by the clients "
                            "whose address hashes to it (as Linux's ip_idents): 2 bytes each, "
                            "whatever the number of clients; one wraps after 65536 datagrams to "
                            "its clients together.",
                            UintegerValue(2048),
                            MakeUintegerAccessor(&Depot::m_vipIdCounters),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("SynFilterThreshold",
                            "Half-open sessions at which the SYN filter engages (it disengages "
                            "below half): a source that never completed a handshake must then "
                            "repeat its SYN, as clients do and blind spoofers do not (see "
                            "DepotSynFilter). 0: off.",
                            UintegerValue(1024),
                            MakeUintegerAccessor(&Depot::m_synFilterThreshold),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("SynFilterSources",
                            "Verified sources (clients that completed a handshake) the SYN "
                            "filter remembers at most; the least recently verified goes.",
                            UintegerValue(65536),
                            MakeUintegerAccessor(&Depot::m_synFilterSources),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("SynFilterLifetime",
                            "How long a verified source stays verified after its last handshake.",
                            TimeValue(Seconds(600)),
                            MakeTimeAccessor(&Depot::m_synFilterLifetime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("FragmentTimeout",
                            "How long the rewrite of a fragmented datagram's first fragment is "
                            "kept for its later fragments (as Ipv4L3Protocol's "
                            "FragmentExpirationTimeout).",
                            TimeValue(Seconds(30)),
                            MakeTimeAccessor(&Depot::m_fragmentTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddTraceSource("SessionOpened",
                              "A new session went to a proxy.",
                              MakeTraceSourceAccessor(&Depot::m_openedTrace),
                              "ns3::Depot::SessionTracedCallback")
              .AddTraceSource("SessionClosed",
                              "A closed or reset session left the table (after TIME_WAIT or "
                              "CLOSE).",
                              MakeTraceSourceAccessor(&Depot::m_closedTrace),
                              "ns3::Depot::SessionTracedCallback")
              .AddTraceSource("SessionExpired",
                              "A session left the table on an idle timeout or scrapped with a "
                              "failed proxy.",
                              MakeTraceSourceAccessor(&Depot::m_expiredTrace),
                              "ns3::Depot::ExpiredTracedCallback")
              .AddTraceSource("SchedulerDecision",
                              "The scheduler chose a proxy.",
                              MakeTraceSourceAccessor(&Depot::m_decisionTrace),
                              "ns3::Depot::SessionTracedCallback")
              .AddTraceSource("PacketForwarded",
                              "A packet of a session was forwarded.",
                              MakeTraceSourceAccessor(&Depot::m_forwardTrace),
                              "ns3::Depot::ForwardTracedCallback")
              .AddTraceSource("PacketDropped",
                              "The depot dropped a packet.",
                              MakeTraceSourceAccessor(&Depot::m_dropTrace),
                              "ns3::Depot::DropTracedCallback")
              .AddTraceSource("ProxyState",
                              "A proxy left or joined the active list.",
                              MakeTraceSourceAccessor(&Depot::m_proxyTrace),
                              "ns3::Depot::ProxyTracedCallback")
              .AddTraceSource("TableSize",
                              "Sessions in the table after a change.",
                              MakeTraceSourceAccessor(&Depot::m_tableSizeTrace),
                              "ns3::TracedValueCallback::Uint32")
              .AddTraceSource("LoadReport",
                              "A proxy's load report was applied.",
                              MakeTraceSourceAccessor(&Depot::m_loadReportTrace),
                              "ns3::Depot::LoadReportTracedCallback");
    return tid;
}

Depot::Depot()
    : m_sessions(&m_proxies,
                 DepotSessionKeeper::Traces{
                     &m_openedTrace, &m_closedTrace, &m_expiredTrace, &m_tableSizeTrace},
                 [this](uint32_t i) { SynTimedOut(i); })
    , m_switch(&m_proxies,
               &m_scheduler,
               &m_sessions,
               DepotSwitch::Traces{
                   &m_decisionTrace,
                   &m_forwardTrace,
                   [this](Ptr<const Packet> p, const Ipv4Header& h, DepotSwitch::DropReason r)
                   {
                       m_dropTrace(p, h, static_cast<DropReason>(r));
                   }},
               [this](uint32_t i) { SynTimedOut(i); })
    , m_failures(&m_proxies,
                 &m_scheduler,
                 &m_proxyTrace,
                 [this](uint32_t i)
                 {
                     if (m_scrap && m_sessions.HasTable())
                     {
                         m_switch.Scrap(i, m_resetClients);
                     }
                 })
{}

Depot::~Depot() = default;

void
Depot::DoDispose()
{
    m_scheduler = nullptr;
    m_switch.Dispose();
    m_checker.Dispose();
    Application::DoDispose();
}

void
Depot::AddService(uint16_t port)
{
    m_services.insert(port);
}

uint32_t
Depot::AddProxy(Ipv4Address address, uint16_t port, uint32_t weight)
{
    NS_ABORT_MSG_IF(m_proxies.size() >= UINT16_MAX, "Depot: too many proxies");
    DepotProxy p;
    p.address = address;
    p.port = port;
    p.weight = weight;
    m_proxies.push_back(p);
    if (m_scheduler)
    {
        m_scheduler->Update(m_proxies);
    }
    return m_proxies.size() - 1;
}

void
Depot::SetScheduler(Ptr<DepotScheduler> scheduler)
{
    m_scheduler = scheduler;
    if (m_scheduler)
    {
        m_scheduler->Update(m_proxies);
    }
}

const DepotSessionTable&
Depot::GetSessionTable() const
{
    NS_ABORT_MSG_IF(!m_sessions.HasTable(), "Depot: not started");
    return m_sessions.GetTable();
}

void
Depot::SetNoSessionAction(std::string action)
{
    const uint8_t a = ParseChoice("Depot", "NoSessionAction", action, NO_SESSION_ACTIONS);
    m_resetNoSession = a == 1;
    m_sloppy = a == 2;
}

std::string
Depot::GetNoSessionAction() const
{
    return ChoiceName(uint8_t(m_resetNoSession ? 1 : (m_sloppy ? 2 : 0)), NO_SESSION_ACTIONS);
}

void
Depot::SetForwardingMethod(std::string method)
{
    m_method = ParseChoice("Depot", "ForwardingMethod", method, FORWARDING_METHODS);
}

std::string
Depot::GetForwardingMethod() const
{
    return ChoiceName(m_method, FORWARDING_METHODS);
}

void
Depot::SetHealthCheckType(std::string type)
{
    m_checkType = ParseChoice("Depot", "HealthCheckType", type, CHECK_TYPES);
}

std::string
Depot::GetHealthCheckType() const
{
    return ChoiceName(m_checkType, CHECK_TYPES);
}

const char*
Depot::DropReasonName(DropReason reason)
{
    return DepotSwitch::DropReasonName(reason);
}

void
Depot::StartApplication()
{
    NS_ABORT_MSG_IF(m_vip == Ipv4Address(), "Depot: VirtualIp is not set");
    NS_ABORT_MSG_IF(m_services.empty(), "Depot: no service port (AddService)");
    NS_ABORT_MSG_IF(m_proxies.empty(), "Depot: no proxy (AddProxy)");
    DepotSessionKeeper::Settings sessions;
    sessions.timeouts = {m_synTimeout,
                         m_synRecvTimeout,
                         m_establishedTimeout,
                         m_finWaitTimeout,
                         m_closeWaitTimeout,
                         m_lastAckTimeout,
                         m_timeWaitTimeout,
                         m_closeTimeout};
    sessions.maxSessions = m_maxSessions;
    sessions.windowCheck = m_windowCheck;
    sessions.responseGain = m_responseGain;
    sessions.inputOnly = m_method == DIRECT;
    if (!m_scheduler)
    {
        SetScheduler(CreateObject<RoundRobinScheduler>());
    }
    m_sessions.Start(sessions);
    DepotSwitch::Settings packets;
    packets.vip = m_vip;
    packets.services = &m_services;
    packets.direct = m_method == DIRECT;
    packets.resetNoSession = m_resetNoSession;
    packets.sloppy = m_sloppy;
    packets.forwarding = {
        m_processingDelay, m_packetRate, m_copyRate.GetBitRate() / 8.0, m_queueLimit, m_bufferSize};
    packets.fragmentTimeout = m_fragmentTimeout;
    packets.fragmentLimit = m_fragmentLimit;
    packets.vipIdCounters = m_vipIdCounters;
    packets.synFilter.threshold = m_synFilterThreshold;
    packets.synFilter.maxVerified = m_synFilterSources;
    packets.synFilter.verifiedLifetime = m_synFilterLifetime;
    m_sessions.SetEstablishedCallback([this](uint32_t client)
                                      { m_switch.GetSynFilter().Verify(client); });
    m_switch.Start(GetNode(), packets);
    m_failures.SetThresholds(m_fall, m_rise);
    m_checker.Start(
        GetNode(),
        &m_proxies,
        {m_checkInterval, m_checkTimeout, m_checkType == CHECK_HTTP, m_checkPath, m_checkHost},
        [this](uint32_t i, bool ok) { m_failures.CheckResult(i, ok); });
    if (m_loadReportPort != 0)
    {
        m_loadReports.Start(GetNode(),
                            m_loadReportPort,
                            &m_proxies,
                            [this](uint32_t i, double cpuLoad, double cacheFree, uint32_t requests)
                            {
                                SetProxyLoad(i, cpuLoad, cacheFree);
                                m_proxies[i].reportedRequests = requests;
                                ++m_proxies[i].loadReports;
                                m_loadReportTrace(i, cpuLoad, cacheFree, requests);
                            });
    }
}

void
Depot::StopApplication()
{
    m_loadReports.Stop();
    m_switch.Stop();
    m_sessions.Stop();
    m_checker.Stop();
}

void
Depot::SetProxyLoad(uint32_t index, double cpuLoad, double cacheFree)
{
    NS_ABORT_MSG_IF(cpuLoad < 0 || cacheFree < 0 || cacheFree > 1,
                    "Depot::SetProxyLoad: proxy " << index << ": CPU load " << cpuLoad
                                                  << " and free cache fraction " << cacheFree
                                                  << " must be >= 0 and in [0, 1]");
    m_proxies.at(index).cpuLoad = cpuLoad;
    m_proxies.at(index).cacheFree = cacheFree;
}

void
Depot::SynTimedOut(uint32_t index)
{
    if (m_switch.IsStandby())
    {
        return; // a standby's view of the SYNs may be partial (sync); the active depot decides
    }
    NS_LOG_INFO("proxy " << index << " did not answer a SYN within "
                         << m_sessions.GetTimeout(TcpStateTracker::S_SYN_SENT).As(Time::S));
    if (m_downOnSynTimeout)
    {
        m_failures.SynTimedOut(index);
    }
    else
    {
        ++m_proxies[index].synTimeouts;
    }
}

void
Depot::SetProxyUp(uint32_t index, bool up)
{
    m_failures.SetUp(index, up);
}

void
Depot::SetStandby(bool standby)
{
    m_switch.SetStandby(standby);
    m_checker.SetPaused(standby);
}

bool
Depot::IsStandby() const
{
    return m_switch.IsStandby();
}

bool
Depot::IsFailed() const
{
    return m_failed;
}

void
Depot::Observe(Ptr<const Packet> packet)
{
    if (m_sessions.HasTable() && !m_failed)
    {
        m_switch.Observe(packet);
    }
}

bool
Depot::ImportSession(const DepotSessionRecord& r)
{
    return m_sessions.HasTable() && !m_failed && m_sessions.Import(r);
}

void
Depot::Fail()
{
    if (m_failed)
    {
        return;
    }
    m_failed = true;
    StopApplication();
    m_sessions.Clear();
    m_failures.Reset();
    m_switch.Clear();
}

void
Depot::Recover()
{
    if (!m_failed)
    {
        return;
    }
    m_failed = false;
    StartApplication();
}

} // namespace ns3
