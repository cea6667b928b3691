/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PROCESSING_QUEUE_H
#define PROCESSING_QUEUE_H

#include "ns3/event-id.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <map>

namespace ns3
{

/**
 * \ingroup web-proxy
 * The CPU of a server as a FIFO queue served by a number of workers: each job holds one
 * worker for its cost, then runs its continuation. It is how a proxy (or any box) turns per
 * request processing times into queueing delay and, past its capacity, overload.
 */
class ProcessingQueue
{
  public:
    /// A job's continuation.
    using Job = std::function<void()>;

    ProcessingQueue();
    ~ProcessingQueue();

    /// \param n jobs served at once (at least 1)
    void SetWorkers(uint32_t n);
    /// \param n jobs allowed to wait; 0: no limit
    void SetQueueLimit(uint32_t n);

    /**
     * Submit a job. A zero-cost job with a free worker runs at once, inside this call.
     * \param cost processing time
     * \param job run when done
     * \return a ticket for Cancel, 0 if the job already ran, or -1 (as uint64_t max) when the
     * queue was full and the job was dropped
     */
    uint64_t Submit(Time cost, Job job);

    /**
     * Forget a job that has not run yet (its owner went away).
     * \param ticket what Submit returned
     */
    void Cancel(uint64_t ticket);

    /// Forget every job.
    void Clear();

    /// \return jobs waiting for a worker
    uint32_t GetQueued() const;
    /// \return workers busy
    uint32_t GetBusy() const;
    /// \return jobs dropped because the queue was full
    uint64_t GetDropped() const;
    /// \return the number of workers
    uint32_t GetWorkers() const;
    /// \return worker time spent busy since creation (summed over workers)
    Time GetBusyTime() const;
    /**
     * \return jobs in the system (busy + queued) integrated over time since creation; its
     * increase over an interval divided by the interval and the workers is a load average
     */
    Time GetJobTime() const;

    /// Ticket returned for a dropped job.
    static constexpr uint64_t DROPPED = UINT64_MAX;

  private:
    /// A job and its cost.
    struct Entry
    {
        Time cost; //!< processing time
        Job job;   //!< continuation
    };

    void Start(uint64_t ticket, Entry e);
    void Done(uint64_t ticket);
    void StartWaiting();
    /// Integrate busy and queued jobs up to now (before any change of either).
    void Account();

    uint32_t m_workers{1};
    uint32_t m_limit{0};
    uint64_t m_next{1};
    uint64_t m_dropped{0};
    Time m_accountedAt;  //!< integrals valid up to here
    Time m_busyIntegral; //!< busy workers x time
    Time m_jobsIntegral; //!< (busy + queued) x time
    std::deque<std::pair<uint64_t, Entry>> m_waiting;
    std::map<uint64_t, std::pair<EventId, Job>> m_running;
};

} // namespace ns3

#endif // PROCESSING_QUEUE_H
