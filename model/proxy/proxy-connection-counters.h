/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PROXY_CONNECTION_COUNTERS_H
#define PROXY_CONNECTION_COUNTERS_H

#include "server-connection-pool.h"

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup web-proxy
 * What a ConnectionCache counts on the client side and in relaying ([PROXIM]'s tables);
 * ConnectionCache::Counters.
 */
struct ProxyConnectionCounters
{
    uint64_t requests{0};                //!< requests received whole
    uint64_t clientConnections{0};       //!< client connections accepted
    uint64_t maxClientConnections{0};    //!< most client connections open at once (TCP)
    uint64_t refused{0};                 //!< connection attempts refused (capacity)
    uint64_t requestsOnNewClientConn{0}; //!< first requests of client connections
    uint64_t clientConnsClosed{0};       //!< client connections closed with >= 1 request
    uint64_t requestsOnClosed{0};        //!< requests on those connections
    uint64_t serversOnClosed{0};         //!< distinct servers summed over those
    uint64_t forwarded{0};               //!< requests sent to a server
    uint64_t newServerConn{0};           //!< requests that opened a server connection
    uint64_t clientAborts{0};            //!< clients gone before their response ended
    uint64_t abortsContinued{0};         //!< of those, downloads the proxy finished
    uint64_t abortsDownloading{0};       //!< aborts while a server download was open
    uint64_t malformed{0};               //!< malformed requests (400)
    uint64_t errors{0};                  //!< responses the proxy generated (4xx/5xx)
    uint64_t bytesToClients{0};          //!< body bytes handed to client connections
    uint64_t bytesFromServers{0};        //!< body bytes read from servers
    uint64_t bytesAfterAbort{0};         //!< of those, read after the client had gone
    uint64_t bytesUnreadAtAbort{0};      //!< received, never read: download abandoned
    uint64_t flowControlPauses{0};       //!< times a server read was paused
    uint64_t upstreamTimeouts{0};        //!< server silent for UpstreamTimeout: given up

    /**
     * \brief Print the connection table of [PROXIM] §IV.D.
     * \param os the stream
     * \param server the server side's counters
     */
    void PrintConnectionTable(std::ostream& os, const ServerConnectionPool::Counters& server) const;
};

} // namespace ns3

#endif // PROXY_CONNECTION_COUNTERS_H
