/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "http-connection.h"

#include "ns3/inet-socket-address.h"
#include "ns3/lean-callback.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/tcp-socket-internals.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HttpConnection");
NS_OBJECT_ENSURE_REGISTERED(HttpConnection);

TypeId
HttpConnection::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HttpConnection")
                            .SetParent<Object>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<HttpConnection>();
    return tid;
}

HttpConnection::HttpConnection()
{
    NS_LOG_FUNCTION(this);
}

HttpConnection::~HttpConnection()
{
    NS_LOG_FUNCTION(this);
    m_pumpEvent.Cancel();
    if (m_limit)
    {
        m_limit->event.Cancel();
    }
}

void
HttpConnection::DoDispose()
{
    Detach();
    m_pumpEvent.Cancel();
    if (m_limit)
    {
        m_limit->event.Cancel();
    }
    m_onClosed = nullptr;
    m_socket = nullptr;
    ReleaseSelf();
    Object::DoDispose();
}

void
HttpConnection::Attach(Ptr<Socket> socket, HttpParser::Kind incoming, uint32_t headerLimit)
{
    NS_LOG_FUNCTION(this << socket);
    m_socket = socket;
    m_detached = false;
    m_parser = std::make_unique<HttpParser>(incoming, headerLimit);
    TcpSocketInternals::GuardFullWindow(socket);
    UintegerValue sndBuf;
    if (socket->GetAttributeFailSafe("SndBufSize", sndBuf))
    {
        m_sndBufSize = sndBuf.Get();
    }
    // Lean callbacks: four per connection are a good part of a connection's memory.
    socket->SetRecvCallback(MakeLeanCallback<&HttpConnection::HandleRead>(this));
    // The send callback only when it is needed (WatchSend): most connections never fill
    // their send buffer.
    m_watchingSend = false;
    if (m_onDrain)
    {
        WatchSend();
    }
    socket->SetCloseCallbacks(MakeLeanCallback<&HttpConnection::HandlePeerClose>(this),
                              MakeLeanCallback<&HttpConnection::HandlePeerError>(this));
}

void
HttpConnection::Detach()
{
    // Once: what a closing connection left on its socket (CloseDetached) refers to no object.
    if (m_socket && !m_detached)
    {
        m_detached = true;
        // The socket outlives this object inside TCP until it is fully closed.
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        m_socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                    MakeNullCallback<void, Ptr<Socket>>());
    }
}

Ptr<Socket>
HttpConnection::Listen(Ptr<Node> node,
                       uint16_t port,
                       Callback<bool, Ptr<Socket>, const Address&> request,
                       Callback<void, Ptr<Socket>, const Address&> accept)
{
    Ptr<Socket> listener = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
    if (listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)) != 0
        || listener->Listen() != 0)
    {
        NS_FATAL_ERROR("cannot listen on TCP port " << port << " of node " << node->GetId());
    }
    listener->SetAcceptCallback(request, accept);
    return listener;
}

void
HttpConnection::StopListening(Ptr<Socket>& listener)
{
    if (listener)
    {
        listener->Close();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeNullCallback<void, Ptr<Socket>, const Address&>());
        listener = nullptr;
    }
}

Ptr<Socket>
HttpConnection::GetSocket() const
{
    return m_socket;
}

HttpParser&
HttpConnection::GetParser()
{
    NS_ASSERT_MSG(m_parser, "HttpConnection::GetParser before Attach");
    return *m_parser;
}

void
HttpConnection::SetClosedCallback(ClosedCallback cb)
{
    m_onClosed = std::move(cb);
}

bool
HttpConnection::IsClosed() const
{
    return m_closed || m_closing;
}

uint64_t
HttpConnection::GetUnsentBytes() const
{
    return m_unsent;
}

uint64_t
HttpConnection::GetBufferedBytes() const
{
    uint64_t inTcp = 0;
    if (m_socket && !m_closed && m_sndBufSize > 0)
    {
        const uint32_t avail = m_socket->GetTxAvailable();
        inTcp = avail < m_sndBufSize ? m_sndBufSize - avail : 0;
    }
    return m_unsent + inTcp;
}

void
HttpConnection::SetDrainCallback(DrainCallback cb)
{
    m_onDrain = std::move(cb);
    if (m_onDrain)
    {
        WatchSend();
    }
}

void
HttpConnection::WatchSend()
{
    // TCP reports free space (HandleSend) on every ACK that frees some, so a callback set
    // while data waits in TCP's buffer misses nothing.
    if (m_socket && !m_detached && !m_watchingSend)
    {
        m_watchingSend = true;
        m_socket->SetSendCallback(MakeLeanCallback<&HttpConnection::HandleSend>(this));
    }
}

void
HttpConnection::Send(const std::string& header, uint64_t bodyBytes)
{
    NS_LOG_FUNCTION(this << header.size() << bodyBytes);
    if (m_closed || m_closing)
    {
        return;
    }
    m_queue.push_back({header, bodyBytes});
    m_unsent += header.size() + bodyBytes;
    Pump();
}

