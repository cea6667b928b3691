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

std::vector<std::vector<Ptr<NetDevice>>>
DepotStandbyHelper::AddVirtualInterfaces(NodeContainer depots,
                                         Ptr<CsmaChannel> clientSide,
                                         Ipv4Address vip,
                                         Ptr<CsmaChannel> proxySide,
                                         Ipv4Address gateway,
                                         uint8_t vrid)
{
    NS_ABORT_MSG_IF(vrid == 255, "DepotStandbyHelper: the first VRRP id must be below 255");
    const auto mac = [](uint8_t id)
    {
        const uint8_t bytes[6] = {0x00, 0x00, 0x5e, 0x00, 0x01, id};
        Mac48Address m;
        m.CopyFrom(bytes);
        return m;
    };
    std::vector<std::vector<Ptr<NetDevice>>> devices;
    for (uint32_t d = 0; d < depots.GetN(); ++d)
    {
        devices.push_back({AddVirtualInterface(depots.Get(d), clientSide, mac(vrid), vip),
                           AddVirtualInterface(depots.Get(d), proxySide, mac(vrid + 1), gateway)});
    }
    return devices;
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
