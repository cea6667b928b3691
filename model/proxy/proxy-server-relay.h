/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PROXY_SERVER_RELAY_H
#define PROXY_SERVER_RELAY_H

#include "proxy-transaction.h"
#include "server-connection-pool.h"

#include "ns3/http-message.h"
#include "ns3/http-parser.h"

#include <cstdint>
#include <string>

namespace ns3
{

class ConnectionCache;

/**
 * \ingroup web-proxy
 * The server side of a ConnectionCache: sends requests upstream over the owner's
 * ServerConnectionPool, retries once on a reused connection the server had closed, relays
 * response header and body to the client with flow control (pause and resume of the server
 * read), and handles client aborts (AbortPolicy). Responses go through the owner's
 * ConnectionCache::HandleServerResponse and ConnectionCache::HandleServerComplete hooks.
 */
class ProxyServerRelay
{
  public:
    /**
     * \brief Create the server side of a proxy.
     * \param owner the proxy it belongs to (outlives this object)
     */
    explicit ProxyServerRelay(ConnectionCache& owner);

    /**
     * \brief Send a request upstream for t, to t->server.
     * \param t the transaction
     * \param request the request
     */
    void Forward(ProxyTransaction* t, const HttpRequestHeader& request);

    /**
     * \brief The client acknowledged data: resume a server read paused by flow control.
     * \param c the client connection
     */
    void HandleClientDrain(ProxyClientConnection* c);

    /**
     * \brief The client of t went away: cancel its processing or connection wait, and stop
     * or continue its download as the abort policy says.
     * \param t the transaction (already off its client's queue)
     */
    void ClientGone(ProxyTransaction* t);

  private:
    /**
     * \brief A server connection is ready for t (or could not be had).
     * \param t the transaction
     * \param conn the connection, null when connecting failed
     * \param fresh true when it was opened for t
     * \param status with conn null, the HTTP status the failure calls for
     */
    void HandleUpstream(ProxyTransaction* t,
                        ServerConnectionPool::Connection* conn,
                        bool fresh,
                        unsigned status);

    /**
     * \brief A response header came from the server.
     * \param t the transaction
     * \param h the header
     * \param len body length
     */
    void HandleResponseHeader(ProxyTransaction* t, const HttpResponseHeader& h, uint64_t len);

    /**
     * \brief Response body bytes came from the server.
     * \param t the transaction
     * \param bytes how many
     */
    void HandleResponseBody(ProxyTransaction* t, uint64_t bytes);

    /**
     * \brief The server's response is complete.
     * \param t the transaction
     */
    void HandleResponseComplete(ProxyTransaction* t);

    /**
     * \brief The server connection failed, closed or sent garbage: retry, answer an error or
     * cut the client off.
     * \param t the transaction
     * \param why what happened, for the log
     * \param status error status for the client; 0: 502 if a connection was had, else 504
     */
    void HandleUpstreamFailure(ProxyTransaction* t, const std::string& why, unsigned status = 0);

    /**
     * \brief The server sent nothing for UpstreamTimeout: give the request up (504).
     * \param t the transaction
     */
    void HandleUpstreamTimeout(ProxyTransaction* t);

    ConnectionCache& m_owner; //!< the proxy this is the server side of
};

} // namespace ns3

#endif // PROXY_SERVER_RELAY_H
