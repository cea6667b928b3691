/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "firewall.h"

#include "transport-fields.h"

#include "ns3/boolean.h"
#include "ns3/icmpv4-l4-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/uinteger.h"

#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Firewall");
NS_OBJECT_ENSURE_REGISTERED(Firewall);

namespace
{
constexpr uint8_t TCP = 6;
constexpr uint8_t UDP = 17;

} // namespace

bool
Firewall::Key::operator<(const Key& o) const
{
    return std::tie(initiator, responder, initiatorPort, responderPort, protocol)
         < std::tie(o.initiator, o.responder, o.initiatorPort, o.responderPort, o.protocol);
}

TypeId
Firewall::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::Firewall")
              .SetParent<Object>()
              .SetGroupName("WebProxy")
              .AddConstructor<Firewall>()
              .AddAttribute("MaxEntries",
                            "Bound of the state table (flows).",
                            UintegerValue(4096),
                            MakeUintegerAccessor(&Firewall::m_maxEntries),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("WindowCheck",
                            "Drop TCP segments outside the receiver's window (RSTs are "
                            "always judged by their sequence number).",
                            BooleanValue(false),
                            MakeBooleanAccessor(&Firewall::m_windowCheck),
                            MakeBooleanChecker())
              .AddAttribute("TcpSynTimeout",
                            "Life of a half-open TCP entry (handshake not complete).",
                            TimeValue(Seconds(30)),
                            MakeTimeAccessor(&Firewall::m_synTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("TcpEstablishedTimeout",
                            "Idle life of an established TCP entry.",
                            TimeValue(Seconds(600)),
                            MakeTimeAccessor(&Firewall::m_establishedTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("TcpFinTimeout",
                            "Idle life of a TCP entry once one side sent its FIN.",
                            TimeValue(Seconds(60)),
                            MakeTimeAccessor(&Firewall::m_finTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("TcpCloseHold",
                            "How long an entry stays after both FINs or an accepted RST "
                            "(late retransmissions still pass).",
                            TimeValue(Seconds(2)),
                            MakeTimeAccessor(&Firewall::m_closeHold),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("UdpTimeout",
                            "Idle life of a UDP entry.",
                            TimeValue(Seconds(30)),
                            MakeTimeAccessor(&Firewall::m_udpTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddTraceSource("Accept",
                              "A packet passed (packet, IP header, rule index; -1: tracked "
                              "flow, -2: default policy).",
                              MakeTraceSourceAccessor(&Firewall::m_acceptTrace),
                              "ns3::Firewall::DecisionTracedCallback")
              .AddTraceSource("Drop",
                              "A packet was dropped or rejected (packet, IP header, rule "
                              "index; -1: state check or full table, -2: default policy).",
                              MakeTraceSourceAccessor(&Firewall::m_dropTrace),
                              "ns3::Firewall::DecisionTracedCallback");
    return tid;
}

Firewall::Firewall() = default;

Firewall::~Firewall() = default;

void
Firewall::DoDispose()
{
    Flush();
    if (m_hook)
    {
        m_hook->RemoveHook(m_hookId);
    }
    m_hook = nullptr;
    m_node = nullptr;
    Object::DoDispose();
}

void
Firewall::Flush()
{
    NS_LOG_FUNCTION(this << m_table.size());
    for (auto& [key, e] : m_table)
    {
        Simulator::Cancel(e.timer);
    }
    m_table.clear();
    m_halfOpen.clear();
}

void
Firewall::AddInsideInterface(uint32_t interface)
{
    m_inside.insert(interface);
}

uint32_t
Firewall::AddRule(const FirewallRule& rule)
{
    const std::string problem = rule.Validate();
    NS_ABORT_MSG_IF(!problem.empty(),
                    "Firewall::AddRule: rule " << m_rules.size() << " (" << rule.ToString()
                                               << "): " << problem);
    m_rules.push_back(rule);
    m_ruleHits.push_back(0);
    return m_rules.size() - 1;
}

uint32_t
Firewall::GetNRules() const
{
    return m_rules.size();
}

uint64_t
Firewall::GetRuleHits(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_ruleHits.size(),
                    "Firewall::GetRuleHits: no rule " << i << " (" << m_rules.size() << " rules)");
    return m_ruleHits[i];
}

void
Firewall::Install(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4,
                    "Firewall::Install: node " << node->GetId()
                                               << " has no Ipv4 (install the internet stack "
                                                  "first)");
    NS_ABORT_MSG_IF(m_inside.empty(),
                    "Firewall::Install: node " << node->GetId()
                                               << ": no inside interface given (every "
                                                  "packet would be inbound)");
    for (uint32_t i : m_inside)
    {
        NS_ABORT_MSG_IF(i >= ipv4->GetNInterfaces(),
                        "Firewall::Install: node " << node->GetId() << " has no interface " << i
                                                   << " (it has " << ipv4->GetNInterfaces() << ")");
    }
    NS_ABORT_MSG_IF(node->GetObject<Firewall>(),
                    "Firewall::Install: node " << node->GetId() << " already has a Firewall");
    m_node = node;
    node->AggregateObject(this);
    m_hook = PacketHookRouting::Install(node);
    // Before the other hooks (an interceptor's rewriting): filter what arrived as it arrived.
    m_hookId = m_hook->AddHook(MakeCallback(&Firewall::Hook, this), -100);
}

const Firewall::Counters&
Firewall::GetCounters() const
{
    return m_counters;
}

uint32_t
Firewall::GetNEntries() const
{
    return m_table.size();
}

uint32_t
Firewall::GetNHalfOpen() const
{
    return m_halfOpen.size();
}

PacketHookRouting::Verdict
Firewall::Hook(PacketHookRouting::HookPacket& hp)
{
    if (hp.direction == PacketHookRouting::OUTPUT)
    {
        TrackOwn(hp);
        return PacketHookRouting::PASS;
    }
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    const int32_t iface = hp.inputDevice ? ipv4->GetInterfaceForDevice(hp.inputDevice) : -1;
    if (iface >= 0 && ipv4->GetNAddresses(iface) > 0
        && ipv4->GetAddress(iface, 0).GetLocal() == Ipv4Address::GetLoopback())
    {
        return PacketHookRouting::PASS; // the node talking to itself
    }
    const Decision d = Filter(hp);
    if (d.pass)
    {
        ++m_counters.accepted;
        m_acceptTrace(hp.packet, hp.header, d.rule);
        return PacketHookRouting::PASS;
    }
    ++m_counters.dropped;
    NS_LOG_INFO("node " << m_node->GetId() << " drops " << hp.header.GetSource() << " -> "
                        << hp.header.GetDestination() << " proto "
                        << unsigned(hp.header.GetProtocol()) << " (rule " << d.rule << ")");
    m_dropTrace(hp.packet, hp.header, d.rule);
    return PacketHookRouting::DROP;
}

Firewall::Decision
Firewall::Filter(PacketHookRouting::HookPacket& hp)
{
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    const int32_t iface = hp.inputDevice ? ipv4->GetInterfaceForDevice(hp.inputDevice) : -1;
    const FirewallRule::Direction dir
        = (iface >= 0 && m_inside.count(iface)) ? FirewallRule::OUT : FirewallRule::IN;
    if (hp.header.GetFragmentOffset() != 0)
    {
        ++m_counters.fragments;
        return {false, DEFAULT_POLICY};
    }
    const Ipv4Address src = hp.header.GetSource();
    const Ipv4Address dst = hp.header.GetDestination();
    const uint8_t proto = hp.header.GetProtocol();
    const TransportFields ports = TransportFields::Read(hp.packet, proto);
    if (ports.present)
    {
        const Key forward{src.Get(), dst.Get(), ports.source, ports.dest, proto};
        const Key reverse{dst.Get(), src.Get(), ports.dest, ports.source, proto};
        auto it = m_table.find(forward);
        const bool fromInitiator = it != m_table.end();
        if (!fromInitiator)
        {
            it = m_table.find(reverse);
        }
        if (it != m_table.end())
        {
            bool restart = false;
            const bool pass = Track(it, fromInitiator, proto, ports, restart);
            if (!restart)
            {
                return {pass, STATE};
            }
        }
    }
    int32_t rule = DEFAULT_POLICY;
    FirewallRule::Action action
        = dir == FirewallRule::IN ? FirewallRule::DENY : FirewallRule::ALLOW;
    for (uint32_t i = 0; i < m_rules.size(); ++i)
    {
        if (m_rules[i].Matches(src, dst, proto, ports.source, ports.dest, ports.present, dir))
        {
            rule = i;
            action = m_rules[i].action;
            ++m_ruleHits[i];
            break;
        }
    }
    if (action == FirewallRule::ALLOW)
    {
        if (ports.present && (proto == UDP || ports.IsOpeningSyn()))
        {
            if (!Create({src.Get(), dst.Get(), ports.source, ports.dest, proto}, ports))
            {
                ++m_counters.tableFull;
                return {false, STATE};
            }
        }
        return {true, rule};
    }
    if (action == FirewallRule::REJECT)
    {
        Reject(hp);
    }
    return {false, rule};
}

void
Firewall::TrackOwn(PacketHookRouting::HookPacket& hp)
{
    const Ipv4Address src = hp.header.GetSource();
    const uint8_t proto = hp.header.GetProtocol();
    if (src == Ipv4Address::GetAny())
    {
        return; // a UDP socket bound to any address: its source is not known yet
    }
    const TransportFields ports = TransportFields::Read(hp.packet, proto);
    if (!ports.present)
    {
        return;
    }
    const Ipv4Address dst = hp.header.GetDestination();
    const Key forward{src.Get(), dst.Get(), ports.source, ports.dest, proto};
    const Key reverse{dst.Get(), src.Get(), ports.dest, ports.source, proto};
    auto it = m_table.find(forward);
    const bool fromInitiator = it != m_table.end();
    if (!fromInitiator)
    {
        it = m_table.find(reverse);
    }
    bool restart = false;
    if (it != m_table.end())
    {
        Track(it, fromInitiator, proto, ports, restart);
    }
    if ((it == m_table.end() || restart) && (proto == UDP || ports.IsOpeningSyn()))
    {
        if (!Create(forward, ports))
        {
            ++m_counters.tableFull; // the node's own packet still goes; its replies will not
        }
    }
}

bool
Firewall::Track(Table::iterator it,
                bool fromInitiator,
                uint8_t protocol,
                const TransportFields& fields,
                bool& restart)
{
    Entry& e = it->second;
    if (!fromInitiator)
    {
        e.replied = true;
    }
    if (protocol != TCP)
    {
        Refresh(it, protocol);
        return true;
    }
    const auto before = TcpStateTracker::Summarize(e.ends[0], e.ends[1]);
    if (fromInitiator && fields.IsOpeningSyn()
        && (before == TcpStateTracker::S_TIME_WAIT || before == TcpStateTracker::S_CLOSE))
    {
        // The initiator reuses its port after the close: a new connection.
        Erase(it);
        restart = true;
        return true;
    }
    const TcpStateTracker::Segment seg = fields.ToSegment();
    TcpStateTracker::End& from = e.ends[fromInitiator ? 0 : 1];
    TcpStateTracker::End& to = e.ends[fromInitiator ? 1 : 0];
    const TcpStateTracker::Result r = TcpStateTracker::Track(from, to, fromInitiator, seg, true);
    switch (r)
    {
    case TcpStateTracker::RST_CHALLENGE:
        ++m_counters.invalidRst;
        return false;
    case TcpStateTracker::OUT_OF_WINDOW:
        if (seg.flags & TcpHeader::RST)
        {
            ++m_counters.invalidRst;
            return false;
        }
        if (m_windowCheck)
        {
            ++m_counters.invalid;
            return false;
        }
        return true;
    case TcpStateTracker::SYN_IN_SESSION:
        ++m_counters.invalid;
        return false;
    case TcpStateTracker::SYN_RETRANSMIT:
        return true; // repeated SYNs do not keep a half-open entry alive
    default:
        Refresh(it, protocol);
        return true;
    }
}

bool
Firewall::Create(const Key& key, const TransportFields& fields)
{
    if (m_table.size() >= m_maxEntries)
    {
        if (m_halfOpen.empty())
        {
            return false;
        }
        ++m_counters.evicted;
        Erase(m_table.find(m_halfOpen.front()));
    }
    auto [it, inserted] = m_table.emplace(key, Entry());
    NS_ASSERT(inserted);
    ++m_counters.flows;
    if (key.protocol == TCP)
    {
        const TcpStateTracker::Segment seg = fields.ToSegment();
        TcpStateTracker::Track(it->second.ends[0], it->second.ends[1], true, seg, true);
    }
    Refresh(it, key.protocol);
    return true;
}

void
Firewall::Refresh(Table::iterator it, uint8_t protocol)
{
    Entry& e = it->second;
    Time timeout = m_udpTimeout;
    bool halfOpen = !e.replied;
    if (protocol == TCP)
    {
        switch (TcpStateTracker::Summarize(e.ends[0], e.ends[1]))
        {
        case TcpStateTracker::S_SYN_SENT:
        case TcpStateTracker::S_SYN_RECV:
            timeout = m_synTimeout;
            halfOpen = true;
            break;
        case TcpStateTracker::S_ESTABLISHED:
            timeout = m_establishedTimeout;
            halfOpen = false;
            break;
        case TcpStateTracker::S_TIME_WAIT:
        case TcpStateTracker::S_CLOSE:
            timeout = m_closeHold;
            halfOpen = false;
            break;
        default:
            timeout = m_finTimeout;
            halfOpen = false;
            break;
        }
    }
    if (halfOpen && !e.isHalfOpen)
    {
        e.halfOpen = m_halfOpen.insert(m_halfOpen.end(), it->first);
        e.isHalfOpen = true;
    }
    else if (!halfOpen && e.isHalfOpen)
    {
        m_halfOpen.erase(e.halfOpen);
        e.isHalfOpen = false;
    }
    e.deadline = Simulator::Now() + timeout;
    // A later deadline waits for the pending timer (one event per entry, not per packet);
    // an earlier one (a close) needs its own.
    if (e.timer.IsExpired() || e.deadline < e.scheduled)
    {
        Simulator::Cancel(e.timer);
        e.scheduled = e.deadline;
        e.timer = Simulator::Schedule(timeout, &Firewall::Expire, this, it->first);
    }
}

void
Firewall::Expire(Key key)
{
    auto it = m_table.find(key);
    if (it == m_table.end())
    {
        return;
    }
    Entry& e = it->second;
    if (e.deadline > Simulator::Now())
    {
        e.scheduled = e.deadline;
        e.timer = Simulator::Schedule(e.deadline - Simulator::Now(), &Firewall::Expire, this, key);
        return;
    }
    ++m_counters.expired;
    Erase(it);
}

void
Firewall::Erase(Table::iterator it)
{
    Simulator::Cancel(it->second.timer);
    if (it->second.isHalfOpen)
    {
        m_halfOpen.erase(it->second.halfOpen);
    }
    m_table.erase(it);
}

void
Firewall::Reject(const PacketHookRouting::HookPacket& hp)
{
    const uint8_t proto = hp.header.GetProtocol();
    const TransportFields ports = TransportFields::Read(hp.packet, proto);
    if (!ports.present)
    {
        return; // nothing to answer: dropped only
    }
    if (proto == UDP)
    {
        ++m_counters.rejected;
        if (Ptr<Icmpv4L4Protocol> icmp = m_node->GetObject<Icmpv4L4Protocol>())
        {
            icmp->SendDestUnreachPort(hp.header, hp.packet);
        }
        return;
    }
    const TcpHeader& in = ports.tcp;
    if (in.GetFlags() & TcpHeader::RST)
    {
        return; // never answer a RST
    }
    ++m_counters.rejected;
    // RFC 793 reset generation, from the address the packet was sent to (iptables REJECT
    // --reject-with tcp-reset does the same).
    TcpHeader rst;
    rst.SetSourcePort(in.GetDestinationPort());
    rst.SetDestinationPort(in.GetSourcePort());
    if (in.GetFlags() & TcpHeader::ACK)
    {
        rst.SetSequenceNumber(in.GetAckNumber());
        rst.SetFlags(TcpHeader::RST);
    }
    else
    {
        uint32_t consumed = ports.length;
        consumed += (in.GetFlags() & TcpHeader::SYN) ? 1 : 0;
        consumed += (in.GetFlags() & TcpHeader::FIN) ? 1 : 0;
        rst.SetSequenceNumber(SequenceNumber32(0));
        rst.SetAckNumber(in.GetSequenceNumber() + consumed);
        rst.SetFlags(TcpHeader::RST | TcpHeader::ACK);
    }
    rst.SetWindowSize(0);
    if (Node::ChecksumEnabled())
    {
        rst.EnableChecksums();
        rst.InitializeChecksum(hp.header.GetDestination(), hp.header.GetSource(), TCP);
    }
    Ptr<Packet> p = ns3::Create<Packet>();
    p->AddHeader(rst);
    m_node->GetObject<Ipv4>()->Send(
        p, hp.header.GetDestination(), hp.header.GetSource(), TCP, nullptr);
}

} // namespace ns3
