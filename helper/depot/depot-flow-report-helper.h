/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_FLOW_REPORT_HELPER_H
#define DEPOT_FLOW_REPORT_HELPER_H

#include "depot-flow-report.h"
#include "depot-flow-tracker.h"

#include "ns3/application-container.h"
#include "ns3/flow-classifier.h"
#include "ns3/flow-monitor.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{

class Depot;

/**
 * \ingroup web-proxy
 * Sets up the depot-aware FlowMonitor report in two lines, next to FlowMonitorHelper:
 * \code
 *   DepotFlowReportHelper depotFlows;
 *   depotFlows.InstallAll().Attach(depotApps);   // before Simulator::Run
 *   ...
 *   depotFlows.Report(monitor, flowmonHelper.GetClassifier()).WriteNextTo("x-flowmon.xml");
 * \endcode
 */
class DepotFlowReportHelper
{
  public:
    DepotFlowReportHelper();

    /**
     * Set an attribute of the DepotFlowTracker (before Install).
     * \param name attribute name
     * \param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Observe nodes (their clients, proxies, depots and the routers between).
     * \param nodes the nodes
     * \return this helper
     */
    DepotFlowReportHelper& Install(const NodeContainer& nodes);

    /// Observe every node. \return this helper
    DepotFlowReportHelper& InstallAll();

    /**
     * Follow a depot's sessions (after its proxies were added).
     * \param depot the depot
     * \return this helper
     */
    DepotFlowReportHelper& Attach(Ptr<Depot> depot);

    /**
     * Follow the depots among applications (others are skipped; aborts if none is a Depot).
     * \param apps what DepotHelper::Install returned
     * \return this helper
     */
    DepotFlowReportHelper& Attach(const ApplicationContainer& apps);

    /// \return the tracker (created on first use)
    Ptr<DepotFlowTracker> GetTracker();

    /**
     * Join after Simulator::Run (before Simulator::Destroy).
     * \param monitor the run's FlowMonitor (may be null)
     * \param classifier FlowMonitorHelper::GetClassifier() (must be an Ipv4FlowClassifier
     *        when monitor is set)
     * \return the report
     */
    DepotFlowReport Report(Ptr<FlowMonitor> monitor = nullptr,
                           Ptr<FlowClassifier> classifier = nullptr);

  private:
    ObjectFactory m_factory;         //!< makes the tracker
    Ptr<DepotFlowTracker> m_tracker; //!< the tracker
};

} // namespace ns3

#endif // DEPOT_FLOW_REPORT_HELPER_H
