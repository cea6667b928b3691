/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "socks5-rules.h"

#include <cstdlib>
#include <sstream>

namespace ns3
{

namespace
{

std::vector<std::string>
SplitList(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream s(text);
    std::string item;
    while (std::getline(s, item, ','))
    {
        const size_t b = item.find_first_not_of(" \t");
        const size_t e = item.find_last_not_of(" \t");
        items.push_back(b == std::string::npos ? std::string() : item.substr(b, e - b + 1));
    }
    return items;
}

/// Decimal number in [lo, hi], nothing else.
bool
ParseNumber(const std::string& s, unsigned long lo, unsigned long hi, unsigned long& out)
{
    if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos)
    {
        return false;
    }
    out = std::strtoul(s.c_str(), nullptr, 10);
    return out >= lo && out <= hi;
}

/// Dotted quad, four numbers 0-255.
bool
ParseQuad(const std::string& s, Ipv4Address& out)
{
    std::stringstream in(s);
    std::string part;
    uint32_t a = 0;
    int n = 0;
    while (std::getline(in, part, '.'))
    {
        unsigned long v;
        if (++n > 4 || !ParseNumber(part, 0, 255, v))
        {
            return false;
        }
        a = (a << 8) | v;
    }
    if (n != 4 || s.back() == '.')
    {
        return false;
    }
    out = Ipv4Address(a);
    return true;
}

} // namespace

bool
Socks5Rules::SetDestinations(const std::string& text, std::string& error)
{
    std::vector<std::pair<Ipv4Address, Ipv4Mask>> prefixes;
    for (const auto& item : text.empty() ? std::vector<std::string>() : SplitList(text))
    {
        const size_t slash = item.find('/');
        Ipv4Address a;
        unsigned long len = 32;
        if (!ParseQuad(item.substr(0, slash), a)
            || (slash != std::string::npos && !ParseNumber(item.substr(slash + 1), 0, 32, len)))
        {
            error = "'" + item + "' is not a prefix (a.b.c.d/len, len 0 to 32)";
            return false;
        }
        const Ipv4Mask mask(len == 0 ? 0u : ~0u << (32 - len));
        prefixes.emplace_back(a.CombineMask(mask), mask);
    }
    m_prefixes = std::move(prefixes);
    m_destText = text;
    return true;
}

bool
Socks5Rules::SetPorts(const std::string& text, std::string& error)
{
    std::vector<std::pair<uint16_t, uint16_t>> ports;
    for (const auto& item : text.empty() ? std::vector<std::string>() : SplitList(text))
    {
        const size_t dash = item.find('-');
        unsigned long lo = 0;
        unsigned long hi = 0;
        const bool ok
            = ParseNumber(item.substr(0, dash), 1, 65535, lo)
           && (dash == std::string::npos ? (hi = lo, true)
                                         : ParseNumber(item.substr(dash + 1), lo, 65535, hi));
        if (!ok)
        {
            error = "'" + item + "' is not a port or range (1 to 65535, low-high)";
            return false;
        }
        ports.emplace_back(static_cast<uint16_t>(lo), static_cast<uint16_t>(hi));
    }
    m_ports = std::move(ports);
    m_portText = text;
    return true;
}

bool
Socks5Rules::SetCredentials(const std::string& text, std::string& error)
{
    std::map<std::string, std::string> creds;
    for (const auto& item : text.empty() ? std::vector<std::string>() : SplitList(text))
    {
        const size_t colon = item.find(':');
        if (colon == std::string::npos || colon == 0 || colon > 255 || colon + 1 == item.size()
            || item.size() - colon - 1 > 255)
        {
            error = "'" + item + "' is not user:password (each 1 to 255 bytes, RFC 1929)";
            return false;
        }
        creds[item.substr(0, colon)] = item.substr(colon + 1);
    }
    m_credentials = std::move(creds);
    m_credText = text;
    return true;
}

const std::string&
Socks5Rules::GetDestinations() const
{
    return m_destText;
}

const std::string&
Socks5Rules::GetPorts() const
{
    return m_portText;
}

const std::string&
Socks5Rules::GetCredentials() const
{
    return m_credText;
}

bool
Socks5Rules::Allows(Ipv4Address address, uint16_t port) const
{
    bool dest = m_prefixes.empty();
    for (const auto& [net, mask] : m_prefixes)
    {
        dest = dest || address.CombineMask(mask) == net;
    }
    bool portOk = m_ports.empty();
    for (const auto& [lo, hi] : m_ports)
    {
        portOk = portOk || (port >= lo && port <= hi);
    }
    return dest && portOk;
}

bool
Socks5Rules::Accepts(const std::string& username, const std::string& password) const
{
    auto it = m_credentials.find(username);
    return it != m_credentials.end() && it->second == password;
}

bool
Socks5Rules::HasCredentials() const
{
    return !m_credentials.empty();
}

} // namespace ns3
