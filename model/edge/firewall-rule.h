/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FIREWALL_RULE_H
#define FIREWALL_RULE_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * One rule of a Firewall: which packets it matches (source and destination prefix,
 * protocol, port ranges, direction) and what happens to them. A default-constructed rule
 * matches every packet in both directions and denies it.
 */
struct FirewallRule
{
    /// What a matching packet gets.
    enum Action : uint8_t
    {
        ALLOW,  //!< pass (a new flow gets a connection-tracking entry)
        DENY,   //!< drop silently
        REJECT, //!< drop and answer: TCP RST, or ICMP port unreachable for UDP
    };

    /// Which way the packet crosses the firewall.
    enum Direction : uint8_t
    {
        IN,  //!< arrived on an outside interface
        OUT, //!< arrived on an inside interface
        ANY, //!< either
    };

    Ipv4Address source{Ipv4Address::GetAny()};      //!< source prefix
    Ipv4Mask sourceMask{Ipv4Mask::GetZero()};       //!< its mask (zero: any)
    Ipv4Address destination{Ipv4Address::GetAny()}; //!< destination prefix
    Ipv4Mask destinationMask{Ipv4Mask::GetZero()};  //!< its mask (zero: any)
    uint8_t protocol{0};                            //!< IP protocol (6, 17, ...); 0: any
    uint16_t sourcePortMin{0};                      //!< lowest source port (TCP/UDP)
    uint16_t sourcePortMax{65535};                  //!< highest source port
    uint16_t destinationPortMin{0};                 //!< lowest destination port
    uint16_t destinationPortMax{65535};             //!< highest destination port
    Direction direction{ANY};                       //!< direction matched
    Action action{DENY};                            //!< what a match gets

    /**
     * \param src packet source
     * \param dst packet destination
     * \param proto IP protocol
     * \param sport source port (ignored when hasPorts is false)
     * \param dport destination port
     * \param hasPorts the packet is TCP or UDP with its header present
     * \param dir its direction (IN or OUT)
     * \return true if the rule matches; a rule with port ranges never matches a packet
     *         without ports
     */
    bool Matches(Ipv4Address src,
                 Ipv4Address dst,
                 uint8_t proto,
                 uint16_t sport,
                 uint16_t dport,
                 bool hasPorts,
                 Direction dir) const;

    /// \return true if the rule restricts ports
    bool HasPortRanges() const;

    /**
     * \return an empty string if the rule is consistent, else the problem (a port range with
     *         min > max, port ranges on a protocol without ports, a direction or action
     *         out of range)
     */
    std::string Validate() const;

    /// \return "allow out tcp 10.1.0.0/16:0-65535 -> 0.0.0.0/0:80-80" style text
    std::string ToString() const;
};

} // namespace ns3

#endif // FIREWALL_RULE_H
