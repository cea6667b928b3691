/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef APPLICATION_STREAMS_H
#define APPLICATION_STREAMS_H

#include "ns3/application-container.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Call AssignStreams on every application of type T in a container, giving each the next
 * free streams, as the module's helpers' AssignStreams do.
 * \param apps the applications
 * \param stream first stream index
 * \return the number of streams used
 */
template <class T>
int64_t
AssignApplicationStreams(ApplicationContainer apps, int64_t stream)
{
    int64_t used = 0;
    for (auto i = apps.Begin(); i != apps.End(); ++i)
    {
        if (Ptr<T> app = DynamicCast<T>(*i))
        {
            used += app->AssignStreams(stream + used);
        }
    }
    return used;
}

} // namespace ns3

#endif // APPLICATION_STREAMS_H
