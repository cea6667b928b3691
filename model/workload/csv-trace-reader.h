/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CSV_TRACE_READER_H
#define CSV_TRACE_READER_H

#include "trace-reader.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Reads the module's CSV trace format (doc/models/workload.rst), which carries every field of a
 * TraceRecord, so that CsvTraceWriter's files read back exactly.
 *
 * The first line that is not a comment is the header. It starts with the six required
 * columns, in this order:
 *
 *     time,client,server,url,size,flags
 *
 * and may go on with any of the optional columns received, method, status, type, version, in
 * any order (CsvTraceWriter writes all of them):
 *
 * | column   | meaning                                                        | default  |
 * |----------|----------------------------------------------------------------|----------|
 * | time     | seconds from the trace start, decimal (e.g. 12.5; ns exact)    | required |
 * | client   | client number, 0 to 4294967295                                 | required |
 * | server   | origin host[:port]; may be empty when url is absolute          | required |
 * | url      | "/path?query" (server gives the host) or "http://host/path"    | required |
 * | size     | object size, bytes                                             | required |
 * | flags    | letters, each at most once, "" or "-" for none (below)         | required |
 * | received | body bytes received (< size: aborted); at most size            | size     |
 * | method   | request method                                                 | GET      |
 * | status   | response status, 0 to 999                                      | 200      |
 * | type     | Content-Type                                                   | empty    |
 * | version  | object version, 0 to 4294967295                                | 0        |
 *
 * Flags: C request Cookie, S response Set-Cookie, N client no-cache, X server Cache-Control
 * forbids caching, A Authorization, P persistent connection.
 *
 * Fields follow RFC 4180 quoting ("a,b" and "say ""hi"""); spaces around unquoted fields are
 * ignored. Lines starting with '#' are comments. Times must not decrease (the tolerance is 0
 * by default, so records are returned exactly as written).
 */
class CsvTraceReader : public TraceReader
{
  public:
    /// The required columns, as they start the header.
    static const char* const REQUIRED_HEADER; // "time,client,server,url,size,flags"

    CsvTraceReader();
    ~CsvTraceReader() override;

  protected:
    LineKind ParseLine(std::string_view line, TraceRecord& out, std::string& problem) override;
    void Reset() override;

  private:
    /// Columns a header may name.
    enum Column
    {
        TIME,
        CLIENT,
        SERVER,
        URL,
        SIZE,
        FLAGS,
        RECEIVED,
        METHOD,
        STATUS,
        TYPE,
        VERSION,
        COLUMNS //!< how many there are
    };

    /**
     * Split a line into m_fields.
     * \param line the line
     * \param problem set to what is wrong with its quoting
     * \return false when the quoting is wrong
     */
    bool Split(std::string_view line, std::string& problem);
    /**
     * Read the header line.
     * \param problem set to what is wrong
     * \return false when it is not a valid header
     */
    bool ParseHeader(std::string& problem);

    bool m_haveHeader{false};               //!< the header has been read
    std::vector<Column> m_columns;          //!< the header's columns, in order
    int m_index[COLUMNS];                   //!< field index of each column, -1 if absent
    std::vector<std::string_view> m_fields; //!< fields of the line being parsed
    std::vector<std::string> m_unquoted;    //!< storage for quoted fields
};

} // namespace ns3

#endif // CSV_TRACE_READER_H
