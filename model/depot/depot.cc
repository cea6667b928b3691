/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot.h"

#include "ns3/attribute-choice.h"
#include "ns3/http-message.h"
#include "ns3/http-parser.h"
#include "ns3/load-report-header.h"
#include "ns3/round-robin-scheduler.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/header.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-winscale.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Depot");
NS_OBJECT_ENSURE_REGISTERED(Depot);

namespace
{
constexpr uint8_t TCP_PROTOCOL = 6;

/**
 * A TCP header as raw bytes: how a first fragment's header goes back after the depot patched
 * it. Re-serializing a TcpHeader would compute its checksum over the fragment alone (and
 * could reorder options), while the receiver checks it over the reassembled segment.
 */
class DepotTcpBytes : public Header
{
  public:
    /// \return the object TypeId
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::DepotTcpBytes")
                                .SetParent<Header>()
                                .SetGroupName("WebProxy")
                                .AddConstructor<DepotTcpBytes>();
        return tid;
    }

    DepotTcpBytes() = default;

    /// \param bytes the header \param n their number (at most 60)
    DepotTcpBytes(const uint8_t* bytes, uint32_t n)
        : m_n(n)
    {
        std::copy(bytes, bytes + n, m_bytes.begin());
    }

    TypeId GetInstanceTypeId() const override
    {
        return GetTypeId();
    }

    uint32_t GetSerializedSize() const override
    {
        return m_n;
    }

    void Serialize(Buffer::Iterator start) const override
    {
        start.Write(m_bytes.data(), m_n);
    }

    uint32_t Deserialize(Buffer::Iterator start) override
    {
        start.Read(m_bytes.data(), m_n);
        return m_n;
    }

    void Print(std::ostream& os) const override
    {
        os << "TCP header (" << m_n << " bytes, patched by the depot)";
    }

  private:
    std::array<uint8_t, 60> m_bytes{}; //!< the header
    uint32_t m_n{20};                  //!< its length
};

/**
 * RFC 1624 (eqn. 3) incremental checksum update: HC' = ~(~HC + ~m + m') for each changed
 * 16-bit word m -> m'.
 * \param checksum the old checksum field
 * \param from the old words
 * \param to the new words
 * \return the new checksum field
 */
