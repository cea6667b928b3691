/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * HttpParser properties: every split of the same bytes gives the same messages or the same
 * named error; header and body sizes are bounded; a stream cut inside a message is TRUNCATED
 * however it was fed.
 */
#include "ns3/http-parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// The header limit of these tests, bytes.
constexpr uint32_t LIMIT = 1024;

/// One stream of the corpus.
struct Stream
{
    std::string name;        //!< for messages
    HttpParser::Kind kind;   //!< requests or responses
    std::string bytes;       //!< the stream
    std::vector<bool> heads; //!< response streams: outstanding requests (true = HEAD)
};

/**
 * Feed a stream cut at the given offsets, then close it; return the callbacks as text, body
 * pieces merged (how the body is split is not part of the result).
 */
std::vector<std::string>
ParseStream(const Stream& s, const std::vector<size_t>& cuts, uint32_t limit = LIMIT)
{
    std::vector<std::string> log;
    uint64_t body = 0;
    auto flush = [&]()
    {
        if (body > 0)
        {
            log.push_back("BODY " + std::to_string(body));
            body = 0;
        }
    };
    HttpParser p(s.kind, limit);
    for (bool h : s.heads)
    {
        p.ExpectResponse(h);
    }
    p.SetRequestCallback(
        [&](const HttpRequestHeader& h, uint64_t hdr, uint64_t len)
        {
            flush();
            std::string fields;
            for (const auto& f : h)
            {
                fields += std::string(f.name_string()) + "=" + std::string(f.value()) + ";";
            }
            log.push_back("REQ " + std::string(h.method_string()) + " " + std::string(h.target())
                          + " hdr=" + std::to_string(hdr) + " len=" + std::to_string(len) + " "
                          + fields);
        });
    p.SetResponseCallback(
        [&](const HttpResponseHeader& h, uint64_t hdr, uint64_t len)
        {
            flush();
            log.push_back("RESP " + std::to_string(h.result_int()) + " hdr=" + std::to_string(hdr)
                          + " len=" + std::to_string(len));
        });
    p.SetBodyCallback([&](uint64_t n) { body += n; });
    p.SetCompleteCallback(
        [&]()
        {
            flush();
            log.push_back("DONE");
        });
    p.SetErrorCallback(
        [&](HttpParser::Error e, const std::string&)
        {
            flush();
            log.push_back(std::string("ERROR ") + HttpParser::ErrorName(e));
        });
    size_t pos = 0;
    for (size_t c : cuts)
    {
        p.Feed(s.bytes.data() + pos, c - pos);
        pos = c;
    }
    p.Feed(s.bytes.data() + pos, s.bytes.size() - pos);
    p.Finish();
    flush();
    return log;
}

std::string
Fields(size_t n, size_t valueLength)
{
    std::string f;
    for (size_t i = 0; i < n; ++i)
    {
        f += "X-F" + std::to_string(i) + ": " + std::string(valueLength, 'v') + "\r\n";
    }
    return f;
}

/// A request whose header section is exactly n bytes (n >= 40).
std::string
RequestOfHeaderSize(size_t n)
{
    const std::string start = "GET /a HTTP/1.1\r\nX-Pad: ";
    return start + std::string(n - start.size() - 4, 'p') + "\r\n\r\n";
}

