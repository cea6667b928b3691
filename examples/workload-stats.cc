/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Statistics of a web workload beside [PROXIM]'s figures: request counts, sizes, the
 * uncachable-request table, persistent and aborted shares, infinite-cache hit ratios and the
 * Zipf exponent of popularity.
 *
 * The workload is a trace file (Squid access.log or the module's CSV, told apart by their
 * contents) or a synthetic preset:
 *
 *   workload-stats --trace=access.log [--skipMalformed] [--paper=modem]
 *   workload-stats --preset=modem --requests=100000 --seed=1 --run=1
 *   workload-stats --preset=research --requests=100000 --write=traces/research.csv
 *   workload-stats --preset=modem --requests=100000 --servers=0 --statuses
 *
 * --write copies the workload (generated or read) to a file, Squid or CSV (--format, or
 * from the extension: .csv is CSV, anything else Squid); a generated trace records its
 * parameters in a comment at the top. This is how the files in traces/ are produced.
 */

#include "ns3/core-module.h"
#include "ns3/csv-trace-writer.h"
#include "ns3/option-checker.h"
#include "ns3/squid-log-reader.h"
#include "ns3/squid-log-writer.h"
#include "ns3/synthetic-workload.h"
#include "ns3/trace-reader.h"
#include "ns3/trace-statistics.h"

#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("WorkloadStatsExample");

namespace
{

bool
EndsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size()
        && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The records' destination: a Squid or CSV writer, or nothing.
struct Output
{
    Ptr<SquidLogWriter> squid;
    Ptr<CsvTraceWriter> csv;

    void Comment(const std::string& text)
    {
        if (squid)
        {
            squid->WriteComment(text);
        }
        if (csv)
        {
            csv->WriteComment(text);
        }
    }

    void Write(const TraceRecord& r)
    {
        if (squid)
        {
            squid->Write(r);
        }
        if (csv)
        {
            csv->Write(r);
        }
    }

    void Close()
    {
        if (squid)
        {
            squid->Close();
        }
        if (csv)
        {
            csv->Close();
        }
    }
};

} // namespace

