/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PROXY_TRANSACTION_H
#define PROXY_TRANSACTION_H

#include "server-connection-pool.h"

#include "ns3/address.h"
#include "ns3/http-connection.h"
#include "ns3/idle-timer.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <deque>
#include <set>
#include <string>

namespace ns3
{

struct ProxyClientConnection;

/**
 * \ingroup web-proxy
 * One request and its response through a ConnectionCache (ConnectionCache::Transaction).
 * The proxy's client side, server side, processing queue and ProxyCache all hold it by
 * pointer, so it lives until none of them does (IsReleasable).
 */
struct ProxyTransaction
{
    ProxyClientConnection* client{nullptr};              //!< the client, null once it went away
    HttpRequestHeader request;                           //!< as received
    uint64_t requestBody{0};                             //!< request body bytes
    std::string host;                                    //!< origin host, without port
    std::string path;                                    //!< path and query
    std::string url;                                     //!< "http://host/path"
    Address server;                                      //!< where a miss goes (origin or parent)
    bool head{false};                                    //!< HEAD request
    bool complete{false};                                //!< the whole request has arrived
    bool started{false};                                 //!< being processed
    uint64_t cpuTicket{0};                               //!< processing job
    uint64_t waitTicket{0};                              //!< waiting for a server connection
    ServerConnectionPool::Connection* upstream{nullptr}; //!< server connection in use
    HttpRequestHeader upstreamRequest;                   //!< what was sent upstream
    bool retried{false};             //!< already retried on a new server connection
    bool upstreamFresh{false};       //!< the server connection was opened for it
    bool gotResponse{false};         //!< a response header came from the server
    bool relay{true};                //!< relay the server's response to the client
    bool paused{false};              //!< server read paused by flow control
    bool upstreamPersistent{false};  //!< the server keeps the connection
    HttpResponseHeader response;     //!< the server's response header
    uint64_t length{0};              //!< its body length
    uint64_t fromServer{0};          //!< body bytes from the server
    Time forwardedAt;                //!< when the request went upstream
    std::string cacheStatus{"MISS"}; //!< X-Cache value
    bool store{false};               //!< ProxyCache: store the response when complete
    uint64_t key{0};                 //!< ProxyCache: object key
    bool validating{false};          //!< ProxyCache: a conditional GET for a cached copy
    bool icpWaiting{false};          //!< ProxyCache: waiting for the siblings' ICP replies
    IdleTimer upstreamTimer;         //!< UpstreamTimeout: the server has gone silent

    ProxyTransaction() = default;
    /// Cancels the upstream timer, whose event refers to this transaction.
    ~ProxyTransaction();
    /// Not copyable: the timer's event refers to this object.
    ProxyTransaction(const ProxyTransaction&) = delete;
    /// Not copyable.
    ProxyTransaction& operator=(const ProxyTransaction&) = delete;

    /**
     * \brief Whether nothing refers to the transaction any more.
     * \return true when no client, server connection, connection wait, processing job or
     *         ICP lookup holds it
     */
    bool IsReleasable() const;
};

/**
 * \ingroup web-proxy
 * A client connection of a ConnectionCache (ConnectionCache::ClientConn). Its requests
 * queue in arrival order because HTTP/1.1 pipelining answers them in that order.
 */
struct ProxyClientConnection
{
    Ptr<HttpConnection> http;            //!< the connection
    Address from;                        //!< client address
    std::string user;                    //!< client address as text
    std::deque<ProxyTransaction*> queue; //!< requests in arrival order
    bool persistent{true};               //!< keep open after the current response
    bool peerClosed{false};              //!< the client closed its side
    uint32_t requests{0};                //!< requests received
    std::set<std::string> servers;       //!< distinct hosts asked for
    IdleTimer idleTimer;                 //!< closes it when idle
};

} // namespace ns3

#endif // PROXY_TRANSACTION_H
