/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_PROXY_H
#define DEPOT_PROXY_H

#include "ns3/ipv4-address.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A proxy of a depot's pool as the depot and its scheduler see it.
 */
struct DepotProxy
{
    Ipv4Address address;          //!< where sessions go
    uint16_t port{80};            //!< proxy port (NAT: the virtual port is rewritten to it)
    uint32_t weight{1};           //!< scheduler weight (0: quiesced, no new sessions)
    bool up{true};                //!< in the active list
    uint32_t activeSessions{0};   //!< sessions in ESTABLISHED (IPVS "active")
    uint32_t inactiveSessions{0}; //!< sessions in other states (IPVS "inactive")
    uint32_t pendingSessions{0};  //!< sessions in the handshake (SYN_SENT, SYN_RECV)
    double responseTime{0};       //!< smoothed SYN to SYN-ACK time through the depot, s
    double cpuLoad{0};            //!< last reported CPU load, 0..1 (Depot::SetProxyLoad)
    double cacheFree{1};          //!< last reported free cache fraction, 0..1
    uint32_t reportedRequests{0}; //!< last reported requests under way (load report)
    uint64_t loadReports{0};      //!< load reports received (Depot LoadReportPort)
    uint64_t sessionsOpened{0};   //!< sessions dispatched to it
    uint64_t synTimeouts{0};      //!< forwarded SYNs it did not answer in time
    uint32_t checkSuccesses{0};   //!< consecutive successful health checks
    uint32_t checkFailures{0};    //!< consecutive failed health checks
};

} // namespace ns3

#endif // DEPOT_PROXY_H
