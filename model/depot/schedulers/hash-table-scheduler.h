/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HASH_TABLE_SCHEDULER_H
#define HASH_TABLE_SCHEDULER_H

#include "depot-scheduler.h"

#include <array>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Base of the IPVS-style static hash schedulers (sh, dh): 256 buckets filled in list order,
 * each proxy with weight > 0 repeated `weight` times per turn, whether up or not, so that a
 * proxy going down moves only its own keys. Keys land on bucket (key * 2654435761) >> 24
 * (IPVS's multiplicative hash); a bucket whose proxy is unavailable passes the key on to the
 * next bucket with an available proxy.
 */
class HashTableScheduler : public DepotScheduler
{
  public:
    /// Buckets of the table.
    static constexpr uint32_t BUCKETS = 256;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    void Update(const std::vector<DepotProxy>& proxies) override;

    /**
     * \param key a 32-bit key
     * \return its bucket
     */
    static uint32_t Bucket(uint32_t key);

  protected:
    /**
     * \param proxies the pool
     * \param key the hashed key
     * \return the proxy of the key's bucket, or of the next one that is available; -1 if none
     */
    int32_t Lookup(const std::vector<DepotProxy>& proxies, uint32_t key) const;

  private:
    std::array<int32_t, BUCKETS> m_table{}; //!< proxy per bucket (-1: empty)
    bool m_built{false};                    //!< Update was called
};

} // namespace ns3

#endif // HASH_TABLE_SCHEDULER_H
