/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: HttpParser, requests and responses. The input is three control bytes and the
 * stream. The stream is parsed whole, cut at random places, and as ns-3 packets of a random
 * segment size; all three must give the same callbacks (error included). Invariants: header
 * sections within the limit, announced bodies within MAX_BODY_SIZE, bodies delivered no
 * longer than announced, nothing after an error, and a stream parsed without error consumed
 * exactly: the header and body bytes add up to the stream's length.
 *
 * Control bytes: [0] bit 0 responses, bits 1-7 the header limit (16 + 64 k bytes);
 * [1] bits 0-2 outstanding requests - 1, bits 3-7 which of them are HEAD; [2] split seed.
 */
#include "fuzz-check.h"

#include "ns3/http-parser.h"
#include "ns3/packet.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace ns3;

namespace
{

struct Setup
{
    HttpParser::Kind kind;
    uint32_t limit;
    std::vector<bool> heads;
};

/// The callbacks of one parse, as text, body pieces merged; checks invariants on the way.
struct Outcome
{
    std::vector<std::string> log;
    uint64_t consumed{0}; //!< header and body bytes reported
    bool failed{false};
};

Outcome
Run(const Setup& s, std::string_view stream, uint32_t seed, int mode)
{
    Outcome o;
    uint64_t announced = 0;
    uint64_t body = 0;
    bool inBody = false;
    auto flush = [&]()
    {
        if (body > 0)
        {
            o.log.push_back("BODY " + std::to_string(body));
        }
    };
    HttpParser p(s.kind, s.limit);
    for (bool h : s.heads)
    {
        p.ExpectResponse(h);
    }
    auto header = [&](const std::string& text, uint64_t hdr, uint64_t len)
    {
        FUZZ_CHECK(!o.failed, "callback after an error");
        FUZZ_CHECK(!inBody, "header inside a body");
        FUZZ_CHECK(hdr >= 4 && hdr <= s.limit, "header bytes " + std::to_string(hdr));
        FUZZ_CHECK(len <= HttpParser::MAX_BODY_SIZE, "body length " + std::to_string(len));
        o.log.push_back(text + " hdr=" + std::to_string(hdr) + " len=" + std::to_string(len));
        o.consumed += hdr;
        announced = len;
        body = 0;
        inBody = true;
    };
    p.SetRequestCallback(
        [&](const HttpRequestHeader& h, uint64_t hdr, uint64_t len)
        {
            std::string fields;
            for (const auto& f : h)
            {
                fields += std::string(f.name_string()) + "=" + std::string(f.value()) + ";";
            }
            header("REQ " + std::string(h.method_string()) + " " + std::string(h.target()) + " "
                       + fields,
                   hdr,
                   len);
        });
    p.SetResponseCallback([&](const HttpResponseHeader& h, uint64_t hdr, uint64_t len)
                          { header("RESP " + std::to_string(h.result_int()), hdr, len); });
    p.SetBodyCallback(
        [&](uint64_t n)
        {
            FUZZ_CHECK(inBody && !o.failed, "body outside a message");
            FUZZ_CHECK(n > 0 && body + n <= announced, "body longer than announced");
            body += n;
            o.consumed += n;
        });
    p.SetCompleteCallback(
        [&]()
        {
            FUZZ_CHECK(inBody && body == announced, "complete before the whole body");
            flush();
            o.log.push_back("DONE");
            inBody = false;
            body = 0;
        });
    p.SetErrorCallback(
        [&](HttpParser::Error e, const std::string& what)
        {
            FUZZ_CHECK(!o.failed, "second error");
            FUZZ_CHECK(e != HttpParser::Error::NONE && !what.empty(), "unnamed error");
            flush();
            o.log.push_back(std::string("ERROR ") + HttpParser::ErrorName(e));
            o.failed = true;
        });

    if (mode == 0)
    {
        p.Feed(stream.data(), stream.size());
    }
    else if (mode == 1)
    {
        // Cut at pseudo-random places (a linear congruential sequence from the seed).
        size_t pos = 0;
        uint32_t x = seed * 2654435761u + 1;
        while (pos < stream.size())
        {
            x = x * 1103515245u + 12345u;
            size_t n = 1 + (x >> 16) % (x & 0x100 ? 7 : 300);
            n = std::min(n, stream.size() - pos);
            p.Feed(stream.data() + pos, n);
            pos += n;
        }
    }
    else
    {
        const size_t segment = 1 + seed * 7 % 1460;
        for (size_t pos = 0; pos < stream.size(); pos += segment)
        {
            size_t n = std::min(segment, stream.size() - pos);
            p.Feed(Create<Packet>(reinterpret_cast<const uint8_t*>(stream.data() + pos),
                                  static_cast<uint32_t>(n)));
        }
    }
    bool idle = p.IsIdle();
    p.Finish();
    flush();
    FUZZ_CHECK(o.consumed <= stream.size(), "more bytes reported than fed");
    if (!o.failed)
    {
        FUZZ_CHECK(idle && o.consumed == stream.size(), "bytes lost without an error");
        FUZZ_CHECK(p.GetError() == HttpParser::Error::NONE, "error without callback");
    }
    return o;
}

std::string
Show(const std::vector<std::string>& log)
{
    std::string s;
    for (const auto& l : log)
    {
        s += l.substr(0, 200) + " | ";
    }
    return s;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 3)
    {
        return 0;
    }
    Setup s;
    s.kind = data[0] & 1 ? HttpParser::Kind::RESPONSE : HttpParser::Kind::REQUEST;
    s.limit = 16 + (data[0] >> 1) * 64u;
    if (s.kind == HttpParser::Kind::RESPONSE)
    {
        for (int i = 0; i <= (data[1] & 7); ++i)
        {
            s.heads.push_back(i < 5 && ((data[1] >> (3 + i)) & 1));
        }
    }
    std::string_view stream(reinterpret_cast<const char*>(data + 3), size - 3);
    const Outcome whole = Run(s, stream, data[2], 0);
    const Outcome cut = Run(s, stream, data[2], 1);
    FUZZ_CHECK(cut.log == whole.log,
               "split changed the result: " + Show(whole.log) + " vs " + Show(cut.log));
    const Outcome packets = Run(s, stream, data[2], 2);
    FUZZ_CHECK(packets.log == whole.log,
               "packets changed the result: " + Show(whole.log) + " vs " + Show(packets.log));
    return 0;
}
