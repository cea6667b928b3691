/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "request-record-writer.h"

#include "ns3/abort.h"
#include "ns3/callback.h"
#include "ns3/web-client.h"

namespace ns3
{

RequestRecordWriter::RequestRecordWriter(const std::string& csvPath)
    : m_path(csvPath)
{
    if (!csvPath.empty())
    {
        m_csv.open(csvPath);
        NS_ABORT_MSG_IF(!m_csv, "RequestRecordWriter: cannot write " << csvPath);
        m_csv << RequestRecord::CsvHeader() << '\n';
    }
}

RequestRecordWriter::~RequestRecordWriter()
{
    Close();
}

void
RequestRecordWriter::Attach(ApplicationContainer clients)
{
    for (auto i = clients.Begin(); i != clients.End(); ++i)
    {
        (*i)->TraceConnectWithoutContext("RequestComplete",
                                         MakeCallback(&RequestRecordWriter::Add, this));
    }
}

void
RequestRecordWriter::Add(const RequestRecord& r)
{
    if (m_csv.is_open())
    {
        r.WriteCsv(m_csv);
    }
    m_summary.Add(r);
}

const LatencySummary&
RequestRecordWriter::GetSummary() const
{
    return m_summary;
}

void
RequestRecordWriter::WriteSummary(const std::string& path) const
{
    std::ofstream os(path);
    NS_ABORT_MSG_IF(!os, "RequestRecordWriter: cannot write " << path);
    m_summary.Print(os);
}

void
RequestRecordWriter::Close()
{
    if (m_csv.is_open())
    {
        m_csv.close();
    }
}

} // namespace ns3
