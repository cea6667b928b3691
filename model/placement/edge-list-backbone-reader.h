/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef EDGE_LIST_BACKBONE_READER_H
#define EDGE_LIST_BACKBONE_READER_H

#include "backbone-reader.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * The module's own edge-list format, one statement a line ("#" starts a comment line):
 *
 *     node NAME [LAT LON] [DEMAND]
 *     edge A B LATENCY_MS [WEIGHT]
 *
 * Names have no white space. A node line has 0 to 3 numbers: one is the demand, two the
 * position (degrees), three the position and the demand (default 1). Every edge names two
 * declared nodes; LATENCY_MS may be "geo" (great-circle distance over fibre between the two
 * positioned nodes); WEIGHT defaults to 1. Anything else is a TopologyFormatError naming the
 * line.
 */
class EdgeListBackboneReader : public BackboneReader
{
  public:
    std::string GetFormatName() const override;
    BackboneGraph Read(std::istream& in, const std::string& name) const override;
};

} // namespace ns3

#endif // EDGE_LIST_BACKBONE_READER_H
