/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEB_CLIENT_COUNTERS_H
#define WEB_CLIENT_COUNTERS_H

#include "request-record.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup web-proxy
 * What a WebClient counts. Every request ends exactly once, as completed, failed or aborted,
 * so completed + failed + aborted is the number of requests that ended.
 */
struct WebClientCounters
{
    uint64_t completed{0};        //!< a 1xx-3xx response received whole
    uint64_t failed{0};           //!< connection failure, ResponseTimeout, 4xx/5xx response
    uint64_t aborted{0};          //!< given up by the user
    uint64_t responseTimeouts{0}; //!< of the failed: peer silent for ResponseTimeout
    uint64_t connections{0};      //!< TCP connections opened
    uint64_t connectRetries{0};   //!< connection attempts repeated after a failed one
    uint64_t connectTimeouts{0};  //!< connection attempts given up after ConnectTimeout

    /**
     * \brief Count a request that ended.
     * \param r its final record
     */
    void CountEnded(const RequestRecord& r);

    /// \return requests that ended (completed, failed or aborted)
    uint64_t GetEnded() const;
};

} // namespace ns3

#endif // WEB_CLIENT_COUNTERS_H
