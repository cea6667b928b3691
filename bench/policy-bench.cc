/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Replacement policy throughput: each policy replays the same request sequence (default
 * 10M requests over 1M objects, Zipf 0.8 popularity, the "modem" preset's heavy-tailed
 * sizes: lognormal bodies and Pareto tails per content type) through a cache of 10% of the
 * objects' total bytes: Lookup, and Insert after each miss. Goals (issue #4): >= 10M
 * requests/s for LRU, >= 3M/s for GDSF and GDS.
 *
 * The sequence is generated once (SyntheticWorkload, fixed streams) before the benchmarks;
 * only the replay is timed. Each policy runs twice: BM_Policy/<name> does Lookup (and Insert)
 * per request; BM_Policy/<name>/prefetch also calls ReplacementPolicy::Prefetch with the key
 * 12 requests ahead, as a trace-driven caller that knows its sequence can. Counters:
 * items_per_second (requests/s), hit and byte hit ratios, and heap bytes per cached object: the
 * growth of glibc's allocated memory (mallinfo2(): uordblks, the heap, plus hblkhd, the
 * separately mapped blocks that large arrays get) from before the policy is created to the end
 * of the replay, divided by the objects cached then (index, nodes, hash buckets, heap arrays
 * with their unused reserve; the request array is allocated before and not counted).
 *
 * End to end, side by side (issue 17): the same sequence is written at run time as a
 * libCacheSim oracleGeneral file (24-byte records: time = request number / 1000, the object
 * index as id, size, next access) and BM_EndToEnd/<name> replays it as cache-sim does:
 * IdTraceReader blocks of 64 Ki records into CacheSimulator::AddIds (prefetch included), the
 * file read from the page cache, timed from opening it to the last request. Goals: LRU >= 10M
 * requests/s, GDSF >= 3M/s. The file is removed at exit unless --keepTrace is given; cache-sim
 * can then be run on it (--trace=FILE) for the whole program's figure.
 *
 * Options before Google Benchmark's own:
 *   --requests=N   requests (default 10000000)
 *   --objects=N    object universe (default 1000000)
 *   --cache=F      cache size as a fraction of the universe's bytes (default 0.1)
 *   --trace=FILE   where to write the oracleGeneral trace (default
 *                  /tmp/policy-bench-<pid>.oracleGeneral.bin)
 *   --keepTrace    keep that file
 */
#include "ns3/cache-simulator.h"
#include "ns3/core-module.h"
#include "ns3/id-trace-reader.h"
#include "ns3/option-checker.h"
#include "ns3/replacement-policy.h"
#include "ns3/synthetic-workload.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <malloc.h>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ns3;

