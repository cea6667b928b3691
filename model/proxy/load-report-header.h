/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LOAD_REPORT_HEADER_H
#define LOAD_REPORT_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A proxy's load report to a depot (the payload of one UDP datagram): [Depot]'s load
 * index inputs that only the proxy knows. 20 bytes: magic "LR", version 1, sequence, CPU load
 * and free cache fraction in millionths, active requests.
 */
class LoadReportHeader : public Header
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    /// \return the TypeId of LoadReportHeader
    TypeId GetInstanceTypeId() const override;

    /// \param seq the report's sequence number
    void SetSequence(uint32_t seq);
    /// \return the sequence number
    uint32_t GetSequence() const;
    /// \param load CPU load, >= 0 (1: one worker's worth of work all the time); up to 4294
    void SetCpuLoad(double load);
    /// \return the CPU load
    double GetCpuLoad() const;
    /// \param fraction free cache fraction in [0, 1]
    void SetCacheFree(double fraction);
    /// \return the free cache fraction
    double GetCacheFree() const;
    /// \param n requests under way at the proxy
    void SetActiveRequests(uint32_t n);
    /// \return requests under way
    uint32_t GetActiveRequests() const;
    /// \return whether the last Deserialize read a report (magic and version matched, free
    /// cache fraction at most 1)
    bool IsValid() const;

    /// \return SIZE: the report has a fixed length
    uint32_t GetSerializedSize() const override;
    /**
     * Write the report in network byte order: magic, version, sequence, CPU load and free
     * cache fraction in millionths, active requests.
     * \param start where to write SIZE bytes
     */
    void Serialize(Buffer::Iterator start) const override;
    /**
     * Read a report written by Serialize; IsValid then tells whether it was one.
     * \param start where to read SIZE bytes
     * \return SIZE, also for an invalid report
     */
    uint32_t Deserialize(Buffer::Iterator start) override;
    /**
     * Print the sequence number, CPU load, free cache fraction and active requests on one
     * line.
     * \param os the stream
     */
    void Print(std::ostream& os) const override;

    static constexpr uint16_t MAGIC = 0x4c52; //!< "LR"
    static constexpr uint16_t VERSION = 1;    //!< format version
    static constexpr uint32_t SIZE = 20;      //!< serialized bytes

  private:
    uint32_t m_seq{0};       //!< sequence number
    uint32_t m_cpu{0};       //!< CPU load, millionths
    uint32_t m_cacheFree{0}; //!< free cache, millionths
    uint32_t m_active{0};    //!< active requests
    bool m_valid{true};      //!< magic and version matched
};

} // namespace ns3

#endif // LOAD_REPORT_HEADER_H
