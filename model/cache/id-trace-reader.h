/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ID_TRACE_READER_H
#define ID_TRACE_READER_H

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Reader of traces whose objects are integer ids (no URLs), for the trace-driven cache
 * simulator: records go to the replacement policies without any string work.
 *
 * Two formats:
 * - "oracleGeneral", libCacheSim's binary format (traceReader/customizedReader/oracle/
 *   oracleGeneralBin.h): packed little-endian records of 24 bytes, uint32 timestamp (s),
 *   uint64 object id, uint32 object size (bytes), int64 next access (virtual time; -1 for
 *   none). The file size must be a multiple of 24; a next access below -1 is malformed.
 * - "idcsv", a text file of lines "time,id,size": three unsigned decimal integers (time in
 *   seconds, id, size in bytes), an optional first line "time,id,size" (the header), empty
 *   lines and lines starting with '#' ignored, CRLF accepted.
 *
 * Any problem (file cannot be opened or read, truncated record, malformed line) throws a
 * TraceFormatError naming the file and the record (oracleGeneral, from 1) or the line
 * (idcsv, from 1). Reading is in blocks of records (Read), so that the caller's loop over a
 * block can prefetch ahead.
 */
class IdTraceReader
{
  public:
    /// Trace formats.
    enum Format
    {
        ORACLE_GENERAL, //!< libCacheSim's oracleGeneral binary records
        ID_CSV,         //!< text lines time,id,size
    };

    /// One request.
    struct Request
    {
        uint64_t id;   //!< object id
        uint64_t size; //!< bytes
        uint64_t time; //!< seconds
    };

    /// Bytes of an oracleGeneral record.
    static constexpr size_t ORACLE_RECORD = 24;

    /**
     * Open a trace.
     * \param path the file
     * \param format its format
     * \throws TraceFormatError when it cannot be opened, or (oracleGeneral) its size is not a
     *         multiple of 24 bytes (naming the incomplete record)
     */
    IdTraceReader(const std::string& path, Format format);
    ~IdTraceReader();

    IdTraceReader(const IdTraceReader&) = delete;
    IdTraceReader& operator=(const IdTraceReader&) = delete;

    /**
     * Read the next requests.
     * \param out room for max requests
     * \param max the most to read, > 0
     * \return the number read; 0 at the end of the trace
     * \throws TraceFormatError for a malformed record or line, or a read error
     */
    size_t Read(Request* out, size_t max);

    /// \return requests read so far
    uint64_t GetRecordCount() const;

    /**
     * Tell an integer-id trace from its content: binary data (a NUL or another control byte
     * other than tab, CR or LF in the first 4 KiB) is oracleGeneral; a text file whose first
     * line (not empty, not a '#' comment) is "time,id,size" or three unsigned integers
     * separated by commas is idcsv.
     * \param path the file
     * \param format set to the format found
     * \return false when the file is text in neither form (a Squid log or the module's CSV)
     * \throws TraceFormatError when the file cannot be opened
     */
    static bool Detect(const std::string& path, Format& format);

    /**
     * \param name "oracleGeneral" or "idcsv"
     * \param format set to the format named
     * \return false for another name
     */
    static bool ParseFormat(const std::string& name, Format& format);

    /**
     * \param format a format
     * \return its name, as ParseFormat reads it
     */
    static std::string GetFormatName(Format format);

  private:
    /**
     * Read a block of oracleGeneral records.
     * \param out room for max requests
     * \param max the most to read
     * \return the number read
     */
    size_t ReadOracle(Request* out, size_t max);

    /**
     * Read lines of an idcsv trace.
     * \param out room for max requests
     * \param max the most to read
     * \return the number read
     */
    size_t ReadCsv(Request* out, size_t max);

    /**
     * Parse one idcsv line (m_line is its number).
     * \param begin its first character
     * \param end past its last character (before the newline)
     * \param out the request, when it is one
     * \return true for a request, false for a line to ignore
     */
    bool ParseCsvLine(const char* begin, const char* end, Request& out);

    /**
     * Refill the buffer from the file, keeping its unread bytes.
     * \return bytes added (0 at the end of the file or with a full buffer)
     */
    size_t Refill();

    std::string m_path;         //!< the file
    Format m_format;            //!< its format
    std::FILE* m_file{nullptr}; //!< the open file
    std::vector<char> m_buffer; //!< raw bytes read
    size_t m_begin{0};          //!< first unread byte of m_buffer
    size_t m_end{0};            //!< end of the bytes in m_buffer
    bool m_eof{false};          //!< the file is read to its end
    uint64_t m_records{0};      //!< requests returned
    uint64_t m_line{0};         //!< idcsv: lines read
};

} // namespace ns3

#endif // ID_TRACE_READER_H
