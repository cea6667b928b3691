/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: CsvTraceReader (SKIP policy). Every record must satisfy the readers'
 * invariants, every malformed line must be reported with its line, and the records must be
 * writable by CsvTraceWriter and read back equal, field for field; written again, the text
 * is the same.
 */
#include "trace-fuzz-common.h"

#include "ns3/csv-trace-reader.h"
#include "ns3/csv-trace-writer.h"

#include <sstream>
#include <stdexcept>
#include <vector>

using namespace ns3;

namespace
{
std::string
Write(const std::vector<TraceRecord>& records)
{
    std::ostringstream os;
    CsvTraceWriter w(os);
    for (const auto& r : records)
    {
        try
        {
            w.Write(r);
        }
        catch (const std::invalid_argument& e)
        {
            FUZZ_CHECK(false, std::string("read but not writable: ") + e.what());
        }
    }
    w.Close();
    return os.str();
}
} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    // Readers are kept between executions: Open resets them, and reuses their 1 MiB buffer.
    static Ptr<CsvTraceReader> reader = Create<CsvTraceReader>();
    static Ptr<CsvTraceReader> again = Create<CsvTraceReader>();
    reader->SetErrorPolicy(TraceReader::SKIP);
    reader->Open(in, "fuzz.csv");
    std::vector<TraceRecord> records;
    TraceRecord r;
    int64_t previous = 0;
    while (reader->Next(r))
    {
        CheckRecord(r, previous);
        FUZZ_CHECK(TraceRecord::IsHost(r.server, ",\""), "server: " + Describe(r));
        previous = r.time.GetNanoSeconds();
        records.push_back(r);
    }
    for (const auto& e : reader->GetProblems())
    {
        FUZZ_CHECK(e.GetFile() == "fuzz.csv" && e.GetLine() >= 1
                       && e.GetLine() <= reader->GetLineNumber() && !e.GetProblem().empty(),
                   e.what());
    }

    const std::string text = Write(records);
    std::istringstream in2(text);
    again->Open(in2, "again.csv");
    std::vector<TraceRecord> back;
    try
    {
        while (again->Next(r))
        {
            back.push_back(r);
        }
    }
    catch (const TraceFormatError& e)
    {
        FUZZ_CHECK(false, std::string("written but not readable: ") + e.what());
    }
    FUZZ_CHECK(back.size() == records.size(), "record count changed");
    for (size_t i = 0; i < back.size(); ++i)
    {
        FUZZ_CHECK(Describe(back[i]) == Describe(records[i]),
                   Describe(back[i]) + " read back, " + Describe(records[i]) + " written");
    }
    FUZZ_CHECK(Write(back) == text, "written again, the text changed");
    return 0;
}
