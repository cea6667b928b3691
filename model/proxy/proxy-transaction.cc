/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "proxy-transaction.h"

namespace ns3
{

ProxyTransaction::~ProxyTransaction()
{
    upstreamTimer.Cancel();
}

bool
ProxyTransaction::IsReleasable() const
{
    return !client && !upstream && waitTicket == 0 && cpuTicket == 0 && !icpWaiting;
}

} // namespace ns3
