/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef IDLE_TIMER_H
#define IDLE_TIMER_H

#include "ns3/event-id.h"
#include "ns3/nstime.h"

#include <functional>

namespace ns3
{

/**
 * \ingroup web-proxy
 * An idle timeout for a connection that turns busy and idle at every request. A cancelled
 * ns-3 event stays in the scheduler until its time, so re-arming a plain event per request
 * would leave one dead event per request; this timer keeps at most one event and moves its
 * deadline lazily: an early expiry of a re-armed timer just schedules the rest.
 */
class IdleTimer
{
  public:
    IdleTimer() = default;
    /// Cancels the pending event: it would otherwise call a timer that no longer exists
    /// (owners that go away without Cancel(), e.g. a transaction ended by its client).
    ~IdleTimer();
    /// Not copied or moved: the pending event holds this timer's address.
    IdleTimer(const IdleTimer&) = delete;
    /// Not copied or moved: the pending event holds this timer's address.
    IdleTimer& operator=(const IdleTimer&) = delete;

    /// \param expire called when the connection has been idle for the timeout
    void SetFunction(std::function<void()> expire);

    /**
     * The connection is idle from now on.
     * \param timeout how long it may stay idle; zero or negative: forever
     */
    void Start(Time timeout);

    /// The connection is busy: the timeout does not run.
    void Stop();

    /// Cancel the pending event (the connection is going away).
    void Cancel();

  private:
    void Expire();

    std::function<void()> m_expire;
    EventId m_event;
    Time m_deadline;
    bool m_armed{false};
};

} // namespace ns3

#endif // IDLE_TIMER_H
