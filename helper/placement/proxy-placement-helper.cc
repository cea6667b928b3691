/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "proxy-placement-helper.h"

#include "ns3/address.h"
#include "ns3/fast-demux-tcp-l4-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/static-route-helper.h"
#include "ns3/string.h"
#include "ns3/web-client.h"
#include "ns3/web-proxy-compat.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ProxyPlacementHelper");

ProxyPlacementHelper::ProxyPlacementHelper(uint16_t port)
    : m_port(port)
    , m_proxy(port)
{
    m_p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
}

void
ProxyPlacementHelper::SetLinkAttribute(const std::string& name, const AttributeValue& value)
{
    m_p2p.SetDeviceAttribute(name, value);
}

void
ProxyPlacementHelper::SetProxyAttribute(const std::string& name, const AttributeValue& value)
{
    m_proxy.SetAttribute(name, value);
}

void
ProxyPlacementHelper::SetProxyResolver(ConnectionCache::Resolver resolver)
{
    m_proxy.SetResolver(resolver);
}

NodeContainer
ProxyPlacementHelper::BuildBackbone(const BackboneGraph& graph)
{
    NodeContainer nodes;
    nodes.Create(graph.GetNodeCount());
    InstallInternetStackWithTcp(
        InternetStackHelper(), nodes, FastDemuxTcpL4Protocol::GetTypeId().GetName());
    Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.252");
    m_devices = NetDeviceContainer();
    for (const auto& l : graph.GetLinks())
    {
        PointToPointHelper h = m_p2p;
        h.SetChannelAttribute(
            "Delay", TimeValue(MicroSeconds(int64_t(std::llround(l.link.latencyMs * 1000)))));
        NetDeviceContainer d = h.Install(nodes.Get(l.a), nodes.Get(l.b));
        Ipv4InterfaceContainer ifs = addresses.Assign(d);
        addresses.NewNetwork();
        // Global routing's shortest paths are by interface metric: make it the latency.
        const auto metric
            = uint16_t(std::clamp<double>(std::llround(l.link.latencyMs * 100), 1, 65535));
        for (uint32_t k = 0; k < 2; ++k)
        {
            Ptr<Ipv4> ip = d.Get(k)->GetNode()->GetObject<Ipv4>();
            ip->SetMetric(ip->GetInterfaceForDevice(d.Get(k)), metric);
        }
        m_devices.Add(d);
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    m_nodes = nodes;
    return nodes;
}

ApplicationContainer
ProxyPlacementHelper::Install(const PlacementProblem& problem,
                              const PlacementResult& result,
                              NodeContainer nodes,
                              const std::vector<PolicyAdvisor::Advice>& advice)
{
    if (nodes.GetN() != problem.GetNodeCount())
    {
        throw std::invalid_argument("ProxyPlacementHelper: " + std::to_string(nodes.GetN())
                                    + " nodes for a problem of "
                                    + std::to_string(problem.GetNodeCount()));
    }
    m_nodes = nodes;
    m_origin = problem.GetOrigin();
    m_server = problem.Assign(result.proxies);
    ApplicationContainer apps;
    for (uint32_t p : result.proxies)
    {
        if (p >= nodes.GetN())
        {
            throw std::invalid_argument("ProxyPlacementHelper: proxy node " + std::to_string(p)
                                        + " out of range");
        }
        ProxyCacheHelper h = m_proxy;
        if (p < advice.size() && !advice[p].best.empty())
        {
            h.SetAttribute("Policy", StringValue(advice[p].best));
        }
        apps.Add(h.Install(nodes.Get(p)));
        NS_LOG_INFO("proxy on node " << p << " (" << problem.GetNodeName(p) << ")");
    }
    return apps;
}

ApplicationContainer
ProxyPlacementHelper::InstallOnHosts(const PlacementProblem& problem,
                                     const PlacementResult& result,
                                     NodeContainer nodes,
                                     PointToPointHelper link,
                                     AddressPlan& plan,
                                     const std::string& pool,
                                     const std::vector<PolicyAdvisor::Advice>& advice)
{
    if (nodes.GetN() != problem.GetNodeCount())
    {
        return Install(problem, result, nodes, advice); // names the mismatch
    }
    // The sites: the hosts at the chosen nodes' indices, the backbone nodes elsewhere.
    std::vector<Ptr<Node>> sites(nodes.Begin(), nodes.End());
    for (uint32_t p : result.proxies)
    {
        if (p >= nodes.GetN())
        {
            break; // Install names it
        }
        Ptr<Node> host = CreateObject<Node>();
        InstallInternetStackWithTcp(
            InternetStackHelper(), host, FastDemuxTcpL4Protocol::GetTypeId().GetName());
        NetDeviceContainer d
            = plan.Link(link, nodes.Get(p), host, pool, "proxy-host/" + problem.GetNodeName(p));
        StaticRouteHelper::AddRoute(d.Get(1), Ipv4Address::GetZero(), "0.0.0.0");
        sites[p] = host;
    }
    NodeContainer siteNodes;
    for (const auto& n : sites)
    {
        siteNodes.Add(n);
    }
    return Install(problem, result, siteNodes, advice);
}

Ptr<Node>
ProxyPlacementHelper::GetNode(uint32_t node) const
{
    if (node >= m_nodes.GetN())
    {
        throw std::invalid_argument("ProxyPlacementHelper: node " + std::to_string(node)
                                    + " out of range (" + std::to_string(m_nodes.GetN())
                                    + " nodes)");
    }
    return m_nodes.Get(node);
}

const std::vector<uint32_t>&
ProxyPlacementHelper::GetAssignment() const
{
    return m_server;
}

bool
ProxyPlacementHelper::UsesProxy(uint32_t node) const
{
    return m_server.at(node) != m_origin;
}

Ipv4Address
ProxyPlacementHelper::GetAddress(uint32_t node) const
{
    Ptr<Ipv4> ip = m_nodes.Get(node)->GetObject<Ipv4>();
    if (!ip)
    {
        throw std::invalid_argument("node " + std::to_string(node) + " has no IPv4");
    }
    for (uint32_t i = 0; i < ip->GetNInterfaces(); ++i)
    {
        if (ip->GetNAddresses(i) > 0 && !ip->GetAddress(i, 0).GetLocal().IsLocalhost())
        {
            return ip->GetAddress(i, 0).GetLocal();
        }
    }
    throw std::invalid_argument("node " + std::to_string(node) + " has no IPv4 address");
}

Address
ProxyPlacementHelper::GetProxyFor(uint32_t node) const
{
    if (node >= m_server.size())
    {
        throw std::invalid_argument("ProxyPlacementHelper: node " + std::to_string(node)
                                    + " out of range (" + std::to_string(m_server.size())
                                    + " nodes placed)");
    }
    if (!UsesProxy(node))
    {
        return Address();
    }
    return InetSocketAddress(GetAddress(m_server[node]), m_port);
}

void
ProxyPlacementHelper::PointClients(uint32_t node, ApplicationContainer clients) const
{
    const Address proxy = GetProxyFor(node);
    for (auto it = clients.Begin(); it != clients.End(); ++it)
    {
        Ptr<WebClient> c = DynamicCast<WebClient>(*it);
        if (!c)
        {
            throw std::invalid_argument("ProxyPlacementHelper::PointClients: application of type "
                                        + (*it)->GetInstanceTypeId().GetName()
                                        + " is no WebClient");
        }
        c->SetAttribute("Proxy", AddressValue(proxy));
    }
}

const NetDeviceContainer&
ProxyPlacementHelper::GetDevices() const
{
    return m_devices;
}

} // namespace ns3