std::vector<Stream>
Corpus()
{
    using K = HttpParser::Kind;
    const std::string get = "GET /index.html HTTP/1.1\r\nHost: a.example\r\nCookie: id=4\r\n\r\n";
    const std::string post = "POST http://a.example/f?x=1 HTTP/1.0\r\nContent-Length: 10\r\n"
                             "Connection: keep-alive\r\n\r\n0123456789";
    const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\n" + std::string(30, 'z');
    const std::string nm = "HTTP/1.1 304 Not Modified\r\nContent-Length: 30\r\n\r\n";
    const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n";
    std::vector<Stream> c = {
        {"get", K::REQUEST, get, {}},
        {"pipeline", K::REQUEST, get + post + get, {}},
        {"post cut in body", K::REQUEST, post.substr(0, post.size() - 4), {}},
        {"get cut in header", K::REQUEST, get.substr(0, 30), {}},
        {"get cut after start line", K::REQUEST, "GET / HTTP/1.1\r\nHost: a\r\n", {}},
        {"empty lines only", K::REQUEST, "\r\n\r\n", {}},
        {"bare LF", K::REQUEST, "GET / HTTP/1.1\nHost: a\n\n", {}},
        {"bad method", K::REQUEST, "G\x01T / HTTP/1.1\r\n\r\n", {}},
        {"bad version", K::REQUEST, "GET / HTTP/x.y\r\n\r\n", {}},
        {"no colon", K::REQUEST, "GET / HTTP/1.1\r\nNoColon\r\n\r\n", {}},
        {"bad field after good", K::REQUEST, "GET / HTTP/1.1\r\nA: b\r\n:x\r\n\r\n", {}},
        {"content-length text", K::REQUEST, "GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", {}},
        {"content-length twice",
         K::REQUEST,
         "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
         {}},
        {"content-length 2^64-1",
         K::REQUEST,
         "PUT / HTTP/1.1\r\nContent-Length: 18446744073709551615\r\n\r\nabc",
         {}},
        {"content-length 2^64",
         K::REQUEST,
         "PUT / HTTP/1.1\r\nContent-Length: 18446744073709551616\r\n\r\n",
         {}},
        {"content-length 2^50+1",
         K::REQUEST,
         "PUT / HTTP/1.1\r\nContent-Length: 1125899906842625\r\n\r\n",
         {}},
        {"content-length 2^50",
         K::REQUEST,
         "PUT / HTTP/1.1\r\nContent-Length: 1125899906842624\r\n\r\nabc",
         {}},
        {"chunked", K::REQUEST, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", {}},
        {"good then bad", K::REQUEST, get + "BAD\r\n\r\n" + get, {}},
        {"header at limit", K::REQUEST, RequestOfHeaderSize(LIMIT) + get, {}},
        {"header over limit", K::REQUEST, RequestOfHeaderSize(LIMIT + 1) + get, {}},
        {"many fields over limit", K::REQUEST, "GET / HTTP/1.1\r\n" + Fields(100, 20) + "\r\n", {}},
        {"over limit, unterminated", K::REQUEST, "GET / HTTP/1.1\r\n" + Fields(100, 20), {}},
        {"garbage", K::REQUEST, std::string(40, '\x7f'), {}},
        {"responses", K::RESPONSE, ok + head + nm + ok, {false, true, false, false}},
        {"response to HEAD, huge length",
         K::RESPONSE,
         "HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551615\r\n\r\n",
         {true}},
        {"response, huge length",
         K::RESPONSE,
         "HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551615\r\n\r\nabc",
         {false}},
        {"response without length", K::RESPONSE, "HTTP/1.1 200 OK\r\n\r\n", {false}},
        {"response bad status",
         K::RESPONSE,
         "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n",
         {false}},
        {"response cut in body", K::RESPONSE, ok.substr(0, ok.size() - 1), {false}},
        {"unexpected response", K::RESPONSE, ok + ok, {false}},
        {"response, no request", K::RESPONSE, ok, {}},
    };
    return c;
}

} // namespace

TEST(HttpParserProperty, EverySplitGivesTheSameResult)
{
    for (const Stream& s : Corpus())
    {
        const auto whole = ParseStream(s, {});
        ASSERT_FALSE(whole.empty()) << s.name;
        for (size_t i = 1; i < s.bytes.size(); ++i)
        {
            ASSERT_EQ(ParseStream(s, {i}), whole) << s.name << ": split at " << i;
        }
        if (s.bytes.size() <= 130)
        {
            for (size_t i = 1; i < s.bytes.size(); ++i)
            {
                for (size_t j = i + 1; j < s.bytes.size(); ++j)
                {
                    ASSERT_EQ(ParseStream(s, {i, j}), whole)
                        << s.name << ": split at " << i << ", " << j;
                }
            }
        }
        std::vector<size_t> bytes;
        for (size_t i = 1; i < s.bytes.size(); ++i)
        {
            bytes.push_back(i);
        }
        ASSERT_EQ(ParseStream(s, bytes), whole) << s.name << ": one byte at a time";
    }
}

