/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TRACE_REPLAY_HELPER_H
#define TRACE_REPLAY_HELPER_H

#include "ns3/application-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/trace-request-source.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Replays trace records (from a file or a synthetic workload) through WebClients,
 * preserving request times: either one client per group of records (e.g. the sessions each
 * modem of a pool carries) or one client per trace client spread over a pool of nodes.
 */
class TraceReplayHelper
{
  public:
    /**
     * \param resolver maps a record's server to the address to connect to (or the proxy)
     */
    explicit TraceReplayHelper(TraceRequestSource::Resolver resolver);

    /**
     * Set an attribute of the WebClients to be created.
     * \param name attribute name
     * \param value attribute value
     */
    void SetClientAttribute(const std::string& name, const AttributeValue& value);

    /// \param offset simulation time at which trace time zero falls
    void SetTimeOffset(Time offset);

    /**
     * \param trace true (default): a request asks for a persistent connection as its record
     * did; false: as the client's PersistentConnections attribute says
     */
    void SetTracePersistence(bool trace);

    /**
     * One WebClient on each node; node i replays groups[i].
     * \param nodes the nodes
     * \param groups records per node, each in time order
     * \return the clients
     */
    ApplicationContainer Install(NodeContainer nodes,
                                 const std::vector<std::vector<TraceRecord>>& groups) const;

    /**
     * One WebClient per distinct trace client, on node (n mod N) for the n-th distinct client
     * in order of first appearance.
     * \param nodes the pool of nodes
     * \param records all records, in time order
     * \return the clients
     */
    ApplicationContainer InstallPerClient(NodeContainer nodes,
                                          const std::vector<TraceRecord>& records) const;

  private:
    Ptr<TraceRequestSource> MakeSource() const;

    TraceRequestSource::Resolver m_resolver;
    ObjectFactory m_clientFactory;
    Time m_offset;
    bool m_tracePersistence{true};
};

} // namespace ns3

#endif // TRACE_REPLAY_HELPER_H
