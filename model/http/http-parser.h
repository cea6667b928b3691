/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HTTP_PARSER_H
#define HTTP_PARSER_H

#include "http-message.h"

#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Incremental HTTP/1.x parser for one direction of a TCP byte stream.
 *
 * Headers are parsed by Boost.Beast. Bodies must be framed by Content-Length (the module
 * never sends chunked bodies); their bytes are counted, not stored, and when fed as ns-3
 * packets they are not even copied. Several pipelined messages may arrive in one piece.
 *
 * Any split of the stream into pieces gives the same callbacks, the same error included: the
 * parser buffers a header section until its empty line and hands Beast only whole sections,
 * so every decision depends on the bytes alone. A header section (start line to the empty
 * line, CRLFs included) may have at most headerLimit bytes; a line ending in a bare LF is
 * BAD_HEADER as soon as it is seen; a body may announce at most MAX_BODY_SIZE bytes.
 *
 * After an error the parser stops: the stream cannot be resynchronized, so the owner answers
 * with 400/502 or closes the connection.
 */
class HttpParser
{
  public:
    /// Which kind of message this stream carries.
    enum class Kind
    {
        REQUEST,
        RESPONSE
    };

    /// Why a stream was rejected.
    enum class Error
    {
        NONE,                        //!< no error
        BAD_START_LINE,              //!< malformed request line or status line
        BAD_HEADER,                  //!< malformed header field
        HEADER_TOO_LARGE,            //!< header section larger than the limit
        BODY_TOO_LARGE,              //!< Content-Length larger than MAX_BODY_SIZE
        BAD_CONTENT_LENGTH,          //!< Content-Length not a number, or conflicting values
        MISSING_CONTENT_LENGTH,      //!< response with a body but no Content-Length
        UNSUPPORTED_TRANSFER_CODING, //!< Transfer-Encoding (chunked) is not supported
        UNEXPECTED_RESPONSE,         //!< response bytes with no request outstanding
        TRUNCATED,                   //!< stream ended inside a message
    };

    /**
     * Largest Content-Length accepted: 2^50 bytes (1 PiB). Header and body byte counts and
     * their sums then never wrap a uint64_t, and stay exact in a double (2^53).
     */
    static constexpr uint64_t MAX_BODY_SIZE = uint64_t(1) << 50;

    /**
     * \param e an error
     * \return its name, e.g. "BAD_START_LINE"
     */
    static const char* ErrorName(Error e);

    /**
     * \brief Receives a stream's events; the default of each is to ignore it.
     *
     * A client, proxy or server keeps one parser per connection. A listener is one pointer in
     * the parser; the five std::function callbacks it replaces took 160 bytes per connection,
     * a quarter of what a web client held beyond ns-3's own HTTP model (bench/README).
     */
    class Listener
    {
      public:
        virtual ~Listener() = default;
        /**
         * \brief A request header is complete.
         * \param h the header
         * \param headerBytes its size on the wire, CRLFs included
         * \param bodyBytes the body length it announces
         */
        virtual void OnRequest(const HttpRequestHeader& h,
                               uint64_t headerBytes,
                               uint64_t bodyBytes);
        /**
         * \brief A response header is complete.
         * \param h the header
         * \param headerBytes its size on the wire, CRLFs included
         * \param bodyBytes the body length it announces (0 for HEAD, 1xx, 204 and 304)
         */
        virtual void OnResponse(const HttpResponseHeader& h,
                                uint64_t headerBytes,
                                uint64_t bodyBytes);
        /**
         * \brief A piece of body arrived.
         * \param bytes how many bytes
         */
        virtual void OnBody(uint64_t bytes);
        /// \brief A message (header and whole body) is complete.
        virtual void OnComplete();
        /**
         * \brief The stream failed; called once, on the first error.
         * \param e the error
         * \param what a description
         */
        virtual void OnError(Error e, const std::string& what);
    };

