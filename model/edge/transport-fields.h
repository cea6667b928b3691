/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TRANSPORT_FIELDS_H
#define TRANSPORT_FIELDS_H

#include "ns3/ptr.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-state-tracker.h"

#include <cstdint>

namespace ns3
{

class Packet;

/**
 * \ingroup web-proxy
 * The transport header of a packet as the edge hooks see it (ports, and the TCP header),
 * read without removing it.
 */
struct TransportFields
{
    bool present{false}; //!< a whole TCP or UDP header is there
    uint16_t source{0};  //!< source port
    uint16_t dest{0};    //!< destination port
    TcpHeader tcp;       //!< the TCP header (TCP only)
    uint32_t length{0};  //!< TCP payload bytes

    /**
     * \param p a packet without its IP header (transport header first)
     * \param protocol its IP protocol
     * \return its fields; not present for other protocols, short packets and TCP headers
     *         whose data offset is below 5 words or beyond the packet
     */
    static TransportFields Read(Ptr<const Packet> p, uint8_t protocol);

    /// \return true if a TCP segment opens a connection (SYN without ACK, RST or FIN)
    bool IsOpeningSyn() const;

    /// \return the TCP segment as TcpStateTracker needs it
    TcpStateTracker::Segment ToSegment() const;
};

} // namespace ns3

#endif // TRANSPORT_FIELDS_H
