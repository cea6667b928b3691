/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CONNECTION_CACHE_H
#define CONNECTION_CACHE_H

#include "connection-gauge.h"
#include "processing-queue.h"
#include "proxy-client-side.h"
#include "proxy-connection-counters.h"
#include "proxy-header-rewriter.h"
#include "proxy-router.h"
#include "proxy-server-relay.h"
#include "proxy-transaction.h"
#include "quick-abort-rule.h"
#include "server-connection-pool.h"

#include "ns3/application.h"
#include "ns3/http-connection.h"
#include "ns3/owning-registry.h"
#include "ns3/traced-callback.h"

#include <functional>
#include <memory>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * An HTTP proxy that caches connections, not data ([PROXIM], section IV.C/D): it keeps
 * persistent connections toward its clients (idle timeout 3 min) and toward origin servers
 * (30 s, reused across clients through a ServerConnectionPool), and relays every request.
 *
 * - Explicit forward proxy (absolute-URI requests); with Origin set also a reverse proxy for
 *   one origin; with Parent set, every request goes to that parent proxy. With SocksGateway
 *   set, every server connection (origin or parent) is a SOCKS5 CONNECT through that gateway
 *   (a proxy inside a firewall, [Depot]); a refusal is a 502, no answer a 504.
 * - Aborts: when a client goes away mid-response the download from the server continues,
 *   stops at once, or follows Squid's quick_abort rule (AbortPolicy).
 * - Flow control: what the proxy has received from the server stays at most ReadAhead
 *   bytes (plus one segment) ahead of what the client has acknowledged. The gap includes the
 *   server socket's TCP receive buffer (FlowControlWindow of it): reads pause when the
 *   client holds ReadAhead - FlowControlWindow unacknowledged bytes, and the full receive
 *   window then stops the server.
 * - Timeouts: a server that sends nothing for UpstreamTimeout after the request or the last
 *   response byte is given up (504, or the client connection is cut mid-response), so that
 *   every request ends.
 * - Capacity: requests take HitProcessingTime / MissProcessingTime of one of Workers
 *   workers (a FIFO queue), and client connections beyond MaxClientConnections are not
 *   accepted (their SYNs go unanswered, as with a full listen backlog).
 *
 * It is also the connection layer of ProxyCache, which overrides the request and response
 * hooks to add a data cache.
 */
