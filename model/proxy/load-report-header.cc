/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "load-report-header.h"

#include "ns3/abort.h"

#include <cmath>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(LoadReportHeader);

TypeId
LoadReportHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::LoadReportHeader")
                            .SetParent<Header>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<LoadReportHeader>();
    return tid;
}

TypeId
LoadReportHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
LoadReportHeader::SetSequence(uint32_t seq)
{
    m_seq = seq;
}

uint32_t
LoadReportHeader::GetSequence() const
{
    return m_seq;
}

void
LoadReportHeader::SetCpuLoad(double load)
{
    NS_ABORT_MSG_IF(!(load >= 0) || load > 4294.0,
                    "LoadReportHeader: CPU load " << load << " is outside [0, 4294]");
    m_cpu = uint32_t(std::lround(load * 1e6));
}

double
LoadReportHeader::GetCpuLoad() const
{
    return m_cpu * 1e-6;
}

void
LoadReportHeader::SetCacheFree(double fraction)
{
    NS_ABORT_MSG_IF(!(fraction >= 0) || fraction > 1,
                    "LoadReportHeader: free cache fraction " << fraction << " is outside [0, 1]");
    m_cacheFree = uint32_t(std::lround(fraction * 1e6));
}

double
LoadReportHeader::GetCacheFree() const
{
    return m_cacheFree * 1e-6;
}

void
LoadReportHeader::SetActiveRequests(uint32_t n)
{
    m_active = n;
}

uint32_t
LoadReportHeader::GetActiveRequests() const
{
    return m_active;
}

bool
LoadReportHeader::IsValid() const
{
    return m_valid;
}

uint32_t
LoadReportHeader::GetSerializedSize() const
{
    return SIZE;
}

void
LoadReportHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU16(MAGIC);
    start.WriteHtonU16(VERSION);
    start.WriteHtonU32(m_seq);
    start.WriteHtonU32(m_cpu);
    start.WriteHtonU32(m_cacheFree);
    start.WriteHtonU32(m_active);
}

uint32_t
LoadReportHeader::Deserialize(Buffer::Iterator start)
{
    const uint16_t magic = start.ReadNtohU16();
    const uint16_t version = start.ReadNtohU16();
    m_seq = start.ReadNtohU32();
    m_cpu = start.ReadNtohU32();
    m_cacheFree = start.ReadNtohU32();
    m_active = start.ReadNtohU32();
    m_valid = magic == MAGIC && version == VERSION && m_cacheFree <= 1000000;
    return SIZE;
}

void
LoadReportHeader::Print(std::ostream& os) const
{
    os << "load report " << m_seq << ": cpu " << GetCpuLoad() << " cache free " << GetCacheFree()
       << " active " << m_active;
}

} // namespace ns3