void
HttpConnection::SetSendRate(DataRate rate)
{
    if (m_limit)
    {
        m_limit->event.Cancel();
    }
    if (rate.GetBitRate() == 0)
    {
        m_limit.reset();
        return;
    }
    m_limit = std::make_unique<RateLimit>();
    m_limit->rate = rate;
    m_limit->tokensAt = Simulator::Now();
}

void
HttpConnection::Pump()
{
    while (!m_queue.empty() && m_socket)
    {
        uint32_t avail = m_socket->GetTxAvailable();
        if (avail == 0)
        {
            WatchSend();
            return; // HandleSend resumes when TCP has room
        }
        if (RateLimit* l = m_limit.get())
        {
            if (!l->event.IsExpired())
            {
                return; // the pacing timer writes next, not a report of free space before it
            }
            if (l->segment == 0)
            {
                UintegerValue mss(1448);
                m_socket->GetAttributeFailSafe("SegmentSize", mss);
                l->segment = std::max<uint32_t>(1, mss.Get());
            }
            const double bucket = 2.0 * l->segment; // two segments of burst
            const Time now = Simulator::Now();
            l->tokens = std::min(
                bucket, l->tokens + (now - l->tokensAt).GetSeconds() * l->rate.GetBitRate() / 8);
            l->tokensAt = now;
            // Whole segments, or all that is left. Writing whatever the tokens allowed each
            // time TCP reported free space cut a response into runts, one per ACK, so the
            // pacing depended on whether the send callback was set (until 2026-12-03 on every
            // connection, since then only on one whose send buffer once filled).
            const uint64_t want = std::min<uint64_t>(l->segment, m_unsent);
            if (l->tokens < want)
            {
                const auto missing = static_cast<uint32_t>(std::ceil(want - l->tokens));
                // Raw this: the destructor cancels the event.
                l->event = Simulator::Schedule(
                    l->rate.CalculateBytesTxTime(missing), &HttpConnection::Pump, this);
                return;
            }
            uint64_t allowed = l->tokens >= m_unsent
                                 ? m_unsent
                                 : static_cast<uint64_t>(l->tokens / l->segment) * l->segment;
            if (avail < allowed)
            {
                // TCP's room cuts the write: whole segments of it, or wait for the ACK that
                // frees more, unless the buffer is empty and smaller than a segment.
                const uint64_t whole = avail / l->segment * l->segment;
                if (whole > 0)
                {
                    allowed = whole;
                }
                else if (avail < m_sndBufSize)
                {
                    WatchSend();
                    return;
                }
                else
                {
                    allowed = avail;
                }
            }
            avail = static_cast<uint32_t>(allowed);
        }
        Chunk& c = m_queue.front();
        Ptr<Packet> p;
        uint32_t used = 0;
        if (m_headerSent < c.header.size())
        {
            used = std::min<uint64_t>(avail, c.header.size() - m_headerSent);
            p = Create<Packet>(reinterpret_cast<const uint8_t*>(c.header.data()) + m_headerSent,
                               used);
        }
        uint32_t body = std::min<uint64_t>(avail - used, c.body);
        if (body > 0)
        {
            if (p)
            {
                p->AddAtEnd(Create<Packet>(body));
            }
            else
            {
                p = Create<Packet>(body);
            }
        }
        if (!p)
        {
            m_queue.pop_front(); // empty message
            m_headerSent = 0;
            continue;
        }
        int sent = m_socket->Send(p);
        if (sent <= 0)
        {
            WatchSend();
            return;
        }
        NS_ASSERT(static_cast<uint32_t>(sent) == used + body);
        m_unsent -= sent;
        if (m_limit)
        {
            m_limit->tokens -= sent;
        }
        m_headerSent += used;
        c.body -= body;
        if (m_headerSent == c.header.size() && c.body == 0)
        {
            m_queue.pop_front();
            m_headerSent = 0;
        }
    }
    if (m_queue.empty() && m_closing && !m_closed)
    {
        m_closed = true;
        Detach();
        TcpSocketInternals::CloseDetached(m_socket);
        Ptr<HttpConnection> self = m_self;
        ReleaseSelf();
    }
}

namespace
{
/// Connections draining after their owner let go, released when the simulation is destroyed.
std::set<HttpConnection*> g_draining;
bool g_releaseScheduled = false;

void
ReleaseDraining()
{
    std::vector<HttpConnection*> all(g_draining.begin(), g_draining.end());
    g_releaseScheduled = false;
    for (HttpConnection* c : all)
    {
        Ptr<HttpConnection> keep(c); // Dispose breaks the self reference
        c->Dispose();
    }
    g_draining.clear();
}
} // namespace

void
HttpConnection::KeepSelf()
{
    m_self = this;
    g_draining.insert(this);
    if (!g_releaseScheduled)
    {
        // A connection whose peer never drains its data would otherwise outlive the
        // simulation (and with it its socket and node).
        Simulator::ScheduleDestroy(&ReleaseDraining);
        g_releaseScheduled = true;
    }
}