namespace
{

uint64_t g_requests = 10000000;
uint64_t g_objects = 1000000;
double g_cacheFraction = 0.1;

/// One request of the replayed sequence.
struct Request
{
    uint32_t key;  //!< object index
    uint32_t size; //!< bytes
};

std::vector<Request> g_sequence;
uint64_t g_capacity = 0;

void
Generate()
{
    Ptr<SyntheticWorkload> w = SyntheticWorkload::CreatePreset("modem");
    w->SetAttribute("Requests", UintegerValue(g_requests));
    w->SetAttribute("Objects", UintegerValue(g_objects));
    w->SetAttribute("ZipfTheta", DoubleValue(0.8));
    w->AssignStreams(0);
    g_sequence.reserve(g_requests);
    std::vector<uint32_t> sizeOf(g_objects, 0);
    std::vector<bool> seen(g_objects, false);
    uint64_t distinctBytes = 0;
    uint64_t distinct = 0;
    TraceRecord r;
    while (w->Next(r))
    {
        const auto key = uint32_t(w->GetLastObject());
        g_sequence.push_back({key, uint32_t(r.size)});
        if (!seen[key])
        {
            seen[key] = true;
            ++distinct;
            distinctBytes += r.size;
        }
    }
    // The universe's bytes: requested objects at their size, the others at the mean.
    const double mean = distinct ? double(distinctBytes) / double(distinct) : 0;
    const double total = double(distinctBytes) + mean * double(g_objects - distinct);
    g_capacity = uint64_t(g_cacheFraction * total);
    std::cerr << "policy-bench: " << g_sequence.size() << " requests, " << distinct << " of "
              << g_objects << " objects requested, universe ~" << uint64_t(total) / (1 << 20)
              << " MB, cache " << g_capacity / (1 << 20) << " MB (" << g_capacity << " bytes)\n";
}

std::string g_trace;
bool g_keepTrace = false;

/// Write g_sequence as an oracleGeneral file (little-endian, as libCacheSim reads it).
void
WriteOracleTrace()
{
    const size_t n = g_sequence.size();
    std::vector<int64_t> next(n, -1);
    std::vector<int64_t> seenAt(g_objects, -1);
    for (size_t i = n; i-- > 0;)
    {
        next[i] = seenAt[g_sequence[i].key];
        seenAt[g_sequence[i].key] = int64_t(i);
    }
    std::ofstream out(g_trace, std::ios::binary);
    std::vector<unsigned char> buf;
    buf.reserve(IdTraceReader::ORACLE_RECORD * 65536);
    auto put = [&buf](uint64_t v, int bytes)
    {
        for (int b = 0; b < bytes; ++b)
        {
            buf.push_back((unsigned char)(v >> (8 * b)));
        }
    };
    for (size_t i = 0; i < n; ++i)
    {
        put(uint32_t(i / 1000), 4);
        put(g_sequence[i].key, 8);
        put(g_sequence[i].size, 4);
        put(uint64_t(next[i]), 8);
        if (buf.size() >= IdTraceReader::ORACLE_RECORD * 65536 || i + 1 == n)
        {
            out.write(reinterpret_cast<const char*>(buf.data()), std::streamsize(buf.size()));
            buf.clear();
        }
    }
    if (!out)
    {
        std::cerr << "policy-bench: cannot write " << g_trace << "\n";
        std::exit(1);
    }
    std::cerr << "policy-bench: wrote " << g_trace << " (" << n << " oracleGeneral records)\n";
}

/// cache-sim's integer-id path over the oracleGeneral file: read, then AddIds, per block.
void
BM_EndToEnd(benchmark::State& state, const std::string& name)
{
    CacheSimulator::Result result;
    for (auto _ : state)
    {
        CacheSimulator sim({name}, {g_capacity});
        IdTraceReader reader(g_trace, IdTraceReader::ORACLE_GENERAL);
        std::vector<IdTraceReader::Request> block(size_t(1) << 16);
        while (size_t n = reader.Read(block.data(), block.size()))
        {
            sim.AddIds(block.data(), n);
        }
        result = sim.GetResults().front();
    }
    state.SetItemsProcessed(int64_t(state.iterations() * g_sequence.size()));
    state.counters["hit_ratio"] = result.GetHitRatio();
    state.counters["byte_hit_ratio"] = result.GetByteHitRatio();
    state.counters["policy_loop_s"] = result.seconds;
}

/// \return bytes allocated through malloc: heap and separately mapped blocks
size_t
AllocatedBytes()
{
    const struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

/// Requests ahead at which the replay gives ReplacementPolicy::Prefetch its hint.
constexpr size_t PREFETCH_DISTANCE = 12;

void
BM_Policy(benchmark::State& state, const std::string& name, bool prefetch)
{
    uint64_t hits = 0;
    uint64_t hitBytes = 0;
    uint64_t bytes = 0;
    double perObject = 0;
    size_t cached = 0;
    for (auto _ : state)
    {
        state.PauseTiming();
        const size_t heapBefore = AllocatedBytes();
        auto policy = CreateReplacementPolicy(name, g_capacity);
        hits = hitBytes = bytes = 0;
        state.ResumeTiming();
        const size_t n = g_sequence.size();
        for (size_t i = 0; i < n; ++i)
        {
            const Request& q = g_sequence[i];
            if (prefetch)
            {
                policy->Prefetch(g_sequence[std::min(i + PREFETCH_DISTANCE, n - 1)].key);
            }
            bytes += q.size;
            if (policy->Lookup(q.key))
            {
                ++hits;
                hitBytes += q.size;
            }
            else
            {
                // A fetch cost in seconds that varies by object, for GDSLAT and CSP.
                policy->Insert(q.key, q.size, 0.02 + 0.001 * (q.key % 200));
            }
        }
        state.PauseTiming();
        cached = policy->GetObjectCount();
        perObject = double(AllocatedBytes() - heapBefore) / double(cached);
        policy.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(int64_t(state.iterations() * g_sequence.size()));
    state.counters["hit_ratio"] = double(hits) / double(g_sequence.size());
    state.counters["byte_hit_ratio"] = double(hitBytes) / double(bytes);
    state.counters["cached_objects"] = double(cached);
    state.counters["heap_B_per_object"] = perObject;
}

} // namespace

int
main(int argc, char** argv)
{
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i)
    {
        if (std::strncmp(argv[i], "--requests=", 11) == 0)
        {
            g_requests = OptionChecker::CheckInteger(
                "policy-bench", "requests", argv[i] + 11, 1, 1000000000);
        }
        else if (std::strncmp(argv[i], "--objects=", 10) == 0)
        {
            g_objects = OptionChecker::CheckInteger(
                "policy-bench", "objects", argv[i] + 10, 1, 100000000);
        }
        else if (std::strncmp(argv[i], "--cache=", 8) == 0)
        {
            g_cacheFraction
                = OptionChecker::CheckReal("policy-bench", "cache", argv[i] + 8, 1e-6, 1);
        }
        else if (std::strncmp(argv[i], "--trace=", 8) == 0)
        {
            g_trace = argv[i] + 8;
        }
        else if (std::strcmp(argv[i], "--keepTrace") == 0)
        {
            g_keepTrace = true;
        }
        else
        {
            args.push_back(argv[i]);
        }
    }
    int n = static_cast<int>(args.size());
    benchmark::Initialize(&n, args.data());
    if (benchmark::ReportUnrecognizedArguments(n, args.data()))
    {
        return 1;
    }
    Generate();
    if (g_trace.empty())
    {
        g_trace = "/tmp/policy-bench-" + std::to_string(getpid()) + ".oracleGeneral.bin";
    }
    WriteOracleTrace();
    for (const auto& name : GetReplacementPolicyNames())
    {
        benchmark::RegisterBenchmark(("BM_EndToEnd/" + name).c_str(), BM_EndToEnd, name)
            ->Unit(benchmark::kMillisecond)
            ->Iterations(1);
        for (bool prefetch : {false, true})
        {
            benchmark::RegisterBenchmark(
                ("BM_Policy/" + name + (prefetch ? "/prefetch" : "")).c_str(),
                BM_Policy,
                name,
                prefetch)
                ->Unit(benchmark::kMillisecond)
                ->Iterations(1);
        }
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (!g_keepTrace)
    {
        std::remove(g_trace.c_str());
    }
    return 0;
}
