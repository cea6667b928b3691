/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TRACE_REQUEST_SOURCE_H
#define TRACE_REQUEST_SOURCE_H

#include "request-source.h"

#include "ns3/trace-record.h"

#include <deque>
#include <functional>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A request source that replays trace records (from a trace file or a synthetic workload)
 * at their recorded times.
 *
 * Each record becomes a WebRequest: same method, host and path; issued at the record's time
 * plus TimeOffset; a Cookie, Cache-Control/Pragma no-cache or Authorization field when the
 * record has one; and, for a record whose body was not received whole, a user abort once
 * the same fraction of the body has arrived.
 */
class TraceRequestSource : public RequestSource
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// Maps a server host name to the address to connect to.
    using Resolver = std::function<Address(const std::string& host)>;

    /**
     * \param resolver how to find a record's server
     */
    void SetResolver(Resolver resolver);

    /**
     * Append a record (records must come in time order).
     * \param record the record
     */
    void Add(const TraceRecord& record);

    /// \return records not yet issued
    size_t GetSize() const;

    bool Next(WebRequest& request) override;

    /**
     * The request a record stands for.
     * \param record the record
     * \param server where to connect
     * \param offset added to the record's time
     * \return the request
     */
    static WebRequest ToWebRequest(const TraceRecord& record, const Address& server, Time offset);

  private:
    std::deque<TraceRecord> m_records;
    Resolver m_resolver;
    Time m_offset;
    bool m_tracePersistence;
};

} // namespace ns3

#endif // TRACE_REQUEST_SOURCE_H
