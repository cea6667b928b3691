/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "trace-reader.h"

#include "csv-trace-reader.h"
#include "squid-log-reader.h"

#include "ns3/log.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TraceReader");

namespace
{
/// Bytes read from the stream at a time.
constexpr size_t BLOCK = 1 << 20;

bool
IsBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

} // namespace

TraceReader::TraceReader()
{
    NS_LOG_FUNCTION(this);
}

TraceReader::~TraceReader()
{
    NS_LOG_FUNCTION(this);
}

std::string
TraceReader::DetectFormat(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        throw TraceFormatError(path, 0, std::string("cannot open: ") + std::strerror(errno));
    }
    // Only the first significant line matters; read it with the readers' own line rules.
    class Sniffer : public TraceReader
    {
      public:
        std::string first;

      protected:
        LineKind ParseLine(std::string_view line, TraceRecord&, std::string&) override
        {
            first = line;
            return RECORD;
        }
    };

    Ptr<Sniffer> sniffer = Create<Sniffer>();
    sniffer->Open(in, path);
    TraceRecord r;
    bool found;
    try
    {
        found = sniffer->Next(r);
    }
    catch (const TraceFormatError& e)
    {
        // Only an over-long first line (a binary file) gets here.
        throw TraceFormatError(
            path, e.GetLine(), "cannot tell the trace format: " + e.GetProblem());
    }
    if (!found)
    {
        // Nothing but comments: both readers give no records.
        bool csv = path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
        return csv ? "csv" : "squid";
    }
    const std::string& line = sniffer->first;
    size_t start = line.find_first_not_of(" \t");
    // The CSV header's first column is "time" (perhaps quoted or padded, as the reader allows).
    std::string_view firstColumn = std::string_view(line).substr(start, line.find(',') - start);
    while (!firstColumn.empty() && (firstColumn.back() == ' ' || firstColumn.back() == '\t'))
    {
        firstColumn.remove_suffix(1);
    }
    if (line.find(',') != std::string::npos && (firstColumn == "time" || firstColumn == "\"time\""))
    {
        return "csv";
    }
    // A Squid line starts with a Unix time and has whitespace-separated fields.
    size_t fields = 0;
    bool inField = false;
    for (char c : line)
    {
        bool blank = c == ' ' || c == '\t';
        fields += !blank && !inField;
        inField = !blank;
    }
    if (line[start] >= '0' && line[start] <= '9' && fields >= 2)
    {
        return "squid";
    }
    throw TraceFormatError(path,
                           sniffer->GetLineNumber(),
                           "cannot tell the trace format: the line " + Quote(line)
                               + " is neither a CSV header (time,client,...) nor a Squid "
                                 "access.log line; give the format explicitly");
}

Ptr<TraceReader>
TraceReader::OpenTrace(const std::string& path, const std::string& format)
{
    NS_LOG_FUNCTION(path << format);
    std::string f = format == "auto" ? DetectFormat(path) : format;
    Ptr<TraceReader> reader;
    if (f == "squid")
    {
        reader = Create<SquidLogReader>();
    }
    else if (f == "csv")
    {
        reader = Create<CsvTraceReader>();
    }
    else
    {
        throw TraceFormatError(
            path, 0, "unknown trace format '" + format + "' (expected squid, csv or auto)");
    }
    reader->Open(path);
    return reader;
}

void
TraceReader::Open(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*file)
    {
        throw TraceFormatError(path, 0, std::string("cannot open: ") + std::strerror(errno));
    }
    Open(*file, path);
    m_file = std::move(file);
}

void
TraceReader::Open(std::istream& in, const std::string& name)
{
    NS_LOG_FUNCTION(this << name);
    m_file.reset();
    m_in = &in;
    m_name = name;
    m_buffer.resize(BLOCK);
    m_begin = 0;
    m_end = 0;
    m_eof = false;
    m_line = 0;
    m_latest = Time();
    m_records = 0;
    m_skipped = 0;
    m_reordered = 0;
    m_problems.clear();
    m_lastSkipReason.clear();
    Reset();
}

void
TraceReader::Reset()
{}

std::string
TraceReader::FormatTime(Time t) const
{
    return FormatSeconds(t.GetNanoSeconds()) + " s";
}

void
TraceReader::SetErrorPolicy(ErrorPolicy policy)
{
    m_policy = policy;
}

TraceReader::ErrorPolicy
TraceReader::GetErrorPolicy() const
{
    return m_policy;
}

void
TraceReader::SetTimeTolerance(Time tolerance)
{
    m_tolerance = tolerance;
}

Time
TraceReader::GetTimeTolerance() const
{
    return m_tolerance;
}