uint16_t
AdjustChecksum(uint16_t checksum,
               const std::array<uint16_t, 6>& from,
               const std::array<uint16_t, 6>& to)
{
    uint32_t sum = static_cast<uint16_t>(~checksum);
    for (size_t i = 0; i < from.size(); ++i)
    {
        sum += static_cast<uint16_t>(~from[i]);
        sum += to[i];
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<uint16_t>(~sum);
}

/// \return the checksummed words that NAT changes: addresses and ports
std::array<uint16_t, 6>
NatWords(Ipv4Address source, Ipv4Address destination, uint16_t sourcePort, uint16_t destinationPort)
{
    return {static_cast<uint16_t>(source.Get() >> 16),
            static_cast<uint16_t>(source.Get() & 0xffff),
            static_cast<uint16_t>(destination.Get() >> 16),
            static_cast<uint16_t>(destination.Get() & 0xffff),
            sourcePort,
            destinationPort};
}
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
                            "Session table limit (0: none); SYNs beyond it are dropped.",
                            UintegerValue(0),
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
                  MakeStringChecker())
              .AddAttribute("WindowCheck",
                            "Drop segments (RSTs included) outside the receiver's window "
                            "(NAT only: with direct routing the proxy's side is not seen).",
                            BooleanValue(false),
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
                  MakeStringChecker())
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
                            "Packets per second the depot handles, FIFO (0: unlimited).",
                            DoubleValue(0),
                            MakeDoubleAccessor(&Depot::m_packetRate),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("QueueLimit",
                            "Packets waiting for the depot at most (with PacketRate).",
                            UintegerValue(1000),
                            MakeUintegerAccessor(&Depot::m_queueLimit),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("SynTimeout",
                            "A forwarded SYN unanswered this long takes its proxy out of the "
                            "active list; also the SYN_SENT session timeout.",
                            TimeValue(Seconds(2)),
                            MakeTimeAccessor(&Depot::m_synTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("SynRecvTimeout",
                            "Timeout of a session whose proxy answered the SYN (IPVS: 60 s).",
                            TimeValue(Seconds(60)),
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
                  MakeStringChecker())
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

Depot::Depot() = default;

Depot::~Depot() = default;

void
Depot::DoDispose()
{
    m_scheduler = nullptr;
    if (m_hook)
    {
        m_hook->RemoveHook(m_hookId); // the hook holds a callback to this object
    }
    m_hook = nullptr;
    m_ipv4 = nullptr;
    m_checkSockets.clear();
    m_checkParsers.clear();
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

Ptr<DepotScheduler>
Depot::GetScheduler() const
{
    return m_scheduler;
}

const std::vector<DepotProxy>&
Depot::GetProxies() const
{
    return m_proxies;
}

const DepotSessionTable&
Depot::GetSessionTable() const
{
    NS_ABORT_MSG_IF(!m_table, "Depot: not started");
    return *m_table;
}

uint64_t
Depot::GetDropCount(DropReason reason) const
{
    return m_drops.at(reason);
}

uint64_t
Depot::GetTrackerCount(TcpStateTracker::Result result) const
{
    return m_trackerResults.at(result);
}

uint64_t
Depot::GetForwardedCount() const
{
    return m_forwarded;
}

uint64_t
Depot::GetFragmentsForwarded(bool toProxy) const
{
    return m_laterFragments[toProxy ? 1 : 0];
}

uint64_t
Depot::GetFirstFragmentsForwarded() const
{
    return m_firstFragments;
}

uint32_t
Depot::GetFragmentTableSize() const
{
    return m_fragments.size();
}

uint64_t
Depot::GetResetsSent() const
{
    return m_resetsSent;
}

Time
Depot::GetTimeout(uint8_t s) const
{
    return m_timeouts.at(s);
}

uint64_t
Depot::GetBadLoadReports() const
{
    return m_badLoadReports;
}

void
Depot::SetNoSessionAction(std::string action)
{
    NS_ABORT_MSG_UNLESS(action == "drop" || action == "reset" || action == "sloppy",
                        "Depot: NoSessionAction must be drop, reset or sloppy, not '" << action
                                                                                      << "'");
    m_resetNoSession = action == "reset";
    m_sloppy = action == "sloppy";
}

namespace
{
const AttributeChoice<Depot::ForwardingMethod> FORWARDING_METHODS[]
    = {{Depot::NAT, "Nat"}, {Depot::DIRECT, "Direct"}};
const AttributeChoice<Depot::CheckType> CHECK_TYPES[]
    = {{Depot::CHECK_TCP, "Tcp"}, {Depot::CHECK_HTTP, "Http"}};
} // namespace

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

std::string
Depot::GetNoSessionAction() const
{
    return m_resetNoSession ? "reset" : (m_sloppy ? "sloppy" : "drop");
}

const char*
Depot::DropReasonName(DropReason reason)
{
    static const char* names[]
        = {"no-session", "out-of-window", "table-full", "no-proxy", "overload", "fragment-orphan"};
    return reason < N_DROP_REASONS ? names[reason] : "?";
}

void
Depot::StartApplication()
{
    NS_ABORT_MSG_IF(m_vip == Ipv4Address(), "Depot: VirtualIp is not set");
    NS_ABORT_MSG_IF(m_services.empty(), "Depot: no service port (AddService)");
    NS_ABORT_MSG_IF(m_proxies.empty(), "Depot: no proxy (AddProxy)");
    m_timeouts = {m_synTimeout,
                  m_synRecvTimeout,
                  m_establishedTimeout,
                  m_finWaitTimeout,
                  m_closeWaitTimeout,
                  m_lastAckTimeout,
                  m_timeWaitTimeout,
                  m_closeTimeout};
    for (uint8_t s = 0; s < TcpStateTracker::N_SESSION_STATES; ++s)
    {
        NS_ABORT_MSG_IF(!m_timeouts[s].IsStrictlyPositive(),
                        "Depot: the " << TcpStateTracker::SessionStateName(s)
                                      << " timeout must be positive");
    }
    if (!m_scheduler)
    {
        SetScheduler(CreateObject<RoundRobinScheduler>());
    }
    if (!m_table)
    {
        m_table = std::make_unique<DepotSessionTable>(m_maxSessions);
    }
    m_ipv4 = GetNode()->GetObject<Ipv4>();
    m_hook = PacketHookRouting::Install(GetNode());
    m_hookId = m_hook->AddHook(MakeCallback(&Depot::Hook, this));
    if (m_method == DIRECT)
    {
        for (const DepotProxy& p : m_proxies)
        {
            NS_ABORT_MSG_IF(m_services.count(p.port) == 0,
                            "Depot: direct routing cannot change ports, but proxy "
                                << p.address << " listens on " << p.port
                                << ", which is not a service port of the VIP");
        }
    }
    m_checkSockets.resize(m_proxies.size());
    m_checkTimers.resize(m_proxies.size());
    m_checkParsers.resize(m_proxies.size());
    if (m_checkInterval.IsStrictlyPositive())
    {
        m_checkEvent = Simulator::ScheduleNow(&Depot::HealthCheck, this);
    }
    if (m_loadReportPort != 0)
    {
        m_loadSocket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(
            m_loadSocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_loadReportPort)) != 0,
            "Depot: cannot bind LoadReportPort " << m_loadReportPort);
        m_loadSocket->SetRecvCallback(MakeCallback(&Depot::HandleLoadReport, this));
    }
}

void
Depot::HandleLoadReport(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        const Ipv4Address sender = InetSocketAddress::ConvertFrom(from).GetIpv4();
        auto it = std::find_if(m_proxies.begin(),
                               m_proxies.end(),
                               [sender](const DepotProxy& x) { return x.address == sender; });
        LoadReportHeader h;
        if (p->GetSize() == LoadReportHeader::SIZE)
        {
            p->RemoveHeader(h);
        }
        if (it == m_proxies.end() || p->GetSize() != 0 || !h.IsValid())
        {
            NS_LOG_WARN("Depot: load report from "
                        << sender << " dropped ("
                        << (it == m_proxies.end() ? "not a proxy" : "malformed") << ")");
            ++m_badLoadReports;
            continue;
        }
        const uint32_t index = it - m_proxies.begin();
        SetProxyLoad(index, h.GetCpuLoad(), h.GetCacheFree());
        it->reportedRequests = h.GetActiveRequests();
        ++it->loadReports;
        m_loadReportTrace(index, h.GetCpuLoad(), h.GetCacheFree(), h.GetActiveRequests());
    }
}

void
Depot::StopApplication()
{
    if (m_loadSocket)
    {
        m_loadSocket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_loadSocket->Close();
        m_loadSocket = nullptr;
    }
    if (m_hook)
    {
        m_hook->RemoveHook(m_hookId);
    }
    m_checkEvent.Cancel();
    m_expiryEvent.Cancel();
    for (uint32_t i = 0; i < m_checkSockets.size(); ++i)
    {
        m_checkTimers[i].Cancel();
        if (m_checkSockets[i])
        {
            m_checkSockets[i]->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                                  MakeNullCallback<void, Ptr<Socket>>());
            m_checkSockets[i]->Close();
            m_checkSockets[i] = nullptr;
        }
    }
}

