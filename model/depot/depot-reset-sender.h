/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_RESET_SENDER_H
#define DEPOT_RESET_SENDER_H

#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"
#include "ns3/sequence-number.h"

#include <cstdint>

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

    /// \return RSTs sent
    uint64_t GetCount() const;

  private:
    Ptr<Ipv4> m_ipv4;   //!< node's Ipv4
    uint64_t m_sent{0}; //!< RSTs sent
};

} // namespace ns3

#endif // DEPOT_RESET_SENDER_H
