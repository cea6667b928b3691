/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TIME_IN_PLACE_H
#define TIME_IN_PLACE_H

#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief Sets an existing Time to a number of nanoseconds without constructing a Time.
 *
 * Why in ns3-ext: until the first Simulator::Run, ns-3 (3.37 and ns-3-dev alike) records
 * every live Time in a global std::set (Time::Mark, so that a later SetResolution can convert
 * them), and every constructor, NanoSeconds() included, pays an insertion and an erasure
 * there. A trace reader or the workload generator sets millions of Times before the
 * simulation starts, and this bookkeeping cost more than the parsing of a line. Copy
 * assignment and += do not mark, so Set zeroes the Time by assignment and adds the value byte
 * by byte from a table of d x 256^k ns built once (2,048 Times). With a resolution other
 * than nanoseconds (the table's values would not be exact) and for the one value whose
 * magnitude int64_t cannot hold, it falls back to NanoSeconds().
 */
class TimeInPlace
{
  public:
    /**
     * \brief Set a Time to a number of nanoseconds.
     * \param t the Time to set
     * \param ns nanoseconds (negative allowed)
     */
    static void Set(Time& t, int64_t ns);
};

} // namespace ns3

#endif /* TIME_IN_PLACE_H */
