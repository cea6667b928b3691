/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_SCHEDULER_H
#define DEPOT_SCHEDULER_H

#include "depot-proxy.h"

#include "ns3/object.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Chooses the proxy of a new depot session. Proxies that are down or have weight 0 are
 * never chosen. Subclasses follow the IPVS schedulers of the same name.
 */
class DepotScheduler : public Object
{
  public:
    /// The new session.
    struct Flow
    {
        Ipv4Address client;  //!< client address
        uint16_t clientPort; //!< client port
        Ipv4Address vip;     //!< virtual IP
        uint16_t vport;      //!< virtual port
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \param proxies the pool
     * \param flow the new session
     * \return the index of the chosen proxy, or -1 if none can take it
     */
    virtual int32_t Select(const std::vector<DepotProxy>& proxies, const Flow& flow) = 0;

    /**
     * The pool changed (a proxy added, up or down, a weight changed). Called by the depot
     * before the next Select; schedulers with precomputed tables rebuild them here.
     * \param proxies the pool
     */
    virtual void Update(const std::vector<DepotProxy>& proxies);

    /**
     * \param p a proxy
     * \return true if it may get new sessions
     */
    static bool Available(const DepotProxy& p)
    {
        return p.up && p.weight > 0;
    }

    /**
     * IPVS connection overhead: active sessions weigh 256 inactive ones.
     * \param p a proxy
     * \return its overhead
     */
    static uint64_t Overhead(const DepotProxy& p)
    {
        return (static_cast<uint64_t>(p.activeSessions) << 8) + p.inactiveSessions;
    }
};

} // namespace ns3

#endif // DEPOT_SCHEDULER_H
