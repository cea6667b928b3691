/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_STANDBY_SCHEDULER_H
#define DEPOT_STANDBY_SCHEDULER_H

#include "ns3/depot-scheduler.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief The scheduler of a hot backup's depot: it never decides, it repeats the master.
 *
 * While its depot is a hot backup, DepotStandbyMirror installs it in place of the depot's own
 * scheduler and, for each session the master opened, names the master's proxy (Follow) just
 * before it shows the depot the session's SYN. Any other Select gets no proxy: the backup
 * never opens a session the master did not open. At takeover the depot's own scheduler is
 * put back.
 */
class DepotStandbyScheduler : public DepotScheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// \param index the master's proxy for the next Select (once)
    void Follow(int32_t index);

    int32_t Select(const std::vector<DepotProxy>& proxies, const Flow& flow) override;

  private:
    int32_t m_next{-1}; //!< the master's decision for the next Select, -1: none
};

} // namespace ns3

#endif // DEPOT_STANDBY_SCHEDULER_H
