/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROUND_ROBIN_SCHEDULER_H
#define ROUND_ROBIN_SCHEDULER_H

#include "depot-scheduler.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Round robin over the available proxies in list order (the scheduler of [Depot]'s depot,
 * IPVS rr).
 */
class RoundRobinScheduler : public DepotScheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    int32_t Select(const std::vector<DepotProxy>& proxies, const Flow& flow) override;

  private:
    uint32_t m_next{0}; //!< where the next search starts
};

} // namespace ns3

#endif // ROUND_ROBIN_SCHEDULER_H
