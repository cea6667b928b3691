/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "paper-comparison.h"

#include "ns3/log.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PaperComparison");

namespace
{

/// A number with the given decimals, "" for NaN (an empty CSV field).
std::string
Number(double v, int precision)
{
    if (std::isnan(v))
    {
        return "";
    }
    std::ostringstream os;
    os << std::fixed << std::setprecision(precision) << v;
    return os.str();
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string
Field(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos)
    {
        return text;
    }
    std::string quoted = "\"";
    for (char c : text)
    {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

/// Enough decimals for a figure's CSV columns (the paper's values have at most 3).
constexpr int CSV_DECIMALS = 4;

} // namespace

void
PaperComparison::Add(const std::string& table,
                     const std::string& row,
                     const std::string& metric,
                     double paper,
                     Scale scale,
                     const std::vector<double>& values)
{
    m_figures.push_back({table, row, metric, paper, scale, values});
}

const std::vector<PaperComparison::Figure>&
PaperComparison::GetFigures() const
{
    return m_figures;
}

PaperComparison::Verdict
PaperComparison::Judge(size_t i) const
{
    const Figure& f = m_figures.at(i);
    if (std::isnan(f.paper))
    {
        return {"none", "the paper gives no figure"};
    }
    if (f.scale == CONTEXT)
    {
        return {"none", "not comparable: grows with the trace's size (the paper's is larger)"};
    }
    const RunStatistics s(f.values);
    const double mean = s.GetMean();
    if (!std::isfinite(mean))
    {
        return {"fail", "value: no finite mean"};
    }
    std::vector<std::string> failed;
    if ((f.paper > 0 && !(mean > 0)) || (f.paper < 0 && !(mean < 0)))
    {
        failed.push_back("sign: mean " + Number(mean, 2) + ", paper " + Number(f.paper, 2));
    }
    for (size_t k = 0; k < m_figures.size(); ++k)
    {
        const Figure& o = m_figures[k];
        if (k == i || o.table != f.table || o.metric != f.metric || std::isnan(o.paper)
            || o.paper == f.paper || o.scale == CONTEXT)
        {
            continue;
        }
        const double other = RunStatistics(o.values).GetMean();
        if (std::isfinite(other) && (f.paper > o.paper) != (mean > other))
        {
            failed.push_back("ordering: " + std::string(f.paper > o.paper ? "above " : "below ")
                             + o.row + " in the paper, "
                             + (mean > other ? "above" : (mean < other ? "below" : "level with"))
                             + " it measured");
        }
    }
    if (f.paper != 0)
    {
        if (s.GetCount() < 2)
        {
            failed.emplace_back("interval: one run, no interval");
        }
        else if ((f.paper > 0 && !(s.GetLow() > 0)) || (f.paper < 0 && !(s.GetHigh() < 0)))
        {
            failed.push_back("interval: [" + Number(s.GetLow(), 2) + ", " + Number(s.GetHigh(), 2)
                             + "] includes the opposite sign");
        }
    }
    const double distance = std::abs(mean - f.paper);
    if (f.scale == POINTS && !(distance <= POINTS_TOLERANCE))
    {
        failed.push_back("distance: " + Number(distance, 2) + " points from the paper (at most "
                         + Number(POINTS_TOLERANCE, 0) + ")");
    }
    else if (f.scale == RELATIVE && !(distance <= RELATIVE_TOLERANCE * std::abs(f.paper)))
    {
        failed.push_back("distance: "
                         + (f.paper != 0 ? Number(100 * distance / std::abs(f.paper), 1) + "%"
                                         : Number(distance, 2))
                         + " from the paper (at most " + Number(100 * RELATIVE_TOLERANCE, 0)
                         + "%)");
    }
    if (failed.empty())
    {
        return {"pass", ""};
    }
    std::string reason;
    for (const auto& r : failed)
    {
        reason += (reason.empty() ? "" : "; ") + r;
    }
    return {"fail", reason};
}

std::string
PaperComparison::Header()
{
    return "table,row,metric,paper,mean,ci95_low,ci95_high,runs,verdict,reason";
}

void
PaperComparison::WriteCsv(const std::string& path) const
{
    std::ofstream out(path);
    if (!out)
    {
        throw std::runtime_error(path + ": cannot write the comparison with the paper");
    }
    out << Header() << '\n';
    for (size_t i = 0; i < m_figures.size(); ++i)
    {
        const Figure& f = m_figures[i];
        const RunStatistics s(f.values);
        const Verdict v = Judge(i);
        out << Field(f.table) << ',' << Field(f.row) << ',' << Field(f.metric) << ','
            << Number(f.paper, CSV_DECIMALS) << ',' << Number(s.GetMean(), CSV_DECIMALS) << ','
            << Number(s.GetLow(), CSV_DECIMALS) << ',' << Number(s.GetHigh(), CSV_DECIMALS) << ','
            << s.GetCount() << ',' << v.verdict << ',' << Field(v.reason) << '\n';
    }
    if (!out)
    {
        throw std::runtime_error(path + ": write failed");
    }
}

void
PaperComparison::WriteRunsCsv(const std::string& path, uint64_t baseRun) const
{
    std::ofstream out(path);
    if (!out)
    {
        throw std::runtime_error(path + ": cannot write the runs' figures");
    }
    // 17 significant digits: the value of a run, exactly (a test compares it with a single run).
    out << "table,row,metric,run,rng_run,value\n" << std::setprecision(17);
    for (const Figure& f : m_figures)
    {
        for (size_t r = 0; r < f.values.size(); ++r)
        {
            out << Field(f.table) << ',' << Field(f.row) << ',' << Field(f.metric) << ',' << r
                << ',' << baseRun + r << ',';
            if (!std::isnan(f.values[r]))
            {
                out << f.values[r];
            }
            out << '\n';
        }
    }
    if (!out)
    {
        throw std::runtime_error(path + ": write failed");
    }
}

void
PaperComparison::Print(std::ostream& os) const
{
    uint32_t pass = 0;
    uint32_t fail = 0;
    for (size_t i = 0; i < m_figures.size(); ++i)
    {
        const Figure& f = m_figures[i];
        const Verdict v = Judge(i);
        if (v.verdict == "none")
        {
            continue;
        }
        (v.verdict == "pass" ? pass : fail)++;
        const RunStatistics s(f.values);
        os << f.table << " | " << f.row << " | " << f.metric << ": " << Format(f.values, 2);
        if (s.GetCount() > 1)
        {
            os << " [" << Number(s.GetLow(), 2) << ", " << Number(s.GetHigh(), 2) << "]";
        }
        os << " (paper " << Number(f.paper, 2) << "): " << v.verdict
           << (v.reason.empty() ? "" : " (" + v.reason + ")") << '\n';
    }
    os << "paper figures: " << pass << " pass, " << fail << " fail\n";
}

bool
PaperComparison::Report(std::ostream& os,
                        const std::string& program,
                        const std::string& prefix,
                        uint32_t runs,
                        uint64_t baseRun) const
{
    os << "\nAgainst the paper (" << runs << (runs > 1 ? " runs" : " run") << ", RngRun " << baseRun
       << (runs > 1 ? " to " + std::to_string(baseRun + runs - 1) : "")
       << "; mean ± 95% confidence interval)\n";
    Print(os);
    try
    {
        WriteCsv(prefix + "-vs-paper.csv");
        WriteRunsCsv(prefix + "-runs.csv", baseRun);
    }
    catch (const std::runtime_error& e)
    {
        std::cerr << program << ": " << e.what() << "\n";
        return false;
    }
    os << "Wrote " << prefix << "-vs-paper.csv, " << prefix << "-runs.csv\n";
    return true;
}

std::string
PaperComparison::Format(const std::vector<double>& values, int precision)
{
    const RunStatistics s(values);
    if (std::isnan(s.GetMean()))
    {
        return "-";
    }
    std::string text = Number(s.GetMean(), precision);
    if (s.GetCount() > 1)
    {
        text += " ± " + Number(s.GetHalfWidth(), precision);
    }
    return text;
}

} // namespace ns3
