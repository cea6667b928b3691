/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "web-object-catalog.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("WebObjectCatalog");
NS_OBJECT_ENSURE_REGISTERED(WebObjectCatalog);

TypeId
WebObjectCatalog::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::WebObjectCatalog")
              .SetParent<Object>()
              .SetGroupName("WebProxy")
              .AddConstructor<WebObjectCatalog>()
              .AddTraceSource("Modified",
                              "An object was modified: path, time of the modification.",
                              MakeTraceSourceAccessor(&WebObjectCatalog::m_modifiedTrace),
                              "ns3::WebObjectCatalog::ModifiedCallback");
    return tid;
}

WebObjectCatalog::WebObjectCatalog()
    : m_interval(CreateObject<ExponentialRandomVariable>())
{
    m_interval->SetAttribute("Mean", DoubleValue(1.0));
}

void
WebObjectCatalog::Add(const WebObject& object)
{
    NS_ABORT_MSG_IF(m_copied,
                    "WebObjectCatalog::Add(" << object.host << object.path
                                             << "): the catalog was already copied to servers "
                                                "on other nodes; add every object before "
                                                "installing the servers");
    // Host-less keys start with '/', so they never collide with "host/path" keys.
    m_objects[object.host + object.path] = Entry{object, std::nullopt};
}

void
WebObjectCatalog::Add(const std::string& path, uint64_t size, Time lastModified)
{
    WebObject o;
    o.path = path;
    o.size = size;
    o.lastModified = lastModified;
    Add(o);
}

const WebObject*
WebObjectCatalog::Lookup(const std::string& host, const std::string& path, Time now)
{
    auto it = host.empty() ? m_objects.end() : m_objects.find(host + path);
    if (it == m_objects.end())
    {
        it = m_objects.find(path);
    }
    if (it == m_objects.end())
    {
        return nullptr;
    }
    Entry& e = it->second;
    const Time mean = e.object.meanModificationInterval;
    if (mean.IsStrictlyPositive())
    {
        if (!e.next)
        {
            // An object Last-Modified before the run was not modified since, up to time 0:
            // a Poisson process's next change comes after that, not after Last-Modified.
            e.next = std::max(e.object.lastModified, Time(0))
                   + Seconds(mean.GetSeconds() * m_interval->GetValue());
        }
        while (*e.next <= now)
        {
            e.object.lastModified = *e.next;
            ++e.object.version;
            m_modifiedTrace(path, *e.next);
            *e.next += Seconds(mean.GetSeconds() * m_interval->GetValue());
        }
    }
    return &e.object;
}

const WebObject*
WebObjectCatalog::Lookup(const std::string& path, Time now)
{
    return Lookup("", path, now);
}

Ptr<WebObjectCatalog>
WebObjectCatalog::Copy()
{
    m_copied = true;
    Ptr<WebObjectCatalog> copy = CreateObject<WebObjectCatalog>();
    for (const auto& [key, entry] : m_objects)
    {
        copy->m_objects.emplace(key, Entry{entry.object, std::nullopt});
    }
    copy->m_copied = true;
    return copy;
}

size_t
WebObjectCatalog::GetSize() const
{
    return m_objects.size();
}

int64_t
WebObjectCatalog::AssignStreams(int64_t stream)
{
    m_interval->SetStream(stream);
    return 1;
}

} // namespace ns3
