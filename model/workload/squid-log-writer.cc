/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "squid-log-writer.h"

#include "squid-log-reader.h"

#include "ns3/http-date.h"
#include "ns3/log.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SquidLogWriter");

namespace
{
void
AppendNumber(std::string& s, uint64_t v)
{
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof(buf), v);
    s.append(buf, r.ptr);
}

/// Append text with spaces, control characters and DEL written %XX.
void
AppendEscaped(std::string& s, const std::string& text)
{
    static const char HEX[] = "0123456789ABCDEF";
    for (char c : text)
    {
        auto u = static_cast<unsigned char>(c);
        if (u <= ' ' || u == 0x7f)
        {
            s += '%';
            s += HEX[u >> 4];
            s += HEX[u & 15];
        }
        else
        {
            s += c;
        }
    }
}

} // namespace

SquidLogWriter::SquidLogWriter(const std::string& path)
    : m_name(path)
    , m_originNs(HttpDate::GetEpoch() * 1000000000)
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

SquidLogWriter::SquidLogWriter(std::ostream& os)
    : m_os(&os)
    , m_name("stream")
    , m_originNs(HttpDate::GetEpoch() * 1000000000)
{
    NS_LOG_FUNCTION(this);
}

SquidLogWriter::~SquidLogWriter()
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
SquidLogWriter::SetOrigin(Time unixTime)
{
    m_originNs = unixTime.GetNanoSeconds();
}

Time
SquidLogWriter::GetOrigin() const
{
    return NanoSeconds(m_originNs);
}

void
SquidLogWriter::WriteComment(const std::string& text)
{
    if (m_os == nullptr)
    {
        throw std::logic_error("SquidLogWriter: " + m_name + " written after Close");
    }
    size_t start = 0;
    while (start <= text.size())
    {
        size_t nl = text.find('\n', start);
        std::string line = text.substr(start, nl - start);
        *m_os << "# " << line << '\n';
        if (nl == std::string::npos)
        {
            break;
        }
        start = nl + 1;
    }
}

void
SquidLogWriter::Write(const TraceRecord& r, Time elapsed)
{
    if (m_os == nullptr)
    {
        throw std::logic_error("SquidLogWriter: " + m_name + " written after Close");
    }
    // Refuse exactly what SquidLogReader would refuse, so that every log written reads back.
    auto refuse = [this](const std::string& problem)
    {
        throw std::invalid_argument("SquidLogWriter: " + m_name + ": record "
                                    + std::to_string(m_count + 1) + ": " + problem);
    };
    if (r.time.IsStrictlyNegative())
    {
        refuse("record time is negative");
    }
    if (!TraceRecord::IsHost(r.server))
    {
        refuse("server '" + r.server + "' is not a host[:port]");
    }
    if (r.path.empty() || r.path[0] != '/')
    {
        refuse("path '" + r.path + "' does not start with '/'");
    }
    if (!TraceRecord::IsToken(r.method))
    {
        refuse("method '" + r.method + "' is not a method name");
    }
    if (r.status > 999)
    {
        refuse("status " + std::to_string(r.status) + " has more than three digits");
    }
    if (r.received > TraceRecord::MAX_SIZE)
    {
        refuse("received " + std::to_string(r.received) + " is larger than 2^50");
    }
    if (elapsed.IsStrictlyNegative()
        || elapsed > MilliSeconds(int64_t(SquidLogReader::MAX_ELAPSED_MS)))
    {
        refuse("elapsed time is negative or longer than a year");
    }
    // Round to the millisecond, as logged; the sum is checked before it is formed.
    const int64_t ns = r.time.GetNanoSeconds();
    if (m_originNs < 0 || ns > TraceRecord::MAX_TIME_NS - m_originNs)
    {
        refuse("origin plus time is negative or after 9223372035.999999999 s");
    }
    // The last half millisecond of the range rounds down: rounded up it would be unreadable.
    const int64_t ms
        = std::min((m_originNs + ns + 500000) / 1000000, TraceRecord::MAX_TIME_NS / 1000000);
    if (m_count > 0 && ms < m_lastMs - SquidLogReader::DEFAULT_TOLERANCE_MS)
    {
        refuse("time is more than " + std::to_string(SquidLogReader::DEFAULT_TOLERANCE_MS)
               + " ms earlier than the latest written (the reader refuses it)");
    }
    m_lastMs = std::max(m_lastMs, ms);
    m_line.clear();
    AppendNumber(m_line, ms / 1000);
    char frac[8];
    snprintf(frac, sizeof(frac), ".%03d", static_cast<int>(ms % 1000));
    m_line += frac;
    // Squid pads the elapsed time to six characters (%6tr).
    std::string el = std::to_string(elapsed.GetMilliSeconds());
    m_line.append(el.size() < 6 ? 7 - el.size() : 1, ' ');
    m_line += el;
    m_line += ' ';
    uint32_t address = r.client + 0x0A000000; // 10.0.0.0 + client, modulo 2^32
    for (int shift = 24; shift >= 0; shift -= 8)
    {
        AppendNumber(m_line, (address >> shift) & 255);
        m_line += shift > 0 ? '.' : ' ';
    }
    m_line += r.IsAborted() ? "TCP_MISS_ABORTED/" : "TCP_MISS/";
    char status[8];
    snprintf(status, sizeof(status), "%03u", r.status);
    m_line += status;
    m_line += ' ';
    AppendNumber(m_line, r.received);
    m_line += ' ';
    m_line += r.method;
    m_line += ' ';
    if (r.method == "CONNECT" && r.path == "/")
    {
        m_line += r.server;
    }
    else
    {
        m_line += "http://";
        m_line += r.server;
        AppendEscaped(m_line, r.path);
    }
    m_line += " - HIER_DIRECT/";
    // The hierarchy field names the host that was contacted, without port.
    size_t colon = r.server.rfind(':');
    bool port = colon != std::string::npos && colon + 1 < r.server.size()
             && r.server.find_first_not_of("0123456789", colon + 1) == std::string::npos;
    m_line.append(r.server, 0, port ? colon : std::string::npos);
    m_line += ' ';
    if (r.contentType.empty())
    {
        m_line += '-';
    }
    else if (r.contentType == "-")
    {
        m_line += "%2D"; // "-" alone means no type
    }
    else
    {
        AppendEscaped(m_line, r.contentType);
    }
    m_line += '\n';
    m_os->write(m_line.data(), static_cast<std::streamsize>(m_line.size()));
    ++m_count;
}

uint64_t
SquidLogWriter::GetCount() const
{
    return m_count;
}

void
SquidLogWriter::Close()
{
    if (m_os == nullptr)
    {
        return;
    }
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