void
HttpConnection::ReleaseSelf()
{
    if (m_self)
    {
        g_draining.erase(this);
        m_self = nullptr; // may delete this: last statement
    }
}

void
HttpConnection::HandleSend(Ptr<Socket> socket, uint32_t available)
{
    // TCP calls this from inside its own transmit loop (SendPendingData): writing or closing
    // here would re-enter that loop and corrupt its state (ns-3.37 then crashes in
    // TcpRateLinux::SkbSent). Write from a separate event instead.
    if ((!m_queue.empty() || m_onDrain) && m_pumpEvent.IsExpired())
    {
        // A raw pointer: an EventId holding a Ptr to its owner would keep it alive forever.
        // The destructor cancels the event.
        m_pumpEvent = Simulator::ScheduleNow(&HttpConnection::PumpAndNotify, this);
    }
}

void
HttpConnection::PumpAndNotify()
{
    Ptr<HttpConnection> self(this); // the owner may let go in its callback
    Pump();
    if (m_onDrain && !m_closed)
    {
        m_onDrain();
    }
}

void
HttpConnection::HandleRead(Ptr<Socket> socket)
{
    Ptr<HttpConnection> self(this); // callbacks may drop the owner's reference
    if (m_paused)
    {
        return;
    }
    Ptr<Packet> p;
    const uint32_t maxRead = m_maxRead > 0 ? m_maxRead : std::numeric_limits<uint32_t>::max();
    while (!m_paused && !m_closed && (p = socket->Recv(maxRead, 0)))
    {
        if (p->GetSize() == 0)
        {
            break;
        }
        m_parser->Feed(p);
    }
}

void
HttpConnection::SetMaxRead(uint32_t bytes)
{
    m_maxRead = bytes;
}

uint32_t
HttpConnection::GetUnreadBytes() const
{
    return m_socket && !m_closed ? m_socket->GetRxAvailable() : 0;
}

void
HttpConnection::PauseReading()
{
    m_paused = true;
}

void
HttpConnection::ResumeReading()
{
    Ptr<HttpConnection> self(this); // what the reads trigger may drop the owner's reference
    if (m_paused)
    {
        m_paused = false;
        if (m_socket && m_socket->GetRxAvailable() > 0)
        {
            HandleRead(m_socket);
            if (!m_closed)
            {
                // What was read reopened the window, even if reading paused again.
                TcpSocketInternals::WindowUpdate(m_socket);
            }
        }
        if (m_peerClosePending && !m_paused && m_socket)
        {
            // In an event of its own: the owner resuming us must not see the connection
            // close (and perhaps go away) inside this call.
            m_peerClosePending = false;
            Simulator::ScheduleNow(
                &HttpConnection::HandlePeerClose, Ptr<HttpConnection>(this), m_socket);
        }
    }
}

void
HttpConnection::Close()
{
    NS_LOG_FUNCTION(this);
    if (m_closed || m_closing)
    {
        return;
    }
    if (m_parser)
    {
        m_parser->Stop();
    }
    m_closing = true;
    // Stay alive until the queue has drained into TCP, even if the owner lets go.
    KeepSelf();
    Pump();
}

void
HttpConnection::Abort(bool reset)
{
    NS_LOG_FUNCTION(this << reset);
    if (m_closed)
    {
        return;
    }
    if (m_parser)
    {
        m_parser->Stop();
    }
    m_closed = true;
    m_queue.clear();
    m_unsent = 0;
    m_pumpEvent.Cancel();
    if (m_socket)
    {
        Detach();
        if (reset && TcpSocketInternals::SendReset(m_socket))
        {
            return;
        }
        m_socket->SetRecvCallback(MakeCallback(&TcpSocketInternals::ResetOnData));
        // Close sends RST by itself when unread data is already buffered.
        TcpSocketInternals::CloseDetached(m_socket);
    }
}

void
HttpConnection::HandlePeerClose(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this);
    Ptr<HttpConnection> self(this);
    if (m_peerClosed)
    {
        return;
    }
    if (m_paused)
    {
        // The FIN comes after data still unread: keep the flow control, judge later.
        m_peerClosePending = true;
        return;
    }
    m_peerClosed = true;
    // Read what arrived with the FIN before judging whether a message was cut short.
    HandleRead(socket);
    if (m_paused)
    {
        m_peerClosed = false; // a callback paused reading halfway
        m_peerClosePending = true;
        return;
    }
    m_parser->Finish();
    if (m_closed || m_closing)
    {
        return; // our own close completing
    }
    if (m_onClosed)
    {
        m_onClosed(false); // the owner decides when to Close (e.g. after a last response)
    }
    else
    {
        Close();
    }
}

void
HttpConnection::HandlePeerError(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this);
    Ptr<HttpConnection> self(this);
    bool wasClosed = m_closed;
    if (m_parser)
    {
        m_parser->Stop();
    }
    m_closed = true;
    m_queue.clear();
    m_unsent = 0;
    Detach();
    ReleaseSelf();
    if (!wasClosed && m_onClosed)
    {
        m_onClosed(true);
    }
}

} // namespace ns3
