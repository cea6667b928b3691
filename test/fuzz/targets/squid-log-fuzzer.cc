/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: SquidLogReader (SKIP policy, addresses as client numbers, origin 0). Every
 * record must satisfy the readers' invariants, every malformed line must be reported with
 * its line, and the records must be writable by SquidLogWriter and read back the same (times
 * rounded to the millisecond, as the format logs them).
 */
#include "trace-fuzz-common.h"

#include "ns3/squid-log-reader.h"
#include "ns3/squid-log-writer.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <vector>

using namespace ns3;

namespace
{
Ptr<SquidLogReader>
Reader()
{
    Ptr<SquidLogReader> r = Create<SquidLogReader>();
    r->SetOrigin(Seconds(0));
    r->SetClientNumbering(SquidLogReader::BY_ADDRESS);
    r->SetErrorPolicy(TraceReader::SKIP);
    return r;
}
} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    // Readers are kept between executions: Open resets them, and reuses their 1 MiB buffer.
    static Ptr<SquidLogReader> reader = Reader();
    static Ptr<SquidLogReader> again = Reader();
    reader->Open(in, "fuzz.log");
    std::vector<TraceRecord> records;
    std::vector<Time> elapsed;
    TraceRecord r;
    int64_t previous = 0;
    while (reader->Next(r))
    {
        CheckRecord(r, previous);
        FUZZ_CHECK(r.size == r.received, "an aborted Squid record: " + Describe(r));
        previous = r.time.GetNanoSeconds();
        records.push_back(r);
        elapsed.push_back(reader->GetLastElapsed());
    }
    for (const auto& e : reader->GetProblems())
    {
        FUZZ_CHECK(e.GetFile() == "fuzz.log" && e.GetLine() >= 1
                       && e.GetLine() <= reader->GetLineNumber() && !e.GetProblem().empty(),
                   e.what());
    }

    std::ostringstream os;
    SquidLogWriter w(os);
    w.SetOrigin(Seconds(0));
    for (size_t i = 0; i < records.size(); ++i)
    {
        try
        {
            w.Write(records[i], elapsed[i]);
        }
        catch (const std::invalid_argument& e)
        {
            FUZZ_CHECK(false, std::string("read but not writable: ") + e.what());
        }
    }
    std::istringstream in2(os.str());
    again->SetErrorPolicy(TraceReader::STOP);
    again->Open(in2, "again.log");
    size_t i = 0;
    try
    {
        while (again->Next(r))
        {
            FUZZ_CHECK(i < records.size(), "more records read back than written");
            TraceRecord expected = records[i];
            // Rounded to the millisecond, but never past the last one the format holds.
            expected.time
                = MilliSeconds(std::min((records[i].time.GetNanoSeconds() + 500000) / 1000000,
                                        TraceRecord::MAX_TIME_NS / 1000000));
            FUZZ_CHECK(Describe(r) == Describe(expected),
                       Describe(r) + " read back, " + Describe(expected) + " expected");
            ++i;
        }
    }
    catch (const TraceFormatError& e)
    {
        FUZZ_CHECK(false, std::string("written but not readable: ") + e.what());
    }
    FUZZ_CHECK(i == records.size(), "fewer records read back than written");
    return 0;
}
