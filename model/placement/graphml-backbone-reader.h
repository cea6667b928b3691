/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef GRAPHML_BACKBONE_READER_H
#define GRAPHML_BACKBONE_READER_H

#include "backbone-reader.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * GraphML as the Internet Topology Zoo writes it. Attribute keys are declared per file
 * ("<key id=... for=node attr.name=Latitude>"), so data elements are matched through their
 * key's attr.name: node "label" (name; a missing or repeated label becomes "label#id"),
 * "Latitude", "Longitude", "demand"; edge "latency" or "delay" (ms) and "weight". A link
 * without a latency gets the great-circle distance between its ends over fibre
 * (BackboneGraph::GeoLatencyMs); when an end has no position, the mean of the graph's
 * computed latencies (1 ms if none), noted in GetWarnings(). Edges are undirected whatever
 * edgedefault says. Malformed XML is an error naming the parser's line; an edge naming an
 * unknown node is an error naming the edge (boost::property_tree keeps no element lines).
 */
class GraphmlBackboneReader : public BackboneReader
{
  public:
    std::string GetFormatName() const override;
    BackboneGraph Read(std::istream& in, const std::string& name) const override;
};

} // namespace ns3

#endif // GRAPHML_BACKBONE_READER_H
