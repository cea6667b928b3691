/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "web-client-counters.h"

namespace ns3
{

void
WebClientCounters::CountEnded(const RequestRecord& r)
{
    // Failed first: an error response is no completion, however many bytes it carried.
    if (r.failed)
    {
        ++failed;
    }
    else if (r.aborted)
    {
        ++aborted;
    }
    else
    {
        ++completed;
    }
}

uint64_t
WebClientCounters::GetEnded() const
{
    return completed + failed + aborted;
}

} // namespace ns3
