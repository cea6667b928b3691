/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEBSTONE_HELPER_H
#define WEBSTONE_HELPER_H

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/request-record.h"
#include "ns3/simple-ref-count.h"
#include "ns3/web-client-helper.h"
#include "ns3/web-request.h"

#include <functional>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A WebStone-like benchmark ([Depot]'s modified WebStone): one WebClient keeps Connections
 * requests in flight, each on its own non-persistent HTTP/1.0 connection, until
 * TotalRequests have ended; a refused or failed connection is tried again (WebClient
 * ConnectAttempts, no limit by default). Requests go to a proxy (absolute URIs), which may be
 * a depot's VIP.
 *
 * A connection attempt ends as connect() does on the testbed's era of kernels: the client's
 * connection-establishment timer gives up after ConnectTimeout() (75 s: 4.4BSD/NetBSD's
 * TCPTV_KEEP_INIT, HP-UX's tcp_ip_abort_cinterval) with ETIMEDOUT (WebClient ConnectTimeout;
 * SetAttribute overrides it).
 *
 * Result gathers WebStone's figures from the RequestComplete trace: connections per second,
 * gross throughput (response headers and bodies) and average connection time (TCP setup,
 * retries included), and its verdict: a run completes when every request succeeded and no
 * connection attempt timed out. A refused connection re-attempted at once is not an error
 * ([Depot]'s modified WebStone "will re-attempt to make connection even it is refused"); a
 * connect() that waited the whole 75 s for a proxy that never answered is one (WebStone counts
 * it as an error): the proxy could not handle the load.
 */
class WebStoneHelper
{
  public:
    /**
     * \param proxy where requests go (InetSocketAddress)
     * \param request the request repeated (host, path, extra fields such as Pragma)
     */
    WebStoneHelper(const Address& proxy, const WebRequest& request);

    /**
     * connect()'s connection-establishment timeout of 4.4BSD/NetBSD and HP-UX, the default
     * of the client's ConnectTimeout attribute.
     * \return 75 s
     */
    static Time ConnectTimeout();

    /// \param n requests in flight (WebStone's concurrent clients)
    void SetConnections(uint32_t n);
    /// \param n requests in the run
    void SetTotalRequests(uint32_t n);
    /**
     * Set an attribute of the WebClient (e.g. ConnectAttempts, ConnectTimeout).
     * \param name attribute name
     * \param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /// The benchmark's figures.
    class Result : public SimpleRefCount<Result>
    {
      public:
        /// \param total requests in the run
        explicit Result(uint32_t total);
        /**
         * Count one ended request (a RequestComplete trace sink); calls the done callback
         * when it is the last of the run.
         * \param r the request's record
         */
        void Add(const RequestRecord& r);
        /// \param cb called when the last request has ended (e.g. Simulator::Stop)
        void SetDoneCallback(std::function<void()> cb);

        uint32_t total;              //!< requests in the run
        uint64_t ended{0};           //!< requests ended
        uint64_t ok{0};              //!< ended with a 2xx/3xx response, whole
        uint64_t failed{0};          //!< connection failed (after its attempts) or response cut
        uint64_t errors{0};          //!< HTTP errors (status >= 400)
        uint64_t connectTimeouts{0}; //!< connection attempts given up after ConnectTimeout
        uint64_t connectRetries{0};  //!< connection attempts repeated
        uint64_t bytes{0};           //!< response header and body bytes of successful requests
        Time connectSum;             //!< sum of connection times of successful requests
        Time responseSum;    //!< sum of request times (issue to last byte) of successful ones
        Time first;          //!< first issue
        Time last;           //!< last end
        bool started{false}; //!< first is set

        /// \return whether the run completed: every request succeeded, no connection attempt
        /// timed out
        bool Complete() const;
        /// \return why the run did not complete, empty if it did
        std::string IncompleteReason() const;
        /// \return successful requests per second of the run
        double ConnectionsPerSecond() const;
        /// \return response bytes per second of the run, KB (1024 bytes)
        double ThroughputKBps() const;
        /// \return mean connection time, ms
        double MeanConnectMs() const;
        /// \return mean request time, ms
        double MeanResponseMs() const;

      private:
        std::function<void()> m_done;
    };

    /**
     * Install the client on a node and attach a Result to it.
     * \param node the client node
     * \param result filled in as requests end
     * \return the WebClient
     */
    ApplicationContainer Install(Ptr<Node> node, Ptr<Result> result) const;

  private:
    WebClientHelper m_client; //!< the WebClient's attributes
    WebRequest m_request;     //!< repeated
    uint32_t m_connections{25};
    uint32_t m_total{1000};
};

} // namespace ns3

#endif // WEBSTONE_HELPER_H
