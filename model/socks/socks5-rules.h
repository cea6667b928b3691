/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SOCKS5_RULES_H
#define SOCKS5_RULES_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * What a Socks5Gateway lets through: destination prefixes, destination ports and the
 * username/password pairs of RFC 1929. Each list is set from the text of an attribute; a
 * malformed item is refused with a message naming it.
 */
class Socks5Rules
{
  public:
    /**
     * \param text comma-separated prefixes, "10.2.0.0/16" or a bare address (/32); empty:
     *        every destination
     * \param error what is wrong, when false is returned
     * \return whether the list was taken
     */
    bool SetDestinations(const std::string& text, std::string& error);

    /**
     * \param text comma-separated ports or ranges, "80,8000-8080"; empty: every port
     * \param error what is wrong, when false is returned
     * \return whether the list was taken
     */
    bool SetPorts(const std::string& text, std::string& error);

    /**
     * \param text comma-separated "user:password" pairs, each part 1 to 255 bytes
     * \param error what is wrong, when false is returned
     * \return whether the list was taken
     */
    bool SetCredentials(const std::string& text, std::string& error);

    /// \return the destination list as set
    const std::string& GetDestinations() const;
    /// \return the port list as set
    const std::string& GetPorts() const;
    /// \return the credential list as set
    const std::string& GetCredentials() const;

    /**
     * \param address a destination
     * \param port its port
     * \return whether the ruleset allows a connection there
     */
    bool Allows(Ipv4Address address, uint16_t port) const;

    /**
     * \param username the RFC 1929 username
     * \param password the RFC 1929 password
     * \return whether the pair is in the list
     */
    bool Accepts(const std::string& username, const std::string& password) const;

    /// \return whether any credentials are configured
    bool HasCredentials() const;

  private:
    std::string m_destText;
    std::string m_portText;
    std::string m_credText;
    std::vector<std::pair<Ipv4Address, Ipv4Mask>> m_prefixes;
    std::vector<std::pair<uint16_t, uint16_t>> m_ports;
    std::map<std::string, std::string> m_credentials;
};

} // namespace ns3

#endif // SOCKS5_RULES_H
