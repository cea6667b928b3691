/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SERVER_CONNECTION_POOL_H
#define SERVER_CONNECTION_POOL_H

#include "connection-gauge.h"

#include "ns3/address.h"
#include "ns3/http-connection.h"
#include "ns3/idle-timer.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/owning-registry.h"
#include "ns3/socks5-client.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * The proxy-to-server side of a connection cache ([PROXIM], section IV.D): persistent
 * connections to origin servers (or a parent proxy), reused across clients, closed after an
 * idle timeout, bounded per server and in total.
 *
 * A user Acquires a connection for one request, sets the connection's on* handlers, sends
 * its request, and gives the connection back with Release (reusable) or Discard (broken,
 * aborted).
 */
class ServerConnectionPool
{
  public:
    /// A connection to one server.
    struct Connection
    {
        Address server;              //!< where it goes
        Ptr<Socket> socket;          //!< the socket
        Ptr<HttpConnection> http;    //!< set once connected
        Ptr<Socks5Client> socks;     //!< the SOCKS negotiation, while it runs
        bool connected{false};       //!< handshake done
        bool busy{false};            //!< lent to a user
        uint32_t requests{0};        //!< requests carried
        std::set<std::string> users; //!< distinct clients it carried requests for
        IdleTimer idleTimer;         //!< closes it when idle
        Time openedAt;               //!< when Connect was called
        // The borrower's handlers, called only while the connection is lent; Release and
        // Discard clear them.
        HttpParser::ResponseCallback onResponse;        //!< response header
        HttpParser::BodyCallback onBody;                //!< body bytes
        HttpParser::CompleteCallback onComplete;        //!< response complete
        std::function<void(HttpParser::Error)> onError; //!< malformed response
        HttpConnection::ClosedCallback onClosed;        //!< server closed or reset
        bool idle{false};                               //!< in the idle lists
        std::list<Connection*>::iterator idlePos;       //!< place in the idle list, when idle
        std::list<Connection*>::iterator serverIdlePos; //!< place in its server's idle list
    };

    /**
     * Called when a connection is ready for the request, or with nullptr when connecting
     * failed. fresh tells whether it was opened for this request; with nullptr, status is
     * the HTTP status the failure calls for (504: no answer or unreachable, 502: refused).
     */
    using ReadyCallback = std::function<void(Connection* c, bool fresh, unsigned status)>;

    /// Limits and behaviour.
    struct Settings
    {
        uint32_t maxPerServer{0};       //!< connections to one server; 0: no limit
        uint32_t maxTotal{0};           //!< connections in all; 0: no limit
        Time idleTimeout{Seconds(30)};  //!< close an idle connection after this ([PROXIM])
        bool persistent{true};          //!< keep connections after a request
        bool waitForBusy{false};        //!< wait for a busy connection rather than open one
        uint32_t headerLimit{16384};    //!< largest response header accepted
        bool sack{true};                //!< offer TCP SACK on these connections
        uint32_t rcvBufSize{0};         //!< TCP receive buffer, bytes; 0: TcpSocket's default
        bool segmentReads{false};       //!< read at most one segment at a time (flow control)
        Address socksGateway;           //!< SOCKS5 gateway to go through; unset: direct
        std::string socksUsername;      //!< RFC 1929 username; empty: no authentication
        std::string socksPassword;      //!< RFC 1929 password
        Time socksTimeout{Seconds(30)}; //!< limit of a SOCKS negotiation
    };

