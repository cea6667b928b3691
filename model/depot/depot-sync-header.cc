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
    if (error != OK)
    {
        os << "malformed (" << ErrorName(error) << ")";
        return;
    }
    os << (type == HEARTBEAT ? "heartbeat" : "sync") << " group=" << unsigned(group)
       << (master ? " master" : " backup") << " priority=" << unsigned(priority)
       << " seq=" << sequence;
    if (type == HEARTBEAT)
    {
        os << " proxies=";
        for (bool up : proxiesUp)
        {
            os << (up ? '1' : '0');
        }
    }
    else
    {
        os << " records=" << records.size();
    }
}

const char*
DepotSyncHeader::ErrorName(Error e)
{
    static const char* names[]
        = {"ok", "short", "bad-magic", "bad-version", "unknown-type", "bad-length"};
    return e <= BAD_LENGTH ? names[e] : "?";
}

uint32_t
DepotSyncHeader::GetSerializedSize() const
{
    return FIXED_SIZE
         + (type == HEARTBEAT ? (proxiesUp.size() + 7) / 8 : RECORD_SIZE * records.size());
}

void
DepotSyncHeader::Serialize(Buffer::Iterator start) const
{
    const size_t n = type == HEARTBEAT ? proxiesUp.size() : records.size();
    NS_ABORT_MSG_IF(n > UINT16_MAX, "DepotSyncHeader: too many records or proxies");
    Buffer::Iterator i = start;
    i.WriteHtonU32(MAGIC);
    i.WriteU8(VERSION);
    i.WriteU8(type);
    i.WriteU8(group);
    i.WriteU8(master ? 1 : 0);
    i.WriteU8(priority);
    i.WriteU8(0);
    i.WriteHtonU16(n);
    i.WriteHtonU32(sequence);
    if (type == HEARTBEAT)
    {
        for (size_t first = 0; first < n; first += 8)
        {
            uint8_t bits = 0;
            for (size_t b = 0; b < 8 && first + b < n; ++b)
            {
                bits |= proxiesUp[first + b] ? 0x80 >> b : 0;
            }
            i.WriteU8(bits);
        }
        return;
    }
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
    const uint32_t size = i.GetRemainingSize();
    proxiesUp.clear();
    records.clear();
    error = OK;
    if (size < FIXED_SIZE)
    {
        error = SHORT;
        i.Next(size);
        return size;
    }
    const uint32_t magic = i.ReadNtohU32();
    const uint8_t version = i.ReadU8();
    const uint8_t t = i.ReadU8();
    group = i.ReadU8();
    master = (i.ReadU8() & 1) != 0;
    priority = i.ReadU8();
    i.ReadU8();
    const uint16_t n = i.ReadNtohU16();
    sequence = i.ReadNtohU32();
    const uint32_t body = t == HEARTBEAT ? (n + 7) / 8 : n * RECORD_SIZE;
    error = magic != MAGIC                ? BAD_MAGIC
          : version != VERSION            ? BAD_VERSION
          : (t != HEARTBEAT && t != SYNC) ? UNKNOWN_TYPE
          : size != FIXED_SIZE + body     ? BAD_LENGTH
                                          : OK;
    if (error != OK)
    {
        return size; // the whole message goes: nothing in it can be trusted
    }
    type = static_cast<Type>(t);
    if (type == HEARTBEAT)
    {
        proxiesUp.resize(n);
        for (uint32_t first = 0; first < n; first += 8)
        {
            const uint8_t bits = i.ReadU8();
            for (uint32_t b = 0; b < 8 && first + b < n; ++b)
            {
                proxiesUp[first + b] = (bits & (0x80 >> b)) != 0;
            }
        }
        return i.GetDistanceFrom(start);
    }
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
