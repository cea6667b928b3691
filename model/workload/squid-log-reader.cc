/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "squid-log-reader.h"

#include "ns3/log.h"
#include "ns3/time-in-place.h"

#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SquidLogReader");

namespace
{
/// Fields of a native access.log line.
constexpr size_t FIELDS = 10;

bool
IsSpace(char c)
{
    return c == ' ' || c == '\t';
}

} // namespace

SquidLogReader::SquidLogReader()
{
    NS_LOG_FUNCTION(this);
    SetTimeTolerance(MilliSeconds(DEFAULT_TOLERANCE_MS));
}

SquidLogReader::~SquidLogReader()
{
    NS_LOG_FUNCTION(this);
}

void
SquidLogReader::SetOrigin(Time unixTime)
{
    m_fixedOrigin = true;
    m_haveOrigin = true;
    m_originNs = unixTime.GetNanoSeconds();
}

Time
SquidLogReader::GetOrigin() const
{
    return NanoSeconds(m_haveOrigin ? m_originNs : 0);
}

const std::vector<std::string>&
SquidLogReader::GetClients() const
{
    return m_clients;
}

Time
SquidLogReader::GetLastElapsed() const
{
    return m_lastElapsed;
}

void
SquidLogReader::Reset()
{
    m_haveOrigin = m_fixedOrigin;
    m_lastElapsed = Time();
    m_clientNumbers.clear();
    m_clients.clear();
    m_lastClient = 0;
}

std::string
SquidLogReader::FormatTime(Time t) const
{
    return FormatSeconds(m_originNs + t.GetNanoSeconds());
}

void
SquidLogReader::SetClientNumbering(ClientNumbering numbering)
{
    m_numbering = numbering;
}

bool
SquidLogReader::AddressNumber(std::string_view name, uint32_t& number)
{
    uint32_t address = 0;
    size_t start = 0;
    for (int octet = 0; octet < 4; ++octet)
    {
        size_t end = octet < 3 ? name.find('.', start) : name.size();
        uint64_t v;
        if (end == std::string_view::npos || end - start > 3
            || ParseUnsigned(name.substr(start, end - start), v) != NUMBER_OK || v > 255)
        {
            return false;
        }
        address = (address << 8) | static_cast<uint32_t>(v);
        start = end + 1;
    }
    number = address - CLIENT_ADDRESS_BASE; // modulo 2^32: the inverse of SquidLogWriter
    return true;
}

uint32_t
SquidLogReader::ClientNumber(std::string_view name)
{
    // Consecutive lines often come from the same client.
    if (!m_clients.empty() && m_clients[m_lastClient] == name)
    {
        return m_lastClient;
    }
    m_key.assign(name);
    auto it = m_clientNumbers.find(m_key);
    if (it == m_clientNumbers.end())
    {
        auto number = static_cast<uint32_t>(m_clients.size());
        it = m_clientNumbers.emplace(m_key, number).first;
        m_clients.push_back(m_key);
    }
    m_lastClient = it->second;
    return m_lastClient;
}

