/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Trace files: Squid access.log and CSV readers and writers. Round trips, documentation
 * samples, every class of malformed line with its file, line and message, SKIP mode, and
 * awkward input (empty, missing, CRLF, trailing blanks, no final newline, binary). The readers
 * set their Times in place (TimeInPlace): that it sets what NanoSeconds() gives.
 */
#include "ns3/csv-trace-reader.h"
#include "ns3/csv-trace-writer.h"
#include "ns3/squid-log-reader.h"
#include "ns3/squid-log-writer.h"
#include "ns3/time-in-place.h"
#include "ns3/trace-reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const std::string OUT = WEB_PROXY_TEST_OUTPUT_DIR;

std::vector<TraceRecord>
ReadAll(TraceReader& reader)
{
    std::vector<TraceRecord> out;
    TraceRecord r;
    while (reader.Next(r))
    {
        out.push_back(r);
    }
    return out;
}

/// A reader of type R on an in-memory text named "test.log".
template <typename R>
struct OnText
{
    std::istringstream in;
    Ptr<R> reader = Create<R>();

    explicit OnText(const std::string& text, TraceReader::ErrorPolicy policy = TraceReader::STOP)
        : in(text)
    {
        reader->SetErrorPolicy(policy);
        reader->Open(in, "test.log");
    }
};

/// The error that reading the whole text gives (STOP policy); fails when there is none.
template <typename R>
TraceFormatError
ErrorOf(const std::string& text)
{
    OnText<R> t(text);
    try
    {
        ReadAll(*t.reader);
    }
    catch (const TraceFormatError& e)
    {
        return e;
    }
    ADD_FAILURE() << "no error for:\n" << text;
    return TraceFormatError("", 0, "");
}

void
ExpectSameRecord(const TraceRecord& a, const TraceRecord& b, size_t i)
{
    EXPECT_EQ(a.time, b.time) << i;
    EXPECT_EQ(a.client, b.client) << i;
    EXPECT_EQ(a.server, b.server) << i;
    EXPECT_EQ(a.path, b.path) << i;
    EXPECT_EQ(a.method, b.method) << i;
    EXPECT_EQ(a.size, b.size) << i;
    EXPECT_EQ(a.received, b.received) << i;
    EXPECT_EQ(a.status, b.status) << i;
    EXPECT_EQ(a.contentType, b.contentType) << i;
    EXPECT_EQ(a.cookie, b.cookie) << i;
    EXPECT_EQ(a.setCookie, b.setCookie) << i;
    EXPECT_EQ(a.clientNoCache, b.clientNoCache) << i;
    EXPECT_EQ(a.serverNoCache, b.serverNoCache) << i;
    EXPECT_EQ(a.authorization, b.authorization) << i;
    EXPECT_EQ(a.persistent, b.persistent) << i;
    EXPECT_EQ(a.version, b.version) << i;
}

/// Random records in time order; awkward strings included (commas, quotes, spaces).
std::vector<TraceRecord>
RandomRecords(size_t n, uint32_t seed)
{
    std::mt19937 rng(seed);
    auto u = [&rng](uint64_t lo, uint64_t hi)
    {
        return std::uniform_int_distribution<uint64_t>(lo, hi)(rng);
    };
    const char* methods[] = {"GET", "GET", "GET", "HEAD", "POST", "PUT", "CONNECT"};
    const char* types[] = {"",
                           "text/html",
                           "image/gif",
                           "text/html; charset=\"utf-8\", x",
                           " padded ",
                           "application/x-javascript"};
    const char* pathChars = "abcxyz019/._-?=&%,\"~+ ";
    std::vector<TraceRecord> out;
    int64_t ns = 0;
    for (size_t i = 0; i < n; ++i)
    {
        TraceRecord r;
        // Steps of whole ms, us or ns, and some equal times.
        switch (u(0, 3))
        {
        case 0:
            ns += static_cast<int64_t>(u(0, 5000)) * 1000000;
            break;
        case 1:
            ns += static_cast<int64_t>(u(0, 5000000)) * 1000;
            break;
        case 2:
            ns += static_cast<int64_t>(u(0, 5000000000ULL));
            break;
        default:
            break;
        }
        r.time = NanoSeconds(ns);
        r.client = i % 97 == 0 ? UINT32_MAX - static_cast<uint32_t>(u(0, 3))
                               : static_cast<uint32_t>(u(0, 5000));
        r.server = "www" + std::to_string(u(0, 300)) + ".example.com";
        if (u(0, 9) == 0)
        {
            r.server += ":" + std::to_string(u(1, 65535));
        }
        r.path = "/";
        size_t len = u(0, 40);
        for (size_t k = 0; k < len; ++k)
        {
            r.path += pathChars[u(0, 21)];
        }
        r.method = methods[u(0, 6)];
        r.size = u(0, 3) == 0 ? u(0, 100) : u(0, TraceRecord::MAX_SIZE);
        r.received = u(0, 4) == 0 ? u(0, r.size) : r.size;
        r.status = static_cast<unsigned>(u(0, 999));
        r.contentType = types[u(0, 5)];
        r.cookie = u(0, 1);
        r.setCookie = u(0, 1);
        r.clientNoCache = u(0, 1);
        r.serverNoCache = u(0, 1);
        r.authorization = u(0, 1);
        r.persistent = u(0, 1);
        r.version = static_cast<uint32_t>(u(0, 3) == 0 ? u(0, UINT32_MAX) : 0);
        out.push_back(r);
    }
    return out;
}

/// The 10-field form of a Squid line that is valid; tests change one field at a time.
const std::string GOOD
    = "1014416470.123 180 10.0.0.7 TCP_MISS/200 4512 GET http://www.example.com/a.gif - "
      "HIER_DIRECT/10.1.1.1 image/gif\n";

} // namespace

// ----------------------------------------------------------------------------- Squid reader

