/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROCKETFUEL_MAP_BACKBONE_READER_H
#define ROCKETFUEL_MAP_BACKBONE_READER_H

#include "backbone-reader.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Rocketfuel's router-level ISP maps (Spring, Mahajan and Wetherall), the ".cch" files that
 * ns-3's RocketfuelTopologyReader reads. One router a line (Rocketfuel's README.cch):
 *
 * \verbatim
     UID @LOCATION [+] [bb] (NEIGHBOURS) [&EXTERNAL] -> <UID>... {-EUID}... =NAME rN
   \endverbatim
 *
 * and one external router a line, "-EUID =NAME rN" (routers of other ISPs, skipped as ns-3
 * skips them). Each internal router becomes a node named "LOCATION#UID" (the location
 * without its '@'); each neighbour UID in angle brackets a link to that router, both
 * directions of a link being one link. The maps have no latencies and no coordinates (a
 * location is a city name): every link gets 1 ms and weight 1, so distances are hop counts,
 * noted once in GetWarnings().
 *
 * Errors (TopologyFormatError, file and line): a line of neither form, a count in
 * parentheses or after '&' that differs from the neighbour or external entries that
 * follow, a UID defined twice, and a neighbour UID that no line of the file defines (named
 * with the line that refers to it). A router listing itself is skipped with a warning.
 */
class RocketfuelMapBackboneReader : public BackboneReader
{
  public:
    std::string GetFormatName() const override;
    BackboneGraph Read(std::istream& in, const std::string& name) const override;

    /**
     * \param line a non-comment line
     * \return true when it starts as a .cch line does: an integer UID, then a field that
     *         begins with '@' (internal router) or '=' (external router)
     */
    static bool LooksLikeMapLine(const std::string& line);
};

} // namespace ns3

#endif // ROCKETFUEL_MAP_BACKBONE_READER_H
