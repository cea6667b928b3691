/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-state-tracker.h"

#include "ns3/tcp-header.h"

#include <algorithm>

namespace ns3
{

bool
TcpStateTracker::InWindow(const End& from, const End& to, const Segment& s)
{
    if (!(to.flags & ACKED) || ((from.flags | to.flags) & PICKED_UP))
    {
        return true;
    }
    const uint32_t win = std::max<uint32_t>(to.maxWin, 1);
    const uint32_t end = s.seq + s.length;
    // Not beyond what the receiver can take, not older than one window before what it expects
    // (old duplicates are legal retransmissions).
    return SeqLe(s.seq, to.ack + win) && SeqLe(to.ack - win, end);
}

bool
TcpStateTracker::AckAcceptable(const End& from, const End& to, const Segment& s)
{
    if (!(to.flags & SEEN) || ((from.flags | to.flags) & PICKED_UP))
    {
        return true;
    }
    const uint32_t win = std::max(from.maxWin, MIN_ACK_WINDOW);
    return SeqLe(s.ack, to.sndEnd) && SeqLe(to.sndEnd - win, s.ack);
}

TcpStateTracker::Result
TcpStateTracker::JudgeReset(const End& from, const End& to, const Segment& s)
{
    const bool ackedBy = to.flags & ACKED;
    if ((ackedBy && s.seq == to.ack) || ((from.flags & SEEN) && s.seq == from.sndEnd))
    {
        return RESET;
    }
    // A refusal of a SYN (RFC 793, SYN-SENT): the RST+ACK must acknowledge the SYN.
    if (!(from.flags & SEEN) && to.state == SYN_SENT && (s.flags & TcpHeader::ACK)
        && s.ack == to.sndEnd)
    {
        return RESET;
    }
    // A connection both ends have closed (one in TIME_WAIT, or both CLOSED) is not
    // challenged: the end that closed second has forgotten it and would answer the challenge
    // ACK with a RST of its own, at the exact sequence number, so that a spoofed RST could
    // end the 2 MSL hold through the real client.
    const bool finished = from.state == TIME_WAIT || from.state == CLOSED || to.state == TIME_WAIT
                       || to.state == CLOSED;
    const uint32_t win = std::max<uint32_t>(to.maxWin, 1);
    if (!finished && ackedBy && SeqLe(to.ack, s.seq)
        && static_cast<int32_t>(s.seq - (to.ack + win)) < 0)
    {
        return RST_CHALLENGE;
    }
    return OUT_OF_WINDOW;
}

TcpStateTracker::Result
TcpStateTracker::Track(End& from, End& to, bool fromClient, const Segment& s, bool checkWindow)
{
    const bool syn = s.flags & TcpHeader::SYN;
    const bool ack = s.flags & TcpHeader::ACK;
    const bool fin = s.flags & TcpHeader::FIN;
    const bool rst = s.flags & TcpHeader::RST;
    const uint32_t segEnd = s.seq + s.length + (syn ? 1 : 0) + (fin ? 1 : 0);

    if (syn && !rst)
    {
        if (fromClient && !ack)
        {
            if (from.state == LISTEN)
            {
                from.state = SYN_SENT;
                from.sndEnd = segEnd;
                from.maxWin = s.window; // never scaled in a SYN
                from.flags = SEEN;
                if (s.wscale >= 0)
                {
                    from.flags |= HAS_WSCALE;
                    from.wscale = std::min<int16_t>(s.wscale, 14);
                }
                return OK;
            }
            return from.state == SYN_SENT ? SYN_RETRANSMIT : SYN_IN_SESSION;
        }
        if (!fromClient && ack && to.state == SYN_SENT
            && (from.state == LISTEN || from.state == SYN_RECV))
        {
            from.state = SYN_RECV;
            from.sndEnd = segEnd;
            from.ack = s.ack;
            from.maxWin = s.window;
            from.flags = SEEN | ACKED;
            if (s.wscale >= 0)
            {
                from.flags |= HAS_WSCALE;
                from.wscale = std::min<int16_t>(s.wscale, 14);
            }
            return OK;
        }
        return SYN_IN_SESSION;
    }

    if (rst && checkWindow)
    {
        const Result r = JudgeReset(from, to, s);
        if (r != RESET)
        {
            return r;
        }
    }
    else if (checkWindow && (!InWindow(from, to, s) || (ack && !AckAcceptable(from, to, s))))
    {
        return OUT_OF_WINDOW;
    }
    if (rst)
    {
        from.state = CLOSED;
        to.state = CLOSED;
        return RESET;
    }

    const uint8_t shift = (from.flags & HAS_WSCALE) && (to.flags & HAS_WSCALE) ? from.wscale : 0;
    from.maxWin = std::max(from.maxWin, static_cast<uint32_t>(s.window) << shift);
    if (ack)
    {
        if (!(from.flags & ACKED) || SeqLe(from.ack, s.ack))
        {
            from.ack = s.ack;
        }
        from.flags |= ACKED;
    }
    if (!(from.flags & SEEN) || SeqLe(from.sndEnd, segEnd))
    {
        from.sndEnd = segEnd;
    }
    from.flags |= SEEN;

    Result r = OK;
    if (fromClient && ack && from.state == SYN_SENT && to.state == SYN_RECV)
    {
        // The handshake's last ACK: the proxy is assumed to receive it.
        from.state = ESTABLISHED;
        to.state = ESTABLISHED;
    }
    // Does this segment acknowledge the other end's FIN? (After its FIN an end sends no new
    // data, so its sndEnd is the FIN's sequence number + 1.)
    const bool acksOtherFin = ack && (to.flags & FIN_SENT) && SeqLe(to.sndEnd, s.ack);
    if (fin && !(from.flags & FIN_SENT))
    {
        from.flags |= FIN_SENT;
        if (to.flags & FIN_SENT)
        {
            if (acksOtherFin)
            {
                from.state = LAST_ACK; // the other end closed first and we got its FIN
            }
            else
            {
                // Both FINs are on the wire: each end receives a FIN in FIN_WAIT_1.
                from.state = CLOSING;
                to.state = CLOSING;
                r = SIMULTANEOUS_CLOSE;
            }
        }
        else
        {
            from.state = FIN_WAIT;
            if (to.state == ESTABLISHED || to.state == SYN_RECV || to.state == SYN_SENT)
            {
                to.state = CLOSE_WAIT;
            }
        }
    }
    if (acksOtherFin)
    {
        if (to.state == LAST_ACK)
        {
            to.state = CLOSED;
            if (from.state == FIN_WAIT || from.state == CLOSING)
            {
                from.state = TIME_WAIT;
            }
        }
        else if (to.state == CLOSING)
        {
            to.state = TIME_WAIT;
        }
    }
    return r;
}

TcpStateTracker::SessionState
TcpStateTracker::TrackInputOnly(uint8_t current, uint8_t flags)
{
    NS_ASSERT(current < N_SESSION_STATES);
    // Rows: RST, SYN, FIN, ACK (IPVS's precedence); columns: our session states, S_SYN_SENT
    // standing for IPVS's sNO (an entry no segment has been tracked on yet).
    constexpr SessionState SR = S_SYN_RECV, ES = S_ESTABLISHED, FW = S_FIN_WAIT, CW = S_CLOSE_WAIT,
                           LA = S_LAST_ACK, TW = S_TIME_WAIT, CL = S_CLOSE;
    static const SessionState table[4][N_SESSION_STATES] = {
        /*        SS  SR  ES  FW  CW  LA  TW  CL */
        /*rst*/ {CL, CL, CL, CL, CL, CL, TW, CL},
        /*syn*/ {SR, SR, ES, SR, SR, SR, SR, SR},
        /*fin*/ {CL, TW, FW, FW, CW, LA, TW, CL},
        /*ack*/ {CL, ES, ES, FW, CW, CL, TW, CL},
    };
    const int row = (flags & TcpHeader::RST) ? 0
                  : (flags & TcpHeader::SYN) ? 1
                  : (flags & TcpHeader::FIN) ? 2
                  : (flags & TcpHeader::ACK) ? 3
                                             : -1;
    return row < 0 ? static_cast<SessionState>(current) : table[row][current];
}

TcpStateTracker::SessionState
TcpStateTracker::Summarize(const End& c, const End& p)
{
    if (c.state == TIME_WAIT || p.state == TIME_WAIT)
    {
        return S_TIME_WAIT;
    }
    if (c.state == CLOSED || p.state == CLOSED)
    {
        return S_CLOSE;
    }
    if (c.state == LAST_ACK || p.state == LAST_ACK || c.state == CLOSING || p.state == CLOSING)
    {
        return S_LAST_ACK;
    }
    if (p.state == CLOSE_WAIT)
    {
        return S_CLOSE_WAIT;
    }
    if (c.state == CLOSE_WAIT)
    {
        return S_FIN_WAIT;
    }
    if (c.state == ESTABLISHED && p.state == ESTABLISHED)
    {
        return S_ESTABLISHED;
    }
    if (p.state == SYN_RECV)
    {
        return S_SYN_RECV;
    }
    return S_SYN_SENT;
}

const char*
TcpStateTracker::StateName(uint8_t s)
{
    static const char* names[] = {"LISTEN",
                                  "SYN_SENT",
                                  "SYN_RECV",
                                  "ESTABLISHED",
                                  "FIN_WAIT",
                                  "CLOSING",
                                  "CLOSE_WAIT",
                                  "LAST_ACK",
                                  "TIME_WAIT",
                                  "CLOSED"};
    return s <= CLOSED ? names[s] : "?";
}

const char*
TcpStateTracker::SessionStateName(uint8_t s)
{
    static const char* names[] = {"SYN_SENT",
                                  "SYN_RECV",
                                  "ESTABLISHED",
                                  "FIN_WAIT",
                                  "CLOSE_WAIT",
                                  "LAST_ACK",
                                  "TIME_WAIT",
                                  "CLOSE"};
    return s < N_SESSION_STATES ? names[s] : "?";
}

const char*
TcpStateTracker::ResultName(Result r)
{
    static const char* names[] = {"ok",
                                  "syn-retransmit",
                                  "syn-in-session",
                                  "reset",
                                  "out-of-window",
                                  "simultaneous-close",
                                  "rst-challenge"};
    return r < N_RESULTS ? names[r] : "?";
}

} // namespace ns3
