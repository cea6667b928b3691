/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TRACE_READER_H
#define TRACE_READER_H

#include "trace-format-error.h"
#include "trace-record.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <istream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Reads the requests of a trace file one at a time (SquidLogReader, CsvTraceReader).
 *
 * Lines are read in large blocks and split without per-field streams, so a reader keeps up
 * with millions of lines per second. Line endings may be LF or CRLF; trailing white space and
 * a UTF-8 byte order mark at the start of the file are ignored, and so are empty lines and
 * lines whose first non-blank character is '#' (comments, e.g. the generator parameters that
 * the writers record).
 *
 * A malformed line is never turned into a request. With the STOP policy (the default) Next()
 * throws a TraceFormatError naming the file, the line and the problem; the reader is then
 * positioned after that line. With SKIP the line is counted (GetSkippedCount()), its problem
 * kept (the first GetProblems() are stored) and reading goes on.
 *
 * Times must not decrease by more than a tolerance (SetTimeTolerance). A line less than the
 * tolerance earlier than the latest time is given the latest time, so records always come out
 * in non-decreasing time; such lines are counted (GetReorderedCount()).
 */
class TraceReader : public SimpleRefCount<TraceReader>
{
  public:
    /// What to do with a malformed line.
    enum ErrorPolicy
    {
        STOP, //!< throw a TraceFormatError from Next()
        SKIP, //!< skip the line, count it and keep its problem
    };

    /// Problems stored in SKIP mode (the count goes on beyond).
    static constexpr size_t MAX_PROBLEMS = 100;
    /// Longest line accepted, in bytes: longer lines are malformed (e.g. a binary file).
    static constexpr size_t MAX_LINE = 1 << 20;

    TraceReader();
    virtual ~TraceReader();

    TraceReader(const TraceReader&) = delete;
    TraceReader& operator=(const TraceReader&) = delete;

    /**
     * Open a trace file, choosing the reader from its contents.
     *
     * "auto" looks at the first line that is not empty or a comment: "time,client,..." is the
     * CSV format; a line of whitespace-separated fields starting with a number is a Squid log.
     * A file without such a line (empty) is read as CSV when its name ends in ".csv" and as a
     * Squid log otherwise; both give no records.
     *
     * \param path the file
     * \param format "squid", "csv" or "auto"
     * \return an open reader (STOP policy)
     * \throws TraceFormatError when the file cannot be opened, the format is unknown, or
     *         "auto" cannot tell the format
     */
    static Ptr<TraceReader> OpenTrace(const std::string& path, const std::string& format = "auto");

    /**
     * Tell the format of a file as OpenTrace does.
     * \param path the file
     * \return "squid" or "csv"
     * \throws TraceFormatError when the file cannot be opened or its format cannot be told
     */
    static std::string DetectFormat(const std::string& path);

    /**
     * Read from a file.
     * \param path the file; also the name used in error messages
     * \throws TraceFormatError (line 0) when it cannot be opened
     */
    void Open(const std::string& path);

    /**
     * Read from a stream, which must outlive the reader's use of it.
     * \param in the stream
     * \param name the name used in error messages
     */
    void Open(std::istream& in, const std::string& name);

    /**
     * \param policy what to do with malformed lines
     */
    void SetErrorPolicy(ErrorPolicy policy);
    /// \return what is done with malformed lines
    ErrorPolicy GetErrorPolicy() const;

    /**
     * \param tolerance how much earlier than the latest time a line may be
     */
    void SetTimeTolerance(Time tolerance);
    /// \return how much earlier than the latest time a line may be
    Time GetTimeTolerance() const;

    /**
     * Read the next request.
     * \param out the record; changed only when a request is returned
     * \return false at the end of the trace
     * \throws TraceFormatError for a malformed line (STOP policy) or a read error
     */
    bool Next(TraceRecord& out);

    /// \return the name used in error messages
    const std::string& GetName() const;
    /// \return the number of the line read last (from 1; 0 before the first)
    uint64_t GetLineNumber() const;
    /// \return the requests returned so far
    uint64_t GetRecordCount() const;
    /// \return the malformed lines skipped so far (SKIP policy)
    uint64_t GetSkippedCount() const;
    /// \return the first MAX_PROBLEMS problems of the skipped lines, in order
    const std::vector<TraceFormatError>& GetProblems() const;
    /// \return the problem of the last skipped line (empty if none)
    std::string GetLastSkipReason() const;
    /// \return lines whose time was raised to the latest time (within the tolerance)
    uint64_t GetReorderedCount() const;

