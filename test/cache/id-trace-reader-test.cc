/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IdTraceReader: oracleGeneral records and idcsv lines read back exactly as written, format
 * detection from content, and a named error (file, record or line) for every defect.
 */
#include "ns3/id-trace-reader.h"
#include "ns3/trace-format-error.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

std::string
TempPath(const std::string& name)
{
    return std::string(WEB_PROXY_TEST_OUTPUT_DIR) + "/" + name;
}

void
WriteFile(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

/// One oracleGeneral record, little-endian, as libCacheSim's oracleGeneralBin.h reads it.
std::string
OracleRecord(uint32_t time, uint64_t id, uint32_t size, int64_t next)
{
    std::string r;
    for (int i = 0; i < 4; ++i)
    {
        r += char((time >> (8 * i)) & 0xff);
    }
    for (int i = 0; i < 8; ++i)
    {
        r += char((id >> (8 * i)) & 0xff);
    }
    for (int i = 0; i < 4; ++i)
    {
        r += char((size >> (8 * i)) & 0xff);
    }
    for (int i = 0; i < 8; ++i)
    {
        r += char((uint64_t(next) >> (8 * i)) & 0xff);
    }
    return r;
}

std::vector<IdTraceReader::Request>
ReadAll(const std::string& path, IdTraceReader::Format f, size_t block = 3)
{
    IdTraceReader reader(path, f);
    std::vector<IdTraceReader::Request> all;
    std::vector<IdTraceReader::Request> buf(block);
    while (size_t n = reader.Read(buf.data(), buf.size()))
    {
        all.insert(all.end(), buf.begin(), buf.begin() + n);
    }
    EXPECT_EQ(reader.GetRecordCount(), all.size());
    return all;
}

/// \return the message of the TraceFormatError that f throws ("" if none)
template <typename F>
std::string
ErrorOf(F f)
{
    try
    {
        f();
    }
    catch (const TraceFormatError& e)
    {
        return e.what();
    }
    return "";
}

} // namespace

TEST(IdTraceReader, OracleGeneralRecordsReadBack)
{
    const std::string path = TempPath("id-reader.oracleGeneral.bin");
    std::string bytes;
    for (uint32_t i = 0; i < 10; ++i)
    {
        bytes += OracleRecord(
            1000 + i, (uint64_t(1) << 40) + i * 7, 512 * (i + 1), i == 9 ? -1 : i + 2);
    }
    WriteFile(path, bytes);
    IdTraceReader::Format f = IdTraceReader::ID_CSV;
    ASSERT_TRUE(IdTraceReader::Detect(path, f));
    EXPECT_EQ(f, IdTraceReader::ORACLE_GENERAL);
    const auto all = ReadAll(path, f);
    ASSERT_EQ(all.size(), 10u);
    for (uint32_t i = 0; i < 10; ++i)
    {
        EXPECT_EQ(all[i].time, 1000u + i);
        EXPECT_EQ(all[i].id, (uint64_t(1) << 40) + i * 7);
        EXPECT_EQ(all[i].size, 512u * (i + 1));
    }
}

TEST(IdTraceReader, OracleGeneralTruncatedOrMalformedIsNamed)
{
    const std::string path = TempPath("id-reader-truncated.bin");
    WriteFile(path, OracleRecord(1, 2, 3, -1) + OracleRecord(1, 2, 3, -1).substr(0, 10));
    EXPECT_EQ(ErrorOf([&] { IdTraceReader r(path, IdTraceReader::ORACLE_GENERAL); }),
              path
                  + ": oracleGeneral record 2 is truncated: 10 of 24 bytes (file size 34 is "
                    "not a multiple of 24)");
    WriteFile(path, OracleRecord(1, 2, 3, -1) + OracleRecord(1, 2, 3, -7));
    EXPECT_EQ(ErrorOf([&] { ReadAll(path, IdTraceReader::ORACLE_GENERAL); }),
              path
                  + ": oracleGeneral record 2: next access time -7 is below -1 (not an "
                    "oracleGeneral trace?)");
    EXPECT_NE(
        ErrorOf([&]
                { IdTraceReader r(TempPath("no-such-file.bin"), IdTraceReader::ORACLE_GENERAL); })
            .find("no-such-file.bin: cannot open"),
        std::string::npos);
}

TEST(IdTraceReader, IdCsvLinesReadBack)
{
    const std::string path = TempPath("id-reader.csv");
    WriteFile(path, "time,id,size\r\n# a comment\n\n5,18446744073709551615,100\n6,2,0\r\n7,3,4");
    IdTraceReader::Format f = IdTraceReader::ORACLE_GENERAL;
    ASSERT_TRUE(IdTraceReader::Detect(path, f));
    EXPECT_EQ(f, IdTraceReader::ID_CSV);
    const auto all = ReadAll(path, f, 2);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].id, 18446744073709551615u);
    EXPECT_EQ(all[0].size, 100u);
    EXPECT_EQ(all[1].time, 6u);
    EXPECT_EQ(all[1].size, 0u);
    EXPECT_EQ(all[2].id, 3u);
    EXPECT_EQ(all[2].size, 4u);
    // Without a header, detected from the first record.
    WriteFile(path, "1,2,3\n");
    f = IdTraceReader::ORACLE_GENERAL;
    ASSERT_TRUE(IdTraceReader::Detect(path, f));
    EXPECT_EQ(f, IdTraceReader::ID_CSV);
}

TEST(IdTraceReader, IdCsvMalformedLinesAreNamed)
{
    const std::string path = TempPath("id-reader-bad.csv");
    WriteFile(path, "time,id,size\n1,2,3\n1,x2,3\n");
    EXPECT_EQ(ErrorOf([&] { ReadAll(path, IdTraceReader::ID_CSV); }),
              path + ":3: id 'x2' is not an unsigned integer below 2^64");
    WriteFile(path, "1,2,3\n1,2\n");
    EXPECT_EQ(ErrorOf([&] { ReadAll(path, IdTraceReader::ID_CSV); }),
              path + ":2: expected three fields time,id,size, got '1,2'");
    WriteFile(path, "1,2,3\n1,2,18446744073709551616\n");
    EXPECT_EQ(ErrorOf([&] { ReadAll(path, IdTraceReader::ID_CSV); }),
              path + ":2: size '18446744073709551616' is not an unsigned integer below 2^64");
    // A header is allowed on the first line only.
    WriteFile(path, "1,2,3\ntime,id,size\n");
    EXPECT_EQ(ErrorOf([&] { ReadAll(path, IdTraceReader::ID_CSV); }),
              path + ":2: time 'time' is not an unsigned integer below 2^64");
}

TEST(IdTraceReader, OtherTextIsNotAnIdTrace)
{
    const std::string path = TempPath("id-reader-squid.log");
    WriteFile(path,
              "984000000.123    150 10.0.0.1 TCP_MISS/200 1234 GET http://a/b - DIRECT/1.2.3.4 "
              "text/html\n");
    IdTraceReader::Format f;
    EXPECT_FALSE(IdTraceReader::Detect(path, f));
}
