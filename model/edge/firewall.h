/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FIREWALL_H
#define FIREWALL_H

#include "firewall-rule.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet-hook-routing.h"
#include "ns3/tcp-state-tracker.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <list>
#include <map>
#include <set>
#include <vector>

namespace ns3
{

class Node;
class Packet;
struct TransportFields;

/**
 * \ingroup web-proxy
 * A stateful packet filter on a node's packet hook (PacketHookRouting), for the node that
 * joins an inside network to the outside.
 *
 * Every received packet is classified by the interface it arrived on: from an inside
 * interface it goes OUT, from any other IN. A packet of a tracked flow passes (its TCP
 * segments move the flow's state, judged by TcpStateTracker); any other packet meets the
 * rules in order, the first match deciding; without a match, IN is denied and OUT allowed.
 * An allowed TCP SYN or UDP datagram that starts a flow gets an entry in the state table,
 * so that the replies pass. The node's own packets (OUTPUT) are never filtered, but start
 * flows too.
 *
 * The table is bounded (MaxEntries). When it is full, a new flow evicts the oldest
 * half-open entry (TCP before its handshake completed, UDP not yet answered), as Linux's
 * conntrack early drop does; without one, the new flow's packet is dropped. Every entry
 * expires on its own timer, whose length follows the flow's state. A RST removes an entry
 * only at the sequence number the receiver would accept (RFC 5961); others are dropped.
 *
 * IP fragments other than the first carry no ports and are dropped (counted). ICMP is not
 * tracked: ICMP answers to flows need a rule.
 */
class Firewall : public Object
{
  public:
    /// The rule index reported for packets that passed as part of a tracked flow.
    static constexpr int32_t STATE = -1;
    /// The rule index reported for packets decided by the default policy.
    static constexpr int32_t DEFAULT_POLICY = -2;

    /// Counts of what the firewall did.
    struct Counters
    {
        uint64_t accepted{0};   //!< packets passed
        uint64_t dropped{0};    //!< packets dropped (rejected ones included)
        uint64_t rejected{0};   //!< packets answered with a RST or ICMP
        uint64_t invalidRst{0}; //!< RSTs dropped for their sequence number
        uint64_t invalid{0};    //!< other segments dropped by the state check
        uint64_t tableFull{0};  //!< new flows dropped: table full, nothing to evict
        uint64_t evicted{0};    //!< half-open entries evicted for a new flow
        uint64_t expired{0};    //!< entries ended by their timer
        uint64_t fragments{0};  //!< non-first fragments dropped
        uint64_t flows{0};      //!< entries created
    };

    /// Trace signature: packet (transport header first), its IP header, the deciding rule.
    using DecisionTracedCallback = void (*)(Ptr<const Packet>, const Ipv4Header&, int32_t);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    Firewall();
    ~Firewall() override;

    /**
     * Declare an interface (index in the node's Ipv4) as inside.
     * \param interface the interface index
     */
    void AddInsideInterface(uint32_t interface);

    /**
     * Append a rule (aborts naming the problem when FirewallRule::Validate finds one).
     * \param rule the rule
     * \return its index
     */
    uint32_t AddRule(const FirewallRule& rule);

    /// \return the number of rules
    uint32_t GetNRules() const;

    /**
     * \param i a rule index
     * \return the packets it decided
     */
    uint64_t GetRuleHits(uint32_t i) const;

    /**
     * Attach to a node: install its packet hook and register the filter. Aborts without an
     * inside interface or when an inside interface does not exist.
     * \param node the node
     */
    void Install(Ptr<Node> node);

    /// \return the counters
    const Counters& GetCounters() const;

    /// \return the entries in the state table
    uint32_t GetNEntries() const;

    /// \return the half-open entries in the state table
    uint32_t GetNHalfOpen() const;

    /**
     * Forget every tracked flow, as `conntrack -F` does: their timers are cancelled, and their
     * next packets meet the rules as new ones (an established TCP flow's next segment is not
     * an opening SYN, so inbound it is denied unless a rule allows it). Rules, rule hits and
     * counters stay.
     */
    void Flush();

  protected:
    /// Cancels the entries' timers and leaves the node's hook.
    void DoDispose() override;

