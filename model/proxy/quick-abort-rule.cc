/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "quick-abort-rule.h"

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

} // namespace ns3