bool
TraceReader::Fill()
{
    if (m_eof)
    {
        return false;
    }
    // Keep the unread part, at the front of the buffer.
    if (m_begin > 0)
    {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_end + BLOCK > m_buffer.size())
    {
        m_buffer.resize(m_end + BLOCK);
    }
    m_in->read(m_buffer.data() + m_end, static_cast<std::streamsize>(m_buffer.size() - m_end));
    std::streamsize n = m_in->gcount();
    m_end += static_cast<size_t>(n);
    if (m_in->bad())
    {
        throw TraceFormatError(m_name, m_line + 1, "read error");
    }
    if (!*m_in)
    {
        m_eof = true;
    }
    return n > 0;
}

bool
TraceReader::ReadLine(std::string_view& line, bool& tooLong)
{
    tooLong = false;
    size_t searched = m_begin; // no newline before this point
    while (true)
    {
        const char* start = m_buffer.data() + searched;
        auto nl = static_cast<const char*>(std::memchr(start, '\n', m_end - searched));
        if (nl != nullptr)
        {
            size_t pos = nl - m_buffer.data();
            tooLong = tooLong || pos - m_begin > MAX_LINE;
            line = tooLong ? std::string_view()
                           : std::string_view(m_buffer.data() + m_begin, pos - m_begin);
            m_begin = pos + 1;
            return true;
        }
        if (m_end - m_begin > MAX_LINE)
        {
            // Drop the line's bytes as they come (a binary file can have no newline at all).
            tooLong = true;
            m_begin = m_end;
        }
        size_t offset = m_end - m_begin;
        if (!Fill())
        {
            if (tooLong || m_end > m_begin)
            {
                // The last line, without a newline.
                line = tooLong ? std::string_view()
                               : std::string_view(m_buffer.data() + m_begin, m_end - m_begin);
                m_begin = m_end;
                return true;
            }
            return false;
        }
        searched = m_begin + offset; // Fill moved the unread data to the front
    }
}

void
TraceReader::Malformed(const std::string& problem)
{
    TraceFormatError error(m_name, m_line, problem);
    if (m_policy == STOP)
    {
        throw error;
    }
    NS_LOG_LOGIC("skipped " << error.what());
    ++m_skipped;
    m_lastSkipReason = problem;
    if (m_problems.size() < MAX_PROBLEMS)
    {
        m_problems.push_back(error);
    }
}

bool
TraceReader::Next(TraceRecord& out)
{
    NS_ASSERT_MSG(m_in != nullptr, "TraceReader::Next before Open");
    std::string_view line;
    bool tooLong;
    while (ReadLine(line, tooLong))
    {
        ++m_line;
        if (tooLong)
        {
            Malformed("line longer than " + std::to_string(MAX_LINE) + " bytes");
            continue;
        }
        if (m_line == 1 && line.substr(0, 3) == "\xEF\xBB\xBF")
        {
            line.remove_prefix(3); // a UTF-8 byte order mark, as spreadsheets write
        }
        while (!line.empty() && IsBlank(line.back()))
        {
            line.remove_suffix(1);
        }
        size_t first = 0;
        while (first < line.size() && IsBlank(line[first]))
        {
            ++first;
        }
        if (first == line.size() || line[first] == '#')
        {
            continue;
        }
        LineKind kind = ParseLine(line, m_scratch, m_problem);
        if (kind == MALFORMED)
        {
            Malformed(m_problem);
            continue;
        }
        if (kind == IGNORED)
        {
            continue;
        }
        // References and assignments only: before the simulator runs, ns-3 records every
        // Time object constructed (Time::Mark), which would cost more than the parsing.
        const Time& t = m_scratch.time;
        if (t < m_latest)
        {
            if (m_latest - t > m_tolerance)
            {
                Malformed("time " + FormatTime(t) + " is "
                          + FormatSeconds((m_latest - t).GetNanoSeconds())
                          + " s earlier than the latest time so far, " + FormatTime(m_latest)
                          + " (tolerance " + FormatSeconds(m_tolerance.GetNanoSeconds()) + " s)");
                continue;
            }
            m_scratch.time = m_latest;
            ++m_reordered;
        }
        m_latest = t;
        ++m_records;
        // Swap the strings rather than copy them: the caller's become the next scratch
        // buffers, so steady-state reading does not allocate.
        out.time = m_scratch.time;
        out.client = m_scratch.client;
        out.server.swap(m_scratch.server);
        out.path.swap(m_scratch.path);
        out.method.swap(m_scratch.method);
        out.size = m_scratch.size;
        out.received = m_scratch.received;
        out.status = m_scratch.status;
        out.contentType.swap(m_scratch.contentType);
        out.cookie = m_scratch.cookie;
        out.setCookie = m_scratch.setCookie;
        out.clientNoCache = m_scratch.clientNoCache;
        out.serverNoCache = m_scratch.serverNoCache;
        out.authorization = m_scratch.authorization;
        out.persistent = m_scratch.persistent;
        out.version = m_scratch.version;
        return true;
    }
    return false;
}

