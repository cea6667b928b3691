/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-standby-helper.h"

#include "ns3/csma-helper.h"
#include "ns3/depot-standby.h"
#include "ns3/depot.h"
#include "ns3/ipv4.h"

namespace ns3
{

DepotStandbyHelper::DepotStandbyHelper()
{
    m_factory.SetTypeId(DepotStandby::GetTypeId());
}

void
DepotStandbyHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

Ptr<NetDevice>
DepotStandbyHelper::AddVirtualInterface(Ptr<Node> node,
                                        Ptr<CsmaChannel> channel,
                                        Mac48Address mac,
                                        Ipv4Address address)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4, "DepotStandbyHelper: node " << node->GetId() << " has no Ipv4");
    Ptr<NetDevice> device = CsmaHelper().Install(node, channel).Get(0);
    device->SetAddress(mac);
    const int32_t i = ipv4->AddInterface(device);
    // A /32: the master's own traffic leaves through its real device (with a /24 here it
    // also left through this one, and under load its health checks and SYNs got lost).
    ipv4->AddAddress(i, Ipv4InterfaceAddress(address, Ipv4Mask::GetOnes()));
    ipv4->SetDown(i); // DepotStandby brings it up on the master
    return device;
}

ApplicationContainer
DepotStandbyHelper::Install(Ptr<Node> node,
                            Ptr<Depot> depot,
                            Ipv4Address peer,
                            const std::vector<Ptr<NetDevice>>& virtualDevices) const
{
    Ptr<DepotStandby> s = m_factory.Create<DepotStandby>();
    s->SetDepot(depot);
    s->SetAttribute("Peer", Ipv4AddressValue(peer));
    for (const auto& d : virtualDevices)
    {
        s->AddVirtualDevice(d);
    }
    node->AddApplication(s);
    return ApplicationContainer(s);
}

} // namespace ns3
