/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_HEADER_CHECK_H
#define TCP_HEADER_CHECK_H

#include "ns3/ptr.h"

namespace ns3
{

class Packet;

/**
 * \ingroup web-proxy
 * Whether ns-3's TcpHeader can deserialize a segment that a middlebox received.
 *
 * Why this lives in ns3-ext: ns-3's TcpHeader::Deserialize trusts the data offset and the
 * option lengths. A header shorter than its data offset is read past its end, and an option
 * whose length field differs from the one ns-3 expects aborts the simulation
 * (TcpOptionMSS::Deserialize and the others use NS_ABORT). A TCP endpoint only reads segments
 * that ns-3 itself wrote, but every hook that reads the TCP header of a transit packet (the
 * depot's switch, the firewall, the transparent interceptor) may be fed any bytes by an
 * attacker, so it checks first (found by the fuzz targets depot-packets and edge-packets).
 */
class TcpHeaderCheck
{
  public:
    /**
     * At least 20 bytes, a data offset from 5 words to the segment's size, and options that
     * fit the header with the lengths ns-3 accepts: MSS 4, window scale 3, SACK permitted 2,
     * SACK 2 + 8n, timestamps 10, any other kind at least 2. An end-of-list option ends the
     * check; no-operation options are one byte.
     * \param segment the segment, starting at its TCP header (without the IP header)
     * \return whether TcpHeader can deserialize it
     */
    static bool IsReadable(Ptr<const Packet> segment);
};

} // namespace ns3

#endif // TCP_HEADER_CHECK_H
