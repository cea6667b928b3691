/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ORBIS_BACKBONE_READER_H
#define ORBIS_BACKBONE_READER_H

#include "backbone-reader.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * The Orbis format, as ns-3's OrbisTopologyReader reads it: one link "FROM TO" a line. The format
 * has no latencies: every link gets 1 ms and weight 1 (distances are hop counts), which
 * GetWarnings() notes once. A line of more or fewer than two fields is an error.
 */
class OrbisBackboneReader : public BackboneReader
{
  public:
    std::string GetFormatName() const override;
    BackboneGraph Read(std::istream& in, const std::string& name) const override;
};

} // namespace ns3

#endif // ORBIS_BACKBONE_READER_H
