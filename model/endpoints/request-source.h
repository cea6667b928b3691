/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef REQUEST_SOURCE_H
#define REQUEST_SOURCE_H

#include "web-request.h"

#include "ns3/object.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * A stream of requests for one WebClient. Implementations: FixedRequestSource (a list);
 * synthetic workload generators and trace readers plug in here.
 */
class RequestSource : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * Produce the next request.
     * \param[out] request filled in when a request is available
     * \return false when the stream is exhausted
     */
    virtual bool Next(WebRequest& request) = 0;

    /**
     * Assign fixed random variable streams to the source's random variables.
     * \param stream first stream index to use
     * \return the number of streams used
     */
    virtual int64_t AssignStreams(int64_t stream);
};

} // namespace ns3

#endif // REQUEST_SOURCE_H
