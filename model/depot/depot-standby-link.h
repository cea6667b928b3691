/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_STANDBY_LINK_H
#define DEPOT_STANDBY_LINK_H

#include "depot-sync-header.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <functional>
#include <string>

namespace ns3
{

class Node;
class Socket;

/**
 * \ingroup web-proxy
 * \brief The UDP link between the depots of a pair.
 *
 * It owns the heartbeat and sync sockets, bound to the node's real interface on the peer's
 * subnet, sends the periodic heartbeats, and hands every well-formed message of the pair's
 * group from the peer to the standby; anything else (malformed, another group, another
 * sender) is dropped and reported with its reason.
 */
class DepotStandbyLink
{
  public:
    /// Where messages go and what heartbeats say.
    struct Settings
    {
        Ipv4Address peer;     //!< the other depot
        Ipv4Address own;      //!< this node's real address on the peer's subnet
        uint16_t port{0};     //!< heartbeat port
        uint16_t syncPort{0}; //!< sync port
        bool sync{false};     //!< open the sync socket (warm standby)
        uint8_t group{0};     //!< pair id
        uint8_t priority{0};  //!< this depot's priority
        Time interval;        //!< heartbeat period
    };

    /// Called with each message of the group and its sender.
    using ReceiveCallback = std::function<void(const DepotSyncHeader&, Ipv4Address)>;

    /// Fills in what a heartbeat says of this depot (its role, the proxies' states).
    using FillCallback = std::function<void(DepotSyncHeader&)>;

    /// Called with each dropped message's sender and reason.
    using DropCallback = std::function<void(Ipv4Address, const std::string&)>;

    /**
     * Open the sockets.
     * \param node the depot's node
     * \param settings where and what
     * \param receive called with each message
     * \param fill called for each heartbeat
     * \param drop called with each dropped message
     */
    void Open(Ptr<Node> node,
              const Settings& settings,
              ReceiveCallback receive,
              FillCallback fill,
              DropCallback drop);

    /// \return whether the sockets are open
    bool IsOpen() const;

    /// Start the heartbeats (the first one now).
    void StartHeartbeats();

    /// Send a heartbeat at once; the period restarts.
    void HeartbeatNow();

    /// Stop the heartbeats.
    void StopHeartbeats();

    /// Stop the heartbeats and close the sockets.
    void Close();

    /// Release the sockets and the node without closing (the node is being disposed).
    void Dispose();

    /// \return the sync socket (may be the heartbeat socket)
    Ptr<Socket> GetSyncSocket() const;

    /// \return heartbeats sent
    uint64_t GetHeartbeatsSent() const;

  private:
    /**
     * \param port a UDP port
     * \return a socket bound to it and to the real interface
     */
    Ptr<Socket> OpenSocket(uint16_t port);

    /// Periodic heartbeat.
    void SendHeartbeat();

    /// \param socket a socket with messages
    void Receive(Ptr<Socket> socket);

    Ptr<Node> m_node;             //!< the depot's node
    Settings m_settings;          //!< where and what
    ReceiveCallback m_receive;    //!< the standby's message handler
    FillCallback m_fill;          //!< the standby's role and proxies
    DropCallback m_drop;          //!< the standby's drop counter
    Ptr<Socket> m_socket;         //!< heartbeats
    Ptr<Socket> m_syncSocket;     //!< syncs (warm; may be m_socket)
    EventId m_heartbeatEvent;     //!< next heartbeat
    uint32_t m_sequence{0};       //!< heartbeat sequence
    uint64_t m_heartbeatsSent{0}; //!< counter
};

} // namespace ns3

#endif // DEPOT_STANDBY_LINK_H
