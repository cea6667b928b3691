/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LEAST_CONNECTION_SCHEDULER_H
#define LEAST_CONNECTION_SCHEDULER_H

#include "depot-scheduler.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Least connections (IPVS lc): the available proxy with the smallest overhead (active * 256 +
 * inactive sessions); ties go to the first in list order.
 */
class LeastConnectionScheduler : public DepotScheduler
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

#endif // LEAST_CONNECTION_SCHEDULER_H