  protected:
    /// What ParseLine made of a line.
    enum LineKind
    {
        RECORD,   //!< a request: the record is filled in
        IGNORED,  //!< not a request (e.g. a header line)
        MALFORMED //!< the problem is filled in
    };

    /**
     * Parse one line: not empty, not a comment, without line ending or trailing white space.
     * \param line the line
     * \param out the record to fill (its previous contents are unspecified)
     * \param problem set to what is wrong when the line is MALFORMED
     * \return what the line is
     */
    virtual LineKind ParseLine(std::string_view line, TraceRecord& out, std::string& problem) = 0;

    /// Called by Open, before the first line: forget the state of a previous trace.
    virtual void Reset();

    /// Result of parsing a number.
    enum NumberResult
    {
        NUMBER_OK,       //!< parsed
        NUMBER_NEGATIVE, //!< starts with '-'
        NUMBER_INVALID,  //!< empty, or not only digits
        NUMBER_TOO_LARGE //!< does not fit
    };

    /**
     * Parse an unsigned decimal integer (digits only).
     * \param text the text
     * \param value set to the number
     * \return the result
     */
    static NumberResult ParseUnsigned(std::string_view text, uint64_t& value);

    /**
     * Parse a non-negative decimal number of seconds ("12", "12.5", "1014416470.123") exactly
     * into nanoseconds. Decimals beyond the ninth are ignored.
     * \param text the text
     * \param ns set to the number of nanoseconds
     * \return the result
     */
    static NumberResult ParseSeconds(std::string_view text, int64_t& ns);

    /**
     * Split an absolute URL "scheme://[user@]host[:port][/path]" into host[:port] and what
     * follows it (user@ is dropped; the scheme is not kept).
     * \param url the URL
     * \param host set to host[:port]
     * \param path set to the rest: empty, or starting with '/', '?' or '#'
     * \return false when the URL is not absolute or has no host
     */
    static bool SplitUrl(std::string_view url, std::string_view& host, std::string_view& path);

    /**
     * Quote a piece of a line for an error message (cut when long, control characters shown
     * as '?').
     * \param text the piece
     * \return 'text'
     */
    static std::string Quote(std::string_view text);

    /**
     * Format nanoseconds as seconds, with as many decimals as needed.
     * \param ns nanoseconds
     * \return e.g. "12.5"
     */
    static std::string FormatSeconds(int64_t ns);

    /**
     * Write a record time as it appears in the file, for error messages.
     * \param t a record time
     * \return e.g. "12.5 s"
     */
    virtual std::string FormatTime(Time t) const;

  private:
    /**
     * Get the next line from the buffer, reading more when needed.
     * \param line set to the line, without its newline (valid until the next call)
     * \param tooLong set when the line is longer than MAX_LINE (line is then empty)
     * \return false at the end of the input
     */
    bool ReadLine(std::string_view& line, bool& tooLong);
    /// Read more input into the buffer; false at the end of the input.
    bool Fill();
    /**
     * Report a malformed line according to the policy.
     * \param problem what is wrong
     */
    void Malformed(const std::string& problem);

    std::unique_ptr<std::istream> m_file;     //!< the stream opened by Open(path), if any
    std::istream* m_in{nullptr};              //!< the stream read
    std::string m_name;                       //!< name used in messages
    std::vector<char> m_buffer;               //!< input read but not yet parsed
    size_t m_begin{0};                        //!< start of the unread part of the buffer
    size_t m_end{0};                          //!< end of the data in the buffer
    bool m_eof{false};                        //!< the stream has no more data
    uint64_t m_line{0};                       //!< number of the line read last
    ErrorPolicy m_policy{STOP};               //!< what to do with malformed lines
    Time m_tolerance;                         //!< how far back a time may go
    Time m_latest;                            //!< latest time returned
    uint64_t m_records{0};                    //!< requests returned
    uint64_t m_skipped{0};                    //!< malformed lines skipped
    uint64_t m_reordered{0};                  //!< times raised to the latest time
    std::vector<TraceFormatError> m_problems; //!< the first problems of skipped lines
    std::string m_lastSkipReason;             //!< problem of the last skipped line
    TraceRecord m_scratch;                    //!< the record being parsed
    std::string m_problem;                    //!< the problem of the line being parsed
};

} // namespace ns3

#endif // TRACE_READER_H
