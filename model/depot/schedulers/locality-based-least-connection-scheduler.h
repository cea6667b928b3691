/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LOCALITY_BASED_LEAST_CONNECTION_SCHEDULER_H
#define LOCALITY_BASED_LEAST_CONNECTION_SCHEDULER_H

#include "weighted-least-connection-scheduler.h"

#include "ns3/nstime.h"

#include <unordered_map>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Locality-based least connections (IPVS lblc, for cache clusters): each destination address
 * keeps going to the proxy it was last assigned to, so that a proxy caches the objects of
 * "its" servers. A destination gets a new proxy (weighted least connections) when it has none,
 * when its proxy is unavailable, when the assignment was unused for longer than Expiration,
 * or when its proxy is overloaded: more active sessions than its weight while another proxy
 * has fewer than half its weight (IPVS's test). The destination is the flow's virtual
 * address: with one VIP every session goes to one proxy until it is overloaded.
 */
class LocalityBasedLeastConnectionScheduler : public WeightedLeastConnectionScheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    int32_t Select(const std::vector<DepotProxy>& proxies, const Flow& flow) override;

    /// \return destinations with an assignment
    size_t GetTableSize() const;

  private:
    /// A destination's proxy and when the assignment was last used.
    struct Assignment
    {
        uint32_t proxy; //!< proxy index
        Time lastUse;   //!< last Select that returned it
    };

    /**
     * \param proxies the pool
     * \param i a proxy
     * \return true if i is overloaded and another proxy is lightly loaded
     */
    static bool Overloaded(const std::vector<DepotProxy>& proxies, uint32_t i);

    Time m_expiration;                                //!< unused assignments are forgotten
    std::unordered_map<uint32_t, Assignment> m_table; //!< by destination address
};

} // namespace ns3

#endif // LOCALITY_BASED_LEAST_CONNECTION_SCHEDULER_H
