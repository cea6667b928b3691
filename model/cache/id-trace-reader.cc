/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "id-trace-reader.h"

#include "ns3/trace-format-error.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <limits>

namespace ns3
{

namespace
{

/// Bytes read from the file at a time (and the longest idcsv line).
constexpr size_t BLOCK = size_t(1) << 20;

/// \return the decoded little-endian value at p
template <typename T>
T
LoadLe(const unsigned char* p)
{
    T v = 0;
    for (size_t i = 0; i < sizeof(T); ++i)
    {
        v |= T(p[i]) << (8 * i);
    }
    return v;
}

/**
 * Parse an unsigned decimal integer.
 * \param b first character
 * \param e past the last one
 * \param out the value
 * \return false when not all digits, empty or above 2^64 - 1
 */
bool
ParseUnsigned(const char* b, const char* e, uint64_t& out)
{
    if (b == e)
    {
        return false;
    }
    uint64_t v = 0;
    for (const char* p = b; p != e; ++p)
    {
        const unsigned d = unsigned(*p) - unsigned('0');
        if (d > 9 || v > (std::numeric_limits<uint64_t>::max() - d) / 10)
        {
            return false;
        }
        v = v * 10 + d;
    }
    out = v;
    return true;
}

/// \return the text with spaces and tabs around it removed
std::string
Trim(const char* b, const char* e)
{
    while (b != e && (*b == ' ' || *b == '\t'))
    {
        ++b;
    }
    while (e != b && (e[-1] == ' ' || e[-1] == '\t'))
    {
        --e;
    }
    return std::string(b, e);
}

/// \return true for "time,id,size" (any case, spaces around the names)
bool
IsHeader(const char* b, const char* e)
{
    std::string fields[3];
    int n = 0;
    const char* start = b;
    for (const char* p = b; p <= e; ++p)
    {
        if (p == e || *p == ',')
        {
            if (n == 3)
            {
                return false;
            }
            fields[n++] = Trim(start, p);
            start = p + 1;
        }
    }
    if (n != 3)
    {
        return false;
    }
    for (auto& f : fields)
    {
        for (auto& c : f)
        {
            c = char(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return fields[0] == "time" && fields[1] == "id" && fields[2] == "size";
}

} // namespace

IdTraceReader::IdTraceReader(const std::string& path, Format format)
    : m_path(path)
    , m_format(format)
{
    m_file = std::fopen(path.c_str(), "rb");
    if (m_file == nullptr)
    {
        throw TraceFormatError(path, 0, std::string("cannot open: ") + std::strerror(errno));
    }
    m_buffer.resize(BLOCK);
    if (format == ORACLE_GENERAL)
    {
        // A truncated file is refused before any request is simulated.
        if (std::fseek(m_file, 0, SEEK_END) != 0)
        {
            const std::string why = std::strerror(errno);
            std::fclose(m_file);
            throw TraceFormatError(path, 0, "cannot seek: " + why);
        }
        const long size = std::ftell(m_file);
        std::rewind(m_file);
        if (size < 0 || size % long(ORACLE_RECORD) != 0)
        {
            std::fclose(m_file);
            m_file = nullptr;
            const uint64_t whole = size < 0 ? 0 : uint64_t(size) / ORACLE_RECORD;
            throw TraceFormatError(
                path,
                0,
                "oracleGeneral record " + std::to_string(whole + 1) + " is truncated: "
                    + std::to_string(size < 0 ? 0 : uint64_t(size) % ORACLE_RECORD) + " of "
                    + std::to_string(ORACLE_RECORD) + " bytes (file size " + std::to_string(size)
                    + " is not a multiple of 24)");
        }
    }
}

IdTraceReader::~IdTraceReader()
{
    if (m_file != nullptr)
    {
        std::fclose(m_file);
    }
}

uint64_t
IdTraceReader::GetRecordCount() const
{
    return m_records;
}

size_t
IdTraceReader::Refill()
{
    if (m_begin > 0)
    {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_eof || m_end == m_buffer.size())
    {
        return 0;
    }
    const size_t n = std::fread(m_buffer.data() + m_end, 1, m_buffer.size() - m_end, m_file);
    if (n == 0)
    {
        if (std::ferror(m_file))
        {
            throw TraceFormatError(m_path, 0, std::string("read error: ") + std::strerror(errno));
        }
        m_eof = true;
    }
    m_end += n;
    return n;
}

size_t
IdTraceReader::Read(Request* out, size_t max)
{
    return m_format == ORACLE_GENERAL ? ReadOracle(out, max) : ReadCsv(out, max);
}

size_t
IdTraceReader::ReadOracle(Request* out, size_t max)
{
    size_t n = 0;
    while (n < max)
    {
        if (m_end - m_begin < ORACLE_RECORD)
        {
            if (Refill() == 0 && m_end - m_begin < ORACLE_RECORD)
            {
                if (m_end != m_begin)
                {
                    // The file shrank since it was opened.
                    throw TraceFormatError(m_path,
                                           0,
                                           "oracleGeneral record " + std::to_string(m_records + 1)
                                               + " is truncated: " + std::to_string(m_end - m_begin)
                                               + " of 24 bytes");
                }
                break;
            }
            continue;
        }
        const size_t whole = std::min((m_end - m_begin) / ORACLE_RECORD, max - n);
        const auto* p = reinterpret_cast<const unsigned char*>(m_buffer.data() + m_begin);
        for (size_t i = 0; i < whole; ++i, p += ORACLE_RECORD)
        {
            const auto next = int64_t(LoadLe<uint64_t>(p + 16));
            if (next < -1)
            {
                throw TraceFormatError(m_path,
                                       0,
                                       "oracleGeneral record " + std::to_string(m_records + 1)
                                           + ": next access time " + std::to_string(next)
                                           + " is below -1 (not an oracleGeneral trace?)");
            }
            Request& r = out[n++];
            r.time = LoadLe<uint32_t>(p);
            r.id = LoadLe<uint64_t>(p + 4);
            r.size = LoadLe<uint32_t>(p + 12);
            ++m_records;
        }
        m_begin += whole * ORACLE_RECORD;
    }
    return n;
}

bool
IdTraceReader::ParseCsvLine(const char* b, const char* e, Request& out)
{
    if (e != b && e[-1] == '\r')
    {
        --e;
    }
    if (b == e || *b == '#')
    {
        return false;
    }
    const char* c1 = static_cast<const char*>(std::memchr(b, ',', e - b));
    const char* c2 = c1 ? static_cast<const char*>(std::memchr(c1 + 1, ',', e - c1 - 1)) : nullptr;
    if (c2 == nullptr || std::memchr(c2 + 1, ',', e - c2 - 1) != nullptr)
    {
        if (m_line == 1 && IsHeader(b, e))
        {
            return false;
        }
        throw TraceFormatError(m_path,
                               m_line,
                               "expected three fields time,id,size, got '"
                                   + std::string(b, std::min<size_t>(e - b, 80)) + "'");
    }
    const char* names[3] = {"time", "id", "size"};
    const char* from[3] = {b, c1 + 1, c2 + 1};
    const char* to[3] = {c1, c2, e};
    uint64_t v[3];
    for (int i = 0; i < 3; ++i)
    {
        if (!ParseUnsigned(from[i], to[i], v[i]))
        {
            if (m_line == 1 && IsHeader(b, e))
            {
                return false;
            }
            throw TraceFormatError(m_path,
                                   m_line,
                                   std::string(names[i]) + " '" + Trim(from[i], to[i])
                                       + "' is not an unsigned integer below 2^64");
        }
    }
    out.time = v[0];
    out.id = v[1];
    out.size = v[2];
    return true;
}

size_t
IdTraceReader::ReadCsv(Request* out, size_t max)
{
    size_t n = 0;
    while (n < max)
    {
        const char* b = m_buffer.data() + m_begin;
        const char* e = m_buffer.data() + m_end;
        const char* nl = static_cast<const char*>(std::memchr(b, '\n', e - b));
        if (nl == nullptr)
        {
            if (Refill() > 0)
            {
                continue;
            }
            if (m_end == m_begin)
            {
                break; // end of the trace
            }
            if (!m_eof)
            {
                throw TraceFormatError(
                    m_path, m_line + 1, "line longer than " + std::to_string(BLOCK) + " bytes");
            }
            b = m_buffer.data() + m_begin; // Refill moved the bytes
            nl = m_buffer.data() + m_end;  // the last line has no end
        }
        ++m_line;
        const bool record = ParseCsvLine(b, nl, out[n]);
        m_begin = std::min<size_t>(nl - m_buffer.data() + 1, m_end);
        if (record)
        {
            ++n;
            ++m_records;
        }
    }
    return n;
}

bool
IdTraceReader::Detect(const std::string& path, Format& format)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr)
    {
        throw TraceFormatError(path, 0, std::string("cannot open: ") + std::strerror(errno));
    }
    char head[4096];
    const size_t n = std::fread(head, 1, sizeof(head), f);
    std::fclose(f);
    for (size_t i = 0; i < n; ++i)
    {
        const auto c = static_cast<unsigned char>(head[i]);
        if (c < 0x20 && c != '\t' && c != '\r' && c != '\n')
        {
            format = ORACLE_GENERAL;
            return true;
        }
    }
    size_t begin = 0;
    while (begin < n)
    {
        const char* b = head + begin;
        const char* nl = static_cast<const char*>(std::memchr(b, '\n', n - begin));
        const char* e = nl ? nl : head + n;
        begin = (e - head) + 1;
        if (e != b && e[-1] == '\r')
        {
            --e;
        }
        if (b == e || *b == '#')
        {
            continue;
        }
        if (IsHeader(b, e))
        {
            format = ID_CSV;
            return true;
        }
        const char* c1 = static_cast<const char*>(std::memchr(b, ',', e - b));
        const char* c2
            = c1 ? static_cast<const char*>(std::memchr(c1 + 1, ',', e - c1 - 1)) : nullptr;
        uint64_t v;
        if (c2 != nullptr && ParseUnsigned(b, c1, v) && ParseUnsigned(c1 + 1, c2, v)
            && ParseUnsigned(c2 + 1, e, v))
        {
            format = ID_CSV;
            return true;
        }
        return false;
    }
    return false;
}

bool
IdTraceReader::ParseFormat(const std::string& name, Format& format)
{
    if (name == "oracleGeneral")
    {
        format = ORACLE_GENERAL;
        return true;
    }
    if (name == "idcsv")
    {
        format = ID_CSV;
        return true;
    }
    return false;
}

std::string
IdTraceReader::GetFormatName(Format format)
{
    return format == ORACLE_GENERAL ? "oracleGeneral" : "idcsv";
}

} // namespace ns3
