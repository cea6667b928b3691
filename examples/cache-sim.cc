/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Trace-driven cache simulator: replays a trace (Squid access.log or the module's CSV) or a
 * synthetic preset through finite caches of each replacement policy and size, and prints
 * requests, hits, hit ratio and byte hit ratio per policy and size (CacheSimulator).
 *
 *   cache-sim --trace=access.log --policy=LRU,GDSF --sizes=1MB,10MB,1GB
 *   cache-sim --preset=modem --requests=200000 --policy=all --sizes=16MB,256MB,inf
 *
 * Cachability is TraceStatistics' infinite-cache rule (workload-stats prints the same
 * infinite-cache figures); --cookies=ignore drops the Cookie/Set-Cookie rules. The fetch cost
 * given to the cost-aware policies (GDSLAT, CSP) is, with --cost=auto: the elapsed time of a
 * Squid log line; twice the server's round-trip time for a preset (connection set-up and
 * request); 1 for a CSV trace, which records no latency. --cost=one gives 1 everywhere.
 */

#include "ns3/cache-simulator.h"
#include "ns3/core-module.h"
#include "ns3/squid-log-reader.h"
#include "ns3/synthetic-workload.h"
#include "ns3/trace-reader.h"

#include <iostream>
#include <stdexcept>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("CacheSimExample");

int
main(int argc, char* argv[])
{
    std::string trace;
    std::string format = "auto";
    bool skipMalformed = false;
    std::string preset;
    uint64_t requests = 100000;
    uint32_t seed = 1;
    uint64_t run = 1;
    std::string policies = "LRU,GDS1,GDSLAT,GDSF,LFU,CSP,SIEVE,S3FIFO";
    std::string sizes = "1MB,10MB,100MB,1GB,inf";
    std::string cookies = "honour";
    std::string cost = "auto";

    CommandLine cmd(__FILE__);
    cmd.AddValue("trace", "Trace file to replay (Squid access.log or CSV)", trace);
    cmd.AddValue("format", "Format of --trace: auto, squid or csv", format);
    cmd.AddValue("skipMalformed", "Skip malformed trace lines instead of stopping", skipMalformed);
    cmd.AddValue("preset", "Synthetic workload instead of a trace: modem or research", preset);
    cmd.AddValue("requests", "Requests to generate (with --preset)", requests);
    cmd.AddValue("seed", "RNG seed (with --preset)", seed);
    cmd.AddValue("run", "RNG run number (with --preset)", run);
    cmd.AddValue("policy", "Comma-separated replacement policies, or 'all'", policies);
    cmd.AddValue("sizes",
                 "Comma-separated cache sizes: bytes with an optional unit K, M, G, T "
                 "(powers of 1024), or inf",
                 sizes);
    cmd.AddValue(
        "cookies", "honour (Cookie/Set-Cookie make responses uncachable) or ignore", cookies);
    cmd.AddValue("cost", "Fetch cost of GDSLAT and CSP: auto or one", cost);
    cmd.Parse(argc, argv);

    auto fail = [](const std::string& what)
    {
        std::cerr << "cache-sim: " << what << "\n";
        return 2;
    };
    if (trace.empty() == preset.empty())
    {
        return fail("give either --trace=<file> or --preset=modem|research");
    }
    if (cookies != "honour" && cookies != "ignore")
    {
        return fail("--cookies must be honour or ignore, not '" + cookies + "'");
    }
    if (cost != "auto" && cost != "one")
    {
        return fail("--cost must be auto or one, not '" + cost + "'");
    }
    std::unique_ptr<CacheSimulator> sim;
    try
    {
        const std::vector<std::string> names
            = policies == "all" ? GetReplacementPolicyNames() : CacheSimulator::SplitList(policies);
        std::vector<uint64_t> bytes;
        for (const auto& s : CacheSimulator::SplitList(sizes))
        {
            bytes.push_back(CacheSimulator::ParseSize(s));
        }
        sim = std::make_unique<CacheSimulator>(names, bytes, cookies == "honour");
    }
    catch (const std::invalid_argument& e)
    {
        return fail(e.what());
    }

    const bool unitCost = cost == "one";
    try
    {
        TraceRecord r;
        if (!preset.empty())
        {
            const auto known = SyntheticWorkload::GetPresetNames();
            if (std::find(known.begin(), known.end(), preset) == known.end())
            {
                return fail("unknown preset '" + preset + "'");
            }
            RngSeedManager::SetSeed(seed);
            RngSeedManager::SetRun(run);
            Ptr<SyntheticWorkload> workload = SyntheticWorkload::CreatePreset(preset);
            workload->SetAttribute("Requests", UintegerValue(requests));
            workload->AssignStreams(0);
            while (workload->Next(r))
            {
                sim->Add(r, unitCost ? 1.0 : 2 * workload->GetServerRtt(r.server).GetSeconds());
            }
            std::cout << "Synthetic workload: preset " << preset << ", " << requests
                      << " requests, seed " << seed << ", run " << run << "\n";
        }
        else
        {
            Ptr<TraceReader> reader = TraceReader::OpenTrace(trace, format);
            reader->SetErrorPolicy(skipMalformed ? TraceReader::SKIP : TraceReader::STOP);
            auto squid = DynamicCast<SquidLogReader>(reader);
            while (reader->Next(r))
            {
                sim->Add(r, squid && !unitCost ? squid->GetLastElapsed().GetSeconds() : 1.0);
            }
            std::cout << "Trace " << trace << ": " << reader->GetRecordCount() << " requests, "
                      << reader->GetSkippedCount() << " malformed lines skipped\n";
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "cache-sim: " << e.what() << "\n";
        return 1;
    }
    std::cout << sim->GetObjects() << " distinct URLs; cookies "
              << (cookies == "honour" ? "honoured" : "ignored") << "; cost " << cost << "\n\n";
    sim->Print(std::cout);
    return 0;
}
