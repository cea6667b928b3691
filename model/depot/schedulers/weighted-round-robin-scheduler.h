/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEIGHTED_ROUND_ROBIN_SCHEDULER_H
#define WEIGHTED_ROUND_ROBIN_SCHEDULER_H

#include "depot-scheduler.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Weighted round robin (IPVS wrr): in each round a proxy is chosen while its weight is at
 * least the round's current weight, which drops by the weights' gcd from the largest weight.
 * Weights 3,1,1 give the sequence 0,0,0,1,2 (0 is chosen in the rounds of weights 3, 2 and 1).
 */
class WeightedRoundRobinScheduler : public DepotScheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    int32_t Select(const std::vector<DepotProxy>& proxies, const Flow& flow) override;
    void Update(const std::vector<DepotProxy>& proxies) override;

  private:
    int32_t m_index{-1};   //!< last chosen proxy
    uint32_t m_current{0}; //!< current weight
    uint32_t m_max{0};     //!< largest weight of the available proxies
    uint32_t m_gcd{1};     //!< gcd of their weights
};

} // namespace ns3

#endif // WEIGHTED_ROUND_ROBIN_SCHEDULER_H