const std::string&
TraceReader::GetName() const
{
    return m_name;
}

uint64_t
TraceReader::GetLineNumber() const
{
    return m_line;
}

uint64_t
TraceReader::GetRecordCount() const
{
    return m_records;
}

uint64_t
TraceReader::GetSkippedCount() const
{
    return m_skipped;
}

const std::vector<TraceFormatError>&
TraceReader::GetProblems() const
{
    return m_problems;
}

std::string
TraceReader::GetLastSkipReason() const
{
    return m_lastSkipReason;
}

uint64_t
TraceReader::GetReorderedCount() const
{
    return m_reordered;
}

TraceReader::NumberResult
TraceReader::ParseUnsigned(std::string_view text, uint64_t& value)
{
    if (!text.empty() && text[0] == '-')
    {
        return NUMBER_NEGATIVE;
    }
    if (text.empty())
    {
        return NUMBER_INVALID;
    }
    uint64_t v = 0;
    for (char c : text)
    {
        unsigned d = static_cast<unsigned char>(c) - '0';
        if (d > 9)
        {
            return NUMBER_INVALID;
        }
        if (v > (UINT64_MAX - d) / 10)
        {
            return NUMBER_TOO_LARGE;
        }
        v = v * 10 + d;
    }
    value = v;
    return NUMBER_OK;
}

TraceReader::NumberResult
TraceReader::ParseSeconds(std::string_view text, int64_t& ns)
{
    if (!text.empty() && text[0] == '-')
    {
        return NUMBER_NEGATIVE;
    }
    size_t dot = text.find('.');
    std::string_view whole = text.substr(0, dot);
    std::string_view frac
        = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() || (dot != std::string_view::npos && frac.empty()))
    {
        return NUMBER_INVALID; // "", ".5" and "5." are not written by anything we know
    }
    uint64_t s;
    NumberResult r = ParseUnsigned(whole, s);
    if (r != NUMBER_OK)
    {
        return r;
    }
    uint64_t f = 0;
    size_t i = 0;
    for (char c : frac)
    {
        unsigned d = static_cast<unsigned char>(c) - '0';
        if (d > 9)
        {
            return NUMBER_INVALID;
        }
        if (i++ < 9)
        {
            f = f * 10 + d;
        }
    }
    for (; i < 9; ++i)
    {
        f *= 10;
    }
    // About 292 years of nanoseconds: Unix times up to the year 2262 (the writers' bound too).
    if (s > static_cast<uint64_t>(TraceRecord::MAX_TIME_NS) / 1000000000)
    {
        return NUMBER_TOO_LARGE;
    }
    ns = static_cast<int64_t>(s * 1000000000 + f);
    return NUMBER_OK;
}

bool
TraceReader::SplitUrl(std::string_view url, std::string_view& host, std::string_view& path)
{
    size_t colon = url.find("://");
    if (colon == std::string_view::npos || colon == 0)
    {
        return false;
    }
    for (size_t i = 0; i < colon; ++i)
    {
        char c = url[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
               || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
        if (!ok)
        {
            return false;
        }
    }
    std::string_view rest = url.substr(colon + 3);
    size_t end = rest.find_first_of("/?#");
    host = rest.substr(0, end);
    size_t at = host.rfind('@');
    if (at != std::string_view::npos)
    {
        host = host.substr(at + 1); // user:password@ is not part of the origin
    }
    if (host.empty() || host[0] == ':')
    {
        return false;
    }
    path = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    return true;
}

std::string
TraceReader::Quote(std::string_view text)
{
    constexpr size_t MAX_SHOWN = 80;
    std::string s = "'";
    for (size_t i = 0; i < text.size() && i < MAX_SHOWN; ++i)
    {
        unsigned char c = text[i];
        s += c < 0x20 || c == 0x7f ? '?' : static_cast<char>(c);
    }
    if (text.size() > MAX_SHOWN)
    {
        s += "...";
    }
    return s + "'";
}

std::string
TraceReader::FormatSeconds(int64_t ns)
{
    std::string sign = ns < 0 ? "-" : "";
    uint64_t a = ns < 0 ? -static_cast<uint64_t>(ns) : static_cast<uint64_t>(ns);
    std::string s = sign + std::to_string(a / 1000000000);
    uint64_t frac = a % 1000000000;
    if (frac != 0)
    {
        char buf[16];
        snprintf(buf, sizeof(buf), ".%09llu", static_cast<unsigned long long>(frac));
        std::string f = buf;
        f.erase(f.find_last_not_of('0') + 1);
        s += f;
    }
    return s;
}

} // namespace ns3
