/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PLACEMENT_MEASUREMENT_H
#define PLACEMENT_MEASUREMENT_H

#include "ns3/attribute.h"
#include "ns3/backbone-graph.h"
#include "ns3/nstime.h"
#include "ns3/placement-problem.h"
#include "ns3/policy-advisor.h"
#include "ns3/trace-record.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Measures at packet level what a placement predicts ([ProxyTeller]'s check, which the
 * paper could only make with its own analytic model).
 *
 * One Run() is one ns-3 simulation: the backbone built by ProxyPlacementHelper, the origin
 * servers (OriginFarmHelper) one short link beside the problem's origin node, proxies on the
 * given nodes, and on every backbone node a WebClient replaying that node's requests, through
 * the proxy ProxyPlacementHelper assigns it (or to the origin). It returns the figures that
 * correspond to the placement cost's terms:
 *   - bytes times link weight summed over every packet sent on a backbone link (the
 *     "bandwidth" metric, sum of w_v d(v, server) in bytes);
 *   - the byte-weighted mean request time (the "latency" metric weighs each node's distance
 *     by its bytes);
 *   - the body bytes clients received in responses served from a proxy's cache (X-Cache HIT
 *     or REFRESH_HIT, RequestRecord::cacheStatus) over all body bytes received
 *     (PlacementProblem::HitFraction).
 * Comparing the figures of a run without proxies and one with them gives the measured
 * improvement. Routes follow latency (ProxyPlacementHelper), so where the weight-shortest
 * path is not the latency-shortest one the bandwidth figure follows the latency route.
 */
class PlacementMeasurement
{
  public:
    /// What one simulation measured.
    struct Figures
    {
        double weightedBytes{0}; //!< bytes sent on backbone links times the link weight
        double byteSeconds{0};   //!< sum over completed requests of body bytes x request time, s
        double bodyBytes{0};     //!< body bytes of completed requests
        double hitBytes{0};      //!< body bytes received in responses served from a cache
        uint64_t completed{0};   //!< requests completed
        uint64_t failed{0};      //!< requests failed (counted apart, never as success)

        /// \return byteSeconds / bodyBytes (0 without bytes)
        double GetByteWeightedLatency() const
        {
            return bodyBytes > 0 ? byteSeconds / bodyBytes : 0;
        }

        /// \return hitBytes / bodyBytes (0 without bytes)
        double GetHitFraction() const
        {
            return bodyBytes > 0 ? hitBytes / bodyBytes : 0;
        }
    };

    /**
     * \param graph the backbone; must outlive this object
     * \param problem the instance placed (origin, assignment of nodes to proxies); must
     *        outlive this object
     */
    PlacementMeasurement(const BackboneGraph& graph, const PlacementProblem& problem);

    /**
     * Set an attribute of the backbone's point-to-point devices (e.g. DataRate; default
     * 1 Gbps).
     * \param name attribute name \param value its value
     */
    void SetLinkAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Set an attribute of the proxies (ProxyCache), e.g. CacheSize.
     * \param name attribute name \param value its value
     */
    void SetProxyAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param delay one-way delay between the origin node and the origin servers (default
     *        0.1 ms: the model puts the origin at its node)
     */
    void SetOriginDelay(Time delay);

    /**
     * \param timeout a client's response timeout (default 30 s); the simulation stops this
     *        long plus 10 s after the last request is issued, so every request ends
     */
    void SetResponseTimeout(Time timeout);

    /**
     * Run one simulation (and destroy it).
     * \param proxies the proxy sites (empty: no proxies)
     * \param perNode each backbone node's requests, in time order
     * \param advice policy advice by node (may be empty)
     * \param stream first RNG stream number for the origin servers
     * \return the figures
     * \throws std::invalid_argument when perNode and the graph differ in size
     */
    Figures Run(const std::vector<uint32_t>& proxies,
                const std::vector<std::vector<TraceRecord>>& perNode,
                const std::vector<PolicyAdvisor::Advice>& advice = {},
                int64_t stream = 0) const;

  private:
    /// One attribute setting.
    struct Setting
    {
        std::string name;                //!< attribute name
        Ptr<const AttributeValue> value; //!< its value
    };

    const BackboneGraph* m_graph;          //!< the backbone
    const PlacementProblem* m_problem;     //!< the instance
    std::vector<Setting> m_link;           //!< link device attributes
    std::vector<Setting> m_proxy;          //!< proxy attributes
    Time m_originDelay{MicroSeconds(100)}; //!< origin node - servers, one way
    Time m_timeout{Seconds(30)};           //!< client response timeout
};

} // namespace ns3

#endif // PLACEMENT_MEASUREMENT_H
