/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-switch.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header-check.h"
#include "ns3/tcp-header.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DepotSwitch");

namespace
{
constexpr uint8_t TCP_PROTOCOL = 6;
} // namespace

DepotSwitch::DepotSwitch(std::vector<DepotProxy>* proxies,
                         const Ptr<DepotScheduler>* scheduler,
                         DepotSessionKeeper* sessions,
                         const Traces& traces,
                         SynTimeoutCallback synTimedOut)
    : m_proxies(proxies)
    , m_scheduler(scheduler)
    , m_sessions(sessions)
    , m_traces(traces)
    , m_synTimedOut(std::move(synTimedOut))
{}

void
DepotSwitch::Start(Ptr<Node> node, const Settings& settings)
{
    m_ipv4 = node->GetObject<Ipv4>();
    m_resets.Start(m_ipv4);
    m_settings = settings;
    m_rewriter.Configure(m_settings.vip, m_settings.direct, m_settings.vipIdCounters);
    m_fragments.SetTimeout(m_settings.fragmentTimeout);
    m_fragments.SetLimit(m_settings.fragmentLimit);
    m_queue.Configure(m_settings.forwarding);
    m_synFilter.Configure(m_settings.synFilter);
    m_sessions->SetHalfOpenCallback(
        [this](const DepotSession& s)
        {
            if (!m_settings.direct && !m_standby)
            {
                m_resets.ResetHalfOpen(s);
            }
        });
    m_hook = PacketHookRouting::Install(node);
    m_hookId = m_hook->AddHook(MakeCallback(&DepotSwitch::Hook, this));
    if (m_settings.direct)
    {
        for (const DepotProxy& p : *m_proxies)
        {
            NS_ABORT_MSG_IF(m_settings.services->count(p.port) == 0,
                            "Depot: direct routing cannot change ports, but proxy "
                                << p.address << " listens on " << p.port
                                << ", which is not a service port of the VIP");
        }
    }
}

void
DepotSwitch::Stop()
{
    m_fragments.Clear(); // its timer stops with the depot
    if (m_hook)
    {
        m_hook->RemoveHook(m_hookId);
    }
}

void
DepotSwitch::Clear()
{
    m_queue.Clear();
    m_fragments.Clear();
    m_rewriter.Clear();
}

void
DepotSwitch::Dispose()
{
    Stop(); // the hook holds a callback to this object
    m_hook = nullptr;
    m_ipv4 = nullptr;
    m_resets.Dispose();
}

void
DepotSwitch::SetStandby(bool standby)
{
    if (m_standby && !standby)
    {
        m_sessions->SetActiveSince(Simulator::Now());
    }
    m_standby = standby;
}

const char*
DepotSwitch::DropReasonName(uint8_t reason)
{
    static const char* names[] = {"no-session",
                                  "out-of-window",
                                  "table-full",
                                  "no-proxy",
                                  "overload",
                                  "fragment-orphan",
                                  "rst-challenged",
                                  "syn-filtered",
                                  "malformed"};
    return reason < N_DROP_REASONS ? names[reason] : "?";
}

PacketHookRouting::Verdict
DepotSwitch::Hook(PacketHookRouting::HookPacket& hp)
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
    return FirstFragment(hp);
}

bool
DepotSwitch::IsProxy(Ipv4Address address) const
{
    return std::any_of(m_proxies->begin(),
                       m_proxies->end(),
                       [&](const DepotProxy& p) { return p.address == address; });
}

PacketHookRouting::Verdict
DepotSwitch::FirstFragment(PacketHookRouting::HookPacket& hp)
{
    // It holds the TCP header: switched as a segment, what it got kept for the other fragments.
    const Ipv4Header before = hp.header;
    if (!m_rewriter.BeginFirstFragment(hp.packet))
    {
        return PacketHookRouting::PASS; // no room for a TCP header: not a segment we know
    }
    m_lastTracked = TcpStateTracker::N_RESULTS;
    const PacketHookRouting::Verdict v = HookSegment(hp);
    m_rewriter.EndFirstFragment();
    if (v != PacketHookRouting::PASS)
    {
        return v; // dropped: its later fragments will be orphans
    }
    DepotFragmentRewrite r;
    if (const DepotFragmentRewrite* switched = m_rewriter.GetFirstFragmentRewrite())
    {
        r = *switched;
        r.tracked = TcpStateTracker::Accepted(m_lastTracked);
        if (!m_standby)
        {
            m_fragments.CountFirst();
        }
    }
    else
    {
        // Passed as is. Remembered only when its later fragments could be mistaken for a
        // session's (to the VIP or from a proxy), so that they are not dropped as orphans.
        if (before.GetDestination() != m_settings.vip && !IsProxy(before.GetSource()))
        {
            return v;
        }
        r.source = before.GetSource();
        r.destination = before.GetDestination();
        r.id = before.GetIdentification();
    }
    m_fragments.Remember(before, r);
    return v;
}

