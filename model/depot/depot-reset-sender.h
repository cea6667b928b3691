/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_RESET_SENDER_H
#define DEPOT_RESET_SENDER_H

#include "depot-session-table.h"

#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"
#include "ns3/sequence-number.h"

#include <cstdint>
#include <set>

namespace ns3
{

class Ipv4;
class Ipv4Header;
class TcpHeader;

/**
 * \ingroup web-proxy
 * \brief The RSTs the depot sends, although it terminates no connection.
 *
 * They answer segments without a session (NoSessionAction reset), resets of both ends of a
 * proxy's orphaned reply, and resets of the clients of a failed proxy's sessions
 * (ResetClientsOnFailure).
 */
class DepotResetSender
{
  public:
    /// \param ipv4 the node's Ipv4 (RSTs leave through it)
    void Start(Ptr<Ipv4> ipv4);

    /// Release the node's Ipv4.
    void Dispose();

    /**
     * Answer a segment that belongs to no connection (RFC 793 reset generation).
     * \param ip its IP header
     * \param tcp its TCP header
     * \param length its payload bytes
     */
    void Answer(const Ipv4Header& ip, const TcpHeader& tcp, uint32_t length);

    /**
     * Send a RST.
     * \param from source address
     * \param fromPort source port
     * \param to destination address
     * \param toPort destination port
     * \param seq sequence number
     * \param ack acknowledgement number (RST+ACK), or nullptr (plain RST)
     */
    void Send(Ipv4Address from,
              uint16_t fromPort,
              Ipv4Address to,
              uint16_t toPort,
              SequenceNumber32 seq,
              const SequenceNumber32* ack);

    /**
     * Send a challenge ACK (RFC 5961 section 3.2) on behalf of a session's end: an end that
     * really reset answers it with a RST at the exact sequence number; a live end ignores it.
     * It carries no timestamp option (the depot does not track them): an end that negotiated
     * timestamps drops it (RFC 7323), and an end without the connection still answers it.
     * \param from source address (the end the depot speaks for)
     * \param fromPort source port
     * \param to destination address (the RST's claimed source)
     * \param toPort destination port
     * \param seq that end's next sequence number
     * \param ack that end's last acknowledgement
     * \param window that end's window field
     */
    void Challenge(Ipv4Address from,
                   uint16_t fromPort,
                   Ipv4Address to,
                   uint16_t toPort,
                   SequenceNumber32 seq,
                   SequenceNumber32 ack,
                   uint16_t window);

    /**
     * Answer a session's in-window RST with a challenge ACK from the RST's receiver.
     * \param s the session (NAT: the client knows the VIP, the proxy the client's address)
     * \param rstFromClient whether the RST claimed to come from the client
     */
    void Challenge(const DepotSession& s, bool rstFromClient);

    /**
     * Reset the proxy's half-open connection of a session whose handshake did not complete
     * (the client's ISN + 1 is the exact sequence number for it).
     * \param s the session (its proxy answered the SYN)
     */
    void ResetHalfOpen(const DepotSession& s);

    /**
     * Reset the client of a session scrapped with its proxy, if it is still open (at the next
     * sequence number the proxy would have sent, which is in the client's window).
     * \param s the session
     */
    void ResetClient(const DepotSession& s);

    /**
     * Reset both ends of a proxy's segment that has no session (its client's connection went
     * with the session, e.g. at a failover): the proxy, and the client when the VIP has one
     * service port (the only one its connection can be on) and resetClient allows it.
     * \param ip the segment's IP header
     * \param tcp its TCP header
     * \param vip the virtual IP
     * \param services the VIP's ports
     * \param resetClient false when the client's port has a live session with another proxy
     */
    void ResetOrphan(const Ipv4Header& ip,
                     const TcpHeader& tcp,
                     Ipv4Address vip,
                     const std::set<uint16_t>& services,
                     bool resetClient);

    /// \return RSTs sent
    uint64_t GetCount() const;

    /// \return challenge ACKs sent
    uint64_t GetChallengeCount() const;

  private:
    /**
     * Send a header-only TCP segment.
     * \param tcp its header (checksum added here)
     * \param from source address
     * \param to destination address
     */
    void Emit(TcpHeader& tcp, Ipv4Address from, Ipv4Address to);

    Ptr<Ipv4> m_ipv4;         //!< node's Ipv4
    uint64_t m_sent{0};       //!< RSTs sent
    uint64_t m_challenges{0}; //!< challenge ACKs sent
};

} // namespace ns3

#endif // DEPOT_RESET_SENDER_H
