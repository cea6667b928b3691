/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "http-parser.h"

#include "ns3/assert.h"
#include "ns3/log.h"

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>

#include <algorithm>
#include <cstring>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HttpParser");

namespace http = boost::beast::http;

const char*
HttpParser::ErrorName(Error e)
{
    switch (e)
    {
    case Error::NONE:
        return "NONE";
    case Error::BAD_START_LINE:
        return "BAD_START_LINE";
    case Error::BAD_HEADER:
        return "BAD_HEADER";
    case Error::HEADER_TOO_LARGE:
        return "HEADER_TOO_LARGE";
    case Error::BODY_TOO_LARGE:
        return "BODY_TOO_LARGE";
    case Error::BAD_CONTENT_LENGTH:
        return "BAD_CONTENT_LENGTH";
    case Error::MISSING_CONTENT_LENGTH:
        return "MISSING_CONTENT_LENGTH";
    case Error::UNSUPPORTED_TRANSFER_CODING:
        return "UNSUPPORTED_TRANSFER_CODING";
    case Error::UNEXPECTED_RESPONSE:
        return "UNEXPECTED_RESPONSE";
    case Error::TRUNCATED:
        return "TRUNCATED";
    }
    return "UNKNOWN";
}

void
HttpParser::Listener::OnRequest(const HttpRequestHeader&, uint64_t, uint64_t)
{}

void
HttpParser::Listener::OnResponse(const HttpResponseHeader&, uint64_t, uint64_t)
{}

void
HttpParser::Listener::OnBody(uint64_t)
{}

void
HttpParser::Listener::OnComplete()
{}

void
HttpParser::Listener::OnError(Error, const std::string&)
{}

/// The Set...Callback functions, for owners that do not implement Listener.
struct HttpParser::FunctionListener : public HttpParser::Listener
{
    RequestCallback onRequest;   //!< OnRequest
    ResponseCallback onResponse; //!< OnResponse
    BodyCallback onBody;         //!< OnBody
    CompleteCallback onComplete; //!< OnComplete
    ErrorCallback onError;       //!< OnError

    void OnRequest(const HttpRequestHeader& h, uint64_t headerBytes, uint64_t bodyBytes) override
    {
        if (onRequest)
        {
            onRequest(h, headerBytes, bodyBytes);
        }
    }

    void OnResponse(const HttpResponseHeader& h, uint64_t headerBytes, uint64_t bodyBytes) override
    {
        if (onResponse)
        {
            onResponse(h, headerBytes, bodyBytes);
        }
    }

    void OnBody(uint64_t bytes) override
    {
        if (onBody)
        {
            onBody(bytes);
        }
    }

    void OnComplete() override
    {
        if (onComplete)
        {
            onComplete();
        }
    }

    void OnError(Error e, const std::string& what) override
    {
        if (onError)
        {
            onError(e, what);
        }
    }
};

HttpParser::HttpParser(Kind kind, uint32_t headerLimit)
    : m_kind(kind)
    , m_headerLimit(headerLimit)
{}

HttpParser::~HttpParser() = default;

void
HttpParser::SetListener(Listener* listener)
{
    NS_ASSERT_MSG(!m_functions, "HttpParser: a listener and Set...Callback functions mixed");
    m_listener = listener;
}

HttpParser::FunctionListener&
HttpParser::Functions()
{
    if (!m_functions)
    {
        NS_ASSERT_MSG(!m_listener, "HttpParser: a listener and Set...Callback functions mixed");
        m_functions = std::make_unique<FunctionListener>();
        m_listener = m_functions.get();
    }
    return *m_functions;
}

void
HttpParser::SetRequestCallback(RequestCallback cb)
{
    Functions().onRequest = std::move(cb);
}

void
HttpParser::SetResponseCallback(ResponseCallback cb)
{
    Functions().onResponse = std::move(cb);
}

void
HttpParser::SetBodyCallback(BodyCallback cb)
{
    Functions().onBody = std::move(cb);
}

void
HttpParser::SetCompleteCallback(CompleteCallback cb)
{
    Functions().onComplete = std::move(cb);
}

void
HttpParser::SetErrorCallback(ErrorCallback cb)
{
    Functions().onError = std::move(cb);
}

void
HttpParser::ExpectResponse(bool head)
{
    m_expect.push_back(head);
}

bool
HttpParser::Running() const
{
    return m_state == State::HEADER || m_state == State::BODY;
}

bool
HttpParser::IsIdle() const
{
    return m_state == State::HEADER && m_buf.empty();
}

HttpParser::Error
HttpParser::GetError() const
{
    return m_error;
}

uint64_t
HttpParser::GetMessageCount() const
{
    return m_messages;
}