TEST(SquidLogReader, DocumentationSamples)
{
    // Lines as printed in Squid documentation and log-analysis manuals (native format),
    // in time order; the last two are Squid 3+ style (padded elapsed time, HIER_ codes).
    std::string log
        = "955682882.018 19 192.168.1.142 TCP_MISS/200 1722 GET http://www.corecom.com/ - "
          "DIRECT/www.corecom.com text/html\n"
          "955682888.893 6 192.168.1.142 TCP_IMS_HIT/304 176 GET http://www.corecom.com/ - "
          "NONE/- text/html\n"
          "979992041.366 502 192.168.1.160 TCP_IMS_HIT/304 216 GET "
          "http://example.com/home2.html - NONE/- text/html\n"
          "1066038165.382 345 193.233.46.21 TCP_MISS/200 2836 GET "
          "http://www.caida.org/home/images/home.jpg - TIMEOUT_CLOSEST_DIRECT/213.219.122.19 "
          "image/jpeg\n"
          "1201172176.719 1190 127.0.0.1 TCP_MISS/200 529 GET http://www.blogger.com/status.g? "
          "- DIRECT/72.14.221.191 application/xml\n"
          "1286536308.779    180 192.168.0.224 TCP_MISS/200 411 GET "
          "http://liveupdate.symantecliveupdate.com/minitri.flg - HIER_DIRECT/125.23.216.203 "
          "text/plain\n"
          "1286536309.001    340 192.168.0.224 TCP_MISS/200 3944 CONNECT www.google.com:443 - "
          "HIER_DIRECT/74.125.19.147 -\n";
    OnText<SquidLogReader> t(log);
    auto r = ReadAll(*t.reader);
    ASSERT_EQ(r.size(), 7U);
    EXPECT_EQ(t.reader->GetOrigin(), MilliSeconds(955682882018LL));
    EXPECT_EQ(r[0].time, Seconds(0));
    EXPECT_EQ(r[1].time, MilliSeconds(6875));
    EXPECT_EQ(r[6].time, MilliSeconds(1286536309001LL - 955682882018LL));
    EXPECT_EQ(r[0].client, 0U);
    EXPECT_EQ(r[1].client, 0U);
    EXPECT_EQ(r[2].client, 1U);
    EXPECT_EQ(r[3].client, 2U);
    EXPECT_EQ(r[4].client, 3U);
    EXPECT_EQ(r[5].client, 4U);
    EXPECT_EQ(r[6].client, 4U);
    EXPECT_EQ(
        t.reader->GetClients(),
        (std::vector<std::string>{
            "192.168.1.142", "192.168.1.160", "193.233.46.21", "127.0.0.1", "192.168.0.224"}));
    EXPECT_EQ(r[0].server, "www.corecom.com");
    EXPECT_EQ(r[0].path, "/");
    EXPECT_EQ(r[0].status, 200U);
    EXPECT_EQ(r[0].size, 1722U);
    EXPECT_EQ(r[0].received, 1722U);
    EXPECT_EQ(r[0].contentType, "text/html");
    EXPECT_EQ(r[1].status, 304U);
    EXPECT_EQ(r[1].size, 176U);
    EXPECT_EQ(r[2].server, "example.com");
    EXPECT_EQ(r[2].path, "/home2.html");
    EXPECT_EQ(r[3].server, "www.caida.org");
    EXPECT_EQ(r[3].path, "/home/images/home.jpg");
    EXPECT_EQ(r[3].contentType, "image/jpeg");
    EXPECT_EQ(r[4].path, "/status.g?");
    EXPECT_TRUE(r[4].HasQuery());
    EXPECT_EQ(r[5].server, "liveupdate.symantecliveupdate.com");
    EXPECT_EQ(r[5].path, "/minitri.flg");
    EXPECT_EQ(r[6].method, "CONNECT");
    EXPECT_EQ(r[6].server, "www.google.com:443");
    EXPECT_EQ(r[6].path, "/");
    EXPECT_EQ(r[6].contentType, "");
    EXPECT_TRUE(r[6].IsOtherMethod());
    EXPECT_EQ(t.reader->GetLastElapsed(), MilliSeconds(340));
    for (const auto& x : r)
    {
        EXPECT_EQ(x.method == "CONNECT", x.IsOtherMethod());
        EXPECT_FALSE(x.IsAborted());
        EXPECT_FALSE(x.cookie || x.setCookie || x.clientNoCache || x.serverNoCache
                     || x.authorization || x.persistent);
        EXPECT_EQ(x.version, 0U);
    }
    EXPECT_EQ(t.reader->GetRecordCount(), 7U);
    EXPECT_EQ(t.reader->GetLineNumber(), 7U);
}

TEST(SquidLogReader, UrlForms)
{
    auto one = [](const std::string& method, const std::string& url)
    {
        OnText<SquidLogReader> t("1.000 1 c TCP_MISS/200 1 " + method + " " + url
                                 + " - HIER_DIRECT/h -\n");
        TraceRecord r;
        EXPECT_TRUE(t.reader->Next(r)) << url;
        return std::make_pair(r.server, r.path);
    };
    using P = std::pair<std::string, std::string>;
    EXPECT_EQ(one("GET", "http://h.example:8080/p?q=1"), P("h.example:8080", "/p?q=1"));
    EXPECT_EQ(one("GET", "http://h.example"), P("h.example", "/"));
    EXPECT_EQ(one("GET", "http://h.example?x"), P("h.example", "/?x"));
    EXPECT_EQ(one("GET", "http://user:pw@h.example/a"), P("h.example", "/a"));
    EXPECT_EQ(one("GET", "https://s.example/login"), P("s.example", "/login"));
    EXPECT_EQ(one("GET", "ftp://ftp.example/pub/x.tgz"), P("ftp.example", "/pub/x.tgz"));
    EXPECT_EQ(one("POST", "http://h.example/cgi-bin/f"), P("h.example", "/cgi-bin/f"));
    EXPECT_EQ(one("CONNECT", "mail.example:993"), P("mail.example:993", "/"));
}

TEST(SquidLogReader, FieldsSeparatedByTabsAndRuns)
{
    OnText<SquidLogReader> t("1014416470.5\t  7 \t10.0.0.7  NONE/000   0  GET "
                             "http://a.example/x  -  HIER_NONE/-   -\n");
    TraceRecord r;
    ASSERT_TRUE(t.reader->Next(r));
    EXPECT_EQ(r.status, 0U);
    EXPECT_EQ(r.size, 0U);
    EXPECT_EQ(r.server, "a.example");
    EXPECT_EQ(t.reader->GetOrigin(), MilliSeconds(1014416470500LL));
    EXPECT_EQ(t.reader->GetLastElapsed(), MilliSeconds(7));
}

/// One malformed line, third in the file after a comment and a good line.
struct BadSquidLine
{
    std::string line;    //!< the line
    std::string problem; //!< the exact problem reported
};

class SquidLogMalformed : public ::testing::TestWithParam<BadSquidLine>
{};

TEST_P(SquidLogMalformed, ReportsFileLineAndProblem)
{
    const BadSquidLine& bad = GetParam();
    std::string text = "# a comment counts as a line\n" + GOOD + bad.line + "\n" + GOOD;
    TraceFormatError e = ErrorOf<SquidLogReader>(text);
    EXPECT_EQ(e.GetFile(), "test.log");
    EXPECT_EQ(e.GetLine(), 3U);
    EXPECT_EQ(e.GetProblem(), bad.problem);
    EXPECT_EQ(std::string(e.what()), "test.log:3: " + bad.problem);

    // SKIP: the two good lines come out, the bad one is counted with the same problem.
    OnText<SquidLogReader> t(text, TraceReader::SKIP);
    EXPECT_EQ(ReadAll(*t.reader).size(), 2U);
    EXPECT_EQ(t.reader->GetSkippedCount(), 1U);
    ASSERT_EQ(t.reader->GetProblems().size(), 1U);
    EXPECT_EQ(t.reader->GetProblems()[0].GetLine(), 3U);
    EXPECT_EQ(t.reader->GetLastSkipReason(), bad.problem);
}

