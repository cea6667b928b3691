/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ROCKETFUEL_BACKBONE_READER_H
#define ROCKETFUEL_BACKBONE_READER_H

#include "backbone-reader.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Rocketfuel's ISP maps (Spring, Mahajan and Wetherall), the "latencies.intra" and
 * "weights.intra" files: one directed link "FROM TO VALUE" a line, with both directions
 * listed. Read() takes a stream as a latencies file (weight 1); ReadFile() also takes a
 * directory, reading its latencies.intra (required) and weights.intra (optional; weights of
 * links absent from latencies.intra are ignored with a warning). The two directions of a link
 * become one link, with the smaller value when they differ (noted in GetWarnings()).
 */
class RocketfuelBackboneReader : public BackboneReader
{
  public:
    std::string GetFormatName() const override;
    BackboneGraph Read(std::istream& in, const std::string& name) const override;

    /**
     * \param weights true: a stream given to Read() is a weights file (latency 1 ms)
     */
    explicit RocketfuelBackboneReader(bool weights = false);

    BackboneGraph ReadFile(const std::string& path) const override;

  private:
    bool m_weights; //!< Read() parses weights, not latencies
};

} // namespace ns3

#endif // ROCKETFUEL_BACKBONE_READER_H
