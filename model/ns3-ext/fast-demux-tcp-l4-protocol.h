/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FAST_DEMUX_TCP_L4_PROTOCOL_H
#define FAST_DEMUX_TCP_L4_PROTOCOL_H

#include "ns3/tcp-l4-protocol.h"

#include <cstdint>

namespace ns3
{

class Ipv4EndPoint;

/**
 * \ingroup web-proxy
 * ns-3's TCP with a cheaper receive-side demultiplexer, for nodes that hold hundreds of
 * connections (a proxy, an origin node serving many hosts).
 *
 * ns-3's Ipv4EndPointDemux::Lookup visits every endpoint of the node for every received
 * segment, with a log check and several calls per endpoint; at a proxy with 400 connections
 * that was a fifth of the simulation's run time. This class first looks for the endpoint that
 * matches the segment's four-tuple exactly (local address and port, peer address and port,
 * receiving enabled, not bound to another device), which is the match ns-3 prefers above all
 * others, and hands the segment to it. The search runs from both ends of the node's list at
 * once and the endpoint found moves to the front, so the connections that are sending are
 * found after a few steps at the front, a connection just opened (ns-3 appends its endpoint)
 * after a few at the back, and idle persistent connections and TIME_WAIT endpoints sink
 * between them. A connection request (SYN without ACK), a segment for no endpoint and IPv6
 * take ns-3's own path unchanged, so the TCP behaviour is ns-3's: only the order of the
 * endpoint list differs, and ns-3's lookup does not depend on it.
 *
 * Install it with InstallInternetStackWithTcp (web-proxy-compat.h); the module's
 * origin-farm helper and IspScenarioHelper::AddProxyNode do.
 */
class FastDemuxTcpL4Protocol : public TcpL4Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    FastDemuxTcpL4Protocol();

    /**
     * Receive a segment from IPv4: hand it straight to the endpoint of its exact four-tuple
     * (moved to the front of the list when found beyond FrontWindow steps from the front, or
     * from the back); a connection request, a segment without such an endpoint, or any with
     * ExactMatch off goes to TcpL4Protocol::Receive.
     * \param p the segment, TCP header first
     * \param incomingIpHeader its IPv4 header
     * \param incomingInterface the interface it arrived on
     * \return the receive status (RX_OK once delivered, or the checksum failure)
     */
    enum IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                        const Ipv4Header& incomingIpHeader,
                                        Ptr<Ipv4Interface> incomingInterface) override;
    using TcpL4Protocol::Receive;

    /// \return segments delivered through the exact four-tuple match
    uint64_t GetExactMatches() const;
    /// \return segments handed to ns-3's own lookup (connection requests, no endpoint)
    uint64_t GetFallbacks() const;

  private:
    /**
     * \param daddr local address
     * \param dport local port
     * \param saddr peer address
     * \param sport peer port
     * \param device the receiving device
     * \return the endpoint of exactly this four-tuple, or nullptr
     */
    Ipv4EndPoint* FindExact(Ipv4Address daddr,
                            uint16_t dport,
                            Ipv4Address saddr,
                            uint16_t sport,
                            Ptr<NetDevice> device);

    bool m_enabled;          //!< use the exact-match path (else ns-3's lookup only)
    uint32_t m_frontWindow;  //!< endpoints found within this many steps stay where they are
    uint64_t m_exact{0};     //!< segments delivered by the exact match
    uint64_t m_fallbacks{0}; //!< segments passed to TcpL4Protocol::Receive
};

} // namespace ns3

#endif // FAST_DEMUX_TCP_L4_PROTOCOL_H
