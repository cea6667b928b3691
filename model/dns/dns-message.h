/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNS_MESSAGE_H
#define DNS_MESSAGE_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Why a DNS message could not be decoded or encoded.
 */
enum class DnsError
{
    NONE,                 //!< no error
    TOO_SHORT,            //!< fewer than the 12 bytes of the header
    TRUNCATED,            //!< a name, question or record runs past the end of the message
    LABEL_TOO_LONG,       //!< a label length byte of 64..191 (reserved label types) or > 63 chars
    EMPTY_LABEL,          //!< an empty label inside a name to encode ("a..b")
    NAME_TOO_LONG,        //!< a name over 255 bytes on the wire
    POINTER_OUT_OF_RANGE, //!< a compression pointer beyond the message
    POINTER_LOOP,         //!< a compression pointer not to an earlier offset (could loop)
    QDCOUNT_MISMATCH,     //!< QDCOUNT is not 1 (one question per message is supported)
    BAD_RDATA_LENGTH,     //!< an A record whose RDLENGTH is not 4, or RDATA over 65535 bytes
    TRAILING_BYTES,       //!< bytes after the last record the counts announce
    TOO_MANY_RECORDS,     //!< more than 65535 records in a section to encode
    QR_NOT_QUERY,         //!< a response where a query was expected (server) or the reverse
};

/**
 * \param e an error
 * \return its name, e.g. "POINTER_LOOP"
 */
const char* DnsErrorName(DnsError e);

/**
 * \ingroup web-proxy
 * A resource record (RFC 1035 4.1.3); RDATA is kept as bytes.
 */
struct DnsResourceRecord
{
    std::string name;           //!< owner name, labels joined by '.', no trailing dot
    uint16_t type{1};           //!< TYPE (1: A)
    uint16_t klass{1};          //!< CLASS (1: IN)
    uint32_t ttl{0};            //!< TTL, seconds
    std::vector<uint8_t> rdata; //!< RDATA

    /**
     * \param o another record
     * \return whether every field is equal
     */
    bool operator==(const DnsResourceRecord& o) const;

    /**
     * \param name owner name
     * \param address the address
     * \param ttl seconds
     * \return an IN A record
     */
    static DnsResourceRecord MakeA(const std::string& name, Ipv4Address address, uint32_t ttl);
    /// \return the address of an A record (RDATA of 4 bytes), else nothing
    std::optional<Ipv4Address> GetA() const;
};

/**
 * \ingroup web-proxy
 * A DNS message (RFC 1035 4.1) as carried in one UDP datagram: the header, exactly one
 * question, and the answer, authority and additional records. Encode compresses an owner
 * name equal to the question's name into a pointer to it (offset 12), as servers do; Decode
 * reads any compressed name, following only pointers to earlier offsets so that no chain of
 * pointers can loop, and checks every length against the message.
 */
class DnsMessage
{
  public:
    static constexpr uint16_t TYPE_A = 1;        //!< host address
    static constexpr uint16_t CLASS_IN = 1;      //!< the Internet
    static constexpr uint8_t RCODE_OK = 0;       //!< no error
    static constexpr uint8_t RCODE_FORMERR = 1;  //!< format error
    static constexpr uint8_t RCODE_SERVFAIL = 2; //!< server failure
    static constexpr uint8_t RCODE_NXDOMAIN = 3; //!< name error: the name does not exist
    static constexpr uint8_t RCODE_NOTIMP = 4;   //!< query kind not implemented
    static constexpr uint32_t HEADER_SIZE = 12;  //!< bytes of the header
    static constexpr uint32_t MAX_NAME = 255;    //!< longest name on the wire, bytes

    uint16_t id{0};                 //!< ID, matches a response to its query
    bool response{false};           //!< QR
    uint8_t opcode{0};              //!< OPCODE (0: standard query), 4 bits
    bool authoritative{false};      //!< AA
    bool truncated{false};          //!< TC
    bool recursionDesired{false};   //!< RD
    bool recursionAvailable{false}; //!< RA
    uint8_t z{0};                   //!< Z, 3 bits, kept as received
    uint8_t rcode{0};               //!< RCODE, 4 bits
    std::string qname;              //!< question name, labels joined by '.', no trailing dot
    uint16_t qtype{TYPE_A};         //!< QTYPE
    uint16_t qclass{CLASS_IN};      //!< QCLASS
    std::vector<DnsResourceRecord> answers;    //!< answer section
    std::vector<DnsResourceRecord> authority;  //!< authority section
    std::vector<DnsResourceRecord> additional; //!< additional section

    /**
     * \param o another message
     * \return whether every field is equal
     */
    bool operator==(const DnsMessage& o) const;

    /**
     * \brief Decode a message.
     * \param data the bytes (a UDP payload)
     * \param size how many
     * \param[out] error why it failed, NONE on success
     * \return the message, or nothing on error
     */
    static std::optional<DnsMessage> Decode(const uint8_t* data, size_t size, DnsError& error);

    /**
     * \brief Encode the message.
     * \param[out] out the bytes (replaced)
     * \return NONE, or why a name or section cannot be encoded (out is then empty)
     */
    DnsError Encode(std::vector<uint8_t>& out) const;

    /**
     * \param name a name ("www.example.com", trailing dot allowed)
     * \return the name lower-cased without trailing dot, the form names are compared in
     */
    static std::string Canonical(const std::string& name);

    /**
     * \brief A standard query for the A record of a name, recursion desired.
     * \param id the ID
     * \param name the name
     * \return the query
     */
    static DnsMessage MakeQuery(uint16_t id, const std::string& name);
};

} // namespace ns3

#endif // DNS_MESSAGE_H
