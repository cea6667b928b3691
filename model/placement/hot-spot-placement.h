/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HOT_SPOT_PLACEMENT_H
#define HOT_SPOT_PLACEMENT_H

#include "placement-algorithm.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Qiu, Padmanabhan and Voelker's HotSpot: sites are ranked by the demand generated in their
 * vicinity (the nodes within a radius of the site, the site included) and proxies go to the
 * top k, regardless of one another. Ties go to the lower index.
 */
class HotSpotPlacement : public PlacementAlgorithm
{
  public:
    /**
     * \param radius vicinity radius in the metric's units; negative: the problem's mean
     *        distance from a node to its nearest neighbour (about one link)
     */
    explicit HotSpotPlacement(double radius = -1);

    std::string GetName() const override;
    bool IsNested() const override;

  protected:
    PlacementResult DoPlace(const PlacementProblem& problem,
                            uint32_t k,
                            double target) const override;

  private:
    double m_radius; //!< vicinity radius, < 0: automatic
};

} // namespace ns3

#endif // HOT_SPOT_PLACEMENT_H
