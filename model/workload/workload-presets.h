/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WORKLOAD_PRESETS_H
#define WORKLOAD_PRESETS_H

#include "ns3/string.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief The SyntheticWorkload presets as data: attribute values by preset name.
 *
 * The presets are calibrated to [PROXIM]'s two populations: "modem" (AT&T WorldNet dial-up
 * users) and "research" (AT&T Labs-Research LAN). Every attribute a preset sets is listed for
 * all presets, so that switching presets is complete; Requests and Objects (the trace shape)
 * are left to the user. The modem preset is also the attribute default. doc/models/workload.rst
 * explains each value.
 */
class WorkloadPresets
{
  public:
    /// Attribute values of one preset, by attribute name.
    using Preset = std::map<std::string, std::string>;

    /// \return the preset names, in alphabetical order
    static std::vector<std::string> GetNames();

    /**
     * \brief Look a preset up.
     * \param name a preset name
     * \return its attribute values, or nullptr for an unknown name
     */
    static const Preset* Find(const std::string& name);

    /**
     * \brief The response statuses of a proxy's traffic, which the presets leave out: 304,
     * redirect and error shares (NotModifiedProbability, RedirectProbability,
     * ErrorProbability).
     *
     * The presets are calibrated to [PROXIM]'s hit ratios without bodiless responses; with
     * these on, a trace's infinite-cache hit ratios are lower (doc/models/workload.rst,
     * "Response statuses").
     * \return the attribute values
     */
    static const Preset& GetResponseStatuses();

    /**
     * \brief The default of a SyntheticWorkload attribute: its modem preset value.
     * \param attribute the attribute name (fatal if the modem preset does not set it)
     * \return the value
     */
    static StringValue GetDefault(const std::string& attribute);
};

} // namespace ns3

#endif // WORKLOAD_PRESETS_H
