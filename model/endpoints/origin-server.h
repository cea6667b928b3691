/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ORIGIN_SERVER_H
#define ORIGIN_SERVER_H

#include "web-object-catalog.h"

#include "ns3/application.h"
#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/http-connection.h"
#include "ns3/idle-timer.h"
#include "ns3/owning-registry.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <list>
#include <map>

namespace ns3
{

/**
 * \ingroup web-proxy
 * An HTTP/1.0 and HTTP/1.1 origin server.
 *
 * Serves the objects of a WebObjectCatalog (404 for others unless DefaultObjectSize is set;
 * an object's own status, without a body, if it is a redirect or an error), answers HEAD and
 * conditional GET (If-Modified-Since -> 304), keeps connections alive when
 * the request asks for it, closes idle connections after IdleTimeout, and takes ServiceTime
 * per request (requests on one connection are served in order). Requests may be in origin
 * form or, as a proxy forwards them, absolute URIs. Malformed requests get 400 and the
 * connection is closed.
 */
class OriginServer : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    OriginServer();
    ~OriginServer() override;

    /// \return the catalog served
    Ptr<WebObjectCatalog> GetCatalog() const;

    /**
     * Assign fixed random variable streams (service time, catalog modifications).
     * \param stream first stream index
     * \return streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// \return requests answered (any status)
    uint64_t GetRequestCount() const;
    /// \return malformed requests seen
    uint64_t GetMalformedCount() const;
    /// \return connections accepted
    uint64_t GetConnectionCount() const;

    /// Signature of the Request trace: request header, address of the client.
    typedef void (*RequestCallback)(const HttpRequestHeader& request, const Address& from);
    /// Signature of the Response trace: response header, body bytes, address of the client.
    typedef void (*ResponseCallback)(const HttpResponseHeader& response,
                                     uint64_t bodyBytes,
                                     const Address& to);
    /// Signature of the Malformed trace: error name, address of the client.
    typedef void (*MalformedCallback)(const std::string& error, const Address& from);

  protected:
    /// Cancels the client connections' idle timers and pending service events, disposes of
    /// the connections, then drops the listener, the catalog and the service time variable.
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// A client connection and the requests waiting on it; its request stream's events go to
    /// the server.
    struct Client : public HttpParser::Listener
    {
        OriginServer* server{nullptr}; //!< the server
        Ptr<HttpConnection> http;      //!< the connection
        Address from;                  //!< client address
        /// Parsed requests not yet answered (pipelined). A list, because an empty
        /// std::deque allocates about 576 bytes, per connection, for a queue that almost
        /// always holds zero or one header.
        std::list<HttpRequestHeader> pending;
        bool busy{false};       //!< a request is in service
        uint32_t served{0};     //!< requests answered
        bool closing{false};    //!< no more requests will be served
        bool peerClosed{false}; //!< the client closed its side
        IdleTimer idleTimer;    //!< closes the connection when idle
        EventId serviceEvent;   //!< the request in service

        /// \copydoc HttpParser::Listener::OnRequest
        void OnRequest(const HttpRequestHeader& h,
                       uint64_t headerBytes,
                       uint64_t bodyBytes) override;
        /// \copydoc HttpParser::Listener::OnComplete
        void OnComplete() override;
        /// \copydoc HttpParser::Listener::OnError
        void OnError(HttpParser::Error e, const std::string& what) override;
    };

    bool HandleAcceptRequest(Ptr<Socket> socket, const Address& from);
    void HandleAccept(Ptr<Socket> socket, const Address& from);
    void HandleRequest(Client* c, const HttpRequestHeader& h);
    void HandleMalformed(Client* c, HttpParser::Error e);
    void HandleClosed(Client* c, bool error);
    void ServeNext(Client* c);
    void Respond(Client* c);
    void ArmIdleTimer(Client* c);
    void IdleTimeout(Client* c);
    void Remove(Client* c);

    uint16_t m_port;
    Ptr<WebObjectCatalog> m_catalog;
    Ptr<RandomVariableStream> m_serviceTime;
    bool m_persistent;
    Time m_idleTimeout;
    uint32_t m_maxRequestsPerConnection;
    uint32_t m_headerLimit;
    uint64_t m_defaultObjectSize;
    std::string m_serverName;
    DataRate m_sendRate;

    Ptr<Socket> m_listener;
    OwningRegistry<Client> m_clients;
    uint64_t m_requests{0};
    uint64_t m_malformed{0};
    uint64_t m_connections{0};

    TracedCallback<const HttpRequestHeader&, const Address&> m_requestTrace;
    TracedCallback<const HttpResponseHeader&, uint64_t, const Address&> m_responseTrace;
    TracedCallback<const std::string&, const Address&> m_malformedTrace;
    TracedCallback<const Address&> m_acceptTrace;
    TracedCallback<const Address&> m_closeTrace;
};

} // namespace ns3

#endif // ORIGIN_SERVER_H
