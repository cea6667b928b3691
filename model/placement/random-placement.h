/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RANDOM_PLACEMENT_H
#define RANDOM_PLACEMENT_H

#include "placement-algorithm.h"

#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Qiu, Padmanabhan and Voelker's Random: k distinct sites drawn uniformly (a random
 * permutation of the candidates, Fisher-Yates, of which the first k are taken). All draws come
 * from an ns-3 UniformRandomVariable, the caller's or one of its own (AssignStreams).
 */
class RandomPlacement : public PlacementAlgorithm
{
  public:
    /**
     * \param rng the stream to draw from; null: a new UniformRandomVariable
     */
    explicit RandomPlacement(Ptr<UniformRandomVariable> rng = nullptr);

    std::string GetName() const override;
    bool IsNested() const override;

    /**
     * Fix the stream of the algorithm's own random variable.
     * \param stream first stream number
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    PlacementResult DoPlace(const PlacementProblem& problem,
                            uint32_t k,
                            double target) const override;

  private:
    Ptr<UniformRandomVariable> m_rng; //!< the draws
};

} // namespace ns3

#endif // RANDOM_PLACEMENT_H
