/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "proxy-connection-counters.h"

#include <iomanip>

namespace ns3
{

void
ProxyConnectionCounters::PrintConnectionTable(std::ostream& os,
                                              const ServerConnectionPool::Counters& s) const
{
    auto pct = [](uint64_t a, uint64_t b)
    {
        return b ? 100.0 * a / b : 0.0;
    };
    auto ratio = [](uint64_t a, uint64_t b)
    {
        return b ? static_cast<double>(a) / b : 0.0;
    };
    os << std::fixed << std::setprecision(1);
    os << "max client conns " << maxClientConnections << ", max server conns " << s.maxOpen
       << ", % new conn to client " << pct(requestsOnNewClientConn, requests)
       << ", % new conn to server " << pct(newServerConn, requests) << "\nrequests per client conn "
       << ratio(requestsOnClosed, clientConnsClosed) << ", servers per client conn "
       << ratio(serversOnClosed, clientConnsClosed) << ", requests per server conn "
       << ratio(s.requestsOnClosed, s.closed) << ", clients per server conn "
       << ratio(s.usersOnClosed, s.closed) << "\n";
}

} // namespace ns3
