/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SOCKS5_SESSION_H
#define SOCKS5_SESSION_H

#include "socks5-message.h"

#include "ns3/address.h"
#include "ns3/idle-timer.h"
#include "ns3/simple-ref-count.h"
#include "ns3/socket.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-socket-base.h"

#include <cstdint>
#include <vector>

namespace ns3
{

class Socks5Gateway;

/**
 * \ingroup web-proxy
 * One client connection of a Socks5Gateway: negotiation, CONNECT, relay, close. It lives in
 * its gateway's session table and tells the gateway when it has ended.
 */
class Socks5Session : public SimpleRefCount<Socks5Session>
{
  public:
    /**
     * \param gateway the owner (same node), for its settings, counters and traces
     * \param id the key in the owner's table
     * \param client the accepted client socket
     * \param from the client's address
     */
    Socks5Session(Socks5Gateway* gateway, uint64_t id, Ptr<Socket> client, const Address& from);

    /// Start reading the client's greeting (and the handshake timeout).
    void Start();

    /// Reset both connections now, without telling the owner (the gateway stops).
    void Abort();

  private:
    /// Where the session is.
    enum class State
    {
        GREETING,   //!< waiting for the method offer
        AUTH,       //!< waiting for the RFC 1929 request
        REQUEST,    //!< waiting for the CONNECT
        CONNECTING, //!< connecting to the destination
        RELAY,      //!< relaying bytes
        DONE        //!< ended
    };

    /// One relay direction.
    struct Direction
    {
        bool eof{false};     //!< the reading side sent FIN
        bool shut{false};    //!< FIN passed on to the writing side
        bool blocked{false}; //!< reading stopped for want of room on the writing side
        uint64_t bytes{0};   //!< bytes relayed
    };

    void HandleClientRead(Ptr<Socket> socket);
    void Negotiate();
    void HandleGreeting(const Socks5Message::Greeting& g);
    void HandleAuth(const Socks5Message::AuthRequest& a);
    void HandleRequest(const Socks5Message::Request& r);
    void Connect(Ipv4Address address, uint16_t port);
    void HandleConnected(Ptr<Socket> socket);
    void HandleConnectFailed(Ptr<Socket> socket);
    void Malformed(Socks5Message::Error e);
    void Send(const std::vector<uint8_t>& bytes);
    void Reply(uint8_t code, uint64_t& counter);
    void HandleTimeout();
    void HandleSend(Ptr<Socket> socket, uint32_t room);
    void HandleRead(Ptr<Socket> socket);
    void HandlePeerClose(Ptr<Socket> socket);
    void HandlePeerError(Ptr<Socket> socket);
    void HandleNegotiationClose(Ptr<Socket> socket);
    void HandleNegotiationError(Ptr<Socket> socket);
    void HandleDestRx(Ptr<const Packet> packet,
                      const TcpHeader& header,
                      Ptr<const TcpSocketBase> socket);
    void HandleRefused();
    void StopWatchingDest();
    void Pump(Ptr<Socket> from, Ptr<Socket> to, Direction& d);
    void Finish(bool reset);

    Socks5Gateway* m_gateway;
    uint64_t m_id;
    Ptr<Socket> m_client;
    Ptr<Socket> m_dest;
    Address m_from;
    State m_state{State::GREETING};
    std::vector<uint8_t> m_in; //!< negotiation bytes read and not yet parsed
    Direction m_up;            //!< client -> destination
    Direction m_down;          //!< destination -> client
    IdleTimer m_timer;         //!< handshake, connect or idle timeout, by state
    bool m_watching{false};    //!< connected to the destination socket's Rx trace
};

} // namespace ns3

#endif // SOCKS5_SESSION_H
