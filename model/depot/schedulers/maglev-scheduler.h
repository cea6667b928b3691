/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef MAGLEV_SCHEDULER_H
#define MAGLEV_SCHEDULER_H

#include "depot-scheduler.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Maglev consistent hashing (Eisenbud et al., NSDI 2016, section 3.4): each available proxy
 * has a permutation of the M table slots (offset = h1(name) mod M, skip = h2(name) mod (M-1)
 * + 1, with the proxy's address:port as its name); proxies take turns claiming their next
 * free preferred slot until the table is full. A session's 4-tuple hash picks a slot. Every
 * depot with the same pool builds the same table, so sessions need no state sync; a proxy
 * going down moves only few keys of the others.
 */
class MaglevScheduler : public DepotScheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    int32_t Select(const std::vector<DepotProxy>& proxies, const Flow& flow) override;
    void Update(const std::vector<DepotProxy>& proxies) override;

    /// \return the lookup table (proxy index per slot, -1 if no proxy is available)
    const std::vector<int32_t>& GetTable() const;

    /**
     * \param flow a session
     * \return its slot
     */
    uint32_t Slot(const Flow& flow) const;

  private:
    /**
     * Check the table size attribute.
     * \param size M
     */
    void SetTableSize(uint32_t size);

    uint32_t m_size{65537};       //!< M (prime)
    std::vector<int32_t> m_table; //!< slot -> proxy
};

} // namespace ns3

#endif // MAGLEV_SCHEDULER_H
