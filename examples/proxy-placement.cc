/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * [ProxyTeller]'s question on a real backbone: where to put k proxies (or how many are needed
 * for a desired improvement), with which replacement policy each.
 *
 *   proxy-placement --topology=AttMpls.graphml --proxies=5 --algorithm=greedy
 *   proxy-placement --topology=rocketfuel-1239 --improvement=50 --preset=modem
 *   proxy-placement --topology=AttMpls.graphml --improvement=4 --target=hits --preset=modem
 *   proxy-placement --topology=Sprint.graphml --proxies=4 --algorithm=compare
 *   proxy-placement --topology=Abilene.graphml --proxies=2 --preset=modem --simulate
 *   proxy-placement --topology=Abilene.graphml --proxies=2 --simulate --requests=3000 \
 *       --runs=10 --jobs=2          (a bigger check: about 7 minutes)
 *
 * Reads the topology (GraphML, Rocketfuel directory or file, Inet, Orbis or the module's
 * edge list; --format=auto tells them apart), takes node demands from the file (default 1 per
 * node) or from a workload split over the nodes, simulates each node's workload through
 * every replacement policy for the proxies' byte hit ratios, places the proxies and prints
 * the placement (text; --json, --csv, --curve, --dot write files; --png draws it with
 * Graphviz, on a map when the nodes have coordinates).
 *
 * --simulate then checks the prediction at packet level (PlacementMeasurement): --runs
 * independent runs (RngRun + i, each in a process of its own, ReplicatedRuns), each
 * generating its workload anew and simulating it once without proxies and once with the
 * placement, on the backbone built in ns-3. Each run's measured improvement (1 - with /
 * without) of the bandwidth metric (bytes x link weight on the backbone links) and of the
 * byte-weighted request time, and its proxy-hit share of the bytes, are set beside the
 * prediction: mean and Student t 95% interval over the runs (RunStatistics, PaperComparison
 * with the prediction as the "paper" figure), and a paired test: the interval of the runs'
 * differences measured - predicted, "agrees" when it contains 0. With --simulate the workload is
 * --preset (default modem) of --requests (default 500) requests, so that the default check is
 * short.
 */
#include "ns3/backbone-reader.h"
#include "ns3/cache-simulator.h"
#include "ns3/core-module.h"
#include "ns3/distance-matrix.h"
#include "ns3/exact-placement.h"
#include "ns3/option-checker.h"
#include "ns3/paper-comparison.h"
#include "ns3/placement-algorithm.h"
#include "ns3/placement-measurement.h"
#include "ns3/placement-report.h"
#include "ns3/policy-advisor.h"
#include "ns3/proxy-cache.h"
#include "ns3/proxy-placement-helper.h"
#include "ns3/random-placement.h"
#include "ns3/replicated-runs.h"
#include "ns3/run-statistics.h"
#include "ns3/synthetic-workload.h"
#include "ns3/trace-reader.h"

#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>
#include <stdexcept>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("ProxyPlacementExample");

