/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_STANDBY_DEVICES_H
#define DEPOT_STANDBY_DEVICES_H

#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/ptr.h"

#include <utility>
#include <vector>

namespace ns3
{

class Node;

/**
 * \ingroup web-proxy
 * \brief A depot node's devices as its failover pair sees them.
 *
 * The virtual devices carry the VIP and are up on the master only; when the node fails, all
 * its devices go down (CSMA cables pulled) and come back as they were when it recovers.
 */
class DepotStandbyDevices
{
  public:
    /// \param device a virtual interface's device (the VIP's)
    void AddVirtual(Ptr<NetDevice> device);

    /// \return the virtual interfaces' devices
    const std::vector<Ptr<NetDevice>>& GetVirtual() const;

    /**
     * Bring the virtual interfaces up or down.
     * \param node the depot's node
     * \param up their new state
     */
    void SetVirtualUp(Ptr<Node> node, bool up) const;

    /**
     * Take every device of the node down (failure) or bring back the ones taken down.
     * \param node the depot's node
     * \param up false: fail, true: recover
     */
    void SetAllUp(Ptr<Node> node, bool up);

    /**
     * \param node the depot's node
     * \param peer the other depot
     * \return this node's real (not virtual) address on the peer's subnet, or 0.0.0.0
     */
    Ipv4Address OwnAddress(Ptr<Node> node, Ipv4Address peer) const;

    /// Forget the devices.
    void Clear();

  private:
    std::vector<Ptr<NetDevice>> m_virtual;                   //!< virtual interfaces' devices
    std::vector<std::pair<Ptr<NetDevice>, bool>> m_disabled; //!< taken down by a failure (CSMA)
};

} // namespace ns3

#endif // DEPOT_STANDBY_DEVICES_H
