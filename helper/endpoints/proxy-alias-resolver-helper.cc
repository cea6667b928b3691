/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "proxy-alias-resolver-helper.h"

#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/proxy-alias-resolver.h"
#include "ns3/string.h"
#include "ns3/web-client.h"

#include <map>
#include <stdexcept>

namespace ns3
{

ProxyAliasResolverHelper::ProxyAliasResolverHelper(const std::string& alias, Ipv4Address server)
{
    m_factory.SetTypeId(ProxyAliasResolver::GetTypeId());
    m_factory.Set("Alias", StringValue(alias));
    m_factory.Set("Server", Ipv4AddressValue(server));
}

void
ProxyAliasResolverHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

ApplicationContainer
ProxyAliasResolverHelper::Install(ApplicationContainer clients) const
{
    ApplicationContainer resolvers;
    std::map<uint32_t, Ptr<ProxyAliasResolver>> byNode;
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        Ptr<WebClient> client = DynamicCast<WebClient>(clients.Get(i));
        if (!client)
        {
            throw std::invalid_argument("ProxyAliasResolverHelper::Install: application "
                                        + std::to_string(i) + " is no WebClient");
        }
        Ptr<Node> node = client->GetNode();
        Ptr<ProxyAliasResolver>& r = byNode[node->GetId()];
        if (!r)
        {
            r = m_factory.Create<ProxyAliasResolver>();
            node->AddApplication(r);
            resolvers.Add(r);
        }
        r->AddClient(client);
    }
    return resolvers;
}

} // namespace ns3