class ConnectionCache : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ConnectionCache();
    ~ConnectionCache() override;

    /// Maps a host name (without port) to the address of its origin server.
    using Resolver = ProxyRouter::Resolver;
    /**
     * Set how host names are resolved. Without one, only dotted-quad hosts resolve.
     * \param resolver the resolver
     */
    void SetResolver(Resolver resolver);

    /// What the proxy counts on the client side and in relaying ([PROXIM]'s tables).
    using Counters = ProxyConnectionCounters;

    /// \return the client-side and relay counters
    const Counters& GetCounters() const;
    /// \return the server-side connection counters
    const ServerConnectionPool::Counters& GetServerCounters() const;
    /// \return the processing queue (the proxy's CPU), e.g. for load reports
    const ProcessingQueue& GetProcessingQueue() const;
    /// \return requests received and not yet finished (processing, waiting or relaying)
    uint32_t GetActiveRequests() const;

    /**
     * Print the connection table of [PROXIM] (section IV.D) for this proxy.
     * \param os the stream
     */
    void PrintConnectionTable(std::ostream& os) const;

    /// Signature of the Forward trace: request sent upstream, address of the server.
    typedef void (*ForwardCallback)(const HttpRequestHeader& request, const Address& server);
    /// Signature of the UpstreamTimeout trace: URL of the request given up.
    typedef void (*UrlCallback)(const std::string& url);
    /// Signature of the ClientAbort trace: URL, body bytes from the server, Content-Length.
    typedef void (*ClientAbortCallback)(const std::string& url, uint64_t received, uint64_t length);

  protected:
    /// Empties the processing queue and the server connection pool, cancels the client idle
    /// timers and disposes of the client connections, then drops the listener and resolver.
    void DoDispose() override;

    /// One request and its response through the proxy.
    using Transaction = ProxyTransaction;
    /// A client connection.
    using ClientConn = ProxyClientConnection;

    /**
     * A complete request reached the front of its connection: decide what to do. The base
     * class forwards it after MissProcessingTime.
     * \param t the transaction
     */
    virtual void HandleRequest(Transaction* t);

    /**
     * A response header came from the server. Set t->relay = false to keep it from the
     * client (e.g. a 304 to the proxy's own conditional GET). The base does nothing.
     * \param t the transaction
     */
    virtual void HandleServerResponse(Transaction* t);

    /**
     * The server's response is complete (also when the client went away and the download
     * continued: t->client is then null). With t->relay off and a client present, the
     * override must answer the client (Respond, Forward); otherwise it must not end t. The
     * base does nothing.
     * \param t the transaction
     */
    virtual void HandleServerComplete(Transaction* t);

    /**
     * Run a job on the proxy's processing queue; the transaction is failed with 503 when the
     * queue is full.
     * \param t the transaction
     * \param cost processing time
     * \param job what to do then
     */
    void Process(Transaction* t, Time cost, std::function<void()> job);

    /**
     * Send a request upstream for t, to t->server.
     * \param t the transaction
     * \param request the request (origin-form or absolute, as the server needs)
     */
    void Forward(Transaction* t, const HttpRequestHeader& request);

    /**
     * The request as forwarded to t->server: hop-by-hop fields dropped, Via added,
     * persistence as configured, target absolute only toward a parent proxy (or toProxy).
     * \param t the transaction
     * \param toProxy t->server is a proxy (e.g. a sibling) even without a Parent
     * \return the request header
     */
    HttpRequestHeader MakeUpstreamRequest(const Transaction* t, bool toProxy = false) const;

    /**
     * Delete t if nothing holds it any more (after a subclass dropped its own hold).
     * \param t the transaction
     */
    void Release(Transaction* t);

    /**
     * Answer the client from the proxy itself (a cache hit or an error) and end t.
     * \param t the transaction
     * \param response the response header (Connection is set here)
     * \param body body bytes
     */
    void Respond(Transaction* t, HttpResponseHeader response, uint64_t body);

    /**
     * Answer with an error status and end t.
     * \param t the transaction
     * \param status the status code
     */
    void RespondError(Transaction* t, unsigned status);

    /// \return the proxy's counters, for subclasses to add to
    Counters& MutableCounters();

    /// \return true when a (parent) Origin or Parent is configured
    bool HasParent() const;

    /// Sets up the server connection pool (per-server and total limits, idle timeout, flow
    /// control receive window) and the processing queue, then listens on Port.
    void StartApplication() override;
    /// Stops listening, drops queued jobs, closes every client connection and the server
    /// connection pool, and discards the transactions in progress.
    void StopApplication() override;

  private:
    /// \param policy "Continue", "Abort" or "Quick"
    void SetAbortPolicy(std::string policy);
    /// \return the abort policy's name
    std::string GetAbortPolicy() const;

    // The client side and the server-side relay work on this object's state and hooks.
    friend class ProxyClientSide;
    friend class ProxyServerRelay;

    void SendResponseHeader(Transaction* t, HttpResponseHeader h, uint64_t length);
    void Finish(Transaction* t);
    void MaybeDelete(Transaction* t);
    uint64_t GetServerWindow() const;
    uint64_t GetPauseThreshold() const;
    void SetQuickAbortMin(uint64_t v);
    uint64_t GetQuickAbortMin() const;
    void SetQuickAbortMax(uint64_t v);
    uint64_t GetQuickAbortMax() const;
    void SetQuickAbortPercent(double v);
    double GetQuickAbortPercent() const;

    // Attributes
    uint16_t m_port;
    Address m_origin;
    Address m_parent;
    Address m_socksGateway;
    std::string m_socksUsername;
    std::string m_socksPassword;
    Time m_socksTimeout;
    bool m_intercepting;
    bool m_clientPersistent;
    bool m_serverPersistent;
    Time m_clientIdleTimeout;
    Time m_serverIdleTimeout;
    Time m_upstreamTimeout;
    uint32_t m_maxPerServer;
    uint32_t m_maxServerConnections;
    bool m_waitForBusy;
    uint32_t m_maxClientConnections;
    uint32_t m_headerLimit;
    AbortPolicy m_abortPolicy;
    QuickAbortRule m_quickAbort;
    bool m_flowControl;
    uint64_t m_readAhead;
    uint64_t m_flowControlWindow;
    Time m_hitTime;
    Time m_missTime;
    uint32_t m_workers;
    uint32_t m_queueLimit;
    std::string m_via;

    ProxyRouter m_router;
    ProxyHeaderRewriter m_rewriter;
    Ptr<Socket> m_listener;
    ServerConnectionPool m_pool;
    Ptr<ConnectionGauge> m_clientGauge = Create<ConnectionGauge>();
    ProcessingQueue m_cpu;
    Counters m_counters;
    OwningRegistry<ClientConn> m_clients;
    OwningRegistry<Transaction> m_transactions;
    ProxyClientSide m_clientSide{*this}; //!< accepts clients and queues their requests
    ProxyServerRelay m_relay{*this};     //!< forwards requests and relays responses

    TracedCallback<const HttpRequestHeader&, const Address&> m_requestTrace;
    TracedCallback<const HttpRequestHeader&, const Address&> m_forwardTrace;
    TracedCallback<const HttpResponseHeader&, uint64_t, const Address&> m_responseTrace;
    TracedCallback<const std::string&, uint64_t, uint64_t> m_clientAbortTrace;
    TracedCallback<const std::string&> m_upstreamTimeoutTrace;
    TracedCallback<const Address&> m_acceptTrace;
    TracedCallback<const Address&> m_refuseTrace;

  protected:
    /// \return hit processing time, for subclasses
    Time GetHitProcessingTime() const;
    /// \return miss processing time, for subclasses
    Time GetMissProcessingTime() const;
};

} // namespace ns3

#endif // CONNECTION_CACHE_H
