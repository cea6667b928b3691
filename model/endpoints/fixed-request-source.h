/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FIXED_REQUEST_SOURCE_H
#define FIXED_REQUEST_SOURCE_H

#include "request-source.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A request source that replays a fixed list of requests, optionally several times.
 */
class FixedRequestSource : public RequestSource
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * Append a request to the list.
     * \param request the request
     */
    void Add(const WebRequest& request);

    /// \return the number of requests in the list
    size_t GetSize() const;

    bool Next(WebRequest& request) override;

  private:
    std::vector<WebRequest> m_requests;
    size_t m_next{0};
    uint32_t m_rounds{1}; //!< times the list is replayed
    uint32_t m_round{0};
};

} // namespace ns3

#endif // FIXED_REQUEST_SOURCE_H
