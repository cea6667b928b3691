/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef REQUEST_RECORD_WRITER_H
#define REQUEST_RECORD_WRITER_H

#include "ns3/application-container.h"
#include "ns3/latency-summary.h"
#include "ns3/request-record.h"
#include "ns3/simple-ref-count.h"

#include <fstream>
#include <memory>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Collects the RequestComplete records of WebClients: writes them as CSV while the
 * simulation runs (one line per request) and keeps a LatencySummary.
 */
class RequestRecordWriter : public SimpleRefCount<RequestRecordWriter>
{
  public:
    /**
     * \param csvPath CSV file to write; empty: keep only the summary
     */
    explicit RequestRecordWriter(const std::string& csvPath = "");
    ~RequestRecordWriter();

    /**
     * Collect the records of these clients.
     * \param clients WebClient applications
     */
    void Attach(ApplicationContainer clients);

    /**
     * Add one record (what the trace sink does).
     * \param r the record
     */
    void Add(const RequestRecord& r);

    /// \return the summary of the records so far
    const LatencySummary& GetSummary() const;

    /**
     * Write the summary table to a file.
     * \param path the file
     */
    void WriteSummary(const std::string& path) const;

    /// Flush and close the CSV file.
    void Close();

  private:
    std::ofstream m_csv;
    std::string m_path;
    LatencySummary m_summary;
};

} // namespace ns3

#endif // REQUEST_RECORD_WRITER_H
