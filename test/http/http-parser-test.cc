/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * HttpParser: any split of the stream gives the same result; pipelines; documented errors.
 */
#include "ns3/http-parser.h"
#include "ns3/packet.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// Records parser callbacks as text, merging adjacent body pieces.
struct Events
{
    std::vector<std::string> log;
    uint64_t body = 0;

    void Attach(HttpParser& p)
    {
        p.SetRequestCallback(
            [this](const HttpRequestHeader& h, uint64_t hdr, uint64_t len)
            {
                Flush();
                std::string fields;
                for (const auto& f : h)
                {
                    fields += std::string(f.name_string()) + "=" + std::string(f.value()) + ";";
                }
                log.push_back("REQ " + std::string(h.method_string()) + " "
                              + std::string(h.target()) + " v" + std::to_string(h.version())
                              + " hdr=" + std::to_string(hdr) + " len=" + std::to_string(len) + " "
                              + fields);
            });
        p.SetResponseCallback(
            [this](const HttpResponseHeader& h, uint64_t hdr, uint64_t len)
            {
                Flush();
                log.push_back("RESP " + std::to_string(h.result_int())
                              + " hdr=" + std::to_string(hdr) + " len=" + std::to_string(len));
            });
        p.SetBodyCallback([this](uint64_t n) { body += n; });
        p.SetCompleteCallback(
            [this]()
            {
                Flush();
                log.push_back("DONE");
            });
        p.SetErrorCallback(
            [this](HttpParser::Error e, const std::string&)
            {
                Flush();
                log.push_back(std::string("ERROR ") + HttpParser::ErrorName(e));
            });
    }

    void Flush()
    {
        if (body > 0)
        {
            log.push_back("BODY " + std::to_string(body));
            body = 0;
        }
    }
};

std::vector<std::string>
ParseWhole(HttpParser::Kind kind, const std::string& stream, const std::vector<bool>& heads = {})
{
    HttpParser p(kind, 1024);
    for (bool h : heads)
    {
        p.ExpectResponse(h);
    }
    Events ev;
    ev.Attach(p);
    p.Feed(stream.data(), stream.size());
    ev.Flush();
    return ev.log;
}

std::vector<std::string>
ParseSplit(HttpParser::Kind kind,
           const std::string& stream,
           std::vector<size_t> cuts,
           const std::vector<bool>& heads = {})
{
    HttpParser p(kind, 1024);
    for (bool h : heads)
    {
        p.ExpectResponse(h);
    }
    Events ev;
    ev.Attach(p);
    size_t pos = 0;
    cuts.push_back(stream.size());
    for (size_t c : cuts)
    {
        p.Feed(stream.data() + pos, c - pos);
        pos = c;
    }
    ev.Flush();
    return ev.log;
}

const std::string kGet = "GET /index.html HTTP/1.1\r\n"
                         "Host: www.example.com\r\n"
                         "Cookie: id=42\r\n"
                         "If-Modified-Since: Thu, 01 Jan 1998 00:00:00 GMT\r\n"
                         "\r\n";
const std::string kPost = "POST http://www.example.com/cgi-bin/form?x=1 HTTP/1.0\r\n"
                          "Host: www.example.com\r\n"
                          "Content-Length: 10\r\n"
                          "Connection: keep-alive\r\n"
                          "\r\n"
                          "0123456789";

std::string
Zeros(size_t n)
{
    return std::string(n, '\0');
}

} // namespace

TEST(HttpParser, RequestSplitAtEveryByteBoundaryParsesTheSame)
{
    const std::string stream = kGet + kPost + kGet;
    const auto whole = ParseWhole(HttpParser::Kind::REQUEST, stream);
    ASSERT_EQ(whole.size(), 7u) << "3 requests, one body";
    EXPECT_EQ(whole[0].rfind("REQ GET /index.html v11 hdr=" + std::to_string(kGet.size())
                                 + " len=0 Host=www.example.com;Cookie=id=42;",
                             0),
              0u)
        << whole[0];
    EXPECT_EQ(whole[3], "BODY 10");
    for (size_t i = 1; i < stream.size(); ++i)
    {
        EXPECT_EQ(ParseSplit(HttpParser::Kind::REQUEST, stream, {i}), whole) << "split at " << i;
    }
    // Three pieces, cut at every pair of positions around the message boundary.
    for (size_t i = kGet.size() - 20; i < kGet.size() + 20; ++i)
    {
        for (size_t j = i + 1; j < kGet.size() + 40; ++j)
        {
            EXPECT_EQ(ParseSplit(HttpParser::Kind::REQUEST, stream, {i, j}), whole);
        }
    }
}

