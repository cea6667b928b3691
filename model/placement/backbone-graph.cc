/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "backbone-graph.h"

#include "ns3/log.h"

#include <boost/graph/connected_components.hpp>

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("BackboneGraph");

bool
BackboneNode::HasPosition() const
{
    return !std::isnan(latitude) && !std::isnan(longitude);
}

BackboneGraph::BackboneGraph(const std::string& name)
    : m_name(name)
{}

const std::string&
BackboneGraph::GetName() const
{
    return m_name;
}

uint32_t
BackboneGraph::AddNode(const std::string& name, double latitude, double longitude, double demand)
{
    if (name.empty())
    {
        throw std::invalid_argument("empty node name");
    }
    if (m_index.count(name) > 0)
    {
        throw std::invalid_argument("duplicate node '" + name + "'");
    }
    if (std::isnan(latitude) != std::isnan(longitude))
    {
        throw std::invalid_argument("node '" + name + "' has only one of latitude and longitude");
    }
    if (!std::isnan(latitude)
        && !(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180))
    {
        std::ostringstream os;
        os << "node '" << name << "': position (" << latitude << ", " << longitude
           << ") out of range (latitude -90..90, longitude -180..180)";
        throw std::invalid_argument(os.str());
    }
    if (!std::isfinite(demand) || demand < 0)
    {
        throw std::invalid_argument("node '" + name + "': demand must be finite and >= 0");
    }
    BackboneNode n;
    n.name = name;
    n.latitude = latitude;
    n.longitude = longitude;
    n.demand = demand;
    const auto v = static_cast<uint32_t>(boost::add_vertex(n, m_graph));
    m_index[name] = v;
    return v;
}

bool
BackboneGraph::AddLink(uint32_t a, uint32_t b, double latencyMs, double weight)
{
    if (a >= GetNodeCount() || b >= GetNodeCount())
    {
        throw std::invalid_argument("link " + std::to_string(a) + "-" + std::to_string(b)
                                    + ": unknown node index");
    }
    const std::string what = "link " + GetNode(a).name + " - " + GetNode(b).name;
    if (!std::isfinite(latencyMs) || latencyMs < 0)
    {
        throw std::invalid_argument(what + ": latency must be finite and >= 0 ms");
    }
    if (!std::isfinite(weight) || weight < 0)
    {
        throw std::invalid_argument(what + ": weight must be finite and >= 0");
    }
    if (a == b)
    {
        AddWarning(what + ": self link skipped");
        return false;
    }
    auto [e, exists] = boost::edge(a, b, m_graph);
    if (exists)
    {
        BackboneLink& l = m_graph[e];
        l.latencyMs = std::min(l.latencyMs, latencyMs);
        l.weight = std::min(l.weight, weight);
        AddWarning(what + ": parallel link merged (smaller latency and weight kept)");
        return false;
    }
    BackboneLink l;
    l.latencyMs = latencyMs;
    l.weight = weight;
    boost::add_edge(a, b, l, m_graph);
    return true;
}

uint32_t
BackboneGraph::GetNodeCount() const
{
    return static_cast<uint32_t>(boost::num_vertices(m_graph));
}

uint32_t
BackboneGraph::GetLinkCount() const
{
    return static_cast<uint32_t>(boost::num_edges(m_graph));
}

const BackboneNode&
BackboneGraph::GetNode(uint32_t i) const
{
    if (i >= GetNodeCount())
    {
        throw std::out_of_range("node index " + std::to_string(i) + " out of range");
    }
    return m_graph[i];
}

void
BackboneGraph::SetDemand(uint32_t i, double demand)
{
    if (!std::isfinite(demand) || demand < 0)
    {
        throw std::invalid_argument("node '" + GetNode(i).name
                                    + "': demand must be finite and >= 0");
    }
    m_graph[i].demand = demand;
}

