/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LOCAL_SEARCH_PLACEMENT_H
#define LOCAL_SEARCH_PLACEMENT_H

#include "placement-algorithm.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Vertex substitution (Teitz and Bart's interchange) started from Greedy: while some swap of
 * a placed proxy for an unplaced site lowers the cost, the best such swap is made. A pass
 * evaluates every swap in O(n^2) (not O(k n^2)): for each entering site q one sweep over the
 * nodes, with each node's best and second-best server, gives the cost change of removing
 * every placed proxy at once. The result is never worse than Greedy's for the same k.
 *
 * Each k starts from several placements and keeps the best local optimum: Greedy's first k,
 * the answer for k - 1 plus the best site to add, and on graphs of up to dropNodes nodes the
 * last k sites of a drop heuristic and Greedy seeded with each of the 16 best single sites.
 * The curve holds the answer for each k.
 */
class LocalSearchPlacement : public PlacementAlgorithm
{
  public:
    /**
     * \param maxPasses most swaps per start
     * \param dropNodes largest graph given the drop and seeded starts (the drop heuristic
     *        costs O(n^3))
     */
    explicit LocalSearchPlacement(uint32_t maxPasses = 10000, uint32_t dropNodes = 600);

    std::string GetName() const override;

    /**
     * Improve one placement by swaps.
     * \param problem the instance
     * \param proxies the start, improved in place
     * \return its cost
     */
    double Improve(const PlacementProblem& problem, std::vector<uint32_t>& proxies) const;

    /**
     * The drop heuristic's order: from every candidate placed, repeatedly remove the proxy
     * whose removal raises the cost least. O(n^3).
     * \param problem the instance
     * \return the candidates in the order removed, the one never removed last (so the last
     *         k form the drop heuristic's placement of k)
     */
    static std::vector<uint32_t> DropOrder(const PlacementProblem& problem);

  protected:
    PlacementResult DoPlace(const PlacementProblem& problem,
                            uint32_t k,
                            double target) const override;

  private:
    /// Seeded Greedy starts on small graphs (the best single sites)
    static constexpr uint32_t SEEDS = 16;

    /**
     * Each node's best and second-best server among the proxies and the origin (which
     * always serves), as Improve, DropOrder and BestAddition need them.
     * \param problem the instance \param proxies a placement
     * \param best receives each node's least serving cost
     * \param second receives its second least (infinity when only one server)
     * \param server receives the node's best server
     */
    static void NearestTwo(const PlacementProblem& problem,
                           const std::vector<uint32_t>& proxies,
                           std::vector<double>& best,
                           std::vector<double>& second,
                           std::vector<uint32_t>& server);

    /**
     * \param problem the instance \param proxies a placement
     * \return the unplaced candidate whose addition lowers the cost most
     */
    static uint32_t BestAddition(const PlacementProblem& problem,
                                 const std::vector<uint32_t>& proxies);

    uint32_t m_maxPasses; //!< most swaps per start
    uint32_t m_dropNodes; //!< largest graph given the drop start
};

} // namespace ns3

#endif // LOCAL_SEARCH_PLACEMENT_H
