/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "csv-trace-reader.h"

#include "ns3/log.h"
#include "ns3/time-in-place.h"

#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CsvTraceReader");

const char* const CsvTraceReader::REQUIRED_HEADER = "time,client,server,url,size,flags";

namespace
{
/// Column names, in the order of CsvTraceReader's Column enum.
const char* const NAMES[] = {"time",
                             "client",
                             "server",
                             "url",
                             "size",
                             "flags",
                             "received",
                             "method",
                             "status",
                             "type",
                             "version"};
/// Required columns: the first ones of NAMES.
constexpr int REQUIRED = 6;

std::string_view
Trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace

CsvTraceReader::CsvTraceReader()
{
    NS_LOG_FUNCTION(this);
    Reset();
}

CsvTraceReader::~CsvTraceReader()
{
    NS_LOG_FUNCTION(this);
}

void
CsvTraceReader::Reset()
{
    m_haveHeader = false;
    m_columns.clear();
    for (int& i : m_index)
    {
        i = -1;
    }
}

bool
CsvTraceReader::Split(std::string_view line, std::string& problem)
{
    m_fields.clear();
    if (line.find('"') == std::string_view::npos)
    {
        size_t start = 0;
        while (true)
        {
            size_t comma = line.find(',', start);
            m_fields.push_back(Trim(line.substr(start, comma - start)));
            if (comma == std::string_view::npos)
            {
                return true;
            }
            start = comma + 1;
        }
    }
    // Quoted fields: unquote into m_unquoted first, then take the views (no reallocation
    // can move the strings once all are built).
    std::vector<std::pair<size_t, size_t>> plain; // (start, length) in line, or npos
    size_t quoted = 0;
    size_t i = 0;
    while (true)
    {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
        {
            ++i;
        }
        if (i < line.size() && line[i] == '"')
        {
            if (m_unquoted.size() <= quoted)
            {
                m_unquoted.emplace_back();
            }
            std::string& s = m_unquoted[quoted++];
            s.clear();
            ++i;
            while (true)
            {
                if (i >= line.size())
                {
                    problem = "field " + std::to_string(plain.size() + 1)
                            + " has an opening quote but no closing quote";
                    return false;
                }
                if (line[i] == '"')
                {
                    if (i + 1 < line.size() && line[i + 1] == '"')
                    {
                        s += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                s += line[i++];
            }
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            {
                ++i;
            }
            if (i < line.size() && line[i] != ',')
            {
                problem = "field " + std::to_string(plain.size() + 1)
                        + " has characters after its closing quote";
                return false;
            }
            plain.emplace_back(std::string_view::npos, quoted - 1);
        }
        else
        {
            size_t comma = line.find(',', i);
            size_t end = comma == std::string_view::npos ? line.size() : comma;
            std::string_view f = line.substr(i, end - i);
            if (f.find('"') != std::string_view::npos)
            {
                problem = "field " + std::to_string(plain.size() + 1)
                        + " has a quote inside an unquoted field";
                return false;
            }
            plain.emplace_back(i, end - i);
            i = end;
        }
        if (i >= line.size())
        {
            break;
        }
        ++i; // the comma
        if (i == line.size())
        {
            plain.emplace_back(i, 0); // a trailing comma: one more, empty field
            break;
        }
    }
    for (const auto& [start, n] : plain)
    {
        m_fields.push_back(start == std::string_view::npos ? std::string_view(m_unquoted[n])
                                                           : Trim(line.substr(start, n)));
    }
    return true;
}

bool
CsvTraceReader::ParseHeader(std::string& problem)
{
    std::string expected = std::string("a header line starting with ") + REQUIRED_HEADER;
    for (size_t k = 0; k < m_fields.size(); ++k)
    {
        std::string_view name = m_fields[k];
        int column = -1;
        for (int c = 0; c < COLUMNS; ++c)
        {
            if (name == NAMES[c])
            {
                column = c;
            }
        }
        if (k < REQUIRED && column != static_cast<int>(k))
        {
            problem = "expected " + expected + ", found column " + Quote(name) + " in place "
                    + std::to_string(k + 1);
            return false;
        }
        if (column < 0)
        {
            problem = "unknown column " + Quote(name)
                    + " (optional columns: received, method, status, type, version)";
            return false;
        }
        if (m_index[column] >= 0)
        {
            problem = "column " + Quote(name) + " appears twice";
            return false;
        }
        m_index[column] = static_cast<int>(k);
        m_columns.push_back(static_cast<Column>(column));
    }
    if (m_fields.size() < REQUIRED)
    {
        problem = "expected " + expected + ", found only " + std::to_string(m_fields.size())
                + " columns";
        return false;
    }
    return true;
}

TraceReader::LineKind
CsvTraceReader::ParseLine(std::string_view line, TraceRecord& out, std::string& problem)
{
    if (!Split(line, problem))
    {
        return MALFORMED;
    }
    if (!m_haveHeader)
    {
        if (m_fields[0] != NAMES[TIME])
        {
            problem = std::string("no header line (") + REQUIRED_HEADER
                    + ",...) before the first record";
            return MALFORMED;
        }
        if (!ParseHeader(problem))
        {
            Reset(); // a later line may still be a valid header
            return MALFORMED;
        }
        m_haveHeader = true;
        return IGNORED;
    }
    if (m_fields.size() != m_columns.size())
    {
        problem = "expected " + std::to_string(m_columns.size()) + " fields, found "
                + std::to_string(m_fields.size());
        return MALFORMED;
    }

    int64_t ns;
    std::string_view f = m_fields[m_index[TIME]];
    switch (ParseSeconds(f, ns))
    {
    case NUMBER_OK:
        break;
    case NUMBER_NEGATIVE:
        problem = "time " + Quote(f) + " is negative";
        return MALFORMED;
    default:
        problem = "time " + Quote(f) + " is not a number of seconds (e.g. 12.5)";
        return MALFORMED;
    }

    uint64_t client;
    f = m_fields[m_index[CLIENT]];
    if (ParseUnsigned(f, client) != NUMBER_OK || client > UINT32_MAX)
    {
        problem = "client " + Quote(f) + " is not a client number (0 to 4294967295)";
        return MALFORMED;
    }

    // The checks below are CsvTraceWriter's: a row is read if and only if its record could
    // have been written.
    std::string_view server = m_fields[m_index[SERVER]];
    if (!server.empty() && !TraceRecord::IsHost(server, ",\""))
    {
        problem = "server " + Quote(server) + " is not a host name";
        return MALFORMED;
    }
    std::string_view url = m_fields[m_index[URL]];
    std::string_view path;
    if (!url.empty() && url[0] == '/')
    {
        if (server.empty())
        {
            problem = "URL " + Quote(url) + " is a path but the server column is empty";
            return MALFORMED;
        }
        path = url;
    }
    else
    {
        std::string_view host;
        if (!SplitUrl(url, host, path))
        {
            problem
                = "URL " + Quote(url) + " is neither a path (/...) nor an absolute URL with a host";
            return MALFORMED;
        }
        if (!server.empty() && server != host)
        {
            problem
                = "URL host " + Quote(host) + " differs from the server column " + Quote(server);
            return MALFORMED;
        }
        if (!TraceRecord::IsHost(host, ",\""))
        {
            problem = "URL host " + Quote(host) + " is not a host name";
            return MALFORMED;
        }
        server = host;
    }
    if (TraceRecord::HasControl(path))
    {
        problem = "URL " + Quote(url) + " has control characters";
        return MALFORMED;
    }

    uint64_t size;
    f = m_fields[m_index[SIZE]];
    switch (ParseUnsigned(f, size))
    {
    case NUMBER_OK:
        break;
    case NUMBER_NEGATIVE:
        problem = "size " + Quote(f) + " is negative";
        return MALFORMED;
    case NUMBER_TOO_LARGE:
        problem = "size " + Quote(f) + " is too large";
        return MALFORMED;
    default:
        problem = "size " + Quote(f) + " is not a number of bytes";
        return MALFORMED;
    }
    if (size > TraceRecord::MAX_SIZE)
    {
        problem = "size " + Quote(f) + " is larger than 2^50 (1125899906842624)";
        return MALFORMED;
    }

    bool flags[6] = {false, false, false, false, false, false};
    f = m_fields[m_index[FLAGS]];
    if (f != "-")
    {
        static const char LETTERS[] = "CSNXAP";
        for (char c : f)
        {
            const char* p = c == '\0' ? nullptr : std::strchr(LETTERS, c);
            if (p == nullptr)
            {
                problem = "unknown flag '" + std::string(1, c) + "' in " + Quote(f)
                        + " (flags are C S N X A P, or - for none)";
                return MALFORMED;
            }
            if (flags[p - LETTERS])
            {
                problem = "flag '" + std::string(1, c) + "' repeated in " + Quote(f);
                return MALFORMED;
            }
            flags[p - LETTERS] = true;
        }
    }

    uint64_t received = size;
    if (m_index[RECEIVED] >= 0)
    {
        f = m_fields[m_index[RECEIVED]];
        switch (ParseUnsigned(f, received))
        {
        case NUMBER_OK:
            break;
        case NUMBER_NEGATIVE:
            problem = "received " + Quote(f) + " is negative";
            return MALFORMED;
        default:
            problem = "received " + Quote(f) + " is not a number of bytes";
            return MALFORMED;
        }
        if (received > size)
        {
            problem = "received " + Quote(f) + " is larger than size " + std::to_string(size);
            return MALFORMED;
        }
    }

    std::string_view method = "GET";
    if (m_index[METHOD] >= 0)
    {
        method = m_fields[m_index[METHOD]];
        if (!TraceRecord::IsToken(method))
        {
            problem = "method " + Quote(method) + " is not a method name";
            return MALFORMED;
        }
    }

    uint64_t status = 200;
    if (m_index[STATUS] >= 0)
    {
        f = m_fields[m_index[STATUS]];
        if (ParseUnsigned(f, status) != NUMBER_OK || status > 999)
        {
            problem = "status " + Quote(f) + " is not an HTTP status (0 to 999)";
            return MALFORMED;
        }
    }

    uint64_t version = 0;
    if (m_index[VERSION] >= 0)
    {
        f = m_fields[m_index[VERSION]];
        if (ParseUnsigned(f, version) != NUMBER_OK || version > UINT32_MAX)
        {
            problem = "version " + Quote(f) + " is not a version number (0 to 4294967295)";
            return MALFORMED;
        }
    }

    if (m_index[TYPE] >= 0 && TraceRecord::HasControl(m_fields[m_index[TYPE]]))
    {
        problem = "type " + Quote(m_fields[m_index[TYPE]]) + " has control characters";
        return MALFORMED;
    }

    TimeInPlace::Set(out.time, ns);
    out.client = static_cast<uint32_t>(client);
    out.server.assign(server);
    out.SetPath(path);
    out.method.assign(method);
    out.size = size;
    out.received = received;
    out.status = static_cast<unsigned>(status);
    if (m_index[TYPE] >= 0)
    {
        out.contentType.assign(m_fields[m_index[TYPE]]);
    }
    else
    {
        out.contentType.clear();
    }
    out.cookie = flags[0];
    out.setCookie = flags[1];
    out.clientNoCache = flags[2];
    out.serverNoCache = flags[3];
    out.authorization = flags[4];
    out.persistent = flags[5];
    out.version = static_cast<uint32_t>(version);
    return RECORD;
}

} // namespace ns3