TEST(HttpParser, RequestFedOneByteAtATime)
{
    const std::string stream = kPost + kGet;
    std::vector<size_t> cuts;
    for (size_t i = 1; i < stream.size(); ++i)
    {
        cuts.push_back(i);
    }
    EXPECT_EQ(ParseSplit(HttpParser::Kind::REQUEST, stream, cuts),
              ParseWhole(HttpParser::Kind::REQUEST, stream));
}

TEST(HttpParser, ResponsesWithBodiesHeadAnd304SplitAnywhere)
{
    const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n";
    const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n";
    const std::string notModified = "HTTP/1.1 304 Not Modified\r\nContent-Length: 3000\r\n\r\n";
    const std::string ok2 = "HTTP/1.0 200 OK\r\nContent-Length: 7\r\nConnection: close\r\n\r\n";
    const std::string stream = ok + Zeros(3000) + head + notModified + ok2 + Zeros(7);
    const std::vector<bool> heads = {false, true, false, false};
    const auto whole = ParseWhole(HttpParser::Kind::RESPONSE, stream, heads);
    const std::vector<std::string> expected = {
        "RESP 200 hdr=" + std::to_string(ok.size()) + " len=3000",
        "BODY 3000",
        "DONE",
        "RESP 200 hdr=" + std::to_string(head.size()) + " len=0",
        "DONE",
        "RESP 304 hdr=" + std::to_string(notModified.size()) + " len=0",
        "DONE",
        "RESP 200 hdr=" + std::to_string(ok2.size()) + " len=7",
        "BODY 7",
        "DONE",
    };
    EXPECT_EQ(whole, expected);
    for (size_t i = 1; i < stream.size(); ++i)
    {
        ASSERT_EQ(ParseSplit(HttpParser::Kind::RESPONSE, stream, {i}, heads), expected)
            << "split at " << i;
    }
}

TEST(HttpParser, PacketsCarryHeaderTextAndZeroFilledBody)
{
    const std::string hdr = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n";
    Ptr<Packet> stream = Create<Packet>(reinterpret_cast<const uint8_t*>(hdr.data()), hdr.size());
    stream->AddAtEnd(Create<Packet>(100000));
    stream->AddAtEnd(Create<Packet>(reinterpret_cast<const uint8_t*>(hdr.data()), hdr.size()));
    stream->AddAtEnd(Create<Packet>(100000));
    const uint32_t total = stream->GetSize();
    for (uint32_t seg : {1u, 7u, 536u, 1448u, 65536u, total})
    {
        HttpParser p(HttpParser::Kind::RESPONSE);
        p.ExpectResponse(false);
        p.ExpectResponse(false);
        Events ev;
        ev.Attach(p);
        for (uint32_t off = 0; off < total; off += seg)
        {
            p.Feed(stream->CreateFragment(off, std::min(seg, total - off)));
        }
        ev.Flush();
        const std::string resp = "RESP 200 hdr=" + std::to_string(hdr.size()) + " len=100000";
        EXPECT_EQ(
            ev.log,
            (std::vector<std::string>{resp, "BODY 100000", "DONE", resp, "BODY 100000", "DONE"}))
            << "segments of " << seg;
        EXPECT_TRUE(p.IsIdle());
        EXPECT_EQ(p.GetMessageCount(), 2u);
    }
}

