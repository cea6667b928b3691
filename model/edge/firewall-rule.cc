/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "firewall-rule.h"

#include <sstream>

namespace ns3
{

namespace
{
/// \return the protocols whose header carries ports
bool
HasPorts(uint8_t protocol)
{
    return protocol == 6 || protocol == 17;
}
} // namespace

bool
FirewallRule::HasPortRanges() const
{
    return sourcePortMin != 0 || sourcePortMax != 65535 || destinationPortMin != 0
        || destinationPortMax != 65535;
}

bool
FirewallRule::Matches(Ipv4Address src,
                      Ipv4Address dst,
                      uint8_t proto,
                      uint16_t sport,
                      uint16_t dport,
                      bool hasPorts,
                      Direction dir) const
{
    if (direction != ANY && direction != dir)
    {
        return false;
    }
    if (protocol != 0 && protocol != proto)
    {
        return false;
    }
    if (!sourceMask.IsMatch(src, source) || !destinationMask.IsMatch(dst, destination))
    {
        return false;
    }
    if (HasPortRanges())
    {
        if (!hasPorts)
        {
            return false;
        }
        if (sport < sourcePortMin || sport > sourcePortMax || dport < destinationPortMin
            || dport > destinationPortMax)
        {
            return false;
        }
    }
    return true;
}

std::string
FirewallRule::Validate() const
{
    if (sourcePortMin > sourcePortMax)
    {
        return "source port range " + std::to_string(sourcePortMin) + "-"
             + std::to_string(sourcePortMax) + " is empty (min > max)";
    }
    if (destinationPortMin > destinationPortMax)
    {
        return "destination port range " + std::to_string(destinationPortMin) + "-"
             + std::to_string(destinationPortMax) + " is empty (min > max)";
    }
    if (HasPortRanges() && !HasPorts(protocol))
    {
        return "port ranges need protocol 6 (TCP) or 17 (UDP), not " + std::to_string(protocol);
    }
    if (direction > ANY)
    {
        return "direction " + std::to_string(direction) + " is not IN, OUT or ANY";
    }
    if (action > REJECT)
    {
        return "action " + std::to_string(action) + " is not ALLOW, DENY or REJECT";
    }
    return "";
}

std::string
FirewallRule::ToString() const
{
    static const char* const actions[] = {"allow", "deny", "reject"};
    static const char* const directions[] = {"in", "out", "any"};
    std::ostringstream os;
    os << actions[action % 3] << ' ' << directions[direction % 3] << ' ';
    if (protocol == 0)
    {
        os << "all";
    }
    else if (protocol == 6)
    {
        os << "tcp";
    }
    else if (protocol == 17)
    {
        os << "udp";
    }
    else
    {
        os << "proto" << unsigned(protocol);
    }
    os << ' ' << source << '/' << sourceMask.GetPrefixLength() << ':' << sourcePortMin << '-'
       << sourcePortMax << " -> " << destination << '/' << destinationMask.GetPrefixLength() << ':'
       << destinationPortMin << '-' << destinationPortMax;
    return os.str();
}

} // namespace ns3
