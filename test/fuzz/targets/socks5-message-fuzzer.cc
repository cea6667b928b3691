/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: Socks5Message. The input is one control byte (which message: greeting,
 * method selection, RFC 1929 request and reply, request, reply) and the stream. Invariants:
 * the stream's prefixes parse as TRUNCATED up to a point and identically from then on (a
 * message is judged by the bytes it has, never by later ones); a parsed message takes at
 * least two bytes and no more than there are, serialises back to exactly those bytes, and
 * parses again to the same fields; every error has a name.
 */
#include "fuzz-check.h"

#include "ns3/socks5-message.h"

#include <cstdint>
#include <string>
#include <vector>

using namespace ns3;
using M = Socks5Message;

namespace
{

bool
Same(const M::Greeting& a, const M::Greeting& b)
{
    return a.methods == b.methods;
}

bool
Same(const M::MethodSelection& a, const M::MethodSelection& b)
{
    return a.method == b.method;
}

bool
Same(const M::AuthRequest& a, const M::AuthRequest& b)
{
    return a.username == b.username && a.password == b.password;
}

bool
Same(const M::AuthReply& a, const M::AuthReply& b)
{
    return a.status == b.status;
}

bool
Same(const M::Request& a, const M::Request& b)
{
    return a.command == b.command && a.destination == b.destination;
}

bool
Same(const M::ReplyMessage& a, const M::ReplyMessage& b)
{
    return a.reply == b.reply && a.bound == b.bound;
}

template <typename T>
void
Check(const uint8_t* data, size_t size)
{
    // The first prefix that is not TRUNCATED decides; longer ones must agree.
    bool decided = false;
    M::Error first = M::Error::TRUNCATED;
    size_t firstUsed = 0;
    for (size_t n = 0; n <= size; ++n)
    {
        T m;
        size_t used = 0;
        const M::Error e = M::Parse(data, n, m, used);
        FUZZ_CHECK(std::string(M::ErrorName(e)) != "?", "unnamed error");
        if (!decided)
        {
            if (e != M::Error::TRUNCATED)
            {
                decided = true;
                first = e;
                firstUsed = used;
            }
            continue;
        }
        FUZZ_CHECK(e == first,
                   std::string("prefix ") + std::to_string(n) + " gives " + M::ErrorName(e)
                       + ", a shorter one " + M::ErrorName(first));
        if (e == M::Error::NONE)
        {
            FUZZ_CHECK(used == firstUsed, "a longer stream changed the message length");
        }
    }
    if (first != M::Error::NONE)
    {
        return;
    }
    T m;
    size_t used = 0;
    M::Parse(data, size, m, used);
    FUZZ_CHECK(used >= 2 && used <= size, "length " + std::to_string(used));
    std::vector<uint8_t> out;
    FUZZ_CHECK(M::Serialise(m, out) == M::Error::NONE, "a parsed message does not serialise");
    FUZZ_CHECK(out == std::vector<uint8_t>(data, data + used), "serialised bytes differ");
    T again;
    size_t used2 = 0;
    FUZZ_CHECK(M::Parse(out.data(), out.size(), again, used2) == M::Error::NONE
                   && used2 == out.size() && Same(m, again),
               "reparse differs");
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // Messages are at most 513 bytes; longer inputs only slow the quadratic prefix walk.
    if (size < 1 || size > 1024)
    {
        return 0;
    }
    const uint8_t* s = data + 1;
    const size_t n = size - 1;
    switch (data[0] % 6)
    {
    case 0:
        Check<M::Greeting>(s, n);
        break;
    case 1:
        Check<M::MethodSelection>(s, n);
        break;
    case 2:
        Check<M::AuthRequest>(s, n);
        break;
    case 3:
        Check<M::AuthReply>(s, n);
        break;
    case 4:
        Check<M::Request>(s, n);
        break;
    default:
        Check<M::ReplyMessage>(s, n);
    }
    return 0;
}