namespace
{
const std::string FIELDS10
    = "expected 10 fields (time elapsed client action/code size method URL ident "
      "hierarchy/from type), found ";
const std::string TAIL = " - HIER_DIRECT/10.1.1.1 image/gif";
const std::string URLPROBLEM
    = " has no host (expected scheme://host/path, or host:port for CONNECT)";
} // namespace

namespace
{
/// Names parameterized cases by number ("case3"), not by a dump of their bytes.
struct CaseName
{
    template <class T>
    std::string operator()(const ::testing::TestParamInfo<T>& info) const
    {
        return "case" + std::to_string(info.index);
    }
};
} // namespace

INSTANTIATE_TEST_SUITE_P(
    SquidLog,
    SquidLogMalformed,
    ::testing::Values(
        BadSquidLine{"1014416470.2 180 10.0.0.7 TCP_MISS/200 4512 GET http://a.example/ -",
                     FIELDS10 + "8"},
        BadSquidLine{"1014416470.2 180 10.0.0.7 TCP_MISS/200 4512 GET http://a/b c" + TAIL,
                     FIELDS10 + "11"},
        BadSquidLine{"10144x6470.2 180 10.0.0.7 TCP_MISS/200 4512 GET http://a/" + TAIL,
                     "time '10144x6470.2' is not a Unix time in seconds (e.g. 1014416470.123)"},
        BadSquidLine{"-1014416470.2 180 10.0.0.7 TCP_MISS/200 4512 GET http://a/" + TAIL,
                     "time '-1014416470.2' is negative"},
        BadSquidLine{"1014416470. 180 10.0.0.7 TCP_MISS/200 4512 GET http://a/" + TAIL,
                     "time '1014416470.' is not a Unix time in seconds (e.g. 1014416470.123)"},
        BadSquidLine{"1014416470.2 1.5 10.0.0.7 TCP_MISS/200 4512 GET http://a/" + TAIL,
                     "elapsed time '1.5' is not a number of milliseconds"},
        BadSquidLine{"1014416470.2 -3 10.0.0.7 TCP_MISS/200 4512 GET http://a/" + TAIL,
                     "elapsed time '-3' is negative"},
        BadSquidLine{"1014416470.2 180 10.0.0.7 TCP_MISS 4512 GET http://a/" + TAIL,
                     "action/code 'TCP_MISS' is not ACTION/status (e.g. TCP_MISS/200)"},
        BadSquidLine{"1014416470.2 180 10.0.0.7 TCP_MISS/OK 4512 GET http://a/" + TAIL,
                     "action/code 'TCP_MISS/OK' is not ACTION/status (e.g. TCP_MISS/200)"},
        BadSquidLine{"1014416470.2 180 10.0.0.7 /200 4512 GET http://a/" + TAIL,
                     "action/code '/200' is not ACTION/status (e.g. TCP_MISS/200)"},
        BadSquidLine{"1014416470.2 180 10.0.0.7 TCP_MISS/2000 4512 GET http://a/" + TAIL,
                     "action/code 'TCP_MISS/2000' is not ACTION/status (e.g. TCP_MISS/200)"},
        BadSquidLine{"1014416470.2 180 10.0.0.7 TCP_MISS/200 4.5K GET http://a/" + TAIL,
                     "size '4.5K' is not a number of bytes"},
        BadSquidLine{"1014416470.2 180 10.0.0.7 TCP_MISS/200 -1 GET http://a/" + TAIL,
                     "size '-1' is negative"},
        BadSquidLine{"1014416470.2 180 10.0.0.7 TCP_MISS/200 99999999999999999999 GET "
                     "http://a/"
                         + TAIL,
                     "size '99999999999999999999' is too large"},
        BadSquidLine{"1014416470.2 180 10.0.0.7 TCP_MISS/200 4512 G\"T http://a/" + TAIL,
                     "method 'G\"T' is not a method name"},
        BadSquidLine{"1014416470.2 180 10.0.0.7 TCP_MISS/200 4512 GET /index.html" + TAIL,
                     "URL '/index.html'" + URLPROBLEM},
        BadSquidLine{"1014416470.2 180 10.0.0.7 TCP_MISS/200 4512 GET http:///x" + TAIL,
                     "URL 'http:///x'" + URLPROBLEM},
        BadSquidLine{"1014416470.2 0 10.0.0.7 NONE/000 0 NONE "
                     "error:transaction-end-before-headers - HIER_NONE/- -",
                     "URL 'error:transaction-end-before-headers'" + URLPROBLEM},
        BadSquidLine{"1014416470.2 180 10.0.0.7 TCP_MISS/200 4512 GET www.example.com:443" + TAIL,
                     "URL 'www.example.com:443'" + URLPROBLEM},
        BadSquidLine{"1014416468.999 180 10.0.0.7 TCP_MISS/200 4512 GET http://a/" + TAIL,
                     "time 1014416468.999 is 1.124 s earlier than the latest time so far, "
                     "1014416470.123 (tolerance 1 s)"}),
    CaseName());

TEST(SquidLogReader, SmallStepBackIsRaisedAndCounted)
{
    std::string text = "1000.500 1 a TCP_MISS/200 1 GET http://s/1 - DIRECT/s -\n"
                       "1000.100 1 b TCP_MISS/200 1 GET http://s/2 - DIRECT/s -\n"
                       "1002.000 1 a TCP_MISS/200 1 GET http://s/3 - DIRECT/s -\n";
    OnText<SquidLogReader> t(text);
    auto r = ReadAll(*t.reader);
    ASSERT_EQ(r.size(), 3U);
    EXPECT_EQ(r[0].time, Seconds(0));
    EXPECT_EQ(r[1].time, Seconds(0)); // 0.4 s back: within the 1 s tolerance
    EXPECT_EQ(r[2].time, MilliSeconds(1500));
    EXPECT_EQ(t.reader->GetReorderedCount(), 1U);

    std::istringstream in(text);
    Ptr<SquidLogReader> strict = Create<SquidLogReader>();
    strict->SetTimeTolerance(Seconds(0));
    strict->Open(in, "strict.log");
    TraceRecord x;
    ASSERT_TRUE(strict->Next(x));
    try
    {
        strict->Next(x);
        FAIL() << "no error";
    }
    catch (const TraceFormatError& e)
    {
        EXPECT_EQ(std::string(e.what()),
                  "strict.log:2: time 1000.1 is 0.4 s earlier than the latest time so far, "
                  "1000.5 (tolerance 0 s)");
    }
    // The reader goes on after the bad line.
    ASSERT_TRUE(strict->Next(x));
    EXPECT_EQ(x.path, "/3");
    EXPECT_FALSE(strict->Next(x));
}

