/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FAULT_INJECTION_HELPER_H
#define FAULT_INJECTION_HELPER_H

#include "ns3/event-id.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Fault injection: crash and revive nodes (a proxy, a depot, an origin server), fail and
 * restore links, at given times, from a scenario script or a schedule file.
 *
 * A **crash** is a power failure: at once the node's devices leave their links (a CSMA device
 * is detached from its channel, any other device drops every frame it receives through a
 * ReceiveErrorModel, queued frames are flushed), its applications stop (a DepotStandby
 * fails, which fails its Depot; any other application gets its StopApplication), every TCP
 * socket left on the node vanishes without sending anything (its timers cancelled, its
 * endpoint released), and the node's ARP caches are lost. The node answers nothing: not ARP,
 * not TCP, no RST.
 *
 * A **revival** is a reboot: the devices come back, the applications start again
 * (StartApplication; a DepotStandby recovers as a backup), with fresh sockets. A rebooted
 * host announces itself (gratuitous ARP), which makes its neighbours re-resolve it; ns-3's
 * ARP ignores gratuitous ARP and keeps an entry that failed to resolve while the node was
 * down DEAD for ArpCache DeadTimeout (100 s), dropping every packet to the node meanwhile. So
 * a revival removes the DEAD entries for the node's addresses from the ARP caches of the
 * nodes on its links (what the announcement, or Linux re-probing a FAILED neighbour on the
 * next packet, would achieve). Restoring a link does the same for both of its ends.
 *
 * A **link failure** pulls one device's cable: a CSMA device is detached from its channel
 * (the others on the segment keep talking), a point-to-point link drops every frame at both
 * ends. Its Ipv4 interfaces stay up: routes are kept, packets are lost on the wire. With
 * SetRerouteAfter, routing reacts as an IGP does: after the convergence time the failed
 * devices' Ipv4 interfaces go down and global routing is recomputed around the link; when
 * the link is restored they come up and routing is recomputed at once (a restore before the
 * convergence time cancels the rerouting).
 *
 * Schedule lines (AddLine, ScheduleFile; '#' starts a comment):
 *   \<time\> crash \<node\>
 *   \<time\> revive \<node\>
 *   \<time\> fail-link \<node\> \<device index\>
 *   \<time\> restore-link \<node\> \<device index\>
 * where time is a number with a unit (s, ms, us) and node a name given with Names::Add or a
 * node id. A bad line stops the run with its file, line number and problem.
 */
class FaultInjectionHelper
{
  public:
    FaultInjectionHelper();

    /**
     * \param node the node
     * \param at when it crashes (absolute simulation time)
     */
    void Crash(Ptr<Node> node, Time at);

    /**
     * \param node a node crashed before
     * \param at when it comes back (absolute simulation time)
     */
    void Revive(Ptr<Node> node, Time at);

    /**
     * \param device the device whose link fails
     * \param at when (absolute simulation time)
     */
    void FailLink(Ptr<NetDevice> device, Time at);

    /**
     * \param device a device whose link failed before
     * \param at when it is restored (absolute simulation time)
     */
    void RestoreLink(Ptr<NetDevice> device, Time at);
    /**
     * Let global routing route around failed links (Ipv4GlobalRoutingHelper's
     * RecomputeRoutingTables), as an IGP would: for every link failure from now on, scheduled
     * or at once, including schedule lines. Without it (the default) routes are kept.
     * \param convergence the time from a failure to the new routes (not negative)
     */
    void SetRerouteAfter(Time convergence);

    /**
     * Schedule one line of the schedule format.
     * \param line the line
     * \param where its origin in error messages (e.g. "faults.txt:3")
     */
    void AddLine(const std::string& line, const std::string& where);

    /**
     * Schedule every line of a file.
     * \param path the file
     */
    void ScheduleFile(const std::string& path);

    /// \param node a node \return whether it is crashed now
    bool IsCrashed(Ptr<Node> node) const;

    /// \param node crash it now
    void CrashNow(Ptr<Node> node);

    /// \param node revive it now (nothing if it is not crashed)
    void ReviveNow(Ptr<Node> node);

    /// \param device fail its link now
    void FailLinkNow(Ptr<NetDevice> device);

    /// \param device restore its link now
    void RestoreLinkNow(Ptr<NetDevice> device);

  private:
    /// What a crash or a link failure took down, to bring back.
    struct Down
    {
        std::vector<Ptr<NetDevice>> devices;       //!< devices off their links
        std::vector<Ptr<Object>> savedErrorModels; //!< their receive error models before
        std::vector<Ptr<Object>> applications;     //!< stopped applications (Application)
        bool crashed{false};                       //!< a crash (not a link failure)
        EventId reroute;                           //!< a link failure's pending rerouting
        bool routedAround{false};                  //!< its interfaces are down
    };

    /// Scheduled events share the state: the helper may go out of scope before they run.
    struct State
    {
        std::map<uint32_t, Down> nodes;       //!< crashed nodes by id
        std::map<Ptr<NetDevice>, Down> links; //!< failed links by device
        bool reroute{false};                  //!< see SetRerouteAfter
        Time convergence;                     //!< see SetRerouteAfter
    };

    std::shared_ptr<State> m_state; //!< what is down
};

} // namespace ns3

#endif // FAULT_INJECTION_HELPER_H
