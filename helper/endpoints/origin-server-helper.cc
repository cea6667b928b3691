/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "origin-server-helper.h"

#include "ns3/application-streams.h"
#include "ns3/origin-server.h"
#include "ns3/pointer.h"
#include "ns3/uinteger.h"
#include "ns3/web-object-catalog.h"

namespace ns3
{

OriginServerHelper::OriginServerHelper(uint16_t port)
{
    m_factory.SetTypeId(OriginServer::GetTypeId());
    m_factory.Set("Port", UintegerValue(port));
}

void
OriginServerHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
OriginServerHelper::SetCatalog(Ptr<WebObjectCatalog> catalog)
{
    m_catalog = catalog;
    m_firstNode = ~0U;
    m_copies.clear();
}

Ptr<WebObjectCatalog>
OriginServerHelper::CatalogFor(Ptr<Node> node) const
{
    if (m_firstNode == ~0U || m_firstNode == node->GetId())
    {
        m_firstNode = node->GetId();
        return m_catalog;
    }
    Ptr<WebObjectCatalog>& copy = m_copies[node->GetId()];
    if (!copy)
    {
        copy = m_catalog->Copy();
    }
    return copy;
}

ApplicationContainer
OriginServerHelper::Install(Ptr<Node> node) const
{
    ObjectFactory factory = m_factory;
    if (m_catalog)
    {
        factory.Set("Catalog", PointerValue(CatalogFor(node)));
    }
    Ptr<Application> app = factory.Create<Application>();
    node->AddApplication(app);
    return ApplicationContainer(app);
}

ApplicationContainer
OriginServerHelper::Install(NodeContainer nodes) const
{
    ApplicationContainer apps;
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        apps.Add(Install(*i));
    }
    return apps;
}

int64_t
OriginServerHelper::AssignStreams(ApplicationContainer apps, int64_t stream)
{
    return AssignApplicationStreams<OriginServer>(apps, stream);
}

} // namespace ns3
