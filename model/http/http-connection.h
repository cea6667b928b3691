/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HTTP_CONNECTION_H
#define HTTP_CONNECTION_H

#include "http-parser.h"

#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/node.h"
#include "ns3/object.h"
#include "ns3/socket.h"

#include <functional>
#include <list>
#include <memory>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * One HTTP connection over a connected TCP socket: writes messages (header text plus
 * zero-filled body bytes, but for an image format's header: HttpBodyBytes) as fast as the
 * socket's send buffer accepts them, and parses the incoming direction with an HttpParser.
 *
 * Clients, origin servers and proxies all use it, so that every application puts the same
 * bytes on the wire and reads them the same way.
 */
class HttpConnection : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    HttpConnection();
    ~HttpConnection() override;

    /**
     * Open a TCP listening socket for an HTTP server or proxy (a fatal error if the port is
     * taken).
     * \param node the node
     * \param port the port
     * \param request accept-request callback (false: the SYN goes unanswered)
     * \param accept called with each accepted socket
     * \return the listening socket
     */
    static Ptr<Socket> Listen(Ptr<Node> node,
                              uint16_t port,
                              Callback<bool, Ptr<Socket>, const Address&> request,
                              Callback<void, Ptr<Socket>, const Address&> accept);

    /**
     * Close a socket opened by Listen and drop its callbacks; null it.
     * \param listener the socket
     */
    static void StopListening(Ptr<Socket>& listener);

    /**
     * Take over a connected socket.
     * \param socket the socket (its callbacks are replaced)
     * \param incoming what the peer sends: requests (server side) or responses (client side)
     * \param headerLimit largest accepted header section, bytes
     */
    void Attach(Ptr<Socket> socket, HttpParser::Kind incoming, uint32_t headerLimit);

    /// \return the socket
    Ptr<Socket> GetSocket() const;
    /// \return the parser of the incoming direction (set its callbacks)
    HttpParser& GetParser();

    /**
     * Queue a message, or a piece of one, for sending.
     * \param header the bytes sent as they are: a serialized header, then the body's bytes
     *        that are not zero (HttpBodyBytes), or these alone for a later piece of a body
     * \param bodyBytes zero-filled bytes sent after them
     */
    void Send(const std::string& header, uint64_t bodyBytes);

    /// \return bytes queued but not yet accepted by the socket
    uint64_t GetUnsentBytes() const;

    /**
     * Hand data to TCP no faster than rate (a token bucket of two segments), in whole
     * segments of the socket's SegmentSize (or all that is left): the bandwidth of a server's
     * side of one connection, as [PROXIM]'s "proxy-to-server bandwidth".
     * \param rate the rate; 0 (the default): as fast as TCP takes it
     */
    void SetSendRate(DataRate rate);

    /**
     * \return bytes written but not yet acknowledged by the peer: the queue plus what TCP
     * still holds. A relay uses it to stay a bounded gap ahead of its slow side.
     */
    uint64_t GetBufferedBytes() const;

    /**
     * Called, from an event of its own, after the peer acknowledged data and TCP took more
     * of the queue: the moment a relay may read its fast side again.
     */
    using DrainCallback = std::function<void()>;
    /// \param cb the callback (nullptr: none)
    void SetDrainCallback(DrainCallback cb);

    /// Close gracefully once everything queued has been handed to TCP.
    void Close();

    /**
     * Close at once, as a browser's stop button does. With reset (the default, what most
     * stacks do when an application closes with data still arriving) the connection is reset
     * now and the peer stops sending after one trip. Without, FIN now and RST when more data
     * arrives in order, as a BSD close() does.
     * \param reset send RST now
     */
    void Abort(bool reset = true);

    /// Stop reading from the socket, so that TCP flow control throttles the peer.
    void PauseReading();
    /// Read again.
    void ResumeReading();

    /**
     * Read at most this many bytes from the socket at a time, so that a relay checking its
     * gap after every read overshoots it by at most one such read (by default a read takes
     * everything TCP holds, up to its whole receive buffer).
     * \param bytes bytes per read; 0 (the default): no limit
     */
    void SetMaxRead(uint32_t bytes);

    /// \return bytes TCP has received in order that the application has not read yet
    uint32_t GetUnreadBytes() const;

    /// \return true once Close or Abort was called, or the peer closed or reset
    bool IsClosed() const;

    /**
     * Called when the peer closes (error=false; the owner then calls Close, possibly after
     * sending what it still owes) or the connection fails (error=true). Without a callback
     * the connection closes itself when the peer does.
     */
    using ClosedCallback = std::function<void(bool error)>;
    /// \param cb the callback
    void SetClosedCallback(ClosedCallback cb);

  protected:
    /// Clears its callbacks from the socket (which TCP keeps until it is fully closed),
    /// cancels the pending write events and drops the reference that kept a draining
    /// connection alive.
    void DoDispose() override;

  private:
    void HandleRead(Ptr<Socket> socket);
    void HandleSend(Ptr<Socket> socket, uint32_t available);
    /// Set the socket's send callback, once: when a write found TCP's buffer full, or when a
    /// drain callback wants every report of free space.
    void WatchSend();
    void HandlePeerClose(Ptr<Socket> socket);
    void HandlePeerError(Ptr<Socket> socket);
    void Pump();
    void PumpAndNotify();
    void Detach();
    void KeepSelf();
    void ReleaseSelf();

    /// A queued message.
    struct Chunk
    {
        std::string header; //!< header text
        uint64_t body;      //!< body bytes
    };

    Ptr<Socket> m_socket;
    std::unique_ptr<HttpParser> m_parser;
    /// Messages to send. A list: Pump() holds a reference to the front while callbacks may
    /// queue more, and an empty std::deque already holds 576 bytes per connection.
    std::list<Chunk> m_queue;
    size_t m_headerSent{0}; //!< bytes of m_queue.front().header already sent
    uint64_t m_unsent{0};
    bool m_paused{false};
    uint32_t m_maxRead{0}; //!< bytes per socket read; 0: no limit
    bool m_closing{false}; //!< Close() called, waiting for the queue to drain
    bool m_closed{false};
    bool m_detached{false};     //!< the socket's callbacks no longer name this object
    bool m_watchingSend{false}; //!< the socket's send callback is set (WatchSend)
    bool m_peerClosed{false};
    bool m_peerClosePending{false}; //!< FIN arrived while reading was paused
    uint32_t m_sndBufSize{0};       //!< the socket's send buffer size
    Ptr<HttpConnection> m_self;     //!< keeps this alive while a Close drains the queue
    EventId m_pumpEvent;            //!< deferred write after TCP reported free space
    /// A send rate limit's token bucket.
    struct RateLimit
    {
        DataRate rate;       //!< the limit
        double tokens{0};    //!< bytes the rate allows now
        Time tokensAt;       //!< when tokens was computed
        EventId event;       //!< write when the rate allows more
        uint32_t segment{0}; //!< the socket's segment size, read at the first write
    };

    /// Only with a send rate: most connections have none, and the bucket took 48 bytes in
    /// each.
    std::unique_ptr<RateLimit> m_limit;
    ClosedCallback m_onClosed;
    DrainCallback m_onDrain;
};

} // namespace ns3

#endif // HTTP_CONNECTION_H
