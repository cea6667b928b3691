/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CLIENT_REQUEST_H
#define CLIENT_REQUEST_H

#include "request-record.h"
#include "web-request.h"

#include "ns3/address.h"
#include "ns3/event-id.h"
#include "ns3/http-message.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <optional>
#include <string>

namespace ns3
{

class ClientConnection;

/**
 * \ingroup web-proxy
 * \brief One request of a WebClient under way: its request header and its RequestRecord.
 *
 * Keeps the instants the request went through (sent, response header, first body byte) and
 * turns them into the latency breakdown of RequestRecord when the request ends.
 */
class ClientRequest
{
  public:
    WebRequest request;              //!< what was asked
    RequestRecord record;            //!< being filled in
    Address peer;                    //!< where it goes (origin or proxy)
    ClientConnection* conn{nullptr}; //!< the connection carrying it
    std::optional<Time> sent;        //!< request handed to TCP
    std::optional<Time> header;      //!< response header arrived
    std::optional<Time> firstBody;   //!< first body byte arrived
    bool gotResponseBytes{false};    //!< any part of the response arrived
    bool retried{false};             //!< already retried once on a new connection
    uint32_t connectAttempts{0};     //!< connections opened for it
    EventId abortEvent;              //!< timed user abort
    /// How long the peer may stay silent (its connection's response timer, restarted by
    /// the Marks); 0: for ever
    Time responseTimeout;

    ClientRequest() = default;
    /// Cancels the abort event, which refers to this request.
    ~ClientRequest();
    /// Not copyable: the timers' events refer to this object.
    ClientRequest(const ClientRequest&) = delete;
    /// Not copyable.
    ClientRequest& operator=(const ClientRequest&) = delete;

    /**
     * \brief Start the record: identity, method, URL and peer of the request, issued now.
     * \param node id of the client node
     * \param id request number within the client
     */
    void Begin(uint32_t node, uint64_t id);
    /**
     * \brief A connection became available for the request now: record the wait.
     * \param newConnection whether the connection was opened for it
     */
    void MarkWaited(bool newConnection);
    /// \brief A new connection is being opened for it (the wait ends with the first one).
    void MarkOpening();
    /// \brief The connection opened for it was established now: record the setup time.
    void MarkConnected();
    /**
     * \brief Whether the request asks for a persistent connection.
     * \param byDefault the client's choice when the request does not say
     * \return true to keep the connection open
     */
    bool WantsPersistent(bool byDefault) const;
    /**
     * \brief The request header to send.
     * \param absoluteUri target is the absolute URL (through a proxy), else the path
     * \param version HTTP version, 10 or 11
     * \param persistent ask for a persistent connection
     * \param userAgent value of the User-Agent field
     * \return the header
     */
    HttpRequestHeader BuildHeader(bool absoluteUri,
                                  uint32_t version,
                                  bool persistent,
                                  const std::string& userAgent) const;
    /**
     * \brief The request was handed to TCP now: the response timer starts.
     * \param headerBytes size of its header
     */
    void MarkSent(uint64_t headerBytes);
    /**
     * \brief The response header arrived now.
     * \param status HTTP status
     * \param headerBytes size of the header
     * \param contentLength body bytes announced
     * \return true if the user gives up now, before any of the body
     */
    bool MarkResponse(unsigned status, uint64_t headerBytes, uint64_t contentLength);
    /**
     * \brief Body bytes arrived now.
     * \param bytes how many
     * \return true if the user gives up now (AbortFraction of the body reached)
     */
    bool MarkBody(uint64_t bytes);
    /// \brief The request ends now: cancel the timers, fill in the latency components
    /// reached and the total. A complete response with an error status (4xx, 5xx) makes
    /// the request failed, its status kept.
    void Finalize();

  private:
    /// Restart the response timer of the connection carrying the request. The timer is the
    /// connection's, not the request's: a connection carries one request at a time, and a
    /// timer per request left one cancelled 300 s event queued per finished request (about
    /// 2 KB per client in bench/scenario-throughput).
    void RestartResponseTimer();
    /// Stop the response timer of the connection carrying the request.
    void StopResponseTimer();
};

} // namespace ns3

#endif // CLIENT_REQUEST_H
