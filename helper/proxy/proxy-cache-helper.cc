/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "proxy-cache-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/proxy-cache.h"
#include "ns3/uinteger.h"

namespace ns3
{

ProxyCacheHelper::ProxyCacheHelper(uint16_t port, const std::string& typeId)
    : m_port(port)
{
    m_factory.SetTypeId(typeId);
    m_factory.Set("Port", UintegerValue(port));
}

void
ProxyCacheHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
ProxyCacheHelper::SetResolver(ConnectionCache::Resolver resolver)
{
    m_resolver = std::move(resolver);
}

void
ProxyCacheHelper::SetSiblings(NodeContainer proxies)
{
    m_siblingNodes = proxies;
}

void
ProxyCacheHelper::AddSibling(Ipv4Address ip, uint16_t httpPort)
{
    m_extra.emplace_back(ip, httpPort);
}

ApplicationContainer
ProxyCacheHelper::Install(Ptr<Node> node) const
{
    Ptr<ConnectionCache> app = m_factory.Create<ConnectionCache>();
    if (m_resolver)
    {
        app->SetResolver(m_resolver);
    }
    std::vector<std::pair<Ipv4Address, uint16_t>> siblings = m_extra;
    for (auto i = m_siblingNodes.Begin(); i != m_siblingNodes.End(); ++i)
    {
        if (*i == node)
        {
            continue;
        }
        // Only the address is kept: siblings talk by packets.
        Ptr<Ipv4> ipv4 = (*i)->GetObject<Ipv4>();
        NS_ABORT_MSG_IF(!ipv4 || ipv4->GetNInterfaces() < 2 || ipv4->GetNAddresses(1) == 0,
                        "ProxyCacheHelper::SetSiblings: node " << (*i)->GetId()
                                                               << " has no IPv4 address");
        siblings.emplace_back(ipv4->GetAddress(1, 0).GetLocal(), m_port);
    }
    if (!siblings.empty())
    {
        Ptr<ProxyCache> cache = DynamicCast<ProxyCache>(app);
        NS_ABORT_MSG_IF(!cache, "ProxyCacheHelper: ICP siblings need ns3::ProxyCache");
        for (const auto& [ip, port] : siblings)
        {
            cache->AddSibling(ip, port);
        }
    }
    node->AddApplication(app);
    return ApplicationContainer(app);
}

ApplicationContainer
ProxyCacheHelper::Install(NodeContainer nodes) const
{
    ApplicationContainer apps;
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        apps.Add(Install(*i));
    }
    return apps;
}

} // namespace ns3
