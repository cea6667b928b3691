/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_SYNC_HEADER_H
#define DEPOT_SYNC_HEADER_H

#include "depot-session-table.h"

#include "ns3/header.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * The message two depots of a pair exchange over UDP (DepotStandby): a heartbeat (VRRP
 * advertisement: group, sender's role and priority, and the master's view of which proxies
 * are up) or a state sync message carrying session records. The format is the module's own
 * (not the IPVS sync daemon's, whose UDP port 8848 Wireshark decodes as IPVS): a 16-byte
 * fixed part starting with the magic "WPDS" and a version, then per type a bitmap of proxy
 * states (heartbeat, one bit per proxy) or 53 bytes per session record (sync); all in
 * network order.
 *
 * Deserialize never aborts: a message that is short, has another magic or version, an
 * unknown type or a length that does not match its count is marked with an Error (the
 * receiver counts and drops it).
 */
class DepotSyncHeader : public Header
{
  public:
    /// Message type.
    enum Type : uint8_t
    {
        HEARTBEAT = 1, //!< I am alive, in this role; the proxies' states
        SYNC = 2       //!< sessions of the active depot
    };

    /// Why a received message is unusable.
    enum Error : uint8_t
    {
        OK,           //!< well formed
        SHORT,        //!< fewer bytes than the fixed part
        BAD_MAGIC,    //!< not "WPDS"
        BAD_VERSION,  //!< another version of the format
        UNKNOWN_TYPE, //!< neither heartbeat nor sync
        BAD_LENGTH    //!< the length does not match the count
    };

    /// Bytes of one serialized session record.
    static constexpr uint32_t RECORD_SIZE = 53;
    /// Bytes before the records.
    static constexpr uint32_t FIXED_SIZE = 16;
    /// "WPDS": the first four bytes of every message.
    static constexpr uint32_t MAGIC = 0x57504453;
    /// Version of the format.
    static constexpr uint8_t VERSION = 1;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /// \return GetTypeId()
    TypeId GetInstanceTypeId() const override;
    /// Prints the type and what it carries. \param os the stream
    void Print(std::ostream& os) const override;
    /// \return the bytes Serialize writes for this type and its contents
    uint32_t GetSerializedSize() const override;
    /// Writes the message in network byte order. \param start where
    void Serialize(Buffer::Iterator start) const override;
    /**
     * Reads a message; a malformed one sets error (never aborts).
     * \param start where
     * \return the bytes read (all of them for a malformed message)
     */
    uint32_t Deserialize(Buffer::Iterator start) override;

    /// \param e an error \return its name (as the standby's MessageDropped trace gives it)
    static const char* ErrorName(Error e);

    Type type{HEARTBEAT};                    //!< message type
    uint8_t group{0};                        //!< the pair's id (VRRP VRID)
    bool master{false};                      //!< sender is the active depot
    uint8_t priority{0};                     //!< sender's priority
    uint32_t sequence{0};                    //!< per sender and type, from 0
    std::vector<bool> proxiesUp;             //!< HEARTBEAT: sender's view, per proxy
    std::vector<DepotSessionRecord> records; //!< SYNC: sessions
    Error error{OK};                         //!< set by Deserialize
};

} // namespace ns3

#endif // DEPOT_SYNC_HEADER_H