  private:
    /// A flow, as its first packet went: initiator first.
    struct Key
    {
        uint32_t initiator;     //!< initiator address
        uint32_t responder;     //!< responder address
        uint16_t initiatorPort; //!< initiator port
        uint16_t responderPort; //!< responder port
        uint8_t protocol;       //!< 6 or 17

        /// \param o another key \return ordering for the map
        bool operator<(const Key& o) const;
    };

    /// A tracked flow.
    struct Entry
    {
        TcpStateTracker::End ends[2];      //!< initiator, responder (TCP)
        bool replied{false};               //!< the responder sent something
        Time deadline;                     //!< expires then
        Time scheduled;                    //!< when its timer fires
        EventId timer;                     //!< its timer
        std::list<Key>::iterator halfOpen; //!< position in m_halfOpen, if half-open
        bool isHalfOpen{false};            //!< in m_halfOpen
    };

    using Table = std::map<Key, Entry>;

    /// What the hook decided about a packet.
    struct Decision
    {
        bool pass;    //!< pass or drop
        int32_t rule; //!< deciding rule, STATE or DEFAULT_POLICY
    };

    /**
     * The hook.
     * \param hp the packet
     * \return PASS or DROP
     */
    PacketHookRouting::Verdict Hook(PacketHookRouting::HookPacket& hp);

    /**
     * Decide about a received packet.
     * \param hp the packet
     * \return the decision
     */
    Decision Filter(PacketHookRouting::HookPacket& hp);

    /**
     * Track a packet of the node's own (never dropped).
     * \param hp the packet
     */
    void TrackOwn(PacketHookRouting::HookPacket& hp);

    /**
     * Move a tracked flow on with a packet.
     * \param it the entry
     * \param fromInitiator who sent it
     * \param protocol 6 or 17
     * \param fields its transport header
     * \param[out] restart the packet is a SYN that starts the flow anew (entry erased)
     * \return true if the packet passes
     */
    bool Track(Table::iterator it,
               bool fromInitiator,
               uint8_t protocol,
               const TransportFields& fields,
               bool& restart);

    /**
     * Create an entry for a new flow (evicting a half-open one when full).
     * \param key the flow
     * \param fields its first packet's transport header
     * \return false when the table is full with nothing to evict
     */
    bool Create(const Key& key, const TransportFields& fields);

    /**
     * Set an entry's timer for its current state.
     * \param it the entry
     * \param protocol 6 or 17
     */
    void Refresh(Table::iterator it, uint8_t protocol);

    /**
     * The timer of an entry fired.
     * \param key the flow
     */
    void Expire(Key key);

    /**
     * Erase an entry (its timer cancelled).
     * \param it the entry
     */
    void Erase(Table::iterator it);

    /**
     * Answer a rejected packet.
     * \param hp the packet
     */
    void Reject(const PacketHookRouting::HookPacket& hp);

    std::vector<FirewallRule> m_rules; //!< in order
    std::vector<uint64_t> m_ruleHits;  //!< per rule
    std::set<uint32_t> m_inside;       //!< inside interfaces
    Ptr<Node> m_node;                  //!< the node
    Ptr<PacketHookRouting> m_hook;     //!< its hook
    uint32_t m_hookId{0};              //!< our registration
    Table m_table;                     //!< the state table
    std::list<Key> m_halfOpen;         //!< half-open entries, oldest first
    Counters m_counters;               //!< counters
    uint32_t m_maxEntries;             //!< table bound
    bool m_windowCheck;                //!< drop out-of-window segments
    Time m_synTimeout;                 //!< half-open TCP
    Time m_establishedTimeout;         //!< established TCP
    Time m_finTimeout;                 //!< one side closed
    Time m_closeHold;                  //!< both closed or reset
    Time m_udpTimeout;                 //!< UDP idle
    TracedCallback<Ptr<const Packet>, const Ipv4Header&, int32_t> m_acceptTrace; //!< passed
    TracedCallback<Ptr<const Packet>, const Ipv4Header&, int32_t> m_dropTrace;   //!< dropped
};

} // namespace ns3

#endif // FIREWALL_H
