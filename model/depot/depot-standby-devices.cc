/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-standby-devices.h"

#include "ns3/csma-channel.h"
#include "ns3/csma-net-device.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/queue.h"

#include <algorithm>

namespace ns3
{

void
DepotStandbyDevices::AddVirtual(Ptr<NetDevice> device)
{
    m_virtual.push_back(device);
}

const std::vector<Ptr<NetDevice>>&
DepotStandbyDevices::GetVirtual() const
{
    return m_virtual;
}

void
DepotStandbyDevices::SetVirtualUp(Ptr<Node> node, bool up) const
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    for (const auto& d : m_virtual)
    {
        const int32_t i = ipv4->GetInterfaceForDevice(d);
        if (up)
        {
            ipv4->SetUp(i);
        }
        else
        {
            ipv4->SetDown(i);
        }
    }
}

void
DepotStandbyDevices::SetAllUp(Ptr<Node> node, bool up)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (!up)
    {
        m_disabled.clear();
        for (uint32_t i = 0; i < node->GetNDevices(); ++i)
        {
            Ptr<NetDevice> d = node->GetDevice(i);
            if (Ptr<CsmaNetDevice> csma = DynamicCast<CsmaNetDevice>(d))
            {
                // Pull the cable: detached, the device neither sends nor receives, and a frame
                // it tries to send is dropped by the channel with the transmit machine back in
                // READY. (CsmaNetDevice::SetSendEnable(false) must not be used: a device caught
                // in BACKOFF drops its frame in TransmitStart and stays in BACKOFF for good,
                // so after SetSendEnable(true) it never transmits again.) Frames queued in the
                // device die with the node.
                DynamicCast<CsmaChannel>(csma->GetChannel())->Detach(csma);
                csma->GetQueue()->Flush();
                m_disabled.emplace_back(d, true);
            }
            else if (const int32_t j = ipv4->GetInterfaceForDevice(d);
                     j > 0 && ipv4->IsUp(j)) // not the loopback
            {
                ipv4->SetDown(j);
                m_disabled.emplace_back(d, false);
            }
        }
        return;
    }
    for (const auto& [d, csma] : m_disabled)
    {
        if (csma)
        {
            Ptr<CsmaNetDevice> c = DynamicCast<CsmaNetDevice>(d);
            c->GetQueue()->Flush(); // what the dead node's stack queued meanwhile
            DynamicCast<CsmaChannel>(c->GetChannel())->Reattach(c);
        }
        else
        {
            ipv4->SetUp(ipv4->GetInterfaceForDevice(d));
        }
    }
    m_disabled.clear();
}

Ipv4Address
DepotStandbyDevices::OwnAddress(Ptr<Node> node, Ipv4Address peer) const
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        if (std::find(m_virtual.begin(), m_virtual.end(), ipv4->GetNetDevice(i)) != m_virtual.end())
        {
            continue;
        }
        for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
        {
            const Ipv4InterfaceAddress a = ipv4->GetAddress(i, j);
            if (a.GetMask().IsMatch(a.GetLocal(), peer) && a.GetLocal() != peer)
            {
                return a.GetLocal();
            }
        }
    }
    return Ipv4Address();
}

void
DepotStandbyDevices::Clear()
{
    m_virtual.clear();
    m_disabled.clear();
}

} // namespace ns3
