/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_SWITCH_H
#define DEPOT_SWITCH_H

#include "depot-forwarding-queue.h"
#include "depot-fragment-table.h"
#include "depot-packet-rewriter.h"
#include "depot-reset-sender.h"
#include "depot-session-keeper.h"
#include "depot-syn-filter.h"

#include "ns3/depot-proxy.h"
#include "ns3/depot-scheduler.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/packet-hook-routing.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <functional>
#include <set>

namespace ns3
{

class Ipv4;
class Node;
class TcpHeader;

/**
 * \ingroup web-proxy
 * \brief The depot's packet path: what its routing hook does with each TCP packet.
 *
 * Packets to VIP:port are switched by their session (a SYN without one gets a proxy from the
 * scheduler), the proxies' answers by the reverse lookup; both are tracked, rewritten and
 * delayed by the depot's FIFO; anomalies are dropped, counted and optionally answered with a
 * RST. Later IP fragments get their first fragment's rewrite.
 */
class DepotSwitch
{
  public:
    /// Why a packet was dropped (the values of Depot::DropReason).
    enum DropReason : uint8_t
    {
        NO_SESSION,      //!< non-SYN to the VIP without a session
        OUT_OF_WINDOW,   //!< rejected by window checking
        TABLE_FULL,      //!< MaxSessions reached
        NO_PROXY,        //!< no proxy available
        OVERLOAD,        //!< the depot's queue is full
        FRAGMENT_ORPHAN, //!< a later fragment whose first fragment the depot has not seen
        RST_CHALLENGED,  //!< an in-window RST off the expected sequence number: challenge ACK
        SYN_FILTERED,    //!< a first SYN from an unverified source while the SYN filter is on
        MALFORMED,       //!< a segment with a malformed TCP header
        N_DROP_REASONS
    };

    /// How packets are switched.
    struct Settings
    {
        Ipv4Address vip;                             //!< virtual IP
        const std::set<uint16_t>* services{nullptr}; //!< ports on the VIP (the depot's)
        bool direct{false};                          //!< direct routing (else NAT)
        bool resetNoSession{false};                  //!< RST instead of silent drop
        bool sloppy{false};                          //!< open sessions on mid-session segments
        DepotForwardingQueue::Settings forwarding;   //!< forwarding cost and buffer
        Time fragmentTimeout;                        //!< lifetime of a datagram's rewrite
        uint32_t fragmentLimit{1024};                //!< datagrams remembered at most
        uint32_t vipIdCounters{2048};                //!< IP identification counters of the VIP
        DepotSynFilter::Settings synFilter;          //!< spoofed SYN flood filter
    };

    /// The depot's trace sources that switching fires.
    struct Traces
    {
        TracedCallback<Ipv4Address, uint16_t, uint32_t>* decision;  //!< decision
        TracedCallback<Ptr<const Packet>, uint32_t, bool>* forward; //!< forwarded
        /// dropped (Depot fires its trace with its own DropReason type)
        std::function<void(Ptr<const Packet>, const Ipv4Header&, DropReason)> drop;
    };

    /// Called with a proxy's index when a retransmitted SYN reveals that it did not answer.
    using SynTimeoutCallback = std::function<void(uint32_t)>;

    /**
     * \param proxies the pool
     * \param scheduler the depot's scheduler (read at each decision: it may be replaced)
     * \param sessions the sessions
     * \param traces where switching is reported
     * \param synTimedOut called when a proxy did not answer a SYN
     */
    DepotSwitch(std::vector<DepotProxy>* proxies,
                const Ptr<DepotScheduler>* scheduler,
                DepotSessionKeeper* sessions,
                const Traces& traces,
                SynTimeoutCallback synTimedOut);

    /**
     * Hook into the node's routing.
     * \param node the depot's node
     * \param settings how (direct routing needs every proxy on a service port)
     */
    void Start(Ptr<Node> node, const Settings& settings);

    /// Leave the node's routing.
    void Stop();

    /// Forget the fragments, rewrites and queue (the depot failed).
    void Clear();

    /// Leave the node's routing and release it.
    void Dispose();

    /**
     * The packet hook.
     * \param hp the packet
     * \return the verdict
     */
    PacketHookRouting::Verdict Hook(PacketHookRouting::HookPacket& hp);

    /**
     * Process a mirrored packet (hot standby) as if the hook had received it.
     * \param packet an IPv4 packet with its header (link padding allowed)
     */
    void Observe(Ptr<const Packet> packet);

    /**
     * Remove the sessions of a failed proxy.
     * \param index the proxy
     * \param resetClients send their clients a RST from VIP:port (not as a standby)
     */
    void Scrap(uint32_t index, bool resetClients);

    /**
     * \param standby track only: forward nothing, send no RST (see Depot::SetStandby); on
     *        leaving standby, SYN_SENT sessions opened before are not blamed on their proxy
     */
    void SetStandby(bool standby);

    /// \return whether the depot is a standby
    bool IsStandby() const
    {
        return m_standby;
    }

    /// \param reason a reason \return packets dropped for it
    uint64_t GetDropCount(uint8_t reason) const
    {
        return m_drops.at(reason);
    }

    /// \return packets forwarded (both directions)
    uint64_t GetForwardedCount() const
    {
        return m_forwarded;
    }

    /// \return the forwarding cost and buffer
    const DepotForwardingQueue& GetQueue() const
    {
        return m_queue;
    }

    /// \return RSTs sent
    uint64_t GetResetsSent() const
    {
        return m_resets.GetCount();
    }

    /// \return challenge ACKs sent
    uint64_t GetChallengeAcksSent() const
    {
        return m_resets.GetChallengeCount();
    }

    /// \return the fragmented datagrams' table
    const DepotFragmentTable& GetFragments() const
    {
        return m_fragments;
    }

