/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_FAILURE_DETECTOR_H
#define DEPOT_FAILURE_DETECTOR_H

#include "ns3/depot-proxy.h"
#include "ns3/depot-scheduler.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief The up/down state of the depot's proxies.
 *
 * A proxy leaves the active list when Fall consecutive health checks failed or a forwarded SYN
 * went unanswered ([Depot]), and comes back after Rise consecutive successful checks. Every
 * change reaches the scheduler and the ProxyState trace; what a proxy's failure means for its
 * sessions is the depot's business.
 */
class DepotFailureDetector
{
  public:
    /// Called with a proxy's index when it went down.
    using DownCallback = std::function<void(uint32_t)>;

    /**
     * \param proxies the pool (its up flags and check counters are kept here)
     * \param scheduler the depot's scheduler (read at each change: it may be replaced)
     * \param trace the depot's ProxyState trace
     * \param down called after a proxy went down
     */
    DepotFailureDetector(std::vector<DepotProxy>* proxies,
                         const Ptr<DepotScheduler>* scheduler,
                         TracedCallback<uint32_t, bool>* trace,
                         DownCallback down);

    /**
     * \param fall consecutive failed checks that take a proxy out
     * \param rise consecutive successful checks that put it back
     */
    void SetThresholds(uint32_t fall, uint32_t rise);

    /**
     * Take a proxy out of the active list or put it back.
     * \param index the proxy
     * \param up its new state
     */
    void SetUp(uint32_t index, bool up);

    /**
     * A health check ended.
     * \param index the proxy
     * \param ok whether it succeeded
     */
    void CheckResult(uint32_t index, bool ok);

    /// A forwarded SYN was not answered in time: the proxy goes down.
    /// \param index the proxy
    void SynTimedOut(uint32_t index);

    /// Forget what is known: every proxy up, no check counted (the depot restarts).
    void Reset();

  private:
    std::vector<DepotProxy>* m_proxies;      //!< the pool
    const Ptr<DepotScheduler>* m_scheduler;  //!< the depot's scheduler
    TracedCallback<uint32_t, bool>* m_trace; //!< ProxyState
    DownCallback m_down;                     //!< a proxy went down
    uint32_t m_fall{3};                      //!< failures to take a proxy out
    uint32_t m_rise{2};                      //!< successes to put it back
};

} // namespace ns3

#endif // DEPOT_FAILURE_DETECTOR_H
