/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * [ProxyTeller]'s question on a real backbone: where to put k proxies (or how many are needed
 * for a desired improvement), with which replacement policy each.
 *
 *   proxy-placement --topology=AttMpls.graphml --proxies=5 --algorithm=greedy
 *   proxy-placement --topology=rocketfuel-1239 --improvement=50 --preset=modem
 *   proxy-placement --topology=Sprint.graphml --proxies=4 --algorithm=compare
 *   proxy-placement --topology=Abilene.graphml --proxies=2 --simulate
 *
 * Reads the topology (GraphML, Rocketfuel directory or file, Inet, Orbis or the module's
 * edge list; --format=auto tells them apart), takes node demands from the file (default 1 per
 * node) or from a workload split over the nodes, simulates each node's workload through
 * every replacement policy for the proxies' byte hit ratios, places the proxies and prints
 * the placement (text; --json, --csv, --curve, --dot write files). --simulate also builds the
 * backbone in ns-3 and installs the proxies on the chosen nodes.
 */
#include "ns3/backbone-reader.h"
#include "ns3/cache-simulator.h"
#include "ns3/core-module.h"
#include "ns3/distance-matrix.h"
#include "ns3/exact-placement.h"
#include "ns3/placement-algorithm.h"
#include "ns3/placement-report.h"
#include "ns3/policy-advisor.h"
#include "ns3/proxy-placement-helper.h"
#include "ns3/random-placement.h"
#include "ns3/synthetic-workload.h"
#include "ns3/trace-reader.h"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <stdexcept>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("ProxyPlacementExample");

