/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "web-request.h"

namespace ns3
{

std::string
WebRequest::GetUrl() const
{
    return "http://" + host + path;
}

Time
WebRequest::GetIssueDelay(Time now) const
{
    return issueTime && *issueTime - now > thinkTime ? *issueTime - now : thinkTime;
}

} // namespace ns3
