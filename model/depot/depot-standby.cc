/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-standby.h"

#include "ns3/attribute-choice.h"
#include "ns3/boolean.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DepotStandby");
NS_OBJECT_ENSURE_REGISTERED(DepotStandby);

namespace
{
const AttributeChoice<uint8_t> MODES[] = {{2, "hot"}, {1, "warm"}, {0, "none"}};
const AttributeChoice<uint8_t> CONTENTS[] = {{0, "new"}, {1, "changed"}, {2, "full"}};
} // namespace

TypeId
DepotStandby::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::DepotStandby")
              .SetParent<Application>()
              .SetGroupName("WebProxy")
              .AddConstructor<DepotStandby>()
              .AddAttribute("Depot",
                            "The depot of this node.",
                            PointerValue(),
                            MakePointerAccessor(&DepotStandby::SetDepot, &DepotStandby::GetDepot),
                            MakePointerChecker<Depot>())
              .AddAttribute("Peer",
                            "Address of the other depot (heartbeats and syncs go there); unset: "
                            "a lone depot.",
                            Ipv4AddressValue(),
                            MakeIpv4AddressAccessor(&DepotStandby::m_peer),
                            MakeIpv4AddressChecker())
              .AddAttribute(
                  "Port",
                  "UDP port of the heartbeats (and of the syncs if SyncPort is the same). Not "
                  "the LVS sync daemon's 8848: the format is the module's own (DepotSyncHeader).",
                  UintegerValue(8870),
                  MakeUintegerAccessor(&DepotStandby::m_port),
                  MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("SyncPort",
                            "Warm standby: UDP port of the sync messages. Another port than "
                            "Port's puts them in another flow than the heartbeats, so that a "
                            "flow-queueing root queue disc (ns-3's default FqCoDel) does not "
                            "hold heartbeats behind a burst of syncs (a full table is sent "
                            "when a backup comes back). Equal to Port: one socket for both.",
                            UintegerValue(8871),
                            MakeUintegerAccessor(&DepotStandby::m_syncPort),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("Group",
                            "Id of the pair (VRRP VRID); messages of other groups are ignored.",
                            UintegerValue(1),
                            MakeUintegerAccessor(&DepotStandby::m_group),
                            MakeUintegerChecker<uint8_t>())
              .AddAttribute("Priority",
                            "Higher wins when both are masters, and preempts with Preempt.",
                            UintegerValue(100),
                            MakeUintegerAccessor(&DepotStandby::m_priority),
                            MakeUintegerChecker<uint8_t>(1))
              .AddAttribute("Master",
                            "Start as the active depot (otherwise as a backup, which takes over "
                            "when it hears no master for DeadTime).",
                            BooleanValue(false),
                            MakeBooleanAccessor(&DepotStandby::m_startMaster),
                            MakeBooleanChecker())
              .AddAttribute("Preempt",
                            "A backup with a higher priority than the master takes over when it "
                            "hears it (VRRP preempt); otherwise a recovered depot stays backup.",
                            BooleanValue(false),
                            MakeBooleanAccessor(&DepotStandby::m_preempt),
                            MakeBooleanChecker())
              .AddAttribute("HeartbeatInterval",
                            "Period of the heartbeats each depot sends (VRRP advert_int: 1 s).",
                            TimeValue(Seconds(1)),
                            MakeTimeAccessor(&DepotStandby::m_heartbeatInterval),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("DeadTime",
                            "Silence after which the peer is declared dead; a backup then takes "
                            "over: the detection time (VRRP: 3 adverts + skew).",
                            TimeValue(Seconds(3)),
                            MakeTimeAccessor(&DepotStandby::m_deadTime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("Mode",
                            "Standby mode: hot (the backup mirrors the master's input), warm "
                            "(periodic state sync) or none (no state).",
                            StringValue("none"),
                            MakeStringAccessor(&DepotStandby::SetMode, &DepotStandby::GetMode),
                            MakeChoiceChecker(MODES))
              .AddAttribute("SyncInterval",
                            "Warm standby: period of the master's sync messages.",
                            TimeValue(Seconds(1)),
                            MakeTimeAccessor(&DepotStandby::m_syncInterval),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute(
                  "SyncContent",
                  "Warm standby: new (each session once, when established), changed "
                  "(every session past SYN_SENT that saw a segment since the last "
                  "sync) or full (the table, past SYN_SENT).",
                  StringValue("changed"),
                  MakeStringAccessor(&DepotStandby::SetSyncContent, &DepotStandby::GetSyncContent),
                  MakeChoiceChecker(CONTENTS))
              .AddAttribute("SyncMessageSize",
                            "Largest sync message (UDP payload bytes); more records go in more "
                            "messages.",
                            UintegerValue(1472),
                            MakeUintegerAccessor(&DepotStandby::m_messageSize),
                            MakeUintegerChecker<uint32_t>(DepotSyncHeader::FIXED_SIZE
                                                          + DepotSyncHeader::RECORD_SIZE))
              .AddAttribute("HoldLimit",
                            "Hot standby: most client SYNs the backup holds until the master's "
                            "proxy answers (DepotStandbyMirror).",
                            UintegerValue(10000),
                            MakeUintegerAccessor(&DepotStandby::m_holdLimit),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("FailTime",
                            "When the node fails (0: never).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&DepotStandby::m_failTime),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("RecoverTime",
                            "When the failed node comes back (0: never).",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&DepotStandby::m_recoverTime),
                            MakeTimeChecker(Seconds(0)))
              .AddTraceSource("Role",
                              "The depot changed role (old, new: DepotStandby::Role).",
                              MakeTraceSourceAccessor(&DepotStandby::m_roleTrace),
                              "ns3::DepotStandby::RoleTracedCallback")
              .AddTraceSource("Failover",
                              "This depot took over from a silent master (time since its last "
                              "heartbeat).",
                              MakeTraceSourceAccessor(&DepotStandby::m_failoverTrace),
                              "ns3::DepotStandby::FailoverTracedCallback")
              .AddTraceSource("BrokenConnection",
                              "After this depot took over, a client segment found no session: a "
                              "connection the failover broke (once per client address and port; "
                              "not flows whose session this depot's table ended itself).",
                              MakeTraceSourceAccessor(&DepotStandby::m_brokenTrace),
                              "ns3::DepotStandby::BrokenTracedCallback")
              .AddTraceSource("MessageDropped",
                              "A message on the pair's ports was dropped: its sender and why "
                              "(short, bad-magic, bad-version, unknown-type, bad-length, "
                              "stranger, other-group).",
                              MakeTraceSourceAccessor(&DepotStandby::m_messageDropTrace),
                              "ns3::DepotStandby::MessageDropTracedCallback");
    return tid;
}

DepotStandby::DepotStandby() = default;

DepotStandby::~DepotStandby() = default;

void
DepotStandby::DoDispose()
{
    m_depot = nullptr;
    m_mirror.Dispose();
    m_devices.Clear();
    m_link.Dispose();
    Application::DoDispose();
}

void
DepotStandby::SetDepot(Ptr<Depot> depot)
{
    m_depot = depot;
}

Ptr<Depot>
DepotStandby::GetDepot() const
{
    return m_depot;
}

void
DepotStandby::AddVirtualDevice(Ptr<NetDevice> device)
{
    m_devices.AddVirtual(device);
}

void
DepotStandby::SetMode(std::string mode)
{
    m_mode = static_cast<Mode>(ParseChoice("DepotStandby", "Mode", mode, MODES));
}

std::string
DepotStandby::GetMode() const
{
    return ChoiceName<uint8_t>(m_mode, MODES);
}

void
DepotStandby::SetSyncContent(std::string content)
{
    m_content
        = static_cast<SyncContent>(ParseChoice("DepotStandby", "SyncContent", content, CONTENTS));
}

std::string
DepotStandby::GetSyncContent() const
{
    return ChoiceName<uint8_t>(m_content, CONTENTS);
}

const char*
DepotStandby::RoleName(uint8_t role)
{
    static const char* names[] = {"backup", "master", "failed"};
    return role <= FAILED ? names[role] : "?";
}

void
DepotStandby::StartApplication()
{
    NS_ABORT_MSG_IF(!m_depot, "DepotStandby: no Depot (attribute Depot)");
    NS_ABORT_MSG_IF(m_depot->GetNode() != GetNode(),
                    "DepotStandby: the depot must run on the same node");
    NS_ABORT_MSG_IF(m_mode != NONE && m_peer == Ipv4Address(),
                    "DepotStandby: Mode " << GetMode() << " needs a Peer");
    NS_ABORT_MSG_IF(m_peer != Ipv4Address() && !m_heartbeatInterval.IsStrictlyPositive(),
                    "DepotStandby: HeartbeatInterval must be positive");
    NS_ABORT_MSG_IF(m_peer != Ipv4Address() && m_deadTime <= m_heartbeatInterval,
                    "DepotStandby: DeadTime (" << m_deadTime.As(Time::S)
                                               << ") must exceed HeartbeatInterval ("
                                               << m_heartbeatInterval.As(Time::S) << ")");
    NS_ABORT_MSG_IF(m_mode == WARM && !m_syncInterval.IsStrictlyPositive(),
                    "DepotStandby: SyncInterval must be positive");
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    for (const auto& d : m_devices.GetVirtual())
    {
        NS_ABORT_MSG_IF(d->GetNode() != GetNode() || ipv4->GetInterfaceForDevice(d) < 0,
                        "DepotStandby: virtual device " << d->GetIfIndex()
                                                        << " is not an Ipv4 interface of "
                                                           "this node");
    }
    Ipv4AddressValue vip;
    m_depot->GetAttribute("VirtualIp", vip);
    m_vip = vip.Get();
    m_depot->TraceConnectWithoutContext("PacketDropped",
                                        MakeCallback(&DepotStandby::Dropped, this));
    m_sync.Watch(m_depot);
    m_broken.Watch(m_depot);
    m_depot->TraceConnectWithoutContext(
        "ProxyState",
        MakeBoundCallback(
            +[](DepotStandby* s, uint32_t, bool) { s->ProxyChanged(); }, this));
    if (m_mode == HOT)
    {
        m_mirror.Start(GetNode(), m_depot, m_devices.GetVirtual(), m_holdLimit);
    }
    if (m_failTime.IsStrictlyPositive())
    {
        Simulator::Schedule(m_failTime - Simulator::Now(), &DepotStandby::Fail, this);
    }
    if (m_recoverTime.IsStrictlyPositive())
    {
        NS_ABORT_MSG_IF(m_recoverTime <= m_failTime,
                        "DepotStandby: RecoverTime must be after FailTime");
        Simulator::Schedule(m_recoverTime - Simulator::Now(), &DepotStandby::Recover, this);
    }
    m_sync.Configure(
        {m_peer, m_syncPort, m_group, m_priority, m_messageSize, m_content == SYNC_NEW});
    Start();
}

void
DepotStandby::Start()
{
    if (m_peer != Ipv4Address())
    {
        if (!m_link.IsOpen())
        {
            DepotStandbyLink::Settings link;
            link.peer = m_peer;
            link.own = m_devices.OwnAddress(GetNode(), m_peer);
            link.port = m_port;
            link.syncPort = m_syncPort;
            link.sync = m_mode == WARM;
            link.group = m_group;
            link.priority = m_priority;
            link.interval = m_heartbeatInterval;
            m_link.Open(
                GetNode(),
                link,
                [this](const DepotSyncHeader& h, Ipv4Address from) { Received(h, from); },
                [this](DepotSyncHeader& h) { FillHeartbeat(h); },
                [this](Ipv4Address from, const std::string& why)
                {
                    ++m_counters.messagesDropped;
                    m_messageDropTrace(from, why);
                });
        }
        m_link.StartHeartbeats();
    }
    if (m_startMaster || m_peer == Ipv4Address())
    {
        BecomeMaster(false);
    }
    else
    {
        BecomeBackup();
    }
}

void
DepotStandby::StopApplication()
{
    m_deadEvent.Cancel();
    m_syncEvent.Cancel();
    m_link.Close();
    m_mirror.Stop();
}

void
DepotStandby::SetRole(Role role)
{
    if (role == m_role)
    {
        return;
    }
    NS_LOG_INFO("node " << GetNode()->GetId() << ' ' << RoleName(m_role) << " -> "
                        << RoleName(role));
    const Role old = m_role;
    m_role = role;
    m_roleTrace(old, role);
}

void
DepotStandby::BecomeMaster(bool failover)
{
    m_deadEvent.Cancel();
    if (m_peer != Ipv4Address() && m_peerAlive)
    {
        ArmDeadTimer(); // a master watches the backup too
    }
    m_devices.SetVirtualUp(GetNode(), true);
    m_mirror.SetBackup(false);
    m_depot->SetStandby(false);
    m_tookOver = failover;
    m_broken.Clear();
    if (failover)
    {
        ++m_counters.failovers;
        m_failoverTrace(Simulator::Now() - m_lastMasterHeard);
    }
    SetRole(MASTER);
    if (m_mode == WARM)
    {
        m_sync.Restart();
        m_syncEvent.Cancel();
        m_syncEvent = Simulator::Schedule(m_syncInterval, &DepotStandby::Sync, this);
    }
    if (m_link.IsOpen())
    {
        m_link.HeartbeatNow(); // the new master at once: a dual-master conflict resolves sooner
    }
}

void
DepotStandby::BecomeBackup()
{
    m_devices.SetVirtualUp(GetNode(), false);
    m_depot->SetStandby(true);
    m_mirror.SetBackup(m_mode == HOT);
    m_tookOver = false;
    m_syncEvent.Cancel();
    SetRole(BACKUP);
    m_lastMasterHeard = Simulator::Now();
    ArmDeadTimer();
}

void
DepotStandby::ArmDeadTimer()
{
    m_deadEvent.Cancel();
    m_deadEvent = Simulator::Schedule(m_deadTime, &DepotStandby::PeerDead, this);
}

void
DepotStandby::PeerDead()
{
    m_peerAlive = false;
    if (m_role == BACKUP)
    {
        NS_LOG_INFO("node " << GetNode()->GetId() << ": no master heartbeat for "
                            << m_deadTime.As(Time::S) << ", taking over");
        BecomeMaster(true);
    }
    else
    {
        NS_LOG_INFO("node " << GetNode()->GetId() << ": the backup is silent");
    }
}

void
DepotStandby::Received(const DepotSyncHeader& h, Ipv4Address from)
{
    if (m_role == FAILED)
    {
        return;
    }
    if (h.type == DepotSyncHeader::SYNC)
    {
        ++m_counters.syncReceived;
        if (m_role == BACKUP)
        {
            for (const auto& r : h.records)
            {
                m_counters.recordsImported += m_depot->ImportSession(r) ? 1 : 0;
            }
        }
        return;
    }
    ++m_counters.heartbeatsReceived;
    NS_LOG_LOGIC("node " << GetNode()->GetId() << " (" << RoleName(m_role) << ") heard " << h
                         << " from " << from);
    const bool wasAlive = m_peerAlive;
    m_peerAlive = true;
    if (m_role == MASTER)
    {
        const bool peerWins = h.master
                           && (h.priority > m_priority
                               || (h.priority == m_priority
                                   && from.Get() > m_devices.OwnAddress(GetNode(), m_peer).Get()));
        if (peerWins)
        {
            BecomeBackup(); // dual masters: the higher priority (then address) keeps it
            return;
        }
        ArmDeadTimer();
        if (!wasAlive && m_mode == WARM)
        {
            m_sync.Send(*m_depot, m_link.GetSyncSocket(), true); // a (re)started backup gets all
        }
    }
    else if (h.master)
    {
        if (m_preempt && m_priority > h.priority)
        {
            BecomeMaster(false);
            return;
        }
        m_lastMasterHeard = Simulator::Now();
        ArmDeadTimer();
        FollowProxies(h.proxiesUp);
    }
}

void
DepotStandby::FillHeartbeat(DepotSyncHeader& h) const
{
    h.master = m_role == MASTER;
    if (h.master)
    {
        for (const auto& p : m_depot->GetProxies())
        {
            h.proxiesUp.push_back(p.up);
        }
    }
}

void
DepotStandby::FollowProxies(const std::vector<bool>& up)
{
    if (up.size() != m_depot->GetProxies().size())
    {
        return; // another pool: nothing to learn
    }
    for (uint32_t i = 0; i < up.size(); ++i)
    {
        m_depot->SetProxyUp(i, up[i]); // scraps the backup's sessions of a failed proxy too
    }
}

void
DepotStandby::ProxyChanged()
{
    if (m_role == MASTER && m_link.IsOpen())
    {
        m_link.HeartbeatNow(); // the backup learns at once, not one interval later
    }
}

void
DepotStandby::Sync()
{
    m_sync.Send(*m_depot, m_link.GetSyncSocket(), m_content == SYNC_FULL);
    m_syncEvent = Simulator::Schedule(m_syncInterval, &DepotStandby::Sync, this);
}

void
DepotStandby::Dropped(Ptr<const Packet> packet, const Ipv4Header& header, Depot::DropReason reason)
{
    if (reason != Depot::NO_SESSION || m_role != MASTER || !m_tookOver)
    {
        return;
    }
    m_broken.Dropped(packet, header, m_vip);
}

void
DepotStandby::Fail()
{
    if (m_role == FAILED)
    {
        return;
    }
    NS_LOG_INFO("node " << GetNode()->GetId() << " fails");
    m_counters.unsyncedAtFailure = GetUnsyncedSessions();
    m_counters.unsyncedLiveAtFailure = m_mode == WARM && m_role == MASTER
                                         ? m_sync.CountUnsynced(m_depot->GetSessionTable(), true)
                                         : 0;
    m_link.StopHeartbeats();
    m_deadEvent.Cancel();
    m_syncEvent.Cancel();
    m_devices.SetVirtualUp(GetNode(), false);
    m_devices.SetAllUp(GetNode(), false);
    m_depot->Fail();
    m_sync.Forget();
    m_broken.Forget();
    m_peerAlive = false;
    SetRole(FAILED);
}

void
DepotStandby::Recover()
{
    if (m_role != FAILED)
    {
        return;
    }
    NS_LOG_INFO("node " << GetNode()->GetId() << " recovers");
    m_devices.SetAllUp(GetNode(), true);
    m_depot->Recover();
    const bool startMaster = m_startMaster;
    m_startMaster = false; // back as a backup unless alone (or preempting, on a heartbeat)
    Start();
    // A lone depot comes back as master: the connections it lost are counted as broken.
    m_tookOver = m_role == MASTER;
    m_startMaster = startMaster;
}

DepotStandby::Role
DepotStandby::GetRole() const
{
    return m_role;
}

DepotStandby::Counters
DepotStandby::GetCounters() const
{
    Counters c = m_counters;
    c.heartbeatsSent = m_link.GetHeartbeatsSent();
    c.syncSent = m_sync.GetMessagesSent();
    c.recordsSent = m_sync.GetRecordsSent();
    c.broken = m_broken.GetCount();
    c.followed = m_mirror.GetFollowed();
    return c;
}

uint64_t
DepotStandby::GetBrokenConnections() const
{
    return m_broken.GetCount();
}

uint32_t
DepotStandby::GetUnsyncedSessions() const
{
    if (m_mode != WARM || m_role != MASTER)
    {
        return m_depot->IsFailed() ? 0 : m_depot->GetSessionTable().Size();
    }
    return m_sync.CountUnsynced(m_depot->GetSessionTable(), false);
}

} // namespace ns3
