/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TRANSPARENT_INTERCEPTION_HELPER_H
#define TRANSPARENT_INTERCEPTION_HELPER_H

#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/transparent-interceptor.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Installs a TransparentInterceptor on backbone nodes. Each node needs its own proxy
 * listening on the interceptor's ProxyPort (a ProxyCache with Intercepting set, installed
 * with ProxyCacheHelper).
 */
class TransparentInterceptionHelper
{
  public:
    TransparentInterceptionHelper();

    /**
     * Set an attribute of the interceptors to be created.
     * \param name attribute name
     * \param value attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param nodes the intercepting nodes
     * \return the interceptors, one per node, aggregated to their nodes
     */
    std::vector<Ptr<TransparentInterceptor>> Install(const NodeContainer& nodes) const;

  private:
    ObjectFactory m_factory; //!< TransparentInterceptor
};

} // namespace ns3

#endif // TRANSPARENT_INTERCEPTION_HELPER_H