namespace
{

/// Bad command-line option: exit status 2.
struct OptionError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

/// Write a file with one of the report's writers.
template <class F>
void
WriteTo(const std::string& path, F write)
{
    if (path.empty())
    {
        return;
    }
    std::ofstream out(path);
    if (!out)
    {
        throw std::runtime_error("cannot write '" + path + "'");
    }
    write(out);
    std::cout << "wrote " << path << "\n";
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string topology;
    std::string format = "auto";
    uint32_t proxies = 0;
    double improvement = 0;
    std::string algorithm = "greedy";
    std::string metric = "latency";
    std::string origin;
    double hitRatio = 1.0;
    std::string missPath = "via";
    std::string preset;
    std::string trace;
    uint64_t requests = 100000;
    std::string cacheSize = "64MB";
    std::string policies = "LRU,CSP,GDS1,GDSLAT";
    bool largestComponent = false;
    uint32_t randomTrials = 100;
    uint64_t exactNodes = 1000000;
    uint32_t seed = 1;
    uint64_t run = 1;
    std::string json;
    std::string csv;
    std::string curve;
    std::string dot;
    bool simulate = false;

    CommandLine cmd(__FILE__);
    cmd.AddValue("topology", "Topology file (or Rocketfuel directory)", topology);
    cmd.AddValue("format", "auto, graphml, rocketfuel, inet, orbis or edgelist", format);
    cmd.AddValue("proxies", "Number of proxies k (0: as many as --improvement needs)", proxies);
    cmd.AddValue(
        "improvement", "Desired improvement over no proxies, percent (0: none)", improvement);
    cmd.AddValue("algorithm", "greedy, hotspot, random, exact, local-search or compare", algorithm);
    cmd.AddValue("metric", "Link length to optimise: latency or weight (bandwidth)", metric);
    cmd.AddValue("origin", "Name or index of the origin server's node (default: node 0)", origin);
    cmd.AddValue("hitRatio", "Byte hit ratio of every proxy, without a workload", hitRatio);
    cmd.AddValue(
        "missPath", "via (misses go proxy - origin) or direct (client - origin)", missPath);
    cmd.AddValue(
        "preset", "Synthetic workload for demands and policies: modem or research", preset);
    cmd.AddValue("trace", "Trace (Squid log or CSV) for demands and policies", trace);
    cmd.AddValue("requests", "Requests to generate with --preset", requests);
    cmd.AddValue("cacheSize", "Cache size of every proxy (K, M, G units)", cacheSize);
    cmd.AddValue("policies", "Replacement policies to choose from", policies);
    cmd.AddValue("largestComponent",
                 "Place on the largest component of a disconnected graph",
                 largestComponent);
    cmd.AddValue("randomTrials", "Random placements averaged by --algorithm=compare", randomTrials);
    cmd.AddValue("exactNodes", "Search-node limit of the exact algorithm per k", exactNodes);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.AddValue("json", "Write the report as JSON to this file", json);
    cmd.AddValue("csv", "Write the proxies as CSV to this file", csv);
    cmd.AddValue("curve", "Write the cost curve as CSV to this file", curve);
    cmd.AddValue("dot", "Write the graph as Graphviz DOT, proxies marked, to this file", dot);
    cmd.AddValue("simulate", "Build the backbone in ns-3 and install the proxies", simulate);
    cmd.Parse(argc, argv);

    try
    {
        if (topology.empty())
        {
            throw OptionError("--topology=FILE is required");
        }
        if (proxies == 0 && improvement <= 0)
        {
            throw OptionError("give --proxies=K or --improvement=PERCENT");
        }
        if (improvement < 0 || improvement > 100)
        {
            throw OptionError("--improvement must be a percentage in (0, 100], not "
                              + std::to_string(improvement));
        }
        if (!(hitRatio >= 0 && hitRatio <= 1))
        {
            throw OptionError("--hitRatio must be in [0, 1]");
        }
        if (missPath != "via" && missPath != "direct")
        {
            throw OptionError("--missPath must be via or direct, not '" + missPath + "'");
        }
        if (!preset.empty() && !trace.empty())
        {
            throw OptionError("give --preset or --trace, not both");
        }
        if (algorithm != "compare")
        {
            try
            {
                PlacementAlgorithm::Create(algorithm);
            }
            catch (const std::invalid_argument& e)
            {
                throw OptionError(std::string("--algorithm: ") + e.what());
            }
        }
        DistanceMatrix::Metric m;
        uint64_t cacheBytes;
        std::vector<std::string> policyNames;
        try
        {
            m = DistanceMatrix::ParseMetric(metric);
            cacheBytes = CacheSimulator::ParseSize(cacheSize);
            policyNames = CacheSimulator::SplitList(policies);
            PolicyAdvisor(cacheBytes, policyNames);
        }
        catch (const std::invalid_argument& e)
        {
            throw OptionError(e.what());
        }
        RngSeedManager::SetSeed(seed);
        RngSeedManager::SetRun(run);

        BackboneGraph graph = BackboneReader::Load(topology, format);
        for (const auto& w : graph.GetWarnings())
        {
            std::cerr << "warning: " << w << "\n";
        }
        if (largestComponent && graph.CountComponents() > 1)
        {
            graph = graph.LargestComponent();
            std::cout << "placing on the largest component: " << graph.GetNodeCount() << " nodes\n";
        }
        uint32_t o = 0;
        if (!origin.empty())
        {
            // ns-3's CommandLine stops a value at white space: an index names any node.
            int64_t i = graph.FindNode(origin);
            if (i < 0 && !origin.empty()
                && origin.find_first_not_of("0123456789") == std::string::npos
                && std::stoull(origin) < graph.GetNodeCount())
            {
                i = int64_t(std::stoull(origin));
            }
            if (i < 0)
            {
                throw OptionError("--origin: no node '" + origin + "' in " + topology);
            }
            o = uint32_t(i);
        }

        // Workload: demands by node and each node's own requests for the policy advice.
        std::vector<std::vector<TraceRecord>> perNode;
        if (!preset.empty() || !trace.empty())
        {
            std::vector<TraceRecord> records;
            TraceRecord r;
            if (!preset.empty())
            {
                const auto known = SyntheticWorkload::GetPresetNames();
                if (std::find(known.begin(), known.end(), preset) == known.end())
                {
                    throw OptionError("unknown --preset '" + preset + "'");
                }
                Ptr<SyntheticWorkload> w = SyntheticWorkload::CreatePreset(preset);
                w->SetAttribute("Requests", UintegerValue(requests));
                w->AssignStreams(0);
                while (w->Next(r))
                {
                    records.push_back(r);
                }
            }
            else
            {
                Ptr<TraceReader> reader = TraceReader::OpenTrace(trace);
                while (reader->Next(r))
                {
                    records.push_back(r);
                }
            }
            perNode = PolicyAdvisor::SplitByClient(records, graph.GetNodeCount());
            for (uint32_t v = 0; v < graph.GetNodeCount(); ++v)
            {
                double bytes = 0;
                for (const auto& x : perNode[v])
                {
                    bytes += double(x.received);
                }
                graph.SetDemand(v, bytes);
            }
        }

        const DistanceMatrix latency(graph, DistanceMatrix::LATENCY);
        const DistanceMatrix weight(graph, DistanceMatrix::WEIGHT);
        const auto miss
            = missPath == "via" ? PlacementProblem::VIA_PROXY : PlacementProblem::DIRECT;
        PlacementProblem latencyProblem(graph, latency, o, miss);
        PlacementProblem weightProblem(graph, weight, o, miss);
        PlacementProblem& problem = m == DistanceMatrix::LATENCY ? latencyProblem : weightProblem;
        std::vector<PolicyAdvisor::Advice> advice;
        if (!perNode.empty())
        {
            advice
                = PolicyAdvisor(cacheBytes, policyNames).EvaluatePerNode(perNode, latencyProblem);
            PolicyAdvisor::Apply(advice, latencyProblem);
            PolicyAdvisor::Apply(advice, weightProblem);
        }
        else
        {
            latencyProblem.SetHitRatio(hitRatio);
            weightProblem.SetHitRatio(hitRatio);
        }
        const double target = improvement > 0 ? improvement / 100 : PlacementAlgorithm::NO_TARGET;
        std::cout << graph.GetName() << ": " << graph.GetNodeCount() << " nodes, "
                  << graph.GetLinkCount() << " links; origin " << graph.GetNode(o).name
                  << "; metric " << metric << "\n";

        if (algorithm == "compare")
        {
            std::cout << std::left << std::setw(14) << "algorithm" << std::right << std::setw(6)
                      << "k" << std::setw(16) << "cost" << std::setw(14) << "improvement"
                      << std::setw(12) << "seconds\n";
            for (const auto& name : PlacementAlgorithm::GetNames())
            {
                // Branch and bound is for small instances: bounded here, its answer is then
                // the best found (marked "no" in the last column).
                auto a = name == "exact" ? std::unique_ptr<PlacementAlgorithm>(
                             std::make_unique<ExactPlacement>(exactNodes))
                                         : PlacementAlgorithm::Create(name);
                PlacementResult r = a->Run(problem, proxies, target);
                if (name == "random")
                {
                    RandomPlacement rp;
                    rp.AssignStreams(0);
                    double sum = 0;
                    double secs = 0;
                    for (uint32_t t = 0; t < randomTrials; ++t)
                    {
                        PlacementResult x = rp.Run(problem, proxies, target);
                        sum += x.cost;
                        secs += x.seconds;
                    }
                    r.cost = sum / randomTrials;
                    r.seconds = secs / randomTrials;
                }
                std::cout << std::left << std::setw(14)
                          << (name == "random" ? "random(mean)" : name) << std::right
                          << std::setw(6) << r.proxies.size() << std::setw(16)
                          << std::setprecision(8) << r.cost << std::setw(13) << std::setprecision(4)
                          << 100 * r.GetImprovement() << "%" << std::setw(12)
                          << std::setprecision(3) << r.seconds << std::setw(8)
                          << (name == "exact" ? (r.optimal ? "yes" : "no") : "") << "\n";
            }
            return 0;
        }

        auto a
            = algorithm == "exact"
                ? std::unique_ptr<PlacementAlgorithm>(std::make_unique<ExactPlacement>(exactNodes))
                : PlacementAlgorithm::Create(algorithm);
        if (auto* rp = dynamic_cast<RandomPlacement*>(a.get()))
        {
            rp->AssignStreams(0);
        }
        const PlacementResult result = a->Run(problem, proxies, target);
        PlacementReport report(graph, result);
        report.AddMetric("latency", latencyProblem);
        report.AddMetric("bandwidth", weightProblem);
        report.SetPolicies(advice);
        report.WriteText(std::cout);
        if (improvement > 0 && result.GetImprovement() < target)
        {
            std::cout << "the desired improvement of " << improvement << " % is not reached with "
                      << result.proxies.size() << " proxies\n";
        }
        WriteTo(json, [&](std::ostream& os) { report.WriteJson(os); });
        WriteTo(csv, [&](std::ostream& os) { report.WriteCsv(os); });
        WriteTo(curve, [&](std::ostream& os) { report.WriteCurveCsv(os); });
        WriteTo(dot, [&](std::ostream& os) { report.WriteDot(os); });

        if (simulate)
        {
            ProxyPlacementHelper helper;
            helper.SetProxyAttribute("CacheSize", UintegerValue(cacheBytes));
            NodeContainer nodes = helper.BuildBackbone(graph);
            ApplicationContainer apps = helper.Install(problem, result, nodes, advice);
            std::cout << "ns-3: " << nodes.GetN() << " nodes, " << helper.GetDevices().GetN() / 2
                      << " point-to-point links, " << apps.GetN() << " ProxyCache installed\n";
            for (uint32_t v = 0; v < graph.GetNodeCount(); ++v)
            {
                const uint32_t s = helper.GetAssignment()[v];
                std::cout << "  " << graph.GetNode(v).name << " -> "
                          << (helper.UsesProxy(v) ? "proxy " + graph.GetNode(s).name + " ("
                                                  : "origin (")
                          << helper.GetAddress(s) << ")\n";
            }
            Simulator::Destroy();
        }
    }
    catch (const OptionError& e)
    {
        std::cerr << "proxy-placement: " << e.what() << "\n";
        return 2;
    }
    catch (const std::exception& e)
    {
        std::cerr << "proxy-placement: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
