/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SQUID_LOG_READER_H
#define SQUID_LOG_READER_H

#include "trace-reader.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Reads a Squid access.log in the native format, ten fields separated by spaces or tabs:
 *
 *     time elapsed client action/code size method URL ident hierarchy/from type
 *     1014416470.123    180 10.0.0.7 TCP_MISS/200 4512 GET http://example.com/a.gif -
 *         HIER_DIRECT/10.0.0.1 image/gif                         (one line)
 *
 * Mapping to TraceRecord:
 * - time: Unix seconds (milliseconds in practice; read exactly up to nanoseconds), made
 *   relative to the first line's (GetOrigin(); or to a fixed origin, SetOrigin()). Squid
 *   writes a line when the transaction ends and logs that time, so record times are request
 *   completion times. Lines may be up to 1 s earlier than the latest time (SMP workers
 *   interleave their lines; see TraceReader::SetTimeTolerance); further back is malformed.
 * - elapsed (ms): checked, and kept for the last record only (GetLastElapsed()).
 * - client: the address or host name; numbered 0, 1, ... in order of first appearance
 *   (GetClients() gives the names). With SetClientNumbering(BY_ADDRESS) the client must be
 *   an IPv4 address and its number is the address minus 10.0.0.0 (modulo 2^32), the inverse
 *   of SquidLogWriter's naming: a written trace then reads back with the same numbers.
 * - action/code: the HTTP status is the code (000 when no reply was sent: status 0); the
 *   action (TCP_MISS, TCP_HIT, ...) is checked but not kept.
 * - size: bytes delivered to the client, headers included. Used as both size and received:
 *   no header size is subtracted, and the full size of an aborted transfer is unknown, so
 *   records are never IsAborted().
 * - method: as logged. URL "scheme://host[:port]/path": server is host[:port] (the scheme and
 *   any user@ are dropped), path is the rest ("/" when empty). A CONNECT line's URL is
 *   "host:port": server is "host:port", path "/".
 * - ident and hierarchy/from: not kept. type: contentType ("-" means none: empty).
 * - cookie, setCookie, clientNoCache, serverNoCache, authorization, persistent, version: the
 *   log does not carry them; they are false (0). Query and cgi-bin URLs are recognized from
 *   the path by TraceRecord itself.
 *
 * Malformed lines: a control character (Squid escapes them; tab separates fields), a field
 * count other than 10, a time, elapsed time or size that is not a number or is negative, a
 * time after TraceRecord::MAX_TIME_NS, an elapsed time over a year, a size over
 * TraceRecord::MAX_SIZE, an action/code that is not ACTION/status, a method that is not a
 * token, a URL without host (e.g. Squid's "error:transaction-end-before-headers"), a time
 * going back by more than the tolerance. These are exactly the lines SquidLogWriter cannot
 * write: whatever it writes reads back.
 */
class SquidLogReader : public TraceReader
{
  public:
    /// How clients are numbered.
    enum ClientNumbering
    {
        FIRST_SEEN, //!< 0, 1, ... in order of first appearance (the default)
        BY_ADDRESS, //!< IPv4 address minus 10.0.0.0, modulo 2^32
    };

    /// The address of client 0 in BY_ADDRESS numbering (10.0.0.0).
    static constexpr uint32_t CLIENT_ADDRESS_BASE = 0x0A000000;
    /// Longest elapsed time accepted: a year, in milliseconds (keeps Time from overflowing).
    static constexpr uint64_t MAX_ELAPSED_MS = 365ULL * 86400 * 1000;
    /// How far back a line's time may go by default (SMP workers interleave their lines), ms.
    static constexpr int64_t DEFAULT_TOLERANCE_MS = 1000;

    SquidLogReader();
    ~SquidLogReader() override;

    /**
     * Make record times relative to a fixed Unix time instead of the first line's.
     * \param unixTime the Unix time of record time zero (e.g. Seconds(1014416470))
     */
    void SetOrigin(Time unixTime);

    /// \return the Unix time of record time zero (zero before the first record)
    Time GetOrigin() const;

    /**
     * \param numbering how clients are numbered (set before reading)
     */
    void SetClientNumbering(ClientNumbering numbering);

    /// \return the client names (addresses or host names), indexed by client number
    ///         (FIRST_SEEN numbering only; a line rejected because its time goes back too
    ///         far still numbers its client)
    const std::vector<std::string>& GetClients() const;

    /// \return the elapsed time logged for the last record returned
    Time GetLastElapsed() const;

  protected:
    LineKind ParseLine(std::string_view line, TraceRecord& out, std::string& problem) override;
    void Reset() override;
    std::string FormatTime(Time t) const override;

  private:
    /**
     * \param name a client name
     * \return its number, assigned on first sight
     */
    uint32_t ClientNumber(std::string_view name);
    /**
     * \param name a client name
     * \param number set to its BY_ADDRESS number
     * \return false when the name is not an IPv4 address
     */
    static bool AddressNumber(std::string_view name, uint32_t& number);

    ClientNumbering m_numbering{FIRST_SEEN}; //!< how clients are numbered

    bool m_fixedOrigin{false};                                 //!< SetOrigin was called
    bool m_haveOrigin{false};                                  //!< the origin is known
    int64_t m_originNs{0};                                     //!< Unix time of time zero, ns
    Time m_lastElapsed;                                        //!< elapsed time of the last record
    std::unordered_map<std::string, uint32_t> m_clientNumbers; //!< name to number
    std::vector<std::string> m_clients;                        //!< number to name
    std::string m_key;                                         //!< scratch key for lookups
    uint32_t m_lastClient{0}; //!< number of the previous line's client (fast path)
};

} // namespace ns3

#endif // SQUID_LOG_READER_H
