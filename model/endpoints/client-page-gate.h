/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CLIENT_PAGE_GATE_H
#define CLIENT_PAGE_GATE_H

#include "web-request.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief A WebClient's pages: holds the requests embedded in a page until its base has
 * ended, or (Parsed) until the part of the base's body that names them has arrived, as a
 * browser learns of the embedded objects from the base's body.
 *
 * The base of an embedded request is the client's last request not marked embedded. Bounded
 * by the client's requests in flight (MaxOutstanding): each held request took a slot.
 */
class ClientPageGate
{
  public:
    /// How a page's base ended, for the requests embedded in it.
    enum class Base
    {
        PENDING,   //!< under way: its embedded requests wait
        COMPLETED, //!< ended without failing (or no base yet): they are issued
        FAILED,    //!< failed: they fail (a base the user aborted counts as COMPLETED)
    };

    /**
     * \brief A request is about to be issued.
     * \param request the request; moved into the gate when it has to wait
     * \param nextId the id the client gives its next request
     * \param[out] base how its page's base ended (COMPLETED for a base)
     * \return false when the gate keeps it until its base ends
     */
    bool Admit(WebRequest& request, uint64_t nextId, Base& base);

    /**
     * \brief A request ended.
     * \param id the request
     * \param base how it ended (not PENDING)
     * \return the requests embedded in its page that waited for it, in issue order
     */
    std::vector<WebRequest> Ended(uint64_t id, Base base);

    /**
     * \brief Body bytes of a base arrived: the requests embedded in it whose place in the body
     * has arrived. The k-th of the n requests held or released for the base goes out once
     * k/(n+1) of the body has arrived, as a browser requests each inline object when it
     * parses its tag, the tags spread evenly through the body.
     * \param id the base
     * \param received body bytes received so far
     * \param total body bytes announced (0: unknown, none goes out before the base ends)
     * \return the requests to issue now, in issue order
     */
    std::vector<WebRequest> Parsed(uint64_t id, uint64_t received, uint64_t total);

    /**
     * \brief Take every waiting request out of the gate (the client stops: they fail).
     * \return the requests, in issue order
     */
    std::vector<WebRequest> TakeHeld();

    /// \brief Forget the waiting requests (the client is disposed of).
    void Clear();

  private:
    uint64_t m_base{0};            //!< id of the last base
    Base m_state{Base::COMPLETED}; //!< how it ended
    uint64_t m_parsed{0};          //!< requests of the last base released by Parsed
    std::vector<std::pair<uint64_t, WebRequest>> m_held; //!< (base id, embedded request)
};

} // namespace ns3

#endif // CLIENT_PAGE_GATE_H
