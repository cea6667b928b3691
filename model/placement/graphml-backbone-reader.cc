/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "graphml-backbone-reader.h"

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <sstream>

namespace ns3
{

namespace pt = boost::property_tree;

namespace
{

/// \param s a string \return s in lower case
std::string
Lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

/**
 * The data of one node or edge element, by lower-case attr.name of its key.
 * \param element the node or edge
 * \param keys attr.name by key id, for this element kind
 * \return the data
 */
std::map<std::string, std::string>
Data(const pt::ptree& element, const std::map<std::string, std::string>& keys)
{
    std::map<std::string, std::string> out;
    for (const auto& [tag, child] : element)
    {
        if (tag != "data")
        {
            continue;
        }
        const std::string key = child.get<std::string>("<xmlattr>.key", "");
        auto it = keys.find(key);
        out[it != keys.end() ? it->second : Lower(key)] = child.get_value<std::string>();
    }
    return out;
}

} // namespace

std::string
GraphmlBackboneReader::GetFormatName() const
{
    return "graphml";
}

BackboneGraph
GraphmlBackboneReader::Read(std::istream& in, const std::string& name) const
{
    pt::ptree doc;
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    try
    {
        std::istringstream xml(text);
        pt::read_xml(xml, doc, pt::xml_parser::trim_whitespace);
    }
    catch (const pt::xml_parser_error& e)
    {
        // The parser counts the newlines of its buffer after decoding character references in
        // place (fuzz-topology-readers: "&#10;" in an attribute made line 3 of a one-line file).
        const uint64_t lines = std::count(text.begin(), text.end(), '\n') + 1;
        throw TopologyFormatError(
            name, std::min<uint64_t>(e.line(), lines), "malformed XML: " + e.message());
    }
    auto root = doc.get_child_optional("graphml");
    if (!root)
    {
        throw TopologyFormatError(name, 0, "no <graphml> root element");
    }
    std::map<std::string, std::string> nodeKeys;
    std::map<std::string, std::string> edgeKeys;
    const pt::ptree* graph = nullptr;
    for (const auto& [tag, child] : *root)
    {
        if (tag == "key")
        {
            const std::string id = child.get<std::string>("<xmlattr>.id", "");
            // "attr.name" holds a dot, ptree's default path separator.
            const std::string attr = Lower(
                child.get<std::string>(pt::ptree::path_type("<xmlattr>/attr.name", '/'), id));
            const std::string kind = child.get<std::string>("<xmlattr>.for", "all");
            if (kind == "node" || kind == "all")
            {
                nodeKeys[id] = attr;
            }
            if (kind == "edge" || kind == "all")
            {
                edgeKeys[id] = attr;
            }
        }
        else if (tag == "graph" && graph == nullptr)
        {
            graph = &child;
        }
    }
    if (graph == nullptr)
    {
        throw TopologyFormatError(name, 0, "no <graph> element");
    }
    BackboneGraph g(name);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::map<std::string, uint32_t> byId;
    auto number = [&](const std::map<std::string, std::string>& d,
                      const std::string& attr,
                      const std::string& where)
    {
        auto it = d.find(attr);
        return it == d.end() ? nan : Number(it->second, where + " " + attr, name, 0);
    };
    uint32_t edgeNo = 0;
    struct Pending
    {
        uint32_t a;
        uint32_t b;
        double latency;
        double weight;
    };
    std::vector<Pending> links;
    for (const auto& [tag, child] : *graph)
    {
        if (tag == "node")
        {
            const std::string id = child.get<std::string>("<xmlattr>.id", "");
            if (id.empty() || byId.count(id))
            {
                throw TopologyFormatError(
                    name, 0, id.empty() ? "node without an id" : "duplicate node id '" + id + "'");
            }
            const auto d = Data(child, nodeKeys);
            const std::string where = "node '" + id + "'";
            std::string label = d.count("label") ? d.at("label") : "";
            if (label.empty() || g.FindNode(label) >= 0)
            {
                label = (label.empty() ? "node" : label) + "#" + id;
            }
            const double demand = number(d, "demand", where);
            try
            {
                byId[id] = g.AddNode(label,
                                     number(d, "latitude", where),
                                     number(d, "longitude", where),
                                     std::isnan(demand) ? 1.0 : demand);
            }
            catch (const std::invalid_argument& e)
            {
                throw TopologyFormatError(name, 0, e.what());
            }
        }
    }
    for (const auto& [tag, child] : *graph)
    {
        if (tag != "edge")
        {
            continue;
        }
        ++edgeNo;
        const std::string where = "edge " + std::to_string(edgeNo);
        uint32_t ends[2];
        const char* attrs[2] = {"<xmlattr>.source", "<xmlattr>.target"};
        for (int k = 0; k < 2; ++k)
        {
            const std::string id = child.get<std::string>(attrs[k], "");
            auto it = byId.find(id);
            if (it == byId.end())
            {
                throw TopologyFormatError(name,
                                          0,
                                          where + ": unknown " + (k ? "target" : "source")
                                              + " node '" + id + "'");
            }
            ends[k] = it->second;
        }
        const auto d = Data(child, edgeKeys);
        double latency = number(d, "latency", where);
        if (std::isnan(latency))
        {
            latency = number(d, "delay", where);
        }
        if (std::isnan(latency))
        {
            latency = g.GeoLatencyMs(ends[0], ends[1]);
        }
        const double weight = number(d, "weight", where);
        links.push_back({ends[0], ends[1], latency, std::isnan(weight) ? 1.0 : weight});
    }
    double sum = 0;
    uint32_t known = 0;
    for (const Pending& l : links)
    {
        if (!std::isnan(l.latency))
        {
            sum += l.latency;
            ++known;
        }
    }
    const double fallback = known > 0 ? sum / known : 1.0;
    for (const Pending& l : links)
    {
        double latency = l.latency;
        if (std::isnan(latency))
        {
            latency = fallback;
            g.AddWarning("link " + g.GetNode(l.a).name + " - " + g.GetNode(l.b).name
                         + ": no latency and no position at both ends; " + std::to_string(fallback)
                         + " ms (mean of the computed latencies)");
        }
        try
        {
            g.AddLink(l.a, l.b, latency, l.weight);
        }
        catch (const std::invalid_argument& e)
        {
            throw TopologyFormatError(name, 0, e.what());
        }
    }
    return g;
}

} // namespace ns3
