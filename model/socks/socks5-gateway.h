/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SOCKS5_GATEWAY_H
#define SOCKS5_GATEWAY_H

#include "socks5-rules.h"

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace ns3
{

class Socks5Session;

/**
 * \ingroup web-proxy
 * A SOCKS version 5 server (RFC 1928, CONNECT only; methods "no authentication" and
 * username/password of RFC 1929) on a firewall or edge node: the inside reaches the outside
 * only through it ([Depot]'s proxies behind a firewall).
 *
 * Each client connection is a Socks5Session: method negotiation, CONNECT to an allowed
 * destination (AllowedDestinations, AllowedPorts; else reply 0x02), then a byte relay in both
 * directions that reads one side only while the other side's TCP send buffer (BufferSize)
 * has room, and passes each side's FIN on to the other once everything before it went out.
 * Every phase has its own timeout, and the session table is bounded (MaxSessions: further
 * SYNs go unanswered).
 */
class Socks5Gateway : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    Socks5Gateway();
    ~Socks5Gateway() override;

    /// Maps a domain name of a request (ATYP 3) to an address; nullopt: unknown.
    using Resolver = std::function<std::optional<Ipv4Address>(const std::string& name)>;
    /**
     * Set how domain names are resolved. Without one, domain-name requests get "host
     * unreachable".
     * \param resolver the resolver
     */
    void SetResolver(Resolver resolver);

    /// What the gateway counts.
    struct Counters
    {
        uint64_t accepted{0};           //!< client connections accepted
        uint64_t refusedFull{0};        //!< connections not accepted: MaxSessions reached
        uint64_t malformed{0};          //!< sessions closed for bad SOCKS input
        uint64_t noAcceptableMethod{0}; //!< greetings without a method the gateway takes
        uint64_t authFailed{0};         //!< bad username/password (RFC 1929 status 1)
        uint64_t notAllowed{0};         //!< CONNECTs refused by the ruleset (0x02)
        uint64_t unsupported{0};        //!< BIND, UDP ASSOCIATE or IPv6 (0x07, 0x08)
        uint64_t unreachable{0};        //!< no connection within ConnectTimeout (0x04)
        uint64_t refused{0};            //!< destination answered RST (0x05)
        uint64_t generalFailures{0};    //!< connect could not start (0x01)
        uint64_t connected{0};          //!< CONNECTs that succeeded (0x00)
        uint64_t handshakeTimeouts{0};  //!< clients silent mid-negotiation
        uint64_t idleTimeouts{0};       //!< relays idle for IdleTimeout
        uint64_t resets{0};             //!< relays ended by a RST from either side
        uint64_t completed{0};          //!< relays closed by both sides (FIN both ways)
        uint64_t bytesToDestination{0}; //!< bytes relayed client -> destination
        uint64_t bytesToClient{0};      //!< bytes relayed destination -> client
        uint64_t pauses{0};             //!< reads stopped for want of room on the other side
    };

    /// \return the counters
    const Counters& GetCounters() const;
    /// \return sessions open now
    uint32_t GetSessionCount() const;

    /// Signature of the Reply trace: reply code sent, client address.
    typedef void (*ReplyCallback)(uint8_t reply, const Address& client);
    /// Signature of the Malformed trace: error name, client address.
    typedef void (*MalformedCallback)(const std::string& error, const Address& client);
    /// Signature of the SessionClosed trace: bytes to the destination, bytes to the client.
    typedef void (*SessionClosedCallback)(uint64_t toDestination, uint64_t toClient);

  protected:
    /// Resets every session and drops the listener and the resolver.
    void DoDispose() override;

  private:
    friend class Socks5Session;

    void StartApplication() override;
    void StopApplication() override;
    bool HandleAcceptRequest(Ptr<Socket> socket, const Address& from);
    void HandleAccept(Ptr<Socket> socket, const Address& from);
    void Ended(uint64_t id);

    void SetDestinations(std::string text);
    std::string GetDestinations() const;
    void SetPorts(std::string text);
    std::string GetPorts() const;
    void SetCredentials(std::string text);
    std::string GetCredentials() const;

    // Attributes
    uint16_t m_port;
    bool m_requireAuth;
    Time m_handshakeTimeout;
    Time m_connectTimeout;
    Time m_idleTimeout;
    uint32_t m_maxSessions;
    uint32_t m_bufferSize;

    Socks5Rules m_rules;
    Resolver m_resolver;
    Ptr<Socket> m_listener;
    Counters m_counters;
    uint64_t m_nextId{1};
    std::map<uint64_t, Ptr<Socks5Session>> m_sessions;

    TracedCallback<const Address&> m_acceptTrace;
    TracedCallback<uint8_t, const Address&> m_replyTrace;
    TracedCallback<const std::string&, const Address&> m_malformedTrace;
    TracedCallback<uint64_t, uint64_t> m_closedTrace;
};

} // namespace ns3

#endif // SOCKS5_GATEWAY_H