TEST(SquidLogReader, FixedOriginAndAddressNumbering)
{
    std::string text = "1000.250 1 10.0.0.5 TCP_MISS/200 1 GET http://s/1 - DIRECT/s -\n"
                       "1001.000 1 9.255.255.255 TCP_MISS/200 1 GET http://s/2 - DIRECT/s -\n"
                       "1001.000 1 10.1.0.0 TCP_MISS/200 1 GET http://s/3 - DIRECT/s -\n"
                       "1002.000 1 host.example TCP_MISS/200 1 GET http://s/4 - DIRECT/s -\n";
    std::istringstream in(text);
    Ptr<SquidLogReader> reader = Create<SquidLogReader>();
    reader->SetOrigin(Seconds(1000));
    reader->SetClientNumbering(SquidLogReader::BY_ADDRESS);
    reader->Open(in, "a.log");
    TraceRecord r;
    ASSERT_TRUE(reader->Next(r));
    EXPECT_EQ(r.time, MilliSeconds(250));
    EXPECT_EQ(r.client, 5U);
    ASSERT_TRUE(reader->Next(r));
    EXPECT_EQ(r.client, UINT32_MAX);
    ASSERT_TRUE(reader->Next(r));
    EXPECT_EQ(r.client, 65536U);
    EXPECT_THROW(
        {
            try
            {
                reader->Next(r);
            }
            catch (const TraceFormatError& e)
            {
                EXPECT_EQ(std::string(e.what()),
                          "a.log:4: client 'host.example' is not an IPv4 address");
                throw;
            }
        },
        TraceFormatError);
    EXPECT_EQ(reader->GetOrigin(), Seconds(1000));
}

TEST(SquidLogReader, SkipModeKeepsGoodRecordsInOrder)
{
    std::string text;
    std::vector<int> good;
    for (int i = 0; i < 300; ++i)
    {
        std::string t = std::to_string(1000 + i) + ".000";
        if (i % 7 == 3)
        {
            text += t + " 1 c TCP_MISS/200 x GET http://s/" + std::to_string(i) + TAIL + "\n";
        }
        else if (i % 11 == 5)
        {
            text += t + " 1 c\n";
        }
        else
        {
            text += t + " 1 c TCP_MISS/200 5 GET http://s/" + std::to_string(i) + TAIL + "\n";
            good.push_back(i);
        }
    }
    OnText<SquidLogReader> t(text, TraceReader::SKIP);
    auto r = ReadAll(*t.reader);
    ASSERT_EQ(r.size(), good.size());
    for (size_t k = 0; k < r.size(); ++k)
    {
        EXPECT_EQ(r[k].path, "/" + std::to_string(good[k]));
    }
    EXPECT_EQ(t.reader->GetSkippedCount(), 300 - good.size());
    ASSERT_FALSE(t.reader->GetProblems().empty());
    EXPECT_EQ(t.reader->GetProblems()[0].GetLine(), 4U); // i = 3
    EXPECT_EQ(t.reader->GetProblems()[0].GetProblem(), "size 'x' is not a number of bytes");
    EXPECT_EQ(t.reader->GetProblems()[1].GetLine(), 6U); // i = 5
    EXPECT_EQ(t.reader->GetLineNumber(), 300U);
}

TEST(SquidLogReader, ProblemListIsBounded)
{
    std::string text;
    for (size_t i = 0; i < TraceReader::MAX_PROBLEMS + 50; ++i)
    {
        text += "bad line\n";
    }
    OnText<SquidLogReader> t(text, TraceReader::SKIP);
    EXPECT_TRUE(ReadAll(*t.reader).empty());
    EXPECT_EQ(t.reader->GetSkippedCount(), TraceReader::MAX_PROBLEMS + 50);
    EXPECT_EQ(t.reader->GetProblems().size(), TraceReader::MAX_PROBLEMS);
    EXPECT_EQ(t.reader->GetProblems().back().GetLine(), TraceReader::MAX_PROBLEMS);
}

TEST(SquidLogReader, MutatedLinesNeverCrashNorGiveInvalidRecords)
{
    std::mt19937 rng(7);
    const std::string base = GOOD.substr(0, GOOD.size() - 1);
    const std::string junk = " /:.-0123456789x\t\"%";
    int records = 0;
    int errors = 0;
    for (int i = 0; i < 3000; ++i)
    {
        std::string line = base;
        int edits = 1 + static_cast<int>(rng() % 3);
        for (int k = 0; k < edits; ++k)
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
        OnText<SquidLogReader> t(line + "\n");
        TraceRecord r;
        try
        {
            if (t.reader->Next(r))
            {
                ++records;
                EXPECT_FALSE(r.server.empty()) << line;
                EXPECT_EQ(r.path[0], '/') << line;
                EXPECT_FALSE(r.method.empty()) << line;
                EXPECT_LE(r.status, 999U) << line;
                EXPECT_EQ(r.time, Seconds(0)) << line;
            }
        }
        catch (const TraceFormatError& e)
        {
            ++errors;
            EXPECT_EQ(e.GetLine(), 1U);
            EXPECT_EQ(e.GetFile(), "test.log");
        }
    }
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    EXPECT_GT(records, 100);
    EXPECT_GT(errors, 100);
}

// ------------------------------------------------------------------------------- CSV reader

TEST(CsvTraceReader, RequiredColumnsAndDefaults)
{
    std::string text = "# generated by hand\n"
                       "time,client,server,url,size,flags\n"
                       "0,3,www.example.com,/index.html,1200,-\n"
                       "0.25,4,,http://img.example.com:8080/a.gif?x=1,55,CP\n"
                       "1.5,3,www.example.com,/cgi-bin/q,0,\n";
    OnText<CsvTraceReader> t(text);
    auto r = ReadAll(*t.reader);
    ASSERT_EQ(r.size(), 3U);
    EXPECT_EQ(r[0].time, Seconds(0));
    EXPECT_EQ(r[0].client, 3U);
    EXPECT_EQ(r[0].server, "www.example.com");
    EXPECT_EQ(r[0].path, "/index.html");
    EXPECT_EQ(r[0].size, 1200U);
    EXPECT_EQ(r[0].received, 1200U);
    EXPECT_EQ(r[0].method, "GET");
    EXPECT_EQ(r[0].status, 200U);
    EXPECT_EQ(r[0].contentType, "");
    EXPECT_EQ(r[0].version, 0U);
    EXPECT_FALSE(r[0].cookie || r[0].persistent);
    EXPECT_EQ(r[1].time, MilliSeconds(250));
    EXPECT_EQ(r[1].server, "img.example.com:8080");
    EXPECT_EQ(r[1].path, "/a.gif?x=1");
    EXPECT_TRUE(r[1].cookie);
    EXPECT_TRUE(r[1].persistent);
    EXPECT_FALSE(r[1].setCookie || r[1].clientNoCache || r[1].serverNoCache || r[1].authorization);
    EXPECT_EQ(r[2].time, MilliSeconds(1500));
    EXPECT_TRUE(r[2].IsCgi());
    EXPECT_EQ(t.reader->GetLineNumber(), 5U);
}

