/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "attribute-text-check.h"

#include "ns3/object-factory.h"
#include "ns3/random-variable-stream.h"
#include "ns3/string.h"
#include "ns3/type-id.h"

#include <algorithm>
#include <cctype>
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

/// Whether the type itself (not a parent) declares the attribute.
bool
Declares(TypeId tid, const std::string& name)
{
    for (size_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        if (tid.GetAttribute(i).name == name)
        {
            return true;
        }
    }
    return false;
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
    // Config::SetDefaultFailSafe, which CommandLine calls, finds only the attributes the type
    // itself declares: an inherited one must be named by the type that declares it.
    const std::string name = path.substr(sep + 2);
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        allowed = "an attribute of " + tid.GetName() + " (--PrintAttributes=" + tid.GetName()
                + " lists them)";
        return "no such attribute";
    }
    TypeId owner = tid;
    while (!Declares(owner, name) && owner.HasParent() && owner.GetParent() != owner)
    {
        owner = owner.GetParent();
    }
    if (owner != tid)
    {
        allowed = "--" + owner.GetName() + "::" + name + " (ns-3 sets an attribute's default by "
                + "the type that declares it)";
        return "inherited attribute";
    }
    return CheckValue(info, text, allowed);
}

std::string
AttributeTextCheck::CheckValue(const TypeId::AttributeInformation& info,
                               const std::string& text,
                               std::string& allowed)
{
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
    else if (type == "ns3::PointerValue" && !IsObject(text, Object::GetTypeId()))
    {
        // A PointerValue reads its text with ObjectFactory's reader (see IsObject).
        problem = "not an object description";
    }
    if (problem.empty() && !info.checker->CreateValidValue(StringValue(text)))
    {
        problem = "not accepted";
    }
    return problem;
}

bool
AttributeTextCheck::IsObject(const std::string& text, TypeId base)
{
    // ObjectFactory's reader takes one word (up to white space) and the first ']'.
    if (std::any_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); }))
    {
        return false;
    }
    const size_t open = text.find('[');
    const std::string type = text.substr(0, open);
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(type, &tid) || !tid.IsChildOf(base) || !tid.HasConstructor())
    {
        return false;
    }
    if (open != std::string::npos)
    {
        if (text.back() != ']')
        {
            return false;
        }
        // "Attribute=value" pairs between | (none empty), as ObjectFactory splits them.
        const std::string list = text.substr(open + 1, text.size() - open - 2);
        if (list.find_first_of("[]") != std::string::npos)
        {
            return false;
        }
        size_t start = 0;
        while (true)
        {
            const size_t bar = std::min(list.find('|', start), list.size());
            const std::string assignment = list.substr(start, bar - start);
            const size_t eq = assignment.find('=');
            // ObjectFactory sets inherited attributes too.
            TypeId::AttributeInformation info;
            std::string allowed;
            if (eq == std::string::npos || eq == 0
                || !tid.LookupAttributeByName(assignment.substr(0, eq), &info)
                || !CheckValue(info, assignment.substr(eq + 1), allowed).empty())
            {
                return false;
            }
            if (bar == list.size())
            {
                break;
            }
            start = bar + 1;
        }
    }
    std::istringstream is(text);
    ObjectFactory factory;
    is >> factory;
    return !is.fail();
}

bool
AttributeTextCheck::IsRandomVariable(const std::string& text)
{
    const std::string type = text.substr(0, text.find('['));
    return type != "ns3::DeterministicRandomVariable" && type != "ns3::EmpiricalRandomVariable"
        && IsObject(text, RandomVariableStream::GetTypeId());
}

} // namespace ns3
