/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Workload throughput: trace readers (lines/s), writers and the synthetic generator
 * (records/s). Goals (workloads issue): the Squid log reader reads >= 1M lines/s, the
 * generator makes >= 2M records/s.
 *
 * Until the first Simulator::Run, ns-3 records every Time object in a global std::set (so
 * that Time::SetResolution can rescale them): each Time a record gets then costs a set
 * insertion and erasure. The generator is therefore measured both before any simulation
 * (BM_SyntheticWorkload, as when a script builds a trace before simulating) and inside a
 * simulation event (BM_SyntheticWorkloadInSimulation, as a request source generating on the
 * fly). The latter runs last: after it, Times are no longer recorded in this process.
 *
 * The trace files are written once, before the benchmarks, from the "modem" preset of
 * SyntheticWorkload (realistic host names, paths and sizes) into the temporary directory,
 * and removed at the end. Options before Google Benchmark's own:
 *   --lines=N   records in the files (default 1000000)
 *   --keep      keep the files (their paths are printed)
 */
#include "ns3/core-module.h"
#include "ns3/csv-trace-reader.h"
#include "ns3/csv-trace-writer.h"
#include "ns3/option-checker.h"
#include "ns3/squid-log-reader.h"
#include "ns3/squid-log-writer.h"
#include "ns3/synthetic-workload.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ns3;

namespace
{

uint64_t g_lines = 1000000;
std::string g_squidPath;
std::string g_csvPath;

Ptr<SyntheticWorkload>
Generator(uint64_t requests)
{
    Ptr<SyntheticWorkload> w = SyntheticWorkload::CreatePreset("modem");
    w->SetAttribute("Requests", UintegerValue(requests));
    w->AssignStreams(0);
    return w;
}

/// Write both files from the same generated records.
void
WriteFiles()
{
    auto dir = std::filesystem::temp_directory_path();
    std::string base = (dir / ("workload-bench-" + std::to_string(getpid()))).string();
    g_squidPath = base + ".log";
    g_csvPath = base + ".csv";
    SquidLogWriter squid(g_squidPath);
    CsvTraceWriter csv(g_csvPath);
    Ptr<SyntheticWorkload> w = Generator(g_lines);
    TraceRecord r;
    while (w->Next(r))
    {
        squid.Write(r, MilliSeconds(180));
        csv.Write(r);
    }
    squid.Close();
    csv.Close();
    std::cerr << "trace files: " << g_squidPath << " ("
              << std::filesystem::file_size(g_squidPath) / 1000000 << " MB), " << g_csvPath << " ("
              << std::filesystem::file_size(g_csvPath) / 1000000 << " MB), " << g_lines
              << " lines each\n";
}

/// Read a whole file with a reader; one iteration is one pass.
template <typename Reader>
void
ReadFile(benchmark::State& state, const std::string& path)
{
    uint64_t lines = 0;
    uint64_t bytes = 0;
    for (auto _ : state)
    {
        Ptr<Reader> reader = Create<Reader>();
        reader->Open(path);
        TraceRecord r;
        while (reader->Next(r))
        {
            bytes += r.size;
        }
        if (reader->GetRecordCount() != g_lines)
        {
            state.SkipWithError("record count differs from the lines written");
            break;
        }
        lines += reader->GetRecordCount();
    }
    benchmark::DoNotOptimize(bytes);
    state.SetItemsProcessed(static_cast<int64_t>(lines));
    state.SetBytesProcessed(static_cast<int64_t>(std::filesystem::file_size(path))
                            * static_cast<int64_t>(state.iterations()));
    state.counters["lines"] = static_cast<double>(g_lines);
}

void
BM_SquidLogReader(benchmark::State& state)
{
    ReadFile<SquidLogReader>(state, g_squidPath);
}

void
BM_CsvTraceReader(benchmark::State& state)
{
    ReadFile<CsvTraceReader>(state, g_csvPath);
}

/// Records kept in memory for the writer benchmarks (generated once).
const std::vector<TraceRecord>&
Records()
{
    static std::vector<TraceRecord> records;
    if (records.empty())
    {
        Ptr<SyntheticWorkload> w = Generator(100000);
        TraceRecord r;
        while (w->Next(r))
        {
            records.push_back(r);
        }
    }
    return records;
}

template <typename Writer>
void
WriteRecords(benchmark::State& state)
{
    const auto& records = Records();
    for (auto _ : state)
    {
        std::ostringstream os;
        Writer w(os);
        for (const auto& r : records)
        {
            w.Write(r);
        }
        w.Close();
        benchmark::DoNotOptimize(os.str().size());
    }
    state.SetItemsProcessed(static_cast<int64_t>(records.size() * state.iterations()));
}

void
BM_SquidLogWriter(benchmark::State& state)
{
    WriteRecords<SquidLogWriter>(state);
}

void
BM_CsvTraceWriter(benchmark::State& state)
{
    WriteRecords<CsvTraceWriter>(state);
}

void
BM_SyntheticWorkload(benchmark::State& state)
{
    const auto n = static_cast<uint64_t>(state.range(0));
    uint64_t records = 0;
    for (auto _ : state)
    {
        state.PauseTiming(); // building the object universe is set-up, not generation
        Ptr<SyntheticWorkload> w = Generator(n);
        w->GetObjectCount();
        state.ResumeTiming();
        TraceRecord r;
        while (w->Next(r))
        {
            ++records;
        }
    }
    state.SetItemsProcessed(static_cast<int64_t>(records));
}

/// Generation inside a simulator event: no Time bookkeeping (see the file comment).
void
BM_SyntheticWorkloadInSimulation(benchmark::State& state)
{
    const auto n = static_cast<uint64_t>(state.range(0));
    uint64_t records = 0;
    for (auto _ : state)
    {
        state.PauseTiming();
        Ptr<SyntheticWorkload> w = Generator(n);
        w->GetObjectCount();
        state.ResumeTiming();
        Simulator::ScheduleNow(
            [w, &records]()
            {
                TraceRecord r;
                while (w->Next(r))
                {
                    ++records;
                }
            });
        Simulator::Run();
    }
    state.SetItemsProcessed(static_cast<int64_t>(records));
    Simulator::Destroy();
}

BENCHMARK(BM_SquidLogReader)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_CsvTraceReader)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_SquidLogWriter)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CsvTraceWriter)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SyntheticWorkload)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(2);
// Last: the first Simulator::Run ends ns-3's Time bookkeeping for the rest of the process.
BENCHMARK(BM_SyntheticWorkloadInSimulation)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

} // namespace

int
main(int argc, char** argv)
{
    bool keep = false;
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i)
    {
        if (std::strncmp(argv[i], "--lines=", 8) == 0)
        {
            g_lines = OptionChecker::CheckInteger(
                "workload-bench", "lines", argv[i] + 8, 1, 1000000000);
        }
        else if (std::strcmp(argv[i], "--keep") == 0)
        {
            keep = true;
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
    WriteFiles();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (!keep)
    {
        std::remove(g_squidPath.c_str());
        std::remove(g_csvPath.c_str());
    }
    return 0;
}
