/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_BROKEN_CONNECTIONS_H
#define DEPOT_BROKEN_CONNECTIONS_H

#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <set>
#include <utility>

namespace ns3
{

class Ipv4Header;
class Packet;

/**
 * \ingroup web-proxy
 * \brief The connections a failover broke, as the new master sees them.
 *
 * After a takeover, a segment without a session (a client's, or a proxy's reply to a client)
 * belongs to a connection the failed depot held and this one never learnt: each such flow is
 * counted once.
 */
class DepotBrokenConnections
{
  public:
    /// \param trace the standby's BrokenConnection trace
    explicit DepotBrokenConnections(TracedCallback<Ipv4Address, uint16_t>* trace);

    /// Start afresh (a new master).
    void Clear();

    /**
     * A segment without a session was dropped by the new master's depot.
     * \param packet the segment (TCP header first)
     * \param header its IP header
     * \param vip the depot's virtual IP (tells the client's segments from the proxies')
     */
    void Dropped(Ptr<const Packet> packet, const Ipv4Header& header, Ipv4Address vip);

    /// \return connections counted broken
    uint64_t GetCount() const;

  private:
    TracedCallback<Ipv4Address, uint16_t>* m_trace;   //!< BrokenConnection
    std::set<std::pair<uint32_t, uint16_t>> m_broken; //!< flows broken since the takeover
    uint64_t m_count{0};                              //!< counter
};

} // namespace ns3

#endif // DEPOT_BROKEN_CONNECTIONS_H
