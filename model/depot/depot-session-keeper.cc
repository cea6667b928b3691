/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-session-keeper.h"

#include "ns3/abort.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-winscale.h"

#include <algorithm>
#include <limits>

namespace ns3
{

DepotSessionKeeper::DepotSessionKeeper(std::vector<DepotProxy>* proxies,
                                       const Traces& traces,
                                       SynTimeoutCallback synTimedOut)
    : m_proxies(proxies)
    , m_traces(traces)
    , m_synTimedOut(std::move(synTimedOut))
{}

void
DepotSessionKeeper::Start(const Settings& settings)
{
    for (uint8_t s = 0; s < TcpStateTracker::N_SESSION_STATES; ++s)
    {
        NS_ABORT_MSG_IF(!settings.timeouts[s].IsStrictlyPositive(),
                        "Depot: the " << TcpStateTracker::SessionStateName(s)
                                      << " timeout must be positive");
    }
    m_settings = settings;
    if (!m_table)
    {
        m_table = std::make_unique<DepotSessionTable>(m_settings.maxSessions);
    }
}

void
DepotSessionKeeper::Stop()
{
    m_expiryEvent.Cancel();
}

bool
DepotSessionKeeper::HasTable() const
{
    return m_table != nullptr;
}

DepotSessionTable&
DepotSessionKeeper::GetTable()
{
    return *m_table;
}

const DepotSessionTable&
DepotSessionKeeper::GetTable() const
{
    return *m_table;
}

bool
DepotSessionKeeper::IsFull() const
{
    return m_settings.maxSessions != 0 && m_table->Size() >= m_settings.maxSessions;
}

DepotSession*
DepotSessionKeeper::Open(const DepotScheduler::Flow& flow, uint32_t index)
{
    DepotProxy& p = (*m_proxies)[index];
    DepotSession* s = m_table->Insert(flow.client.Get(),
                                      flow.clientPort,
                                      flow.vip.Get(),
                                      flow.vport,
                                      p.address.Get(),
                                      p.port,
                                      index,
                                      Simulator::Now().GetTimeStep());
    if (!s)
    {
        return nullptr;
    }
    // Its half-open lifetime starts now: tracking does not refresh half-open sessions.
    m_table->Touch(
        s,
        TcpStateTracker::S_SYN_SENT,
        (Simulator::Now() + m_settings.timeouts[TcpStateTracker::S_SYN_SENT]).GetTimeStep());
    ++p.sessionsOpened;
    Count(*s, +1);
    (*m_traces.opened)(flow.client, flow.clientPort, index);
    (*m_traces.tableSize)(m_table->Size());
    return s;
}

void
DepotSessionKeeper::Count(const DepotSession& s, int delta)
{
    DepotProxy& p = (*m_proxies)[s.proxyIndex];
    uint32_t& c
        = s.timerState == TcpStateTracker::S_ESTABLISHED ? p.activeSessions : p.inactiveSessions;
    c += delta;
    if (s.timerState == TcpStateTracker::S_SYN_SENT || s.timerState == TcpStateTracker::S_SYN_RECV)
    {
        p.pendingSessions += delta;
    }
}

TcpStateTracker::Result
DepotSessionKeeper::Track(DepotSession* s, const TcpHeader& tcp, uint32_t length, bool fromClient)
{
    const auto& timeouts = m_settings.timeouts;
    if (m_settings.inputOnly)
    {
        const uint8_t flags = tcp.GetFlags();
        const uint8_t state = TcpStateTracker::TrackInputOnly(s->timerState, flags);
        const TcpStateTracker::Result r
            = (flags & TcpHeader::RST) ? TcpStateTracker::RESET : TcpStateTracker::OK;
        ++m_trackerResults[r];
        if (state == s->timerState && IsHalfOpen(state))
        {
            return r; // repeated SYNs do not keep a half-open session alive
        }
        if (state == TcpStateTracker::S_ESTABLISHED && IsHalfOpen(s->timerState) && m_established)
        {
            m_established(s->client); // weaker: the proxy's SYN-ACK is not seen here
        }
        Count(*s, -1);
        m_table->Touch(s, state, (Simulator::Now() + timeouts[state]).GetTimeStep());
        Count(*s, +1);
        ScheduleExpiry();
        return r;
    }
    TcpStateTracker::Segment seg;
    seg.flags = tcp.GetFlags();
    seg.seq = tcp.GetSequenceNumber().GetValue();
    seg.ack = tcp.GetAckNumber().GetValue();
    seg.length = length;
    seg.window = tcp.GetWindowSize();
    if (seg.flags & TcpHeader::SYN)
    {
        if (Ptr<const TcpOptionWinScale> ws
            = DynamicCast<const TcpOptionWinScale>(tcp.GetOption(TcpOption::WINSCALE)))
        {
            seg.wscale = ws->GetScale();
        }
    }
    TcpStateTracker::End& from = s->ends[fromClient ? 0 : 1];
    TcpStateTracker::End& to = s->ends[fromClient ? 1 : 0];
    const uint8_t proxyBefore = s->ends[1].state;
    const TcpStateTracker::Result r
        = TcpStateTracker::Track(from, to, fromClient, seg, m_settings.windowCheck);
    ++m_trackerResults[r];
    if (!fromClient && proxyBefore == TcpStateTracker::LISTEN
        && s->ends[1].state == TcpStateTracker::SYN_RECV)
    {
        // The proxy's first SYN-ACK: a response time sample (SRTT-style smoothing).
        DepotProxy& p = (*m_proxies)[s->proxyIndex];
        const double gain = m_settings.responseGain;
        const double sample = (Simulator::Now() - TimeStep(s->created)).GetSeconds();
        p.responseTime = p.responseTime == 0 ? sample : (1 - gain) * p.responseTime + gain * sample;
    }
    if (r == TcpStateTracker::OUT_OF_WINDOW || r == TcpStateTracker::RST_CHALLENGE)
    {
        return r;
    }
    const uint8_t state = TcpStateTracker::Summarize(s->ends[0], s->ends[1]);
    // A half-open session lives its state's timeout from the segment that entered the state:
    // repeated SYNs and the proxy's retransmitted SYN-ACKs (which a spoofed SYN's unanswered
    // handshake produces for minutes) do not extend it.
    if (state == s->timerState && IsHalfOpen(state))
    {
        return r;
    }
    if (fromClient && state == TcpStateTracker::S_ESTABLISHED && IsHalfOpen(s->timerState)
        && m_established)
    {
        m_established(s->client);
    }
    Count(*s, -1);
    m_table->Touch(s, state, (Simulator::Now() + timeouts[state]).GetTimeStep());
    Count(*s, +1);
    ScheduleExpiry();
    return r;
}

bool
DepotSessionKeeper::MakeRoom()
{
    if (!IsFull())
    {
        return true;
    }
    auto first = [this](uint8_t a, uint8_t b)
    {
        DepotSession* x = m_table->Oldest(a);
        DepotSession* y = m_table->Oldest(b);
        return !x ? y : (!y ? x : (y->expiry < x->expiry ? y : x));
    };
    DepotSession* victim = first(TcpStateTracker::S_SYN_SENT, TcpStateTracker::S_SYN_RECV);
    if (!victim)
    {
        victim = first(TcpStateTracker::S_CLOSE, TcpStateTracker::S_TIME_WAIT);
    }
    if (!victim)
    {
        return false;
    }
    if (victim->timerState == TcpStateTracker::S_SYN_RECV && m_halfOpenEnded)
    {
        m_halfOpenEnded(*victim);
    }
    ++m_evicted;
    Close(victim, true);
    return true;
}

void
DepotSessionKeeper::SetHalfOpenCallback(HalfOpenCallback cb)
{
    m_halfOpenEnded = std::move(cb);
}

void
DepotSessionKeeper::SetEstablishedCallback(EstablishedCallback cb)
{
    m_established = std::move(cb);
}

uint32_t
DepotSessionKeeper::GetHalfOpenCount() const
{
    uint32_t n = 0;
    for (const DepotProxy& p : *m_proxies)
    {
        n += p.pendingSessions;
    }
    return n;
}

uint64_t
DepotSessionKeeper::GetEvictedCount() const
{
    return m_evicted;
}

bool
DepotSessionKeeper::IsHalfOpen(uint8_t state)
{
    return state == TcpStateTracker::S_SYN_SENT || state == TcpStateTracker::S_SYN_RECV;
}

void
DepotSessionKeeper::Close(DepotSession* s, bool expired)
{
    const Ipv4Address client(s->client);
    const uint16_t port = s->clientPort;
    const uint32_t proxy = s->proxyIndex;
    const uint8_t state = s->timerState;
    Count(*s, -1);
    m_table->Remove(s);
    if (expired)
    {
        (*m_traces.expired)(client, port, proxy, state);
    }
    else
    {
        (*m_traces.closed)(client, port, proxy);
    }
    (*m_traces.tableSize)(m_table->Size());
}

void
DepotSessionKeeper::MarkSloppy(DepotSession* s)
{
    // The handshake was missed: both ends are assumed established, with no window scale
    // known and a first segment that may be a retransmission from before the data the other
    // end acknowledges next (a takeover without sync). Checked against them, the proxies'
    // retransmissions were dropped (depot-failover's Maglev pair: 1,053 requests completed,
    // 1.07 s longest wait; unchecked, PICKED_UP: 1,078 and 0.43 s, as the hot pair).
    for (auto& end : s->ends)
    {
        end.state = TcpStateTracker::ESTABLISHED;
        end.flags |= TcpStateTracker::PICKED_UP;
    }
    ++m_sloppyOpened;
}

void
DepotSessionKeeper::ScheduleExpiry()
{
    const int64_t next = m_table->NextExpiry();
    if (next == std::numeric_limits<int64_t>::max())
    {
        return;
    }
    const Time at = TimeStep(next);
    if (!m_expiryEvent.IsExpired() && m_expiryAt <= at)
    {
        return;
    }
    m_expiryEvent.Cancel();
    m_expiryAt = at;
    m_expiryEvent = Simulator::Schedule(
        std::max(at - Simulator::Now(), Time(0)), &DepotSessionKeeper::Expire, this);
}

void
DepotSessionKeeper::Expire()
{
    std::vector<uint32_t> unanswered;
    m_table->Expire(Simulator::Now().GetTimeStep(),
                    [&](const DepotSession& s)
                    {
                        const Ipv4Address client(s.client);
                        Count(s, -1);
                        if (s.timerState == TcpStateTracker::S_TIME_WAIT
                            || s.timerState == TcpStateTracker::S_CLOSE)
                        {
                            (*m_traces.closed)(client, s.clientPort, s.proxyIndex);
                            return;
                        }
                        if (s.timerState == TcpStateTracker::S_SYN_SENT && !IsInherited(s))
                        {
                            unanswered.push_back(s.proxyIndex);
                        }
                        if (s.timerState == TcpStateTracker::S_SYN_RECV && m_halfOpenEnded)
                        {
                            m_halfOpenEnded(s);
                        }
                        (*m_traces.expired)(client, s.clientPort, s.proxyIndex, s.timerState);
                    });
    (*m_traces.tableSize)(m_table->Size());
    // Proxies go down after the walk: scrapping their sessions changes the table.
    for (uint32_t i : unanswered)
    {
        m_synTimedOut(i);
    }
    m_expiryEvent = EventId();
    ScheduleExpiry();
}

bool
DepotSessionKeeper::Import(const DepotSessionRecord& r)
{
    NS_ABORT_MSG_IF(r.proxyIndex >= m_proxies->size()
                        || (*m_proxies)[r.proxyIndex].address.Get() != r.proxy
                        || (*m_proxies)[r.proxyIndex].port != r.proxyPort,
                    "Depot::ImportSession: proxy " << r.proxyIndex << " (" << Ipv4Address(r.proxy)
                                                   << ':' << r.proxyPort
                                                   << ") is not this depot's: the depots of a "
                                                      "pair need the same proxy list");
    const int64_t now = Simulator::Now().GetTimeStep();
    DepotSession* old = m_table->Find(r.client, r.clientPort, r.vip, r.virtualPort);
    if (old)
    {
        Count(*old, -1);
    }
    DepotSession* s = m_table->Import(
        r, now, (Simulator::Now() + m_settings.timeouts[r.timerState]).GetTimeStep());
    if (!s)
    {
        if (old)
        {
            Count(*old, +1); // left as it was
        }
        return false;
    }
    // A synced record's sequence numbers are as old as the sync (a warm backup's, up to a
    // SyncInterval): the connection has moved on since, and window tracking against them
    // would drop its next segments, and acknowledgements of data the failed depot forwarded
    // since. Neither is checked (PICKED_UP, conntrack's pickup of a connection it did not see
    // open); ACKED goes so that the RST rule uses only what this depot saw.
    for (auto& end : s->ends)
    {
        end.flags &= ~TcpStateTracker::ACKED;
        end.flags |= TcpStateTracker::PICKED_UP;
    }
    Count(*s, +1);
    if (!old)
    {
        (*m_traces.tableSize)(m_table->Size());
    }
    ScheduleExpiry();
    return true;
}

std::vector<DepotSession*>
DepotSessionKeeper::SessionsOf(uint32_t index)
{
    std::vector<DepotSession*> found;
    m_table->ForEach(
        [&](DepotSession& s)
        {
            if (s.proxyIndex == index)
            {
                found.push_back(&s);
            }
        });
    return found;
}

void
DepotSessionKeeper::Clear()
{
    if (!m_table)
    {
        return;
    }
    std::vector<DepotSession*> all;
    m_table->ForEach([&](DepotSession& s) { all.push_back(&s); });
    for (DepotSession* s : all)
    {
        Count(*s, -1);
        m_table->Remove(s);
    }
    (*m_traces.tableSize)(0);
}

void
DepotSessionKeeper::SetActiveSince(Time t)
{
    m_activeSince = t;
}

bool
DepotSessionKeeper::IsInherited(const DepotSession& s) const
{
    return s.created < m_activeSince.GetTimeStep();
}

Time
DepotSessionKeeper::GetTimeout(uint8_t s) const
{
    return m_settings.timeouts.at(s);
}

uint64_t
DepotSessionKeeper::GetTrackerCount(TcpStateTracker::Result result) const
{
    return m_trackerResults.at(result);
}

uint64_t
DepotSessionKeeper::GetSloppyCount() const
{
    return m_sloppyOpened;
}

} // namespace ns3
