/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_SOCKET_INTERNALS_H
#define TCP_SOCKET_INTERNALS_H

#include "ns3/ptr.h"
#include "ns3/socket.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * What an HTTP endpoint needs from ns-3's TCP that the Socket API does not offer: reset a
 * connection, advertise the receive window after a read, and let go of a socket without
 * leaving it in TCP for ever or sending a duplicate ACK. Each reaches a protected member of
 * TcpSocketBase (SendRST, SendEmptyPacket, CloseAndNotify, m_state, m_txBuffer,
 * m_closeNotified, m_shutdownSend) through a derived class, which only this file does.
 *
 * Why: ns-3's Close sends RST only while unread data is buffered; ns-3.37's receiver never
 * sends a window update when the application reads (silly-window deadlock with a paused
 * reader, RFC 1122 4.2.3.3); and ns-3.37 leaves closed sockets in FIN_WAIT_1/CLOSING/LAST_ACK
 * or CLOSE_WAIT for ever in two cases described in the .cc. Checked against ns-3.37 (Debian)
 * and ns-3-dev 3.48, where the same protected members exist with the same types; if one
 * changes, this file stops compiling rather than misbehaving.
 */
class TcpSocketInternals
{
  public:
    /**
     * Advertise the receive window now (an empty ACK).
     * \param socket a TCP socket (others are ignored)
     */
    static void WindowUpdate(Ptr<Socket> socket);

    /**
     * Reset the connection (RST) now.
     * \param socket a TCP socket
     * \return false if the socket is not ns-3's TCP (nothing sent)
     */
    static bool SendReset(Ptr<Socket> socket);

    /**
     * Receive callback for an aborted socket: drop the callback and Close, which ns-3 answers
     * with RST while data is unread.
     * \param socket the socket
     */
    static void ResetOnData(Ptr<Socket> socket);

    /**
     * Close a socket whose application lets go of it now, working around the ns-3.37 defects
     * that otherwise leave closed sockets in TCP for ever (a second Close from CLOSE_WAIT;
     * orphans stuck two looks in a row, 60 s apart, are released as Linux's tcp_fin_timeout
     * does). Called from the peer-close callback, it lets ns-3 answer the peer's FIN with one
     * FIN/ACK, where Socket::Close there makes ns-3 send a duplicate ACK after it.
     * \param socket the socket, detached from its application's callbacks
     */
    static void CloseDetached(Ptr<Socket> socket);

    /**
     * Keep ns-3 up to 3.40 from sending a zero-length segment, which crashes it (null
     * TcpTxItem in TcpRateLinux::SkbSent), when new data has exactly filled the peer's
     * window while SACKed or lost segments leave room in cwnd. Call once on every socket
     * that sends, before it sends; harmless from 3.41, which fixed TcpTxBuffer::NextSeg.
     * \param socket a TCP socket (others are ignored)
     */
    static void GuardFullWindow(Ptr<Socket> socket);
};

} // namespace ns3

#endif // TCP_SOCKET_INTERNALS_H
