/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEIGHTED_LEAST_CONNECTION_SCHEDULER_H
#define WEIGHTED_LEAST_CONNECTION_SCHEDULER_H

#include "depot-scheduler.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Weighted least connections (IPVS wlc): the available proxy with the smallest overhead /
 * weight; ties go to the first in list order.
 */
class WeightedLeastConnectionScheduler : public DepotScheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    int32_t Select(const std::vector<DepotProxy>& proxies, const Flow& flow) override;
};

} // namespace ns3

#endif // WEIGHTED_LEAST_CONNECTION_SCHEDULER_H
