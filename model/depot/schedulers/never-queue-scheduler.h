/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NEVER_QUEUE_SCHEDULER_H
#define NEVER_QUEUE_SCHEDULER_H

#include "depot-scheduler.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Never queue (IPVS nq): the first available proxy without active sessions, else the
 * shortest-expected-delay choice.
 */
class NeverQueueScheduler : public DepotScheduler
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

#endif // NEVER_QUEUE_SCHEDULER_H
