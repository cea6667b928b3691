/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SOURCE_HASH_SCHEDULER_H
#define SOURCE_HASH_SCHEDULER_H

#include "hash-table-scheduler.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Source hashing (IPVS sh): the client address picks a bucket of a static table.
 * The table has 256 buckets filled in list order, each available-or-not proxy repeated
 * `weight` times per turn (IPVS's table), so a proxy's share follows its weight and the
 * mapping does not change when another proxy goes down. A key whose bucket holds a proxy that
 * is down goes to the next bucket with an available proxy (IPVS's sh-fallback).
 */
class SourceHashScheduler : public HashTableScheduler
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

#endif // SOURCE_HASH_SCHEDULER_H
