/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SQUID_LOG_WRITER_H
#define SQUID_LOG_WRITER_H

#include "trace-record.h"

#include "ns3/nstime.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Writes TraceRecords as a Squid access.log in the native format, which SquidLogReader (and
 * Squid log tools) read:
 *
 *     time elapsed client action/code size method URL ident hierarchy/from type
 *
 * - time: origin (SetOrigin; by default HttpDate's epoch, so that the log and the simulated
 *   HTTP dates agree) plus the record time, rounded to the millisecond as Squid logs it (down
 *   within half a millisecond of TraceRecord::MAX_TIME_NS: rounded up it would be unreadable);
 * - elapsed: the value given to Write (milliseconds; 0 by default: TraceRecord has none);
 * - client: the IPv4 address 10.0.0.0 + client number (modulo 2^32), read back to the same
 *   number by SquidLogReader with BY_ADDRESS numbering;
 * - action/code: TCP_MISS/status, TCP_MISS_ABORTED/status when the record IsAborted()
 *   (Squid 3.5+ marks aborted transactions so); status with three digits;
 * - size: the bytes received (what Squid counts), so an aborted record reads back with
 *   size = received;
 * - URL: http://server/path; a CONNECT to path "/" is written host:port as Squid does.
 *   Spaces and control characters in the path are written %XX (Squid escapes them too), and
 *   so they read back escaped;
 * - ident "-", hierarchy HIER_DIRECT/host, type the content type ("-" when empty; spaces and
 *   control characters %XX, and a type "-" is written %2D).
 *
 * Flags, version and (for aborted records) the full size are not written: the format has no
 * place for them. Use CsvTraceWriter to keep every field.
 */
class SquidLogWriter : public SimpleRefCount<SquidLogWriter>
{
  public:
    /**
     * Write to a file (replaced).
     * \param path the file
     * \throws std::runtime_error when it cannot be created
     */
    explicit SquidLogWriter(const std::string& path);

    /**
     * Write to a stream, which must outlive the writer.
     * \param os the stream
     */
    explicit SquidLogWriter(std::ostream& os);

    ~SquidLogWriter();

    SquidLogWriter(const SquidLogWriter&) = delete;
    SquidLogWriter& operator=(const SquidLogWriter&) = delete;

    /**
     * \param unixTime the Unix time that record time zero stands for
     */
    void SetOrigin(Time unixTime);
    /// \return the Unix time that record time zero stands for
    Time GetOrigin() const;

    /**
     * Write comment lines ("# " + each line of the text), e.g. the generator's parameters.
     * SquidLogReader skips them; Squid tools may not.
     * \param text the comment
     */
    void WriteComment(const std::string& text);

    /**
     * Write one record. The writer refuses exactly the records whose lines SquidLogReader
     * refuses (with its default tolerance), so that every log it writes reads back.
     * \param r the record: time not negative, origin plus time from 0 to
     *          TraceRecord::MAX_TIME_NS (after rounding) and at most 1 s earlier than the
     *          latest written, server a host[:port], path starting with '/', method a token,
     *          status at most 999, received at most TraceRecord::MAX_SIZE
     * \param elapsed the elapsed time to log, from 0 to a year
     * \throws std::invalid_argument naming the file and the record number when the record
     *         cannot be written in this format
     */
    void Write(const TraceRecord& r, Time elapsed = Time());

    /// \return the records written
    uint64_t GetCount() const;

    /**
     * Flush, and close the file if the writer opened one.
     * \throws std::runtime_error when the data could not be written (e.g. disk full)
     */
    void Close();

  private:
    std::unique_ptr<std::ostream> m_file; //!< the file, when the writer opened it
    std::ostream* m_os;                   //!< where lines go
    std::string m_name;                   //!< file name for messages
    int64_t m_originNs;                   //!< Unix time of time zero, ns
    uint64_t m_count{0};                  //!< records written
    int64_t m_lastMs{0};                  //!< latest logged time written, ms
    std::string m_line;                   //!< line being built
};

} // namespace ns3

#endif // SQUID_LOG_WRITER_H
