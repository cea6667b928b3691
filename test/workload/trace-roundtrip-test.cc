/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Readers and writers agree: random records written then read are equal (what the format
 * carries); a record the writer refuses is refused by the reader, as a row, with a named
 * error naming file and line; a row the reader accepts gives a record the writer writes back
 * to a row that reads the same. CSV and Squid formats, and TraceStatistics' byte bounds.
 */
#include "ns3/csv-trace-reader.h"
#include "ns3/csv-trace-writer.h"
#include "ns3/squid-log-reader.h"
#include "ns3/squid-log-writer.h"
#include "ns3/trace-statistics.h"

#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// 2^50, the documented largest size (computed here, not taken from the code).
constexpr uint64_t P50 = 1125899906842624ULL;

std::string
Describe(const TraceRecord& r)
{
    std::ostringstream o;
    o << r.time.GetNanoSeconds() << "|" << r.client << "|" << r.server << "|" << r.path << "|"
      << r.method << "|" << r.size << "|" << r.received << "|" << r.status << "|" << r.contentType
      << "|" << r.cookie << r.setCookie << r.clientNoCache << r.serverNoCache << r.authorization
      << r.persistent << "|" << r.version;
    return o.str();
}

/// Read every record of a text; the error (file:line: problem) when there is one.
template <typename R>
std::vector<TraceRecord>
ReadText(const std::string& text, std::string* error, Ptr<R> reader = Create<R>())
{
    std::istringstream in(text);
    reader->Open(in, "t.trace");
    std::vector<TraceRecord> out;
    TraceRecord r;
    try
    {
        while (reader->Next(r))
        {
            out.push_back(r);
        }
    }
    catch (const TraceFormatError& e)
    {
        *error = e.what();
    }
    return out;
}

/// Random text: printable, awkward (quotes, commas, spaces, tab, '%', bytes >= 0x80).
std::string
RandomText(std::mt19937& rng, size_t maxLength)
{
    static const std::string chars = "abz09/._-?=&%,\"~+ \t;:#\xc3\xa9";
    std::string s;
    size_t n = rng() % (maxLength + 1);
    for (size_t i = 0; i < n; ++i)
    {
        s += chars[rng() % chars.size()];
    }
    return s;
}

/// Random records that both writers accept, in non-decreasing time.
std::vector<TraceRecord>
RandomRecords(size_t n, uint32_t seed, int64_t maxStartNs)
{
    std::mt19937 rng(seed);
    auto u = [&rng](uint64_t lo, uint64_t hi)
    {
        return std::uniform_int_distribution<uint64_t>(lo, hi)(rng);
    };
    const char* methods[] = {"GET", "HEAD", "POST", "CONNECT", "X_Y-1"};
    std::vector<TraceRecord> out;
    int64_t ns = static_cast<int64_t>(u(0, static_cast<uint64_t>(maxStartNs)));
    for (size_t i = 0; i < n; ++i)
    {
        TraceRecord r;
        ns += static_cast<int64_t>(u(0, 3) == 0 ? 0 : u(0, 2000000000));
        r.time = NanoSeconds(ns);
        r.client = static_cast<uint32_t>(u(0, UINT32_MAX));
        r.server = "h" + std::to_string(u(0, 99))
                 + (u(0, 3) == 0 ? ".x:" + std::to_string(u(0, 65535)) : ".x");
        r.path = "/" + RandomText(rng, 30);
        r.method = methods[u(0, 4)];
        r.size = u(0, 2) == 0 ? P50 - u(0, 3) : u(0, 100000);
        r.received = u(0, 1) ? r.size : u(0, r.size);
        r.status = static_cast<unsigned>(u(0, 999));
        r.contentType = u(0, 5) == 0 ? "-" : RandomText(rng, 12);
        r.cookie = u(0, 1);
        r.setCookie = u(0, 1);
        r.clientNoCache = u(0, 1);
        r.serverNoCache = u(0, 1);
        r.authorization = u(0, 1);
        r.persistent = u(0, 1);
        r.version = static_cast<uint32_t>(u(0, 1) ? 0 : u(0, UINT32_MAX));
        out.push_back(r);
    }
    return out;
}

