/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "placement-measurement.h"

#include "proxy-placement-helper.h"

#include "ns3/application-container.h"
#include "ns3/fast-demux-tcp-l4-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/log.h"
#include "ns3/origin-farm-helper.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/request-record.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/trace-replay-helper.h"
#include "ns3/uinteger.h"
#include "ns3/web-proxy-compat.h"

#include <algorithm>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PlacementMeasurement");

namespace
{

/// Sink of one backbone device's transmissions: its link's weight and the running sum.
struct LinkCounter
{
    double weight;    //!< the link's weight
    double* weighted; //!< sum of bytes x weight
};

} // namespace

PlacementMeasurement::PlacementMeasurement(const BackboneGraph& graph,
                                           const PlacementProblem& problem)
    : m_graph(&graph)
    , m_problem(&problem)
{
    if (graph.GetNodeCount() != problem.GetNodeCount())
    {
        throw std::invalid_argument("PlacementMeasurement: graph and problem differ in size");
    }
}

void
PlacementMeasurement::SetLinkAttribute(const std::string& name, const AttributeValue& value)
{
    m_link.push_back({name, value.Copy()});
}

void
PlacementMeasurement::SetProxyAttribute(const std::string& name, const AttributeValue& value)
{
    m_proxy.push_back({name, value.Copy()});
}

void
PlacementMeasurement::SetOriginDelay(Time delay)
{
    m_originDelay = delay;
}

void
PlacementMeasurement::SetResponseTimeout(Time timeout)
{
    m_timeout = timeout;
}

PlacementMeasurement::Figures
PlacementMeasurement::Run(const std::vector<uint32_t>& proxies,
                          const std::vector<std::vector<TraceRecord>>& perNode,
                          const std::vector<PolicyAdvisor::Advice>& advice,
                          int64_t stream) const
{
    const uint32_t n = m_graph->GetNodeCount();
    if (perNode.size() != n)
    {
        throw std::invalid_argument("PlacementMeasurement: " + std::to_string(perNode.size())
                                    + " workloads for " + std::to_string(n) + " nodes");
    }
    Figures fig;
    ProxyPlacementHelper placer;
    for (const auto& s : m_link)
    {
        placer.SetLinkAttribute(s.name, *s.value);
    }
    for (const auto& s : m_proxy)
    {
        placer.SetProxyAttribute(s.name, *s.value);
    }
    NodeContainer nodes = placer.BuildBackbone(*m_graph);

    // The origin servers, one class of RTT, beside the origin node.
    OriginFarmHelper farm(nodes.Get(m_problem->GetOrigin()), {m_originDelay});
    Time last;
    for (const auto& group : perNode)
    {
        for (const auto& r : group)
        {
            if (!farm.HasServer(r.server))
            {
                farm.AddServer(r.server, 2 * m_originDelay);
            }
            last = Max(last, r.time);
        }
        farm.AddObjects(group);
    }
    farm.AssignStreams(stream);

    // Each proxy on a host of its own, one short link beside its node: a client on the
    // proxy's own node, connecting to that node's address, got no response in ns-3 (the
    // first request timed out; seen in PlacementMeasurementTest), and the host link is not
    // a backbone link, so hits served there cost no backbone bytes, as in the model.
    PointToPointHelper hostLink;
    hostLink.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    hostLink.SetChannelAttribute("Delay", TimeValue(MicroSeconds(1)));
    Ipv4AddressHelper hostAddr("10.201.0.0", "255.255.255.252");
    NodeContainer sites; // the proxies' hosts in place of their nodes
    for (uint32_t v = 0; v < n; ++v)
    {
        if (std::find(proxies.begin(), proxies.end(), v) == proxies.end())
        {
            sites.Add(nodes.Get(v));
            continue;
        }
        Ptr<Node> host = CreateObject<Node>();
        InstallInternetStackWithTcp(
            InternetStackHelper(), host, FastDemuxTcpL4Protocol::GetTypeId().GetName());
        hostAddr.Assign(hostLink.Install(nodes.Get(v), host));
        hostAddr.NewNetwork();
        sites.Add(host);
    }
    Ipv4GlobalRoutingHelper::RecomputeRoutingTables();
    const OriginFarmHelper* farmPtr = &farm;
    auto resolve = [farmPtr](const std::string& host) -> Address
    {
        return farmPtr->Resolve(host);
    };
    placer.SetProxyResolver(resolve);

    PlacementResult placement;
    placement.proxies = proxies;
    placer.Install(*m_problem, placement, sites, advice);

    // Every packet on a backbone link, times the link's weight (both directions).
    const auto links = m_graph->GetLinks();
    std::vector<LinkCounter> counters(links.size());
    double weighted = 0;
    for (size_t l = 0; l < links.size(); ++l)
    {
        counters[l] = {links[l].link.weight, &weighted};
        for (uint32_t k = 0; k < 2; ++k)
        {
            placer.GetDevices()
                .Get(uint32_t(2 * l + k))
                ->TraceConnectWithoutContext("PhyTxEnd",
                                             MakeBoundCallback(
                                                 +[](LinkCounter* c, Ptr<const Packet> p)
                                                 { *c->weighted += c->weight * p->GetSize(); },
                                                 &counters[l]));
        }
    }

    // Clients: one per node with requests, through its assigned proxy or to the origin.
    const Time offset = Seconds(1);
    const Time stop = offset + last + m_timeout + Seconds(10);
    // Counted at the client: a user who aborts a hit receives only part of the body the
    // proxy began to send.
    auto count = +[](Figures* f, const RequestRecord& r)
    {
        if (r.failed)
        {
            ++f->failed;
            return;
        }
        ++f->completed;
        f->bodyBytes += double(r.bodyBytes);
        if (r.ServedFromCache())
        {
            f->hitBytes += double(r.bodyBytes);
        }
        f->byteSeconds += double(r.bodyBytes) * r.total.GetSeconds();
    };
    for (uint32_t v = 0; v < n; ++v)
    {
        if (perNode[v].empty())
        {
            continue;
        }
        TraceReplayHelper replay(resolve);
        replay.SetClientAttribute("ResponseTimeout", TimeValue(m_timeout));
        replay.SetTracePersistence(false);
        replay.SetTimeOffset(offset);
        ApplicationContainer c = replay.Install(NodeContainer(nodes.Get(v)), {perNode[v]});
        placer.PointClients(v, c);
        c.Stop(stop);
        c.Get(0)->TraceConnectWithoutContext("RequestComplete", MakeBoundCallback(count, &fig));
    }
    Simulator::Stop(stop + Seconds(1));
    Simulator::Run();
    Simulator::Destroy();
    fig.weightedBytes = weighted;
    NS_LOG_INFO(proxies.size() << " proxies: " << fig.completed << " completed, " << fig.failed
                               << " failed");
    return fig;
}

} // namespace ns3
