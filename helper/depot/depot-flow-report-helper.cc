/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-flow-report-helper.h"

#include "ns3/abort.h"
#include "ns3/depot.h"
#include "ns3/ipv4-flow-classifier.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DepotFlowReportHelper");

DepotFlowReportHelper::DepotFlowReportHelper()
{
    m_factory.SetTypeId(DepotFlowTracker::GetTypeId());
}

void
DepotFlowReportHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    NS_ABORT_MSG_IF(m_tracker,
                    "DepotFlowReportHelper::SetAttribute(" << name << "): after Install");
    m_factory.Set(name, value);
}

Ptr<DepotFlowTracker>
DepotFlowReportHelper::GetTracker()
{
    if (!m_tracker)
    {
        m_tracker = m_factory.Create<DepotFlowTracker>();
    }
    return m_tracker;
}

DepotFlowReportHelper&
DepotFlowReportHelper::Install(const NodeContainer& nodes)
{
    GetTracker()->Install(nodes);
    return *this;
}

DepotFlowReportHelper&
DepotFlowReportHelper::InstallAll()
{
    return Install(NodeContainer::GetGlobal());
}

DepotFlowReportHelper&
DepotFlowReportHelper::Attach(Ptr<Depot> depot)
{
    GetTracker()->Attach(depot);
    return *this;
}

DepotFlowReportHelper&
DepotFlowReportHelper::Attach(const ApplicationContainer& apps)
{
    uint32_t n = 0;
    for (auto it = apps.Begin(); it != apps.End(); ++it)
    {
        if (Ptr<Depot> d = DynamicCast<Depot>(*it))
        {
            Attach(d);
            ++n;
        }
    }
    NS_ABORT_MSG_IF(n == 0, "DepotFlowReportHelper::Attach: no Depot among the applications");
    return *this;
}

DepotFlowReport
DepotFlowReportHelper::Report(Ptr<FlowMonitor> monitor, Ptr<FlowClassifier> classifier)
{
    Ptr<Ipv4FlowClassifier> ipv4 = DynamicCast<Ipv4FlowClassifier>(classifier);
    NS_ABORT_MSG_IF(classifier && !ipv4,
                    "DepotFlowReportHelper::Report: the classifier is not an Ipv4FlowClassifier");
    return DepotFlowReport(GetTracker(), monitor, ipv4);
}

} // namespace ns3