std::string
WriteCsv(const std::vector<TraceRecord>& records)
{
    std::ostringstream os;
    CsvTraceWriter w(os);
    for (const auto& r : records)
    {
        w.Write(r);
    }
    w.Close();
    return os.str();
}

/// What the Squid format keeps of a record (SquidLogWriter's documentation).
TraceRecord
SquidView(const TraceRecord& a)
{
    auto escape = [](const std::string& s)
    {
        std::string e;
        for (char c : s)
        {
            auto u = static_cast<unsigned char>(c);
            if (u <= ' ' || u == 0x7f)
            {
                char buf[4];
                snprintf(buf, sizeof(buf), "%%%02X", u);
                e += buf;
            }
            else
            {
                e += c;
            }
        }
        return e;
    };
    TraceRecord b;
    b.time = MilliSeconds((a.time.GetNanoSeconds() + 500000) / 1000000);
    b.client = a.client;
    b.server = a.server;
    b.path = escape(a.path);
    b.method = a.method;
    b.size = a.received;
    b.received = a.received;
    b.status = a.status;
    b.contentType = a.contentType == "-" ? "%2D" : escape(a.contentType);
    return b;
}

Ptr<SquidLogReader>
ByAddress()
{
    Ptr<SquidLogReader> r = Create<SquidLogReader>();
    r->SetOrigin(Seconds(0));
    r->SetClientNumbering(SquidLogReader::BY_ADDRESS);
    return r;
}

/// A CSV header and one row.
std::string
CsvRow(const std::string& row)
{
    return std::string(CsvTraceWriter::HEADER) + "\n" + row + "\n";
}

} // namespace

TEST(TraceRoundTrip, CsvRandomRecordsReadBackEqual)
{
    for (uint32_t seed = 1; seed <= 20; ++seed)
    {
        // Starts near the latest time the format holds, in some seeds.
        const int64_t start = seed % 4 == 0 ? 9223371000000000000LL : 1000000000000LL;
        const auto records = RandomRecords(300, seed, start);
        const std::string text = WriteCsv(records);
        std::string error;
        const auto back = ReadText<CsvTraceReader>(text, &error);
        ASSERT_EQ(error, "") << "seed " << seed;
        ASSERT_EQ(back.size(), records.size());
        for (size_t i = 0; i < records.size(); ++i)
        {
            ASSERT_EQ(Describe(back[i]), Describe(records[i])) << "seed " << seed << " #" << i;
        }
        EXPECT_EQ(WriteCsv(back), text);
    }
}

TEST(TraceRoundTrip, SquidRandomRecordsReadBackAsTheFormatKeepsThem)
{
    for (uint32_t seed = 1; seed <= 20; ++seed)
    {
        const int64_t start = seed % 4 == 0 ? 9223371000000000000LL : 1000000000000LL;
        const auto records = RandomRecords(300, seed, start);
        std::ostringstream os;
        SquidLogWriter w(os);
        w.SetOrigin(Seconds(0));
        for (const auto& r : records)
        {
            w.Write(r, MilliSeconds(static_cast<int64_t>(seed) * 1000));
        }
        std::string error;
        const auto back = ReadText<SquidLogReader>(os.str(), &error, ByAddress());
        ASSERT_EQ(error, "") << "seed " << seed;
        ASSERT_EQ(back.size(), records.size());
        std::ostringstream again;
        SquidLogWriter w2(again);
        w2.SetOrigin(Seconds(0));
        for (size_t i = 0; i < records.size(); ++i)
        {
            ASSERT_EQ(Describe(back[i]), Describe(SquidView(records[i])))
                << "seed " << seed << " #" << i;
            w2.Write(back[i], MilliSeconds(static_cast<int64_t>(seed) * 1000));
        }
        // Read back, written again: the same text (the format's view is a fixed point), but
        // for the aborted mark: the reader cannot tell the full size of an aborted transfer.
        std::string first = os.str();
        for (size_t at; (at = first.find("TCP_MISS_ABORTED/")) != std::string::npos;)
        {
            first.replace(at, 17, "TCP_MISS/");
        }
        EXPECT_EQ(again.str(), first) << "seed " << seed;
    }
}

