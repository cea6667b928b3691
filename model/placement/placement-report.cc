/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "placement-report.h"

#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace ns3
{

PlacementReport::PlacementReport(const BackboneGraph& graph, const PlacementResult& result)
    : m_graph(graph)
    , m_result(result)
{}

void
PlacementReport::AddMetric(const std::string& name, const PlacementProblem& problem)
{
    m_metrics.push_back({name, &problem});
}

void
PlacementReport::SetPolicies(const std::vector<PolicyAdvisor::Advice>& advice)
{
    m_advice = advice;
}

const PolicyAdvisor::Advice*
PlacementReport::AdviceOf(uint32_t p) const
{
    return p < m_advice.size() && !m_advice[p].best.empty() ? &m_advice[p] : nullptr;
}

std::string
PlacementReport::JsonString(const std::string& text)
{
    std::string out = "\"";
    for (unsigned char c : text)
    {
        if (c == '"' || c == '\\')
        {
            out += '\\';
            out += char(c);
        }
        else if (c < 0x20)
        {
            char buf[8];
            std::snprintf(buf, sizeof(buf), "\\u%04x", c);
            out += buf;
        }
        else
        {
            out += char(c);
        }
    }
    return out + "\"";
}

void
PlacementReport::WriteText(std::ostream& os) const
{
    const PlacementResult& r = m_result;
    os << "Placement on " << m_graph.GetName() << " (" << m_graph.GetNodeCount() << " nodes, "
       << m_graph.GetLinkCount() << " links): " << r.algorithm << ", k = " << r.proxies.size()
       << ", " << std::fixed << std::setprecision(3) << r.seconds << " s\n";
    os << "cost " << std::setprecision(4) << r.cost << " of " << r.baseline
       << " without proxies: improvement " << std::setprecision(2) << 100 * r.GetImprovement()
       << " %" << (r.optimal ? " (optimal)" : "") << "\n";
    for (const Metric& m : m_metrics)
    {
        const double base = m.problem->GetBaseline();
        const double cost = m.problem->Cost(r.proxies);
        os << "  " << m.name << ": improvement " << std::setprecision(2)
           << (base > 0 ? 100 * (1 - cost / base) : 0.0) << " %, proxy hit ratio "
           << 100 * m.problem->HitFraction(r.proxies) << " % of the demand\n";
    }
    os << "proxies:\n";
    for (size_t i = 0; i < r.proxies.size(); ++i)
    {
        os << "  " << i + 1 << ". " << m_graph.GetNode(r.proxies[i]).name;
        if (const auto* a = AdviceOf(r.proxies[i]))
        {
            os << ": " << a->best << " (byte hit ratio " << std::setprecision(3) << a->byteHitRatio
               << ")";
        }
        os << "\n";
    }
    os << "curve (k: improvement %):";
    for (size_t k = 0; k < r.curve.size(); ++k)
    {
        os << " " << k << ":" << std::setprecision(2)
           << (r.baseline > 0 ? 100 * (1 - r.curve[k] / r.baseline) : 0.0);
    }
    os << "\n";
    os.unsetf(std::ios::floatfield);
}

void
PlacementReport::WriteJson(std::ostream& os) const
{
    const PlacementResult& r = m_result;
    std::ostringstream o;
    o << std::setprecision(10);
    o << "{\"graph\":" << JsonString(m_graph.GetName()) << ",\"nodes\":" << m_graph.GetNodeCount()
      << ",\"links\":" << m_graph.GetLinkCount() << ",\"algorithm\":" << JsonString(r.algorithm)
      << ",\"k\":" << r.proxies.size() << ",\"cost\":" << r.cost << ",\"baseline\":" << r.baseline
      << ",\"improvement\":" << r.GetImprovement()
      << ",\"optimal\":" << (r.optimal ? "true" : "false") << ",\"lowerBound\":" << r.lowerBound
      << ",\"seconds\":" << r.seconds << ",\"proxies\":[";
    for (size_t i = 0; i < r.proxies.size(); ++i)
    {
        const uint32_t p = r.proxies[i];
        o << (i ? "," : "") << "{\"node\":" << p
          << ",\"name\":" << JsonString(m_graph.GetNode(p).name);
        if (const auto* a = AdviceOf(p))
        {
            o << ",\"policy\":" << JsonString(a->best) << ",\"byteHitRatio\":" << a->byteHitRatio;
        }
        o << "}";
    }
    o << "],\"metrics\":{";
    for (size_t i = 0; i < m_metrics.size(); ++i)
    {
        const Metric& m = m_metrics[i];
        const double base = m.problem->GetBaseline();
        const double cost = m.problem->Cost(r.proxies);
        o << (i ? "," : "") << JsonString(m.name) << ":{\"cost\":" << cost
          << ",\"baseline\":" << base << ",\"improvement\":" << (base > 0 ? 1 - cost / base : 0.0)
          << ",\"hitRatio\":" << m.problem->HitFraction(r.proxies) << "}";
    }
    o << "},\"curve\":[";
    for (size_t k = 0; k < r.curve.size(); ++k)
    {
        o << (k ? "," : "") << r.curve[k];
    }
    o << "]}\n";
    os << o.str();
}

void
PlacementReport::WriteCsv(std::ostream& os) const
{
    os << "order,node,name,policy,byte_hit_ratio,nodes_served,demand_served\n";
    std::vector<uint32_t> server;
    if (!m_metrics.empty())
    {
        server = m_metrics.front().problem->Assign(m_result.proxies);
    }
    for (size_t i = 0; i < m_result.proxies.size(); ++i)
    {
        const uint32_t p = m_result.proxies[i];
        uint32_t served = 0;
        double demand = 0;
        for (uint32_t v = 0; v < server.size(); ++v)
        {
            if (server[v] == p)
            {
                ++served;
                demand += m_graph.GetNode(v).demand;
            }
        }
        const auto* a = AdviceOf(p);
        std::string name = m_graph.GetNode(p).name;
        std::string quoted = "\"";
        for (char c : name)
        {
            quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        }
        os << i + 1 << "," << p << "," << quoted << "\"," << (a ? a->best : "") << ","
           << (a ? a->byteHitRatio : 0.0) << "," << served << "," << demand << "\n";
    }
}

void
PlacementReport::WriteCurveCsv(std::ostream& os) const
{
    os << "k,cost,improvement\n";
    for (size_t k = 0; k < m_result.curve.size(); ++k)
    {
        const double b = m_result.baseline;
        os << k << "," << m_result.curve[k] << "," << (b > 0 ? 1 - m_result.curve[k] / b : 0.0)
           << "\n";
    }
}

void
PlacementReport::MarkNode(uint32_t node, const std::string& note)
{
    if (node >= m_graph.GetNodeCount())
    {
        throw std::invalid_argument("PlacementReport::MarkNode: no node " + std::to_string(node)
                                    + " in " + m_graph.GetName());
    }
    std::string& n = m_nodeNotes[node];
    n += (n.empty() ? "" : "; ") + note;
}

void
PlacementReport::MarkLink(uint32_t a, uint32_t b, const std::string& note)
{
    const auto key = std::minmax(a, b);
    const auto& links = m_graph.GetLinks();
    if (std::none_of(links.begin(),
                     links.end(),
                     [&key](const auto& l) { return std::minmax(l.a, l.b) == key; }))
    {
        throw std::invalid_argument("PlacementReport::MarkLink: no link " + std::to_string(a)
                                    + " - " + std::to_string(b) + " in " + m_graph.GetName());
    }
    std::string& n = m_linkNotes[key];
    n += (n.empty() ? "" : "; ") + note;
}

void
PlacementReport::WriteDot(std::ostream& os) const
{
    std::vector<int> order(m_graph.GetNodeCount(), 0);
    for (size_t i = 0; i < m_result.proxies.size(); ++i)
    {
        order[m_result.proxies[i]] = int(i + 1);
    }
    const int64_t origin = m_metrics.empty() ? -1 : int64_t(m_metrics.front().problem->GetOrigin());
    bool geographic = m_graph.GetNodeCount() > 0;
    double minLat = 90;
    double maxLat = -90;
    double minLon = 180;
    double maxLon = -180;
    for (uint32_t v = 0; v < m_graph.GetNodeCount(); ++v)
    {
        const BackboneNode& n = m_graph.GetNode(v);
        geographic = geographic && n.HasPosition();
        if (n.HasPosition())
        {
            minLat = std::min(minLat, n.latitude);
            maxLat = std::max(maxLat, n.latitude);
            minLon = std::min(minLon, n.longitude);
            maxLon = std::max(maxLon, n.longitude);
        }
    }
    // Equirectangular around the mean latitude, the longer side 10 inches (720 points).
    const double xScale = std::cos((minLat + maxLat) / 2 * M_PI / 180);
    const double span = std::max({(maxLon - minLon) * xScale, maxLat - minLat, 1e-9});
    const double points = 720 / span;
    const bool large = m_graph.GetNodeCount() > 100;
    os << "graph backbone {\n  layout=" << (geographic || !large ? "neato" : "sfdp")
       << ";\n  overlap=false;\n  outputorder=edgesfirst;\n"
       << "  node [shape=circle, fontsize=" << (large ? 6 : 10) << "];\n  edge [fontsize=8];\n";
    for (uint32_t v = 0; v < m_graph.GetNodeCount(); ++v)
    {
        const BackboneNode& n = m_graph.GetNode(v);
        os << "  n" << v << " [label=" << JsonString(n.name);
        std::string xlabel;
        if (int64_t(v) == origin)
        {
            os << ", shape=box, style=filled, fillcolor=lightblue";
        }
        else if (order[v] > 0)
        {
            const auto* a = AdviceOf(v);
            os << ", style=filled, fillcolor=salmon";
            xlabel = "P" + std::to_string(order[v]) + (a ? " " + a->best : "");
        }
        const auto note = m_nodeNotes.find(v);
        if (note != m_nodeNotes.end())
        {
            os << ", color=red, penwidth=3, fontcolor=red";
            xlabel += (xlabel.empty() ? "" : ": ") + note->second;
        }
        if (!xlabel.empty())
        {
            os << ", xlabel=" << JsonString(xlabel);
        }
        if (geographic)
        {
            std::ostringstream pos;
            pos << std::fixed << std::setprecision(1) << (n.longitude - minLon) * xScale * points
                << "," << (n.latitude - minLat) * points << "!";
            os << ", pos=\"" << pos.str() << "\"";
        }
        os << "];\n";
    }
    const bool labelled = m_graph.GetLinks().size() <= DOT_LABELLED_LINKS;
    for (const auto& l : m_graph.GetLinks())
    {
        os << "  n" << l.a << " -- n" << l.b;
        const auto note = m_linkNotes.find(std::minmax(l.a, l.b));
        std::ostringstream label;
        if (labelled)
        {
            label << std::setprecision(3) << l.link.latencyMs << " ms";
        }
        if (note != m_linkNotes.end())
        {
            label << (labelled ? ": " : "") << note->second;
            os << " [color=red, style=dashed, penwidth=2, fontcolor=red, label="
               << JsonString(label.str()) << "]";
        }
        else if (labelled)
        {
            os << " [label=" << JsonString(label.str()) << "]";
        }
        os << ";\n";
    }
    os << "}\n";
}

void
PlacementReport::WritePng(const std::string& path, const std::string& program) const
{
    // Through a temporary file rather than a pipe: a missing program would end a pipe's
    // writer with SIGPIPE.
    char dotPath[] = "/tmp/web-proxy-placement-XXXXXX";
    const int fd = mkstemp(dotPath);
    if (fd < 0)
    {
        throw std::runtime_error(path + ": cannot create a temporary DOT file");
    }
    close(fd);
    {
        std::ofstream dot(dotPath);
        WriteDot(dot);
    }
    // Paths go to the shell in single quotes; a quote inside is closed, escaped, reopened.
    auto quote = [](const std::string& text)
    {
        std::string q = "'";
        for (char c : text)
        {
            q += c == '\'' ? std::string("'\\''") : std::string(1, c);
        }
        return q + "'";
    };
    const int status = std::system(
        (program + " -Tpng -o " + quote(path) + " " + quote(dotPath) + " 2>/dev/null").c_str());
    std::remove(dotPath);
    if (status != 0)
    {
        throw std::runtime_error(path + ": Graphviz's " + program + " failed (exit status "
                                 + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1)
                                 + "; 127: not installed, Debian package graphviz)");
    }
    std::ifstream in(path, std::ios::binary);
    char magic[8] = {};
    if (!in.read(magic, sizeof(magic)) || std::string(magic + 1, 3) != "PNG")
    {
        throw std::runtime_error(path + ": Graphviz's " + program + " wrote no PNG");
    }
}

} // namespace ns3
