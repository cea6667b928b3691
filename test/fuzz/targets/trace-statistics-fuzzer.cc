/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: TraceStatistics fed records decoded from the input (any sizes, flags,
 * versions, few servers and paths so that objects repeat). A record with a size over
 * TraceRecord::MAX_SIZE or below its received bytes must be refused (invalid_argument), one
 * that would wrap the byte total too (overflow_error), both leaving the statistics unchanged.
 * The totals must equal sums computed here; ratios and fractions must lie in [0, 1]; the
 * report must print.
 */
#include "fuzz-check.h"

#include "ns3/trace-statistics.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <sstream>
#include <stdexcept>

using namespace ns3;

namespace
{
bool
Fraction(double x)
{
    return x >= 0 && x <= 1; // false for NaN too
}
} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzedDataProvider in(data, size);
    TraceStatistics s;
    static const char* const methods[] = {"GET", "HEAD", "POST", "PUT"};
    uint64_t requests = 0;
    uint64_t bytes = 0;
    uint64_t received = 0;
    uint64_t aborted = 0;
    int64_t ns = 0;
    while (in.remaining_bytes() > 0)
    {
        TraceRecord r;
        ns += in.ConsumeIntegralInRange<int64_t>(0, 1000000000000LL);
        r.time = NanoSeconds(ns);
        r.client = in.ConsumeIntegralInRange<uint32_t>(0, 7);
        r.server = "s" + std::to_string(in.ConsumeIntegralInRange<int>(0, 3));
        r.path = "/" + in.ConsumeRandomLengthString(8);
        r.method = methods[in.ConsumeIntegralInRange<int>(0, 3)];
        switch (in.ConsumeIntegralInRange<int>(0, 3))
        {
        case 0:
            r.size = in.ConsumeIntegral<uint64_t>();
            break;
        case 1:
            r.size = TraceRecord::MAX_SIZE - in.ConsumeIntegralInRange<uint64_t>(0, 2);
            break;
        default:
            r.size = in.ConsumeIntegralInRange<uint64_t>(0, 100000);
        }
        // Up to size + 1 (one over: must be refused), without wrapping at UINT64_MAX.
        r.received = in.ConsumeBool() ? r.size
                                      : in.ConsumeIntegralInRange<uint64_t>(
                                          0, r.size == UINT64_MAX ? r.size : r.size + 1);
        r.status = in.ConsumeIntegralInRange<unsigned>(0, 999);
        const uint8_t flags = in.ConsumeIntegral<uint8_t>();
        r.cookie = flags & 1;
        r.setCookie = flags & 2;
        r.clientNoCache = flags & 4;
        r.serverNoCache = flags & 8;
        r.authorization = flags & 16;
        r.persistent = flags & 32;
        r.version = in.ConsumeIntegralInRange<uint32_t>(0, 2);

        const bool valid = r.size <= TraceRecord::MAX_SIZE && r.received <= r.size;
        const bool fits = valid && r.size <= UINT64_MAX - bytes;
        try
        {
            s.Add(r);
            FUZZ_CHECK(fits,
                       "accepted size " + std::to_string(r.size) + " received "
                           + std::to_string(r.received) + " after " + std::to_string(bytes));
            ++requests;
            bytes += r.size;
            received += r.received;
            aborted += r.received < r.size;
        }
        catch (const std::invalid_argument&)
        {
            FUZZ_CHECK(!valid, "valid record refused");
        }
        catch (const std::overflow_error&)
        {
            FUZZ_CHECK(valid && !fits, "record refused for overflow that fits");
        }
        FUZZ_CHECK(s.GetRequests() == requests && s.GetBytes() == bytes
                       && s.GetReceivedBytes() == received && s.GetAbortedCount() == aborted,
                   "totals differ");
    }
    FUZZ_CHECK(s.GetObjects() <= requests && s.GetClients() <= 8 && s.GetServers() <= 4, "counts");
    for (bool honour : {false, true})
    {
        FUZZ_CHECK(s.GetHits(honour) <= requests, "hits");
        if (requests > 0)
        {
            FUZZ_CHECK(Fraction(s.GetHitRatio(honour)), "hit ratio");
            FUZZ_CHECK(Fraction(s.GetUncachableFraction(honour)), "uncachable fraction");
            FUZZ_CHECK(Fraction(s.GetAbortedFraction()), "aborted fraction");
            FUZZ_CHECK(Fraction(s.GetPersistentFraction()), "persistent fraction");
        }
        if (received > 0)
        {
            FUZZ_CHECK(Fraction(s.GetByteHitRatio(honour)), "byte hit ratio");
        }
    }
    FUZZ_CHECK(s.GetAbortedReceivedBytes() <= s.GetAbortedBytes(), "aborted bytes");
    std::ostringstream report;
    s.Print(report, true);
    FUZZ_CHECK(!report.str().empty(), "empty report");
    return 0;
}
