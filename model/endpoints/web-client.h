/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEB_CLIENT_H
#define WEB_CLIENT_H

#include "client-connection.h"
#include "client-page-gate.h"
#include "client-request.h"
#include "client-wait-queue.h"
#include "request-record.h"
#include "request-source.h"
#include "web-client-counters.h"

#include "ns3/application.h"
#include "ns3/dns-resolver.h"
#include "ns3/event-id.h"
#include "ns3/http-connection.h"
#include "ns3/idle-timer.h"
#include "ns3/owning-registry.h"
#include "ns3/traced-callback.h"

#include <list>
#include <memory>
#include <optional>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A web user agent. It takes requests from a RequestSource and issues them directly to
 * origin servers or through an explicit proxy, keeping up to MaxOutstanding requests in
 * flight (each slot waits for its request to end, then the next request's think time).
 *
 * Connections: at most MaxConnectionsPerServer per server (or to the proxy) and
 * MaxConnections in all, as a browser's connection limit (an idle one is closed to make room,
 * else the request waits); persistent
 * connections are reused when idle and closed after IdleTimeout; no pipelining, like the
 * browsers of the traces [PROXIM] studies. A request whose reused connection is closed by
 * the server before any response byte is retried once on a new connection.
 *
 * A failed connection attempt (no answer within ConnectTimeout, TCP's SYN retries exhausted,
 * or a RST) is repeated on a new connection up to ConnectAttempts times, as WebStone does
 * when a server refuses; sync then covers all attempts.
 *
 * Pages: a request marked embedded is issued only once its page's base (the last request
 * not marked embedded) has ended, as a browser learns of the embedded objects from the base's
 * body. If the base failed, its embedded requests fail at once ("page base failed") without
 * being sent, so that every request still ends; a base the user aborted releases them.
 *
 * A request whose peer sends nothing for ResponseTimeout after the request or the last
 * response byte fails (the connection is reset), so that every request ends.
 *
 * With a Resolver (and no Proxy), the host name of each request (not an IPv4 literal) is
 * resolved before the client connects, to the port of the request's server address (80 if
 * it has none); the resolution time counts in the request's wait. A name that cannot be
 * resolved fails the request ("DNS: <reason>"). Each client needs its own resolver.
 *
 * Every request ends in a RequestRecord (RequestComplete trace) with its latency broken
 * down as in [PROXIM]: completed (a 1xx-3xx response received whole), aborted by the user,
 * or failed (connection failure, timeout, or a 4xx/5xx response, whose status is kept).
 *
 * Stop: a request is issued to the client once its time has come (its issueTime, or its
 * think time after the request before it in its slot). At StopApplication every issued
 * request that has not ended fails with "application stopped": those in flight, waiting for
 * a connection or a name, the embedded ones waiting for their page's base, and those whose
 * issueTime is not after the stop but that MaxOutstanding kept in the source (a busy modem's
 * backlog). A request whose issue time is after the stop, or whose think time has not run
 * out, was not issued and leaves no record. Nothing is recorded at disposal (the trace's
 * sinks may be gone): a simulation that ends before the client's stop time leaves the
 * requests then under way without a record, so give clients a stop time.
 */
