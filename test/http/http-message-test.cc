/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Small shared pieces: HTTP dates, request targets, persistence, records and summaries,
 * request sources, catalogs.
 */
#include "ns3/core-module.h"
#include "ns3/web-proxy-module.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace ns3;

TEST(HttpDate, FormatsAndParsesAllThreeFormats)
{
    EXPECT_EQ(HttpDate::Format(Seconds(0)), "Thu, 01 Jan 1998 00:00:00 GMT");
    EXPECT_EQ(HttpDate::Format(Seconds(86400 + 3661.7)), "Fri, 02 Jan 1998 01:01:01 GMT");
    EXPECT_EQ(HttpDate::Format(Seconds(-1)), "Wed, 31 Dec 1997 23:59:59 GMT");
    EXPECT_EQ(HttpDate::Format(Seconds(-0.5)), "Wed, 31 Dec 1997 23:59:59 GMT");
    EXPECT_EQ(HttpDate::Parse("Thu, 01 Jan 1998 00:00:10 GMT"), Seconds(10));
    EXPECT_EQ(HttpDate::Parse("Thursday, 01-Jan-98 00:00:10 GMT"), Seconds(10));
    EXPECT_EQ(HttpDate::Parse("Thu Jan  1 00:00:10 1998"), Seconds(10));
    EXPECT_EQ(HttpDate::Parse("Wed, 31 Dec 1997 23:00:00 GMT"), Seconds(-3600));
    EXPECT_FALSE(HttpDate::Parse("yesterday"));
    EXPECT_FALSE(HttpDate::Parse("Thu, 01 Jan 1998 00:00:10 GMT trailing"));
    EXPECT_FALSE(HttpDate::Parse(""));
    for (double t : {-1e6, -3.2, 0.0, 1.0, 12345.678, 3e7})
    {
        EXPECT_EQ(HttpDate::Parse(HttpDate::Format(Seconds(t))), HttpDate::Truncate(Seconds(t)));
    }
}

TEST(HttpTarget, OriginAndAbsoluteForms)
{
    auto o = HttpTarget::Parse("/a/b?c");
    ASSERT_TRUE(o);
    EXPECT_FALSE(o->absolute);
    EXPECT_EQ(o->path, "/a/b?c");
    auto a = HttpTarget::Parse("http://www.example.com:8080/x");
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->absolute);
    EXPECT_EQ(a->host, "www.example.com:8080");
    EXPECT_EQ(a->path, "/x");
    auto bare = HttpTarget::Parse("HTTP://host");
    ASSERT_TRUE(bare);
    EXPECT_EQ(bare->host, "host");
    EXPECT_EQ(bare->path, "/");
    EXPECT_FALSE(HttpTarget::Parse("ftp://host/x"));
    EXPECT_FALSE(HttpTarget::Parse("http:///x"));
    EXPECT_FALSE(HttpTarget::Parse("*"));
}

TEST(HttpMessage, PersistenceFollowsRfc7230)
{
    EXPECT_TRUE(HttpIsPersistent(11, ""));
    EXPECT_FALSE(HttpIsPersistent(11, "close"));
    EXPECT_FALSE(HttpIsPersistent(11, "Close"));
    EXPECT_FALSE(HttpIsPersistent(10, ""));
    EXPECT_TRUE(HttpIsPersistent(10, "Keep-Alive"));
    EXPECT_TRUE(HttpResponseHasBody(false, 200));
    EXPECT_FALSE(HttpResponseHasBody(true, 200));
    EXPECT_FALSE(HttpResponseHasBody(false, 304));
    EXPECT_FALSE(HttpResponseHasBody(false, 204));
    EXPECT_FALSE(HttpResponseHasBody(false, 100));
    EXPECT_TRUE(HttpResponseHasBody(false, 404));
}