TEST(CsvTraceReader, OptionalColumnsInAnyOrderAndQuoting)
{
    std::string text = "time,client,server,url,size,flags,version,type,status,method,received\n"
                       "12.000000001,0,s.example,\"/a,b?q=\"\"x\"\"\",100,SNXA,7,\"text/html; "
                       "charset=x, y\",206,POST,40\n"
                       " 13 , 1 , s.example , /c , 5 , - , 0 , , 0 , HEAD , 5 \n";
    OnText<CsvTraceReader> t(text);
    auto r = ReadAll(*t.reader);
    ASSERT_EQ(r.size(), 2U);
    EXPECT_EQ(r[0].time, NanoSeconds(12000000001LL));
    EXPECT_EQ(r[0].path, "/a,b?q=\"x\"");
    EXPECT_EQ(r[0].version, 7U);
    EXPECT_EQ(r[0].contentType, "text/html; charset=x, y");
    EXPECT_EQ(r[0].status, 206U);
    EXPECT_EQ(r[0].method, "POST");
    EXPECT_EQ(r[0].received, 40U);
    EXPECT_TRUE(r[0].IsAborted());
    EXPECT_TRUE(r[0].setCookie && r[0].clientNoCache && r[0].serverNoCache && r[0].authorization);
    EXPECT_FALSE(r[0].cookie || r[0].persistent);
    EXPECT_EQ(r[1].time, Seconds(13));
    EXPECT_EQ(r[1].client, 1U);
    EXPECT_EQ(r[1].server, "s.example");
    EXPECT_EQ(r[1].path, "/c");
    EXPECT_EQ(r[1].status, 0U);
    EXPECT_EQ(r[1].method, "HEAD");
}

struct BadCsv
{
    std::string header;  //!< header line (empty: CsvTraceWriter's)
    std::string line;    //!< the bad line
    std::string problem; //!< exact problem
};

class CsvTraceMalformed : public ::testing::TestWithParam<BadCsv>
{};

TEST_P(CsvTraceMalformed, ReportsFileLineAndProblem)
{
    const BadCsv& bad = GetParam();
    // The bad line is line 4, after a comment, the header and a good line.
    std::string header = bad.header.empty() ? std::string(CsvTraceWriter::HEADER) : bad.header;
    std::string good
        = bad.header.empty() ? "5,1,s.example,/ok,10,-,10,GET,200,,0" : "5,1,s.example,/ok,10,-,10";
    std::string text = "# comment\n" + header + "\n" + good + "\n" + bad.line + "\n" + good + "\n";
    TraceFormatError e = ErrorOf<CsvTraceReader>(text);
    EXPECT_EQ(e.GetFile(), "test.log");
    EXPECT_EQ(e.GetLine(), 4U);
    EXPECT_EQ(e.GetProblem(), bad.problem);
    EXPECT_EQ(std::string(e.what()), "test.log:4: " + bad.problem);

    OnText<CsvTraceReader> t(text, TraceReader::SKIP);
    EXPECT_EQ(ReadAll(*t.reader).size(), 2U);
    EXPECT_EQ(t.reader->GetSkippedCount(), 1U);
    EXPECT_EQ(t.reader->GetLastSkipReason(), bad.problem);
}

INSTANTIATE_TEST_SUITE_P(
    CsvTrace,
    CsvTraceMalformed,
    ::testing::Values(
        BadCsv{"", "6,1,s.example,/x,10,-,10,GET,200,", "expected 11 fields, found 10"},
        BadCsv{"", "6,1,s.example,/x,10,-,10,GET,200,,0,", "expected 11 fields, found 12"},
        BadCsv{"",
               "6s,1,s.example,/x,10,-,10,GET,200,,0",
               "time '6s' is not a number of seconds (e.g. 12.5)"},
        BadCsv{"", "-6,1,s.example,/x,10,-,10,GET,200,,0", "time '-6' is negative"},
        BadCsv{"",
               "4.999,1,s.example,/x,10,-,10,GET,200,,0",
               "time 4.999 s is 0.001 s earlier than the latest time so far, 5 s "
               "(tolerance 0 s)"},
        BadCsv{"",
               "6,4294967296,s.example,/x,10,-,10,GET,200,,0",
               "client '4294967296' is not a client number (0 to 4294967295)"},
        BadCsv{"",
               "6,c7,s.example,/x,10,-,10,GET,200,,0",
               "client 'c7' is not a client number (0 to 4294967295)"},
        BadCsv{"", "6,1,s example,/x,10,-,10,GET,200,,0", "server 's example' is not a host name"},
        BadCsv{
            "", "6,1,,/x,10,-,10,GET,200,,0", "URL '/x' is a path but the server column is empty"},
        BadCsv{"",
               "6,1,s.example,x.html,10,-,10,GET,200,,0",
               "URL 'x.html' is neither a path (/...) nor an absolute URL with a host"},
        BadCsv{"",
               "6,1,s.example,http://t.example/x,10,-,10,GET,200,,0",
               "URL host 't.example' differs from the server column 's.example'"},
        BadCsv{"", "6,1,s.example,/x,1e3,-,10,GET,200,,0", "size '1e3' is not a number of bytes"},
        BadCsv{"", "6,1,s.example,/x,-10,-,10,GET,200,,0", "size '-10' is negative"},
        BadCsv{"",
               "6,1,s.example,/x,10,CM,10,GET,200,,0",
               "unknown flag 'M' in 'CM' (flags are C S N X A P, or - for none)"},
        BadCsv{"", "6,1,s.example,/x,10,CSC,10,GET,200,,0", "flag 'C' repeated in 'CSC'"},
        BadCsv{"", "6,1,s.example,/x,10,-,11,GET,200,,0", "received '11' is larger than size 10"},
        BadCsv{"", "6,1,s.example,/x,10,-,-1,GET,200,,0", "received '-1' is negative"},
        BadCsv{"", "6,1,s.example,/x,10,-,10,GET /,200,,0", "method 'GET /' is not a method name"},
        BadCsv{"",
               "6,1,s.example,/x,10,-,10,GET,1000,,0",
               "status '1000' is not an HTTP status (0 to 999)"},
        BadCsv{"",
               "6,1,s.example,/x,10,-,10,GET,200,,v2",
               "version 'v2' is not a version number (0 to 4294967295)"},
        BadCsv{"",
               "6,1,s.example,\"/x,10,-,10,GET,200,,0",
               "field 4 has an opening quote but no closing quote"},
        BadCsv{"",
               "6,1,s.example,\"/x\"y,10,-,10,GET,200,,0",
               "field 4 has characters after its closing quote"},
        BadCsv{"",
               "6,1,s.example,/x\"y,10,-,10,GET,200,,0",
               "field 4 has a quote inside an unquoted field"},
        BadCsv{"time,client,server,url,size,flags,received",
               "6,1,s.example,/x,10,-",
               "expected 7 fields, found 6"}),
    CaseName());

