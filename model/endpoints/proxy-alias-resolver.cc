/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "proxy-alias-resolver.h"

#include "web-client.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ProxyAliasResolver");
NS_OBJECT_ENSURE_REGISTERED(ProxyAliasResolver);

TypeId
ProxyAliasResolver::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::ProxyAliasResolver")
              .SetParent<Application>()
              .SetGroupName("WebProxy")
              .AddConstructor<ProxyAliasResolver>()
              .AddAttribute("Alias",
                            "The proxy's name, asked of the DNS server.",
                            StringValue("proxy"),
                            MakeStringAccessor(&ProxyAliasResolver::m_alias),
                            MakeStringChecker())
              .AddAttribute("ProxyPort",
                            "Port of the proxy the clients are given.",
                            UintegerValue(3128),
                            MakeUintegerAccessor(&ProxyAliasResolver::m_proxyPort),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("Server",
                            "Address of the DNS server.",
                            Ipv4AddressValue(Ipv4Address::GetZero()),
                            MakeIpv4AddressAccessor(&ProxyAliasResolver::m_server),
                            MakeIpv4AddressChecker())
              .AddAttribute("MinInterval",
                            "Least time between two lookups (after a failure, or a TTL "
                            "shorter than this).",
                            TimeValue(Seconds(1)),
                            MakeTimeAccessor(&ProxyAliasResolver::m_minInterval),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddTraceSource("ProxyChanged",
                              "The clients were given another proxy: old (0.0.0.0 at first), "
                              "new address.",
                              MakeTraceSourceAccessor(&ProxyAliasResolver::m_changedTrace),
                              "ns3::ProxyAliasResolver::ProxyChangedCallback");
    return tid;
}

ProxyAliasResolver::ProxyAliasResolver()
    : m_proxyPort(3128)
    , m_server(Ipv4Address::GetZero())
    , m_proxy(Ipv4Address::GetZero())
{}

ProxyAliasResolver::~ProxyAliasResolver() = default;

void
ProxyAliasResolver::AddClient(Ptr<WebClient> client)
{
    NS_ABORT_MSG_IF(GetNode() && client->GetNode() != GetNode(),
                    "ProxyAliasResolver: the WebClient is on another node");
    m_clients.push_back(client);
}

uint64_t
ProxyAliasResolver::GetLookups() const
{
    return m_lookups;
}

uint64_t
ProxyAliasResolver::GetAnswers() const
{
    return m_answers;
}

uint64_t
ProxyAliasResolver::GetChanges() const
{
    return m_changes;
}

uint64_t
ProxyAliasResolver::GetFailures() const
{
    return m_failures;
}

Ipv4Address
ProxyAliasResolver::GetProxy() const
{
    return m_proxy;
}

void
ProxyAliasResolver::DoDispose()
{
    m_next.Cancel();
    if (m_resolver)
    {
        m_resolver->Dispose();
        m_resolver = nullptr;
    }
    m_clients.clear();
    Application::DoDispose();
}

void
ProxyAliasResolver::StartApplication()
{
    NS_ABORT_MSG_IF(m_server == Ipv4Address::GetZero(), "ProxyAliasResolver: no DNS Server set");
    for (const auto& c : m_clients)
    {
        NS_ABORT_MSG_IF(c->GetNode() != GetNode(),
                        "ProxyAliasResolver: a WebClient is on another node");
    }
    if (!m_resolver)
    {
        m_resolver = CreateObject<DnsResolver>();
        m_resolver->SetAttribute("Server", Ipv4AddressValue(m_server));
        m_resolver->TraceConnectWithoutContext("Resolved",
                                               MakeCallback(&ProxyAliasResolver::NoteTtl, this));
    }
    m_running = true;
    Lookup();
}

void
ProxyAliasResolver::StopApplication()
{
    m_running = false;
    m_next.Cancel();
    if (m_resolver)
    {
        m_resolver->Stop(); // a late answer is not told to anyone
    }
}

void
ProxyAliasResolver::Lookup()
{
    ++m_lookups;
    m_ttl = Time(0);
    m_resolver->Resolve(GetNode(),
                        m_alias,
                        [this](std::optional<Ipv4Address> a, const std::string& e)
                        { Answered(a, e); });
}

void
ProxyAliasResolver::NoteTtl(const std::string& name, Ipv4Address, Time ttl)
{
    // The resolver reports a response before it tells its callers.
    if (name == m_alias)
    {
        m_ttl = ttl;
    }
}

void
ProxyAliasResolver::Answered(std::optional<Ipv4Address> address, const std::string& error)
{
    if (!m_running)
    {
        return;
    }
    if (!address)
    {
        ++m_failures;
        NS_LOG_INFO("node " << GetNode()->GetId() << ": " << m_alias << " not resolved: " << error
                            << "; the clients keep " << m_proxy);
        m_next = Simulator::Schedule(m_minInterval, &ProxyAliasResolver::Lookup, this);
        return;
    }
    ++m_answers;
    if (*address != m_proxy)
    {
        if (m_proxy != Ipv4Address::GetZero())
        {
            ++m_changes;
        }
        m_changedTrace(m_proxy, *address);
        m_proxy = *address;
        for (const auto& c : m_clients)
        {
            c->SetAttribute("Proxy", AddressValue(InetSocketAddress(m_proxy, m_proxyPort)));
        }
    }
    // Ask again once the answer is stale; a cached answer (m_ttl 0: no response was needed)
    // is asked for again after MinInterval.
    m_next = Simulator::Schedule(std::max(m_ttl, m_minInterval), &ProxyAliasResolver::Lookup, this);
}

} // namespace ns3
