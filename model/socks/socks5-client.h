/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SOCKS5_CLIENT_H
#define SOCKS5_CLIENT_H

#include "socks5-message.h"

#include "ns3/idle-timer.h"
#include "ns3/inet-socket-address.h"
#include "ns3/simple-ref-count.h"
#include "ns3/socket.h"

#include <functional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * The client side of a SOCKS5 CONNECT (RFC 1928, RFC 1929) on a TCP connection to the
 * gateway that is already established: method offer, username/password when the gateway
 * asks for it, CONNECT, reply. On success the socket carries the destination's bytes and
 * its callbacks are free for the next user; on failure the caller closes it.
 */
class Socks5Client : public SimpleRefCount<Socks5Client>
{
  public:
    /// How the negotiation ended.
    struct Result
    {
        bool ok{false};      //!< the CONNECT succeeded
        int reply{-1};       //!< the gateway's reply code; -1: none came
        std::string why;     //!< what failed, for logs
        bool timeout{false}; //!< the failure is a timeout or an unreachable destination
    };

    /// Called once, with the result.
    using DoneCallback = std::function<void(const Result& result)>;

    /**
     * Start negotiating.
     * \param socket connected to the gateway
     * \param destination where the gateway shall connect
     * \param username RFC 1929 username; empty: offer only "no authentication"
     * \param password RFC 1929 password
     * \param timeout the whole negotiation's limit; zero: none
     * \param done called when it ends (not inside this call)
     */
    void Start(Ptr<Socket> socket,
               const InetSocketAddress& destination,
               const std::string& username,
               const std::string& password,
               Time timeout,
               DoneCallback done);

    /// Stop without calling back (the connection is being dropped).
    void Cancel();

  private:
    /// Where the negotiation is.
    enum class State
    {
        METHOD, //!< waiting for the method selection
        AUTH,   //!< waiting for the RFC 1929 reply
        REPLY,  //!< waiting for the CONNECT reply
        DONE    //!< ended
    };

    void HandleRead(Ptr<Socket> socket);
    void HandleClose(Ptr<Socket> socket);
    bool Step();
    void SendRequest();
    void Send(const std::vector<uint8_t>& bytes);
    void End(Result r);

    Ptr<Socket> m_socket;
    InetSocketAddress m_destination{Ipv4Address::GetAny(), 0};
    std::string m_username;
    std::string m_password;
    DoneCallback m_done;
    State m_state{State::DONE};
    std::vector<uint8_t> m_in;
    IdleTimer m_timer;
};

} // namespace ns3

#endif // SOCKS5_CLIENT_H
