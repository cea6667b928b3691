/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "choice-checker.h"

#include <algorithm>

namespace ns3
{

ChoiceChecker::ChoiceChecker(std::vector<std::string> names)
    : m_names(std::move(names))
{}

bool
ChoiceChecker::Check(const AttributeValue& value) const
{
    const auto* text = dynamic_cast<const StringValue*>(&value);
    return text && std::find(m_names.begin(), m_names.end(), text->Get()) != m_names.end();
}

std::string
ChoiceChecker::GetValueTypeName() const
{
    return "ns3::StringValue";
}

bool
ChoiceChecker::HasUnderlyingTypeInformation() const
{
    return true;
}

std::string
ChoiceChecker::GetUnderlyingTypeInformation() const
{
    std::string names;
    for (const auto& n : m_names)
    {
        names += (names.empty() ? "" : "|") + n;
    }
    return names;
}

Ptr<AttributeValue>
ChoiceChecker::Create() const
{
    return ns3::Create<StringValue>();
}

bool
ChoiceChecker::Copy(const AttributeValue& source, AttributeValue& destination) const
{
    const auto* src = dynamic_cast<const StringValue*>(&source);
    auto* dst = dynamic_cast<StringValue*>(&destination);
    if (!src || !dst)
    {
        return false;
    }
    *dst = *src;
    return true;
}

} // namespace ns3