int
main(int argc, char* argv[])
{
    std::string trace;
    std::string traceFormat = "auto";
    bool skipMalformed = false;
    std::string preset;
    uint64_t requests = 100000;
    uint32_t servers = 0;
    bool statuses = false;
    std::string paper;
    std::string write;
    std::string format;

    CommandLine cmd(__FILE__);
    OptionChecker opt(cmd, "workload-stats");
    opt.AddInputFile("trace", "Trace file to read (Squid access.log or CSV)", trace);
    opt.AddChoice("traceFormat", "Format of --trace", traceFormat, {"auto", "squid", "csv"});
    opt.AddFlag("skipMalformed",
                "Skip malformed trace lines (counted) instead of stopping at the first",
                skipMalformed);
    opt.AddChoice("preset",
                  "Synthetic workload instead of a trace",
                  preset,
                  SyntheticWorkload::GetPresetNames());
    opt.AddInteger("requests", "Requests to generate (with --preset)", requests, 1, 1000000000);
    opt.AddInteger("servers",
                   "Origin servers (with --preset; default: the preset's count; 0: one per "
                   "ObjectsPerServer objects of the universe)",
                   servers,
                   0,
                   10000000);
    opt.AddFlag("statuses",
                "With --preset: responses as a proxy sees them, 304s, redirects and errors "
                "(the shares IspScenarioHelper's simulations use), which the presets leave out",
                statuses);
    opt.AddRunAliases();
    opt.AddChoice("paper",
                  "[PROXIM] column to show (default: the preset; none for a trace)",
                  paper,
                  {"modem", "research", "none"});
    opt.AddText("write", "Also write the workload to this file", write);
    opt.AddChoice(
        "format", "Format of --write (default: from the extension)", format, {"squid", "csv"});
    opt.AddSetByOption("ns3::SyntheticWorkload::Requests", "requests");
    opt.AddSetByOption("ns3::SyntheticWorkload::Servers", "servers");
    opt.Parse(argc, argv);
    opt.Require(trace.empty() != preset.empty(),
                trace.empty() ? "preset" : "trace",
                trace.empty() ? "neither --trace nor --preset given" : "given with --preset",
                "either --trace=<file> or --preset=<name>");
    opt.Require(!opt.IsGiven("servers") || servers != 1,
                "servers",
                "one server cannot hold both a cookie site and another",
                "0 (from ObjectsPerServer) or 2 to 10000000");
    opt.Require(!opt.IsGiven("servers") || !preset.empty(),
                "servers",
                "given with --trace",
                "--servers only with --preset");
    opt.Require(!statuses || !preset.empty(),
                "statuses",
                "given with --trace",
                "--statuses only with --preset");
    // The preset overwrites the defaults that --ns3::SyntheticWorkload::... options set: they
    // are set again on the workload after it (Parse refused those options of its own set).
    const auto attributes = opt.GetGivenAttributes("ns3::SyntheticWorkload");
    for (const auto& [name, text] : attributes)
    {
        const std::string option = "ns3::SyntheticWorkload::" + name;
        opt.Require(!preset.empty(), option, "given with --trace", "only with --preset");
    }
    const uint32_t seed = RngSeedManager::GetSeed();
    const uint64_t run = RngSeedManager::GetRun();
    if (paper.empty())
    {
        paper = preset.empty() ? "none" : preset;
    }
    if (format.empty())
    {
        format = EndsWith(write, ".csv") ? "csv" : "squid";
    }

    TraceStatistics stats;
    Output out;
    try
    {
        if (!write.empty())
        {
            if (format == "csv")
            {
                out.csv = Create<CsvTraceWriter>(write);
            }
            else
            {
                out.squid = Create<SquidLogWriter>(write);
            }
        }

        TraceRecord r;
        if (!preset.empty())
        {
            Ptr<SyntheticWorkload> workload = SyntheticWorkload::CreatePreset(preset);
            workload->SetAttribute("Requests", UintegerValue(requests));
            std::string traceOptions
                = (opt.IsGiven("servers") ? " --servers=" + std::to_string(servers) : "")
                + (statuses ? " --statuses" : "");
            if (opt.IsGiven("servers"))
            {
                workload->SetAttribute("Servers", UintegerValue(servers));
            }
            if (statuses)
            {
                workload->SetResponseStatuses();
            }
            workload->SetAttributesFromText(attributes);
            std::string attributeList;
            for (const auto& [name, text] : attributes)
            {
                traceOptions += " --ns3::SyntheticWorkload::" + name + "=" + text;
                attributeList += ", " + name + " " + text;
            }
            // Fixed streams: the trace depends on seed and run only.
            workload->AssignStreams(0);
            std::ostringstream comment;
            comment << "synthetic web workload: SyntheticWorkload preset " << preset
                    << ", Requests " << requests
                    << (opt.IsGiven("servers") ? ", Servers " + std::to_string(servers) : "")
                    << (statuses ? ", response statuses" : "") << attributeList << ", RngSeed "
                    << seed << ", RngRun " << run << ", streams from 0\n"
                    << "written by: workload-stats --preset=" << preset
                    << " --requests=" << requests << traceOptions << " --seed=" << seed
                    << " --run=" << run << " --write=<file> --format=" << format;
            out.Comment(comment.str());
            while (workload->Next(r))
            {
                stats.Add(r);
                out.Write(r);
            }
            std::cout << "Synthetic workload: preset " << preset << ", " << requests << " requests";
            if (opt.IsGiven("servers"))
            {
                std::cout << ", " << workload->GetServerCount() << " servers (--servers=" << servers
                          << ")";
            }
            if (statuses)
            {
                std::cout << ", 304s, redirects and errors (--statuses)";
            }
            std::cout << attributeList;
            std::cout << ", seed " << seed << ", run " << run << "\n";
        }
        else
        {
            std::string traceIs
                = traceFormat == "auto" ? TraceReader::DetectFormat(trace) : traceFormat;
            Ptr<TraceReader> reader = TraceReader::OpenTrace(trace, traceIs);
            reader->SetErrorPolicy(skipMalformed ? TraceReader::SKIP : TraceReader::STOP);
            while (reader->Next(r))
            {
                stats.Add(r);
                out.Write(r);
            }
            std::cout << "Trace " << trace << " (" << traceIs << "): " << reader->GetLineNumber()
                      << " lines, " << reader->GetRecordCount() << " requests, "
                      << reader->GetSkippedCount() << " malformed lines skipped, "
                      << reader->GetReorderedCount() << " lines slightly out of time order\n";
            for (const auto& problem : reader->GetProblems())
            {
                std::cout << "  skipped " << problem.what() << "\n";
            }
            if (reader->GetSkippedCount() > reader->GetProblems().size())
            {
                std::cout << "  ... (" << reader->GetSkippedCount() - reader->GetProblems().size()
                          << " more)\n";
            }
            auto squid = DynamicCast<SquidLogReader>(reader);
            if (squid)
            {
                std::cout << "Squid log: time 0 is Unix time " << std::fixed << std::setprecision(3)
                          << squid->GetOrigin().GetSeconds() << std::defaultfloat << " s; "
                          << squid->GetClients().size() << " client addresses\n";
            }
        }
        out.Close();
    }
    catch (const TraceFormatError& e)
    {
        std::cerr << "workload-stats: " << e.what() << "\n";
        if (e.GetLine() > 0)
        {
            std::cerr << "(--skipMalformed skips such lines and counts them)\n";
        }
        return 1;
    }
    catch (const std::exception& e)
    {
        std::cerr << "workload-stats: " << e.what() << "\n";
        return 1;
    }
    if (!write.empty())
    {
        std::cout << "Wrote " << write << " (" << format << ")\n";
    }
    std::cout << "\n";
    if (paper == "none")
    {
        stats.Print(std::cout);
    }
    else
    {
        stats.Print(std::cout, paper);
    }
    return 0;
}
