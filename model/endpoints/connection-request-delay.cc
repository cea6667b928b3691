/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "connection-request-delay.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <array>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ConnectionRequestDelay");
NS_OBJECT_ENSURE_REGISTERED(ConnectionRequestDelay);

TypeId
ConnectionRequestDelay::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::ConnectionRequestDelay")
              .SetParent<Object>()
              .SetGroupName("WebProxy")
              .AddConstructor<ConnectionRequestDelay>()
              .AddAttribute("Delay",
                            "How long each connection request is held, seconds (a negative or "
                            "non-finite draw holds it for no time).",
                            StringValue("ns3::ConstantRandomVariable[Constant=0]"),
                            MakePointerAccessor(&ConnectionRequestDelay::m_delay),
                            MakePointerChecker<RandomVariableStream>())
              .AddAttribute("HoldCopies",
                            "Drop a copy of a connection request that arrives while the "
                            "request is held (the client's retransmitted SYN), so that the "
                            "connection waits for its first delay; false: each copy is held "
                            "for a delay of its own.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&ConnectionRequestDelay::m_holdCopies),
                            MakeBooleanChecker())
              .AddAttribute("MaxPending",
                            "Held connections remembered at once (HoldCopies): beyond that a "
                            "request is held without being remembered, and its copies are held "
                            "for delays of their own.",
                            UintegerValue(65536),
                            MakeUintegerAccessor(&ConnectionRequestDelay::m_maxPending),
                            MakeUintegerChecker<uint32_t>(1))
              .AddTraceSource("Delayed",
                              "A connection request was held: the TCP segment and its delay.",
                              MakeTraceSourceAccessor(&ConnectionRequestDelay::m_delayedTrace),
                              "ns3::ConnectionRequestDelay::DelayedTracedCallback");
    return tid;
}

ConnectionRequestDelay::ConnectionRequestDelay()
{
    NS_LOG_FUNCTION(this);
}

int64_t
ConnectionRequestDelay::AssignStreams(int64_t stream)
{
    m_delay->SetStream(stream);
    return 1;
}

uint64_t
ConnectionRequestDelay::GetRequests() const
{
    return m_requests;
}

Time
ConnectionRequestDelay::GetTotalDelay() const
{
    return m_total;
}

uint64_t
ConnectionRequestDelay::GetCopiesDropped() const
{
    return m_copiesDropped;
}

uint64_t
ConnectionRequestDelay::GetUnremembered() const
{
    return m_unremembered;
}

std::size_t
ConnectionRequestDelay::GetPending() const
{
    return m_pending.size();
}

bool
ConnectionRequestDelay::IsConnectionRequest(Ptr<const Packet> tcp)
{
    // The flags byte only: any packet may be malformed, and nothing else matters here.
    constexpr uint32_t TCP_FLAGS = 13;
    std::array<uint8_t, TCP_FLAGS + 1> b{};
    if (tcp->CopyData(b.data(), b.size()) < b.size())
    {
        return false;
    }
    constexpr uint8_t SYN = 0x02;
    constexpr uint8_t ACK = 0x10;
    return (b[TCP_FLAGS] & (SYN | ACK)) == SYN;
}

void
ConnectionRequestDelay::Install(Ptr<Node> node)
{
    NS_LOG_FUNCTION(this << node);
    // The hook keeps this object alive as long as the node's routing.
    PacketHookRouting::Install(node)->AddHook(
        MakeCallback(&ConnectionRequestDelay::Hook, Ptr<ConnectionRequestDelay>(this)));
}

PacketHookRouting::Verdict
ConnectionRequestDelay::Hook(PacketHookRouting::HookPacket& hp)
{
    constexpr uint8_t TCP = 6;
    if (hp.direction != PacketHookRouting::INPUT || hp.header.GetProtocol() != TCP
        || hp.header.GetFragmentOffset() != 0 || !IsConnectionRequest(hp.packet))
    {
        return PacketHookRouting::PASS;
    }
    Connection c{};
    if (m_holdCopies)
    {
        std::array<uint8_t, 4> ports{}; // IsConnectionRequest found 14 bytes
        hp.packet->CopyData(ports.data(), ports.size());
        c = Connection{hp.header.GetSource().Get(),
                       hp.header.GetDestination().Get(),
                       uint16_t(ports[0] << 8 | ports[1]),
                       uint16_t(ports[2] << 8 | ports[3])};
        if (m_pending.count(c) > 0)
        {
            ++m_copiesDropped;
            NS_LOG_LOGIC("copy of a held connection request dropped");
            return PacketHookRouting::DROP;
        }
    }
    const double seconds = m_delay->GetValue();
    const Time delay = std::isfinite(seconds) && seconds > 0 ? Seconds(seconds) : Time();
    ++m_requests;
    m_total += delay;
    NS_LOG_LOGIC("connection request held " << delay.As(Time::MS));
    m_delayedTrace(hp.packet, delay);
    hp.delay += delay;
    if (m_holdCopies && delay.IsStrictlyPositive())
    {
        if (m_pending.size() < m_maxPending)
        {
            m_pending.insert(c);
            // Forgotten when the request goes on: a copy after that is the client retrying a
            // handshake whose answer was lost, or a new connection, and is held again.
            Simulator::Schedule(
                delay, &ConnectionRequestDelay::Release, Ptr<ConnectionRequestDelay>(this), c);
        }
        else
        {
            ++m_unremembered;
        }
    }
    return PacketHookRouting::PASS;
}

void
ConnectionRequestDelay::Release(Connection c)
{
    m_pending.erase(c);
}

} // namespace ns3