TEST(HttpMessage, GifBodiesStartWithAGifHeaderWhateverTheSlices)
{
    HttpResponseHeader h;
    h.set(HttpField::content_type, "image/gif");
    // GIF89a, a 1x1 screen, no colour table, background 0, aspect 0, trailer (GIF89a spec §17-27).
    const std::string gif("GIF89a\x01\x00\x01\x00\x00\x00\x00\x3B", 14);
    EXPECT_EQ(HttpBodyBytes(h, 1000, 0, 1000), gif);
    // A relay sends the body in pieces as they arrive: the pieces join to the same bytes.
    std::string joined;
    for (uint64_t at = 0; at < 1000; at += 3)
    {
        const std::string part = HttpBodyBytes(h, 1000, at, 3);
        EXPECT_LE(part.size(), 3u);
        joined += part;
        if (part.size() < 3)
        {
            EXPECT_EQ(HttpBodyBytes(h, 1000, at + 3, 3), "") << "zeros follow the head";
            break;
        }
    }
    EXPECT_EQ(joined, gif);
    EXPECT_EQ(HttpBodyBytes(h, 1000, 14, 100), "");
    EXPECT_EQ(HttpBodyBytes(h, 20, 0, 20), gif) << "Wireshark's smallest GIF body";
    EXPECT_EQ(HttpBodyBytes(h, 19, 0, 19), "") << "too short for Wireshark: zeros";
    h.set(HttpField::content_type, "IMAGE/GIF; x=1");
    EXPECT_EQ(HttpBodyBytes(h, 100, 0, 100), gif) << "media types are case-insensitive";
    for (const char* other : {"text/html", "image/gifx", "image/gi", "application/octet-stream"})
    {
        h.set(HttpField::content_type, other);
        EXPECT_EQ(HttpBodyBytes(h, 1000, 0, 1000), "") << other;
    }
    h.erase(HttpField::content_type);
    EXPECT_EQ(HttpBodyBytes(h, 1000, 0, 1000), "");
}

TEST(HttpMessage, JpegAndPngBodiesStartWithTheirHeaders)
{
    HttpResponseHeader h;
    h.set(HttpField::content_type, "image/jpeg");
    // SOI, APP0 of 16 bytes, "JFIF\0", version 1.1, no units, density 1x1, no thumbnail.
    const std::string jfif("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",
                           20);
    EXPECT_EQ(HttpBodyBytes(h, 5000, 0, 5000), jfif);
    EXPECT_EQ(HttpBodyBytes(h, 5000, 0, 7) + HttpBodyBytes(h, 5000, 7, 1000), jfif);
    EXPECT_EQ(HttpBodyBytes(h, 5000, 20, 1000), "");
    h.set(HttpField::content_type, "image/png");
    // Signature, then chunks of 12 + n bytes: 1000 = 8 + (12 + 8) + 81 x 12.
    const std::string png("\x89PNG\r\n\x1A\n\x00\x00\x00\x08", 12);
    EXPECT_EQ(HttpBodyBytes(h, 1000, 0, 1000), png);
    EXPECT_EQ(HttpBodyBytes(h, 1000, 11, 1), "\x08");
    EXPECT_EQ(HttpBodyBytes(h, 20, 0, 20), std::string(png, 0, 11) + '\0');
    EXPECT_EQ(HttpBodyBytes(h, 31, 0, 31), std::string(png, 0, 11) + '\x0B');
    EXPECT_EQ(HttpBodyBytes(h, 19, 0, 19), "");
}

