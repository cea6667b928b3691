/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "csv-trace-writer.h"

#include "ns3/log.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CsvTraceWriter");

const char* const CsvTraceWriter::HEADER
    = "time,client,server,url,size,flags,received,method,status,type,version";

namespace
{
void
AppendNumber(std::string& s, uint64_t v)
{
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof(buf), v);
    s.append(buf, r.ptr);
}

/// Seconds with 3, 6 or 9 decimals: the fewest that are exact.
void
AppendSeconds(std::string& s, int64_t ns)
{
    AppendNumber(s, static_cast<uint64_t>(ns / 1000000000));
    auto frac = static_cast<unsigned>(ns % 1000000000);
    char buf[16];
    if (frac % 1000000 == 0)
    {
        snprintf(buf, sizeof(buf), ".%03u", frac / 1000000);
    }
    else if (frac % 1000 == 0)
    {
        snprintf(buf, sizeof(buf), ".%06u", frac / 1000);
    }
    else
    {
        snprintf(buf, sizeof(buf), ".%09u", frac);
    }
    s += buf;
}

/// Append a field, quoted when the reader would otherwise split or trim it.
void
AppendField(std::string& s, const std::string& text)
{
    bool quote = text.find_first_of(",\"") != std::string::npos
              || (!text.empty()
                  && (text.front() == ' ' || text.front() == '\t' || text.back() == ' '
                      || text.back() == '\t'));
    if (!quote)
    {
        s += text;
        return;
    }
    s += '"';
    for (char c : text)
    {
        s += c;
        if (c == '"')
        {
            s += '"';
        }
    }
    s += '"';
}

} // namespace

CsvTraceWriter::CsvTraceWriter(const std::string& path)
    : m_name(path)
{
    NS_LOG_FUNCTION(this << path);
    auto file = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
    if (!*file)
    {
        throw std::runtime_error(path + ": cannot create: " + std::strerror(errno));
    }
    m_os = file.get();
    m_file = std::move(file);
}

CsvTraceWriter::CsvTraceWriter(std::ostream& os)
    : m_os(&os)
    , m_name("stream")
{
    NS_LOG_FUNCTION(this);
}

CsvTraceWriter::~CsvTraceWriter()
{
    NS_LOG_FUNCTION(this);
    try
    {
        Close();
    }
    catch (const std::exception& e)
    {
        // A destructor cannot throw: whoever needs to know calls Close() first.
        NS_LOG_ERROR(e.what());
    }
}

void
CsvTraceWriter::WriteHeader()
{
    if (!m_header)
    {
        *m_os << HEADER << '\n';
        m_header = true;
    }
}

void
CsvTraceWriter::WriteComment(const std::string& text)
{
    if (m_os == nullptr)
    {
        throw std::logic_error("CsvTraceWriter: " + m_name + " written after Close");
    }
    size_t start = 0;
    while (true)
    {
        size_t nl = text.find('\n', start);
        *m_os << "# " << text.substr(start, nl - start) << '\n';
        if (nl == std::string::npos)
        {
            break;
        }
        start = nl + 1;
    }
}

void
CsvTraceWriter::Write(const TraceRecord& r)
{
    if (m_os == nullptr)
    {
        throw std::logic_error("CsvTraceWriter: " + m_name + " written after Close");
    }
    // Refuse exactly what CsvTraceReader would refuse, so that every file written reads back.
    auto refuse = [this](const std::string& problem)
    {
        throw std::invalid_argument("CsvTraceWriter: " + m_name + ": record "
                                    + std::to_string(m_count + 1) + ": " + problem);
    };
    const int64_t ns = r.time.GetNanoSeconds();
    if (ns < 0 || ns > TraceRecord::MAX_TIME_NS)
    {
        refuse("time " + std::to_string(ns) + " ns is negative or after 9223372035.999999999 s");
    }
    if (ns < m_lastNs)
    {
        refuse("time " + std::to_string(ns) + " ns is earlier than the previous record's, "
               + std::to_string(m_lastNs) + " ns (the reader refuses times going back)");
    }
    if (!TraceRecord::IsHost(r.server, ",\""))
    {
        refuse("server '" + r.server + "' is not a host[:port] without ',' or '\"'");
    }
    if (r.path.empty() || r.path[0] != '/' || TraceRecord::HasControl(r.path))
    {
        refuse("path '" + r.path + "' does not start with '/' or has control characters");
    }
    if (!TraceRecord::IsToken(r.method))
    {
        refuse("method '" + r.method + "' is not a method name");
    }
    if (r.size > TraceRecord::MAX_SIZE)
    {
        refuse("size " + std::to_string(r.size) + " is larger than 2^50");
    }
    if (r.received > r.size)
    {
        refuse("received " + std::to_string(r.received) + " is larger than size "
               + std::to_string(r.size));
    }
    if (r.status > 999)
    {
        refuse("status " + std::to_string(r.status) + " has more than three digits");
    }
    if (TraceRecord::HasControl(r.contentType))
    {
        refuse("content type has control characters");
    }
    m_lastNs = ns;
    WriteHeader();

    m_line.clear();
    AppendSeconds(m_line, ns);
    m_line += ',';
    AppendNumber(m_line, r.client);
    m_line += ',';
    m_line += r.server;
    m_line += ',';
    AppendField(m_line, r.path);
    m_line += ',';
    AppendNumber(m_line, r.size);
    m_line += ',';
    size_t flagsStart = m_line.size();
    const bool flags[]
        = {r.cookie, r.setCookie, r.clientNoCache, r.serverNoCache, r.authorization, r.persistent};
    for (size_t i = 0; i < 6; ++i)
    {
        if (flags[i])
        {
            m_line += "CSNXAP"[i];
        }
    }
    if (m_line.size() == flagsStart)
    {
        m_line += '-';
    }
    m_line += ',';
    AppendNumber(m_line, r.received);
    m_line += ',';
    m_line += r.method;
    m_line += ',';
    AppendNumber(m_line, r.status);
    m_line += ',';
    AppendField(m_line, r.contentType);
    m_line += ',';
    AppendNumber(m_line, r.version);
    m_line += '\n';
    m_os->write(m_line.data(), static_cast<std::streamsize>(m_line.size()));
    ++m_count;
}

uint64_t
CsvTraceWriter::GetCount() const
{
    return m_count;
}

void
CsvTraceWriter::Close()
{
    if (m_os == nullptr)
    {
        return;
    }
    WriteHeader();
    m_os->flush();
    bool failed = !*m_os;
    if (m_file)
    {
        static_cast<std::ofstream*>(m_file.get())->close();
        failed = failed || !*m_file;
        m_file.reset();
        m_os = nullptr;
    }
    if (failed)
    {
        throw std::runtime_error(m_name + ": write error");
    }
}

} // namespace ns3