TEST(CsvTraceReader, HeaderProblems)
{
    auto problem = [](const std::string& text)
    {
        TraceFormatError e = ErrorOf<CsvTraceReader>(text);
        EXPECT_EQ(e.GetLine(), 2U) << text;
        return e.GetProblem();
    };
    EXPECT_EQ(problem("# c\n0,1,s,/x,1,-\n"),
              "no header line (time,client,server,url,size,flags,...) before the first record");
    EXPECT_EQ(problem("\ntime,client,url,server,size,flags\n"),
              "expected a header line starting with time,client,server,url,size,flags, found "
              "column 'url' in place 3");
    EXPECT_EQ(problem("#\ntime,client,server,url,size\n"),
              "expected a header line starting with time,client,server,url,size,flags, found "
              "only 5 columns");
    EXPECT_EQ(problem("#\ntime,client,server,url,size,flags,bytes\n"),
              "unknown column 'bytes' (optional columns: received, method, status, type, "
              "version)");
    EXPECT_EQ(problem("#\ntime,client,server,url,size,flags,method,method\n"),
              "column 'method' appears twice");
}

// ---------------------------------------------------------------------- writers, round trips

TEST(TraceIo, CsvRoundTripKeepsEveryField)
{
    auto records = RandomRecords(5000, 42);
    std::string path = OUT + "/trace-io-roundtrip.csv";
    {
        CsvTraceWriter w(path);
        w.WriteComment("round trip test\nseed 42");
        for (const auto& r : records)
        {
            w.Write(r);
        }
        EXPECT_EQ(w.GetCount(), records.size());
        w.Close();
    }
    Ptr<TraceReader> reader = TraceReader::OpenTrace(path);
    ASSERT_NE(dynamic_cast<CsvTraceReader*>(PeekPointer(reader)), nullptr);
    auto back = ReadAll(*reader);
    ASSERT_EQ(back.size(), records.size());
    for (size_t i = 0; i < records.size(); ++i)
    {
        ExpectSameRecord(back[i], records[i], i);
    }
    EXPECT_EQ(reader->GetSkippedCount(), 0U);
    EXPECT_EQ(reader->GetReorderedCount(), 0U);
    EXPECT_EQ(reader->GetLineNumber(), records.size() + 3); // 2 comment lines + header
}

TEST(TraceIo, SquidRoundTripKeepsWhatTheFormatCarries)
{
    // Paths and types without spaces: the writer escapes those (tested below).
    auto records = RandomRecords(20000, 43); // about 2 MB: crosses read-block boundaries
    for (auto& r : records)
    {
        for (char& c : r.path)
        {
            c = c == ' ' ? '_' : c;
        }
        r.contentType = r.contentType.find(' ') == std::string::npos ? r.contentType : "a/b";
        if (r.method == "CONNECT")
        {
            r.path = "/";
        }
    }
    std::ostringstream os;
    SquidLogWriter w(os);
    w.SetOrigin(MilliSeconds(1014416470123LL));
    for (const auto& r : records)
    {
        w.Write(r);
    }
    std::istringstream in(os.str());
    Ptr<SquidLogReader> reader = Create<SquidLogReader>();
    reader->SetOrigin(MilliSeconds(1014416470123LL));
    reader->SetClientNumbering(SquidLogReader::BY_ADDRESS);
    reader->Open(in, "roundtrip.log");
    auto back = ReadAll(*reader);
    ASSERT_EQ(back.size(), records.size());
    for (size_t i = 0; i < records.size(); ++i)
    {
        const TraceRecord& a = records[i];
        const TraceRecord& b = back[i];
        int64_t ms = (a.time.GetNanoSeconds() + 500000) / 1000000;
        EXPECT_EQ(b.time, MilliSeconds(ms)) << i;
        EXPECT_EQ(b.client, a.client) << i;
        EXPECT_EQ(b.server, a.server) << i;
        EXPECT_EQ(b.path, a.path) << i;
        EXPECT_EQ(b.method, a.method) << i;
        EXPECT_EQ(b.size, a.received) << i; // what Squid counts: bytes delivered
        EXPECT_EQ(b.received, a.received) << i;
        EXPECT_EQ(b.status, a.status) << i;
        EXPECT_EQ(b.contentType, a.contentType) << i;
        EXPECT_FALSE(b.cookie || b.setCookie || b.clientNoCache || b.serverNoCache
                     || b.authorization || b.persistent)
            << i;
        EXPECT_EQ(b.version, 0U) << i;
    }
    EXPECT_EQ(reader->GetReorderedCount(), 0U);
    EXPECT_NE(os.str().find("TCP_MISS_ABORTED/"), std::string::npos);
    EXPECT_NE(os.str().find(" CONNECT www"), std::string::npos);

    // Default numbering: first-seen order, names are the writer's addresses.
    std::istringstream in2(os.str());
    Ptr<SquidLogReader> seen = Create<SquidLogReader>();
    seen->Open(in2, "roundtrip.log");
    auto back2 = ReadAll(*seen);
    ASSERT_EQ(back2.size(), records.size());
    for (size_t i = 0; i < records.size(); ++i)
    {
        uint32_t a = records[i].client + SquidLogReader::CLIENT_ADDRESS_BASE;
        std::string name = std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "."
                         + std::to_string((a >> 8) & 255) + "." + std::to_string(a & 255);
        ASSERT_EQ(seen->GetClients().at(back2[i].client), name) << i;
    }
    // The first line's time is the origin by default.
    EXPECT_EQ(back2[0].time, Seconds(0));
    EXPECT_EQ(
        seen->GetOrigin(),
        MilliSeconds(1014416470123LL + (records[0].time.GetNanoSeconds() + 500000) / 1000000));
}

TEST(TraceIo, SquidWriterLineFormat)
{
    std::ostringstream os;
    SquidLogWriter w(os);
    w.SetOrigin(Seconds(1014416470));
    TraceRecord r;
    r.time = MicroSeconds(123456); // rounds to .123
    r.client = 7;
    r.server = "www.example.com:8080";
    r.path = "/a b\tc";
    r.size = 1000;
    r.received = 400;
    r.status = 200;
    r.contentType = "text/html; charset=x";
    w.Write(r, MilliSeconds(180));
    r.time = MilliSeconds(1);
    r.server = "mail.example";
    r.path = "/";
    r.method = "CONNECT";
    r.received = r.size;
    r.status = 0;
    r.contentType = "";
    w.Write(r, MilliSeconds(1234567));
    EXPECT_EQ(os.str(),
              "1014416470.123    180 10.0.0.7 TCP_MISS_ABORTED/200 400 GET "
              "http://www.example.com:8080/a%20b%09c - HIER_DIRECT/www.example.com "
              "text/html;%20charset=x\n"
              "1014416470.001 1234567 10.0.0.7 TCP_MISS/000 1000 CONNECT mail.example - "
              "HIER_DIRECT/mail.example -\n");
}

