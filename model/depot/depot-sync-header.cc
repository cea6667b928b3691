/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-sync-header.h"

#include "ns3/abort.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DepotSyncHeader);

namespace
{

void
WriteEnd(Buffer::Iterator& i, const TcpStateTracker::End& e)
{
    i.WriteU8(e.state);
    i.WriteU8(e.flags);
    i.WriteU8(e.wscale);
    i.WriteU8(0);
    i.WriteHtonU32(e.sndEnd);
    i.WriteHtonU32(e.ack);
    i.WriteHtonU32(e.maxWin);
}

void
ReadEnd(Buffer::Iterator& i, TcpStateTracker::End& e)
{
    e.state = i.ReadU8();
    e.flags = i.ReadU8();
    e.wscale = i.ReadU8();
    i.ReadU8();
    e.sndEnd = i.ReadNtohU32();
    e.ack = i.ReadNtohU32();
    e.maxWin = i.ReadNtohU32();
}

} // namespace

TypeId
DepotSyncHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DepotSyncHeader")
                            .SetParent<Header>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<DepotSyncHeader>();
    return tid;
}

TypeId
DepotSyncHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
DepotSyncHeader::Print(std::ostream& os) const
{
    os << (type == HEARTBEAT ? "heartbeat" : "sync") << " group=" << unsigned(group)
       << (master ? " master" : " backup") << " priority=" << unsigned(priority)
       << " seq=" << sequence << " records=" << records.size();
}

uint32_t
DepotSyncHeader::GetSerializedSize() const
{
    return FIXED_SIZE + RECORD_SIZE * records.size();
}

void
DepotSyncHeader::Serialize(Buffer::Iterator start) const
{
    NS_ABORT_MSG_IF(records.size() > UINT16_MAX, "DepotSyncHeader: too many records");
    Buffer::Iterator i = start;
    i.WriteU8(type);
    i.WriteU8(group);
    i.WriteU8(master ? 1 : 0);
    i.WriteU8(priority);
    i.WriteHtonU32(sequence);
    i.WriteHtonU16(records.size());
    for (const auto& r : records)
    {
        i.WriteHtonU32(r.client);
        i.WriteHtonU32(r.vip);
        i.WriteHtonU32(r.proxy);
        i.WriteHtonU16(r.clientPort);
        i.WriteHtonU16(r.virtualPort);
        i.WriteHtonU16(r.proxyPort);
        i.WriteHtonU16(r.proxyIndex);
        i.WriteU8(r.timerState);
        WriteEnd(i, r.ends[0]);
        WriteEnd(i, r.ends[1]);
    }
}

uint32_t
DepotSyncHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    const uint8_t t = i.ReadU8();
    NS_ABORT_MSG_UNLESS(t == HEARTBEAT || t == SYNC,
                        "DepotSyncHeader: unknown message type " << unsigned(t));
    type = static_cast<Type>(t);
    group = i.ReadU8();
    master = i.ReadU8() != 0;
    priority = i.ReadU8();
    sequence = i.ReadNtohU32();
    const uint16_t n = i.ReadNtohU16();
    records.resize(n);
    for (auto& r : records)
    {
        r.client = i.ReadNtohU32();
        r.vip = i.ReadNtohU32();
        r.proxy = i.ReadNtohU32();
        r.clientPort = i.ReadNtohU16();
        r.virtualPort = i.ReadNtohU16();
        r.proxyPort = i.ReadNtohU16();
        r.proxyIndex = i.ReadNtohU16();
        r.timerState = i.ReadU8();
        ReadEnd(i, r.ends[0]);
        ReadEnd(i, r.ends[1]);
    }
    return i.GetDistanceFrom(start);
}

} // namespace ns3
