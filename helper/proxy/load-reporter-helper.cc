/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "load-reporter-helper.h"

#include "ns3/load-reporter.h"

namespace ns3
{

LoadReporterHelper::LoadReporterHelper(const Address& depot)
{
    m_factory.SetTypeId(LoadReporter::GetTypeId());
    m_factory.Set("Remote", AddressValue(depot));
}

void
LoadReporterHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

ApplicationContainer
LoadReporterHelper::Install(const NodeContainer& nodes) const
{
    ApplicationContainer apps;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<LoadReporter> r = m_factory.Create<LoadReporter>();
        (*it)->AddApplication(r);
        apps.Add(r);
    }
    return apps;
}

} // namespace ns3
