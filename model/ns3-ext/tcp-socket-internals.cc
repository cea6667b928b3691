/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-socket-internals.h"

#include "private-member-access.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-base.h"
#include "ns3/tcp-tx-buffer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpSocketInternals");

namespace
{
/*
 * TcpTxBuffer::m_sentSize, for GuardFullWindow (PrivateMemberAccess). Same name and type in
 * ns-3.37 and ns-3-dev 3.48.
 */
struct SentSizeTag
{
    using Type = uint32_t TcpTxBuffer::*;
    friend Type Get(SentSizeTag);
};

template struct PrivateMemberAccess<SentSizeTag, &TcpTxBuffer::m_sentSize>;

/**
 * Reaches TcpSocketBase's protected members: an application cannot otherwise reset a
 * connection (Close sends RST only while unread data is buffered), advertise its receive
 * window, or see the state of a socket it has closed.
 */
struct TcpAccess : public TcpSocketBase
{
    /**
     * Advertise the receive window now. ns-3.37's receiver never sends a window update when
     * the application reads, and its sender neither sends into a window smaller than a
     * segment nor probes one that is not zero: a reader that paused until the window
     * shrank below a segment would wait forever (silly-window deadlock). Real stacks send
     * this update once the window has opened by a segment or more (RFC 1122 4.2.3.3).
     */
    static void WindowUpdate(Ptr<Socket> socket)
    {
        Ptr<TcpSocketBase> tcp = DynamicCast<TcpSocketBase>(socket);
        if (tcp)
        {
            void (TcpSocketBase::*send)(uint8_t) = &TcpAccess::SendEmptyPacket;
            (PeekPointer(tcp)->*send)(TcpHeader::ACK);
        }
    }

    /**
     * The peer's window as TcpTxBuffer::NextSeg should see it. ns-3.37 to 3.40 offer new
     * data while m_sentSize <= rWnd, as a segment of min(SMSS, rWnd - m_sentSize) bytes:
     * once sent data exactly fills the window (its last segment cut to fit) and SACKed or
     * lost segments keep the available window above 0, that is 0 bytes, and
     * SendDataPacket dereferences the null TcpTxItem CopyFromSequence returns for it
     * (TcpRateLinux::SkbSent; DoRetransmit does the same). ns-3.41 tests < instead
     * (commit 13c1b9b63, issue #991); one byte less in that one case makes 3.37 do so.
     * \param tcp the socket
     * \return its m_rWnd, less one when sent data exactly fills a non-zero window
     */
    static uint32_t WindowForNextSeg(const TcpSocketBase* tcp)
    {
        const uint32_t rWnd = (tcp->*(&TcpAccess::m_rWnd)).Get();
        const uint32_t sent = PeekPointer(tcp->*(&TcpAccess::m_txBuffer))->*Get(SentSizeTag());
        return rWnd > 0 && sent == rWnd ? rWnd - 1 : rWnd;
    }

    static void GuardFullWindow(Ptr<Socket> socket)
    {
        Ptr<TcpSocketBase> tcp = DynamicCast<TcpSocketBase>(socket);
        if (tcp)
        {
            // The socket owns its buffer, so the raw pointer cannot outlive it; Fork's copy
            // constructor installs ns-3's own callback again, so accepted sockets need this
            // call too.
            (PeekPointer(tcp)->*(&TcpAccess::m_txBuffer))
                ->SetRWndCallback(
                    MakeBoundCallback(&TcpAccess::WindowForNextSeg,
                                      static_cast<const TcpSocketBase*>(PeekPointer(tcp))));
        }
    }

    static bool SendReset(Ptr<Socket> socket)
    {
        Ptr<TcpSocketBase> tcp = DynamicCast<TcpSocketBase>(socket);
        if (!tcp)
        {
            return false;
        }
        void (TcpSocketBase::*sendRst)() = &TcpAccess::SendRST;
        (PeekPointer(tcp)->*sendRst)();
        return true;
    }

