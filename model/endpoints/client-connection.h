/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CLIENT_CONNECTION_H
#define CLIENT_CONNECTION_H

#include "ns3/address.h"
#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/http-connection.h"
#include "ns3/http-message.h"
#include "ns3/idle-timer.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"

#include <cstdint>
#include <functional>
#include <string>

namespace ns3
{

class ClientRequest;
class WebClient;

/**
 * \ingroup web-proxy
 * \brief A TCP connection of a WebClient to one peer (origin server or proxy): its socket,
 * its HTTP framing once connected, the request it carries and its timers.
 *
 * The WebClient decides which request goes on which connection; this class opens, wires
 * up, aborts and closes the connection itself.
 */
class ClientConnection : public HttpParser::Listener
{
  public:
    WebClient* owner{nullptr};       //!< the client, which the response stream's events go to
    Address peer;                    //!< origin or proxy
    Ptr<Socket> socket;              //!< the socket
    Ptr<HttpConnection> http;        //!< set once connected
    ClientRequest* request{nullptr}; //!< request in flight, if any
    bool connected{false};           //!< handshake done
    bool persistent{true};           //!< both sides want to keep it
    Time connectStart;               //!< when Connect was called
    EventId connectTimer;            //!< ConnectTimeout
    IdleTimer idleTimer;             //!< closes it when idle
    IdleTimer responseTimer;         //!< the request in flight's ResponseTimeout

    /**
     * \brief Carry a request: link the two.
     * \param p the request
     */
    void Assign(ClientRequest* p);
    /**
     * \brief Carry a request on this idle connection: stop the idle timer, link the two and
     * record the request's wait (no new connection).
     * \param p the request
     */
    void Reuse(ClientRequest* p);
    /**
     * \brief Unlink the connection and its request.
     * \return the request, if any
     */
    ClientRequest* TakeRequest();
    /// \return whether it is established, carries no request and is still open
    bool IsIdle() const;
    /// \return whether it may carry another request (persistent, established, still open)
    bool IsReusable() const;
    /**
     * \brief Create a TCP socket on a node and connect it to the peer, from now.
     * \param node the client node
     * \param connected called when the handshake completes
     * \param failed called when the attempt fails
     */
    void Connect(Ptr<Node> node,
                 Callback<void, Ptr<Socket>> connected,
                 Callback<void, Ptr<Socket>> failed);
    /**
     * \brief Give the connection attempt a deadline.
     * \param timeout how long it may take; zero: TCP's own SYN retries decide
     * \param expire called at the deadline unless the handshake completed or failed before
     */
    void StartConnectTimer(Time timeout, std::function<void()> expire);
    /**
     * \brief The handshake completed: stop the connect timer, frame responses on the socket.
     * \param s the connected socket
     * \param headerLimit largest accepted response header section, bytes
     */
    void Attach(Ptr<Socket> s, uint32_t headerLimit);
    /**
     * \brief Serialize a request header, record it as sent and get the parser ready for the
     * response (bodiless for HEAD).
     * \param p the request carried
     * \param h its header
     * \return the header text to send
     */
    std::string Frame(ClientRequest* p, const HttpRequestHeader& h);
    /**
     * \brief The user aborted the request it carries: drop the request and end the connection.
     * \param withReset reset it at once (RST), else close it (FIN)
     */
    void Abort(bool withReset);
    /// \brief Stop the timers and the parser, detach the callbacks and close the connection.
    void Shutdown();
    /// \brief Stop the idle timer and dispose of the HTTP framing (the client is disposed).
    void Dispose();

    // The response stream's events, passed on to the owner with this connection.
    void OnResponse(const HttpResponseHeader& h, uint64_t headerBytes, uint64_t bodyBytes) override;
    void OnBody(uint64_t bytes) override;
    void OnComplete() override;
    void OnError(HttpParser::Error e, const std::string& what) override;
};

} // namespace ns3

#endif // CLIENT_CONNECTION_H