PacketHookRouting::Verdict
Depot::Hook(PacketHookRouting::HookPacket& hp)
{
    if (hp.direction != PacketHookRouting::INPUT || hp.header.GetProtocol() != TCP_PROTOCOL)
    {
        return PacketHookRouting::PASS;
    }
    if (hp.header.GetFragmentOffset() != 0)
    {
        return LaterFragment(hp);
    }
    if (hp.header.IsLastFragment())
    {
        return HookSegment(hp); // a whole datagram
    }
    // A first fragment: switched as a segment (it holds the TCP header), and what it got is
    // remembered for the datagram's other fragments.
    PurgeFragments();
    const Ipv4Header before = hp.header;
    uint8_t head[13];
    if (hp.packet->CopyData(head, sizeof(head)) != sizeof(head))
    {
        return PacketHookRouting::PASS; // no room for a TCP header: not a segment we know
    }
    m_first = FirstFragment();
    m_first.tcpHeaderLength = (head[12] >> 4) * 4;
    if (m_first.tcpHeaderLength < 20
        || hp.packet->CopyData(m_first.tcp.data(), m_first.tcpHeaderLength)
               != m_first.tcpHeaderLength)
    {
        return PacketHookRouting::PASS;
    }
    m_first.active = true;
    const PacketHookRouting::Verdict v = HookSegment(hp);
    m_first.active = false;
    if (v != PacketHookRouting::PASS)
    {
        return v; // dropped: its later fragments will be orphans
    }
    FragmentRewrite r;
    if (m_first.switched)
    {
        r = m_first.rewrite;
        if (!m_standby)
        {
            ++m_firstFragments;
        }
    }
    else
    {
        // Passed as is. Remembered only when its later fragments could be mistaken for a
        // session's (to the VIP or from a proxy), so that they are not dropped as orphans.
        const bool proxySource
            = std::any_of(m_proxies.begin(),
                          m_proxies.end(),
                          [&](const DepotProxy& p) { return p.address == before.GetSource(); });
        if (before.GetDestination() != m_vip && !proxySource)
        {
            return v;
        }
        r.source = before.GetSource();
        r.destination = before.GetDestination();
        r.id = before.GetIdentification();
    }
    r.seen = before.GetPayloadSize();
    r.expires = (Simulator::Now() + m_fragmentTimeout).GetTimeStep();
    const FragmentKey key{before.GetSource().Get(),
                          before.GetDestination().Get(),
                          before.GetIdentification(),
                          TCP_PROTOCOL};
    m_fragments[key] = r; // an identification reused after its lifetime replaces the old one
    m_fragmentExpiry.emplace_back(r.expires, key);
    return v;
}

PacketHookRouting::Verdict
Depot::LaterFragment(PacketHookRouting::HookPacket& hp)
{
    PurgeFragments();
    const FragmentKey key{hp.header.GetSource().Get(),
                          hp.header.GetDestination().Get(),
                          hp.header.GetIdentification(),
                          TCP_PROTOCOL};
    auto it = m_fragments.find(key);
    if (it == m_fragments.end())
    {
        // Without its first fragment the depot cannot tell the session (the ports are there).
        // A fragment to the VIP would be delivered to this node, one from a proxy would reach
        // the client with the proxy's address: neither can be reassembled, so they are dropped
        // (as an IPVS director whose reassembly fails). Other traffic is routed as usual.
        const bool toVip = hp.header.GetDestination() == m_vip;
        const bool fromProxy
            = m_ipv4->GetInterfaceForAddress(hp.header.GetDestination()) < 0
           && std::any_of(m_proxies.begin(),
                          m_proxies.end(),
                          [&](const DepotProxy& p) { return p.address == hp.header.GetSource(); });
        if (toVip || fromProxy)
        {
            return Drop(hp, FRAGMENT_ORPHAN);
        }
        return PacketHookRouting::PASS;
    }
    FragmentRewrite& r = it->second;
    const uint32_t size = hp.header.GetPayloadSize();
    r.seen += size;
    bool complete = false;
    if (hp.header.IsLastFragment())
    {
        const uint32_t total = hp.header.GetFragmentOffset() + size;
        complete = r.seen >= total;
        if (r.switched && m_method == NAT && total >= r.tcpHeaderLength)
        {
            // The tracker saw only the first fragment's data: the segment ends here.
            if (DepotSession* s = m_table->Find(r.client, r.clientPort, m_vip.Get(), r.virtualPort))
            {
                TcpStateTracker::End& from = s->ends[r.toProxy ? 0 : 1];
                const uint32_t segEnd = r.seq + (total - r.tcpHeaderLength)
                                      + ((r.tcpFlags & TcpHeader::SYN) ? 1 : 0)
                                      + ((r.tcpFlags & TcpHeader::FIN) ? 1 : 0);
                if (static_cast<int32_t>(segEnd - from.sndEnd) > 0)
                {
                    from.sndEnd = segEnd;
                }
            }
        }
    }
    if (!r.switched)
    {
        if (complete)
        {
            m_fragments.erase(it);
        }
        return PacketHookRouting::PASS;
    }
    const Time delay = Admit();
    if (delay.IsStrictlyNegative())
    {
        return Drop(hp, OVERLOAD);
    }
    hp.header.SetSource(r.source);
    hp.header.SetDestination(r.destination);
    hp.header.SetIdentification(r.id);
    hp.nextHop = r.nextHop;
    hp.delay += delay;
    if (!m_standby)
    {
        ++m_forwarded;
        ++m_laterFragments[r.toProxy ? 1 : 0];
        m_forwardTrace(hp.packet, r.proxy, r.toProxy);
    }
    if (complete)
    {
        m_fragments.erase(it);
    }
    return PacketHookRouting::PASS;
}

void
Depot::PurgeFragments()
{
    const int64_t now = Simulator::Now().GetTimeStep();
    while (!m_fragmentExpiry.empty() && m_fragmentExpiry.front().first < now)
    {
        auto it = m_fragments.find(m_fragmentExpiry.front().second);
        // Only the entry this expiry was queued for (a newer one may have replaced it).
        if (it != m_fragments.end() && it->second.expires == m_fragmentExpiry.front().first)
        {
            m_fragments.erase(it);
        }
        m_fragmentExpiry.pop_front();
    }
    if (m_fragments.empty())
    {
        m_fragmentExpiry.clear(); // entries of completed datagrams
    }
}