    /**
     * Close callback of a socket its application has already closed. ns-3.37 moves such a
     * socket (FIN_WAIT_1) to CLOSE_WAIT when the peer's FIN arrived out of order and the
     * data that completes it arrives after the Close (TcpSocketBase::DoPeerClose sets
     * CLOSE_WAIT from any state): it then waits for a Close its application already made
     * and stays in TCP's socket list, with its endpoint, for ever (about one socket in ten
     * lossy modem transfers). Closing once more sends the FIN again from CLOSE_WAIT and ends
     * in LAST_ACK as the peer expects; in any other state there is nothing to do.
     * \param socket the socket
     */
    static void CloseAgainIfWaiting(Ptr<Socket> socket)
    {
        Ptr<TcpSocketBase> tcp = DynamicCast<TcpSocketBase>(socket);
        if (tcp && StateOf(*tcp) == TcpSocket::CLOSE_WAIT)
        {
            CloseFromCallback(tcp);
        }
    }

    /**
     * Receive callback of an aborted socket: ns-3 answers Close() with RST while data is
     * unread.
     * \param socket the socket
     */
    static void ResetOnData(Ptr<Socket> socket)
    {
        socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        socket->Close();
    }

    /// \return the socket's TCP state
    static TcpStates_t StateOf(const TcpSocketBase& tcp)
    {
        return (tcp.*(&TcpAccess::m_state)).Get();
    }

    /**
     * Whether an orphaned socket is only waiting for something ns-3.37 never gives up on:
     * FIN_WAIT_1, CLOSING and LAST_ACK with every byte acknowledged retransmit the FIN once
     * per RTO, without backoff or retry limit, when the peer's ACK of it was lost (the peer,
     * in TIME_WAIT, does not ACK again); FIN_WAIT_2 waits for a FIN that may never come
     * (ns-3 has no FIN_WAIT_2 timer); CLOSE_WAIT, if the second Close did not happen.
     * A socket still delivering data is not stuck, however long it takes.
     * \param tcp the socket
     * \return true if it is stuck
     */
    static bool IsStuck(const TcpSocketBase& tcp)
    {
        switch (StateOf(tcp))
        {
        case TcpSocket::FIN_WAIT_1:
        case TcpSocket::CLOSING:
        case TcpSocket::LAST_ACK:
            return (tcp.*(&TcpAccess::m_txBuffer))->Size() == 0;
        case TcpSocket::FIN_WAIT_2:
        case TcpSocket::CLOSE_WAIT:
            return true;
        default:
            return false;
        }
    }

    /// How often an orphaned socket is looked at; stuck at two looks in a row, it is released
    /// (Linux's tcp_fin_timeout for orphans is 60 s).
    static constexpr double ORPHAN_CHECK_S = 60;

    /**
     * Release an orphaned socket that has been stuck for an ORPHAN_CHECK_S, as a real stack
     * gives up on an orphan (Linux: tcp_fin_timeout, tcp_orphan_retries): closed and removed
     * from TCP without sending anything. Until then, look again every ORPHAN_CHECK_S.
     * \param tcp the socket
     * \param stuck whether it was stuck at the previous look
     */
    static void CheckOrphan(Ptr<TcpSocketBase> tcp, bool stuck)
    {
        const TcpStates_t state = StateOf(*tcp);
        if (state == TcpSocket::CLOSED || state == TcpSocket::TIME_WAIT)
        {
            return; // done, or ns-3's own 2 MSL timer ends it
        }
        const bool stuckNow = IsStuck(*tcp);
        if (stuck && stuckNow)
        {
            NS_LOG_INFO("releasing an orphaned socket stuck in " << TcpSocket::TcpStateName[state]);
            tcp->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                   MakeNullCallback<void, Ptr<Socket>>());
            void (TcpSocketBase::*release)() = &TcpAccess::CloseAndNotify;
            (PeekPointer(tcp)->*release)();
            return;
        }
        Simulator::Schedule(Seconds(ORPHAN_CHECK_S), &TcpAccess::CheckOrphan, tcp, stuckNow);
    }

