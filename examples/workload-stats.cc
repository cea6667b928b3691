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
 *
 * --write copies the workload (generated or read) to a file, Squid or CSV (--format, or
 * from the extension: .csv is CSV, anything else Squid); a generated trace records its
 * parameters in a comment at the top. This is how the files in traces/ are produced.
 */

#include "ns3/core-module.h"
#include "ns3/csv-trace-writer.h"
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
    uint32_t seed = 1;
    uint64_t run = 1;
    std::string paper;
    std::string write;
    std::string format;

    CommandLine cmd(__FILE__);
    cmd.AddValue("trace", "Trace file to read (Squid access.log or CSV)", trace);
    cmd.AddValue("traceFormat", "Format of --trace: auto, squid or csv", traceFormat);
    cmd.AddValue("skipMalformed",
                 "Skip malformed trace lines (counted) instead of stopping at the first",
                 skipMalformed);
    cmd.AddValue("preset", "Synthetic workload instead of a trace: modem or research", preset);
    cmd.AddValue("requests", "Requests to generate (with --preset)", requests);
    cmd.AddValue("seed", "RNG seed (with --preset)", seed);
    cmd.AddValue("run", "RNG run number (with --preset)", run);
    cmd.AddValue("paper",
                 "[PROXIM] column to show: modem, research or none (default: the preset; "
                 "none for a trace)",
                 paper);
    cmd.AddValue("write", "Also write the workload to this file", write);
    cmd.AddValue("format", "Format of --write: squid or csv (default: from the extension)", format);
    cmd.Parse(argc, argv);

    if (trace.empty() == preset.empty())
    {
        std::cerr << "workload-stats: give either --trace=<file> or --preset=modem|research\n";
        return 2;
    }
    if (paper.empty())
    {
        paper = preset.empty() ? "none" : preset;
    }
    if (paper != "none" && TraceStatistics::GetPaperFigures(paper) == nullptr)
    {
        std::cerr << "workload-stats: --paper must be modem, research or none\n";
        return 2;
    }
    if (!preset.empty())
    {
        bool known = false;
        for (const auto& name : SyntheticWorkload::GetPresetNames())
        {
            known = known || name == preset;
        }
        if (!known)
        {
            std::cerr << "workload-stats: unknown preset '" << preset << "'\n";
            return 2;
        }
    }
    if (format.empty())
    {
        format = EndsWith(write, ".csv") ? "csv" : "squid";
    }
    if (format != "squid" && format != "csv")
    {
        std::cerr << "workload-stats: --format must be squid or csv\n";
        return 2;
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
            RngSeedManager::SetSeed(seed);
            RngSeedManager::SetRun(run);
            Ptr<SyntheticWorkload> workload = SyntheticWorkload::CreatePreset(preset);
            workload->SetAttribute("Requests", UintegerValue(requests));
            // Fixed streams: the trace depends on seed and run only.
            workload->AssignStreams(0);
            std::ostringstream comment;
            comment << "synthetic web workload: SyntheticWorkload preset " << preset
                    << ", Requests " << requests << ", RngSeed " << seed << ", RngRun " << run
                    << ", streams from 0\n"
                    << "written by: workload-stats --preset=" << preset
                    << " --requests=" << requests << " --seed=" << seed << " --run=" << run
                    << " --write=<file> --format=" << format;
            out.Comment(comment.str());
            while (workload->Next(r))
            {
                stats.Add(r);
                out.Write(r);
            }
            std::cout << "Synthetic workload: preset " << preset << ", " << requests
                      << " requests, seed " << seed << ", run " << run << "\n";
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
