/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HTTP_PARSER_H
#define HTTP_PARSER_H

#include "http-message.h"

#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Incremental HTTP/1.x parser for one direction of a TCP byte stream.
 *
 * Headers are parsed by Boost.Beast. Bodies must be framed by Content-Length (the module
 * never sends chunked bodies); their bytes are counted, not stored, and when fed as ns-3
 * packets they are not even copied. Any split of the stream into pieces gives the same
 * callbacks, and several pipelined messages may arrive in one piece.
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
        BAD_CONTENT_LENGTH,          //!< Content-Length not a number, or conflicting values
        MISSING_CONTENT_LENGTH,      //!< response with a body but no Content-Length
        UNSUPPORTED_TRANSFER_CODING, //!< Transfer-Encoding (chunked) is not supported
        UNEXPECTED_RESPONSE,         //!< response bytes with no request outstanding
        TRUNCATED,                   //!< stream ended inside a message
    };

    /**
     * \param e an error
     * \return its name, e.g. "BAD_START_LINE"
     */
    static const char* ErrorName(Error e);

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
     * \param headerLimit largest accepted header section, bytes
     */
    HttpParser(Kind kind, uint32_t headerLimit = 16384);

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

    /// The peer closed the stream: an error (TRUNCATED) if a message was under way.
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
    void Body(uint64_t n);
    void Complete();
    void Fail(Error e, const std::string& what);
    void StartMessage();

    Kind m_kind;
    uint32_t m_headerLimit;
    State m_state{State::HEADER};
    Error m_error{Error::NONE};
    std::string m_buf;         //!< unparsed header bytes
    uint64_t m_remaining{0};   //!< body bytes still to come
    uint64_t m_headerBytes{0}; //!< bytes of the current header consumed so far
    uint64_t m_messages{0};
    /// Response streams: outstanding requests (true = HEAD), oldest first. A vector, not a
    /// deque: the queue is a few entries deep, and an empty std::deque already holds 576 bytes
    /// per connection.
    std::vector<bool> m_expect;
    // Beast's parsers live only while a header is parsed (248 bytes each): an idle
    // connection, the common state of thousands of simulated clients, holds neither.
    std::unique_ptr<boost::beast::http::request_parser<boost::beast::http::empty_body>>
        m_req; //!< the request being parsed
    std::unique_ptr<boost::beast::http::response_parser<boost::beast::http::empty_body>>
        m_resp; //!< the response being parsed
    RequestCallback m_onRequest;
    ResponseCallback m_onResponse;
    BodyCallback m_onBody;
    CompleteCallback m_onComplete;
    ErrorCallback m_onError;
};

} // namespace ns3

#endif // HTTP_PARSER_H
