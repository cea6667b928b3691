/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_STATE_TRACKER_H
#define TCP_STATE_TRACKER_H

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Guesses both ends' TCP states of a session from the segments a middlebox sees ([Depot],
 * section 4.1: the depot cannot know what the other end received, so it assumes that what it
 * forwards arrives). Works on sequence numbers modulo 2^32.
 *
 * Inference rules (A sends the segment, B is the other end):
 * - SYN without ACK from the client: client SYN_SENT (a repeated one is a retransmission).
 * - SYN+ACK from the proxy: proxy SYN_RECV.
 * - an ACK from the client while the proxy is in SYN_RECV: both ESTABLISHED.
 * - FIN from A: A FIN_WAIT. If the FIN acknowledges B's FIN, B had closed first: A LAST_ACK.
 *   If B had sent a FIN that this FIN does not acknowledge, both closed at the same time
 *   (simultaneous close): A CLOSING. Otherwise B is assumed to receive it: CLOSE_WAIT.
 * - an ACK covering B's FIN: B's FIN_WAIT becomes (for A) known acknowledged; A in FIN_WAIT
 *   or CLOSING that acknowledges B's FIN enters TIME_WAIT and B (LAST_ACK) becomes CLOSED; B
 *   in CLOSING becomes TIME_WAIT.
 * - RST from either end: both CLOSED.
 *
 * With window checking on, a segment whose sequence range lies outside what the receiving end
 * can accept (its last acknowledgement +/- its largest advertised window, scaled when both
 * SYNs carried the window scale option) is reported out of window and does not change any
 * state. A RST is judged as RFC 5961 section 3 has the receiver judge it: it closes the
 * session only at the exact expected sequence number (the receiver's last acknowledgement,
 * or the sender's next sequence number; a RST+ACK refusing a SYN must acknowledge it); in the
 * receiver's window [last ack, last ack + window) it asks for a challenge ACK; elsewhere it
 * is out of window. An off-path attacker guessing sequence numbers thus needs the exact value
 * (2 in 2^32) instead of any value in a window. A segment carrying ACK is out of window too
 * when it acknowledges what the receiver never sent, or more than one of the sender's largest
 * windows (at least 66,000 bytes, as Linux's conntrack) before the receiver's next sequence
 * number (RFC 5961 section 5): an in-window segment with a guessed acknowledgement would
 * otherwise move the tracked acknowledgement past the real data, which the middlebox would
 * then drop as out of window. A session picked up (PICKED_UP: from a warm standby's synced
 * record, or in mid-stream) is checked for neither.
 */
class TcpStateTracker
{
  public:
    /// An end's inferred TCP state (RFC 793 names; FIN_WAIT covers FIN_WAIT_1 and _2).
    enum State : uint8_t
    {
        LISTEN,
        SYN_SENT,
        SYN_RECV,
        ESTABLISHED,
        FIN_WAIT,
        CLOSING,
        CLOSE_WAIT,
        LAST_ACK,
        TIME_WAIT,
        CLOSED
    };

    /// The session's state for timeouts (IPVS names; one timeout each).
    enum SessionState : uint8_t
    {
        S_SYN_SENT,    //!< client SYN seen, no answer from the proxy
        S_SYN_RECV,    //!< proxy answered, handshake not complete
        S_ESTABLISHED, //!< data transfer
        S_FIN_WAIT,    //!< the proxy closed first
        S_CLOSE_WAIT,  //!< the client closed first
        S_LAST_ACK,    //!< both closed, last FIN not acknowledged
        S_TIME_WAIT,   //!< an end is in TIME_WAIT: the entry is held 2 MSL
        S_CLOSE,       //!< reset or fully closed
        N_SESSION_STATES
    };

    /// Flags of an end.
    enum EndFlag : uint8_t
    {
        FIN_SENT = 1,   //!< the end sent a FIN (its sequence is finSeq)
        HAS_WSCALE = 2, //!< its SYN carried the window scale option
        SEEN = 4,       //!< it sent at least one segment (sndEnd and window are valid)
        ACKED = 8,      //!< it sent an ACK (ack is valid)
        /// the session was picked up (from another tracker's state sync, or in mid-stream
        /// without its SYNs): its sequence numbers may lag behind what the ends sent and its
        /// window scale is unknown, so neither windows nor acknowledgements are checked, as
        /// Linux's conntrack is liberal (IP_CT_TCP_FLAG_BE_LIBERAL) with a connection it picks
        /// up; RSTs are still judged
        PICKED_UP = 16,
    };

    /// The smallest acknowledgement window (bytes) the ACK check allows below the receiver's
    /// next sequence number, whatever the sender advertised (Linux's MAXACKWINCONST).
    static constexpr uint32_t MIN_ACK_WINDOW = 66000;

    /// What the tracker keeps per end (16 bytes).
    struct End
    {
        uint8_t state{LISTEN}; //!< State
        uint8_t flags{0};      //!< EndFlag bits
        uint8_t wscale{0};     //!< window scale shift from its SYN
        uint8_t pad{0};        //!< unused
        uint32_t sndEnd{0};    //!< highest sequence number sent + 1 (SYN and FIN count)
        uint32_t ack{0};       //!< last acknowledgement number it sent
        uint32_t maxWin{0};    //!< largest window it advertised (scaled)
    };

    /// A segment as the tracker needs it.
    struct Segment
    {
        uint8_t flags{0};   //!< TCP flags (TcpHeader::Flags_t bits)
        uint32_t seq{0};    //!< sequence number
        uint32_t ack{0};    //!< acknowledgement number
        uint32_t length{0}; //!< payload bytes
        uint16_t window{0}; //!< raw window field
        int16_t wscale{-1}; //!< window scale option (SYN only), -1 if absent
    };

    /// What a segment did.
    enum Result : uint8_t
    {
        OK,                 //!< accepted, states updated
        SYN_RETRANSMIT,     //!< a client SYN repeated before the proxy answered
        SYN_IN_SESSION,     //!< a SYN on a session past the handshake
        RESET,              //!< an accepted RST: both ends CLOSED
        OUT_OF_WINDOW,      //!< rejected (window checking on): no state changed
        SIMULTANEOUS_CLOSE, //!< a FIN crossing the other end's FIN
        /// a RST in the receiver's window but not at the expected sequence number (window
        /// checking on): no state changed; the middlebox answers with a challenge ACK
        RST_CHALLENGE,
        N_RESULTS
    };

    /**
     * Update the ends for a segment.
     * \param from the sending end
     * \param to the receiving end
     * \param fromClient true if the client sent it
     * \param s the segment
     * \param checkWindow reject segments outside the receiver's window
     * \return what happened
     */
    static Result Track(End& from, End& to, bool fromClient, const Segment& s, bool checkWindow);

    /**
     * \param client the client end
     * \param proxy the proxy end
     * \return the session state for timeouts
     */
    static SessionState Summarize(const End& client, const End& proxy);

    /**
     * The session state when the depot sees only the client's segments (direct routing:
     * the proxy answers the client directly), after IPVS's input-only state table: SYN ->
     * SYN_RECV, ACK -> ESTABLISHED, FIN -> FIN_WAIT, RST -> CLOSE; no TIME_WAIT, since the
     * proxy's FIN is never seen. A new entry (S_SYN_SENT) counts as IPVS's NONE.
     * \param current the session's state
     * \param flags the client segment's TCP flags
     * \return the new state
     */
    static SessionState TrackInputOnly(uint8_t current, uint8_t flags);

    /**
     * \param r a result of Track
     * \return whether the segment was taken (the ends may have changed): OK, RESET or
     *         SIMULTANEOUS_CLOSE; not a rejected or ignored one, such as a SYN on a live session
     */
    static bool Accepted(Result r)
    {
        return r == OK || r == RESET || r == SIMULTANEOUS_CLOSE;
    }

    /**
     * \param s a state
     * \return its name
     */
    static const char* StateName(uint8_t s);

    /**
     * \param s a session state
     * \return its name
     */
    static const char* SessionStateName(uint8_t s);

    /**
     * \param r a result
     * \return its name
     */
    static const char* ResultName(Result r);

    /**
     * Whether a segment lies in the window the receiver can accept.
     * \param from the sending end
     * \param to the receiving end
     * \param s the segment
     * \return true if acceptable (always true before the receiver sent an ACK, or in a
     *         session picked up)
     */
    static bool InWindow(const End& from, const End& to, const Segment& s);

    /**
     * Whether a segment's acknowledgement number is acceptable (RFC 5961 section 5, with
     * conntrack's floor on the window): from (the receiver's next sequence number - the
     * sender's largest window, at least MIN_ACK_WINDOW) to the receiver's next sequence number.
     * \param from the sending end
     * \param to the receiving end
     * \param s the segment (its ACK flag set)
     * \return true if acceptable (always true before the receiver sent anything, or in a
     *         session picked up)
     */
    static bool AckAcceptable(const End& from, const End& to, const Segment& s);

    /**
     * Judge a RST (RFC 5961 section 3).
     * \param from the sending end
     * \param to the receiving end
     * \param s the RST
     * \return RESET (exact), RST_CHALLENGE (in the receiver's window) or OUT_OF_WINDOW
     */
    static Result JudgeReset(const End& from, const End& to, const Segment& s);

    /**
     * \param a a sequence number
     * \param b another
     * \return a <= b in sequence space (modulo 2^32)
     */
    static bool SeqLe(uint32_t a, uint32_t b)
    {
        return static_cast<int32_t>(a - b) <= 0;
    }
};

} // namespace ns3

#endif // TCP_STATE_TRACKER_H
