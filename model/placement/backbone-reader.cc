/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "backbone-reader.h"

#include "edge-list-backbone-reader.h"
#include "graphml-backbone-reader.h"
#include "inet-backbone-reader.h"
#include "orbis-backbone-reader.h"
#include "rocketfuel-backbone-reader.h"
#include "rocketfuel-map-backbone-reader.h"

#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ns3
{

BackboneReader::~BackboneReader() = default;

BackboneGraph
BackboneReader::ReadFile(const std::string& path) const
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        throw TopologyFormatError(path, 0, std::string("cannot open: ") + std::strerror(errno));
    }
    return Read(in, path);
}

std::unique_ptr<BackboneReader>
BackboneReader::Create(const std::string& format)
{
    if (format == "graphml")
    {
        return std::make_unique<GraphmlBackboneReader>();
    }
    if (format == "rocketfuel")
    {
        return std::make_unique<RocketfuelBackboneReader>();
    }
    if (format == "cch")
    {
        return std::make_unique<RocketfuelMapBackboneReader>();
    }
    if (format == "inet")
    {
        return std::make_unique<InetBackboneReader>();
    }
    if (format == "orbis")
    {
        return std::make_unique<OrbisBackboneReader>();
    }
    if (format == "edgelist")
    {
        return std::make_unique<EdgeListBackboneReader>();
    }
    std::string valid;
    for (const auto& f : GetFormatNames())
    {
        valid += (valid.empty() ? "" : ", ") + f;
    }
    throw std::invalid_argument("unknown topology format '" + format + "' (valid: auto, " + valid
                                + ")");
}

std::vector<std::string>
BackboneReader::GetFormatNames()
{
    return {"graphml", "rocketfuel", "cch", "inet", "orbis", "edgelist"};
}

namespace
{

/// \param s a field \return true when s is a non-negative decimal integer
bool
IsInteger(const std::string& s)
{
    if (s.empty())
    {
        return false;
    }
    for (char c : s)
    {
        if (!std::isdigit(static_cast<unsigned char>(c)))
        {
            return false;
        }
    }
    return true;
}

/// \param s a field \return true when s is a finite number
bool
IsNumber(const std::string& s)
{
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    return !s.empty() && end == s.c_str() + s.size() && std::isfinite(v);
}

} // namespace

std::string
BackboneReader::DetectFormat(const std::string& path)
{
    struct stat st;
    if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    {
        return "rocketfuel";
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        throw TopologyFormatError(path, 0, std::string("cannot open: ") + std::strerror(errno));
    }
    std::string line;
    uint64_t lineNo = 0;
    if (!NextLine(in, line, lineNo))
    {
        throw TopologyFormatError(path, 0, "empty file: cannot tell its topology format");
    }
    const size_t first = line.find_first_not_of(" \t\xEF\xBB\xBF");
    if (first != std::string::npos && line[first] == '<')
    {
        return "graphml";
    }
    std::vector<std::string> f = Split(line);
    if (f[0] == "node" || f[0] == "edge")
    {
        return "edgelist";
    }
    if (RocketfuelMapBackboneReader::LooksLikeMapLine(line))
    {
        return "cch";
    }
    const uint64_t firstLine = lineNo;
    std::string second;
    const bool more = NextLine(in, second, lineNo);
    const std::vector<std::string> g = more ? Split(second) : std::vector<std::string>{};
    if (f.size() == 2 && IsInteger(f[0]) && IsInteger(f[1]) && g.size() == 3)
    {
        return "inet";
    }
    if (f.size() == 3 && IsNumber(f[2]))
    {
        return "rocketfuel";
    }
    if (f.size() == 2)
    {
        return "orbis";
    }
    throw TopologyFormatError(path,
                              firstLine,
                              "cannot tell the topology format from '" + line
                                  + "' (give the format: graphml, rocketfuel, cch, inet, orbis "
                                    "or edgelist)");
}

BackboneGraph
BackboneReader::Load(const std::string& path, const std::string& format)
{
    const std::string f = format == "auto" ? DetectFormat(path) : format;
    std::unique_ptr<BackboneReader> r;
    try
    {
        r = Create(f);
    }
    catch (const std::invalid_argument& e)
    {
        throw TopologyFormatError(path, 0, e.what());
    }
    return r->ReadFile(path);
}

bool
BackboneReader::NextLine(std::istream& in, std::string& line, uint64_t& lineNo)
{
    while (std::getline(in, line))
    {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        if (lineNo == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
        {
            line.erase(0, 3);
        }
        // Any white space Split() separates on, so that a line returned has a first field.
        const size_t p = line.find_first_not_of(" \t\r\n\v\f");
        if (p != std::string::npos && line[p] != '#')
        {
            return true;
        }
    }
    return false;
}

std::vector<std::string>
BackboneReader::Split(const std::string& line)
{
    std::istringstream is(line);
    std::vector<std::string> out;
    std::string f;
    while (is >> f)
    {
        out.push_back(f);
    }
    return out;
}

double
BackboneReader::Number(const std::string& text,
                       const std::string& what,
                       const std::string& file,
                       uint64_t line)
{
    if (!IsNumber(text))
    {
        throw TopologyFormatError(file, line, what + " '" + text + "' is not a number");
    }
    return std::strtod(text.c_str(), nullptr);
}

} // namespace ns3
