/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-session-sync.h"

#include "depot-sync-header.h"
#include "depot.h"

#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"

#include <algorithm>
#include <vector>

namespace ns3
{

void
DepotSessionSync::Configure(const Settings& settings)
{
    m_settings = settings;
}

void
DepotSessionSync::Send(const Depot& depot, Ptr<Socket> socket, bool full)
{
    std::vector<DepotSessionRecord> records;
    const int64_t lastSync = m_lastSync;
    depot.GetSessionTable().ForEach(
        [&](const DepotSession& s)
        {
            if (s.timerState == TcpStateTracker::S_SYN_SENT)
            {
                return; // its proxy may not answer: the backup must not time it out
            }
            const std::pair<uint32_t, uint16_t> key(s.client, s.clientPort);
            bool send = full;
            if (!send && m_settings.newOnly)
            {
                send = s.timerState >= TcpStateTracker::S_ESTABLISHED && m_synced.count(key) == 0;
            }
            else if (!send)
            {
                // The last segment refreshed the expiry to now + the state's timeout.
                const int64_t touched = s.expiry - depot.GetTimeout(s.timerState).GetTimeStep();
                send = touched > lastSync || m_synced.count(key) == 0;
            }
            if (send)
            {
                records.push_back(DepotSessionTable::Export(s));
                m_synced.insert(key);
            }
        });
    m_lastSync = Simulator::Now().GetTimeStep();
    const uint32_t perMessage
        = (m_settings.messageSize - DepotSyncHeader::FIXED_SIZE) / DepotSyncHeader::RECORD_SIZE;
    for (size_t first = 0; first < records.size(); first += perMessage)
    {
        DepotSyncHeader h;
        h.type = DepotSyncHeader::SYNC;
        h.group = m_settings.group;
        h.master = true;
        h.priority = m_settings.priority;
        h.sequence = m_sequence++;
        h.records.assign(records.begin() + first,
                         records.begin() + std::min(records.size(), first + perMessage));
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(h);
        socket->SendTo(p, 0, InetSocketAddress(m_settings.peer, m_settings.port));
        ++m_messagesSent;
        m_recordsSent += h.records.size();
    }
}

void
DepotSessionSync::Restart()
{
    m_synced.clear();
    m_lastSync = -1;
}

void
DepotSessionSync::Forget()
{
    m_synced.clear();
}

void
DepotSessionSync::SessionGone(Ipv4Address client, uint16_t port)
{
    m_synced.erase({client.Get(), port});
}

uint32_t
DepotSessionSync::CountUnsynced(const DepotSessionTable& table, bool liveOnly) const
{
    uint32_t n = 0;
    table.ForEach(
        [&](const DepotSession& s)
        {
            const bool over = s.timerState == TcpStateTracker::S_TIME_WAIT
                           || s.timerState == TcpStateTracker::S_CLOSE;
            n += m_synced.count({s.client, s.clientPort}) == 0 && !(liveOnly && over);
        });
    return n;
}

void
DepotSessionSync::Watch(Ptr<Depot> depot)
{
    depot->TraceConnectWithoutContext(
        "SessionClosed",
        MakeBoundCallback(
            +[](DepotSessionSync* s, Ipv4Address c, uint16_t p, uint32_t) { s->SessionGone(c, p); },
            this));
    depot->TraceConnectWithoutContext(
        "SessionExpired",
        MakeBoundCallback(
            +[](DepotSessionSync* s, Ipv4Address c, uint16_t p, uint32_t, uint8_t)
            { s->SessionGone(c, p); },
            this));
}

uint64_t
DepotSessionSync::GetMessagesSent() const
{
    return m_messagesSent;
}

uint64_t
DepotSessionSync::GetRecordsSent() const
{
    return m_recordsSent;
}

} // namespace ns3