    /// \return the spoofed SYN flood filter
    DepotSynFilter& GetSynFilter()
    {
        return m_synFilter;
    }

    /// \return the packet rewriter (its identification counters)
    const DepotPacketRewriter& GetRewriter() const
    {
        return m_rewriter;
    }

    /// \return the spoofed SYN flood filter
    const DepotSynFilter& GetSynFilter() const
    {
        return m_synFilter;
    }

    /// \param reason a reason \return its name
    static const char* DropReasonName(uint8_t reason);

  private:
    /**
     * What Hook does for a TCP packet that is not a later fragment.
     * \param hp the packet
     * \return the verdict
     */
    PacketHookRouting::Verdict HookSegment(PacketHookRouting::HookPacket& hp);

    /**
     * A first fragment: switched as a segment, its rewrite remembered for the others.
     * \param hp the fragment
     * \return the verdict
     */
    PacketHookRouting::Verdict FirstFragment(PacketHookRouting::HookPacket& hp);

    /**
     * A later fragment (offset > 0) of a TCP datagram: the rewrite of its first fragment.
     * \param hp the fragment
     * \return the verdict
     */
    PacketHookRouting::Verdict LaterFragment(PacketHookRouting::HookPacket& hp);

    /**
     * A packet to VIP:port.
     * \param hp the packet
     * \param tcp its TCP header (removed from hp.packet)
     * \return the verdict
     */
    PacketHookRouting::Verdict FromClient(PacketHookRouting::HookPacket& hp, TcpHeader& tcp);

    /**
     * A packet of a session from its proxy.
     * \param hp the packet
     * \param tcp its TCP header (removed from hp.packet)
     * \param s the session
     * \return the verdict
     */
    PacketHookRouting::Verdict FromProxy(PacketHookRouting::HookPacket& hp,
                                         TcpHeader& tcp,
                                         DepotSession* s);

    /**
     * Choose a proxy and open a session.
     * \param hp the SYN
     * \param tcp its header
     * \param reason set when no session is opened
     * \return the session, or nullptr
     */
    DepotSession* Open(const PacketHookRouting::HookPacket& hp,
                       const TcpHeader& tcp,
                       DropReason* reason);

    /**
     * NoSessionAction sloppy: open a session for a proxy's segment without one when the
     * scheduler maps the flow (on some service port) to that proxy.
     * \param hp the segment
     * \param tcp its TCP header
     * \return the session or nullptr
     */
    DepotSession* AdoptReply(const PacketHookRouting::HookPacket& hp, const TcpHeader& tcp);

    /**
     * \param hp a segment without a session
     * \param tcp its TCP header
     * \return whether it comes from a proxy's service port and is not for this node
     */
    bool IsOrphanReply(const PacketHookRouting::HookPacket& hp, const TcpHeader& tcp) const;

    /// \param address an address \return whether a proxy has it
    bool IsProxy(Ipv4Address address) const;

    /**
     * What a tracked segment's result means for it.
     * \param s its session
     * \param r the tracker's result
     * \param fromClient direction
     * \return the drop reason, or N_DROP_REASONS to forward it (a RST in the receiver's
     *         window gets a challenge ACK here)
     */
    DropReason Judged(const DepotSession& s, TcpStateTracker::Result r, bool fromClient);

    /**
     * The forwarding queue's verdict on a packet (none for a standby, which forwards nothing).
     * \param hp the packet (its TCP header removed when tcpHeaderBytes is not 0)
     * \param tcpHeaderBytes the removed TCP header's size
     * \return its delay, or a negative time if the buffer is full
     */
    Time Admit(const PacketHookRouting::HookPacket& hp, uint32_t tcpHeaderBytes);

    /**
     * Drop a packet.
     * \param hp the packet
     * \param reason why
     * \return CONSUME
     */
    PacketHookRouting::Verdict Drop(const PacketHookRouting::HookPacket& hp, DropReason reason);

    /**
     * Count and trace a forwarded packet (not by a standby).
     * \param hp the packet
     * \param proxy the session's proxy
     * \param toProxy direction
     */
    void Forwarded(const PacketHookRouting::HookPacket& hp, uint32_t proxy, bool toProxy);

    std::vector<DepotProxy>* m_proxies;     //!< the pool
    const Ptr<DepotScheduler>* m_scheduler; //!< the depot's scheduler
    DepotSessionKeeper* m_sessions;         //!< the sessions
    Traces m_traces;                        //!< the depot's traces
    SynTimeoutCallback m_synTimedOut;       //!< proxies that did not answer a SYN
    Settings m_settings;                    //!< how
    Ptr<Ipv4> m_ipv4;                       //!< node's Ipv4
    Ptr<PacketHookRouting> m_hook;          //!< node's hook
    uint32_t m_hookId{0};                   //!< our hook's id
    bool m_standby{false};                  //!< standby: track, do not forward
    /// the tracker's result on the segment being switched (N_RESULTS: none), which a first
    /// fragment's rewrite keeps for its last fragment
    TcpStateTracker::Result m_lastTracked{TcpStateTracker::N_RESULTS};
    DepotForwardingQueue m_queue;                   //!< forwarding cost and buffer
    DepotPacketRewriter m_rewriter;                 //!< rewrites the packets
    DepotFragmentTable m_fragments;                 //!< fragmented datagrams
    std::array<uint64_t, N_DROP_REASONS> m_drops{}; //!< per reason
    uint64_t m_forwarded{0};                        //!< packets forwarded
    DepotSynFilter m_synFilter;                     //!< spoofed SYN flood filter
    DepotResetSender m_resets;                      //!< RSTs
};

} // namespace ns3

#endif // DEPOT_SWITCH_H
