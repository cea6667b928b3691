/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "attribute-text-check.h"

#include "ns3/string.h"
#include "ns3/type-id.h"

#include <cstdint>
#include <regex>
#include <sstream>

namespace ns3
{

namespace
{

/// Whether ns-3's istream read of the text into T ends at the end of the text: the condition
/// of ATTRIBUTE_VALUE_IMPLEMENT's NS_ABORT_MSG_UNLESS (an empty text reads nothing either).
template <typename T>
bool
ReadsWhole(const std::string& text)
{
    std::istringstream iss(text);
    T v{};
    iss >> v;
    return !text.empty() && iss.eof() && !iss.fail();
}

} // namespace

std::string
AttributeTextCheck::Check(const std::string& path, const std::string& text, std::string& allowed)
{
    allowed = "ns3::TypeName::Attribute=value, an attribute of a registered type";
    const auto sep = path.rfind("::");
    TypeId tid;
    if (path.compare(0, 5, "ns3::") != 0 || sep == std::string::npos || sep < 5
        || !TypeId::LookupByNameFailSafe(path.substr(0, sep), &tid))
    {
        return "no such type";
    }
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(path.substr(sep + 2), &info))
    {
        allowed = "an attribute of " + tid.GetName() + " (--PrintAttributes=" + tid.GetName()
                + " lists them)";
        return "no such attribute";
    }
    const std::string type = info.checker->GetValueTypeName();
    allowed = type;
    if (type == "ns3::TimeValue")
    {
        // ns-3.37 prints a TimeValue's range with the wrong sign ("+9.22337e+18ns:..."): say
        // what Time's parser takes instead.
        allowed += " (a number and a unit: s, ms, us, ns, ps, fs, min, h, d, y; none: s)";
    }
    else if (info.checker->HasUnderlyingTypeInformation())
    {
        allowed += " (" + info.checker->GetUnderlyingTypeInformation() + ")";
    }
    std::string problem;
    if (type == "ns3::UintegerValue" && !ReadsWhole<uint64_t>(text))
    {
        problem = "not an integer";
    }
    else if (type == "ns3::IntegerValue" && !ReadsWhole<int64_t>(text))
    {
        problem = "not an integer";
    }
    else if (type == "ns3::DoubleValue" && !ReadsWhole<double>(text))
    {
        problem = "not a number";
    }
    else if (type == "ns3::TimeValue")
    {
        // Time's string constructor: a number, then one of these units or none (seconds).
        static const std::regex time(
            R"([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?(s|ms|us|ns|ps|fs|min|h|d|y)?)");
        if (!std::regex_match(text, time))
        {
            problem = "not a time with a known unit";
        }
    }
    if (problem.empty() && !info.checker->CreateValidValue(StringValue(text)))
    {
        problem = "not accepted";
    }
    return problem;
}

} // namespace ns3