PacketHookRouting::Verdict
DepotSwitch::LaterFragment(PacketHookRouting::HookPacket& hp)
{
    DepotFragmentRewrite* found = m_fragments.Find(hp.header);
    if (!found)
    {
        // Without its first fragment the depot cannot tell the session (the ports are there).
        // A fragment to the VIP would be delivered to this node, one from a proxy would reach
        // the client with the proxy's address: neither can be reassembled, so they are dropped
        // (as an IPVS director whose reassembly fails). Other traffic is routed as usual.
        const bool toVip = hp.header.GetDestination() == m_settings.vip;
        const bool fromProxy = m_ipv4->GetInterfaceForAddress(hp.header.GetDestination()) < 0
                            && IsProxy(hp.header.GetSource());
        if (toVip || fromProxy)
        {
            return Drop(hp, FRAGMENT_ORPHAN);
        }
        return PacketHookRouting::PASS;
    }
    DepotFragmentRewrite& r = *found;
    const bool complete = DepotFragmentTable::Account(r, hp.header);
    const uint32_t total = hp.header.GetFragmentOffset() + hp.header.GetPayloadSize();
    // The tracker saw (and took) only the first fragment's data: the segment ends here.
    if (hp.header.IsLastFragment() && r.switched && r.tracked && !m_settings.direct
        && total >= r.tcpHeaderLength)
    {
        if (DepotSession* s = m_sessions->GetTable().Find(
                r.client, r.clientPort, m_settings.vip.Get(), r.virtualPort))
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
    if (!r.switched)
    {
        if (complete)
        {
            m_fragments.Forget(hp.header);
        }
        return PacketHookRouting::PASS;
    }
    const Time delay = Admit(hp, 0);
    if (delay.IsStrictlyNegative())
    {
        return Drop(hp, OVERLOAD);
    }
    const Ipv4Header arrived = hp.header; // the datagram's key
    hp.header.SetSource(r.source);
    hp.header.SetDestination(r.destination);
    hp.header.SetIdentification(r.id);
    hp.nextHop = r.nextHop;
    hp.delay += delay;
    if (!m_standby)
    {
        m_fragments.CountLater(r.toProxy);
    }
    Forwarded(hp, r.proxy, r.toProxy);
    if (complete)
    {
        m_fragments.Forget(arrived);
    }
    return PacketHookRouting::PASS;
}

PacketHookRouting::Verdict
DepotSwitch::HookSegment(PacketHookRouting::HookPacket& hp)
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
    // ns-3's TcpHeader reads a short header past its end and aborts on a bad option length
    // (found by fuzz-depot-packets): such a segment of ours is dropped.
    const bool malformed = !TcpHeaderCheck::IsReadable(hp.packet);
    TcpHeader tcp;
    if (hp.header.GetDestination() == m_settings.vip
        && m_settings.services->count(destinationPort) != 0)
    {
        if (malformed)
        {
            return Drop(hp, MALFORMED);
        }
        hp.packet->RemoveHeader(tcp);
        return FromClient(hp, tcp);
    }
    DepotSessionTable& table = m_sessions->GetTable();
    if (table.Size() == 0 && !m_settings.sloppy)
    {
        return PacketHookRouting::PASS;
    }
    DepotSession* s = table.FindReverse(
        hp.header.GetSource().Get(), sourcePort, hp.header.GetDestination().Get(), destinationPort);
    if (malformed)
    {
        return s ? Drop(hp, MALFORMED) : PacketHookRouting::PASS;
    }
    if (!s && (m_settings.sloppy || m_settings.resetNoSession))
    {
        hp.packet->PeekHeader(tcp);
    }
    if (!s && m_settings.sloppy)
    {
        s = AdoptReply(hp, tcp);
    }
    if (!s && m_settings.resetNoSession && IsOrphanReply(hp, tcp))
    {
        // The client's connection went with the session (e.g. a failover): reset both ends
        // instead of routing the proxy's segment to the client with the proxy's address; only
        // the proxy if the client's port is live with another proxy (a late SYN-ACK).
        if (!m_standby && !(tcp.GetFlags() & TcpHeader::RST))
        {
            const bool clientLive = m_settings.services->size() == 1
                                 && table.Find(hp.header.GetDestination().Get(),
                                               tcp.GetDestinationPort(),
                                               m_settings.vip.Get(),
                                               *m_settings.services->begin())
                                        != nullptr;
            m_resets.ResetOrphan(hp.header, tcp, m_settings.vip, *m_settings.services, !clientLive);
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
DepotSwitch::Admit(const PacketHookRouting::HookPacket& hp, uint32_t tcpHeaderBytes)
{
    if (m_standby)
    {
        // A hot replica monitors and forwards nothing ([Depot] §4: the two have "virtually
        // identical TCP state"). Through a buffer of its own it lost other packets than the
        // master's, where the master is busiest, and a takeover broke those connections.
        return Time(0);
    }
    return m_queue.Admit(hp.header.GetSerializedSize() + tcpHeaderBytes + hp.packet->GetSize());
}

PacketHookRouting::Verdict
DepotSwitch::Drop(const PacketHookRouting::HookPacket& hp, DropReason reason)
{
    ++m_drops[reason];
    NS_LOG_LOGIC("drop " << DropReasonName(reason) << ' ' << hp.header.GetSource() << " > "
                         << hp.header.GetDestination());
    m_traces.drop(hp.packet, hp.header, reason);
    return PacketHookRouting::CONSUME; // counted here, not by the hook's generic drop trace
}

void
DepotSwitch::Forwarded(const PacketHookRouting::HookPacket& hp, uint32_t proxy, bool toProxy)
{
    if (!m_standby)
    {
        ++m_forwarded;
        (*m_traces.forward)(hp.packet, proxy, toProxy);
    }
}

DepotSession*
DepotSwitch::Open(const PacketHookRouting::HookPacket& hp, const TcpHeader& tcp, DropReason* reason)
{
    const DepotScheduler::Flow flow{hp.header.GetSource(),
                                    tcp.GetSourcePort(),
                                    hp.header.GetDestination(),
                                    tcp.GetDestinationPort()};
    if ((tcp.GetFlags() & TcpHeader::SYN)
        && m_synFilter.Admit(flow.client.Get(),
                             flow.clientPort,
                             flow.vip.Get(),
                             flow.vport,
                             tcp.GetSequenceNumber().GetValue(),
                             m_sessions->GetHalfOpenCount())
               == DepotSynFilter::FILTERED)
    {
        *reason = SYN_FILTERED;
        return nullptr;
    }
    if (!m_sessions->MakeRoom())
    {
        *reason = TABLE_FULL;
        return nullptr;
    }
    const Ptr<DepotScheduler> scheduler = *m_scheduler;
    const int32_t i = scheduler->Select(*m_proxies, flow);
    NS_ABORT_MSG_IF(i >= static_cast<int32_t>(m_proxies->size())
                        || (i >= 0 && !DepotScheduler::Available((*m_proxies)[i])),
                    "Depot: scheduler " << scheduler->GetInstanceTypeId().GetName()
                                        << " chose unavailable proxy " << i);
    if (i < 0)
    {
        *reason = NO_PROXY;
        return nullptr;
    }
    DepotSession* s = m_sessions->Open(flow, i);
    if (!s)
    {
        // NAT conflict: the proxy already has this client port (for another service port).
        *reason = NO_PROXY;
        return nullptr;
    }
    (*m_traces.decision)(flow.client, flow.clientPort, i);
    return s;
}

PacketHookRouting::Verdict
DepotSwitch::FromClient(PacketHookRouting::HookPacket& hp, TcpHeader& tcp)
{
    const Time delay = Admit(hp, tcp.GetSerializedSize());
    if (delay.IsStrictlyNegative())
    {
        hp.packet->AddHeader(tcp);
        return Drop(hp, OVERLOAD);
    }
    const uint8_t flags = tcp.GetFlags();
    const bool syn = (flags & (TcpHeader::SYN | TcpHeader::ACK | TcpHeader::RST)) == TcpHeader::SYN;
    const uint32_t length = hp.packet->GetSize();
    DepotSession* s = m_sessions->GetTable().Find(hp.header.GetSource().Get(),
                                                  tcp.GetSourcePort(),
                                                  m_settings.vip.Get(),
                                                  tcp.GetDestinationPort());
    if (s && syn)
    {
        const bool closed = s->timerState == TcpStateTracker::S_TIME_WAIT
                         || s->timerState == TcpStateTracker::S_CLOSE;
        const bool unanswered = !m_settings.direct && s->ends[1].state == TcpStateTracker::LISTEN
                             && Simulator::Now() - TimeStep(s->created)
                                    >= m_sessions->GetTimeout(TcpStateTracker::S_SYN_SENT);
        if (closed)
        {
            m_sessions->Close(s, false); // the client reuses the port: a new session
            s = nullptr;
        }
        else if (unanswered)
        {
            const uint32_t dead = s->proxyIndex;
            // A standby that took over saw SYNs the failed depot may never have forwarded.
            const bool inherited = m_sessions->IsInherited(*s);
            m_sessions->Close(s, true);
            s = nullptr;
            if (!inherited)
            {
                m_synTimedOut(dead); // the retransmitted SYN goes to a live proxy
            }
        }
    }
    if (!s)
    {
        if (!syn && !(m_settings.sloppy && !(flags & TcpHeader::RST)))
        {
            hp.packet->AddHeader(tcp);
            if (m_settings.resetNoSession && !m_standby && !(flags & TcpHeader::RST))
            {
                m_resets.Answer(hp.header, tcp, length);
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
            m_sessions->MarkSloppy(s);
        }
    }
    m_lastTracked = m_sessions->Track(s, tcp, length, true);
    if (const DropReason r = Judged(*s, m_lastTracked, true); r != N_DROP_REASONS)
    {
        hp.packet->AddHeader(tcp);
        return Drop(hp, r);
    }
    m_rewriter.ToProxy(hp, tcp, *s, (*m_proxies)[s->proxyIndex]);
    hp.delay += delay;
    Forwarded(hp, s->proxyIndex, true);
    return PacketHookRouting::PASS;
}

PacketHookRouting::Verdict
DepotSwitch::FromProxy(PacketHookRouting::HookPacket& hp, TcpHeader& tcp, DepotSession* s)
{
    const Time delay = Admit(hp, tcp.GetSerializedSize());
    if (delay.IsStrictlyNegative())
    {
        hp.packet->AddHeader(tcp);
        return Drop(hp, OVERLOAD);
    }
    const uint32_t proxy = s->proxyIndex;
    m_lastTracked = m_sessions->Track(s, tcp, hp.packet->GetSize(), false);
    if (const DropReason r = Judged(*s, m_lastTracked, false); r != N_DROP_REASONS)
    {
        hp.packet->AddHeader(tcp);
        return Drop(hp, r);
    }
    m_rewriter.ToClient(hp, tcp, *s, (*m_proxies)[proxy]);
    hp.delay += delay;
    Forwarded(hp, proxy, false);
    return PacketHookRouting::PASS;
}

DepotSwitch::DropReason
DepotSwitch::Judged(const DepotSession& s, TcpStateTracker::Result r, bool fromClient)
{
    if (r == TcpStateTracker::RST_CHALLENGE && !m_standby)
    {
        m_resets.Challenge(s, fromClient);
    }
    return r == TcpStateTracker::OUT_OF_WINDOW ? OUT_OF_WINDOW
         : r == TcpStateTracker::RST_CHALLENGE ? RST_CHALLENGED
                                               : N_DROP_REASONS;
}

void
DepotSwitch::Observe(Ptr<const Packet> packet)
{
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

void
DepotSwitch::Scrap(uint32_t index, bool resetClients)
{
    for (DepotSession* s : m_sessions->SessionsOf(index))
    {
        if (resetClients && !m_standby)
        {
            m_resets.ResetClient(*s);
        }
        m_sessions->Close(s, true);
    }
}

DepotSession*
DepotSwitch::AdoptReply(const PacketHookRouting::HookPacket& hp, const TcpHeader& tcp)
{
    if (tcp.GetFlags() & TcpHeader::RST)
    {
        return nullptr;
    }
    const Ipv4Address vip = m_settings.vip;
    for (uint32_t i = 0; i < m_proxies->size(); ++i)
    {
        const DepotProxy& p = (*m_proxies)[i];
        if (p.address != hp.header.GetSource() || p.port != tcp.GetSourcePort())
        {
            continue;
        }
        for (uint16_t vport : *m_settings.services)
        {
            const DepotScheduler::Flow flow{
                hp.header.GetDestination(), tcp.GetDestinationPort(), vip, vport};
            if (m_sessions->GetTable().Find(flow.client.Get(), flow.clientPort, vip.Get(), vport)
                || (*m_scheduler)->Select(*m_proxies, flow) != static_cast<int32_t>(i))
            {
                continue;
            }
            if (!m_sessions->MakeRoom())
            {
                return nullptr;
            }
            DepotSession* s = m_sessions->Open(flow, i); // its proxy-side key is free
            m_sessions->MarkSloppy(s);
            return s;
        }
    }
    return nullptr;
}

bool
DepotSwitch::IsOrphanReply(const PacketHookRouting::HookPacket& hp, const TcpHeader& tcp) const
{
    if (m_ipv4->GetInterfaceForAddress(hp.header.GetDestination()) >= 0)
    {
        return false; // to the depot itself (health checks)
    }
    for (const auto& p : *m_proxies)
    {
        if (p.address == hp.header.GetSource() && p.port == tcp.GetSourcePort())
        {
            return true;
        }
    }
    return false;
}

} // namespace ns3
