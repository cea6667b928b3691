/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LOAD_REPORTER_H
#define LOAD_REPORTER_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class ConnectionCache;
class Socket;

/**
 * \ingroup web-proxy
 * Runs on a proxy node and sends the proxy's load to a depot every Interval, one UDP
 * datagram (LoadReportHeader) per report, so that the depot's LoadIndexScheduler sees what
 * only the proxy knows ([Depot]: CPU load, available cache size, active requests). The
 * depot applies a report to the proxy whose address sent it (Depot LoadReportPort).
 *
 * - CPU load: jobs in the proxy's ProcessingQueue (busy + waiting) averaged over the last
 *   interval, per worker; like a Unix load average it exceeds 1 when requests queue.
 * - Free cache: 1 - used / capacity of a ProxyCache's store (1 for a ConnectionCache).
 * - Active requests: requests received and not finished.
 */
class LoadReporter : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    LoadReporter();
    ~LoadReporter() override;

    /**
     * Set the proxy to report on; without one, the first ConnectionCache (or ProxyCache)
     * application of the node is used.
     * \param proxy the proxy
     */
    void SetProxy(Ptr<ConnectionCache> proxy);

    /// \return reports sent
    uint64_t GetReportsSent() const;

    /// Signature of the Report trace: CPU load, free cache fraction, active requests.
    typedef void (*ReportCallback)(double cpuLoad, double cacheFree, uint32_t active);

  protected:
    /// Releases its references to the proxy and the UDP socket, so that disposing of the node
    /// frees them.
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /// Measure and send one report, schedule the next.
    void Report();

    Address m_remote;                                       //!< the depot's report address and port
    Time m_interval;                                        //!< report period
    Ptr<ConnectionCache> m_proxy;                           //!< what is reported
    Ptr<Socket> m_socket;                                   //!< UDP
    EventId m_event;                                        //!< next report
    Time m_lastAt;                                          //!< time of the previous measurement
    Time m_lastJobTime;                                     //!< ProcessingQueue job time then
    uint32_t m_seq{0};                                      //!< next sequence number
    uint64_t m_sent{0};                                     //!< reports sent
    TracedCallback<double, double, uint32_t> m_reportTrace; //!< a report was sent
};

} // namespace ns3

#endif // LOAD_REPORTER_H
