/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "backbone-sites.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("BackboneSites");

BackboneSites::Error::Error(const std::string& setting,
                            const std::string& problem,
                            const std::string& allowed)
    : std::invalid_argument(problem)
    , m_setting(setting)
    , m_allowed(allowed)
{}

const std::string&
BackboneSites::Error::GetSetting() const
{
    return m_setting;
}

const std::string&
BackboneSites::Error::GetAllowed() const
{
    return m_allowed;
}

uint32_t
BackboneSites::Pick(const BackboneGraph& graph,
                    const std::string& setting,
                    const std::string& name,
                    uint32_t byDefault)
{
    if (name.empty())
    {
        return byDefault;
    }
    const int64_t i = graph.FindNode(name);
    if (i < 0)
    {
        throw Error(setting, "no such PoP in " + graph.GetName(), "a node name of the topology");
    }
    return uint32_t(i);
}

BackboneSites::BackboneSites(const BackboneGraph& graph, const Request& request)
{
    const uint32_t n = graph.GetNodeCount();
    if (request.depotSites == 0)
    {
        throw Error("depotSites", "no depot site", "at least 1");
    }
    if (n < 4)
    {
        throw Error("topology",
                    "no fourth PoP for the intercepted population",
                    "a backbone of at least 4 PoPs");
    }
    std::vector<uint32_t> byDemand(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        byDemand[i] = i;
    }
    std::stable_sort(byDemand.begin(),
                     byDemand.end(),
                     [&](uint32_t a, uint32_t b)
                     { return graph.GetNode(a).demand > graph.GetNode(b).demand; });
    m_lan = Pick(graph, "lanPop", request.lanPop, byDemand[0]);
    m_modem = Pick(
        graph, "modemPop", request.modemPop, byDemand[0] == m_lan ? byDemand[1] : byDemand[0]);
    std::vector<uint32_t> degree(n, 0);
    for (const auto& l : graph.GetLinks())
    {
        ++degree[l.a];
        ++degree[l.b];
    }
    uint32_t bestEdge = n;
    for (uint32_t i = 0; i < n; ++i)
    {
        if (i != m_lan && i != m_modem && (bestEdge == n || degree[i] > degree[bestEdge]))
        {
            bestEdge = i;
        }
    }
    m_edge = Pick(graph, "edgePop", request.edgePop, bestEdge);
    if (m_lan == m_modem || m_edge == m_lan || m_edge == m_modem)
    {
        throw Error("edgePop",
                    "the edge, modem and LAN PoPs are not three different PoPs",
                    "three different PoPs");
    }
    uint32_t bestIntercept = n;
    for (uint32_t i : byDemand)
    {
        if (i != m_lan && i != m_modem && i != m_edge)
        {
            bestIntercept = i;
            break;
        }
    }
    m_intercept = Pick(graph, "interceptPop", request.interceptPop, bestIntercept);
    if (m_intercept == m_lan || m_intercept == m_modem || m_intercept == m_edge)
    {
        throw Error("interceptPop", "the edge's, modem pool's or LAN's PoP", "another PoP");
    }
    m_depot = {m_lan};
    for (uint32_t i : byDemand)
    {
        if (m_depot.size() < request.depotSites && i != m_lan && i != m_modem && i != m_edge
            && i != m_intercept)
        {
            m_depot.push_back(i);
        }
    }
    if (m_depot.size() != request.depotSites)
    {
        throw Error("depotSites",
                    "more than the PoPs left beside the edge, modem pool and intercepted "
                    "population",
                    "at most " + std::to_string(m_depot.size()));
    }
    NS_LOG_INFO("LAN " << graph.GetNode(m_lan).name << ", modem pool "
                       << graph.GetNode(m_modem).name << ", edge " << graph.GetNode(m_edge).name
                       << ", intercepted " << graph.GetNode(m_intercept).name << ", "
                       << m_depot.size() << " depot sites");
}

uint32_t
BackboneSites::GetLanPop() const
{
    return m_lan;
}

uint32_t
BackboneSites::GetModemPop() const
{
    return m_modem;
}

uint32_t
BackboneSites::GetEdgePop() const
{
    return m_edge;
}

uint32_t
BackboneSites::GetInterceptPop() const
{
    return m_intercept;
}

const std::vector<uint32_t>&
BackboneSites::GetDepotPops() const
{
    return m_depot;
}

} // namespace ns3