TraceReader::LineKind
SquidLogReader::ParseLine(std::string_view line, TraceRecord& out, std::string& problem)
{
    for (size_t k = 0; k < line.size(); ++k)
    {
        auto c = static_cast<unsigned char>(line[k]);
        if ((c < ' ' && c != '\t') || c == 0x7f)
        {
            problem = "control character " + std::to_string(c) + " at column "
                    + std::to_string(k + 1) + " (Squid writes them %XX)";
            return MALFORMED;
        }
    }
    std::string_view f[FIELDS];
    size_t n = 0;
    size_t i = 0;
    const size_t len = line.size();
    const char* data = line.data();
    // Fields are nearly always separated by spaces: then memchr finds their ends, much faster
    // than a loop over the characters of the long URL field.
    const bool tabs = std::memchr(data, '\t', len) != nullptr;
    while (i < len)
    {
        while (i < len && IsSpace(data[i]))
        {
            ++i;
        }
        if (i == len)
        {
            break;
        }
        size_t start = i;
        if (tabs)
        {
            while (i < len && !IsSpace(data[i]))
            {
                ++i;
            }
        }
        else
        {
            auto space = static_cast<const char*>(std::memchr(data + i, ' ', len - i));
            i = space == nullptr ? len : static_cast<size_t>(space - data);
        }
        if (n < FIELDS)
        {
            f[n] = line.substr(start, i - start);
        }
        ++n;
    }
    if (n != FIELDS)
    {
        problem = "expected 10 fields (time elapsed client action/code size method URL ident "
                  "hierarchy/from type), found "
                + std::to_string(n);
        return MALFORMED;
    }

    int64_t timeNs;
    switch (ParseSeconds(f[0], timeNs))
    {
    case NUMBER_OK:
        break;
    case NUMBER_NEGATIVE:
        problem = "time " + Quote(f[0]) + " is negative";
        return MALFORMED;
    default:
        problem = "time " + Quote(f[0]) + " is not a Unix time in seconds (e.g. 1014416470.123)";
        return MALFORMED;
    }

    uint64_t elapsed;
    switch (ParseUnsigned(f[1], elapsed))
    {
    case NUMBER_OK:
        break;
    case NUMBER_NEGATIVE:
        problem = "elapsed time " + Quote(f[1]) + " is negative";
        return MALFORMED;
    case NUMBER_TOO_LARGE:
        problem = "elapsed time " + Quote(f[1]) + " is too large";
        return MALFORMED;
    default:
        problem = "elapsed time " + Quote(f[1]) + " is not a number of milliseconds";
        return MALFORMED;
    }
    if (elapsed > MAX_ELAPSED_MS)
    {
        problem = "elapsed time " + Quote(f[1]) + " is too large";
        return MALFORMED;
    }

    // action/code, e.g. TCP_MISS/200 or NONE/000.
    std::string_view ac = f[3];
    size_t slash = ac.find('/');
    uint64_t status = 0;
    if (slash == std::string_view::npos || !TraceRecord::IsToken(ac.substr(0, slash))
        || ac.size() - slash - 1 > 3 || ParseUnsigned(ac.substr(slash + 1), status) != NUMBER_OK)
    {
        problem = "action/code " + Quote(ac) + " is not ACTION/status (e.g. TCP_MISS/200)";
        return MALFORMED;
    }

    uint64_t size;
    switch (ParseUnsigned(f[4], size))
    {
    case NUMBER_OK:
        break;
    case NUMBER_NEGATIVE:
        problem = "size " + Quote(f[4]) + " is negative";
        return MALFORMED;
    case NUMBER_TOO_LARGE:
        problem = "size " + Quote(f[4]) + " is too large";
        return MALFORMED;
    default:
        problem = "size " + Quote(f[4]) + " is not a number of bytes";
        return MALFORMED;
    }
    if (size > TraceRecord::MAX_SIZE)
    {
        problem = "size " + Quote(f[4]) + " is larger than 2^50 (1125899906842624)";
        return MALFORMED;
    }

    std::string_view method = f[5];
    if (!TraceRecord::IsToken(method))
    {
        problem = "method " + Quote(method) + " is not a method name";
        return MALFORMED;
    }

    std::string_view url = f[6];
    std::string_view host;
    std::string_view path;
    if (!SplitUrl(url, host, path))
    {
        // CONNECT logs its authority-form target, host:port.
        bool authority = method == "CONNECT" && !url.empty() && url[0] != ':'
                      && url.find_first_of("/?#@") == std::string_view::npos;
        if (!authority)
        {
            problem = "URL " + Quote(url)
                    + " has no host (expected scheme://host/path, or host:port for CONNECT)";
            return MALFORMED;
        }
        host = url;
        path = std::string_view();
    }

    uint32_t client = 0;
    if (m_numbering == BY_ADDRESS && !AddressNumber(f[2], client))
    {
        problem = "client " + Quote(f[2]) + " is not an IPv4 address";
        return MALFORMED;
    }

    // The line is valid: from here on the reader's state changes.
    if (!m_haveOrigin)
    {
        m_originNs = timeNs;
        m_haveOrigin = true;
    }
    TimeInPlace::Set(out.time, timeNs - m_originNs);
    out.client = m_numbering == BY_ADDRESS ? client : ClientNumber(f[2]);
    out.server.assign(host);
    out.SetPath(path);
    out.method.assign(method);
    out.size = size;
    out.received = size;
    out.status = static_cast<unsigned>(status);
    if (f[9] == "-")
    {
        out.contentType.clear();
    }
    else
    {
        out.contentType.assign(f[9]);
    }
    out.cookie = false;
    out.setCookie = false;
    out.clientNoCache = false;
    out.serverNoCache = false;
    out.authorization = false;
    out.persistent = false;
    out.version = 0;
    TimeInPlace::Set(m_lastElapsed, static_cast<int64_t>(elapsed) * 1000000);
    return RECORD;
}

} // namespace ns3