class WebClient : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    WebClient();
    ~WebClient() override;

    /**
     * Set the request stream.
     * \param source the source
     */
    void SetRequestSource(Ptr<RequestSource> source)
    {
        m_source = source;
    }
    /// \return the request stream
    Ptr<RequestSource> GetRequestSource() const
    {
        return m_source;
    }

    /**
     * Assign fixed random variable streams to the request source.
     * \param stream first stream index
     * \return streams used
     */
    int64_t AssignStreams(int64_t stream)
    {
        return m_source ? m_source->AssignStreams(stream) : 0;
    }

    /// \return the counters: requests completed, failed, aborted, timed out; connections
    const WebClientCounters& GetCounters() const
    {
        return m_counters;
    }
    /// \return requests completed: a 1xx-3xx response received whole (not failed or aborted)
    uint64_t GetCompletedCount() const
    {
        return m_counters.completed;
    }
    /// \return TCP connections opened
    uint64_t GetConnectionCount() const
    {
        return m_counters.connections;
    }
    /// \return connection attempts repeated after a failed or timed-out one
    uint64_t GetConnectRetryCount() const
    {
        return m_counters.connectRetries;
    }
    /// \return connection attempts given up after ConnectTimeout
    uint64_t GetConnectTimeoutCount() const
    {
        return m_counters.connectTimeouts;
    }

    /// Signature of the RequestComplete trace.
    typedef void (*RequestCompleteCallback)(const RequestRecord& record);
    /// Signature of the RequestSent trace: request header, address it was sent to.
    typedef void (*RequestSentCallback)(const HttpRequestHeader& request, const Address& to);
    /// Signature of the ResponseReceived trace: response header, address it came from.
    typedef void (*ResponseCallback)(const HttpResponseHeader& response, const Address& from);
    /// Signature of the Malformed trace: error name, address of the peer.
    typedef void (*MalformedCallback)(const std::string& error, const Address& from);

  protected:
    /// Cancels the connections' idle timers and disposes of them, discards the requests under
    /// way or waiting for a connection without a record (see the class's Stop), and drops
    /// the request source.
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    using Pending = ClientRequest;       //!< a request under way
    using Connection = ClientConnection; //!< a TCP connection to one peer

    /// A request waiting for its issue time (its slot took it from the source).
    struct IssueEvent
    {
        EventId event;      //!< runs Issue at the request's issue time
        WebRequest request; //!< the request
    };
    using IssueEvents = std::list<IssueEvent>; //!< at most MaxOutstanding

    /// Take the next request from the source and schedule it at its issue time.
    void IssueNext();
    /**
     * Take the next request: the one held back at a stop, else the source's next.
     * \param r receives it
     * \return false when the source is exhausted (then m_exhausted is set)
     */
    bool TakeNext(WebRequest& r);
    /// The request's issue time has come: admit it (page gate) and start it.
    void Issue(IssueEvents::iterator it);
    /// \return a new request under way for request, issued now with the next id
    Pending* Begin(WebRequest request);
    /// End a request issued but not started (held back when the client stopped) as failed.
    void FailUnstarted(WebRequest request, const std::string& error);
    /// At the stop: fail every issued request not started yet, in issue order (the page
    /// gate's, the issue events due now, and the source's whose issueTime has come).
    void FailHeldBack();
    /// Find the address of the request's host, then dispatch it (or fail it).
    void Resolve(Pending* p);
    /// The request's host was resolved (peer valid) or not (error); id: the request's.
    void Resolved(Pending* p, uint64_t id, const Address& peer, const std::string& error);
    /**
     * Start a request (after its page's base, for an embedded one).
     * \param request the request
     * \param base how its page's base ended (COMPLETED for a base)
     */
    void Start(WebRequest request, ClientPageGate::Base base);
    /// \return whether a connection may be opened now, closing an idle one if needed
    bool MakeRoom();
    /**
     * A connection to peer ended: open one for the first request waiting for it, or for the
     * longest-waiting request that a MaxConnections slot held back.
     * \param peer the peer
     */
    void WakeWaiting(const Address& peer);
    /**
     * \param peer a peer
     * \return whether fewer than MaxConnectionsPerServer connections are open to it
     */
    bool MayConnect(const Address& peer) const;
    void Dispatch(Pending* p);
    void Open(Pending* p);
    void HandleConnected(Ptr<Socket> socket);
    void HandleConnectFailed(Ptr<Socket> socket);
    /// A connection attempt failed (refused, TCP gave up, or ConnectTimeout).
    void ConnectFailed(Connection* c);
    /// A connection attempt was not established within ConnectTimeout.
    void ConnectTimedOut(Connection* c);
    void SendRequest(Connection* c, Pending* p);
    friend class ClientConnection; // passes its parser's events on

    void HandleResponse(Connection* c, const HttpResponseHeader& h, uint64_t hdr, uint64_t len);
    void HandleBody(Connection* c, uint64_t bytes);
    void HandleComplete(Connection* c);
    void HandleMalformed(Connection* c, HttpParser::Error e);
    void HandleClosed(Connection* c, bool error);
    /// The peer sent nothing for ResponseTimeout: reset the connection, fail the request.
    void ResponseTimedOut(Pending* p);
    void Abort(Pending* p);
    /// End a connection whose request was given up (reset or FIN) and hand its slot on.
    void Drop(Connection* c, bool reset);
    void Finish(Pending* p);
    /// With CloseWhenDone: close every connection once the source is exhausted and every
    /// request has ended.
    void CloseIfDone();
    void Fail(Pending* p, const std::string& error);
    void Release(Connection* c);
    void CloseConnection(Connection* c);
    Connection* FindConnection(Ptr<Socket> socket);

    Ptr<RequestSource> m_source;
    Address m_proxy;
    Ptr<DnsResolver> m_resolver;
    uint32_t m_httpVersion;
    bool m_persistent;
    uint32_t m_maxPerServer;
    uint32_t m_maxConnections;
    uint32_t m_maxOutstanding;
    Time m_idleTimeout;
    uint32_t m_headerLimit;
    std::string m_userAgent;
    bool m_abortWithReset;
    uint32_t m_connectAttempts;
    Time m_connectTimeout;
    Time m_responseTimeout;
    bool m_closeWhenDone;
    bool m_embeddedAsParsed;

    bool m_running{false};
    bool m_exhausted{false};
    uint64_t m_nextId{0};
    WebClientCounters m_counters;
    IssueEvents m_issueEvents;
    /// Taken from the source at the stop but not issued then (its issue time had not come).
    /// A pointer: a WebRequest held in place took 232 bytes in every client.
    std::unique_ptr<WebRequest> m_lookahead;
    OwningRegistry<Pending> m_pending;
    OwningRegistry<Connection> m_conns;
    ClientWaitQueue m_waiting; //!< requests waiting for a connection
    ClientPageGate m_pages;    //!< embedded requests waiting for their page's base

    TracedCallback<const RequestRecord&> m_completeTrace;
    TracedCallback<const Address&> m_responseTimeoutTrace;
    TracedCallback<const HttpRequestHeader&, const Address&> m_sentTrace;
    TracedCallback<const HttpResponseHeader&, const Address&> m_responseTrace;
    TracedCallback<const std::string&, const Address&> m_malformedTrace;
    TracedCallback<const Address&> m_connectTrace;
    TracedCallback<const Address&> m_connectRetryTrace;
    TracedCallback<const Address&> m_connectTimeoutTrace;
};

} // namespace ns3

#endif // WEB_CLIENT_H