namespace
{
/// A record the CSV writer refuses and the row that would stand for it.
struct CsvRefusal
{
    std::string what;
    std::function<void(TraceRecord&)> change;
    std::string row; //!< the record's row (after a first, valid row at 5 s)
};
} // namespace

TEST(TraceRoundTrip, CsvRowsTheWriterRefusesTheReaderRefuses)
{
    TraceRecord ok;
    ok.time = Seconds(5);
    ok.server = "s.x";
    ok.path = "/p";
    const std::string okRow = "5.000,0,s.x,/p,0,-,0,GET,200,,0";
    const std::vector<CsvRefusal> cases = {
        {"comma in server",
         [](TraceRecord& r) { r.server = "a,b"; },
         "5,0,\"a,b\",/p,0,-,0,GET,200,,0"},
        {"quote in URL host",
         [](TraceRecord& r) { r.server = "a\"b"; },
         "5,0,,\"http://a\"\"b/p\",0,-,0,GET,200,,0"},
        {"port without host",
         [](TraceRecord& r) { r.server = ":80"; },
         "5,0,:80,/p,0,-,0,GET,200,,0"},
        {"control character in path",
         [](TraceRecord& r) { r.path = "/a\x01z"; },
         "5,0,s.x,\"/a\x01z\",0,-,0,GET,200,,0"},
        {"control character in type",
         [](TraceRecord& r) { r.contentType = "t\x02"; },
         "5,0,s.x,/p,0,-,0,GET,200,\"t\x02\",0"},
        {"size over 2^50",
         [](TraceRecord& r) { r.size = r.received = P50 + 1; },
         "5,0,s.x,/p,1125899906842625,-,1125899906842625,GET,200,,0"},
        {"time going back",
         [](TraceRecord& r) { r.time = Seconds(4); },
         "4,0,s.x,/p,0,-,0,GET,200,,0"},
        {"time after 9223372035.999999999 s",
         [](TraceRecord& r) { r.time = NanoSeconds(9223372036000000000LL); },
         "9223372036,0,s.x,/p,0,-,0,GET,200,,0"},
        {"received over size",
         [](TraceRecord& r) { r.received = 1; },
         "5,0,s.x,/p,0,-,1,GET,200,,0"},
    };
    for (const auto& c : cases)
    {
        TraceRecord r = ok;
        c.change(r);
        std::ostringstream os;
        CsvTraceWriter w(os);
        w.Write(ok);
        try
        {
            w.Write(r);
            ADD_FAILURE() << c.what << ": the writer accepted it";
        }
        catch (const std::invalid_argument& e)
        {
            EXPECT_NE(std::string(e.what()).find("stream: record 2: "), std::string::npos)
                << c.what << ": " << e.what();
        }
        std::string error;
        ReadText<CsvTraceReader>(CsvRow(okRow) + c.row + "\n", &error);
        EXPECT_EQ(error.rfind("t.trace:3: ", 0), 0u) << c.what << ": " << error;
    }
}

