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

} // namespace ns3
