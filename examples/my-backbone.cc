/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The tutorial's scenario (doc/tutorial.rst): a backbone read from a file, proxies placed by
 * [ProxyTeller]'s greedy algorithm, an origin farm at one PoP, a dial-up modem pool at
 * another replaying a synthetic workload through its PoP's proxy, and a summary.
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/web-proxy-module.h"

#include <iostream>

// The module's own backbone: the build defines where it is; in an ns-3 tree, ./ns3 run starts
// programs at the tree's root.
#ifndef WEB_PROXY_TRACES_DIR
#define WEB_PROXY_TRACES_DIR "contrib/web-proxy/traces"
#endif

using namespace ns3;

int
main(int argc, char* argv[])
{
    // Step 1: options, each with its allowed values: a bad one ends the program with one line
    // naming it (status 2). Every random draw follows --RngSeed and --RngRun.
    std::string topology = WEB_PROXY_TRACES_DIR "/att-backbone.edges";
    std::string origin = "NewYork";
    std::string modemPop = "LosAngeles";
    uint32_t proxies = 3;
    uint32_t modems = 100;
    uint64_t requests = 2000;
    CommandLine cmd(__FILE__);
    OptionChecker opt(cmd, "my-backbone");
    opt.AddInputFile("topology", "Backbone file (edge list, GraphML, Rocketfuel ...)", topology);
    opt.AddText("origin", "PoP of the origin servers", origin);
    opt.AddText("modemPop", "PoP of the modem pool", modemPop);
    opt.AddInteger("proxies", "Proxies to place (0: none, the baseline)", proxies, 0, 100000);
    opt.AddInteger("modems", "Modems in the pool", modems, 1, 1u << 20);
    opt.AddInteger("requests", "Requests of the workload", requests, 1, 100000000);
    opt.AddSetByOption("ns3::SyntheticWorkload::Requests", "requests");
    opt.Parse(argc, argv);

    // Step 2: the backbone graph and where the proxies go.
    BackboneGraph graph;
    try
    {
        graph = BackboneReader::Load(topology, "auto");
    }
    catch (const TopologyFormatError& e) // a missing file, a bad line: named, with its line
    {
        std::cerr << "my-backbone: " << e.what() << "\n";
        return 2;
    }
    const int64_t o = graph.FindNode(origin);
    const int64_t m = graph.FindNode(modemPop);
    opt.Require(o >= 0, "origin", "no PoP of that name", "a node name of " + topology);
    opt.Require(m >= 0, "modemPop", "no PoP of that name", "a node name of " + topology);
    opt.Require(proxies <= graph.GetNodeCount(),
                "proxies",
                "more than the backbone's PoPs",
                "0 to " + std::to_string(graph.GetNodeCount()));
    const DistanceMatrix latency(graph, DistanceMatrix::LATENCY);
    PlacementProblem problem(graph, latency, uint32_t(o), PlacementProblem::VIA_PROXY);
    problem.SetHitRatio(0.4);  // a byte hit ratio to plan with
    PlacementResult placement; // no proxy: the clients fetch from the origins
    if (proxies > 0)           // (k = 0 would tell the algorithm "no limit")
    {
        placement = PlacementAlgorithm::Create("greedy")->Run(
            problem, proxies, PlacementAlgorithm::NO_TARGET);
    }

    // Step 3: the backbone in ns-3, one node per PoP, one point-to-point link per edge.
    ProxyPlacementHelper placer;
    placer.SetLinkAttribute("DataRate", StringValue("1Gbps"));
    NodeContainer pops = placer.BuildBackbone(graph);

    // Step 4: the workload, and an origin farm at the origin PoP serving its objects at the
    // workload's server round-trip times.
    Ptr<SyntheticWorkload> workload = SyntheticWorkload::CreatePreset("modem");
    workload->SetAttribute("Requests", UintegerValue(requests));
    // --ns3::SyntheticWorkload::ZipfTheta=0.9 and the like: ns-3 set only their defaults,
    // which the preset overwrote, so they are applied after it (Parse checked their text).
    workload->SetAttributesFromText(opt.GetGivenAttributes("ns3::SyntheticWorkload"));
    int64_t stream = 1;
    stream += workload->AssignStreams(stream);
    std::vector<TraceRecord> records;
    TraceRecord r;
    while (workload->Next(r))
    {
        records.push_back(r);
    }
    OriginFarmHelper farm(pops.Get(o),
                          {MilliSeconds(5), MilliSeconds(20), MilliSeconds(80), MilliSeconds(160)});
    for (const TraceRecord& x : records)
    {
        if (!farm.HasServer(x.server))
        {
            farm.AddServer(x.server, workload->GetServerRtt(x.server));
        }
    }
    stream += farm.AssignStreams(stream);
    farm.AddObjects(records);
    auto resolve = [&farm](const std::string& host)
    {
        return farm.Resolve(host);
    };

    // Step 5: a ProxyCache on each chosen PoP; misses go to the farm.
    placer.SetProxyResolver(resolve);
    ApplicationContainer caches = placer.Install(problem, placement, pops);

    // Step 6: the modem pool behind its own core router, linked to its PoP, and routes.
    ModemPoolHelper pool;
    pool.Install(modems);
    PointToPointHelper access;
    access.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    access.SetChannelAttribute("Delay", TimeValue(MicroSeconds(100)));
    pool.LinkTo(pops.Get(m), access);
    Ipv4GlobalRoutingHelper::RecomputeRoutingTables();

    // Step 7: the users' sessions on the modems, replayed through the PoP's proxy.
    TraceReplayHelper replay(resolve);
    replay.SetTimeOffset(Seconds(1));
    const auto sessions = ModemPoolHelper::AssignSessions(records, modems);
    ApplicationContainer clients = replay.Install(pool.GetModems(), sessions.perModem);
    placer.PointClients(m, clients); // the PoP's proxy, or the origins when none is nearer
    // ns-3's own draws (ARP jitter) on fixed streams too, not numbered in creation order.
    stream += AssignNetworkStreams(NodeContainer::GetGlobal(), stream);

    // Step 8: measure. One CSV line per request, and the summary on the console.
    Ptr<RequestRecordWriter> writer = Create<RequestRecordWriter>("my-backbone-requests.csv");
    writer->Attach(clients);
    uint64_t hits = 0;
    uint64_t results = 0;
    for (uint32_t i = 0; i < caches.GetN(); ++i)
    {
        caches.Get(i)->TraceConnectWithoutContext(
            "CacheResult",
            MakeBoundCallback(
                +[](uint64_t* h, uint64_t* n, const std::string&, const std::string& x, uint64_t)
                {
                    ++*n;
                    *h += x == "HIT" || x == "REFRESH_HIT";
                },
                &hits,
                &results));
    }
    // The clients stop 400 s after the last request: one still open then ends as failed
    // ("application stopped"), so every request is counted.
    const Time end = records.back().time + Seconds(400);
    clients.Stop(end);
    Simulator::Stop(end + NanoSeconds(1));
    Simulator::Run();
    std::cout << "proxies at";
    for (uint32_t p : placement.proxies)
    {
        std::cout << " " << graph.GetNode(p).name;
    }
    if (placement.proxies.empty())
    {
        std::cout << " none";
    }
    std::cout << "; the modem pool at " << modemPop << " uses "
              << graph.GetNode(placer.GetAssignment()[m]).name << "\n";
    std::cout << sessions.rejectedRequests << " requests not replayed: their user's session "
              << "found all " << modems << " modems busy\n";
    writer->GetSummary().Print(std::cout);
    std::cout << "proxy hits " << hits << " of " << results << " results\n";
    writer->Close();
    Simulator::Destroy();
    return 0;
}
