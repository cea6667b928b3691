/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PROXY_CLIENT_SIDE_H
#define PROXY_CLIENT_SIDE_H

#include "proxy-transaction.h"

#include "ns3/address.h"
#include "ns3/http-parser.h"
#include "ns3/ptr.h"
#include "ns3/socket.h"

#include <cstdint>

namespace ns3
{

class ConnectionCache;

/**
 * \ingroup web-proxy
 * The client side of a ConnectionCache: accepts or refuses client connections, wires their
 * request parsers, queues pipelined requests in arrival order, runs the idle timer and
 * counts what closed connections carried. Complete requests go to the owner's
 * ConnectionCache::HandleRequest hook.
 */
class ProxyClientSide
{
  public:
    /**
     * \brief Create the client side of a proxy.
     * \param owner the proxy it belongs to (outlives this object)
     */
    explicit ProxyClientSide(ConnectionCache& owner);

    /**
     * \brief Listener callback: whether to accept a new client connection.
     * \param socket the connecting socket
     * \param from the client address
     * \return false when MaxClientConnections connections are open
     */
    bool HandleAcceptRequest(Ptr<Socket> socket, const Address& from);

    /**
     * \brief Listener callback: a client connection was accepted.
     * \param socket the new socket
     * \param from the client address
     */
    void HandleAccept(Ptr<Socket> socket, const Address& from);

    /**
     * \brief Start the request at the front of the connection's queue, or, with nothing
     * queued, start the idle timer or close the connection.
     * \param c the client connection
     */
    void StartNext(ProxyClientConnection* c);

    /**
     * \brief The client closed or reset its connection: its pending requests are aborted.
     * \param c the client connection
     * \param error true on a reset
     */
    void HandleClientClosed(ProxyClientConnection* c, bool error);

    /**
     * \brief Close a client connection, abort its pending requests and count it.
     * \param c the client connection (nothing happens when it is already gone)
     */
    void CloseClient(ProxyClientConnection* c);

  private:
    /**
     * \brief A request header arrived: queue a new transaction for it.
     * \param c the client connection
     * \param h the request header
     * \param body request body bytes
     */
    void HandleClientRequest(ProxyClientConnection* c, const HttpRequestHeader& h, uint64_t body);

    /**
     * \brief The request at the back of the queue is complete.
     * \param c the client connection
     */
    void HandleClientComplete(ProxyClientConnection* c);

    /**
     * \brief The client sent something that is not a request: answer 400 and close.
     * \param c the client connection
     * \param e the parser error
     */
    void HandleClientMalformed(ProxyClientConnection* c, HttpParser::Error e);

    /**
     * \brief Decide where the request goes (t->host, t->path, t->url, t->server) and the
     * client connection's persistence; answers 400 or 502 itself when it cannot go on.
     * \param t the transaction
     * \return true when the request can be handled
     */
    bool Route(ProxyTransaction* t);

    ConnectionCache& m_owner; //!< the proxy this is the client side of
};

} // namespace ns3

#endif // PROXY_CLIENT_SIDE_H
