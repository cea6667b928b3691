/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ICP_HEADER_H
#define ICP_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * An Internet Cache Protocol version 2 message (RFC 2186), the payload of one UDP datagram
 * (port 3130): opcode, version 2, message length, request number, options, option data,
 * sender host address (20 bytes, network byte order), then for a QUERY the requester host
 * address and the URL, for the replies the URL, each URL ending in a NUL byte. HIT_OBJ,
 * SECHO and DECHO are not supported: they decode as UNSUPPORTED_OPCODE.
 */
class IcpHeader : public Header
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /// \return the TypeId of IcpHeader
    TypeId GetInstanceTypeId() const override;

    /// The opcodes this model sends and understands (RFC 2186 section 2.1 numbers).
    enum Opcode : uint8_t
    {
        QUERY = 1,         //!< ICP_OP_QUERY: is the URL in your cache?
        HIT = 2,           //!< ICP_OP_HIT: it is, and fresh
        MISS = 3,          //!< ICP_OP_MISS: it is not
        ERR = 4,           //!< ICP_OP_ERR: the query could not be parsed
        MISS_NOFETCH = 21, //!< ICP_OP_MISS_NOFETCH: a miss, and do not fetch through me now
        DENIED = 22,       //!< ICP_OP_DENIED: you may not query me
    };

    /// Why a datagram is not an ICP message this model accepts.
    enum class Error
    {
        NONE,               //!< decoded
        TOO_SHORT,          //!< fewer bytes than the 20-byte header (plus 4 for a QUERY)
        BAD_VERSION,        //!< version is not 2
        UNSUPPORTED_OPCODE, //!< an opcode other than the six above
        LENGTH_MISMATCH,    //!< the message length field differs from the datagram size
        TOO_LONG,           //!< longer than MAX_SIZE
        URL_NOT_TERMINATED, //!< no NUL byte ends the URL
        EMPTY_URL,          //!< the URL has no characters
        TRAILING_BYTES,     //!< bytes after the URL's NUL
    };

    /// \param e an error \return its name, e.g. "LENGTH_MISMATCH"
    static const char* ErrorName(Error e);
    /// \param op an opcode \return its RFC name without prefix, e.g. "MISS_NOFETCH"
    static const char* OpcodeName(Opcode op);

    /**
     * Decode one datagram.
     * \param data the bytes
     * \param size their number
     * \param out set when the result is Error::NONE, untouched otherwise
     * \return Error::NONE or the first problem found
     */
    static Error Decode(const uint8_t* data, size_t size, IcpHeader& out);

    /// \param op the opcode
    void SetOpcode(Opcode op);
    /// \return the opcode
    Opcode GetOpcode() const;
    /// \param n the request number (a reply carries the query's)
    void SetRequestNumber(uint32_t n);
    /// \return the request number
    uint32_t GetRequestNumber() const;
    /// \param options the options field (0: none)
    void SetOptions(uint32_t options);
    /// \return the options field
    uint32_t GetOptions() const;
    /// \param data the option data field
    void SetOptionData(uint32_t data);
    /// \return the option data field
    uint32_t GetOptionData() const;
    /// \param a the sender host address field
    void SetSender(Ipv4Address a);
    /// \return the sender host address field
    Ipv4Address GetSender() const;
    /// \param a the requester host address (QUERY only)
    void SetRequester(Ipv4Address a);
    /// \return the requester host address (QUERY only)
    Ipv4Address GetRequester() const;
    /// \param url the URL: not empty, no NUL byte, short enough for MAX_SIZE
    void SetUrl(const std::string& url);
    /// \return the URL
    const std::string& GetUrl() const;
    /// \return the error of the last Deserialize (Error::NONE after Decode or the setters)
    Error GetError() const;

    /// \return the message length: 20, plus 4 for a QUERY, plus the URL and its NUL
    uint32_t GetSerializedSize() const override;
    /**
     * Write the message in network byte order.
     * \param start where to write GetSerializedSize() bytes
     */
    void Serialize(Buffer::Iterator start) const override;
    /**
     * Read a message filling the rest of the buffer (a UDP payload); GetError then tells
     * whether it was one.
     * \param start where to read
     * \return the bytes read: all of them when decoded, 0 on an error
     */
    uint32_t Deserialize(Buffer::Iterator start) override;
    /**
     * Print the opcode, request number and URL on one line.
     * \param os the stream
     */
    void Print(std::ostream& os) const override;

    static constexpr uint8_t VERSION = 2;       //!< ICP version of RFC 2186
    static constexpr uint16_t PORT = 3130;      //!< ICP's registered UDP port
    static constexpr uint32_t HEADER_SIZE = 20; //!< fixed header bytes
    static constexpr uint32_t MAX_SIZE = 16384; //!< RFC 2186: the largest ICP message

  private:
    Opcode m_opcode{QUERY};      //!< opcode
    uint32_t m_request{0};       //!< request number
    uint32_t m_options{0};       //!< options
    uint32_t m_optionData{0};    //!< option data
    Ipv4Address m_sender{0u};    //!< sender host address
    Ipv4Address m_requester{0u}; //!< requester host address (QUERY)
    std::string m_url;           //!< URL
    Error m_error{Error::NONE};  //!< of the last Deserialize
};

} // namespace ns3

#endif // ICP_HEADER_H