TEST(HttpParser, SerializedHeadersParseBack)
{
    namespace http = boost::beast::http;
    HttpRequestHeader req;
    req.method(http::verb::get);
    req.target("http://origin.example.com:8080/a/b?c=d");
    req.version(10);
    req.set(http::field::host, "origin.example.com:8080");
    req.set(http::field::pragma, "no-cache");
    req.set(http::field::authorization, "Basic dXNlcjpwYXNz");
    const std::string text = SerializeHttpHeader(req);
    EXPECT_EQ(text,
              "GET http://origin.example.com:8080/a/b?c=d HTTP/1.0\r\n"
              "Host: origin.example.com:8080\r\n"
              "Pragma: no-cache\r\n"
              "Authorization: Basic dXNlcjpwYXNz\r\n\r\n");
    HttpParser p(HttpParser::Kind::REQUEST);
    HttpRequestHeader parsed;
    p.SetRequestCallback([&](const HttpRequestHeader& h, uint64_t, uint64_t) { parsed = h; });
    p.Feed(text.data(), text.size());
    EXPECT_EQ(parsed.method(), http::verb::get);
    EXPECT_EQ(parsed.target(), "http://origin.example.com:8080/a/b?c=d");
    EXPECT_EQ(parsed.version(), 10u);
    EXPECT_EQ(parsed[http::field::pragma], "no-cache");

    HttpResponseHeader res;
    res.result(http::status::not_modified);
    res.version(11);
    res.set(http::field::last_modified, "Thu, 01 Jan 1998 00:00:00 GMT");
    res.set(http::field::set_cookie, "a=b");
    EXPECT_EQ(SerializeHttpHeader(res),
              "HTTP/1.1 304 Not Modified\r\n"
              "Last-Modified: Thu, 01 Jan 1998 00:00:00 GMT\r\n"
              "Set-Cookie: a=b\r\n\r\n");
}

namespace
{
struct MalformedCase
{
    HttpParser::Kind kind;
    std::string input;
    HttpParser::Error error;
};
} // namespace

TEST(HttpParser, MalformedInputsGiveTheDocumentedError)
{
    using E = HttpParser::Error;
    using K = HttpParser::Kind;
    const std::string big(2000, 'a');
    const std::vector<MalformedCase> cases = {
        {K::REQUEST, "GET\r\n\r\n", E::BAD_START_LINE},
        {K::REQUEST, "GET / HTTP/x.y\r\n\r\n", E::BAD_START_LINE},
        {K::REQUEST, "G\x01T / HTTP/1.1\r\n\r\n", E::BAD_START_LINE},
        {K::REQUEST, "GET / HTTP/1.1\r\nNoColonHere\r\n\r\n", E::BAD_HEADER},
        {K::REQUEST, "GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", E::BAD_CONTENT_LENGTH},
        {K::REQUEST,
         "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
         E::BAD_CONTENT_LENGTH},
        {K::REQUEST, "GET / HTTP/1.1\r\nX-Big: " + big + "\r\n\r\n", E::HEADER_TOO_LARGE},
        {K::REQUEST, "GET / HTTP/1.1\r\nX-Big: " + big, E::HEADER_TOO_LARGE},
        {K::REQUEST,
         "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
         E::UNSUPPORTED_TRANSFER_CODING},
        {K::RESPONSE, "HTTP/1.1 200 OK\r\n\r\n", E::MISSING_CONTENT_LENGTH},
        {K::RESPONSE, "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n", E::BAD_START_LINE},
        {K::RESPONSE, "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n", E::BAD_CONTENT_LENGTH},
    };
    for (const auto& c : cases)
    {
        // The same error however the input is split.
        for (size_t cut = 0; cut <= c.input.size(); cut += std::max<size_t>(1, c.input.size() / 17))
        {
            std::vector<size_t> cuts;
            if (cut > 0 && cut < c.input.size())
            {
                cuts.push_back(cut);
            }
            std::vector<bool> heads;
            if (c.kind == K::RESPONSE)
            {
                heads.push_back(false);
            }
            auto log = ParseSplit(c.kind, c.input, cuts, heads);
            ASSERT_FALSE(log.empty()) << c.input.substr(0, 60);
            EXPECT_EQ(log.back(), std::string("ERROR ") + HttpParser::ErrorName(c.error))
                << "input: " << c.input.substr(0, 60) << " cut " << cut;
        }
    }
}