PacketHookRouting::Verdict
Depot::HookSegment(PacketHookRouting::HookPacket& hp)
{
    // The ports decide whether the packet is ours; deserializing the whole header (its
    // options are Objects) only for packets we rewrite keeps the depot close to a router.
    uint8_t ports[4];
    if (hp.packet->CopyData(ports, sizeof(ports)) != sizeof(ports))
    {
        return PacketHookRouting::PASS;
    }
    const uint16_t sourcePort = (ports[0] << 8) | ports[1];
    const uint16_t destinationPort = (ports[2] << 8) | ports[3];
    TcpHeader tcp;
    if (hp.header.GetDestination() == m_vip && m_services.count(destinationPort) != 0)
    {
        hp.packet->RemoveHeader(tcp);
        return FromClient(hp, tcp);
    }
    if (m_table->Size() == 0 && !m_sloppy)
    {
        return PacketHookRouting::PASS;
    }
    DepotSession* s = m_table->FindReverse(
        hp.header.GetSource().Get(), sourcePort, hp.header.GetDestination().Get(), destinationPort);
    if (!s && (m_sloppy || m_resetNoSession))
    {
        hp.packet->PeekHeader(tcp);
    }
    if (!s && m_sloppy)
    {
        s = AdoptReply(hp, tcp);
    }
    if (!s && m_resetNoSession && IsOrphanReply(hp, tcp))
    {
        // The client's connection went with the session (e.g. a failover): reset both ends
        // instead of routing the proxy's segment to the client with the proxy's address.
        if (!m_standby && !(tcp.GetFlags() & TcpHeader::RST))
        {
            SendRst(hp.header.GetDestination(),
                    tcp.GetDestinationPort(),
                    hp.header.GetSource(),
                    tcp.GetSourcePort(),
                    tcp.GetAckNumber(),
                    nullptr);
            if (m_services.size() == 1)
            {
                SendRst(m_vip,
                        *m_services.begin(),
                        hp.header.GetDestination(),
                        tcp.GetDestinationPort(),
                        tcp.GetSequenceNumber(),
                        nullptr);
            }
        }
        return Drop(hp, NO_SESSION);
    }
    if (!s)
    {
        return PacketHookRouting::PASS; // not ours: plain routing
    }
    hp.packet->RemoveHeader(tcp);
    return FromProxy(hp, tcp, s);
}

Time
Depot::Admit()
{
    Time delay = m_processingDelay;
    if (m_packetRate > 0)
    {
        const Time now = Simulator::Now();
        const Time service = Seconds(1.0 / m_packetRate);
        const Time start = std::max(now, m_busyUntil);
        if (start - now > service * static_cast<int64_t>(m_queueLimit))
        {
            return Time(-1);
        }
        m_busyUntil = start + service;
        delay += m_busyUntil - now;
    }
    return delay;
}

PacketHookRouting::Verdict
Depot::Drop(const PacketHookRouting::HookPacket& hp, DropReason reason)
{
    ++m_drops[reason];
    NS_LOG_LOGIC("drop " << DropReasonName(reason) << ' ' << hp.header.GetSource() << " > "
                         << hp.header.GetDestination());
    m_dropTrace(hp.packet, hp.header, reason);
    return PacketHookRouting::CONSUME; // counted here, not by the hook's generic drop trace
}

int32_t
Depot::Dispatch(const DepotScheduler::Flow& flow)
{
    const int32_t i = m_scheduler->Select(m_proxies, flow);
    NS_ABORT_MSG_IF(i >= static_cast<int32_t>(m_proxies.size())
                        || (i >= 0 && !DepotScheduler::Available(m_proxies[i])),
                    "Depot: scheduler " << m_scheduler->GetInstanceTypeId().GetName()
                                        << " chose unavailable proxy " << i);
    if (i >= 0)
    {
        m_decisionTrace(flow.client, flow.clientPort, i);
    }
    return i;
}

DepotSession*
Depot::Open(const PacketHookRouting::HookPacket& hp, const TcpHeader& tcp, DropReason* reason)
{
    const DepotScheduler::Flow flow{hp.header.GetSource(),
                                    tcp.GetSourcePort(),
                                    hp.header.GetDestination(),
                                    tcp.GetDestinationPort()};
    if (m_maxSessions != 0 && m_table->Size() >= m_maxSessions)
    {
        *reason = TABLE_FULL;
        return nullptr;
    }
    const int32_t i = Dispatch(flow);
    if (i < 0)
    {
        *reason = NO_PROXY;
        return nullptr;
    }
    DepotProxy& p = m_proxies[i];
    DepotSession* s = m_table->Insert(flow.client.Get(),
                                      flow.clientPort,
                                      flow.vip.Get(),
                                      flow.vport,
                                      p.address.Get(),
                                      p.port,
                                      i,
                                      Simulator::Now().GetTimeStep());
    NS_ASSERT(s);
    ++p.sessionsOpened;
    Count(*s, +1);
    m_openedTrace(flow.client, flow.clientPort, i);
    m_tableSizeTrace(m_table->Size());
    return s;
}

