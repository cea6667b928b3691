/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "trace-replay-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/web-client.h"

#include <unordered_map>

namespace ns3
{

TraceReplayHelper::TraceReplayHelper(TraceRequestSource::Resolver resolver)
    : m_resolver(std::move(resolver))
{
    m_clientFactory.SetTypeId(WebClient::GetTypeId());
}

void
TraceReplayHelper::SetClientAttribute(const std::string& name, const AttributeValue& value)
{
    m_clientFactory.Set(name, value);
}

void
TraceReplayHelper::SetTimeOffset(Time offset)
{
    m_offset = offset;
}

Ptr<TraceRequestSource>
TraceReplayHelper::MakeSource() const
{
    Ptr<TraceRequestSource> src = CreateObject<TraceRequestSource>();
    src->SetResolver(m_resolver);
    src->SetAttribute("TimeOffset", TimeValue(m_offset));
    src->SetAttribute("TracePersistence", BooleanValue(m_tracePersistence));
    return src;
}

void
TraceReplayHelper::SetTracePersistence(bool trace)
{
    m_tracePersistence = trace;
}

ApplicationContainer
TraceReplayHelper::Install(NodeContainer nodes,
                           const std::vector<std::vector<TraceRecord>>& groups) const
{
    NS_ABORT_MSG_IF(groups.size() > nodes.GetN(),
                    "TraceReplayHelper: " << groups.size() << " groups for " << nodes.GetN()
                                          << " nodes");
    ApplicationContainer apps;
    for (size_t i = 0; i < groups.size(); ++i)
    {
        Ptr<TraceRequestSource> src = MakeSource();
        for (const TraceRecord& r : groups[i])
        {
            src->Add(r);
        }
        Ptr<WebClient> client = m_clientFactory.Create<WebClient>();
        client->SetRequestSource(src);
        nodes.Get(i)->AddApplication(client);
        apps.Add(client);
    }
    return apps;
}

ApplicationContainer
TraceReplayHelper::InstallPerClient(NodeContainer nodes,
                                    const std::vector<TraceRecord>& records) const
{
    NS_ABORT_MSG_IF(nodes.GetN() == 0, "TraceReplayHelper: no nodes");
    std::unordered_map<uint32_t, size_t> index; // trace client -> group
    std::vector<std::vector<TraceRecord>> groups;
    for (const TraceRecord& r : records)
    {
        auto [it, added] = index.emplace(r.client, groups.size());
        if (added)
        {
            groups.emplace_back();
        }
        groups[it->second].push_back(r);
    }
    ApplicationContainer apps;
    for (size_t g = 0; g < groups.size(); ++g)
    {
        Ptr<TraceRequestSource> src = MakeSource();
        for (const TraceRecord& r : groups[g])
        {
            src->Add(r);
        }
        Ptr<WebClient> client = m_clientFactory.Create<WebClient>();
        client->SetRequestSource(src);
        nodes.Get(g % nodes.GetN())->AddApplication(client);
        apps.Add(client);
    }
    return apps;
}

} // namespace ns3
