/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-helper.h"

#include "ns3/depot.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4.h"
#include "ns3/loopback-net-device.h"

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

void
DepotHelper::ConfigureDirectRouting(NodeContainer proxies) const
{
    for (auto n = proxies.Begin(); n != proxies.End(); ++n)
    {
        Ptr<Ipv4> ipv4 = (*n)->GetObject<Ipv4>();
        NS_ABORT_MSG_IF(
            !ipv4, "DepotHelper::ConfigureDirectRouting: node " << (*n)->GetId() << " has no Ipv4");
        int32_t lo = -1;
        for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
        {
            if (DynamicCast<LoopbackNetDevice>(ipv4->GetNetDevice(i)))
            {
                lo = i;
                break;
            }
        }
        NS_ABORT_MSG_IF(lo < 0,
                        "DepotHelper::ConfigureDirectRouting: node " << (*n)->GetId()
                                                                     << " has no loopback");
        ipv4->AddAddress(lo, Ipv4InterfaceAddress(m_vip, Ipv4Mask::GetOnes()));
    }
}

} // namespace ns3