TEST(TraceRoundTrip, CsvRowsTheReaderAcceptsTheWriterWritesBack)
{
    std::mt19937 rng(11);
    const std::string base = "12.5,7,www.x:81,\"/a,b?c\",4512,CSP,100,POST,404,text/html,3";
    const std::string junk = ",\"\\ :/@?#%\t\x01\x7f-09aZ";
    int records = 0;
    for (int i = 0; i < 4000; ++i)
    {
        std::string row = base;
        for (int k = 0, edits = 1 + static_cast<int>(rng() % 3); k < edits; ++k)
        {
            size_t pos = rng() % row.size();
            switch (rng() % 3)
            {
            case 0:
                row.erase(pos, 1 + rng() % 3);
                break;
            case 1:
                row.insert(pos, 1, junk[rng() % junk.size()]);
                break;
            default:
                row[pos] = junk[rng() % junk.size()];
            }
        }
        std::string error;
        auto got = ReadText<CsvTraceReader>(CsvRow(row), &error);
        if (got.empty())
        {
            // No record: a malformed line, or a mutation that made it a comment.
            const size_t first = row.find_first_not_of(" \t");
            const bool comment = first != std::string::npos && row[first] == '#';
            EXPECT_EQ(comment ? 0u : error.rfind("t.trace:2: ", 0), 0u) << row << " -> " << error;
            continue;
        }
        ++records;
        ASSERT_EQ(got.size(), 1u);
        std::string text;
        try
        {
            text = WriteCsv(got);
        }
        catch (const std::invalid_argument& e)
        {
            ADD_FAILURE() << "read but not writable: " << row << ": " << e.what();
            continue;
        }
        auto again = ReadText<CsvTraceReader>(text, &error);
        ASSERT_EQ(again.size(), 1u) << row << " -> " << text << " -> " << error;
        EXPECT_EQ(Describe(again[0]), Describe(got[0])) << row;
    }
    EXPECT_GT(records, 500);
}

TEST(TraceRoundTrip, SquidLinesTheWriterRefusesTheReaderRefuses)
{
    const std::string good
        = "1000.000      0 10.0.0.1 TCP_MISS/200 5 GET http://s.x/p - HIER_DIRECT/s.x -\n";
    struct Case
    {
        std::string what;
        std::function<void(TraceRecord&, Time&)> change;
        std::string line;
    };
    const std::vector<Case> cases = {
        {"elapsed over a year",
         [](TraceRecord&, Time& e) { e = MilliSeconds(31536000001LL); },
         "1000.000 31536000001 10.0.0.1 TCP_MISS/200 5 GET http://s.x/p - HIER_DIRECT/s.x -"},
        {"size over 2^50",
         [](TraceRecord& r, Time&) { r.size = r.received = P50 + 1; },
         "1000.000 0 10.0.0.1 TCP_MISS/200 1125899906842625 GET http://s.x/p - HIER_DIRECT/s.x -"},
        {"CONNECT to a port without host",
         [](TraceRecord& r, Time&)
         {
             r.method = "CONNECT";
             r.server = ":443";
             r.path = "/";
         },
         "1000.000 0 10.0.0.1 TCP_MISS/200 5 CONNECT :443 - HIER_DIRECT/ -"},
        {"more than 1 s back",
         [](TraceRecord& r, Time&) { r.time = MilliSeconds(998999); },
         "998.999 0 10.0.0.1 TCP_MISS/200 5 GET http://s.x/p - HIER_DIRECT/s.x -"},
        {"after 9223372035.999 s",
         [](TraceRecord& r, Time&) { r.time = MilliSeconds(9223372036000LL); },
         "9223372036.000 0 10.0.0.1 TCP_MISS/200 5 GET http://s.x/p - HIER_DIRECT/s.x -"},
    };
    TraceRecord ok;
    ok.time = Seconds(1000);
    ok.client = 1;
    ok.server = "s.x";
    ok.path = "/p";
    ok.size = ok.received = 5;
    for (const auto& c : cases)
    {
        TraceRecord r = ok;
        Time elapsed;
        c.change(r, elapsed);
        std::ostringstream os;
        SquidLogWriter w(os);
        w.SetOrigin(Seconds(0));
        w.Write(ok);
        EXPECT_EQ(os.str(), good);
        try
        {
            w.Write(r, elapsed);
            ADD_FAILURE() << c.what << ": the writer accepted it";
        }
        catch (const std::invalid_argument& e)
        {
            EXPECT_NE(std::string(e.what()).find("stream: record 2: "), std::string::npos)
                << c.what << ": " << e.what();
        }
        std::string error;
        ReadText<SquidLogReader>(good + c.line + "\n", &error, ByAddress());
        EXPECT_EQ(error.rfind("t.trace:2: ", 0), 0u) << c.what << ": " << error;
    }
    // Raw control characters: the writer never writes them (it escapes them).
    std::string error;
    ReadText<SquidLogReader>(
        "1000.000 0 10.0.0.1 TCP_MISS/200 5 GET http://s.x/a\x01 - HIER_DIRECT/s.x t\x02\n",
        &error,
        ByAddress());
    EXPECT_EQ(error.rfind("t.trace:1: control character 1", 0), 0u) << error;
}

