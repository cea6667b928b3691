/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_SESSION_SYNC_H
#define DEPOT_SESSION_SYNC_H

#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <set>
#include <utility>

namespace ns3
{

class Depot;
class DepotSessionTable;
class Socket;

/**
 * \ingroup web-proxy
 * \brief The warm master's side of session sync: which sessions go to the backup.
 *
 * A sync carries the sessions the backup has not got yet, those changed since the last
 * sync, or all of them; sessions in SYN_SENT never go (their proxy may not answer). The
 * records are cut into messages of at most MessageSize bytes.
 */
class DepotSessionSync
{
  public:
    /// Where and what syncs go.
    struct Settings
    {
        Ipv4Address peer;        //!< the backup
        uint16_t port{0};        //!< its sync port
        uint8_t group{0};        //!< pair id
        uint8_t priority{0};     //!< the master's priority
        uint32_t messageSize{0}; //!< largest message payload
        bool newOnly{false};     //!< only established sessions the backup has not got
    };

    /// \param settings where and what
    void Configure(const Settings& settings);

    /**
     * Send the sessions that are due.
     * \param depot the master's depot
     * \param socket the sync socket
     * \param full every session (else the new or changed ones)
     */
    void Send(const Depot& depot, Ptr<Socket> socket, bool full);

    /// A new master: the backup is assumed to know nothing.
    void Restart();

    /// Forget which sessions the backup got (the master failed).
    void Forget();

    /**
     * A session left the depot's table.
     * \param client its client
     * \param port its client port
     */
    void SessionGone(Ipv4Address client, uint16_t port);

    /**
     * \param table the master's table
     * \param liveOnly count only sessions not in TIME_WAIT or CLOSE (those that may still
     *        carry a segment, which a takeover would find without a session)
     * \return its sessions the backup has not got
     */
    uint32_t CountUnsynced(const DepotSessionTable& table, bool liveOnly) const;

    /// \param depot the master's depot: sessions leaving its table are forgotten here
    void Watch(Ptr<Depot> depot);

    /// \return sync messages sent
    uint64_t GetMessagesSent() const;

    /// \return session records sent
    uint64_t GetRecordsSent() const;

  private:
    Settings m_settings;                              //!< where and what
    std::set<std::pair<uint32_t, uint16_t>> m_synced; //!< flows the backup got
    int64_t m_lastSync{-1};                           //!< time step of the last sync (-1: none)
    uint32_t m_sequence{0};                           //!< sync sequence
    uint64_t m_messagesSent{0};                       //!< counter
    uint64_t m_recordsSent{0};                        //!< counter
};

} // namespace ns3

#endif // DEPOT_SESSION_SYNC_H
