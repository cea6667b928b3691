/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TRANSPARENT_INTERCEPTOR_H
#define TRANSPARENT_INTERCEPTOR_H

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet-hook-routing.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <utility>

namespace ns3
{

class Node;

/**
 * \ingroup web-proxy
 * Transparent interception of web traffic on a backbone node, as ISPs' forward proxies are
 * deployed ([ProxyTeller]'s setting): TCP connections to port InterceptPort that pass
 * through the node are redirected to the proxy listening on ProxyPort of the node itself,
 * and the proxy's answers leave with the origin's address and port as their source, so the
 * client believes it talks to the origin. The proxy (a ProxyCache with Intercepting set)
 * routes the origin-form requests by their Host field.
 *
 * Only connections whose SYN passes the node are taken: a connection the table has not
 * seen (it began before, or the table was full) goes on to its origin untouched. Input
 * segments of a taken connection get the node's address (of the interface they arrived
 * on) and ProxyPort as destination. ns-3 builds the IP header of the proxy's segments after
 * the route lookup, where output hooks run, so the interceptor takes those segments there
 * and sends them again with the origin's address as source (Ipv4L3Protocol counts the
 * taken original in its Drop trace as DROP_NO_ROUTE). TCP checksums are recomputed when
 * checksums are enabled. IP fragments are not redirected.
 *
 * The table (client address and port -> origin) is bounded (MaxEntries); an entry expires
 * after IdleTimeout without segments, or CloseHold after both FINs or a RST from the proxy
 * (a client's RST may be spoofed: the proxy's TCP judges it).
 */
class TransparentInterceptor : public Object
{
  public:
    /// Counts of what the interceptor did.
    struct Counters
    {
        uint64_t connections{0}; //!< connections redirected
        uint64_t toProxy{0};     //!< client segments redirected to the proxy
        uint64_t toClient{0};    //!< proxy segments sent with the origin's address
        uint64_t tableFull{0};   //!< SYNs left to their origin: table full
        uint64_t expired{0};     //!< entries ended by their timer
    };

    /// Trace signature: a connection was redirected (client, origin).
    using InterceptTracedCallback = void (*)(Ipv4Address client, Ipv4Address origin);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TransparentInterceptor();
    ~TransparentInterceptor() override;

    /**
     * Attach to a node: install its packet hook and register the interceptor.
     * \param node the node (with the proxy listening on ProxyPort)
     */
    void Install(Ptr<Node> node);

    /// \return the counters
    const Counters& GetCounters() const;

    /// \return the entries in the table
    uint32_t GetNEntries() const;

    /**
     * Forget every redirected connection (a restart of the interceptor): their timers are
     * cancelled, and their next segments, being no opening SYNs, go on to their origins.
     * Counters stay.
     */
    void Flush();

  protected:
    /// Cancels the entries' timers and leaves the node's hook.
    void DoDispose() override;

  private:
    /// A redirected connection.
    struct Entry
    {
        Ipv4Address origin;    //!< where the client sent it
        Ipv4Address local;     //!< the node's address the proxy sees
        bool clientFin{false}; //!< the client sent its FIN
        bool proxyFin{false};  //!< the proxy sent its FIN
        bool reset{false};     //!< the proxy sent a RST
        Time deadline;         //!< expires then
        Time scheduled;        //!< when its timer fires
        EventId timer;         //!< its timer
    };

    /// Client address and port.
    using Key = std::pair<uint32_t, uint16_t>;
    using Table = std::map<Key, Entry>;

    /**
     * The hook.
     * \param hp the packet
     * \return PASS, or CONSUME for a proxy segment sent again
     */
    PacketHookRouting::Verdict Hook(PacketHookRouting::HookPacket& hp);

    /**
     * A received segment: redirect it if it belongs to an intercepted connection.
     * \param hp the packet
     */
    void Input(PacketHookRouting::HookPacket& hp);

    /**
     * A segment of the node's own: rewrite and send it again if the proxy sent it on an
     * intercepted connection.
     * \param hp the packet
     * \return true if it was taken
     */
    bool Output(PacketHookRouting::HookPacket& hp);

    /**
     * Note a segment's FIN and RST, and set the entry's timer.
     * \param it the entry
     * \param flags TCP flags
     * \param fromClient who sent it
     */
    void Touch(Table::iterator it, uint8_t flags, bool fromClient);

    /**
     * The timer of an entry fired.
     * \param key the connection
     */
    void Expire(Key key);

    Ptr<Node> m_node;                                          //!< the node
    Ptr<PacketHookRouting> m_hook;                             //!< its hook
    uint32_t m_hookId{0};                                      //!< our registration
    Table m_table;                                             //!< redirected connections
    Counters m_counters;                                       //!< counters
    uint16_t m_interceptPort;                                  //!< port taken
    uint16_t m_proxyPort;                                      //!< the proxy's port
    uint32_t m_maxEntries;                                     //!< table bound
    Time m_idleTimeout;                                        //!< idle life of an entry
    Time m_closeHold;                                          //!< life after the close
    TracedCallback<Ipv4Address, Ipv4Address> m_interceptTrace; //!< connection redirected
};

} // namespace ns3

#endif // TRANSPARENT_INTERCEPTOR_H