std::vector<double>
BackboneGraph::GetDemands() const
{
    std::vector<double> d(GetNodeCount());
    for (uint32_t i = 0; i < d.size(); ++i)
    {
        d[i] = m_graph[i].demand;
    }
    return d;
}

int64_t
BackboneGraph::FindNode(const std::string& name) const
{
    auto it = m_index.find(name);
    return it == m_index.end() ? -1 : int64_t(it->second);
}

uint32_t
BackboneGraph::GetNodeIndex(const std::string& name) const
{
    const int64_t i = FindNode(name);
    if (i < 0)
    {
        throw std::invalid_argument("graph '" + m_name + "' has no node '" + name + "'");
    }
    return static_cast<uint32_t>(i);
}

std::vector<BackboneGraph::LinkEnds>
BackboneGraph::GetLinks() const
{
    std::vector<LinkEnds> out;
    out.reserve(GetLinkCount());
    for (auto [it, end] = boost::edges(m_graph); it != end; ++it)
    {
        auto s = static_cast<uint32_t>(boost::source(*it, m_graph));
        auto t = static_cast<uint32_t>(boost::target(*it, m_graph));
        out.push_back({std::min(s, t), std::max(s, t), m_graph[*it]});
    }
    return out;
}

uint32_t
BackboneGraph::CountComponents(std::vector<uint32_t>* component) const
{
    std::vector<uint32_t> c(GetNodeCount());
    if (c.empty())
    {
        if (component)
        {
            component->clear();
        }
        return 0;
    }
    const auto n = static_cast<uint32_t>(boost::connected_components(m_graph, c.data()));
    if (component)
    {
        *component = std::move(c);
    }
    return n;
}

BackboneGraph
BackboneGraph::LargestComponent() const
{
    std::vector<uint32_t> c;
    const uint32_t n = CountComponents(&c);
    std::vector<uint32_t> size(n, 0);
    for (uint32_t x : c)
    {
        ++size[x];
    }
    uint32_t best = 0;
    for (uint32_t i = 1; i < n; ++i)
    {
        best = size[i] > size[best] ? i : best;
    }
    BackboneGraph g(m_name);
    std::vector<int64_t> map(GetNodeCount(), -1);
    for (uint32_t i = 0; i < GetNodeCount(); ++i)
    {
        if (c[i] == best)
        {
            const BackboneNode& v = m_graph[i];
            map[i] = g.AddNode(v.name, v.latitude, v.longitude, v.demand);
        }
    }
    for (const LinkEnds& l : GetLinks())
    {
        if (map[l.a] >= 0)
        {
            g.AddLink(uint32_t(map[l.a]), uint32_t(map[l.b]), l.link.latencyMs, l.link.weight);
        }
    }
    g.m_warnings = m_warnings;
    return g;
}

const BackboneGraph::Graph&
BackboneGraph::GetGraph() const
{
    return m_graph;
}

void
BackboneGraph::AddWarning(const std::string& text)
{
    NS_LOG_WARN(m_name << ": " << text);
    m_warnings.push_back(text);
}

const std::vector<std::string>&
BackboneGraph::GetWarnings() const
{
    return m_warnings;
}

double
BackboneGraph::GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
{
    constexpr double earthKm = 6371.0;
    constexpr double rad = M_PI / 180.0;
    const double dLat = (lat2 - lat1) * rad;
    const double dLon = (lon2 - lon1) * rad;
    const double h
        = std::sin(dLat / 2) * std::sin(dLat / 2)
        + std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * earthKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double
BackboneGraph::GeoLatencyMs(uint32_t a, uint32_t b) const
{
    const BackboneNode& x = GetNode(a);
    const BackboneNode& y = GetNode(b);
    if (!x.HasPosition() || !y.HasPosition())
    {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return GreatCircleKm(x.latitude, x.longitude, y.latitude, y.longitude) / FIBRE_KM_PER_MS;
}

} // namespace ns3
