/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SOCKS5_MESSAGE_H
#define SOCKS5_MESSAGE_H

#include "ns3/ipv4-address.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * The SOCKS version 5 messages of RFC 1928 (method negotiation, request, reply) and the
 * username/password sub-negotiation of RFC 1929, byte for byte.
 *
 * Every Parse reads one message from the front of a byte stream and tells how many bytes it
 * took; TRUNCATED means the stream ends inside the message (a stream reader waits for more,
 * a closed stream is malformed). Every other malformed input has its own Error. Serialise
 * refuses fields the wire cannot carry (lengths out of range) with an Error as well.
 */
class Socks5Message
{
  public:
    static constexpr uint8_t VERSION = 0x05;      //!< VER of RFC 1928 messages
    static constexpr uint8_t AUTH_VERSION = 0x01; //!< VER of the RFC 1929 sub-negotiation

    /// Authentication methods (RFC 1928 section 3).
    enum Method : uint8_t
    {
        NO_AUTH = 0x00,      //!< no authentication required
        GSSAPI = 0x01,       //!< GSSAPI (not implemented by the gateway)
        USER_PASS = 0x02,    //!< username/password (RFC 1929)
        NO_ACCEPTABLE = 0xFF //!< no acceptable methods
    };

    /// Request commands (RFC 1928 section 4).
    enum Command : uint8_t
    {
        CONNECT = 0x01,      //!< TCP connect
        BIND = 0x02,         //!< wait for an inbound connection (not implemented)
        UDP_ASSOCIATE = 0x03 //!< UDP relay (not implemented)
    };

    /// Address types (RFC 1928 section 5).
    enum AddressType : uint8_t
    {
        IPV4 = 0x01,   //!< 4 bytes
        DOMAIN = 0x03, //!< length byte and name
        IPV6 = 0x04    //!< 16 bytes
    };

    /// Reply codes (RFC 1928 section 6).
    enum Reply : uint8_t
    {
        SUCCEEDED = 0x00,                 //!< succeeded
        GENERAL_FAILURE = 0x01,           //!< general SOCKS server failure
        NOT_ALLOWED = 0x02,               //!< connection not allowed by ruleset
        NETWORK_UNREACHABLE = 0x03,       //!< network unreachable
        HOST_UNREACHABLE = 0x04,          //!< host unreachable
        CONNECTION_REFUSED = 0x05,        //!< connection refused
        TTL_EXPIRED = 0x06,               //!< TTL expired
        COMMAND_NOT_SUPPORTED = 0x07,     //!< command not supported
        ADDRESS_TYPE_NOT_SUPPORTED = 0x08 //!< address type not supported
    };

    /// What is wrong with a message.
    enum class Error
    {
        NONE,                 //!< a well-formed message
        TRUNCATED,            //!< the bytes end inside the message
        BAD_VERSION,          //!< VER is not 5
        BAD_AUTH_VERSION,     //!< sub-negotiation VER is not 1
        NO_METHODS,           //!< NMETHODS is 0 (RFC 1928: 1 to 255)
        UNKNOWN_METHOD,       //!< a method that cannot be offered or chosen here
        UNKNOWN_COMMAND,      //!< CMD is not 1, 2 or 3
        UNKNOWN_ADDRESS_TYPE, //!< ATYP is not 1, 3 or 4
        UNKNOWN_REPLY,        //!< REP is above 8
        BAD_RESERVED,         //!< RSV is not 0
        EMPTY_DOMAIN,         //!< a domain name of length 0
        DOMAIN_TOO_LONG,      //!< a domain name over 255 bytes (serialising)
        EMPTY_USERNAME,       //!< ULEN is 0 (RFC 1929: 1 to 255)
        USERNAME_TOO_LONG,    //!< a username over 255 bytes (serialising)
        EMPTY_PASSWORD,       //!< PLEN is 0 (RFC 1929: 1 to 255)
        PASSWORD_TOO_LONG,    //!< a password over 255 bytes (serialising)
        TOO_MANY_METHODS      //!< more than 255 methods (serialising)
    };

    /**
     * \param e an error
     * \return its name, e.g. "BAD_VERSION"
     */
    static const char* ErrorName(Error e);

    /**
     * \param reply a reply code
     * \return its RFC 1928 meaning, e.g. "connection refused"
     */
    static const char* ReplyName(uint8_t reply);