TEST(TraceIo, CsvWriterLineFormat)
{
    std::ostringstream os;
    CsvTraceWriter w(os);
    w.WriteComment("seed 1");
    TraceRecord r;
    r.time = MilliSeconds(1500);
    r.client = 2;
    r.server = "s.example";
    r.path = "/a,b";
    r.size = 10;
    r.received = 10;
    r.cookie = true;
    r.persistent = true;
    w.Write(r);
    r.time = NanoSeconds(1500000001);
    r.path = "/c";
    r.cookie = false;
    r.persistent = false;
    r.version = 3;
    r.contentType = "text/html";
    w.Write(r);
    r.time = MicroSeconds(1500001);
    w.Write(r);
    w.Close();
    EXPECT_EQ(os.str(),
              "# seed 1\n"
              "time,client,server,url,size,flags,received,method,status,type,version\n"
              "1.500,2,s.example,\"/a,b\",10,CP,10,GET,200,,0\n"
              "1.500000001,2,s.example,/c,10,-,10,GET,200,text/html,3\n"
              "1.500001,2,s.example,/c,10,-,10,GET,200,text/html,3\n");
}

TEST(TraceIo, WritersRejectRecordsTheyCannotWrite)
{
    std::ostringstream os;
    SquidLogWriter squid(os);
    CsvTraceWriter csv(os);
    TraceRecord ok;
    ok.server = "s.example";
    ok.path = "/";
    auto bad = [&](const std::function<void(TraceRecord&)>& change, bool csvToo)
    {
        TraceRecord r = ok;
        change(r);
        EXPECT_THROW(squid.Write(r), std::invalid_argument);
        if (csvToo)
        {
            EXPECT_THROW(csv.Write(r), std::invalid_argument);
        }
    };
    bad([](TraceRecord& r) { r.server = ""; }, true);
    bad([](TraceRecord& r) { r.server = "a b"; }, true);
    bad([](TraceRecord& r) { r.server = "a/b"; }, true);
    bad([](TraceRecord& r) { r.path = "x"; }, true);
    bad([](TraceRecord& r) { r.method = "GE T"; }, true);
    bad([](TraceRecord& r) { r.method = ""; }, true);
    bad([](TraceRecord& r) { r.status = 1000; }, true);
    bad([](TraceRecord& r) { r.time = Seconds(-1); }, true);
    TraceRecord r = ok;
    r.received = r.size + 1;
    EXPECT_THROW(csv.Write(r), std::invalid_argument);
    r = ok;
    r.path = "/a\nb";
    EXPECT_THROW(csv.Write(r), std::invalid_argument);
    EXPECT_EQ(squid.GetCount(), 0U);
    EXPECT_EQ(csv.GetCount(), 0U);
    EXPECT_THROW(CsvTraceWriter(OUT + "/no/such/dir/x.csv"), std::runtime_error);
    EXPECT_THROW(SquidLogWriter(OUT + "/no/such/dir/x.log"), std::runtime_error);
}

// ------------------------------------------------------------------------- awkward input

TEST(TraceIo, EmptyInputGivesNoRecords)
{
    for (const std::string text : {"", "\n\n", "# only\n# comments\n", "   \n\t\n"})
    {
        OnText<SquidLogReader> s(text);
        EXPECT_TRUE(ReadAll(*s.reader).empty());
        OnText<CsvTraceReader> c(text);
        EXPECT_TRUE(ReadAll(*c.reader).empty());
        EXPECT_EQ(c.reader->GetSkippedCount(), 0U);
    }
    // A header and nothing else: no records either.
    OnText<CsvTraceReader> h("time,client,server,url,size,flags\n");
    EXPECT_TRUE(ReadAll(*h.reader).empty());

    std::string path = OUT + "/trace-io-empty.log";
    std::ofstream(path).close();
    Ptr<TraceReader> reader = TraceReader::OpenTrace(path);
    EXPECT_NE(dynamic_cast<SquidLogReader*>(PeekPointer(reader)), nullptr);
    TraceRecord r;
    EXPECT_FALSE(reader->Next(r));
    EXPECT_FALSE(reader->Next(r)); // and again at the end
    std::string csvPath = OUT + "/trace-io-empty.csv";
    std::ofstream(csvPath).close();
    reader = TraceReader::OpenTrace(csvPath);
    EXPECT_NE(dynamic_cast<CsvTraceReader*>(PeekPointer(reader)), nullptr);
    EXPECT_FALSE(reader->Next(r));
}

TEST(TraceIo, MissingFileNamesThePath)
{
    std::string path = OUT + "/no-such-trace.log";
    std::remove(path.c_str());
    for (const std::string format : {"auto", "squid", "csv"})
    {
        try
        {
            TraceReader::OpenTrace(path, format);
            FAIL() << "no error";
        }
        catch (const TraceFormatError& e)
        {
            EXPECT_EQ(e.GetFile(), path);
            EXPECT_EQ(e.GetLine(), 0U);
            EXPECT_EQ(std::string(e.what()), path + ": cannot open: No such file or directory");
        }
    }
    Ptr<CsvTraceReader> reader = Create<CsvTraceReader>();
    EXPECT_THROW(reader->Open(path), TraceFormatError);
}

TEST(TraceIo, FormatDetection)
{
    auto write = [](const std::string& name, const std::string& text)
    {
        std::string path = OUT + "/" + name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    };
    std::string csv = write("detect-csv.txt", "# c\ntime,client,server,url,size,flags\n");
    std::string squid = write("detect-squid.txt", "\n" + GOOD);
    std::string other = write("detect-other.log", "# c\nhello world\n");
    std::string padded = write("detect-padded.txt", " \"time\" , client,server,url,size,flags\n");
    std::string indented = write("detect-indented.txt", "   " + GOOD);
    EXPECT_EQ(TraceReader::DetectFormat(csv), "csv");
    EXPECT_EQ(TraceReader::DetectFormat(padded), "csv");
    EXPECT_EQ(TraceReader::DetectFormat(indented), "squid");
    EXPECT_TRUE(ReadAll(*TraceReader::OpenTrace(padded)).empty());
    EXPECT_EQ(ReadAll(*TraceReader::OpenTrace(indented)).size(), 1U);
    EXPECT_EQ(TraceReader::DetectFormat(squid), "squid");
    try
    {
        TraceReader::DetectFormat(other);
        FAIL() << "no error";
    }
    catch (const TraceFormatError& e)
    {
        EXPECT_EQ(std::string(e.what()),
                  other
                      + ":2: cannot tell the trace format: the line 'hello world' is neither a "
                        "CSV header (time,client,...) nor a Squid access.log line; give the "
                        "format explicitly");
    }
    try
    {
        TraceReader::OpenTrace(csv, "json");
        FAIL() << "no error";
    }
    catch (const TraceFormatError& e)
    {
        EXPECT_EQ(std::string(e.what()),
                  csv + ": unknown trace format 'json' (expected squid, csv or auto)");
    }
    // Forcing the wrong format gives the reader's own error, with the line.
    Ptr<TraceReader> reader = TraceReader::OpenTrace(csv, "squid");
    TraceRecord r;
    EXPECT_THROW(reader->Next(r), TraceFormatError);
}

