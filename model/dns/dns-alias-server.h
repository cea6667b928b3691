/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNS_ALIAS_SERVER_H
#define DNS_ALIAS_SERVER_H

#include "dns-message.h"

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * The "intelligent DNS server" of [Depot]'s first level of load balancing: a client asks for
 * the alias name of a depot system and gets back the address of one of its depots. Each alias
 * has its own list of addresses; the Policy picks one per query:
 *
 * - RoundRobin: the alias's addresses in turn (the first query gets the first address);
 * - Locality: the preferred address of the longest client prefix (AddLocality) that
 *   contains the asking client, if that address serves the alias; otherwise round robin
 *   (counted as a locality miss).
 *
 * Answers are authoritative, one A record with the TTL attribute. An unknown name gets
 * NXDOMAIN; a known name asked for another type or class gets no record (NOERROR); an opcode
 * other than QUERY gets NOTIMP. A datagram that is not a valid query is dropped and counted
 * (the Malformed trace names the DnsError). Listens on UDP Port (53).
 */
class DnsAliasServer : public Application
{
  public:
    /// How the answer is chosen among an alias's addresses.
    enum Policy
    {
        ROUND_ROBIN, //!< in turn
        LOCALITY,    //!< nearest to the client (AddLocality), else in turn
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    DnsAliasServer();
    ~DnsAliasServer() override;

    /**
     * \brief Serve a name. A name given again gets the new list (its turn restarts).
     * \param name the alias (case and a trailing dot do not matter)
     * \param addresses its addresses (depots), at least one
     */
    void AddAlias(const std::string& name, const std::vector<Ipv4Address>& addresses);

    /**
     * \brief Clients in a prefix prefer an address (Locality policy).
     * \param prefix network address of the clients
     * \param mask its mask
     * \param preferred the address they get when it serves the alias asked for
     */
    void AddLocality(Ipv4Address prefix, Ipv4Mask mask, Ipv4Address preferred);

    /// \return locality entries configured
    uint32_t GetLocalityCount() const;

    /**
     * \brief The answer to a query from a client (also used by the socket path).
     * \param query the decoded query
     * \param client the asking client's address
     * \return the response
     */
    DnsMessage Respond(const DnsMessage& query, Ipv4Address client);

    /// \return queries decoded
    uint64_t GetQueryCount() const;
    /// \return answers with an address
    uint64_t GetAnswerCount() const;
    /// \return NXDOMAIN responses
    uint64_t GetNxDomainCount() const;
    /// \return datagrams dropped as malformed
    uint64_t GetMalformedCount() const;
    /// \return Locality answers that fell back to round robin
    uint64_t GetLocalityMissCount() const;

    /// Signature of the Answer trace: name, address given, client.
    typedef void (*AnswerCallback)(const std::string& name,
                                   Ipv4Address address,
                                   Ipv4Address client);
    /// Signature of the NxDomain trace: name, client.
    typedef void (*NxDomainCallback)(const std::string& name, Ipv4Address client);
    /// Signature of the Malformed trace: error name, client.
    typedef void (*MalformedCallback)(const std::string& error, Ipv4Address client);

  protected:
    /// Drops the socket.
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void HandleRead(Ptr<Socket> socket);
    /// \return the answer for a known alias and client
    Ipv4Address Choose(const std::string& name, Ipv4Address client);
    void SetPolicy(std::string policy);
    std::string GetPolicy() const;

    /// One alias's addresses and whose turn it is.
    struct Alias
    {
        std::vector<Ipv4Address> addresses; //!< the depots
        uint32_t next{0};                   //!< round-robin position
    };

    /// Clients of a prefix and their preferred address.
    struct Locality
    {
        Ipv4Address prefix;    //!< network address
        Ipv4Mask mask;         //!< its mask
        Ipv4Address preferred; //!< their address
    };

    uint16_t m_port;
    Time m_ttl;
    Policy m_policy{ROUND_ROBIN};
    Ptr<Socket> m_socket;
    std::map<std::string, Alias> m_aliases;
    std::vector<Locality> m_locality;
    uint64_t m_queries{0};
    uint64_t m_answers{0};
    uint64_t m_nxdomain{0};
    uint64_t m_malformed{0};
    uint64_t m_localityMisses{0};

    TracedCallback<const std::string&, Ipv4Address, Ipv4Address> m_answerTrace;
    TracedCallback<const std::string&, Ipv4Address> m_nxdomainTrace;
    TracedCallback<const std::string&, Ipv4Address> m_malformedTrace;
};

} // namespace ns3

#endif // DNS_ALIAS_SERVER_H
