/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef POLICY_ADVISOR_H
#define POLICY_ADVISOR_H

#include "placement-problem.h"

#include "ns3/trace-record.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * [ProxyTeller]'s per-proxy choice of a replacement policy: each policy's byte hit ratio
 * for a proxy's workload and cache size, measured by the trace-driven CacheSimulator
 * (model/cache), and the policy with the highest one. [ProxyTeller] looks the byte hit ratio
 * up in a table indexed by cache size and Zipf theta; here it is simulated on the trace
 * itself, which is what such a table summarises.
 *
 * The byte hit ratios then become the proxies' h in the placement cost (Apply).
 */
class PolicyAdvisor
{
  public:
    /// One policy's figures.
    struct Score
    {
        std::string policy;     //!< policy name
        double byteHitRatio{0}; //!< hit bytes / bytes
        double hitRatio{0};     //!< hits / requests
    };

    /// The figures for one proxy site and the policy chosen.
    struct Advice
    {
        std::vector<Score> scores; //!< one per policy, in the advisor's order
        std::string best;          //!< highest byte hit ratio (first on ties; "" without requests)
        double byteHitRatio{0};    //!< its byte hit ratio
        uint64_t requests{0};      //!< requests simulated
        uint64_t bytes{0};         //!< body bytes the clients received
    };

    /**
     * \param cacheBytes every proxy's cache size
     * \param policies CreateReplacementPolicy names; default [ProxyTeller]'s four
     * \throws std::invalid_argument for an unknown policy, an empty list or a zero size
     */
    explicit PolicyAdvisor(uint64_t cacheBytes,
                           const std::vector<std::string>& policies
                           = {"LRU", "CSP", "GDS1", "GDSLAT"});

    /**
     * How a client's reload (a no-cache request) of a cached object counts
     * (CacheSimulator::SetRevalidateNoCache). The default, true, is ProxyCache's own default
     * (RevalidateNoCache): the proxy revalidates its copy, so the reload is a hit when the
     * object did not change. Set it to the proxies' attribute.
     * \param revalidate true: reloads revalidate the cached copy; false: they are uncachable
     */
    void SetRevalidateNoCache(bool revalidate);

    /**
     * Simulate one workload.
     * \param trace the requests, in time order
     * \param missCost fetch cost of a miss for GDSLAT and CSP (e.g. the proxy's latency to
     *        the origin, s)
     * \return the advice
     */
    Advice Evaluate(const std::vector<TraceRecord>& trace, double missCost = 1.0) const;

    /**
     * Simulate each node's workload, with the latency from the node to the origin as the
     * miss cost (ms / 1000 when the problem's metric is latency, else 1).
     * \param traces one trace per node (empty: no advice, byte hit ratio 0)
     * \param problem the placement instance
     * \return one advice per node
     * \throws std::invalid_argument when traces and nodes differ in number
     */
    std::vector<Advice> EvaluatePerNode(const std::vector<std::vector<TraceRecord>>& traces,
                                        const PlacementProblem& problem) const;

    /**
     * Each proxy's advice on the workload it will really serve. EvaluatePerNode judges a
     * proxy by its own node's requests, but the proxy's cache sees the requests of every node
     * assigned to it, and objects the nodes share hit more often: in a check on Abilene
     * (proxy-placement --simulate) the proxies served about three times the bytes that the
     * per-node ratios predicted. So: assign the nodes as if every proxy were a full replica
     * (h = 1; PlacementProblem::Assign), simulate each proxy on the requests of its nodes
     * merged in time order (miss cost as EvaluatePerNode's, from the proxy's node), set the
     * proxies' byte hit ratios, assign again with them, and repeat until the assignment no
     * longer changes or after rounds rounds.
     * \param traces one trace per node, each in time order
     * \param advice the per-node advice (EvaluatePerNode) the problem holds
     * \param proxies the proxies' nodes
     * \param problem the instance: its proxies' hit ratios are set
     * \param rounds most rounds (at least 1)
     * \return the advice with the proxies' entries replaced (the other nodes' unchanged)
     * \throws std::invalid_argument when traces or advice and nodes differ in number
     */
    std::vector<Advice> EvaluateAssigned(const std::vector<std::vector<TraceRecord>>& traces,
                                         std::vector<Advice> advice,
                                         const std::vector<uint32_t>& proxies,
                                         PlacementProblem& problem,
                                         uint32_t rounds = 5) const;

    /**
     * Split a trace into per-node workloads: client c belongs to node c mod nodes.
     * \param trace the requests \param nodes number of nodes (> 0)
     * \return one trace per node
     */
    static std::vector<std::vector<TraceRecord>> SplitByClient(
        const std::vector<TraceRecord>& trace, uint32_t nodes);

    /**
     * Set each node's byte hit ratio in the problem to its best policy's.
     * \param advice one per node \param problem the instance
     */
    static void Apply(const std::vector<Advice>& advice, PlacementProblem& problem);

    /// \return the policies compared
    const std::vector<std::string>& GetPolicies() const;

  private:
    uint64_t m_cacheBytes;               //!< cache size
    std::vector<std::string> m_policies; //!< policies compared
    bool m_revalidateNoCache{true};      //!< see SetRevalidateNoCache
};

} // namespace ns3

#endif // POLICY_ADVISOR_H
