/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CONNECTION_REQUEST_DELAY_H
#define CONNECTION_REQUEST_DELAY_H

#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet-hook-routing.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <set>
#include <tuple>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief Holds each TCP connection request (SYN without ACK) that reaches a node for a random
 * time before the node's TCP sees it.
 *
 * An alternative to SynLossErrorModel for [PROXIM]_'s slow connection setups (a mean of 1.3 s
 * in its modem trace, seen at the ISP without the modems' delays, against RTTs of a tenth of
 * that). A lost SYN costs its client the 3 s connection timeout, so the losses that give that
 * mean delay a quarter of all setups by 3 s or more and leave the others at one RTT. The paper
 * also reports that for 47% of its documents the setup took at least half of the download
 * (§IV.C): more setups were slow, by less. A delay drawn per connection request (a busy
 * server's listen queue, a congested path) gives any such distribution.
 *
 * A delay longer than the client's connection timeout makes the client send its SYN again.
 * With HoldCopies (the default) the connection waits for its first delay: a copy that arrives
 * while the first request is held is dropped, as a busy server's TCP answers a connection
 * once. Each copy drawing a delay of its own instead (HoldCopies false, the only behaviour
 * before 2026-12-07) cuts a heavy tail at the client's retries: the connection is set up by
 * whichever copy comes out first. A held connection (its addresses and ports) is remembered
 * until its request is released, at most MaxPending at once: beyond that a request is held
 * without being remembered (its copies draw their own delays) and counted
 * (GetUnremembered), so that a flood of spoofed SYNs cannot grow the table.
 *
 * Installed on a node's input packet hook (PacketHookRouting), so it sees the packets that
 * reach the node's IP layer, after their link. A packet too short to hold the TCP flags, a
 * fragment after the first, or one that is not TCP passes unchanged. The random variable is
 * drawn only for connection requests.
 */
class ConnectionRequestDelay : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ConnectionRequestDelay();

    /**
     * Hook the delay into a node's input packets (installing the node's PacketHookRouting if
     * it has none). Call it once per node.
     * \param node the node (with an Internet stack)
     */
    void Install(Ptr<Node> node);

    /**
     * Use stream for the delays.
     * \param stream the first stream
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// \return connection requests held (with HoldCopies false, each copy of a retransmitted
    /// SYN counts)
    uint64_t GetRequests() const;
    /// \return the sum of their delays
    Time GetTotalDelay() const;
    /// \return copies of a held request dropped (HoldCopies)
    uint64_t GetCopiesDropped() const;
    /// \return requests held without being remembered: MaxPending were held then
    uint64_t GetUnremembered() const;
    /// \return held connections remembered now
    std::size_t GetPending() const;

    /**
     * \param tcp the start of a TCP segment (its header first), as IPv4 carries it
     * \return whether it holds a connection request: SYN set, ACK clear
     */
    static bool IsConnectionRequest(Ptr<const Packet> tcp);

    /**
     * TracedCallback signature for Delayed.
     * \param tcp the connection request (its TCP header first)
     * \param delay how long it is held
     */
    typedef void (*DelayedTracedCallback)(Ptr<const Packet> tcp, Time delay);

  private:
    /**
     * The input hook: holds a connection request for a drawn delay.
     * \param hp the packet
     * \return PASS always
     */
    PacketHookRouting::Verdict Hook(PacketHookRouting::HookPacket& hp);

    /// A connection: source address, destination address, source and destination ports.
    using Connection = std::tuple<uint32_t, uint32_t, uint16_t, uint16_t>;

    /**
     * Forgets a connection when its request is released.
     * \param c the connection
     */
    void Release(Connection c);

    Ptr<RandomVariableStream> m_delay; //!< seconds, per connection request
    bool m_holdCopies{true};           //!< drop copies of a held request
    uint32_t m_maxPending{0};          //!< held connections remembered at most
    std::set<Connection> m_pending;    //!< held connections, until their release
    uint64_t m_requests{0};            //!< requests held
    uint64_t m_copiesDropped{0};       //!< copies of held requests dropped
    uint64_t m_unremembered{0};        //!< requests held while MaxPending were remembered
    Time m_total;                      //!< their delays summed
    /// A connection request and the delay it was given.
    TracedCallback<Ptr<const Packet>, Time> m_delayedTrace;
};

} // namespace ns3

#endif /* CONNECTION_REQUEST_DELAY_H */
