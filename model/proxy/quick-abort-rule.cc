/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quick-abort-rule.h"

#include "ns3/attribute-choice.h"

#include <stdexcept>

namespace ns3
{

bool
QuickAbortRule::ShouldContinue(uint64_t received, uint64_t expected) const
{
    if (received >= expected)
    {
        return true; // nothing (or more than announced) left
    }
    const uint64_t remaining = expected - received;
    if (remaining <= minBytes)
    {
        return true;
    }
    if (remaining > maxBytes)
    {
        return false;
    }
    return static_cast<double>(received) >= percent * static_cast<double>(expected);
}

AbortPolicy
ParseAbortPolicy(const std::string& name)
{
    if (name == "continue")
    {
        return ABORT_CONTINUE;
    }
    if (name == "abort")
    {
        return ABORT_AT_ONCE;
    }
    if (name == "quick")
    {
        return ABORT_QUICK;
    }
    throw std::invalid_argument("unknown abort policy '" + name
                                + "' (expected continue, abort or quick)");
}

namespace
{
const AttributeChoice<AbortPolicy> ABORT_POLICIES[]
    = {{ABORT_CONTINUE, "Continue"}, {ABORT_AT_ONCE, "Abort"}, {ABORT_QUICK, "Quick"}};
} // namespace

AbortPolicy
ParseAbortPolicyAttribute(const std::string& name)
{
    return ParseChoice("ConnectionCache", "AbortPolicy", name, ABORT_POLICIES);
}

std::string
AbortPolicyAttributeName(AbortPolicy policy)
{
    return ChoiceName(policy, ABORT_POLICIES);
}

Ptr<const AttributeChecker>
MakeAbortPolicyChecker()
{
    return MakeChoiceChecker(ABORT_POLICIES);
}

bool
ContinueAfterAbort(AbortPolicy policy,
                   const QuickAbortRule& rule,
                   bool storable,
                   uint64_t received,
                   uint64_t expected)
{
    if (policy == ABORT_QUICK)
    {
        return storable && rule.ShouldContinue(received, expected);
    }
    return policy == ABORT_CONTINUE;
}

} // namespace ns3