void
Depot::Count(const DepotSession& s, int delta)
{
    DepotProxy& p = m_proxies[s.proxyIndex];
    uint32_t& c
        = s.timerState == TcpStateTracker::S_ESTABLISHED ? p.activeSessions : p.inactiveSessions;
    c += delta;
    if (s.timerState == TcpStateTracker::S_SYN_SENT || s.timerState == TcpStateTracker::S_SYN_RECV)
    {
        p.pendingSessions += delta;
    }
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

TcpStateTracker::Result
Depot::Track(DepotSession* s, const TcpHeader& tcp, uint32_t length, bool fromClient)
{
    if (m_method == DIRECT)
    {
        // Only the client's segments pass the depot.
        const uint8_t flags = tcp.GetFlags();
        const uint8_t state = TcpStateTracker::TrackInputOnly(s->timerState, flags);
        const TcpStateTracker::Result r
            = (flags & TcpHeader::RST) ? TcpStateTracker::RESET : TcpStateTracker::OK;
        ++m_trackerResults[r];
        Count(*s, -1);
        m_table->Touch(s, state, (Simulator::Now() + m_timeouts[state]).GetTimeStep());
        Count(*s, +1);
        ScheduleExpiry();
        return r;
    }
    TcpStateTracker::Segment seg;
    seg.flags = tcp.GetFlags();
    seg.seq = tcp.GetSequenceNumber().GetValue();
    seg.ack = tcp.GetAckNumber().GetValue();
    seg.length = length;
    seg.window = tcp.GetWindowSize();
    if (seg.flags & TcpHeader::SYN)
    {
        if (Ptr<const TcpOptionWinScale> ws
            = DynamicCast<const TcpOptionWinScale>(tcp.GetOption(TcpOption::WINSCALE)))
        {
            seg.wscale = ws->GetScale();
        }
    }
    TcpStateTracker::End& from = s->ends[fromClient ? 0 : 1];
    TcpStateTracker::End& to = s->ends[fromClient ? 1 : 0];
    const uint8_t proxyBefore = s->ends[1].state;
    const TcpStateTracker::Result r
        = TcpStateTracker::Track(from, to, fromClient, seg, m_windowCheck);
    ++m_trackerResults[r];
    if (!fromClient && proxyBefore == TcpStateTracker::LISTEN
        && s->ends[1].state == TcpStateTracker::SYN_RECV)
    {
        // The proxy's first SYN-ACK: a response time sample (SRTT-style smoothing).
        DepotProxy& p = m_proxies[s->proxyIndex];
        const double sample = (Simulator::Now() - TimeStep(s->created)).GetSeconds();
        p.responseTime = p.responseTime == 0
                           ? sample
                           : (1 - m_responseGain) * p.responseTime + m_responseGain * sample;
    }
    if (r == TcpStateTracker::OUT_OF_WINDOW)
    {
        return r;
    }
    const uint8_t state = TcpStateTracker::Summarize(s->ends[0], s->ends[1]);
    // A repeated SYN does not extend the proxy's time to answer the first one.
    if (state == TcpStateTracker::S_SYN_SENT && s->timerState == TcpStateTracker::S_SYN_SENT
        && s->ends[0].state == TcpStateTracker::SYN_SENT && r != TcpStateTracker::OK)
    {
        return r;
    }
    Count(*s, -1);
    m_table->Touch(s, state, (Simulator::Now() + m_timeouts[state]).GetTimeStep());
    Count(*s, +1);
    ScheduleExpiry();
    return r;
}

void
Depot::Rewrite(PacketHookRouting::HookPacket& hp,
               TcpHeader& tcp,
               const DepotSession& s,
               bool toProxy)
{
    if (m_first.active)
    {
        FirstFragment& f = m_first;
        uint8_t* b = f.tcp.data();
        const uint16_t oldSourcePort = (b[0] << 8) | b[1];
        const uint16_t oldDestinationPort = (b[2] << 8) | b[3];
        // The addresses before the rewrite are the key's; the caller changed the header.
        Ipv4Address oldSource = hp.header.GetSource();
        Ipv4Address oldDestination = hp.header.GetDestination();
        if (toProxy)
        {
            oldDestination = m_vip; // NAT: VIP -> proxy; direct routing: unchanged
        }
        else
        {
            oldSource = m_proxies[s.proxyIndex].address;
        }
        const uint16_t checksum = (b[16] << 8) | b[17];
        if (Node::ChecksumEnabled())
        {
            // The sender's checksum covers the whole segment, which only the receiver's
            // reassembly sees again (ns-3 cannot check it on a fragment): update it for the
            // pseudo-header's addresses and the ports instead of recomputing it.
            const uint16_t updated = AdjustChecksum(
                checksum,
                NatWords(oldSource, oldDestination, oldSourcePort, oldDestinationPort),
                NatWords(hp.header.GetSource(),
                         hp.header.GetDestination(),
                         tcp.GetSourcePort(),
                         tcp.GetDestinationPort()));
            b[16] = updated >> 8;
            b[17] = updated & 0xff;
        }
        b[0] = tcp.GetSourcePort() >> 8;
        b[1] = tcp.GetSourcePort() & 0xff;
        b[2] = tcp.GetDestinationPort() >> 8;
        b[3] = tcp.GetDestinationPort() & 0xff;
        hp.packet->AddHeader(DepotTcpBytes(b, f.tcpHeaderLength));
        FragmentRewrite& r = f.rewrite;
        if (!toProxy && m_method == NAT)
        {
            // Datagrams of several proxies reach a client from the same VIP: their own
            // identifications could meet in the client's reassembly, so the VIP numbers them.
            hp.header.SetIdentification(m_vipIds[s.client]++);
        }
        r.source = hp.header.GetSource();
        r.destination = hp.header.GetDestination();
        r.nextHop = hp.nextHop;
        r.id = hp.header.GetIdentification();
        r.switched = true;
        r.toProxy = toProxy;
        r.proxy = s.proxyIndex;
        r.seq = tcp.GetSequenceNumber().GetValue();
        r.tcpFlags = tcp.GetFlags();
        r.tcpHeaderLength = f.tcpHeaderLength;
        r.client = s.client;
        r.clientPort = s.clientPort;
        r.virtualPort = s.virtualPort;
        f.switched = true;
        return;
    }
    if (Node::ChecksumEnabled())
    {
        // The pseudo-header holds the (rewritten) addresses; Ipv4L3Protocol recomputes the IP
        // header's own checksum when it serializes the header it forwards.
        tcp.EnableChecksums();
        tcp.InitializeChecksum(hp.header.GetSource(), hp.header.GetDestination(), TCP_PROTOCOL);
    }
    hp.packet->AddHeader(tcp);
}

PacketHookRouting::Verdict
Depot::FromClient(PacketHookRouting::HookPacket& hp, TcpHeader& tcp)
{
    const Time delay = Admit();
    if (delay.IsStrictlyNegative())
    {
        hp.packet->AddHeader(tcp);
        return Drop(hp, OVERLOAD);
    }
    const uint8_t flags = tcp.GetFlags();
    const bool syn = (flags & (TcpHeader::SYN | TcpHeader::ACK | TcpHeader::RST)) == TcpHeader::SYN;
    const uint32_t length = hp.packet->GetSize();
    DepotSession* s = m_table->Find(
        hp.header.GetSource().Get(), tcp.GetSourcePort(), m_vip.Get(), tcp.GetDestinationPort());
    if (s && syn)
    {
        const bool closed = s->timerState == TcpStateTracker::S_TIME_WAIT
                         || s->timerState == TcpStateTracker::S_CLOSE;
        const bool unanswered
            = m_method == NAT && s->ends[1].state == TcpStateTracker::LISTEN
           && Simulator::Now() - TimeStep(s->created) >= m_timeouts[TcpStateTracker::S_SYN_SENT];
        if (closed)
        {
            Close(s, false); // the client reuses the port: a new session
            s = nullptr;
        }
        else if (unanswered)
        {
            const uint32_t dead = s->proxyIndex;
            // A standby that took over saw SYNs the failed depot may never have forwarded.
            const bool inherited = s->created < m_activeSince.GetTimeStep();
            Close(s, true);
            s = nullptr;
            if (!inherited)
            {
                SynTimedOut(dead); // the retransmitted SYN goes to a live proxy
            }
        }
    }
    if (!s)
    {
        if (!syn && !(m_sloppy && !(flags & TcpHeader::RST)))
        {
            hp.packet->AddHeader(tcp);
            if (m_resetNoSession && !m_standby && !(flags & TcpHeader::RST))
            {
                SendReset(hp.header, tcp, length);
            }
            return Drop(hp, NO_SESSION);
        }
        DropReason reason;
        s = Open(hp, tcp, &reason);
        if (!s)
        {
            hp.packet->AddHeader(tcp);
            return Drop(hp, reason);
        }
        if (!syn)
        {
            MarkSloppy(s);
        }
    }
    if (Track(s, tcp, length, true) == TcpStateTracker::OUT_OF_WINDOW)
    {
        hp.packet->AddHeader(tcp);
        return Drop(hp, OUT_OF_WINDOW);
    }
    const DepotProxy& p = m_proxies[s->proxyIndex];
    if (m_method == DIRECT)
    {
        hp.nextHop = p.address; // the proxy's MAC; the proxy owns the VIP too
    }
    else
    {
        hp.header.SetDestination(p.address);
        tcp.SetDestinationPort(p.port);
    }
    Rewrite(hp, tcp, *s, true);
    hp.delay += delay;
    if (!m_standby)
    {
        ++m_forwarded;
        m_forwardTrace(hp.packet, s->proxyIndex, true);
    }
    return PacketHookRouting::PASS;
}

PacketHookRouting::Verdict
Depot::FromProxy(PacketHookRouting::HookPacket& hp, TcpHeader& tcp, DepotSession* s)
{
    const Time delay = Admit();
    if (delay.IsStrictlyNegative())
    {
        hp.packet->AddHeader(tcp);
        return Drop(hp, OVERLOAD);
    }
    const uint32_t proxy = s->proxyIndex;
    if (Track(s, tcp, hp.packet->GetSize(), false) == TcpStateTracker::OUT_OF_WINDOW)
    {
        hp.packet->AddHeader(tcp);
        return Drop(hp, OUT_OF_WINDOW);
    }
    hp.header.SetSource(Ipv4Address(s->vip));
    tcp.SetSourcePort(s->virtualPort);
    Rewrite(hp, tcp, *s, false);
    hp.delay += delay;
    if (!m_standby)
    {
        ++m_forwarded;
        m_forwardTrace(hp.packet, proxy, false);
    }
    return PacketHookRouting::PASS;
}

void
Depot::SendReset(const Ipv4Header& ip, const TcpHeader& tcp, uint32_t length)
{
    // RFC 793 reset generation for a segment that belongs to no connection.
    if (tcp.GetFlags() & TcpHeader::ACK)
    {
        SendRst(ip.GetDestination(),
                tcp.GetDestinationPort(),
                ip.GetSource(),
                tcp.GetSourcePort(),
                tcp.GetAckNumber(),
                nullptr);
        return;
    }
    const uint32_t span = length + ((tcp.GetFlags() & TcpHeader::SYN) ? 1 : 0)
                        + ((tcp.GetFlags() & TcpHeader::FIN) ? 1 : 0);
    const SequenceNumber32 ack = tcp.GetSequenceNumber() + span;
    SendRst(ip.GetDestination(),
            tcp.GetDestinationPort(),
            ip.GetSource(),
            tcp.GetSourcePort(),
            SequenceNumber32(0),
            &ack);
}

void
Depot::SendRst(Ipv4Address from,
               uint16_t fromPort,
               Ipv4Address to,
               uint16_t toPort,
               SequenceNumber32 seq,
               const SequenceNumber32* ack)
{
    TcpHeader rst;
    rst.SetSourcePort(fromPort);
    rst.SetDestinationPort(toPort);
    rst.SetSequenceNumber(seq);
    rst.SetFlags(TcpHeader::RST);
    if (ack)
    {
        rst.SetAckNumber(*ack);
        rst.SetFlags(TcpHeader::RST | TcpHeader::ACK);
    }
    if (Node::ChecksumEnabled())
    {
        rst.EnableChecksums();
        rst.InitializeChecksum(from, to, TCP_PROTOCOL);
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(rst);
    ++m_resetsSent;
    m_ipv4->Send(p, from, to, TCP_PROTOCOL, nullptr);
}

void
Depot::Close(DepotSession* s, bool expired)
{
    const Ipv4Address client(s->client);
    const uint16_t port = s->clientPort;
    const uint32_t proxy = s->proxyIndex;
    const uint8_t state = s->timerState;
    Count(*s, -1);
    m_table->Remove(s);
    if (expired)
    {
        m_expiredTrace(client, port, proxy, state);
    }
    else
    {
        m_closedTrace(client, port, proxy);
    }
    m_tableSizeTrace(m_table->Size());
}

void
Depot::ScheduleExpiry()
{
    const int64_t next = m_table->NextExpiry();
    if (next == std::numeric_limits<int64_t>::max())
    {
        return;
    }
    const Time at = TimeStep(next);
    if (!m_expiryEvent.IsExpired() && m_expiryAt <= at)
    {
        return;
    }
    m_expiryEvent.Cancel();
    m_expiryAt = at;
    m_expiryEvent
        = Simulator::Schedule(std::max(at - Simulator::Now(), Time(0)), &Depot::Expire, this);
}

void
Depot::Expire()
{
    std::vector<uint32_t> unanswered;
    m_table->Expire(Simulator::Now().GetTimeStep(),
                    [&](const DepotSession& s)
                    {
                        const Ipv4Address client(s.client);
                        Count(s, -1);
                        if (s.timerState == TcpStateTracker::S_TIME_WAIT
                            || s.timerState == TcpStateTracker::S_CLOSE)
                        {
                            m_closedTrace(client, s.clientPort, s.proxyIndex);
                            return;
                        }
                        if (s.timerState == TcpStateTracker::S_SYN_SENT
                            && s.created >= m_activeSince.GetTimeStep())
                        {
                            unanswered.push_back(s.proxyIndex);
                        }
                        m_expiredTrace(client, s.clientPort, s.proxyIndex, s.timerState);
                    });
    m_tableSizeTrace(m_table->Size());
    // Proxies go down after the walk: scrapping their sessions changes the table.
    for (uint32_t i : unanswered)
    {
        SynTimedOut(i);
    }
    m_expiryEvent = EventId();
    ScheduleExpiry();
}

void
Depot::SynTimedOut(uint32_t index)
{
    if (m_standby)
    {
        return; // a standby's view of the SYNs may be partial (sync); the active depot decides
    }
    ++m_proxies[index].synTimeouts;
    NS_LOG_INFO("proxy " << index << " did not answer a SYN within "
                         << m_timeouts[TcpStateTracker::S_SYN_SENT].As(Time::S));
    SetProxyUp(index, false);
}

void
Depot::SetProxyUp(uint32_t index, bool up)
{
    DepotProxy& p = m_proxies.at(index);
    if (p.up == up)
    {
        return;
    }
    p.up = up;
    p.checkFailures = 0;
    p.checkSuccesses = 0;
    m_scheduler->Update(m_proxies);
    m_proxyTrace(index, up);
    NS_LOG_INFO("proxy " << index << (up ? " up" : " down"));
    if (!up && m_scrap && m_table)
    {
        std::vector<DepotSession*> lost;
        m_table->ForEach(
            [&](DepotSession& s)
            {
                if (s.proxyIndex == index)
                {
                    lost.push_back(&s);
                }
            });
        for (DepotSession* s : lost)
        {
            if (m_resetClients && !m_standby && s->ends[0].state != TcpStateTracker::CLOSED
                && s->ends[0].state != TcpStateTracker::TIME_WAIT
                && (s->ends[1].flags & TcpStateTracker::SEEN))
            {
                // In the client's window: the next sequence number the proxy would have sent.
                SendRst(Ipv4Address(s->vip),
                        s->virtualPort,
                        Ipv4Address(s->client),
                        s->clientPort,
                        SequenceNumber32(s->ends[1].sndEnd),
                        nullptr);
            }
            Close(s, true);
        }
    }
}

void
Depot::HealthCheck()
{
    for (uint32_t i = 0; i < m_proxies.size(); ++i)
    {
        if (m_checkSockets[i])
        {
            continue; // the previous check is still running
        }
        Ptr<Socket> socket = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
        socket->Bind();
        socket->SetConnectCallback(
            MakeBoundCallback(
                +[](Depot* d, uint32_t i, Ptr<Socket>) { d->CheckConnected(i); }, this, i),
            MakeBoundCallback(
                +[](Depot* d, uint32_t i, Ptr<Socket>) { d->CheckDone(i, false); }, this, i));
        m_checkSockets[i] = socket;
        m_checkTimers[i] = Simulator::Schedule(m_checkTimeout, &Depot::CheckDone, this, i, false);
        socket->Connect(InetSocketAddress(m_proxies[i].address, m_proxies[i].port));
    }
    m_checkEvent = Simulator::Schedule(m_checkInterval, &Depot::HealthCheck, this);
}

void
Depot::CheckConnected(uint32_t index)
{
    if (m_checkType == CHECK_TCP)
    {
        CheckDone(index, true);
        return;
    }
    auto parser = std::make_unique<HttpParser>(HttpParser::Kind::RESPONSE);
    parser->ExpectResponse(false);
    parser->SetResponseCallback(
        [this, index](const HttpResponseHeader& h, uint64_t, uint64_t)
        {
            // Deferred: the parser must not be destroyed inside its own callback.
            const bool ok = h.result_int() >= 200 && h.result_int() < 400;
            m_checkParsers[index]->Stop();
            Simulator::ScheduleNow(&Depot::CheckDone, this, index, ok);
        });
    parser->SetErrorCallback(
        [this, index](HttpParser::Error e, const std::string& what)
        {
            NS_LOG_INFO("health check of proxy "
                        << index << ": bad answer: " << HttpParser::ErrorName(e) << " " << what);
            m_checkParsers[index]->Stop();
            Simulator::ScheduleNow(&Depot::CheckDone, this, index, false);
        });
    m_checkParsers[index] = std::move(parser);
    HttpRequestHeader request;
    request.method(HttpVerb::get);
    request.target(m_checkPath);
    request.version(10);
    request.set(HttpField::host, m_checkHost);
    request.set(HttpField::user_agent, "ns-3 web-proxy depot health check");
    const std::string wire = SerializeHttpHeader(request);
    Ptr<Socket> socket = m_checkSockets[index];
    socket->SetRecvCallback(MakeBoundCallback(
        +[](Depot* d, uint32_t i, Ptr<Socket> s) { d->CheckReceive(i, s); }, this, index));
    socket->Send(reinterpret_cast<const uint8_t*>(wire.data()), wire.size(), 0);
}

void
Depot::CheckReceive(uint32_t index, Ptr<Socket> socket)
{
    while (Ptr<Packet> p = socket->Recv())
    {
        if (m_checkParsers[index] && socket == m_checkSockets[index])
        {
            m_checkParsers[index]->Feed(p);
        }
    }
}

void
Depot::CheckDone(uint32_t index, bool ok)
{
    m_checkTimers[index].Cancel();
    m_checkParsers[index] = nullptr;
    if (Ptr<Socket> socket = m_checkSockets[index])
    {
        m_checkSockets[index] = nullptr;
        socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                   MakeNullCallback<void, Ptr<Socket>>());
        socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        socket->Close();
    }
    DepotProxy& p = m_proxies[index];
    if (ok)
    {
        p.checkFailures = 0;
        if (++p.checkSuccesses >= m_rise && !p.up)
        {
            SetProxyUp(index, true);
        }
    }
    else
    {
        p.checkSuccesses = 0;
        if (++p.checkFailures >= m_fall && p.up)
        {
            SetProxyUp(index, false);
        }
    }
}

void
Depot::SetStandby(bool standby)
{
    if (m_standby && !standby)
    {
        m_activeSince = Simulator::Now();
    }
    m_standby = standby;
}

bool
Depot::IsStandby() const
{
    return m_standby;
}

bool
Depot::IsFailed() const
{
    return m_failed;
}

uint64_t
Depot::GetSloppyCount() const
{
    return m_sloppyOpened;
}

void
Depot::Observe(Ptr<const Packet> packet)
{
    if (!m_table || m_failed)
    {
        return;
    }
    PacketHookRouting::HookPacket hp;
    hp.packet = packet->Copy();
    hp.packet->RemoveHeader(hp.header);
    if (hp.header.GetPayloadSize() < hp.packet->GetSize())
    {
        hp.packet->RemoveAtEnd(hp.packet->GetSize() - hp.header.GetPayloadSize()); // padding
    }
    hp.direction = PacketHookRouting::INPUT;
    Hook(hp); // the verdict is moot: a standby forwards nothing
}

bool
Depot::ImportSession(const DepotSessionRecord& r)
{
    if (!m_table || m_failed)
    {
        return false;
    }
    NS_ABORT_MSG_IF(r.proxyIndex >= m_proxies.size()
                        || m_proxies[r.proxyIndex].address.Get() != r.proxy
                        || m_proxies[r.proxyIndex].port != r.proxyPort,
                    "Depot::ImportSession: proxy " << r.proxyIndex << " (" << Ipv4Address(r.proxy)
                                                   << ':' << r.proxyPort
                                                   << ") is not this depot's: the depots of a "
                                                      "pair need the same proxy list");
    const int64_t now = Simulator::Now().GetTimeStep();
    DepotSession* old = m_table->Find(r.client, r.clientPort, r.vip, r.virtualPort);
    if (old)
    {
        Count(*old, -1);
    }
    DepotSession* s
        = m_table->Import(r, now, (Simulator::Now() + m_timeouts[r.timerState]).GetTimeStep());
    if (!s)
    {
        return false;
    }
    Count(*s, +1);
    if (!old)
    {
        m_tableSizeTrace(m_table->Size());
    }
    ScheduleExpiry();
    return true;
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
    if (m_table)
    {
        std::vector<DepotSession*> all;
        m_table->ForEach([&](DepotSession& s) { all.push_back(&s); });
        for (DepotSession* s : all)
        {
            Count(*s, -1);
            m_table->Remove(s);
        }
        m_tableSizeTrace(0);
    }
    for (auto& p : m_proxies)
    {
        p.up = true;
        p.checkFailures = 0;
        p.checkSuccesses = 0;
    }
    m_scheduler->Update(m_proxies);
    m_busyUntil = Time(0);
    m_fragments.clear();
    m_fragmentExpiry.clear();
    m_vipIds.clear();
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

DepotSession*
Depot::AdoptReply(const PacketHookRouting::HookPacket& hp, const TcpHeader& tcp)
{
    if (tcp.GetFlags() & TcpHeader::RST)
    {
        return nullptr;
    }
    for (uint32_t i = 0; i < m_proxies.size(); ++i)
    {
        const DepotProxy& p = m_proxies[i];
        if (p.address != hp.header.GetSource() || p.port != tcp.GetSourcePort())
        {
            continue;
        }
        for (uint16_t vport : m_services)
        {
            const DepotScheduler::Flow flow{
                hp.header.GetDestination(), tcp.GetDestinationPort(), m_vip, vport};
            if (m_table->Find(flow.client.Get(), flow.clientPort, m_vip.Get(), vport)
                || m_scheduler->Select(m_proxies, flow) != static_cast<int32_t>(i))
            {
                continue;
            }
            if (m_maxSessions != 0 && m_table->Size() >= m_maxSessions)
            {
                return nullptr;
            }
            DepotSession* s = m_table->Insert(flow.client.Get(),
                                              flow.clientPort,
                                              m_vip.Get(),
                                              vport,
                                              p.address.Get(),
                                              p.port,
                                              i,
                                              Simulator::Now().GetTimeStep());
            ++m_proxies[i].sessionsOpened;
            Count(*s, +1);
            m_openedTrace(flow.client, flow.clientPort, i);
            m_tableSizeTrace(m_table->Size());
            MarkSloppy(s);
            return s;
        }
    }
    return nullptr;
}

bool
Depot::IsOrphanReply(const PacketHookRouting::HookPacket& hp, const TcpHeader& tcp) const
{
    if (m_ipv4->GetInterfaceForAddress(hp.header.GetDestination()) >= 0)
    {
        return false; // to the depot itself (health checks)
    }
    for (const auto& p : m_proxies)
    {
        if (p.address == hp.header.GetSource() && p.port == tcp.GetSourcePort())
        {
            return true;
        }
    }
    return false;
}

void
Depot::MarkSloppy(DepotSession* s)
{
    // The handshake was missed: both ends are assumed established (no window scale known).
    s->ends[0].state = TcpStateTracker::ESTABLISHED;
    s->ends[1].state = TcpStateTracker::ESTABLISHED;
    ++m_sloppyOpened;
}

} // namespace ns3
