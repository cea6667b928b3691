/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "transparent-interceptor.h"

#include "transport-fields.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TransparentInterceptor");
NS_OBJECT_ENSURE_REGISTERED(TransparentInterceptor);

namespace
{
constexpr uint8_t TCP = 6;

/**
 * Put a rewritten TCP header back on its segment, with a checksum over the new addresses
 * when checksums are on.
 */
void
PutBack(Ptr<Packet> p, TcpHeader& tcp, Ipv4Address source, Ipv4Address destination)
{
    if (Node::ChecksumEnabled())
    {
        tcp.EnableChecksums();
        tcp.InitializeChecksum(source, destination, TCP);
    }
    p->AddHeader(tcp);
}
} // namespace

TypeId
TransparentInterceptor::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::TransparentInterceptor")
              .SetParent<Object>()
              .SetGroupName("WebProxy")
              .AddConstructor<TransparentInterceptor>()
              .AddAttribute("InterceptPort",
                            "Destination port of the connections redirected.",
                            UintegerValue(80),
                            MakeUintegerAccessor(&TransparentInterceptor::m_interceptPort),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("ProxyPort",
                            "Port the node's proxy listens on.",
                            UintegerValue(3128),
                            MakeUintegerAccessor(&TransparentInterceptor::m_proxyPort),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("MaxEntries",
                            "Bound of the table of redirected connections; when it is full, "
                            "new connections go to their origin.",
                            UintegerValue(4096),
                            MakeUintegerAccessor(&TransparentInterceptor::m_maxEntries),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("IdleTimeout",
                            "An entry without segments for this long expires.",
                            TimeValue(Seconds(600)),
                            MakeTimeAccessor(&TransparentInterceptor::m_idleTimeout),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("CloseHold",
                            "How long an entry stays after both FINs or a RST.",
                            TimeValue(Seconds(2)),
                            MakeTimeAccessor(&TransparentInterceptor::m_closeHold),
                            MakeTimeChecker(Seconds(0)))
              .AddTraceSource("Intercept",
                              "A connection was redirected to the proxy (client, origin).",
                              MakeTraceSourceAccessor(&TransparentInterceptor::m_interceptTrace),
                              "ns3::TransparentInterceptor::InterceptTracedCallback");
    return tid;
}

TransparentInterceptor::TransparentInterceptor() = default;

TransparentInterceptor::~TransparentInterceptor() = default;

void
TransparentInterceptor::DoDispose()
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
TransparentInterceptor::Install(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node->GetObject<Ipv4>(),
                    "TransparentInterceptor::Install: node "
                        << node->GetId() << " has no Ipv4 (install the internet stack first)");
    NS_ABORT_MSG_IF(node->GetObject<TransparentInterceptor>(),
                    "TransparentInterceptor::Install: node " << node->GetId()
                                                             << " already has an interceptor");
    NS_ABORT_MSG_IF(m_interceptPort == m_proxyPort,
                    "TransparentInterceptor::Install: InterceptPort and ProxyPort are both "
                        << m_proxyPort);
    m_node = node;
    node->AggregateObject(this);
    m_hook = PacketHookRouting::Install(node);
    m_hookId = m_hook->AddHook(MakeCallback(&TransparentInterceptor::Hook, this));
}

const TransparentInterceptor::Counters&
TransparentInterceptor::GetCounters() const
{
    return m_counters;
}

uint32_t
TransparentInterceptor::GetNEntries() const
{
    return m_table.size();
}

void
TransparentInterceptor::Flush()
{
    NS_LOG_FUNCTION(this << m_table.size());
    for (auto& [key, e] : m_table)
    {
        Simulator::Cancel(e.timer);
    }
    m_table.clear();
}

PacketHookRouting::Verdict
TransparentInterceptor::Hook(PacketHookRouting::HookPacket& hp)
{
    if (hp.header.GetProtocol() != TCP || hp.header.GetFragmentOffset() != 0)
    {
        return PacketHookRouting::PASS;
    }
    if (hp.direction == PacketHookRouting::INPUT)
    {
        Input(hp);
        return PacketHookRouting::PASS;
    }
    return Output(hp) ? PacketHookRouting::CONSUME : PacketHookRouting::PASS;
}

void
TransparentInterceptor::Input(PacketHookRouting::HookPacket& hp)
{
    const TransportFields f = TransportFields::Read(hp.packet, TCP);
    if (!f.present || f.dest != m_interceptPort)
    {
        return;
    }
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    const Ipv4Address client = hp.header.GetSource();
    const Ipv4Address origin = hp.header.GetDestination();
    if (ipv4->GetInterfaceForAddress(origin) >= 0 || !hp.inputDevice)
    {
        return; // for the node itself: not passing through
    }
    const Key key{client.Get(), f.source};
    auto it = m_table.find(key);
    if (it != m_table.end() && it->second.origin != origin)
    {
        if (!f.IsOpeningSyn()
            || !(it->second.reset || (it->second.clientFin && it->second.proxyFin)))
        {
            return; // the port is in use towards another origin: not ours
        }
        Simulator::Cancel(it->second.timer); // a closed connection's port reused
        m_table.erase(it);
        it = m_table.end();
    }
    if (it == m_table.end())
    {
        if (!f.IsOpeningSyn())
        {
            return; // a connection that began before the interceptor saw it
        }
        if (m_table.size() >= m_maxEntries)
        {
            ++m_counters.tableFull;
            NS_LOG_INFO("table full: " << client << ":" << f.source << " -> " << origin
                                       << " goes to the origin");
            return;
        }
        const int32_t iface = ipv4->GetInterfaceForDevice(hp.inputDevice);
        if (iface < 0 || ipv4->GetNAddresses(iface) == 0)
        {
            return; // no address of ours for the proxy's side of the connection
        }
        Entry e;
        e.origin = origin;
        e.local = ipv4->GetAddress(iface, 0).GetLocal();
        it = m_table.emplace(key, e).first;
        ++m_counters.connections;
        m_interceptTrace(client, origin);
    }
    TcpHeader tcp;
    hp.packet->RemoveHeader(tcp);
    tcp.SetDestinationPort(m_proxyPort);
    hp.header.SetDestination(it->second.local);
    PutBack(hp.packet, tcp, client, it->second.local);
    ++m_counters.toProxy;
    Touch(it, tcp.GetFlags(), true);
}

bool
TransparentInterceptor::Output(PacketHookRouting::HookPacket& hp)
{
    const TransportFields f = TransportFields::Read(hp.packet, TCP);
    if (!f.present || f.source != m_proxyPort)
    {
        return false;
    }
    const Ipv4Address client = hp.header.GetDestination();
    auto it = m_table.find(Key{client.Get(), f.dest});
    if (it == m_table.end() || hp.header.GetSource() != it->second.local)
    {
        return false; // an explicit client of the proxy
    }
    Ptr<Packet> p = hp.packet->Copy();
    TcpHeader tcp;
    p->RemoveHeader(tcp);
    tcp.SetSourcePort(m_interceptPort);
    const Ipv4Address origin = it->second.origin;
    PutBack(p, tcp, origin, client);
    ++m_counters.toClient;
    Touch(it, tcp.GetFlags(), false);
    m_node->GetObject<Ipv4>()->Send(p, origin, client, TCP, nullptr);
    return true;
}

void
TransparentInterceptor::Touch(Table::iterator it, uint8_t flags, bool fromClient)
{
    Entry& e = it->second;
    if (flags & TcpHeader::FIN)
    {
        (fromClient ? e.clientFin : e.proxyFin) = true;
    }
    if ((flags & TcpHeader::RST) && !fromClient)
    {
        // Only the proxy's own RST ends the entry early: a client's may be spoofed, and the
        // proxy's TCP judges it.
        e.reset = true;
    }
    const Time timeout = (e.reset || (e.clientFin && e.proxyFin)) ? m_closeHold : m_idleTimeout;
    e.deadline = Simulator::Now() + timeout;
    if (e.timer.IsExpired() || e.deadline < e.scheduled)
    {
        Simulator::Cancel(e.timer);
        e.scheduled = e.deadline;
        e.timer = Simulator::Schedule(timeout, &TransparentInterceptor::Expire, this, it->first);
    }
}

void
TransparentInterceptor::Expire(Key key)
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
        e.timer = Simulator::Schedule(
            e.deadline - Simulator::Now(), &TransparentInterceptor::Expire, this, key);
        return;
    }
    ++m_counters.expired;
    m_table.erase(it);
}

} // namespace ns3
