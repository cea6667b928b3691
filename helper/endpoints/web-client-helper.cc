/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "web-client-helper.h"

#include "ns3/abort.h"
#include "ns3/application-streams.h"
#include "ns3/dns-resolver.h"
#include "ns3/pointer.h"
#include "ns3/request-source.h"
#include "ns3/simulator.h"
#include "ns3/web-client.h"

namespace ns3
{

WebClientHelper::WebClientHelper()
{
    m_factory.SetTypeId(WebClient::GetTypeId());
}

void
WebClientHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
WebClientHelper::SetProxy(const Address& proxy)
{
    m_factory.Set("Proxy", AddressValue(proxy));
}

void
WebClientHelper::SetResolver(Ipv4Address server)
{
    m_resolver.SetTypeId(DnsResolver::GetTypeId());
    m_resolver.Set("Server", Ipv4AddressValue(server));
}

void
WebClientHelper::SetResolverAttribute(const std::string& name, const AttributeValue& value)
{
    NS_ABORT_MSG_IF(!m_resolver.IsTypeIdSet(),
                    "WebClientHelper::SetResolverAttribute(" << name
                                                             << "): call SetResolver first");
    m_resolver.Set(name, value);
}

void
WebClientHelper::SetSourceFactory(SourceFactory factory)
{
    m_sourceFactory = std::move(factory);
}

ApplicationContainer
WebClientHelper::Install(Ptr<Node> node, Ptr<RequestSource> source) const
{
    Ptr<WebClient> app = m_factory.Create<WebClient>();
    app->SetRequestSource(source);
    if (m_resolver.IsTypeIdSet())
    {
        app->SetAttribute("Resolver", PointerValue(m_resolver.Create<DnsResolver>()));
    }
    node->AddApplication(app);
    return ApplicationContainer(app);
}

ApplicationContainer
WebClientHelper::Install(NodeContainer nodes) const
{
    NS_ABORT_MSG_IF(!m_sourceFactory,
                    "WebClientHelper::Install(NodeContainer) needs SetSourceFactory()");
    ApplicationContainer apps;
    uint32_t index = 0;
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        apps.Add(Install(*i, m_sourceFactory(*i, index++)));
    }
    return apps;
}

int64_t
WebClientHelper::AssignStreams(ApplicationContainer apps, int64_t stream)
{
    return AssignApplicationStreams<WebClient>(apps, stream);
}

namespace
{
/// Records still awaited by StopWhenEnded, shared by the clients' trace sinks.
struct RequestCountdown : public SimpleRefCount<RequestCountdown>
{
    uint64_t left{0}; //!< records to go
};

/// RequestComplete sink of StopWhenEnded: any record counts, whatever its outcome.
/// \param countdown the records to go
void
CountDownToStop(Ptr<RequestCountdown> countdown, const RequestRecord& /* record */)
{
    // Records after the last awaited one (a run resumed by the user) leave the count at 0.
    if (countdown->left > 0 && --countdown->left == 0)
    {
        Simulator::Stop();
    }
}
} // namespace

void
WebClientHelper::StopWhenEnded(ApplicationContainer clients, uint64_t requests)
{
    if (requests == 0)
    {
        // Simulator::Stop() before Run() would be forgotten: Run() clears the stop flag.
        Simulator::ScheduleNow(static_cast<void (*)()>(&Simulator::Stop));
        return;
    }
    Ptr<RequestCountdown> countdown = Create<RequestCountdown>();
    countdown->left = requests;
    for (auto it = clients.Begin(); it != clients.End(); ++it)
    {
        Ptr<WebClient> client = DynamicCast<WebClient>(*it);
        NS_ABORT_MSG_UNLESS(client,
                            "WebClientHelper::StopWhenEnded: application "
                                << (it - clients.Begin()) << " is not a WebClient");
        client->TraceConnectWithoutContext("RequestComplete",
                                           MakeBoundCallback(&CountDownToStop, countdown));
    }
}

} // namespace ns3
