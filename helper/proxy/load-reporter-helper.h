/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LOAD_REPORTER_HELPER_H
#define LOAD_REPORTER_HELPER_H

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Installs LoadReporters on proxy nodes (each reports on its node's first ConnectionCache).
 */
class LoadReporterHelper
{
  public:
    /// \param depot the depot's report address and LoadReportPort (InetSocketAddress)
    explicit LoadReporterHelper(const Address& depot);

    /**
     * Set an attribute of the LoadReporters to be created.
     * \param name attribute name
     * \param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /// \param nodes proxy nodes \return the reporters
    ApplicationContainer Install(const NodeContainer& nodes) const;

  private:
    ObjectFactory m_factory; //!< LoadReporter
};

} // namespace ns3

#endif // LOAD_REPORTER_HELPER_H
