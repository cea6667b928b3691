/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_FLOW_TAG_H
#define DEPOT_FLOW_TAG_H

#include "ns3/tag.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup web-proxy
 * DepotFlowTracker's mark on a datagram it follows: a packet tag (it survives copies,
 * forwarding, IP fragmentation and the depot's rewrite, which replaces the TCP header) with
 * a number unique in the run. Packet uids cannot serve: TCP cuts its segments out of the
 * application's packets, so segments of one Send share a uid. A byte tag cannot either: it
 * covers bytes, and a pure ACK has none left once the depot takes its header off.
 */
class DepotFlowTag : public Tag
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// \param id the datagram's number
    explicit DepotFlowTag(uint64_t id = 0);

    /// \return the datagram's number
    uint64_t GetId() const;

    /// \return GetTypeId()
    TypeId GetInstanceTypeId() const override;
    /// \return 8 (the number)
    uint32_t GetSerializedSize() const override;
    /// \param i where the number goes
    void Serialize(TagBuffer i) const override;
    /// \param i where the number comes from
    void Deserialize(TagBuffer i) override;
    /// \param os where "depot-flow=<number>" goes
    void Print(std::ostream& os) const override;

  private:
    uint64_t m_id; //!< the datagram's number
};

} // namespace ns3

#endif // DEPOT_FLOW_TAG_H
