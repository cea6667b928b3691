/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PROXY_ALIAS_RESOLVER_H
#define PROXY_ALIAS_RESOLVER_H

#include "ns3/application.h"
#include "ns3/dns-resolver.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <optional>
#include <string>
#include <vector>

namespace ns3
{

class WebClient;

/**
 * \ingroup web-proxy
 * A client node configured with its proxy's name rather than its address: the first level of
 * [Depot]'s two-level balancing ("given an alias site name of a depot system, a client
 * contacts an intelligent DNS server and is given back an IP address of the depot").
 *
 * At start the application asks its DnsResolver (Server, Port) for Alias and sets the Proxy
 * attribute of the WebClients of its node (AddClient) to the answer and ProxyPort; it asks
 * again when the answer's TTL has run out (at least MinInterval later), so that a changed
 * answer moves the clients' next requests. A failed query is retried after MinInterval and
 * the clients keep the proxy they had. Requests issued before the first answer go where the
 * clients' Proxy attribute already points (unset: direct), so the clients' requests should
 * begin after the resolver's start.
 *
 * The WebClients must be on this application's node.
 */
class ProxyAliasResolver : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ProxyAliasResolver();
    ~ProxyAliasResolver() override;

    /// \param client a WebClient of this node whose Proxy follows the alias
    void AddClient(Ptr<WebClient> client);

    /// \return queries asked of the resolver (cached answers included)
    uint64_t GetLookups() const;
    /// \return answers received (each sets the clients' proxy)
    uint64_t GetAnswers() const;
    /// \return answers that gave another address than the one before
    uint64_t GetChanges() const;
    /// \return lookups that failed
    uint64_t GetFailures() const;
    /// \return the current proxy address (0.0.0.0 before the first answer)
    Ipv4Address GetProxy() const;

    /// Signature of the ProxyChanged trace: old address (0.0.0.0 at first), new address.
    typedef void (*ProxyChangedCallback)(Ipv4Address from, Ipv4Address to);

  protected:
    /// Cancels the next lookup, disposes of the resolver and forgets the clients.
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Ask the resolver for the alias.
    void Lookup();

    /**
     * Told the outcome of a lookup.
     * \param address the alias's address, if any
     * \param error why not
     */
    void Answered(std::optional<Ipv4Address> address, const std::string& error);

    /**
     * The resolver's Resolved trace: remembers the TTL of the alias's answer.
     * \param name the name resolved
     * \param address its address
     * \param ttl the answer's TTL
     */
    void NoteTtl(const std::string& name, Ipv4Address address, Time ttl);

    std::string m_alias;                                     //!< the proxy's name
    uint16_t m_proxyPort;                                    //!< the proxy's port
    Ipv4Address m_server;                                    //!< DNS server
    Time m_minInterval;                                      //!< least time between lookups
    Ptr<DnsResolver> m_resolver;                             //!< the node's stub resolver
    std::vector<Ptr<WebClient>> m_clients;                   //!< on this node
    Ipv4Address m_proxy;                                     //!< current answer
    Time m_ttl;                                              //!< TTL of the last answer
    EventId m_next;                                          //!< next lookup
    uint64_t m_lookups{0};                                   //!< lookups
    uint64_t m_answers{0};                                   //!< answers
    uint64_t m_changes{0};                                   //!< changed answers
    uint64_t m_failures{0};                                  //!< failed lookups
    bool m_running{false};                                   //!< between start and stop
    TracedCallback<Ipv4Address, Ipv4Address> m_changedTrace; //!< ProxyChanged
};

} // namespace ns3

#endif // PROXY_ALIAS_RESOLVER_H
