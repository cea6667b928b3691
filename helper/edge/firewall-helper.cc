/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "firewall-helper.h"

#include "ns3/abort.h"

namespace ns3
{

FirewallHelper::FirewallHelper()
{
    m_factory.SetTypeId(Firewall::GetTypeId());
}

void
FirewallHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

uint32_t
FirewallHelper::AddRule(const FirewallRule& rule)
{
    const std::string problem = rule.Validate();
    NS_ABORT_MSG_IF(!problem.empty(),
                    "FirewallHelper::AddRule: rule " << m_rules.size() << " (" << rule.ToString()
                                                     << "): " << problem);
    m_rules.push_back(rule);
    return m_rules.size() - 1;
}

void
FirewallHelper::AddInsideInterface(uint32_t interface)
{
    m_inside.insert(interface);
}

std::vector<Ptr<Firewall>>
FirewallHelper::Install(const NodeContainer& nodes) const
{
    std::vector<Ptr<Firewall>> out;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<Firewall> fw = m_factory.Create<Firewall>();
        for (const auto& r : m_rules)
        {
            fw->AddRule(r);
        }
        for (uint32_t i : m_inside)
        {
            fw->AddInsideInterface(i);
        }
        fw->Install(*it);
        out.push_back(fw);
    }
    return out;
}

} // namespace ns3