namespace
{

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

/// Set each node's demand to the body bytes its clients receive in a workload.
void
SetDemands(BackboneGraph& graph, const std::vector<std::vector<TraceRecord>>& perNode)
{
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

/**
 * An advisor that judges a client's reload as the installed proxies will: ProxyCache's
 * RevalidateNoCache, with any --ns3::ProxyCache::RevalidateNoCache given on the command line.
 * \param cacheBytes the cache size \param policies the policies compared
 * \return the advisor
 */
PolicyAdvisor
MakeAdvisor(uint64_t cacheBytes, const std::vector<std::string>& policies)
{
    PolicyAdvisor advisor(cacheBytes, policies);
    TypeId::AttributeInformation info;
    NS_ABORT_UNLESS(ProxyCache::GetTypeId().LookupAttributeByName("RevalidateNoCache", &info));
    advisor.SetRevalidateNoCache(DynamicCast<const BooleanValue>(info.initialValue)->Get());
    return advisor;
}

/// The prediction's three figures (percent): bandwidth improvement, latency improvement and
/// bytes served as proxy hits.
struct Prediction
{
    double bandwidth; //!< 1 - weight cost / baseline
    double latency;   //!< 1 - latency cost / baseline
    double hits;      //!< HitFraction
};

/**
 * The prediction of a placement. The simulation sends each node to the server the latency
 * instance assigns it, so the bandwidth figure is that assignment's weight cost, not the
 * weight instance's own (cheaper) assignment.
 * \param latency the latency instance \param weight the weight instance (same hit ratios)
 * \param proxies the proxies \return the figures
 */
Prediction
Predict(const PlacementProblem& latency,
        const PlacementProblem& weight,
        const std::vector<uint32_t>& proxies)
{
    const std::vector<uint32_t> server = latency.Assign(proxies);
    double weightCost = 0;
    for (uint32_t v = 0; v < latency.GetNodeCount(); ++v)
    {
        weightCost += weight.GetDemands()[v] * weight.ServeCost(v, server[v]);
    }
    return {100 * (1 - weightCost / weight.GetBaseline()),
            100 * (1 - latency.Cost(proxies) / latency.GetBaseline()),
            100 * latency.HitFraction(proxies)};
}

/// What --simulate needs besides the placement.
struct CheckOptions
{
    std::vector<std::string> policies; //!< replacement policies to choose from
    uint64_t cacheBytes;               //!< every proxy's cache size
    std::string dataRate;              //!< backbone link rate
    uint32_t runs;                     //!< independent runs
    uint32_t jobs;                     //!< runs at once
    std::string prefix;                //!< CSV path prefix ("": none)
};

/**
 * Check the prediction at packet level: runs with and without the proxies, the measured
 * improvement per metric beside the predicted one, with its 95% interval over the runs.
 * \param graph the backbone \param latency the latency instance \param weight the weight
 * (bandwidth) instance \param result the placement \param advice policy advice by node
 * \param loadRecords draws the workload (of the run's RngRun) \param opt the options
 */
void
CheckByRuns(const BackboneGraph& graph,
            const PlacementProblem& latency,
            const PlacementProblem& weight,
            const PlacementResult& result,
            const std::vector<PolicyAdvisor::Advice>& advice,
            const std::function<std::vector<TraceRecord>()>& loadRecords,
            const CheckOptions& opt)
{
    ProxyPlacementHelper helper;
    helper.Install(latency, result, helper.BuildBackbone(graph), advice);
    std::cout << "\nns-3: " << graph.GetNodeCount() << " nodes, " << graph.GetLinkCount()
              << " point-to-point links, " << result.proxies.size() << " ProxyCache installed\n";
    Simulator::Destroy();

    ReplicatedRuns replicated(opt.runs, opt.jobs);
    replicated.Add(
        "placement",
        [&]()
        {
            const auto perNode = PolicyAdvisor::SplitByClient(loadRecords(), graph.GetNodeCount());
            // What the model predicts for this run's workload, made as main() makes it for
            // the first run's: demands, per-node advice, proxies on their merged requests.
            BackboneGraph runGraph = graph;
            SetDemands(runGraph, perNode);
            PlacementProblem lat(
                runGraph, latency.GetDistances(), latency.GetOrigin(), latency.GetMissPath());
            PlacementProblem wt(
                runGraph, weight.GetDistances(), weight.GetOrigin(), weight.GetMissPath());
            const PolicyAdvisor advisor = MakeAdvisor(opt.cacheBytes, opt.policies);
            const auto runAdvice = advisor.EvaluateAssigned(
                perNode, advisor.EvaluatePerNode(perNode, lat), result.proxies, lat);
            PolicyAdvisor::Apply(runAdvice, wt);
            const Prediction predicted = Predict(lat, wt, result.proxies);

            PlacementMeasurement m(graph, latency);
            m.SetLinkAttribute("DataRate", StringValue(opt.dataRate));
            m.SetProxyAttribute("CacheSize", UintegerValue(opt.cacheBytes));
            const auto none = m.Run({}, perNode, advice);
            const auto with = m.Run(result.proxies, perNode, advice);
            auto gain = [](double w, double n)
            {
                return n > 0 ? 100 * (1 - w / n) : 0;
            };
            return ReplicatedRuns::Values{
                {"bandwidth", gain(with.weightedBytes, none.weightedBytes)},
                {"latency", gain(with.GetByteWeightedLatency(), none.GetByteWeightedLatency())},
                {"hits", 100 * with.GetHitFraction()},
                {"predicted_bandwidth", predicted.bandwidth},
                {"predicted_latency", predicted.latency},
                {"predicted_hits", predicted.hits},
                {"failed", double(with.failed + none.failed)},
                {"completed", double(with.completed)}};
        });
    const auto runs = replicated.Run().at("placement");
    auto column = [&runs](const std::string& name)
    {
        std::vector<double> v;
        for (const auto& r : runs)
        {
            v.push_back(r.at(name));
        }
        return v;
    };
    const char* names[] = {"bandwidth", "latency", "hits"};
    const char* what[] = {"bandwidth improvement (bytes x weight), %",
                          "latency improvement (byte-weighted time), %",
                          "bytes served as proxy hits, %"};
    std::cout << "\npredicted against measured over " << opt.runs << " runs (RngRun "
              << replicated.GetBaseRun() << ".." << replicated.GetBaseRun() + opt.runs - 1
              << "; mean, Student t 95% interval; each run's prediction is made for its own "
                 "workload):\n";
    PaperComparison comparison;
    for (size_t i = 0; i < 3; ++i)
    {
        const std::vector<double> v = column(names[i]);
        const RunStatistics st(v);
        const std::vector<double> p = column(std::string("predicted_") + names[i]);
        const RunStatistics pr(p);
        // Paired by run: prediction and measurement share the run's workload, so their
        // difference varies less than either, and its interval is the test.
        std::vector<double> d(v.size());
        for (size_t r = 0; r < v.size(); ++r)
        {
            d[r] = v[r] - p[r];
        }
        const RunStatistics diff(d);
        const bool agrees = diff.GetLow() <= 0 && diff.GetHigh() >= 0;
        std::cout << "  " << std::left << std::setw(46) << what[i] << std::right << std::fixed
                  << std::setprecision(1) << " predicted " << std::setw(6) << pr.GetMean() << " ["
                  << pr.GetLow() << ", " << pr.GetHigh() << "]  measured " << std::setw(6)
                  << st.GetMean() << " [" << st.GetLow() << ", " << st.GetHigh()
                  << "]  measured - predicted " << std::setw(6) << diff.GetMean() << " ["
                  << diff.GetLow() << ", " << diff.GetHigh() << "]  "
                  << (v.size() < 2 ? "one run, no test"
                      : agrees     ? "agrees"
                                   : "differs")
                  << "\n";
        comparison.Add(
            "prediction", "placement", names[i], pr.GetMean(), PaperComparison::POINTS, v);
        // Each run's own prediction too (no "paper" figure), so that PREFIX-runs.csv pairs
        // them with the measurements run by run.
        comparison.Add("prediction",
                       "predicted",
                       names[i],
                       std::numeric_limits<double>::quiet_NaN(),
                       PaperComparison::POINTS,
                       p);
    }
    const RunStatistics failed(column("failed"));
    const RunStatistics completed(column("completed"));
    std::cout << "  requests completed per run (with proxies) " << std::setprecision(0)
              << completed.GetMean() << ", failed per run (both) " << std::setprecision(1)
              << failed.GetMean() << "\n";
    std::cout.unsetf(std::ios::floatfield);
    if (!opt.prefix.empty())
    {
        comparison.WriteCsv(opt.prefix + "-vs-paper.csv");
        comparison.WriteRunsCsv(opt.prefix + "-runs.csv", replicated.GetBaseRun());
        std::cout << "wrote " << opt.prefix << "-vs-paper.csv, " << opt.prefix << "-runs.csv\n";
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string topology;
    std::string format = "auto";
    uint32_t proxies = 0;
    double improvement = 0;
    std::string target = "cost";
    std::string algorithm = "greedy";
    std::string metric = "latency";
    std::string origin;
    double hitRatio = 1.0;
    std::string missPath = "via";
    std::string preset;
    std::string trace;
    uint64_t requests = 0;
    std::string cacheSize = "64MB";
    std::string policies = "LRU,CSP,GDS1,GDSLAT";
    bool largestComponent = false;
    uint32_t randomTrials = 100;
    uint64_t exactNodes = 1000000;
    std::string json;
    std::string csv;
    std::string curve;
    std::string dot;
    std::string png;
    bool simulate = false;
    uint32_t runs = 10;
    uint32_t jobs = 1;
    std::string dataRate = "100Mbps";
    std::string prefix;

    CommandLine cmd(__FILE__);
    OptionChecker opt(cmd, "proxy-placement");
    std::vector<std::string> formats = BackboneReader::GetFormatNames();
    formats.insert(formats.begin(), "auto");
    std::vector<std::string> algorithms = PlacementAlgorithm::GetNames();
    algorithms.emplace_back("compare");
    opt.AddText("topology", "Topology file (or Rocketfuel directory)", topology);
    opt.AddChoice("format", "Topology format (auto: from the content)", format, formats);
    opt.AddInteger(
        "proxies", "Number of proxies k (0: as many as --improvement needs)", proxies, 0, 1000000);
    opt.AddReal("improvement",
                "Desired improvement over no proxies, percent (0: none)",
                improvement,
                0,
                100);
    opt.AddChoice("target",
                  "What --improvement measures: cost (the metric's reduction over no proxies) "
                  "or hits (the share of all bytes that proxy hits serve)",
                  target,
                  {"cost", "hits"});
    opt.AddChoice("algorithm", "Placement algorithm", algorithm, algorithms);
    opt.AddChoice("metric",
                  "Link length to optimise: latency or weight (bandwidth, load)",
                  metric,
                  {"latency", "weight", "bandwidth", "load"});
    opt.AddText("origin", "Name or index of the origin server's node (default: node 0)", origin);
    opt.AddReal("hitRatio", "Byte hit ratio of every proxy, without a workload", hitRatio, 0, 1);
    opt.AddChoice("missPath",
                  "via (misses go proxy - origin) or direct (client - origin)",
                  missPath,
                  {"via", "direct"});
    opt.AddChoice("preset",
                  "Synthetic workload for demands and policies",
                  preset,
                  SyntheticWorkload::GetPresetNames());
    opt.AddInputFile("trace", "Trace (Squid log or CSV) for demands and policies", trace);
    opt.AddInteger("requests",
                   "Requests to generate with --preset (0: 100000, or 500 with --simulate)",
                   requests,
                   0,
                   100000000);
    opt.AddText("cacheSize", "Cache size of every proxy (K, M, G units)", cacheSize);
    opt.AddText("policies", "Replacement policies to choose from (comma list)", policies);
    opt.AddFlag("largestComponent",
                "Place on the largest component of a disconnected graph",
                largestComponent);
    opt.AddInteger("randomTrials",
                   "Random placements averaged by --algorithm=compare",
                   randomTrials,
                   1,
                   1000000);
    opt.AddInteger("exactNodes",
                   "Search-node limit of the exact algorithm per k",
                   exactNodes,
                   1,
                   std::numeric_limits<uint64_t>::max());
    opt.AddRunAliases();
    opt.AddText("json", "Write the report as JSON to this file", json);
    opt.AddText("csv", "Write the proxies as CSV to this file", csv);
    opt.AddText("curve", "Write the cost curve as CSV to this file", curve);
    opt.AddText("dot", "Write the graph as Graphviz DOT, proxies marked, to this file", dot);
    opt.AddText("png",
                "Draw the graph, proxies marked, into this PNG file (Graphviz; a map when the "
                "nodes have coordinates)",
                png);
    opt.AddFlag(
        "simulate", "Check the prediction in ns-3: runs with and without the proxies", simulate);
    opt.AddInteger("runs", "Independent runs of --simulate", runs, 2, 1000);
    opt.AddInteger("jobs", "Runs at once (processes)", jobs, 1, 64);
    opt.AddRate("dataRate",
                "Data rate of the backbone links with --simulate",
                dataRate,
                DataRate("1kbps"),
                DataRate("1000Gbps"));
    opt.AddText("prefix", "With --simulate, write PREFIX-vs-paper.csv and PREFIX-runs.csv", prefix);
    opt.Parse(argc, argv);

    opt.Require(!topology.empty(), "topology", "is required", "a topology file or directory");
    opt.Require(proxies > 0 || improvement > 0,
                "proxies",
                "neither --proxies nor --improvement is given",
                "--proxies=K or --improvement=PERCENT");
    opt.Require(preset.empty() || trace.empty(),
                "trace",
                "given with --preset",
                "--preset or --trace, not both");
    if (simulate && preset.empty() && trace.empty())
    {
        preset = "modem"; // the check needs requests to replay
    }
    if (requests == 0)
    {
        requests = simulate ? 500 : 100000;
    }
    const DistanceMatrix::Metric m = DistanceMatrix::ParseMetric(metric);
    uint64_t cacheBytes = 0;
    std::vector<std::string> policyNames;
    try
    {
        cacheBytes = CacheSimulator::ParseSize(cacheSize);
    }
    catch (const std::invalid_argument& e)
    {
        opt.Fail("cacheSize", cacheSize, e.what(), "a size such as 64MB, 512K or 1G");
    }
    try
    {
        policyNames = CacheSimulator::SplitList(policies);
        PolicyAdvisor(cacheBytes, policyNames);
    }
    catch (const std::invalid_argument& e)
    {
        opt.Fail("policies", policies, e.what(), "a comma list of the cache library's policies");
    }

    try
    {
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
                opt.Fail("origin", origin, "no such node in " + topology, "a node's name or index");
            }
            o = uint32_t(i);
        }

        // Workload: demands by node and each node's own requests for the policy advice. A
        // synthetic workload depends on RngRun: each run of --simulate draws its own.
        auto loadRecords = [&]()
        {
            std::vector<TraceRecord> records;
            TraceRecord r;
            if (!preset.empty())
            {
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
            return records;
        };
        std::vector<std::vector<TraceRecord>> perNode;
        if (!preset.empty() || !trace.empty())
        {
            const std::vector<TraceRecord> records = loadRecords();
            perNode = PolicyAdvisor::SplitByClient(records, graph.GetNodeCount());
            SetDemands(graph, perNode);
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
            advice = MakeAdvisor(cacheBytes, policyNames).EvaluatePerNode(perNode, latencyProblem);
            PolicyAdvisor::Apply(advice, latencyProblem);
            PolicyAdvisor::Apply(advice, weightProblem);
        }
        else
        {
            latencyProblem.SetHitRatio(hitRatio);
            weightProblem.SetHitRatio(hitRatio);
        }
        // [ProxyTeller]'s goal is an improvement in bandwidth, latency or hit ratio: the
        // first two are the cost's, the third stops the same placement at a hit share.
        const bool hitTarget = target == "hits" && improvement > 0;
        const double costTarget
            = improvement > 0 && !hitTarget ? improvement / 100 : PlacementAlgorithm::NO_TARGET;
        auto place = [&](const PlacementAlgorithm& a)
        {
            return hitTarget ? a.RunToHitFraction(problem, proxies, improvement / 100)
                             : a.Run(problem, proxies, costTarget);
        };
        std::cout << graph.GetName() << ": " << graph.GetNodeCount() << " nodes, "
                  << graph.GetLinkCount() << " links; origin " << graph.GetNode(o).name
                  << "; metric " << metric << "\n";

        if (algorithm == "compare")
        {
            // Every algorithm, then each one's cost beside the optimum: branch and bound's
            // answer when it is proven optimal (else its lower bound, which the gap then
            // over-states), where both placed the same number of proxies.
            std::vector<std::pair<std::string, PlacementResult>> rows;
            for (const auto& name : PlacementAlgorithm::GetNames())
            {
                // Branch and bound is for small instances: bounded here, its answer is then
                // the best found (marked "no" in the optimal column).
                auto a = name == "exact" ? std::unique_ptr<PlacementAlgorithm>(
                             std::make_unique<ExactPlacement>(exactNodes))
                                         : PlacementAlgorithm::Create(name);
                PlacementResult r = place(*a);
                if (name == "random")
                {
                    RandomPlacement rp;
                    rp.AssignStreams(0);
                    double sum = 0;
                    double secs = 0;
                    for (uint32_t t = 0; t < randomTrials; ++t)
                    {
                        PlacementResult x = place(rp);
                        sum += x.cost;
                        secs += x.seconds;
                    }
                    r.cost = sum / randomTrials;
                    r.seconds = secs / randomTrials;
                }
                rows.emplace_back(name == "random" ? "random(mean)" : name, r);
            }
            const PlacementResult& exact = rows[3].second;
            const double optimum = exact.optimal ? exact.cost : exact.lowerBound;
            std::cout << std::left << std::setw(14) << "algorithm" << std::right << std::setw(6)
                      << "k" << std::setw(16) << "cost" << std::setw(14) << "improvement"
                      << std::setw(12) << "seconds" << std::setw(9) << "optimal" << std::setw(14)
                      << (exact.optimal ? "over optimum" : "over bound") << "\n";
            for (const auto& [name, r] : rows)
            {
                std::ostringstream gap;
                if (optimum > 0 && r.proxies.size() == exact.proxies.size())
                {
                    gap << std::fixed << std::setprecision(2) << 100 * (r.cost / optimum - 1)
                        << "%";
                }
                else
                {
                    gap << "-";
                }
                std::cout << std::left << std::setw(14) << name << std::right << std::setw(6)
                          << r.proxies.size() << std::setw(16) << std::setprecision(8) << r.cost
                          << std::setw(13) << std::setprecision(4) << 100 * r.GetImprovement()
                          << "%" << std::setw(12) << std::setprecision(3) << r.seconds
                          << std::setw(9) << (name == "exact" ? (r.optimal ? "yes" : "no") : "")
                          << std::setw(14) << gap.str() << "\n";
            }
            if (!exact.optimal)
            {
                std::cout << "exact: the node limit (--exactNodes) stopped the search; lower "
                             "bound "
                          << std::setprecision(8) << exact.lowerBound << "\n";
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
        const PlacementResult result = place(*a);
        if (!perNode.empty())
        {
            // The placement used each site's own requests; the proxies now serve their
            // nodes' merged requests, which hit more: the report, the installed policies and
            // the predictions of --simulate use those (the curve and the cost above stay the
            // placement's own).
            advice = MakeAdvisor(cacheBytes, policyNames)
                         .EvaluateAssigned(perNode, advice, result.proxies, latencyProblem);
            PolicyAdvisor::Apply(advice, weightProblem);
            std::cout << "proxies judged on the merged requests of the nodes they serve "
                         "(metrics and policies below)\n";
        }
        PlacementReport report(graph, result);
        report.AddMetric("latency", latencyProblem);
        report.AddMetric("bandwidth", weightProblem);
        report.SetPolicies(advice);
        report.WriteText(std::cout);
        const double reached
            = hitTarget ? problem.HitFraction(result.proxies) : result.GetImprovement();
        if (improvement > 0 && reached < improvement / 100)
        {
            std::cout << "the desired " << (hitTarget ? "hit share" : "improvement") << " of "
                      << improvement << " % is not reached with " << result.proxies.size()
                      << " proxies\n";
        }
        WriteTo(json, [&](std::ostream& os) { report.WriteJson(os); });
        WriteTo(csv, [&](std::ostream& os) { report.WriteCsv(os); });
        WriteTo(curve, [&](std::ostream& os) { report.WriteCurveCsv(os); });
        WriteTo(dot, [&](std::ostream& os) { report.WriteDot(os); });
        if (!png.empty())
        {
            report.WritePng(png);
            std::cout << "wrote " << png << "\n";
        }

        if (simulate)
        {
            CheckByRuns(graph,
                        latencyProblem,
                        weightProblem,
                        result,
                        advice,
                        loadRecords,
                        {policyNames, cacheBytes, dataRate, runs, jobs, prefix});
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "proxy-placement: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
