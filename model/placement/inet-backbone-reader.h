/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef INET_BACKBONE_READER_H
#define INET_BACKBONE_READER_H

#include "backbone-reader.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * The Inet generator's format, as ns-3's InetTopologyReader reads it: a line "N L", N node
 * lines "ID X Y" and L link lines "FROM TO W". X and Y are planar coordinates, not a
 * position on the Earth: they are not kept. W is taken as both the latency (ms) and the
 * weight. Fewer or more lines than the header declares, or a link to an undeclared node, is
 * an error.
 */
class InetBackboneReader : public BackboneReader
{
  public:
    std::string GetFormatName() const override;
    BackboneGraph Read(std::istream& in, const std::string& name) const override;
};

} // namespace ns3

#endif // INET_BACKBONE_READER_H