void
HttpParser::Stop()
{
    if (Running())
    {
        m_state = State::STOPPED;
    }
}

void
HttpParser::Feed(const char* data, size_t size)
{
    while (size > 0 && Running())
    {
        if (m_state == State::BODY && m_buf.empty())
        {
            uint64_t n = std::min<uint64_t>(m_remaining, size);
            data += n;
            size -= n;
            Body(n);
            continue;
        }
        // Buffer at most one byte more than the limit, so an oversized header is detected
        // without copying a large body that may follow it.
        const size_t most = size_t(m_headerLimit) + 1;
        size_t room = most > m_buf.size() ? most - m_buf.size() : 1;
        size_t take = std::min(size, room);
        m_buf.append(data, take);
        data += take;
        size -= take;
        ParseBuffered();
    }
}

void
HttpParser::Feed(Ptr<const Packet> p)
{
    const uint32_t size = p->GetSize();
    uint32_t offset = 0;
    std::string chunk;
    while (offset < size && Running())
    {
        if (m_state == State::BODY && m_buf.empty())
        {
            uint64_t n = std::min<uint64_t>(m_remaining, size - offset);
            offset += n;
            Body(n);
            continue;
        }
        // Header bytes: copy a bounded piece out of the packet.
        // Headers are short: copy a segment's worth at a time, not the body behind them.
        uint32_t n = std::min<uint32_t>(size - offset, 1460);
        chunk.resize(n);
        Ptr<Packet> piece = offset == 0 && n == size ? p->Copy() : p->CreateFragment(offset, n);
        piece->CopyData(reinterpret_cast<uint8_t*>(&chunk[0]), n);
        offset += n;
        // Feed() returns as soon as the header is done; the rest of the piece is kept in
        // m_buf and consumed there.
        Feed(chunk.data(), chunk.size());
    }
}

void
HttpParser::Finish()
{
    if (!Running())
    {
        return;
    }
    // Every byte of an unfinished header is in m_buf (Beast only sees whole sections).
    if (m_state == State::BODY || !m_buf.empty())
    {
        Fail(Error::TRUNCATED, "connection closed inside a message");
    }
}

void
HttpParser::ParseBuffered()
{
    while (!m_buf.empty() && Running())
    {
        if (m_state == State::BODY)
        {
            uint64_t n = std::min<uint64_t>(m_remaining, m_buf.size());
            m_buf.erase(0, n);
            Body(n);
            continue;
        }
        if (!ParseHeader())
        {
            return; // needs more bytes, or failed
        }
    }
    // The body bytes that arrived behind a header went through m_buf (a segment's worth);
    // give that buffer back, so that an idle connection holds only its state.
    if (m_buf.empty() && m_buf.capacity() > 256)
    {
        std::string().swap(m_buf);
        m_scanned = 0;
    }
}

namespace
{
HttpParser::Error
MapBeastError(const boost::system::error_code& ec)
{
    using E = HttpParser::Error;
    if (ec == http::error::bad_content_length)
    {
        return E::BAD_CONTENT_LENGTH;
    }
    if (ec == http::error::bad_transfer_encoding)
    {
        return E::UNSUPPORTED_TRANSFER_CODING;
    }
    if (ec == http::error::bad_method || ec == http::error::bad_target
        || ec == http::error::bad_version || ec == http::error::bad_status
        || ec == http::error::bad_reason)
    {
        return E::BAD_START_LINE;
    }
    return E::BAD_HEADER;
}

/// Beast parsers with no limit of their own: HttpParser applies the limits.
template <class Parser>
void
Unlimited(Parser& p)
{
    p.header_limit(std::numeric_limits<std::uint32_t>::max());
    p.body_limit(std::numeric_limits<std::uint64_t>::max());
    p.eager(false);
}
} // namespace

size_t
HttpParser::FindHeaderEnd()
{
    // Only LFs matter: each ends a line, which must end in CRLF, and the section ends at the
    // first CRLF CRLF. Lines past the limit are not looked at, so the outcome depends on the
    // first headerLimit + 1 bytes alone, however they arrived.
    const size_t end = std::min<size_t>(m_buf.size(), m_headerLimit);
    while (m_scanned < end)
    {
        const char* base = m_buf.data();
        auto lf = static_cast<const char*>(std::memchr(base + m_scanned, '\n', end - m_scanned));
        if (lf == nullptr)
        {
            m_scanned = end;
            break;
        }
        size_t pos = lf - base;
        m_scanned = pos + 1;
        if (pos == 0 || base[pos - 1] != '\r')
        {
            Fail(Error::BAD_HEADER,
                 "line ending without CR at byte " + std::to_string(pos) + " of the header");
            return 0;
        }
        if (pos >= 3 && base[pos - 2] == '\n' && base[pos - 3] == '\r')
        {
            return pos + 1;
        }
    }
    if (m_buf.size() > m_headerLimit)
    {
        Fail(Error::HEADER_TOO_LARGE,
             "header section exceeds " + std::to_string(m_headerLimit) + " bytes");
    }
    return 0;
}

