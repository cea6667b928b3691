/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PLACEMENT_RESULT_H
#define PLACEMENT_RESULT_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * What a placement algorithm chose, and the cost curve that led there.
 */
struct PlacementResult
{
    std::string algorithm;         //!< "greedy", "hotspot", "random", "exact", "local-search"
    std::vector<uint32_t> proxies; //!< chosen node indices, in the order placed
    /// curve[i]: placement cost with i proxies (curve[0]: no proxy). Greedy, HotSpot and
    /// Random: the first i proxies of the list; Exact and LocalSearch: their answer for k = i.
    std::vector<double> curve;
    double baseline{0};   //!< cost without proxies
    double cost{0};       //!< cost of the placement
    double lowerBound{0}; //!< a proven lower bound on the optimum for this k (Exact), else 0
    bool optimal{false};  //!< proven optimal (Exact within its node limit)
    double seconds{0};    //!< CPU time of the algorithm, s

    /// \return 1 - cost / baseline (0 when the baseline is 0)
    double GetImprovement() const
    {
        return baseline > 0 ? 1.0 - cost / baseline : 0.0;
    }
};

} // namespace ns3

#endif // PLACEMENT_RESULT_H
