/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LOAD_INDEX_SCHEDULER_H
#define LOAD_INDEX_SCHEDULER_H

#include "depot-scheduler.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * [Depot]'s weighted cost function (section 2): the available proxy with the lowest
 *
 *   (ResponseTimeWeight * responseTime/s + ActiveWeight * active + PendingWeight * pending
 *    + CpuWeight * cpuLoad + CacheWeight * (1 - cacheFree)) / weight
 *
 * wins; ties go to the first in list order. The depot measures the response time (smoothed
 * SYN to SYN-ACK time) and the active and pending sessions itself; CPU load and free cache
 * come from Depot::SetProxyLoad (load reports). The coefficients are "selected on an ad hoc
 * basis", as the paper says: attributes.
 */
class LoadIndexScheduler : public DepotScheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    int32_t Select(const std::vector<DepotProxy>& proxies, const Flow& flow) override;

    /**
     * \param p a proxy
     * \return its cost (before division by its weight)
     */
    double Cost(const DepotProxy& p) const;

  private:
    double m_responseTime; //!< per second of response time
    double m_active;       //!< per active session
    double m_pending;      //!< per pending session
    double m_cpu;          //!< per unit of CPU load
    double m_cache;        //!< per unit of used cache
};

} // namespace ns3

#endif // LOAD_INDEX_SCHEDULER_H