bool
HttpParser::ParseHeader()
{
    if (m_kind == Kind::RESPONSE && m_expect.empty())
    {
        Fail(Error::UNEXPECTED_RESPONSE, "response bytes with no request outstanding");
        return false;
    }
    size_t length = FindHeaderEnd();
    if (length == 0)
    {
        return false; // needs more bytes, or failed
    }
    // Parse from a copy: the callbacks may feed or stop this parser.
    std::string section = m_buf.substr(0, length);
    m_buf.erase(0, length);
    m_scanned = 0;
    return ParseSection(section);
}

bool
HttpParser::ParseSection(std::string_view section)
{
    boost::system::error_code ec;
    boost::asio::const_buffer buf(section.data(), section.size());
    const uint64_t headerBytes = section.size();
    if (m_kind == Kind::REQUEST)
    {
        http::request_parser<http::empty_body> req;
        Unlimited(req);
        size_t used = req.put(buf, ec);
        if (!ec && (!req.is_header_done() || used != section.size()))
        {
            ec = http::error::bad_line_ending; // a section Beast does not end where we do
        }
        if (ec)
        {
            Fail(MapBeastError(ec), ec.message());
            return false;
        }
        if (req.chunked())
        {
            Fail(Error::UNSUPPORTED_TRANSFER_CODING, "chunked request body");
            return false;
        }
        uint64_t length = req.content_length().value_or(0);
        if (length > MAX_BODY_SIZE)
        {
            Fail(Error::BODY_TOO_LARGE,
                 "Content-Length " + std::to_string(length) + " exceeds "
                     + std::to_string(MAX_BODY_SIZE));
            return false;
        }
        m_remaining = length;
        HttpRequestHeader h = req.release().base();
        m_state = State::BODY;
        if (m_listener)
        {
            m_listener->OnRequest(h, headerBytes, m_remaining);
        }
    }
    else
    {
        const bool head = m_expect.front();
        http::response_parser<http::empty_body> resp;
        Unlimited(resp);
        // A response to HEAD has no body whatever its Content-Length says.
        resp.skip(head);
        size_t used = resp.put(buf, ec);
        if (!ec && (!resp.is_header_done() || used != section.size()))
        {
            ec = http::error::bad_line_ending;
        }
        if (ec)
        {
            Fail(MapBeastError(ec), ec.message());
            return false;
        }
        m_expect.erase(m_expect.begin());
        unsigned status = resp.get().result_int();
        if (!HttpResponseHasBody(head, status))
        {
            m_remaining = 0;
        }
        else if (resp.chunked())
        {
            Fail(Error::UNSUPPORTED_TRANSFER_CODING, "chunked response body");
            return false;
        }
        else if (!resp.content_length())
        {
            Fail(Error::MISSING_CONTENT_LENGTH, "response with a body but no Content-Length");
            return false;
        }
        else if (*resp.content_length() > MAX_BODY_SIZE)
        {
            Fail(Error::BODY_TOO_LARGE,
                 "Content-Length " + std::to_string(*resp.content_length()) + " exceeds "
                     + std::to_string(MAX_BODY_SIZE));
            return false;
        }
        else
        {
            m_remaining = *resp.content_length();
        }
        HttpResponseHeader h = resp.release().base();
        m_state = State::BODY;
        if (m_listener)
        {
            m_listener->OnResponse(h, headerBytes, m_remaining);
        }
    }
    if (m_state == State::BODY && m_remaining == 0)
    {
        Complete();
    }
    return Running();
}

void
HttpParser::Body(uint64_t n)
{
    m_remaining -= n;
    if (n > 0 && m_listener)
    {
        m_listener->OnBody(n);
    }
    if (m_state == State::BODY && m_remaining == 0)
    {
        Complete();
    }
}

void
HttpParser::Complete()
{
    m_state = State::HEADER;
    ++m_messages;
    if (m_listener)
    {
        m_listener->OnComplete();
    }
}

void
HttpParser::Fail(Error e, const std::string& what)
{
    NS_LOG_DEBUG("HTTP parse error " << ErrorName(e) << ": " << what);
    m_state = State::FAILED;
    m_error = e;
    m_buf.clear();
    m_scanned = 0;
    if (m_listener)
    {
        m_listener->OnError(e, what);
    }
}

} // namespace ns3
