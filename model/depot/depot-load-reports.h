/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_LOAD_REPORTS_H
#define DEPOT_LOAD_REPORTS_H

#include "ns3/depot-proxy.h"
#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace ns3
{

class Node;
class Socket;

/**
 * \ingroup web-proxy
 * \brief Receives the proxies' load reports.
 *
 * They are LoadReporter's UDP datagrams, for LoadIndexScheduler. A report is applied to the
 * proxy whose address sent it; anything else is counted and dropped.
 */
class DepotLoadReports
{
  public:
    /// Called with a valid report: proxy index, CPU load, free cache fraction, active requests.
    using ReportCallback = std::function<void(uint32_t, double, double, uint32_t)>;

    /**
     * Listen for reports.
     * \param node the depot's node
     * \param port the UDP port
     * \param proxies the pool (senders are looked up in it)
     * \param report called for each valid report
     */
    void Start(Ptr<Node> node,
               uint16_t port,
               const std::vector<DepotProxy>* proxies,
               ReportCallback report);

    /// Stop listening.
    void Stop();

    /// \return datagrams dropped (unknown sender or malformed)
    uint64_t GetBadCount() const;

  private:
    /// Reports arrived.
    /// \param socket the socket
    void Receive(Ptr<Socket> socket);

    const std::vector<DepotProxy>* m_proxies{nullptr}; //!< the pool
    ReportCallback m_report;                           //!< where valid reports go
    Ptr<Socket> m_socket;                              //!< receives them
    uint64_t m_bad{0};                                 //!< unknown sender or malformed
};

} // namespace ns3

#endif // DEPOT_LOAD_REPORTS_H
