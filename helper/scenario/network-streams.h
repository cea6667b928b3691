/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NETWORK_STREAMS_H
#define NETWORK_STREAMS_H

#include "ns3/node-container.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Give the random variables of ns-3's own network layers on these nodes fixed streams: ARP's
 * request jitter, global routing's ECMP choice and IPv6's (InternetStackHelper::AssignStreams),
 * and the backoff of every CSMA device (CsmaHelper::AssignStreams).
 *
 * Without it ns-3 numbers these streams automatically, in the order the variables are created.
 * A scenario stays reproducible, but any object that creates one more random variable earlier
 * (an application the user adds, a host that no longer runs global routing) moves every later
 * draw, and with it ARP timing and CSMA collisions across the whole network.
 * \param nodes the nodes (those without an Internet stack or CSMA device are skipped)
 * \param stream first stream index
 * \return the number of streams used
 */
int64_t AssignNetworkStreams(NodeContainer nodes, int64_t stream);

} // namespace ns3

#endif // NETWORK_STREAMS_H
