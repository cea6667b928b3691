/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SHORTEST_EXPECTED_DELAY_SCHEDULER_H
#define SHORTEST_EXPECTED_DELAY_SCHEDULER_H

#include "depot-scheduler.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Shortest expected delay (IPVS sed): the available proxy with the smallest (active + 1) /
 * weight, the delay a new session expects if proxies serve their active sessions at a rate
 * proportional to their weight; ties go to the first in list order.
 */
class ShortestExpectedDelayScheduler : public DepotScheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    int32_t Select(const std::vector<DepotProxy>& proxies, const Flow& flow) override;

    /**
     * The SED choice (shared with NeverQueueScheduler).
     * \param proxies the pool
     * \return the chosen index or -1
     */
    static int32_t SelectSed(const std::vector<DepotProxy>& proxies);
};

} // namespace ns3

#endif // SHORTEST_EXPECTED_DELAY_SCHEDULER_H
