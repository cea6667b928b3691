/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "option-text.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <regex>
#include <sstream>

namespace ns3
{

namespace
{

/// The parse's problem, or where a parsed value lies outside [min, max].
template <typename T>
std::string
RangeProblem(const std::string& parseProblem, const T& v, const T& min, const T& max)
{
    if (!parseProblem.empty())
    {
        return parseProblem;
    }
    if (v < min)
    {
        return "below the minimum";
    }
    return v > max ? "above the maximum" : "";
}

} // namespace

std::string
OptionText::ParseUnsigned(const std::string& text, uint64_t& v)
{
    if (text.empty())
    {
        return "no value";
    }
    const std::string digits = text[0] == '+' ? text.substr(1) : text;
    if (text[0] == '-' && text.size() > 1
        && text.find_first_not_of("0123456789", 1) == std::string::npos)
    {
        return "negative";
    }
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
    {
        return "not an integer";
    }
    errno = 0;
    v = std::strtoull(digits.c_str(), nullptr, 10);
    if (errno == ERANGE)
    {
        return "too large";
    }
    return "";
}

std::string
OptionText::ParseReal(const std::string& text, double& v)
{
    if (text.empty())
    {
        return "no value";
    }
    char* end = nullptr;
    errno = 0;
    v = std::strtod(text.c_str(), &end);
    if (*end != '\0' || end == text.c_str())
    {
        return "not a number";
    }
    if (!std::isfinite(v) || errno == ERANGE)
    {
        return "not a finite number";
    }
    return "";
}

std::string
OptionText::FormatReal(double v)
{
    std::ostringstream os;
    os << v;
    return os.str();
}

std::string
OptionText::FormatTime(Time t)
{
    const int64_t ns = t.GetNanoSeconds();
    const std::pair<int64_t, const char*> units[] = {{86400000000000LL, "d"},
                                                     {3600000000000LL, "h"},
                                                     {60000000000LL, "min"},
                                                     {1000000000LL, "s"},
                                                     {1000000LL, "ms"},
                                                     {1000LL, "us"},
                                                     {1LL, "ns"}};
    if (ns == 0)
    {
        return "0s";
    }
    for (const auto& [scale, unit] : units)
    {
        if (ns % scale == 0)
        {
            return std::to_string(ns / scale) + unit;
        }
    }
    return FormatReal(t.GetSeconds()) + "s";
}

std::string
OptionText::ParseTime(const std::string& text, Time& t)
{
    if (text.empty())
    {
        return "no value";
    }
    static const std::regex re(R"(([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)(s|ms|us|ns|min|h|d|y)?)");
    std::smatch m;
    if (!std::regex_match(text, m, re))
    {
        return "not a time with a known unit";
    }
    const double v = std::strtod(m[1].str().c_str(), nullptr);
    if (!std::isfinite(v) || std::fabs(v) > 1e9)
    {
        return "too large";
    }
    t = Time(m[4].matched ? text : m[1].str() + "s");
    return "";
}

std::string
OptionText::FormatRate(DataRate r)
{
    const uint64_t bps = r.GetBitRate();
    const std::pair<uint64_t, const char*> units[]
        = {{1000000000ULL, "Gbps"}, {1000000ULL, "Mbps"}, {1000ULL, "kbps"}, {1ULL, "bps"}};
    for (const auto& [scale, unit] : units)
    {
        if (bps >= scale && bps % scale == 0)
        {
            return std::to_string(bps / scale) + unit;
        }
    }
    return std::to_string(bps) + "bps";
}

std::string
OptionText::ParseRate(const std::string& text, DataRate& r)
{
    if (text.empty())
    {
        return "no value";
    }
    // ns-3 reads a bare number as bit/s: asking for the unit catches "--rate=10" meant as Mbps.
    static const std::regex re(R"((\d+\.?\d*|\.\d+)([kKMG]?i?[bB](ps|/s)))");
    if (!std::regex_match(text, re))
    {
        return "not a data rate with a unit (bps, kbps, Mbps, Gbps, Bps, KiBps, ...)";
    }
    std::istringstream is(text);
    is >> r;
    if (is.fail())
    {
        return "not a data rate with a known unit";
    }
    return "";
}

std::string
OptionText::Join(const std::vector<std::string>& words)
{
    std::string s;
    for (const auto& w : words)
    {
        s += (s.empty() ? "" : ", ") + w;
    }
    return s;
}

std::string
OptionText::IntegerRange(uint64_t min, uint64_t max)
{
    return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

std::string
OptionText::RealRange(double min, double max)
{
    return "a number from " + FormatReal(min) + " to " + FormatReal(max);
}

std::string
OptionText::IntegerProblem(const std::string& text, uint64_t min, uint64_t max)
{
    uint64_t v = 0;
    return RangeProblem(ParseUnsigned(text, v), v, min, max);
}

std::string
OptionText::RealProblem(const std::string& text, double min, double max)
{
    double v = 0;
    return RangeProblem(ParseReal(text, v), v, min, max);
}

std::string
OptionText::TimeRange(Time min, Time max)
{
    return "a time from " + FormatTime(min) + " to " + FormatTime(max)
         + " (units s, ms, us, ns, min, h, d, y; none: s)";
}

std::string
OptionText::TimeProblem(const std::string& text, Time min, Time max)
{
    Time t;
    return RangeProblem(ParseTime(text, t), t, min, max);
}

} // namespace ns3
