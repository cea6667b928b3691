/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rocketfuel-map-backbone-reader.h"

#include <cctype>
#include <map>
#include <set>

namespace ns3
{

namespace
{

/// The syntax of an internal router's line, for error messages.
const char* const SYNTAX
    = "expected 'UID @LOCATION [+] [bb] (NEIGHBOURS) [&EXTERNAL] -> <UID>... {-EUID}... =NAME rN'";

/// \param s a field \param allowMinus whether a leading '-' is allowed
/// \return true when s is a decimal integer
bool
IsInt(const std::string& s, bool allowMinus)
{
    size_t i = allowMinus && !s.empty() && s[0] == '-' ? 1 : 0;
    if (i == s.size())
    {
        return false;
    }
    for (; i < s.size(); ++i)
    {
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
        {
            return false;
        }
    }
    return true;
}

/// \param s a field \param open its opening \param close its closing
/// \return the text between them, or "" when s is not of that form
std::string
Inside(const std::string& s, const std::string& open, char close)
{
    if (s.size() > open.size() + 1 && s.compare(0, open.size(), open) == 0 && s.back() == close)
    {
        return s.substr(open.size(), s.size() - open.size() - 1);
    }
    return "";
}

/// One internal router as read.
struct Router
{
    std::string name;                                    //!< LOCATION#UID
    std::vector<std::pair<std::string, uint64_t>> links; //!< neighbour UID, line
};

} // namespace

std::string
RocketfuelMapBackboneReader::GetFormatName() const
{
    return "cch";
}

bool
RocketfuelMapBackboneReader::LooksLikeMapLine(const std::string& line)
{
    const std::vector<std::string> f = Split(line);
    return f.size() >= 2 && IsInt(f[0], true) && (f[1][0] == '@' || f[1][0] == '=');
}

BackboneGraph
RocketfuelMapBackboneReader::Read(std::istream& in, const std::string& name) const
{
    std::map<std::string, uint64_t> defined; // UID -> its line
    std::vector<std::pair<std::string, Router>> routers;
    std::vector<std::string> warnings;
    std::string line;
    uint64_t n = 0;
    while (NextLine(in, line, n))
    {
        const std::vector<std::string> f = Split(line);
        if (f.size() == 3 && f[0][0] == '-' && IsInt(f[0], true) && f[1][0] == '=' && f[2][0] == 'r'
            && IsInt(f[2].substr(1), false))
        {
            continue; // an external router: another ISP's
        }
        if (f.size() < 5 || !IsInt(f[0], false) || f[1].size() < 2 || f[1][0] != '@')
        {
            throw TopologyFormatError(name, n, SYNTAX);
        }
        size_t i = 2;
        i += i < f.size() && f[i] == "+";
        i += i < f.size() && f[i] == "bb";
        const std::string count = i < f.size() ? Inside(f[i], "(", ')') : "";
        if (!IsInt(count, false))
        {
            throw TopologyFormatError(name, n, SYNTAX + std::string(": no (NEIGHBOURS) count"));
        }
        ++i;
        std::string external = "0";
        if (i < f.size() && f[i][0] == '&')
        {
            external = f[i].substr(1);
            if (!IsInt(external, false))
            {
                throw TopologyFormatError(name, n, "external count '" + f[i] + "' is not &N");
            }
            ++i;
        }
        if (i >= f.size() || f[i] != "->")
        {
            throw TopologyFormatError(name, n, SYNTAX + std::string(": no '->'"));
        }
        ++i;
        Router r;
        r.name = f[1].substr(1) + "#" + f[0];
        for (; i < f.size() && f[i][0] == '<'; ++i)
        {
            const std::string uid = Inside(f[i], "<", '>');
            if (!IsInt(uid, false))
            {
                throw TopologyFormatError(name, n, "neighbour '" + f[i] + "' is not <UID>");
            }
            r.links.emplace_back(uid, n);
        }
        uint64_t externals = 0;
        for (; i < f.size() && f[i][0] == '{'; ++i, ++externals)
        {
            if (!IsInt(Inside(f[i], "{", '}'), true))
            {
                throw TopologyFormatError(name, n, "external '" + f[i] + "' is not {-EUID}");
            }
        }
        if (i + 2 != f.size() || f[i].size() < 2 || f[i][0] != '=' || f[i + 1][0] != 'r'
            || !IsInt(f[i + 1].substr(1), false))
        {
            throw TopologyFormatError(name, n, SYNTAX + std::string(": no '=NAME rN' at the end"));
        }
        if (std::stoull(count) != r.links.size())
        {
            throw TopologyFormatError(name,
                                      n,
                                      "router " + f[0] + " says (" + count
                                          + ") neighbours but lists "
                                          + std::to_string(r.links.size()));
        }
        if (std::stoull(external) != externals)
        {
            throw TopologyFormatError(name,
                                      n,
                                      "router " + f[0] + " says &" + external
                                          + " external links but lists "
                                          + std::to_string(externals));
        }
        auto [it, added] = defined.emplace(f[0], n);
        if (!added)
        {
            throw TopologyFormatError(name,
                                      n,
                                      "router " + f[0] + " is defined twice (first on line "
                                          + std::to_string(it->second) + ")");
        }
        routers.emplace_back(f[0], std::move(r));
    }
    BackboneGraph g(name);
    std::map<std::string, uint32_t> index;
    for (const auto& [uid, r] : routers)
    {
        index[uid] = g.AddNode(r.name);
    }
    std::set<std::pair<uint32_t, uint32_t>> seen;
    for (const auto& [uid, r] : routers)
    {
        const uint32_t a = index[uid];
        for (const auto& [to, at] : r.links)
        {
            auto it = index.find(to);
            if (it == index.end())
            {
                throw TopologyFormatError(name,
                                          at,
                                          "neighbour <" + to + "> of router " + uid
                                              + " is not defined in the file");
            }
            const uint32_t b = it->second;
            if (a == b)
            {
                warnings.push_back(name + ":" + std::to_string(at) + ": router " + uid
                                   + " lists itself as a neighbour; skipped");
                continue;
            }
            if (seen.insert({std::min(a, b), std::max(a, b)}).second)
            {
                g.AddLink(a, b, 1.0, 1.0);
            }
        }
    }
    g.AddWarning("a Rocketfuel .cch map has no latencies: every link has 1 ms and weight 1");
    for (const auto& w : warnings)
    {
        g.AddWarning(w);
    }
    return g;
}

} // namespace ns3