    /// What the pool counts ([PROXIM]'s connection tables).
    struct Counters
    {
        uint64_t opened{0};           //!< connections opened
        uint64_t failed{0};           //!< connects that failed (SOCKS refusals included)
        uint64_t socksFailed{0};      //!< SOCKS negotiations that failed
        uint64_t reused{0};           //!< requests on an already open connection
        uint64_t requests{0};         //!< requests carried
        uint64_t maxOpen{0};          //!< most connections open at once (until TCP closes)
        uint64_t closed{0};           //!< connections closed (any reason)
        uint64_t idleClosed{0};       //!< closed by the idle timeout
        uint64_t evicted{0};          //!< idle ones closed to make room under maxTotal
        uint64_t requestsOnClosed{0}; //!< requests carried by connections now closed
        uint64_t usersOnClosed{0};    //!< distinct clients summed over connections now closed
        uint64_t connected{0};        //!< connections whose TCP handshake completed
        Time connectTime;             //!< their handshake times (Connect to established), summed
    };

    ServerConnectionPool();
    ~ServerConnectionPool();

    /**
     * \param node where sockets are created
     * \param settings limits and behaviour
     */
    void Setup(Ptr<Node> node, const Settings& settings);

    /**
     * Get a connection to server: an idle one now (ready runs inside this call), a new one
     * when the limits allow, or the next one to come free.
     * \param server the server
     * \param user who the request is for (counted as distinct users per connection)
     * \param ready continuation
     * \return 0 if ready already ran, else a ticket for CancelWait
     */
    uint64_t Acquire(const Address& server, const std::string& user, ReadyCallback ready);

    /**
     * Stop waiting (the client went away). Harmless if ready already ran.
     * \param ticket what Acquire returned
     */
    void CancelWait(uint64_t ticket);

    /**
     * The request on c is complete: keep c for the next one if persistent.
     * \param c the connection
     * \param reusable whether both ends agreed to keep it open
     */
    void Release(Connection* c, bool reusable);

    /**
     * Close c now (failed, or its request was abandoned).
     * \param c the connection
     * \param reset abort with RST instead of FIN
     */
    void Discard(Connection* c, bool reset);

    /// Close every connection and forget every waiter.
    void Clear();

    /// \return the counters
    const Counters& GetCounters() const;
    /// \return connections open now
    uint32_t GetOpenCount() const;

  private:
    /// A request waiting for a connection.
    struct Waiter
    {
        uint64_t ticket;     //!< its ticket
        Address server;      //!< where it goes
        std::string user;    //!< for whom
        ReadyCallback ready; //!< continuation
    };

    Connection* FindIdle(const Address& server);
    uint32_t CountTo(const Address& server) const;
    bool MayOpen(const Address& server);
    void Open(Waiter request);
    void Unlend(Connection* c);
    void Lend(Connection* c, const std::string& user, ReadyCallback ready, bool fresh);
    void HandleConnected(Ptr<Socket> socket);
    void HandleConnectFailed(Ptr<Socket> socket);
    void HandleSocksDone(Ptr<Socket> socket, const Socks5Client::Result& r);
    void Ready(Ptr<Socket> socket);
    void Fail(Ptr<Socket> socket, unsigned status);
    void MakeIdle(Connection* c);
    void LeaveIdle(Connection* c);
    void Remove(Connection* c);
    void ServeWaiters();

    Ptr<Node> m_node;
    Settings m_settings;
    Counters m_counters;
    Ptr<ConnectionGauge> m_gauge = Create<ConnectionGauge>();
    uint64_t m_nextTicket{1};
    OwningRegistry<Connection> m_conns;
    /// Connections being opened, with the request that asked for them.
    std::map<Ptr<Socket>, std::pair<Connection*, Waiter>> m_connecting;
    std::list<Connection*> m_idle; //!< idle connections, least recently used first

    /// One server's share of the pool: a busy proxy holds connections to thousands of
    /// servers, and a search of the whole pool per request grew with all of them.
    struct PerServer
    {
        uint32_t open{0};            //!< connections to it, opening and busy included
        std::list<Connection*> idle; //!< its idle ones, least recently used first
    };

    /// The servers with a connection in the pool (an entry leaves with its last connection).
    std::map<Address, PerServer> m_servers;
    std::deque<Waiter> m_waiting;
};

} // namespace ns3

#endif // SERVER_CONNECTION_POOL_H