    /**
     * Close a socket whose application lets go of it now, working around the two ns-3.37
     * defects above (CloseAgainIfWaiting, CheckOrphan) that otherwise leave closed sockets in
     * TCP for ever, each retransmitting a FIN every second in CLOSING or LAST_ACK.
     * \param socket the socket, detached from its application's callbacks
     */
    static void CloseDetached(Ptr<Socket> socket)
    {
        socket->SetCloseCallbacks(MakeCallback(&TcpAccess::CloseAgainIfWaiting),
                                  MakeNullCallback<void, Ptr<Socket>>());
        Ptr<TcpSocketBase> tcp = DynamicCast<TcpSocketBase>(socket);
        if (!tcp)
        {
            socket->Close();
            return;
        }
        CloseFromCallback(tcp);
        Simulator::Schedule(Seconds(ORPHAN_CHECK_S), &TcpAccess::CheckOrphan, tcp, false);
    }

    /**
     * Close a socket, also from inside its peer-close callback. There, Socket::Close sends a
     * FIN/ACK and DoPeerClose then its own ACK of the same FIN, a duplicate ACK on every
     * connection the peer closes first. Instead declare, as ShutdownSend would, that nothing
     * more will be sent: DoPeerClose then closes the socket itself, and its FIN/ACK is the
     * only answer to the peer's FIN. (ShutdownSend itself sends the FIN at once and moves to
     * LAST_ACK, and DoPeerClose's Close then tears the socket down without waiting for the
     * last ACK.)
     * \param tcp the socket
     */
    static void CloseFromCallback(Ptr<TcpSocketBase> tcp)
    {
        if (IsNotifyingPeerClose(*tcp) || IsDeliveringPeerFin(*tcp))
        {
            PeekPointer(tcp)->*(&TcpAccess::m_shutdownSend) = true;
        }
        else
        {
            tcp->Close();
        }
    }

    /**
     * Whether the socket's application is being told, now, that the peer closed: only
     * TcpSocketBase::DoPeerClose enters CLOSE_WAIT, and it marks the close as notified only
     * after the application's callback returns.
     * \param tcp the socket
     * \return true inside DoPeerClose's NotifyNormalClose
     */
    static bool IsNotifyingPeerClose(const TcpSocketBase& tcp)
    {
        return StateOf(tcp) == TcpSocket::CLOSE_WAIT && !(tcp.*(&TcpAccess::m_closeNotified));
    }

    /**
     * Whether the socket's application is being handed the last data of a stream whose FIN
     * has arrived but not yet been processed: TcpSocketBase::PeerClose records the FIN, then
     * delivers the data it came with (or ReceivedData the data that fills the last hole), and
     * only after the receive callback returns acknowledges the segment and calls DoPeerClose.
     * A Close in that callback would send a FIN/ACK that already acknowledges the peer's FIN
     * (the receive buffer counts it), ReceivedData would repeat that ACK, a duplicate on every
     * connection the server ends with its response, and PeerClose would take the socket
     * through CLOSING to TIME_WAIT as if both sides had closed at once. Declaring the close
     * instead lets DoPeerClose close it as a real stack's application would, having seen
     * the end of the stream: CLOSE_WAIT, one FIN/ACK, LAST_ACK, and TIME_WAIT only on the
     * side that closed first.
     * \param tcp the socket
     * \return true inside the receive callback that delivers the data before the peer's FIN
     */
    static bool IsDeliveringPeerFin(const TcpSocketBase& tcp)
    {
        return StateOf(tcp) == TcpSocket::ESTABLISHED
            && (tcp.*(&TcpAccess::m_tcb))->m_rxBuffer->Finished();
    }
};
} // namespace

void
TcpSocketInternals::WindowUpdate(Ptr<Socket> socket)
{
    TcpAccess::WindowUpdate(socket);
}

bool
TcpSocketInternals::SendReset(Ptr<Socket> socket)
{
    return TcpAccess::SendReset(socket);
}

void
TcpSocketInternals::ResetOnData(Ptr<Socket> socket)
{
    TcpAccess::ResetOnData(socket);
}

void
TcpSocketInternals::CloseDetached(Ptr<Socket> socket)
{
    TcpAccess::CloseDetached(socket);
}

void
TcpSocketInternals::GuardFullWindow(Ptr<Socket> socket)
{
    TcpAccess::GuardFullWindow(socket);
}

} // namespace ns3
