/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Trace-driven cache simulator: replays a trace or a synthetic preset through finite caches of
 * each replacement policy and size, and prints per policy and size the requests, misses, miss
 * ratio, byte miss ratio, hit ratios, evictions and requests/s (CacheSimulator).
 *
 *   cache-sim --trace=access.log --policy=LRU,GDSF --sizes=1MB,10MB,1GB
 *   cache-sim --trace=w.oracleGeneral.bin --policy=LRU,S3FIFO --sizes=1GB --csv=out.csv
 *   cache-sim --preset=modem --requests=200000 --policy=all --sizes=16MB,256MB,inf
 *
 * Trace formats (--format, default auto: told from the file's content): squid (access.log),
 * csv (the module's CSV of workload-stats --write), oracleGeneral (libCacheSim's binary
 * records) and idcsv (lines time,id,size). The last two carry integer object ids, which go
 * straight into the policies (CacheSimulator::AddIds): no URL, no cachability rule, cost 1.
 *
 * For Squid logs, CSV traces and presets, cachability is TraceStatistics' infinite-cache
 * rule (workload-stats prints the same infinite-cache figures); --cookies=ignore drops the
 * Cookie/Set-Cookie rules. The fetch cost given to the cost-aware policies (GDSLAT, CSP) is,
 * with --cost=auto: the elapsed time of a Squid log line; twice the server's round-trip time
 * for a preset (connection set-up and request); 1 for a CSV or integer-id trace, which record
 * no latency. --cost=one gives 1 everywhere.
 *
 * requests/s: for an integer-id trace, each case's requests over the time of its own policy
 * loop plus its share (1 / cases) of the time spent reading the trace; otherwise every case's
 * requests over the wall time of the whole replay (all caches are fed each record in turn).
 * --csv=FILE writes one row per case: policy,cache_bytes,requests,misses,miss_ratio,
 * byte_miss_ratio,requests_per_s (cache_bytes "inf" for an infinite cache).
 *
 * Exit status: 0 success; 1 bad command line (unknown option, a value out of its allowed set
 * or range, --trace and --preset both or neither, a --csv file that cannot be created), the
 * option, its value and what is allowed named on stderr; 2 bad input file (cannot be opened or
 * read, format not recognised, truncated or malformed record), the file and the record or
 * line named on stderr; 3 any other failure.
 */

#include "ns3/attribute-text-check.h"
#include "ns3/cache-simulator.h"
#include "ns3/core-module.h"
#include "ns3/squid-log-reader.h"
#include "ns3/synthetic-workload.h"
#include "ns3/trace-format-error.h"
#include "ns3/trace-reader.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("CacheSimExample");

namespace
{

/// Exit status of a bad command line.
constexpr int BAD_USAGE = 1;
/// Exit status of a bad input file.
constexpr int BAD_INPUT = 2;
/// Exit status of any other failure.
constexpr int FAILURE = 3;

/// Figures of one case as printed.
struct Row
{
    CacheSimulator::Result result; //!< the simulator's figures
    double rate{0};                //!< requests/s
};

/**
 * Print the table.
 * \param rows the cases
 * \param os the stream
 */
void
PrintTable(const std::vector<Row>& rows, std::ostream& os)
{
    std::ostringstream o;
    o << std::left << std::setw(8) << "policy" << std::right << std::setw(10) << "size"
      << std::setw(12) << "requests" << std::setw(12) << "misses" << std::setw(9) << "miss %"
      << std::setw(13) << "byte miss %" << std::setw(9) << "hit %" << std::setw(12) << "byte hit %"
      << std::setw(12) << "evictions" << std::setw(14) << "requests/s"
      << "\n";
    o << std::fixed << std::setprecision(2);
    for (const auto& row : rows)
    {
        const CacheSimulator::Result& r = row.result;
        o << std::left << std::setw(8) << r.policy << std::right << std::setw(10)
          << CacheSimulator::FormatSize(r.capacity) << std::setw(12) << r.requests << std::setw(12)
          << r.requests - r.hits << std::setw(9) << 100 * r.GetMissRatio() << std::setw(13)
          << 100 * r.GetByteMissRatio() << std::setw(9) << 100 * r.GetHitRatio() << std::setw(12)
          << 100 * r.GetByteHitRatio() << std::setw(12) << r.evictions << std::setw(14)
          << std::setprecision(0) << row.rate << std::setprecision(2) << "\n";
    }
    os << o.str();
}

/**
 * Write the CSV rows.
 * \param rows the cases
 * \param os the stream
 */
void
WriteCsv(const std::vector<Row>& rows, std::ostream& os)
{
    os << "policy,cache_bytes,requests,misses,miss_ratio,byte_miss_ratio,requests_per_s\n";
    for (const auto& row : rows)
    {
        const CacheSimulator::Result& r = row.result;
        os << r.policy << ","
           << (r.capacity == CacheSimulator::INFINITE ? std::string("inf")
                                                      : std::to_string(r.capacity))
           << "," << r.requests << "," << r.requests - r.hits << "," << std::setprecision(10)
           << r.GetMissRatio() << "," << r.GetByteMissRatio() << "," << std::setprecision(0)
           << std::fixed << row.rate << std::defaultfloat << "\n";
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string trace;
    std::string format = "auto";
    bool skipMalformed = false;
    std::string preset;
    uint64_t requests = 100000;
    uint32_t seed = 0; // 0: not given, ns-3's --RngSeed applies
    uint64_t run = 0;  // 0: not given, ns-3's --RngRun applies
    std::string policies = "LRU,GDS1,GDSLAT,GDSF,LFU,CSP,SIEVE,S3FIFO";
    std::string sizes = "1MB,10MB,100MB,1GB,inf";
    std::string cookies = "honour";
    std::string cost = "auto";
    std::string csv;

    CommandLine cmd(__FILE__);
    cmd.AddValue("trace", "Trace file to replay", trace);
    cmd.AddValue("format",
                 "Format of --trace: auto (from its content), squid, csv, oracleGeneral or idcsv",
                 format);
    cmd.AddValue("skipMalformed",
                 "Skip malformed lines of squid and csv traces instead of stopping",
                 skipMalformed);
    cmd.AddValue("preset", "Synthetic workload instead of a trace: modem or research", preset);
    cmd.AddValue("requests", "Requests to generate (with --preset), >= 1", requests);
    cmd.AddValue("seed", "RNG seed (with --preset); an alias of --RngSeed", seed);
    cmd.AddValue("run", "RNG run number (with --preset); an alias of --RngRun", run);
    cmd.AddValue("policy", "Comma-separated replacement policies, or 'all'", policies);
    cmd.AddValue("sizes",
                 "Comma-separated cache sizes: bytes with an optional unit K, M, G, T "
                 "(powers of 1024), or inf",
                 sizes);
    cmd.AddValue(
        "cookies", "honour (Cookie/Set-Cookie make responses uncachable) or ignore", cookies);
    cmd.AddValue("cost", "Fetch cost of GDSLAT and CSP: auto or one", cost);
    cmd.AddValue("csv", "Also write one CSV row per policy and size to this file", csv);
    // ns-3's CommandLine aborts the program on some texts of an attribute's default (a number
    // followed by letters, a time with an unknown unit) instead of naming them: checked first.
    // The workload's attributes are kept to be set after its preset, which overwrites them.
    std::vector<std::pair<std::string, std::string>> workloadAttributes;
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg.rfind("--ns3::", 0) != 0)
        {
            continue;
        }
        const auto eq = arg.find('=');
        const std::string name = arg.substr(2, eq == std::string::npos ? eq : eq - 2);
        const std::string text = eq == std::string::npos ? "" : arg.substr(eq + 1);
        std::string allowed;
        const std::string problem = AttributeTextCheck::Check(name, text, allowed);
        if (!problem.empty())
        {
            std::cerr << "cache-sim: --" << name << "=" << text << ": " << problem
                      << " (allowed: " << allowed << ")\n";
            return BAD_USAGE;
        }
        const std::string workload = "ns3::SyntheticWorkload::";
        if (name.rfind(workload, 0) == 0)
        {
            if (name == workload + "Requests")
            {
                std::cerr << "cache-sim: --" << name << "=" << text
                          << ": set by --requests (allowed: --requests instead)\n";
                return BAD_USAGE;
            }
            workloadAttributes.emplace_back(name.substr(workload.size()), text);
        }
    }
    cmd.Parse(argc, argv);
    // --seed and --run only name ns-3's own RngSeed and RngRun, so that a run of cache-sim
    // depends on the same two numbers as every other program of the module.
    seed = seed ? seed : RngSeedManager::GetSeed();
    run = run ? run : RngSeedManager::GetRun();

    auto usage = [](const std::string& option, const std::string& value, const std::string& what)
    {
        std::cerr << "cache-sim: --" << option << "=" << value << ": " << what << "\n";
        return BAD_USAGE;
    };
    if (trace.empty() == preset.empty())
    {
        std::cerr << "cache-sim: give either --trace=<file> or --preset=modem|research\n";
        return BAD_USAGE;
    }
    if (!workloadAttributes.empty() && preset.empty())
    {
        return usage("ns3::SyntheticWorkload::" + workloadAttributes.front().first,
                     workloadAttributes.front().second,
                     "given with --trace (allowed: only with --preset)");
    }
    const std::vector<std::string> formats{"auto", "squid", "csv", "oracleGeneral", "idcsv"};
    if (std::find(formats.begin(), formats.end(), format) == formats.end())
    {
        return usage(
            "format", format, "unknown format (allowed: auto, squid, csv, oracleGeneral, idcsv)");
    }
    if (!preset.empty())
    {
        const auto known = SyntheticWorkload::GetPresetNames();
        if (std::find(known.begin(), known.end(), preset) == known.end())
        {
            std::string allowed;
            for (const auto& k : known)
            {
                allowed += (allowed.empty() ? "" : ", ") + k;
            }
            return usage("preset", preset, "unknown preset (allowed: " + allowed + ")");
        }
        if (requests == 0)
        {
            return usage("requests", "0", "must be at least 1");
        }
    }
    if (cookies != "honour" && cookies != "ignore")
    {
        return usage("cookies", cookies, "must be honour or ignore");
    }
    if (cost != "auto" && cost != "one")
    {
        return usage("cost", cost, "must be auto or one");
    }
    std::unique_ptr<CacheSimulator> sim;
    std::vector<std::string> names;
    try
    {
        names
            = policies == "all" ? GetReplacementPolicyNames() : CacheSimulator::SplitList(policies);
        for (const auto& n : names)
        {
            CreateReplacementPolicy(n, 1); // names the bad one
        }
    }
    catch (const std::invalid_argument& e)
    {
        return usage("policy", policies, e.what());
    }
    std::vector<uint64_t> bytes;
    try
    {
        for (const auto& s : CacheSimulator::SplitList(sizes))
        {
            bytes.push_back(CacheSimulator::ParseSize(s));
        }
    }
    catch (const std::invalid_argument& e)
    {
        return usage("sizes", sizes, e.what());
    }
    sim = std::make_unique<CacheSimulator>(names, bytes, cookies == "honour");
    std::ofstream csvFile;
    if (!csv.empty())
    {
        csvFile.open(csv);
        if (!csvFile)
        {
            return usage(
                "csv", csv, "cannot create the file: " + std::string(std::strerror(errno)));
        }
    }

    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    double readSeconds = 0;
    bool idTrace = false;
    const bool unitCost = cost == "one";
    try
    {
        TraceRecord r;
        IdTraceReader::Format idFormat = IdTraceReader::ORACLE_GENERAL;
        if (!preset.empty())
        {
            RngSeedManager::SetSeed(seed);
            RngSeedManager::SetRun(run);
            Ptr<SyntheticWorkload> workload = SyntheticWorkload::CreatePreset(preset);
            workload->SetAttribute("Requests", UintegerValue(requests));
            workload->SetAttributesFromText(workloadAttributes);
            workload->AssignStreams(0);
            while (workload->Next(r))
            {
                sim->Add(r, unitCost ? 1.0 : 2 * workload->GetServerRtt(r.server).GetSeconds());
            }
            std::cout << "Synthetic workload: preset " << preset << ", " << requests
                      << " requests, seed " << seed << ", run " << run << "\n";
        }
        else if (format == "auto" ? IdTraceReader::Detect(trace, idFormat)
                                  : IdTraceReader::ParseFormat(format, idFormat))
        {
            idTrace = true;
            IdTraceReader reader(trace, idFormat);
            // Blocks of 64 Ki requests (1.5 MiB): each cache replays a block while it is
            // in the processor's caches.
            std::vector<IdTraceReader::Request> block(size_t(1) << 16);
            while (true)
            {
                const auto t0 = Clock::now();
                const size_t n = reader.Read(block.data(), block.size());
                readSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
                if (n == 0)
                {
                    break;
                }
                sim->AddIds(block.data(), n);
            }
            std::cout << "Trace " << trace << ": " << reader.GetRecordCount() << " requests ("
                      << IdTraceReader::GetFormatName(idFormat) << ")\n";
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
    catch (const TraceFormatError& e)
    {
        std::cerr << "cache-sim: " << e.what() << "\n";
        return BAD_INPUT;
    }
    catch (const std::exception& e)
    {
        std::cerr << "cache-sim: " << e.what() << "\n";
        return FAILURE;
    }
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();

    std::vector<Row> rows;
    for (const auto& result : sim->GetResults())
    {
        Row row{result, 0.0};
        const double seconds
            = idTrace ? result.seconds + readSeconds / double(names.size() * bytes.size()) : wall;
        row.rate = seconds > 0 ? double(result.requests) / seconds : 0.0;
        rows.push_back(row);
    }
    if (idTrace)
    {
        std::cout << "integer ids; cost 1\n";
    }
    else
    {
        std::cout << sim->GetObjects() << " distinct URLs; cookies "
                  << (cookies == "honour" ? "honoured" : "ignored") << "; cost " << cost << "\n";
    }
    std::cout << std::fixed << std::setprecision(3) << "replay " << wall << " s wall"
              << (idTrace ? ", of which reading the trace " + std::to_string(readSeconds) + " s"
                          : std::string())
              << "; " << std::setprecision(0) << double(sim->GetRequests()) / wall
              << " requests/s through all " << rows.size() << " caches\n\n"
              << std::defaultfloat;
    PrintTable(rows, std::cout);
    std::string fellBack;
    for (const auto& row : rows)
    {
        if (row.result.fellBack)
        {
            fellBack
                += " " + row.result.policy + "/" + CacheSimulator::FormatSize(row.result.capacity);
        }
    }
    if (!fellBack.empty())
    {
        std::cout << "values compared in double precision (the sizes' common denominator "
                     "passed 2^192):"
                  << fellBack << "\n";
    }
    if (csvFile.is_open())
    {
        WriteCsv(rows, csvFile);
        csvFile.close();
        if (!csvFile)
        {
            std::cerr << "cache-sim: --csv=" << csv << ": write failed\n";
            return FAILURE;
        }
    }
    return 0;
}