    /// Called when a request header is complete: header, header bytes, body length.
    using RequestCallback = std::function<void(const HttpRequestHeader&, uint64_t, uint64_t)>;
    /// Called when a response header is complete: header, header bytes, body length.
    using ResponseCallback = std::function<void(const HttpResponseHeader&, uint64_t, uint64_t)>;
    /// Called for each piece of body: number of bytes.
    using BodyCallback = std::function<void(uint64_t)>;
    /// Called when a message (header and whole body) is complete.
    using CompleteCallback = std::function<void()>;
    /// Called once on the first error: error and a description.
    using ErrorCallback = std::function<void(Error, const std::string&)>;

    /**
     * \param kind requests or responses
     * \param headerLimit largest accepted header section (start line to the empty line), bytes
     */
    HttpParser(Kind kind, uint32_t headerLimit = 16384);
    ~HttpParser();

    /**
     * \brief Deliver the events to a listener, which must outlive the parser or Stop() it.
     * Use either a listener or the Set...Callback functions, not both.
     * \param listener the listener
     */
    void SetListener(Listener* listener);

    /// \param cb request header callback
    void SetRequestCallback(RequestCallback cb);
    /// \param cb response header callback
    void SetResponseCallback(ResponseCallback cb);
    /// \param cb body callback
    void SetBodyCallback(BodyCallback cb);
    /// \param cb message completion callback
    void SetCompleteCallback(CompleteCallback cb);
    /// \param cb error callback
    void SetErrorCallback(ErrorCallback cb);

    /**
     * Response streams: announce one outstanding request, in sending order, so that the
     * parser knows whether its response has a body (responses to HEAD have none).
     * \param head whether the request is a HEAD
     */
    void ExpectResponse(bool head);

    /**
     * Feed bytes of the stream.
     * \param data the bytes
     * \param size how many
     */
    void Feed(const char* data, size_t size);

    /**
     * Feed a packet of the stream; body bytes are counted without being copied.
     * \param p the packet
     */
    void Feed(Ptr<const Packet> p);

    /// The peer closed the stream: an error (TRUNCATED) if any byte of a message was fed
    /// and the message is not complete.
    void Finish();

    /// Stop delivering callbacks (the owner is done with the stream).
    void Stop();

    /// \return true when between messages with no byte buffered
    bool IsIdle() const;
    /// \return the error, or NONE
    Error GetError() const;
    /// \return the number of messages completed
    uint64_t GetMessageCount() const;

  private:
    enum class State
    {
        HEADER,
        BODY,
        FAILED,
        STOPPED
    };

    bool Running() const;
    void ParseBuffered();
    bool ParseHeader();
    /**
     * Look for the end of the header section in m_buf.
     * \return its length (empty line included), or 0 when not found yet or failed
     */
    size_t FindHeaderEnd();
    /**
     * Parse one whole header section with Beast and start the body.
     * \param section the bytes, start line to the empty line
     * \return false when failed or stopped
     */
    bool ParseSection(std::string_view section);
    void Body(uint64_t n);
    void Complete();
    void Fail(Error e, const std::string& what);

    Kind m_kind;
    uint32_t m_headerLimit;
    State m_state{State::HEADER};
    Error m_error{Error::NONE};
    std::string m_buf;       //!< header bytes not yet parsed (and what follows them)
    size_t m_scanned{0};     //!< m_buf bytes searched for the end of the header section
    uint64_t m_remaining{0}; //!< body bytes still to come
    uint64_t m_messages{0};
    /// Response streams: outstanding requests (true = HEAD), oldest first. A vector, not a
    /// deque: the queue is a few entries deep, and an empty std::deque already holds 576 bytes
    /// per connection.
    std::vector<bool> m_expect;
    struct FunctionListener;
    /// \return the listener that holds the Set...Callback functions, created on first use
    FunctionListener& Functions();

    Listener* m_listener{nullptr};
    std::unique_ptr<FunctionListener> m_functions; //!< set by the Set...Callback functions
};

} // namespace ns3

#endif // HTTP_PARSER_H
