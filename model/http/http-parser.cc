/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "http-parser.h"

#include "ns3/log.h"

#include <boost/beast/http/error.hpp>

#include <algorithm>
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

HttpParser::HttpParser(Kind kind, uint32_t headerLimit)
    : m_kind(kind)
    , m_headerLimit(headerLimit)
{}

void
HttpParser::SetRequestCallback(RequestCallback cb)
{
    m_onRequest = std::move(cb);
}

void
HttpParser::SetResponseCallback(ResponseCallback cb)
{
    m_onResponse = std::move(cb);
}

void
HttpParser::SetBodyCallback(BodyCallback cb)
{
    m_onBody = std::move(cb);
}

void
HttpParser::SetCompleteCallback(CompleteCallback cb)
{
    m_onComplete = std::move(cb);
}

void
HttpParser::SetErrorCallback(ErrorCallback cb)
{
    m_onError = std::move(cb);
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
    return m_state == State::HEADER && m_buf.empty() && !m_req && !m_resp;
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
        size_t room = m_headerLimit + 1 > m_buf.size() ? m_headerLimit + 1 - m_buf.size() : 1;
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
    if (m_state == State::BODY || !m_buf.empty())
    {
        Fail(Error::TRUNCATED, "connection closed inside a message");
    }
}

void
HttpParser::StartMessage()
{
    if (m_kind == Kind::REQUEST)
    {
        m_req = std::make_unique<http::request_parser<http::empty_body>>();
        m_req->header_limit(m_headerLimit);
        m_req->body_limit(std::numeric_limits<std::uint64_t>::max());
        m_req->eager(false);
    }
    else
    {
        m_resp = std::make_unique<http::response_parser<http::empty_body>>();
        m_resp->header_limit(m_headerLimit);
        m_resp->body_limit(std::numeric_limits<std::uint64_t>::max());
        m_resp->eager(false);
        // A response to HEAD has no body whatever its Content-Length says.
        m_resp->skip(m_expect.front());
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
    }
}

namespace
{
HttpParser::Error
MapBeastError(const boost::system::error_code& ec)
{
    using E = HttpParser::Error;
    if (ec == http::error::header_limit)
    {
        return E::HEADER_TOO_LARGE;
    }
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
} // namespace

bool
HttpParser::ParseHeader()
{
    if (!m_req && !m_resp)
    {
        if (m_kind == Kind::RESPONSE && m_expect.empty())
        {
            Fail(Error::UNEXPECTED_RESPONSE, "response bytes with no request outstanding");
            return false;
        }
        StartMessage();
    }
    boost::system::error_code ec;
    boost::asio::const_buffer buf(m_buf.data(), m_buf.size());
    size_t used = m_req ? m_req->put(buf, ec) : m_resp->put(buf, ec);
    m_headerBytes += used; // Beast may consume the start line before the header is complete
    if (ec == http::error::need_more)
    {
        m_buf.erase(0, used);
        // Beast applies the limit only to what it has seen; enforce it on the buffer too.
        if (m_buf.size() > m_headerLimit)
        {
            Fail(Error::HEADER_TOO_LARGE,
                 "header section exceeds " + std::to_string(m_headerLimit) + " bytes");
        }
        return false;
    }
    if (ec)
    {
        Fail(MapBeastError(ec), ec.message());
        return false;
    }
    bool headerDone = m_req ? m_req->is_header_done() : m_resp->is_header_done();
    if (!headerDone)
    {
        m_buf.erase(0, used);
        return false;
    }
    m_buf.erase(0, used);
    const uint64_t headerBytes = m_headerBytes;
    m_headerBytes = 0;

    if (m_req)
    {
        if (m_req->chunked())
        {
            Fail(Error::UNSUPPORTED_TRANSFER_CODING, "chunked request body");
            return false;
        }
        m_remaining = m_req->content_length().value_or(0);
        HttpRequestHeader h = m_req->release().base();
        m_req.reset();
        m_state = State::BODY;
        if (m_onRequest)
        {
            m_onRequest(h, headerBytes, m_remaining);
        }
    }
    else
    {
        bool head = m_expect.front();
        m_expect.erase(m_expect.begin());
        unsigned status = m_resp->get().result_int();
        if (!HttpResponseHasBody(head, status))
        {
            m_remaining = 0;
        }
        else if (m_resp->chunked())
        {
            Fail(Error::UNSUPPORTED_TRANSFER_CODING, "chunked response body");
            return false;
        }
        else if (!m_resp->content_length())
        {
            Fail(Error::MISSING_CONTENT_LENGTH, "response with a body but no Content-Length");
            return false;
        }
        else
        {
            m_remaining = *m_resp->content_length();
        }
        HttpResponseHeader h = m_resp->release().base();
        m_resp.reset();
        m_state = State::BODY;
        if (m_onResponse)
        {
            m_onResponse(h, headerBytes, m_remaining);
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
    if (n > 0 && m_onBody)
    {
        m_onBody(n);
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
    if (m_onComplete)
    {
        m_onComplete();
    }
}

void
HttpParser::Fail(Error e, const std::string& what)
{
    NS_LOG_DEBUG("HTTP parse error " << ErrorName(e) << ": " << what);
    m_state = State::FAILED;
    m_error = e;
    m_req.reset();
    m_resp.reset();
    m_buf.clear();
    m_headerBytes = 0;
    if (m_onError)
    {
        m_onError(e, what);
    }
}

} // namespace ns3
