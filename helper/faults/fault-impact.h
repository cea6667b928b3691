/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FAULT_IMPACT_H
#define FAULT_IMPACT_H

#include "ns3/application-container.h"
#include "ns3/nstime.h"
#include "ns3/request-record.h"
#include "ns3/simple-ref-count.h"

#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * What each scheduled fault cost the clients: the failed requests that ended in its window.
 *
 * A fault's window runs from the fault until its repair plus a grace time (SetGrace): the
 * time a client needs to notice (its connect and response timeouts), so that a request that
 * was lost to the fault and timed out after the repair still counts against it. Where windows
 * overlap, a failure goes to the fault that began last. Failures outside every window are
 * counted apart, and so are those of requests failed by their client's stop ("application
 * stopped": the run ended, not a fault). Completed and aborted requests are not counted.
 *
 * Create it with Create<FaultImpact>(), add the windows (the times given to
 * FaultInjectionHelper) and Attach the clients before the run.
 */
class FaultImpact : public SimpleRefCount<FaultImpact>
{
  public:
    /// A fault's window and the failures in it.
    struct Window
    {
        std::string name;   //!< what failed, as printed
        Time from;          //!< the fault
        Time until;         //!< the repair
        uint64_t failed{0}; //!< failed requests that ended in the window
    };

    /**
     * \param name what failed (e.g. "proxy crash at Dallas")
     * \param from when the fault happens
     * \param until when it is repaired (not before from)
     */
    void AddWindow(const std::string& name, Time from, Time until);
    /// \param grace how long after a repair a failure still counts against the fault
    void SetGrace(Time grace);

    /**
     * Count the requests of these clients (WebClient trace source RequestComplete), each
     * at the simulated time it ends.
     * \param clients the client applications
     */
    void Attach(ApplicationContainer clients);
    /**
     * Count one request that ended at a given time (for records read back from a CSV).
     * \param r the request
     * \param end when it ended
     */
    void Add(const RequestRecord& r, Time end);

    /// \return the windows in the order added, with their failures
    const std::vector<Window>& GetWindows() const;
    /// \return failed requests outside every window (not counting the stopped ones)
    uint64_t GetFailedOutside() const;
    /// \return requests failed by their client's stop ("application stopped")
    uint64_t GetStopped() const;
    /// \return the grace time
    Time GetGrace() const;

    /**
     * Print the table of the windows and the line of failures outside them.
     * \param os the stream
     */
    void Print(std::ostream& os) const;

  private:
    /// RequestComplete sink: Add at the current time.
    void AddNow(const RequestRecord& r);

    std::vector<Window> m_windows;
    Time m_grace{Seconds(0)};
    uint64_t m_outside{0};
    uint64_t m_stopped{0};
};

} // namespace ns3

#endif // FAULT_IMPACT_H