    /// A destination or bound address and port.
    struct Endpoint
    {
        uint8_t type{IPV4};                       //!< ATYP
        Ipv4Address ipv4;                         //!< with IPV4
        std::string domain;                       //!< with DOMAIN
        std::array<uint8_t, 16> ipv6{};           //!< with IPV6
        uint16_t port{0};                         //!< port, host order
        bool operator==(const Endpoint& o) const; //!< \param o other \return equal
    };

    /// Client greeting: VER NMETHODS METHODS.
    struct Greeting
    {
        std::vector<uint8_t> methods; //!< methods offered, 1 to 255
    };

    /// Server's method selection: VER METHOD.
    struct MethodSelection
    {
        uint8_t method{NO_ACCEPTABLE}; //!< chosen method
    };

    /// RFC 1929 request: VER ULEN UNAME PLEN PASSWD.
    struct AuthRequest
    {
        std::string username; //!< 1 to 255 bytes
        std::string password; //!< 1 to 255 bytes
    };

    /// RFC 1929 reply: VER STATUS.
    struct AuthReply
    {
        uint8_t status{0}; //!< 0: success, anything else: failure
    };

    /// Request: VER CMD RSV ATYP DST.ADDR DST.PORT.
    struct Request
    {
        uint8_t command{CONNECT}; //!< CMD
        Endpoint destination;     //!< DST
    };

    /// Reply: VER REP RSV ATYP BND.ADDR BND.PORT.
    struct ReplyMessage
    {
        uint8_t reply{SUCCEEDED}; //!< REP
        Endpoint bound;           //!< BND
    };

    /// Longest greeting: 2 + 255 methods.
    static constexpr size_t MAX_GREETING = 257;
    /// Longest RFC 1929 request: 3 + 255 + 255.
    static constexpr size_t MAX_AUTH_REQUEST = 513;
    /// Longest request or reply: 4 + 1 + 255 + 2.
    static constexpr size_t MAX_REQUEST = 262;

    /**
     * \param data bytes
     * \param size how many
     * \param out the message, when NONE
     * \param used bytes the message took, when NONE
     * \return NONE or what is wrong
     */
    static Error Parse(const uint8_t* data, size_t size, Greeting& out, size_t& used);
    /// \copydoc Parse(const uint8_t*,size_t,Greeting&,size_t&)
    static Error Parse(const uint8_t* data, size_t size, MethodSelection& out, size_t& used);
    /// \copydoc Parse(const uint8_t*,size_t,Greeting&,size_t&)
    static Error Parse(const uint8_t* data, size_t size, AuthRequest& out, size_t& used);
    /// \copydoc Parse(const uint8_t*,size_t,Greeting&,size_t&)
    static Error Parse(const uint8_t* data, size_t size, AuthReply& out, size_t& used);
    /// \copydoc Parse(const uint8_t*,size_t,Greeting&,size_t&)
    static Error Parse(const uint8_t* data, size_t size, Request& out, size_t& used);
    /// \copydoc Parse(const uint8_t*,size_t,Greeting&,size_t&)
    static Error Parse(const uint8_t* data, size_t size, ReplyMessage& out, size_t& used);

    /**
     * \param m a message
     * \param out its bytes are appended here, when NONE
     * \return NONE or the field the wire cannot carry
     */
    static Error Serialise(const Greeting& m, std::vector<uint8_t>& out);
    /// \copydoc Serialise(const Greeting&,std::vector<uint8_t>&)
    static Error Serialise(const MethodSelection& m, std::vector<uint8_t>& out);
    /// \copydoc Serialise(const Greeting&,std::vector<uint8_t>&)
    static Error Serialise(const AuthRequest& m, std::vector<uint8_t>& out);
    /// \copydoc Serialise(const Greeting&,std::vector<uint8_t>&)
    static Error Serialise(const AuthReply& m, std::vector<uint8_t>& out);
    /// \copydoc Serialise(const Greeting&,std::vector<uint8_t>&)
    static Error Serialise(const Request& m, std::vector<uint8_t>& out);
    /// \copydoc Serialise(const Greeting&,std::vector<uint8_t>&)
    static Error Serialise(const ReplyMessage& m, std::vector<uint8_t>& out);

  private:
    static Error ParseEndpoint(const uint8_t* data, size_t size, size_t& pos, Endpoint& e);
    static Error SerialiseEndpoint(const Endpoint& e, std::vector<uint8_t>& out);
};

} // namespace ns3

#endif // SOCKS5_MESSAGE_H
