/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-header-check.h"

#include "ns3/packet.h"

#include <cstdint>

namespace ns3
{

bool
TcpHeaderCheck::IsReadable(Ptr<const Packet> segment)
{
    uint8_t h[60];
    const uint32_t copied = segment->CopyData(h, sizeof(h));
    const uint32_t length = copied >= 13 ? (h[12] >> 4) * 4u : 0;
    if (length < 20 || length > copied)
    {
        return false;
    }
    for (uint32_t i = 20; i < length;)
    {
        const uint8_t kind = h[i];
        if (kind == 0)
        {
            return true; // end of the option list
        }
        if (kind == 1)
        {
            ++i; // no operation
            continue;
        }
        const uint32_t n = i + 1 < length ? h[i + 1] : 0;
        const bool fits = n >= 2 && i + n <= length;
        const bool sized = (kind != 2 || n == 4) && (kind != 3 || n == 3) && (kind != 4 || n == 2)
                        && (kind != 5 || (n - 2) % 8 == 0) && (kind != 8 || n == 10);
        if (!fits || !sized)
        {
            return false;
        }
        i += n;
    }
    return true;
}

} // namespace ns3