TEST(HttpParser, ResponseWithoutRequestAndTruncatedBodyAreErrors)
{
    HttpParser p(HttpParser::Kind::RESPONSE);
    Events ev;
    ev.Attach(p);
    const std::string r = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n";
    p.Feed(r.data(), r.size());
    EXPECT_EQ(ev.log, std::vector<std::string>{"ERROR UNEXPECTED_RESPONSE"});
    EXPECT_EQ(p.GetError(), HttpParser::Error::UNEXPECTED_RESPONSE);

    HttpParser q(HttpParser::Kind::RESPONSE);
    Events ev2;
    ev2.Attach(q);
    q.ExpectResponse(false);
    q.Feed(r.data(), r.size());
    q.Feed("12345", 5);
    q.Finish();
    ev2.Flush();
    EXPECT_EQ(ev2.log,
              (std::vector<std::string>{"RESP 200 hdr=" + std::to_string(r.size()) + " len=10",
                                        "BODY 5",
                                        "ERROR TRUNCATED"}));

    // Closing between messages is normal.
    HttpParser idle(HttpParser::Kind::REQUEST);
    idle.Feed(kGet.data(), kGet.size());
    idle.Finish();
    EXPECT_EQ(idle.GetError(), HttpParser::Error::NONE);
}

TEST(HttpParser, NothingIsDeliveredAfterAnErrorOrStop)
{
    HttpParser p(HttpParser::Kind::REQUEST);
    Events ev;
    ev.Attach(p);
    const std::string bad = "BAD LINE\r\n\r\n" + kGet;
    p.Feed(bad.data(), bad.size());
    p.Feed(kGet.data(), kGet.size());
    ASSERT_EQ(ev.log.size(), 1u);
    EXPECT_EQ(ev.log[0].rfind("ERROR ", 0), 0u);

    HttpParser s(HttpParser::Kind::REQUEST);
    int requests = 0;
    s.SetRequestCallback(
        [&](const HttpRequestHeader&, uint64_t, uint64_t)
        {
            ++requests;
            s.Stop(); // the owner is done after the first request
        });
    const std::string two = kGet + kGet;
    s.Feed(two.data(), two.size());
    EXPECT_EQ(requests, 1);
}

namespace
{
/// Logs what a listener receives in the same words as Events.
class LoggingListener : public HttpParser::Listener
{
  public:
    std::vector<std::string> log; //!< what arrived
    uint64_t body{0};             //!< body bytes not yet logged

    void OnRequest(const HttpRequestHeader& h, uint64_t hdr, uint64_t len) override
    {
        Flush();
        log.push_back("REQ " + std::string(h.target()) + " hdr=" + std::to_string(hdr)
                      + " len=" + std::to_string(len));
    }

    void OnBody(uint64_t n) override
    {
        body += n;
    }

    void OnComplete() override
    {
        Flush();
        log.push_back("DONE");
    }

    void Flush()
    {
        if (body > 0)
        {
            log.push_back("BODY " + std::to_string(body));
            body = 0;
        }
    }
};
} // namespace

TEST(HttpParser, AListenerGetsTheEventsItImplementsAndNoOthers)
{
    // A header's size is its bytes up to the empty line; kPost announces a 10-byte body.
    HttpParser p(HttpParser::Kind::REQUEST);
    LoggingListener l;
    p.SetListener(&l);
    const std::string two = kGet + kPost;
    for (char c : two) // one byte at a time, so that the body arrives in ten pieces
    {
        p.Feed(&c, 1);
    }
    l.Flush();
    EXPECT_EQ(
        l.log,
        (std::vector<std::string>{"REQ /index.html hdr=" + std::to_string(kGet.size()) + " len=0",
                                  "DONE",
                                  "REQ http://www.example.com/cgi-bin/form?x=1 hdr="
                                      + std::to_string(kPost.size() - 10) + " len=10",
                                  "BODY 10",
                                  "DONE"}));
    // Errors are not implemented by this listener: the default ignores them, the parser stops.
    const std::string bad = "BAD LINE\r\n\r\n";
    p.Feed(bad.data(), bad.size());
    EXPECT_EQ(p.GetError(), HttpParser::Error::BAD_START_LINE);
    EXPECT_EQ(l.log.size(), 5u);
}
