/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CSV_TRACE_WRITER_H
#define CSV_TRACE_WRITER_H

#include "trace-record.h"

#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Writes TraceRecords in the module's CSV trace format (see CsvTraceReader and
 * doc/models/workload.rst), with every column:
 *
 *     time,client,server,url,size,flags,received,method,status,type,version
 *
 * Times are written in seconds with 3, 6 or 9 decimals (the fewest that are exact), the url
 * column holds the path (the server column gives the host), and fields are quoted as RFC 4180
 * requires. CsvTraceReader reads the file back to the same records, field for field.
 *
 * Comments (WriteComment) written before the first record come before the header line.
 */
class CsvTraceWriter : public SimpleRefCount<CsvTraceWriter>
{
  public:
    /// The header line the writer writes (without newline).
    static const char* const HEADER;

    /**
     * Write to a file (replaced).
     * \param path the file
     * \throws std::runtime_error when it cannot be created
     */
    explicit CsvTraceWriter(const std::string& path);

    /**
     * Write to a stream, which must outlive the writer.
     * \param os the stream
     */
    explicit CsvTraceWriter(std::ostream& os);

    ~CsvTraceWriter();

    CsvTraceWriter(const CsvTraceWriter&) = delete;
    CsvTraceWriter& operator=(const CsvTraceWriter&) = delete;

    /**
     * Write comment lines ("# " + each line of the text), e.g. the generator's parameters.
     * \param text the comment
     */
    void WriteComment(const std::string& text);

    /**
     * Write one record. The writer refuses exactly the records whose rows CsvTraceReader
     * refuses, so that every file it writes reads back.
     * \param r the record: time from 0 to TraceRecord::MAX_TIME_NS and not earlier than the
     *          previous record's, server a host[:port] without ',' or '"', path starting with
     *          '/', method a token, size at most TraceRecord::MAX_SIZE, received at most size,
     *          status at most 999, no control characters (but tab) in path and content type
     * \throws std::invalid_argument naming the file and the record number when the record
     *         cannot be written in this format
     */
    void Write(const TraceRecord& r);

    /// \return the records written
    uint64_t GetCount() const;

    /**
     * Write the header if no record was written, flush, and close the file if the writer
     * opened one.
     * \throws std::runtime_error when the data could not be written (e.g. disk full)
     */
    void Close();

  private:
    /// Write the header line once.
    void WriteHeader();

    std::unique_ptr<std::ostream> m_file; //!< the file, when the writer opened it
    std::ostream* m_os;                   //!< where lines go
    std::string m_name;                   //!< file name for messages
    bool m_header{false};                 //!< the header line is written
    uint64_t m_count{0};                  //!< records written
    int64_t m_lastNs{0};                  //!< time of the last record written, ns
    std::string m_line;                   //!< line being built
};

} // namespace ns3

#endif // CSV_TRACE_WRITER_H
