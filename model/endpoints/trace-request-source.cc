/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "trace-request-source.h"

#include "ns3/abort.h"
#include "ns3/attribute-choice.h"
#include "ns3/boolean.h"
#include "ns3/http-date.h"
#include "ns3/nstime.h"
#include "ns3/string.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(TraceRequestSource);

namespace
{
const AttributeChoice<TraceRequestSource::PersistentFlag> PERSISTENT_FLAGS[]
    = {{TraceRequestSource::PER_REQUEST, "Request"}, {TraceRequestSource::PER_SERVER, "Server"}};
} // namespace

TypeId
TraceRequestSource::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::TraceRequestSource")
              .SetParent<RequestSource>()
              .SetGroupName("WebProxy")
              .AddConstructor<TraceRequestSource>()
              .AddAttribute(
                  "TimeOffset",
                  "Added to every record's time: when the trace starts in the simulation.",
                  TimeValue(Seconds(0)),
                  MakeTimeAccessor(&TraceRequestSource::m_offset),
                  MakeTimeChecker())
              .AddAttribute("TracePersistence",
                            "Ask for a persistent connection exactly when the record was sent "
                            "on one (see PersistentFlag); false: leave it to the client's "
                            "PersistentConnections (e.g. clients that keep connections to a "
                            "proxy).",
                            BooleanValue(true),
                            MakeBooleanAccessor(&TraceRequestSource::m_tracePersistence),
                            MakeBooleanChecker())
              .AddAttribute("PersistentFlag",
                            "How TracePersistence reads a record's persistent flag. Request: the "
                            "flagged record asks for keep-alive. Server: every request of the "
                            "trace client to the server asks for it when any of that client's "
                            "records to the server is flagged (browser and server both keep "
                            "connections alive).",
                            StringValue("Request"),
                            MakeStringAccessor(&TraceRequestSource::SetPersistentFlag,
                                               &TraceRequestSource::GetPersistentFlag),
                            MakeChoiceChecker(PERSISTENT_FLAGS));
    return tid;
}

void
TraceRequestSource::SetResolver(Resolver resolver)
{
    m_resolver = std::move(resolver);
}

void
TraceRequestSource::SetPersistentFlag(std::string flag)
{
    m_persistentFlag = ParseChoice("TraceRequestSource", "PersistentFlag", flag, PERSISTENT_FLAGS);
}

std::string
TraceRequestSource::GetPersistentFlag() const
{
    return ChoiceName(m_persistentFlag, PERSISTENT_FLAGS);
}

void
TraceRequestSource::Add(const TraceRecord& record)
{
    if (record.persistent)
    {
        m_persistentPairs.emplace(record.client, record.server);
    }
    m_records.push_back(record);
}

size_t
TraceRequestSource::GetSize() const
{
    return m_records.size();
}

bool
TraceRequestSource::Next(WebRequest& request)
{
    if (m_records.empty())
    {
        return false;
    }
    NS_ABORT_MSG_IF(!m_resolver, "TraceRequestSource: no resolver set (SetResolver)");
    const TraceRecord& r = m_records.front();
    request = ToWebRequest(r, m_resolver(r.server), m_offset);
    if (!m_tracePersistence)
    {
        request.persistent.reset();
    }
    else if (m_persistentFlag == PER_SERVER)
    {
        request.persistent = m_persistentPairs.count({r.client, r.server}) > 0;
    }
    m_records.pop_front();
    return true;
}

WebRequest
TraceRequestSource::ToWebRequest(const TraceRecord& r, const Address& server, Time offset)
{
    WebRequest w;
    w.method = r.method;
    w.host = r.server;
    w.path = r.path;
    w.server = server;
    w.issueTime = r.time + offset;
    w.persistent = r.persistent;
    w.embedded = r.embedded;
    if (r.cookie)
    {
        // The value only has to be there: caches key their decision on the field's presence.
        w.fields.emplace_back("Cookie", "uid=" + std::to_string(r.client));
    }
    if (r.clientNoCache)
    {
        w.fields.emplace_back("Cache-Control", "no-cache");
        w.fields.emplace_back("Pragma", "no-cache");
    }
    if (r.status == 304)
    {
        // The trace's 304: a browser revalidating the copy it holds. Its copy is as recent as
        // the request (the trace says it had not changed), so the origin answers 304.
        w.fields.emplace_back("If-Modified-Since", HttpDate::Format(*w.issueTime));
    }
    if (r.authorization)
    {
        w.fields.emplace_back("Authorization", "Basic dXNlcjpwYXNzd29yZA==");
    }
    if (r.IsAborted() && r.size > 0)
    {
        w.abortFraction = static_cast<double>(r.received) / r.size;
    }
    return w;
}

} // namespace ns3
