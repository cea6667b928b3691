/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_STANDBY_H
#define DEPOT_STANDBY_H

#include "depot-broken-connections.h"
#include "depot-session-sync.h"
#include "depot-standby-devices.h"
#include "depot-standby-link.h"
#include "depot-standby-mirror.h"
#include "depot.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <set>
#include <utility>
#include <vector>

namespace ns3
{

class Socket;

/**
 * \ingroup web-proxy
 * One depot of a failover pair ([Depot]'s standby depot), or a lone depot that can fail.
 * Like VRRP, the active depot (master) owns the virtual addresses: each is the address of a
 * *virtual interface*, a CSMA device with the pair's shared virtual MAC on the same segment
 * as the depot's real device. Both depots have it; only the master's Ipv4 interface is up. A
 * takeover brings the survivor's interface up: the clients' and proxies' ARP entries (VIP ->
 * virtual MAC) stay valid, so their next frame reaches the survivor (ns-3's ARP ignores
 * gratuitous ARP, so moving the address alone would not be seen for ArpCache AliveTimeout).
 *
 * The depots exchange heartbeats over UDP (HeartbeatInterval); a backup that hears no master
 * heartbeat for DeadTime takes over. Standby modes:
 * - hot: the backup's depot processes every frame its virtual devices receive (the frames
 *   addressed to the virtual MAC, which are the master's input) and so keeps the master's
 *   table without forwarding anything; it takes each session's proxy from the master's
 *   decision as the wire shows it (DepotStandbyMirror) and schedules on its own only after
 *   a takeover;
 * - warm: the master sends its sessions every SyncInterval (SyncContent: new, changed or
 *   full), the backup imports them; sessions opened since the last sync are lost on failover;
 * - none: no state (a Maglev pair with NoSessionAction sloppy re-hashes flows to the same
 *   proxies).
 *
 * In every mode a backup runs no health checks: the master's heartbeats carry its proxies'
 * states (and a change is sent at once), which the backup's depot adopts.
 *
 * Fail() takes the whole node down (its devices neither send nor receive, the depot process
 * loses its state); Recover() brings it back as a backup (or master if Preempt and the
 * higher priority, or if it has no peer). Broken connections are counted by the depot that
 * took over: client flows whose non-SYN segments find no session (NO_SESSION drops), except
 * flows whose session its own table ended within its TimeWaitTimeout (scrapped with a failed
 * proxy, closed, expired: see DepotBrokenConnections).
 *
 * DepotStandby keeps the roles (heartbeat arbitration, takeover, failure and recovery) and
 * hands the rest out: DepotStandbyLink carries the messages, DepotStandbyMirror feeds a hot
 * backup, DepotSessionSync chooses what a
 * sync carries, DepotStandbyDevices switches the node's devices, DepotBrokenConnections
 * counts what a takeover broke.
 */
class DepotStandby : public Application
{
  public:
    /// Role of the depot.
    enum Role : uint8_t
    {
        BACKUP, //!< standby
        MASTER, //!< active: owns the virtual interfaces
        FAILED  //!< the node is down
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    DepotStandby();
    ~DepotStandby() override;

    /// \param depot the depot of this node
    void SetDepot(Ptr<Depot> depot);

    /// \return the depot
    Ptr<Depot> GetDepot() const;

    /**
     * A virtual interface: a device of this node with the pair's virtual MAC, whose Ipv4
     * interface holds a virtual address (VIP, proxies' gateway). Up only on the master.
     * \param device the device
     */
    void AddVirtualDevice(Ptr<NetDevice> device);

    /// The node fails now: devices down, depot state lost, no heartbeats.
    void Fail();

    /// The node comes back.
    void Recover();

    /// \return the current role
    Role GetRole() const;

    /// \param role a role \return its name
    static const char* RoleName(uint8_t role);

    /// What the standby counted.
    struct Counters
    {
        uint64_t failovers{0};             //!< takeovers after the peer fell silent
        uint64_t heartbeatsSent{0};        //!< heartbeats sent
        uint64_t heartbeatsReceived{0};    //!< heartbeats received from the peer
        uint64_t syncSent{0};              //!< sync messages sent
        uint64_t syncReceived{0};          //!< sync messages received
        uint64_t recordsSent{0};           //!< session records sent
        uint64_t recordsImported{0};       //!< session records imported
        uint64_t broken{0};                //!< connections found broken after a takeover
        uint64_t followed{0};              //!< hot backup: sessions opened on the master's word
        uint64_t messagesDropped{0};       //!< messages dropped (MessageDropped trace)
        uint32_t unsyncedAtFailure{0};     //!< sessions opened since the last sync at Fail
        uint32_t unsyncedLiveAtFailure{0}; //!< of those, not in TIME_WAIT or CLOSE (warm)
    };

    /// \return the counters
    Counters GetCounters() const;

    /// \return client connections found broken after this depot took over
    uint64_t GetBrokenConnections() const;
    /// \return sessions opened since the last sync (warm; all sessions otherwise)
    uint32_t GetUnsyncedSessions() const;

