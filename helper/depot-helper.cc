/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-helper.h"

#include "ns3/depot.h"

namespace ns3
{

DepotHelper::DepotHelper(Ipv4Address vip, uint16_t port)
    : m_vip(vip)
    , m_ports{port}
{
    m_factory.SetTypeId(Depot::GetTypeId());
    m_scheduler.SetTypeId("ns3::RoundRobinScheduler");
}

void
DepotHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
DepotHelper::SetScheduler(const std::string& type)
{
    m_scheduler.SetTypeId(type);
}

void
DepotHelper::SetSchedulerAttribute(const std::string& name, const AttributeValue& value)
{
    m_scheduler.Set(name, value);
}

void
DepotHelper::AddService(uint16_t port)
{
    m_ports.push_back(port);
}

void
DepotHelper::AddProxy(Ipv4Address address, uint16_t port, uint32_t weight)
{
    m_proxies.emplace_back(address, port, weight);
}

ApplicationContainer
DepotHelper::Install(Ptr<Node> node) const
{
    Ptr<Depot> depot = m_factory.Create<Depot>();
    depot->SetAttribute("VirtualIp", Ipv4AddressValue(m_vip));
    for (uint16_t port : m_ports)
    {
        depot->AddService(port);
    }
    for (const auto& [address, port, weight] : m_proxies)
    {
        depot->AddProxy(address, port, weight);
    }
    depot->SetScheduler(m_scheduler.Create<DepotScheduler>());
    node->AddApplication(depot);
    return ApplicationContainer(depot);
}

} // namespace ns3