TEST(HttpParserProperty, CorpusGivesTheDocumentedResults)
{
    // The outcome of each stream, derived from the documented rules (not from a run).
    const std::vector<std::pair<std::string, std::string>> last = {
        {"get", "DONE"},
        {"post cut in body", "ERROR TRUNCATED"},
        {"get cut in header", "ERROR TRUNCATED"},
        {"get cut after start line", "ERROR TRUNCATED"},
        {"empty lines only", "ERROR BAD_START_LINE"},
        {"bare LF", "ERROR BAD_HEADER"},
        {"bad method", "ERROR BAD_START_LINE"},
        {"bad version", "ERROR BAD_START_LINE"},
        {"no colon", "ERROR BAD_HEADER"},
        {"bad field after good", "ERROR BAD_HEADER"},
        {"content-length text", "ERROR BAD_CONTENT_LENGTH"},
        {"content-length twice", "ERROR BAD_CONTENT_LENGTH"},
        {"content-length 2^64-1", "ERROR BODY_TOO_LARGE"},
        {"content-length 2^64", "ERROR BAD_CONTENT_LENGTH"},
        {"content-length 2^50+1", "ERROR BODY_TOO_LARGE"},
        {"content-length 2^50", "ERROR TRUNCATED"},
        {"chunked", "ERROR UNSUPPORTED_TRANSFER_CODING"},
        {"good then bad", "ERROR BAD_START_LINE"},
        {"header at limit", "DONE"},
        {"header over limit", "ERROR HEADER_TOO_LARGE"},
        {"many fields over limit", "ERROR HEADER_TOO_LARGE"},
        {"over limit, unterminated", "ERROR HEADER_TOO_LARGE"},
        {"garbage", "ERROR TRUNCATED"},
        {"responses", "DONE"},
        {"response to HEAD, huge length", "DONE"},
        {"response, huge length", "ERROR BODY_TOO_LARGE"},
        {"response without length", "ERROR MISSING_CONTENT_LENGTH"},
        {"response bad status", "ERROR BAD_START_LINE"},
        {"response cut in body", "ERROR TRUNCATED"},
        {"unexpected response", "ERROR UNEXPECTED_RESPONSE"},
        {"response, no request", "ERROR UNEXPECTED_RESPONSE"},
    };
    for (const Stream& s : Corpus())
    {
        const auto log = ParseStream(s, {});
        for (const auto& [name, outcome] : last)
        {
            if (name == s.name)
            {
                EXPECT_EQ(log.empty() ? "nothing" : log.back(), outcome) << s.name;
            }
        }
    }
    // The largest body is 2^50 bytes: announced whole, and 3 of them arrived.
    Stream big = Corpus()[16];
    ASSERT_EQ(big.name, "content-length 2^50");
    EXPECT_EQ(ParseStream(big, {}),
              (std::vector<std::string>{"REQ PUT / hdr=52 len=1125899906842624 "
                                        "Content-Length=1125899906842624;",
                                        "BODY 3",
                                        "ERROR TRUNCATED"}));
}

TEST(HttpParserProperty, HeaderLimitCountsEveryHeaderByteFedInOnePiece)
{
    // 32 KB of header, fed at once, against the default 16 KB limit.
    Stream s{
        "32 KB", HttpParser::Kind::REQUEST, "GET / HTTP/1.1\r\n" + Fields(320, 93) + "\r\n", {}};
    ASSERT_GT(s.bytes.size(), 32000u);
    EXPECT_EQ(ParseStream(s, {}, 16384), std::vector<std::string>{"ERROR HEADER_TOO_LARGE"});
    // The limit is the whole header section, start line to the empty line included.
    for (uint32_t limit : {64u, 100u, 16384u})
    {
        Stream at{"at", HttpParser::Kind::REQUEST, RequestOfHeaderSize(limit), {}};
        Stream over{"over", HttpParser::Kind::REQUEST, RequestOfHeaderSize(limit + 1), {}};
        const auto ok = ParseStream(at, {}, limit);
        ASSERT_EQ(ok.size(), 2u) << limit;
        EXPECT_EQ(ok[0].rfind("REQ GET /a hdr=" + std::to_string(limit) + " len=0", 0), 0u);
        EXPECT_EQ(ParseStream(over, {}, limit), std::vector<std::string>{"ERROR HEADER_TOO_LARGE"});
        for (size_t cut : {size_t(1), size_t(20), size_t(limit - 3), size_t(limit)})
        {
            EXPECT_EQ(ParseStream(at, {cut}, limit), ok) << limit << " cut " << cut;
            EXPECT_EQ(ParseStream(over, {cut}, limit),
                      std::vector<std::string>{"ERROR HEADER_TOO_LARGE"})
                << limit << " cut " << cut;
        }
    }
}

TEST(HttpParserProperty, EveryProperPrefixIsTruncatedHoweverFed)
{
    const std::string req = "POST /f HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
    const std::string resp = "HTTP/1.1 200 OK\r\nServer: s\r\nContent-Length: 5\r\n\r\nhello";
    for (size_t n = 1; n < req.size(); ++n)
    {
        Stream s{"req", HttpParser::Kind::REQUEST, req.substr(0, n), {}};
        const auto log = ParseStream(s, {});
        EXPECT_EQ(log.empty() ? "nothing" : log.back(), "ERROR TRUNCATED")
            << "request prefix of " << n << " bytes";
    }
    for (size_t n = 1; n < resp.size(); ++n)
    {
        Stream s{"resp", HttpParser::Kind::RESPONSE, resp.substr(0, n), {false}};
        const auto log = ParseStream(s, {});
        EXPECT_EQ(log.empty() ? "nothing" : log.back(), "ERROR TRUNCATED")
            << "response prefix of " << n << " bytes";
    }
}
