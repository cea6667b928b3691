/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "socks5-gateway-helper.h"

#include "ns3/uinteger.h"

namespace ns3
{

Socks5GatewayHelper::Socks5GatewayHelper(uint16_t port)
{
    m_factory.SetTypeId("ns3::Socks5Gateway");
    m_factory.Set("Port", UintegerValue(port));
}

void
Socks5GatewayHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
Socks5GatewayHelper::SetResolver(Socks5Gateway::Resolver resolver)
{
    m_resolver = std::move(resolver);
}

ApplicationContainer
Socks5GatewayHelper::Install(Ptr<Node> node) const
{
    Ptr<Socks5Gateway> app = m_factory.Create<Socks5Gateway>();
    if (m_resolver)
    {
        app->SetResolver(m_resolver);
    }
    node->AddApplication(app);
    return ApplicationContainer(app);
}

ApplicationContainer
Socks5GatewayHelper::Install(NodeContainer nodes) const
{
    ApplicationContainer apps;
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        apps.Add(Install(*i));
    }
    return apps;
}

} // namespace ns3
