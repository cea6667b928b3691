/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "network-streams.h"

#include "ns3/csma-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/net-device-container.h"

namespace ns3
{

int64_t
AssignNetworkStreams(NodeContainer nodes, int64_t stream)
{
    int64_t used = InternetStackHelper().AssignStreams(nodes, stream);
    NetDeviceContainer devices;
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        for (uint32_t d = 0; d < (*i)->GetNDevices(); ++d)
        {
            devices.Add((*i)->GetDevice(d));
        }
    }
    used += CsmaHelper().AssignStreams(devices, stream + used);
    return used;
}

} // namespace ns3
