/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_HEALTH_CHECKER_H
#define DEPOT_HEALTH_CHECKER_H

#include "ns3/depot-proxy.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class HttpParser;
class Node;
class Socket;

/**
 * \ingroup web-proxy
 * \brief The depot's health checks of its proxies (as HAProxy's).
 *
 * Every interval each proxy gets a TCP connect, or a connect and an HTTP GET whose answer must
 * have a 2xx or 3xx status. The checker only probes; what the results mean (Fall, Rise) is
 * DepotFailureDetector's job.
 */
class DepotHealthChecker
{
  public:
    /// How the checks run.
    struct Settings
    {
        Time interval;    //!< period of the rounds (0: no checks)
        Time timeout;     //!< a check fails when it has not succeeded by then
        bool http{false}; //!< an HTTP GET after the connect
        std::string path; //!< HTTP request target
        std::string host; //!< HTTP Host field
    };

    /// Called when a check ended: the proxy's index and whether the check succeeded.
    using ResultCallback = std::function<void(uint32_t, bool)>;

    DepotHealthChecker();
    ~DepotHealthChecker();

    DepotHealthChecker(const DepotHealthChecker&) = delete;
    DepotHealthChecker& operator=(const DepotHealthChecker&) = delete;

    /**
     * Start the rounds (the first one now) if the interval is positive.
     * \param node the node whose sockets check
     * \param proxies the pool
     * \param settings how
     * \param result called with each check's result
     */
    void Start(Ptr<Node> node,
               const std::vector<DepotProxy>* proxies,
               const Settings& settings,
               ResultCallback result);

    /// Stop the rounds and close the checks under way.
    void Stop();

    /// Release the sockets and parsers.
    void Dispose();

    /**
     * A standby depot does not check: it takes the proxies' states from the master, and
     * checks of its own would contradict them. The rounds keep their times; results of
     * checks under way are ignored while paused.
     * \param paused whether to check
     */
    void SetPaused(bool paused);

  private:
    /// Start a round.
    void Round();

    /**
     * A check's connection is up: done (TCP) or send the GET (HTTP).
     * \param index proxy
     */
    void Connected(uint32_t index);

    /**
     * Bytes of a check's HTTP answer.
     * \param index proxy
     * \param socket its socket
     */
    void Receive(uint32_t index, Ptr<Socket> socket);

    /**
     * A check ended.
     * \param index proxy
     * \param ok success
     */
    void Done(uint32_t index, bool ok);

    Ptr<Node> m_node;                                   //!< where the sockets live
    const std::vector<DepotProxy>* m_proxies{nullptr};  //!< the pool
    Settings m_settings;                                //!< how
    ResultCallback m_result;                            //!< where results go
    EventId m_event;                                    //!< next round
    std::vector<Ptr<Socket>> m_sockets;                 //!< per proxy, while a check runs
    std::vector<EventId> m_timers;                      //!< per proxy check timeout
    std::vector<std::unique_ptr<HttpParser>> m_parsers; //!< per proxy (HTTP checks)
    bool m_paused{false};                               //!< a standby's: no checks
};

} // namespace ns3

#endif // DEPOT_HEALTH_CHECKER_H