TEST(LatencySummary, MeanMedianAndP90)
{
    LatencySummary s;
    for (int i = 1; i <= 10; ++i)
    {
        RequestRecord r;
        r.total = Seconds(i);
        r.data = Seconds(i * 0.5);
        r.newConnection = i % 2;
        r.bodyBytes = 100;
        s.Add(r);
    }
    RequestRecord failed;
    failed.failed = true;
    failed.total = Seconds(1000);
    s.Add(failed);
    // Ended by its client's stop: failed, counted apart, and out of the latencies too.
    RequestRecord stopped;
    stopped.failed = true;
    stopped.error = RequestRecord::APPLICATION_STOPPED;
    stopped.total = Seconds(2000);
    s.Add(stopped);
    auto t = s.Get(LatencySummary::TOTAL);
    EXPECT_EQ(t.count, 10u);
    EXPECT_DOUBLE_EQ(t.mean, 5.5);
    EXPECT_DOUBLE_EQ(t.median, 5.5);
    EXPECT_DOUBLE_EQ(t.p90, 9);
    EXPECT_DOUBLE_EQ(s.Get(LatencySummary::DATA).median, 2.75);
    EXPECT_EQ(s.GetRequests(), 12u);
    EXPECT_EQ(s.GetFailed(), 2u);
    EXPECT_EQ(s.GetStopped(), 1u);
    EXPECT_EQ(s.GetNewConnections(), 5u);
    EXPECT_EQ(s.GetBodyBytes(), 1000u);
    std::ostringstream os;
    s.Print(os);
    EXPECT_NE(os.str().find("total"), std::string::npos);
}

TEST(RequestRecord, CsvHasOneFieldPerColumnAndQuotes)
{
    RequestRecord r;
    r.url = "http://h/a,b";
    r.error = "said \"no\"";
    r.cacheStatus = "REFRESH_HIT";
    r.total = NanoSeconds(1500000001);
    std::ostringstream os;
    r.WriteCsv(os);
    const std::string line = os.str();
    EXPECT_NE(line.find("\"http://h/a,b\""), std::string::npos);
    EXPECT_NE(line.find("\"said \"\"no\"\"\""), std::string::npos);
    EXPECT_NE(line.find("1.500000001"), std::string::npos);
    const std::string header = RequestRecord::CsvHeader();
    EXPECT_EQ(std::count(header.begin(), header.end(), ','), 21);
    EXPECT_EQ(std::count(line.begin(), line.end(), ','), 21 + 1) << "one comma in the quoted URL";
    EXPECT_EQ(header.substr(header.rfind(',') + 1), "cache");
    EXPECT_EQ(line.substr(line.rfind(',') + 1), "REFRESH_HIT\n");
}

TEST(FixedRequestSource, ReplaysTheListForEachRound)
{
    Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
    src->SetAttribute("Rounds", UintegerValue(2));
    WebRequest a;
    a.path = "/a";
    WebRequest b;
    b.path = "/b";
    src->Add(a);
    src->Add(b);
    std::string seen;
    WebRequest r;
    while (src->Next(r))
    {
        seen += r.path;
    }
    EXPECT_EQ(seen, "/a/b/a/b");
    EXPECT_FALSE(src->Next(r));
    EXPECT_FALSE(CreateObject<FixedRequestSource>()->Next(r));
}

TEST(WebObjectCatalog, ModificationsAreLazyAndReproducible)
{
    auto run = [](int64_t stream)
    {
        Ptr<WebObjectCatalog> c = CreateObject<WebObjectCatalog>();
        c->AssignStreams(stream);
        WebObject o;
        o.path = "/x";
        o.size = 10;
        o.meanModificationInterval = Seconds(100);
        c->Add(o);
        std::vector<double> lm;
        for (int t = 0; t <= 2000; t += 50)
        {
            lm.push_back(c->Lookup("/x", Seconds(t))->lastModified.GetSeconds());
        }
        return std::make_pair(lm, c->Lookup("/x", Seconds(2000))->version);
    };
    auto a = run(7);
    auto b = run(7);
    EXPECT_EQ(a, b);
    // About 20 modifications in 2000 s at a mean interval of 100 s.
    EXPECT_GT(a.second, 5u);
    EXPECT_LT(a.second, 45u);
    // Last-Modified never moves backwards nor past the lookup time.
    for (size_t i = 1; i < a.first.size(); ++i)
    {
        EXPECT_GE(a.first[i], a.first[i - 1]);
        EXPECT_LE(a.first[i], 50.0 * i);
    }
    Ptr<WebObjectCatalog> c = CreateObject<WebObjectCatalog>();
    EXPECT_EQ(c->Lookup("/none", Seconds(1)), nullptr);
}
