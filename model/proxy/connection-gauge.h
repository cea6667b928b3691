/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CONNECTION_GAUGE_H
#define CONNECTION_GAUGE_H

#include "ns3/simple-ref-count.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Counts TCP connections that are open now and the most open at once. A connection counts
 * from Track until TCP reaches TIME_WAIT or CLOSED, so one whose application already let go
 * but whose data is still draining to a slow peer still counts (as in [PROXIM]'s "max # TCP
 * connections"). Reference counted: sockets outlive their applications.
 */
class ConnectionGauge : public SimpleRefCount<ConnectionGauge>
{
  public:
    /**
     * Count a connection until it closes.
     * \param socket a TCP socket (connecting or connected)
     */
    void Track(Ptr<Socket> socket);

    /// \return connections open now
    uint64_t GetCurrent() const;
    /// \return the most connections open at once
    uint64_t GetMax() const;

  private:
    static void StateChanged(Ptr<ConnectionGauge> gauge,
                             TcpSocket::TcpStates_t before,
                             TcpSocket::TcpStates_t after);

    uint64_t m_current{0};
    uint64_t m_max{0};
};

} // namespace ns3

#endif // CONNECTION_GAUGE_H
