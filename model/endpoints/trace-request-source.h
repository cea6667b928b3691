/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TRACE_REQUEST_SOURCE_H
#define TRACE_REQUEST_SOURCE_H

#include "request-source.h"

#include "ns3/trace-record.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <set>
#include <string>
#include <utility>

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
 *
 * A record's persistent flag says that it was sent on a persistent connection. With
 * PersistentFlag "Request" (the default) a flagged record asks for keep-alive, and the
 * connection is reused only if the request after it to the same server comes while it is
 * idle and open. With "Server" the flag is read as a property of the browser and the server:
 * every request of a trace client to a server asks for keep-alive when any of that client's
 * records to that server is flagged.
 */
class TraceRequestSource : public RequestSource
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// What a record's persistent flag asks of the replay.
    enum PersistentFlag
    {
        PER_REQUEST, //!< the flagged record asks for keep-alive
        PER_SERVER,  //!< all requests of the client to the server ask, if any is flagged
    };

    /// Maps a server host name to the address to connect to.
    using Resolver = std::function<Address(const std::string& host)>;

    /**
     * \param resolver how to find a record's server
     */
    void SetResolver(Resolver resolver);

    /**
     * Append a record (records must come in time order). With PersistentFlag "Server", a
     * flagged record changes what the records of its client and server ask from the next one
     * issued on.
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

    /// \param flag "Request" or "Server" (a fatal error otherwise)
    void SetPersistentFlag(std::string flag);
    /// \return "Request" or "Server"
    std::string GetPersistentFlag() const;

  private:
    std::deque<TraceRecord> m_records;
    /// (trace client, server) pairs with a flagged record
    std::set<std::pair<uint32_t, std::string>> m_persistentPairs;
    PersistentFlag m_persistentFlag{PER_REQUEST};
    Resolver m_resolver;
    Time m_offset;
    bool m_tracePersistence;
};

} // namespace ns3

#endif // TRACE_REQUEST_SOURCE_H
