/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "proxy-cache-helper.h"

#include "ns3/uinteger.h"

namespace ns3
{

ProxyCacheHelper::ProxyCacheHelper(uint16_t port, const std::string& typeId)
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

ApplicationContainer
ProxyCacheHelper::Install(Ptr<Node> node) const
{
    Ptr<ConnectionCache> app = m_factory.Create<ConnectionCache>();
    if (m_resolver)
    {
        app->SetResolver(m_resolver);
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
