/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TOPOLOGY_FORMAT_ERROR_H
#define TOPOLOGY_FORMAT_ERROR_H

#include "ns3/trace-format-error.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief A malformed line of a topology file, or a topology file that cannot be read at all.
 *
 * The same error as a malformed trace line (file, line, problem; what() reads
 * "<file>:<line>: <problem>"), as its own type so that a caller can tell a bad topology
 * from a bad workload. Line 0: the file cannot be opened, its format cannot be told, or the
 * problem is one of the whole graph, such as a GraphML edge whose element line the XML
 * parser does not keep.
 */
class TopologyFormatError : public TraceFormatError
{
  public:
    using TraceFormatError::TraceFormatError;
};

} // namespace ns3

#endif // TOPOLOGY_FORMAT_ERROR_H
