/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "transparent-interception-helper.h"

namespace ns3
{

TransparentInterceptionHelper::TransparentInterceptionHelper()
{
    m_factory.SetTypeId(TransparentInterceptor::GetTypeId());
}

void
TransparentInterceptionHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

std::vector<Ptr<TransparentInterceptor>>
TransparentInterceptionHelper::Install(const NodeContainer& nodes) const
{
    std::vector<Ptr<TransparentInterceptor>> out;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<TransparentInterceptor> t = m_factory.Create<TransparentInterceptor>();
        t->Install(*it);
        out.push_back(t);
    }
    return out;
}

} // namespace ns3
