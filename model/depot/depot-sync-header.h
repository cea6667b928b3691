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
 * advertisement: group, sender's role and priority) or a state sync message carrying session
 * records (LVS sync daemon). 10 bytes + 53 per session record, all in network order.
 */
class DepotSyncHeader : public Header
{
  public:
    /// Message type.
    enum Type : uint8_t
    {
        HEARTBEAT = 1, //!< I am alive, in this role
        SYNC = 2       //!< sessions of the active depot
    };

    /// Bytes of one serialized session record.
    static constexpr uint32_t RECORD_SIZE = 53;
    /// Bytes before the records.
    static constexpr uint32_t FIXED_SIZE = 10;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /// \return GetTypeId()
    TypeId GetInstanceTypeId() const override;
    /// Prints the type and what it carries. \param os the stream
    void Print(std::ostream& os) const override;
    /// \return the bytes Serialize writes for this type and its sessions
    uint32_t GetSerializedSize() const override;
    /// Writes the message in network byte order. \param start where
    void Serialize(Buffer::Iterator start) const override;
    /**
     * Reads a message (the simulation aborts on an unknown message type).
     * \param start where
     * \return the bytes read
     */
    uint32_t Deserialize(Buffer::Iterator start) override;

    Type type{HEARTBEAT};                    //!< message type
    uint8_t group{0};                        //!< the pair's id (VRRP VRID)
    bool master{false};                      //!< sender is the active depot
    uint8_t priority{0};                     //!< sender's priority
    uint32_t sequence{0};                    //!< per sender and type, from 0
    std::vector<DepotSessionRecord> records; //!< SYNC: sessions
};

} // namespace ns3

#endif // DEPOT_SYNC_HEADER_H
