/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CLIENT_WAIT_QUEUE_H
#define CLIENT_WAIT_QUEUE_H

#include "ns3/address.h"

#include <deque>
#include <functional>
#include <map>

namespace ns3
{

class ClientRequest;

/**
 * \ingroup web-proxy
 * \brief The requests of a WebClient waiting for a connection, first come first served per
 * peer (MaxConnectionsPerServer or MaxConnections reached).
 *
 * Bounded by the client's requests in flight (MaxOutstanding): a request is in at most one
 * queue, and leaves it when a connection frees up or the request ends.
 */
class ClientWaitQueue
{
  public:
    /**
     * \brief Queue a request behind the others for its peer.
     * \param p the request (its peer decides the queue)
     */
    void Push(ClientRequest* p);
    /**
     * \brief Take the first request waiting for a peer off its queue.
     * \param peer the peer
     * \return the request, or nullptr when none waits
     */
    ClientRequest* Pop(const Address& peer);
    /**
     * \brief Take the longest-waiting request (lowest id) at the head of a peer's queue that
     * may connect now; for a free client-wide connection slot (MaxConnections).
     * \param mayConnect whether a request for a peer may open a connection to it
     * \return the request, or nullptr when none qualifies
     */
    ClientRequest* PopFirst(const std::function<bool(const Address&)>& mayConnect);
    /**
     * \brief The request PopFirst would take, left in its queue.
     * \param mayConnect whether a request for a peer may open a connection to it
     * \return the request, or nullptr when none qualifies
     */
    ClientRequest* PeekFirst(const std::function<bool(const Address&)>& mayConnect) const;
    /**
     * \brief Take a request off its queue wherever it stands (it ended while waiting).
     * \param p the request
     */
    void Remove(ClientRequest* p);
    /// \brief Forget every waiting request.
    void Clear();

  private:
    std::map<Address, std::deque<ClientRequest*>> m_waiting; //!< per peer, in arrival order
};

} // namespace ns3

#endif // CLIENT_WAIT_QUEUE_H