TEST(TraceRoundTrip, SquidLinesTheReaderAcceptsTheWriterWritesBack)
{
    std::mt19937 rng(12);
    const std::string base
        = "1014416470.123 180 10.0.0.7 TCP_MISS/200 4512 GET http://www.x:80/a.gif?q - "
          "HIER_DIRECT/10.1.1.1 image/gif";
    const std::string junk = " /:.-0123456789x\t\"%@#?\x01\x7f";
    int records = 0;
    for (int i = 0; i < 4000; ++i)
    {
        std::string line = base;
        for (int k = 0, edits = 1 + static_cast<int>(rng() % 3); k < edits; ++k)
        {
            size_t pos = rng() % line.size();
            switch (rng() % 3)
            {
            case 0:
                line.erase(pos, 1 + rng() % 4);
                break;
            case 1:
                line.insert(pos, 1, junk[rng() % junk.size()]);
                break;
            default:
                line[pos] = junk[rng() % junk.size()];
            }
        }
        std::string error;
        Ptr<SquidLogReader> reader = ByAddress();
        auto got = ReadText<SquidLogReader>(line + "\n", &error, reader);
        if (got.empty())
        {
            // No record: a malformed line, or a mutation that made it a comment.
            const size_t first = line.find_first_not_of(" \t");
            const bool comment = first != std::string::npos && line[first] == '#';
            EXPECT_EQ(comment ? 0u : error.rfind("t.trace:1: ", 0), 0u) << line << " -> " << error;
            continue;
        }
        ++records;
        std::ostringstream os;
        SquidLogWriter w(os);
        w.SetOrigin(Seconds(0));
        try
        {
            w.Write(got[0], reader->GetLastElapsed());
        }
        catch (const std::invalid_argument& e)
        {
            ADD_FAILURE() << "read but not writable: " << line << ": " << e.what();
            continue;
        }
        auto again = ReadText<SquidLogReader>(os.str(), &error, ByAddress());
        ASSERT_EQ(again.size(), 1u) << line << " -> " << os.str() << " -> " << error;
        // Times are rounded to the millisecond on writing.
        TraceRecord expected = got[0];
        expected.time = MilliSeconds((got[0].time.GetNanoSeconds() + 500000) / 1000000);
        EXPECT_EQ(Describe(again[0]), Describe(expected)) << line;
    }
    EXPECT_GT(records, 500);
}

TEST(TraceRoundTrip, StatisticsRefuseSizesThatWouldWrapTheirTotals)
{
    TraceStatistics s;
    TraceRecord r;
    r.server = "s.x";
    r.size = r.received = P50 + 1;
    EXPECT_THROW(s.Add(r), std::invalid_argument);
    r.size = 1;
    r.received = 2;
    EXPECT_THROW(s.Add(r), std::invalid_argument);
    EXPECT_EQ(s.GetRequests(), 0u);
    // 2^14 records of 2^50 bytes sum to 2^64: the last one does not fit.
    r.size = r.received = P50;
    for (int i = 0; i < 16383; ++i)
    {
        r.path = "/" + std::to_string(i % 16);
        s.Add(r);
    }
    EXPECT_EQ(s.GetBytes(), UINT64_MAX - P50 + 1);
    EXPECT_THROW(s.Add(r), std::overflow_error);
    EXPECT_EQ(s.GetRequests(), 16383u);
    EXPECT_EQ(s.GetBytes(), UINT64_MAX - P50 + 1);
    EXPECT_EQ(s.GetReceivedBytes(), UINT64_MAX - P50 + 1);
}