TEST(TraceIo, CrlfTrailingBlanksAndNoFinalNewline)
{
    std::string squid = "1000.000 1 a TCP_MISS/200 10 GET http://s/1 - DIRECT/s text/html\n"
                        "1000.500 1 b TCP_MISS/200 20 GET http://s/2 - DIRECT/s -\n"
                        "1001.000 1 a TCP_MISS/404 30 GET http://s/3 - DIRECT/s -";
    std::string crlf;
    for (char c : squid)
    {
        crlf += c == '\n' ? std::string(" \t\r\n") : std::string(1, c);
    }
    crlf += "  \r\n\r\n";
    OnText<SquidLogReader> a(squid);
    OnText<SquidLogReader> b(crlf);
    auto ra = ReadAll(*a.reader);
    auto rb = ReadAll(*b.reader);
    ASSERT_EQ(ra.size(), 3U);
    ASSERT_EQ(rb.size(), 3U);
    for (size_t i = 0; i < 3; ++i)
    {
        ExpectSameRecord(ra[i], rb[i], i);
    }
    EXPECT_EQ(ra[0].contentType, "text/html");
    EXPECT_EQ(ra[2].status, 404U);

    std::string csv = "time,client,server,url,size,flags,type\r\n"
                      "0,1,s,/a,1,C,text/plain \t\r\n"
                      "1,1,s,/b,1,-,x\r\n"
                      "2,2,s,/c,3,P,";
    OnText<CsvTraceReader> c(csv);
    auto rc = ReadAll(*c.reader);
    ASSERT_EQ(rc.size(), 3U);
    EXPECT_EQ(rc[0].contentType, "text/plain");
    EXPECT_EQ(rc[1].contentType, "x");
    EXPECT_EQ(rc[2].contentType, "");
    EXPECT_TRUE(rc[2].persistent);
}

TEST(TraceIo, ByteOrderMarkIsIgnored)
{
    OnText<CsvTraceReader> c("\xEF\xBB\xBFtime,client,server,url,size,flags\n0,1,s,/a,1,-\n");
    EXPECT_EQ(ReadAll(*c.reader).size(), 1U);
    OnText<SquidLogReader> s("\xEF\xBB\xBF" + GOOD);
    EXPECT_EQ(ReadAll(*s.reader).size(), 1U);
    // Only at the start of the file.
    OnText<CsvTraceReader> late("time,client,server,url,size,flags\n\xEF\xBB\xBF"
                                "0,1,s,/a,1,-\n");
    EXPECT_THROW(ReadAll(*late.reader), TraceFormatError);
}

TEST(TraceIo, BinaryInputIsReportedNotParsed)
{
    // 3 MB without a newline, NULs included: one over-long line.
    std::mt19937 rng(1);
    std::string junk(3 << 20, '\0');
    for (char& c : junk)
    {
        c = static_cast<char>(rng() % 256);
        c = c == '\n' ? 'x' : c;
    }
    std::string text = GOOD + junk + "\n" + GOOD;
    try
    {
        OnText<SquidLogReader> t(text);
        ReadAll(*t.reader);
        FAIL() << "no error";
    }
    catch (const TraceFormatError& e)
    {
        EXPECT_EQ(std::string(e.what()), "test.log:2: line longer than 1048576 bytes");
    }
    OnText<SquidLogReader> t(text, TraceReader::SKIP);
    EXPECT_EQ(ReadAll(*t.reader).size(), 2U);
    EXPECT_EQ(t.reader->GetSkippedCount(), 1U);
    EXPECT_EQ(t.reader->GetLineNumber(), 3U);

    std::string path = OUT + "/trace-io-binary.bin";
    std::ofstream(path, std::ios::binary) << junk.substr(0, 1000);
    EXPECT_THROW(
        {
            // Either the format cannot be told, or the reader rejects the line.
            Ptr<TraceReader> reader = TraceReader::OpenTrace(path);
            TraceRecord r;
            reader->Next(r);
        },
        TraceFormatError);
}

TEST(TraceIo, ReaderCanBeReopened)
{
    OnText<SquidLogReader> t(GOOD + GOOD);
    EXPECT_EQ(ReadAll(*t.reader).size(), 2U);
    std::istringstream again("1.000 1 z TCP_MISS/200 1 GET http://s/ - DIRECT/s -\n");
    t.reader->Open(again, "again.log");
    TraceRecord r;
    ASSERT_TRUE(t.reader->Next(r));
    EXPECT_EQ(r.client, 0U);
    EXPECT_EQ(r.time, Seconds(0));
    EXPECT_EQ(t.reader->GetClients(), std::vector<std::string>{"z"});
    EXPECT_EQ(t.reader->GetRecordCount(), 1U);
    EXPECT_EQ(t.reader->GetLineNumber(), 1U);
    EXPECT_EQ(t.reader->GetName(), "again.log");
}

// The readers and the workload generator set their records' Times with TimeInPlace: each
// value must be the one NanoSeconds() constructs, whatever the Time held before, for both
// signs, every byte position and the ends of int64_t.
TEST(TimeInPlace, SetsWhatNanoSecondsGives)
{
    std::vector<int64_t> values = {0,
                                   1,
                                   -1,
                                   255,
                                   256,
                                   -256,
                                   1000000007,
                                   -123456789012,
                                   std::numeric_limits<int64_t>::max(),
                                   std::numeric_limits<int64_t>::min(),
                                   std::numeric_limits<int64_t>::min() + 1};
    for (int k = 0; k < 63; ++k)
    {
        values.push_back(int64_t(1) << k);
        values.push_back(-(int64_t(1) << k));
        values.push_back((int64_t(1) << k) - 1);
    }
    std::mt19937_64 rng(42);
    for (int i = 0; i < 1000; ++i)
    {
        values.push_back(static_cast<int64_t>(rng()));
    }
    Time t = Seconds(-7.5);
    for (int64_t ns : values)
    {
        TimeInPlace::Set(t, ns);
        ASSERT_EQ(t.GetNanoSeconds(), ns);
        ASSERT_EQ(t, NanoSeconds(ns));
    }
}