    /// Role trace: old role, new role.
    using RoleTracedCallback = void (*)(uint8_t, uint8_t);
    /// Failover trace: time since the last heartbeat of the failed master.
    using FailoverTracedCallback = void (*)(Time);
    /// Broken connection trace: client address and port.
    using BrokenTracedCallback = void (*)(Ipv4Address, uint16_t);
    /// Dropped message trace: sender and reason.
    using MessageDropTracedCallback = void (*)(Ipv4Address, const std::string&);

  protected:
    /// Drops the depot, gives the node's devices back and closes the pair's link.
    void DoDispose() override;

  private:
    /// Standby mode.
    enum Mode : uint8_t
    {
        NONE,
        WARM,
        HOT
    };

    /// What a sync message carries.
    enum SyncContent : uint8_t
    {
        SYNC_NEW,     //!< sessions opened since the last sync
        SYNC_CHANGED, //!< sessions that saw a segment since the last sync
        SYNC_FULL     //!< the whole table
    };

    void StartApplication() override;
    void StopApplication() override;

    /// Open the socket, take the initial role, start the timers.
    void Start();

    /// \param mode "hot", "warm" or "none"
    void SetMode(std::string mode);
    /// \return the mode's name
    std::string GetMode() const;
    /// \param content "new", "changed" or "full"
    void SetSyncContent(std::string content);
    /// \return the content's name
    std::string GetSyncContent() const;

    /// \param failover whether the peer was declared dead
    void BecomeMaster(bool failover);
    /// Become the standby.
    void BecomeBackup();
    /// Change the role (traces).
    void SetRole(Role role);

    /// (Re)arm the timer that declares the peer dead.
    void ArmDeadTimer();
    /// The peer fell silent for DeadTime.
    void PeerDead();
    /// Periodic sync (warm master).
    void Sync();
    /**
     * A message of the pair arrived.
     * \param h the message
     * \param from its sender
     */
    void Received(const DepotSyncHeader& h, Ipv4Address from);
    /// \param h a heartbeat to fill in: role and (master) the proxies' states
    void FillHeartbeat(DepotSyncHeader& h) const;
    /// \param up the master's proxy states, applied to a backup's depot
    void FollowProxies(const std::vector<bool>& up);
    /// The master's depot changed a proxy's state: tell the backup now.
    void ProxyChanged();
    /// Depot drop trace: NO_SESSION from a client after a takeover is a broken connection.
    void Dropped(Ptr<const Packet> packet, const Ipv4Header& header, Depot::DropReason reason);

    Ptr<Depot> m_depot;                  //!< the node's depot
    DepotStandbyDevices m_devices;       //!< virtual and real devices
    Ipv4Address m_peer;                  //!< the other depot (none: alone)
    Ipv4Address m_vip;                   //!< the depot's virtual IP
    uint16_t m_port;                     //!< UDP port of the heartbeats
    uint16_t m_syncPort;                 //!< UDP port of the syncs (warm)
    uint8_t m_group;                     //!< pair id
    uint8_t m_priority;                  //!< higher wins a dual-master conflict
    bool m_startMaster;                  //!< initial role
    bool m_preempt;                      //!< a higher priority backup takes over
    Time m_heartbeatInterval;            //!< heartbeat period
    Time m_deadTime;                     //!< silence that declares the peer dead
    Mode m_mode{NONE};                   //!< standby mode
    SyncContent m_content{SYNC_CHANGED}; //!< warm: what a sync carries
    Time m_syncInterval;                 //!< warm: sync period
    uint32_t m_messageSize;              //!< warm: largest sync message payload
    Time m_failTime;                     //!< scheduled failure (0: none)
    Time m_recoverTime;                  //!< scheduled recovery (0: none)
    Role m_role{BACKUP};                 //!< current role
    bool m_peerAlive{false};             //!< heard within DeadTime
    DepotStandbyLink m_link;             //!< sockets and heartbeats
    EventId m_deadEvent;                 //!< peer silence timer
    EventId m_syncEvent;                 //!< next sync
    Time m_lastMasterHeard;              //!< last master heartbeat
    DepotSessionSync m_sync;             //!< warm master: what the backup got
    uint32_t m_holdLimit;                //!< hot: most SYNs held
    DepotStandbyMirror m_mirror;         //!< hot backup: input and the master's decisions
    Counters m_counters;                 //!< what was counted here
    bool m_tookOver{false};              //!< master after a failover (count broken)

    TracedCallback<uint8_t, uint8_t> m_roleTrace;                       //!< role changes
    TracedCallback<Time> m_failoverTrace;                               //!< takeovers
    TracedCallback<Ipv4Address, uint16_t> m_brokenTrace;                //!< broken connections
    TracedCallback<Ipv4Address, const std::string&> m_messageDropTrace; //!< dropped messages
    DepotBrokenConnections m_broken{&m_brokenTrace}; //!< flows broken since the takeover
};

} // namespace ns3

#endif // DEPOT_STANDBY_H
