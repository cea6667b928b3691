/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_PACKET_REWRITER_H
#define DEPOT_PACKET_REWRITER_H

#include "depot-fragment-table.h"
#include "depot-session-table.h"

#include "ns3/depot-proxy.h"
#include "ns3/ipv4-address.h"
#include "ns3/packet-hook-routing.h"

#include <array>
#include <cstdint>
#include <vector>

namespace ns3
{

class Packet;
class TcpHeader;

/**
 * \ingroup web-proxy
 * \brief Rewrites the packets of the depot's sessions.
 *
 * NAT (VIP:port to proxy:port and back) or direct routing (the proxy's MAC as next hop,
 * addresses unchanged), and puts the TCP header back with a valid checksum. In a first IP
 * fragment the original header bytes are patched instead, with the checksum updated
 * incrementally (RFC 1624): the segment's data is not all there to recompute it.
 *
 * In NAT mode the first fragments of proxies' datagrams leave with an IP identification
 * numbered by the VIP: datagrams of several proxies reach a client from the same VIP, and
 * their own identifications could meet in the client's reassembly. The numbers come from a
 * fixed array of counters, each shared by the clients whose address hashes to it (as Linux's
 * ip_idents, net/ipv4/route.c). Until 2026-12-03 it was one counter per client address, kept
 * for ever: spoofed sources grew it without bound. An array does not grow, and unlike an
 * evicting table it never restarts a client's numbering (a restarted counter could reuse an
 * identification of a datagram the client still holds fragments of). Sharing only makes a
 * counter wrap sooner: after 65536 datagrams to all its clients together (a client holds
 * fragments for its reassembly timeout, 30 s in ns-3 and Linux).
 */
class DepotPacketRewriter
{
  public:
    /**
     * \param vip the virtual IP
     * \param direct direct routing (else NAT)
     * \param idCounters identification counters of the VIP (>= 1; Depot's VipIdCounters)
     */
    void Configure(Ipv4Address vip, bool direct, uint32_t idCounters = 2048);

    /// \return identification counters held: the configured number, whatever the clients
    uint32_t GetIdCounterCount() const;

    /**
     * A first fragment is about to be switched: keep its original TCP header bytes.
     * \param packet the fragment without its IP header
     * \return false if it does not hold a whole TCP header
     */
    bool BeginFirstFragment(Ptr<const Packet> packet);

    /// The first fragment has been switched (or dropped).
    void EndFirstFragment();

    /// \return what the first fragment got, or nullptr if it was not rewritten
    const DepotFragmentRewrite* GetFirstFragmentRewrite() const;

    /**
     * A client's segment leaves for the session's proxy.
     * \param hp the packet (TCP header removed)
     * \param tcp its TCP header
     * \param s the session
     * \param proxy its proxy
     */
    void ToProxy(PacketHookRouting::HookPacket& hp,
                 TcpHeader& tcp,
                 const DepotSession& s,
                 const DepotProxy& proxy);

    /**
     * A proxy's segment leaves for the client, from VIP:port.
     * \param hp the packet (TCP header removed)
     * \param tcp its TCP header
     * \param s the session
     * \param proxy its proxy
     */
    void ToClient(PacketHookRouting::HookPacket& hp,
                  TcpHeader& tcp,
                  const DepotSession& s,
                  const DepotProxy& proxy);

    /// Restart the VIP's identification counters at 0 (the depot failed).
    void Clear();

  private:
    /**
     * Put the TCP header back (whole segment) or patch the first fragment's header bytes.
     * \param hp the packet (IP header already rewritten)
     * \param tcp its TCP header (ports already rewritten)
     * \param s the session
     * \param proxy its proxy
     * \param toProxy direction
     */
    void Restore(PacketHookRouting::HookPacket& hp,
                 TcpHeader& tcp,
                 const DepotSession& s,
                 const DepotProxy& proxy,
                 bool toProxy);

    /// The first fragment being switched.
    struct FirstFragment
    {
        bool active{false};            //!< a first fragment is being switched
        bool switched{false};          //!< Restore ran
        std::array<uint8_t, 60> tcp{}; //!< its original TCP header bytes
        uint16_t tcpHeaderLength{0};   //!< their number
        DepotFragmentRewrite rewrite;  //!< what Restore did
    };

    Ipv4Address m_vip;              //!< virtual IP
    bool m_direct{false};           //!< direct routing (else NAT)
    std::vector<uint16_t> m_vipIds; //!< next IP id from the VIP, per hash of the client
    FirstFragment m_first;          //!< the first fragment being switched
};

} // namespace ns3

#endif // DEPOT_PACKET_REWRITER_H
