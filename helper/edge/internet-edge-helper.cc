/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "internet-edge-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("InternetEdgeHelper");

namespace
{

/// \return the TCP port an application listens on (its "Port" attribute)
uint16_t
PortOf(Ptr<Application> app)
{
    UintegerValue port;
    app->GetAttribute("Port", port);
    return uint16_t(port.Get());
}

} // namespace

void
InternetEdgeHelper::Edge::ConfigureProxies(ProxyCacheHelper& proxies) const
{
    proxies.SetAttribute(proxyAttribute, AddressValue(exit));
}

InternetEdgeHelper::InternetEdgeHelper()
    : m_gateway(1080)
    , m_parent(3128)
{}

void
InternetEdgeHelper::SetDesign(Design design)
{
    m_design = design;
}

InternetEdgeHelper::Design
InternetEdgeHelper::ParseDesign(const std::string& name)
{
    if (name == "socks")
    {
        return SOCKS_GATEWAY;
    }
    if (name == "parent")
    {
        return PARENT_PROXY;
    }
    throw std::invalid_argument("unknown edge design '" + name + "' (valid: socks, parent)");
}

void
InternetEdgeHelper::SetInsideInterface(uint32_t interface)
{
    m_inside = interface;
}

void
InternetEdgeHelper::SetFirewallAttribute(const std::string& name, const AttributeValue& value)
{
    m_firewall.SetAttribute(name, value);
}

void
InternetEdgeHelper::SetGatewayAttribute(const std::string& name, const AttributeValue& value)
{
    m_gateway.SetAttribute(name, value);
}

void
InternetEdgeHelper::SetParentAttribute(const std::string& name, const AttributeValue& value)
{
    m_parent.SetAttribute(name, value);
}

void
InternetEdgeHelper::SetParentResolver(ConnectionCache::Resolver resolver)
{
    m_parent.SetResolver(resolver);
}

InternetEdgeHelper::Edge
InternetEdgeHelper::Install(Ptr<Node> firewallNode, Ptr<Node> parentHost) const
{
    NS_ABORT_MSG_IF(!firewallNode, "InternetEdgeHelper::Install: no firewall node");
    Ptr<Ipv4> ipv4 = firewallNode->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4 || m_inside >= ipv4->GetNInterfaces()
                        || ipv4->GetNAddresses(m_inside) == 0,
                    "InternetEdgeHelper::Install: firewall node "
                        << firewallNode->GetId() << " has no addressed inside interface "
                        << m_inside << " (link and address it first)");
    Edge edge;
    if (m_design == SOCKS_GATEWAY)
    {
        NS_ABORT_MSG_IF(parentHost,
                        "InternetEdgeHelper::Install: a parent host with the SOCKS design "
                        "(SetDesign(PARENT_PROXY) for a parent proxy)");
        edge.gateway = DynamicCast<Socks5Gateway>(m_gateway.Install(firewallNode).Get(0));
        edge.exit
            = InetSocketAddress(ipv4->GetAddress(m_inside, 0).GetLocal(), PortOf(edge.gateway));
        edge.proxyAttribute = "SocksGateway";
    }
    else
    {
        NS_ABORT_MSG_IF(!parentHost,
                        "InternetEdgeHelper::Install: the parent design needs the parent's host");
        NS_ABORT_MSG_IF(parentHost == firewallNode,
                        "InternetEdgeHelper::Install: the parent's host is the firewall node "
                        "(it must be outside, on a host of its own)");
        Ptr<Ipv4> parentIp = parentHost->GetObject<Ipv4>();
        NS_ABORT_MSG_IF(!parentIp || parentIp->GetNInterfaces() < 2
                            || parentIp->GetNAddresses(1) == 0,
                        "InternetEdgeHelper::Install: parent host "
                            << parentHost->GetId()
                            << " has no addressed interface (link and address it first)");
        edge.parent = DynamicCast<ConnectionCache>(m_parent.Install(parentHost).Get(0));
        edge.exit = InetSocketAddress(parentIp->GetAddress(1, 0).GetLocal(), PortOf(edge.parent));
        edge.proxyAttribute = "Parent";
    }
    FirewallHelper fh = m_firewall;
    FirewallRule exit;
    exit.direction = FirewallRule::OUT;
    exit.protocol = 6;
    exit.destination = edge.exit.GetIpv4();
    exit.destinationMask = Ipv4Mask("255.255.255.255");
    exit.destinationPortMin = exit.destinationPortMax = edge.exit.GetPort();
    exit.action = FirewallRule::ALLOW;
    FirewallRule rest;
    rest.direction = FirewallRule::OUT;
    rest.action = FirewallRule::DENY;
    NS_ABORT_UNLESS(fh.AddRule(exit) == EXIT_RULE);
    NS_ABORT_UNLESS(fh.AddRule(rest) == DENY_OUT);
    if (edge.parent)
    {
        FirewallRule fromParent;
        fromParent.direction = FirewallRule::IN;
        fromParent.protocol = 6;
        fromParent.source = edge.exit.GetIpv4();
        fromParent.sourceMask = Ipv4Mask("255.255.255.255");
        fromParent.action = FirewallRule::ALLOW;
        NS_ABORT_UNLESS(fh.AddRule(fromParent) == PARENT_OUT);
    }
    fh.AddInsideInterface(m_inside);
    edge.firewall = fh.Install(NodeContainer(firewallNode))[0];
    NS_LOG_INFO("edge on node " << firewallNode->GetId() << ": proxies exit through "
                                << edge.exit.GetIpv4() << ":" << edge.exit.GetPort() << " ("
                                << edge.proxyAttribute << ")");
    return edge;
}

} // namespace ns3
