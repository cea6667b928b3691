/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_STANDBY_MIRROR_H
#define DEPOT_STANDBY_MIRROR_H

#include "depot-standby-scheduler.h"

#include "ns3/address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <deque>
#include <map>
#include <utility>
#include <vector>

namespace ns3
{

class Depot;
class Node;

/**
 * \brief A hot backup's input: the master's input frames, and the master's decisions.
 *
 * The virtual devices of the backup receive what is sent to the virtual MAC, i.e. the
 * master's input, and its depot processes them in standby mode (Depot::Observe). What the
 * backup must not do is decide: its own scheduler and proxy states would choose other proxies
 * than the master did (round robin after a proxy failure, least connections, ...), and a
 * takeover would then send established connections to the wrong proxy. So the backup learns
 * each decision from the wire: a client's SYN for which it has no session is held; the first
 * SYN-ACK that a proxy sends to that client and port (to the virtual MAC, so the backup sees
 * it) names the proxy the master chose; the held SYN is then shown to the depot with
 * DepotStandbyScheduler following that choice, and the SYN-ACK after it. A held SYN no proxy
 * answers is forgotten after the depot's SYN_SENT timeout (the master gives up on its proxy
 * then too) or when HoldLimit SYNs are held (the oldest goes). Causality keeps the order: a
 * proxy answers only after the master forwarded the SYN the backup saw on the client's
 * segment at the same time.
 *
 * Not usable with direct routing, where the proxies' answers bypass the depots.
 */
class DepotStandbyMirror
{
  public:
    /**
     * Listen on the virtual devices.
     * \param node the depot's node
     * \param depot its depot
     * \param devices the virtual devices
     * \param holdLimit most SYNs held
     */
    void Start(Ptr<Node> node,
               Ptr<Depot> depot,
               const std::vector<Ptr<NetDevice>>& devices,
               uint32_t holdLimit);

    /// Stop listening.
    void Stop();

    /**
     * The depot becomes a hot backup (its scheduler is replaced by the follower) or leaves
     * standby (its own scheduler is put back, held SYNs are forgotten).
     * \param backup whether it is a backup now
     */
    void SetBackup(bool backup);

    /// Release the node and the depot.
    void Dispose();

    /// \return sessions opened with the master's decision
    uint64_t GetFollowed() const;

    /// \return held SYNs forgotten (no proxy answered in time, or HoldLimit)
    uint64_t GetForgotten() const;

    /// \return SYNs held now
    uint32_t GetHeld() const;

  private:
    /// Protocol handler on the virtual devices.
    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType type);

    /// Forget held SYNs older than the SYN_SENT timeout, and the oldest beyond the limit.
    void Expire();

    using Key = std::pair<uint32_t, uint16_t>; //!< client address and port

    /// A client's SYN waiting for its proxy's answer.
    struct Held
    {
        Ptr<const Packet> packet; //!< the SYN (IP header included)
        Time since;               //!< when it was held
    };

    Ptr<Node> m_node;                         //!< the depot's node
    Ptr<Depot> m_depot;                       //!< its depot
    Ptr<DepotScheduler> m_own;                //!< the depot's scheduler while following
    Ptr<DepotStandbyScheduler> m_follower;    //!< repeats the master's decisions
    bool m_backup{false};                     //!< following
    bool m_listening{false};                  //!< handler registered
    uint32_t m_holdLimit{0};                  //!< most SYNs held
    std::map<Key, Held> m_held;               //!< held SYNs
    std::deque<std::pair<Time, Key>> m_order; //!< held SYNs, oldest first
    uint64_t m_followed{0};                   //!< counter
    uint64_t m_forgotten{0};                  //!< counter
};

} // namespace ns3

#endif // DEPOT_STANDBY_MIRROR_H
