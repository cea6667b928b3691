/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-site-helper.h"

#include "ns3/address-plan.h"
#include "ns3/boolean.h"
#include "ns3/csma-channel.h"
#include "ns3/depot-standby.h"
#include "ns3/depot.h"
#include "ns3/fast-demux-tcp-l4-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/web-proxy-compat.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DepotSiteHelper");

namespace
{
/// Host number of the VIP and of the gateway in their /24s.
constexpr uint32_t VIRTUAL_HOST = 100;
/// Host numbers before the proxies on LAN B: the router, then the two depots.
constexpr uint32_t FIRST_PROXY_HOST = 4;
} // namespace

DepotSiteHelper::DepotSiteHelper()
    : m_proxyHelper(3128)
{
    m_standby.SetAttribute("Mode", StringValue("hot"));
    m_csma.SetChannelAttribute("DataRate", StringValue("1Gbps"));
    m_csma.SetChannelAttribute("Delay", StringValue("5us"));
}

void
DepotSiteHelper::SetProxyCount(uint32_t proxies)
{
    if (proxies < 1 || FIRST_PROXY_HOST + proxies > VIRTUAL_HOST)
    {
        throw std::invalid_argument("DepotSiteHelper: " + std::to_string(proxies)
                                    + " proxies; a site has 1 to "
                                    + std::to_string(VIRTUAL_HOST - FIRST_PROXY_HOST));
    }
    m_proxies = proxies;
}

void
DepotSiteHelper::SetProxyHelper(const ProxyCacheHelper& proxies)
{
    m_proxyHelper = proxies;
}

void
DepotSiteHelper::SetPort(uint16_t port)
{
    m_port = port;
}

void
DepotSiteHelper::SetDepotAttribute(const std::string& name, const AttributeValue& value)
{
    m_depotAttributes.emplace_back(name, value.Copy());
}

void
DepotSiteHelper::SetScheduler(const std::string& type)
{
    m_scheduler = type;
}

void
DepotSiteHelper::SetStandbyAttribute(const std::string& name, const AttributeValue& value)
{
    m_standby.SetAttribute(name, value);
}

void
DepotSiteHelper::SetLanAttribute(const std::string& name, const AttributeValue& value)
{
    m_csma.SetChannelAttribute(name, value);
}

void
DepotSiteHelper::AddOutboundRoute(Ipv4Address network, Ipv4Mask mask)
{
    m_outbound.emplace_back(network, mask);
}

DepotSiteHelper::Site
DepotSiteHelper::Install(Ptr<Node> router,
                         AddressPlan& plan,
                         const std::string& name,
                         const std::string& pool) const
{
    NS_ABORT_MSG_IF(!router || !router->GetObject<Ipv4>(),
                    "DepotSiteHelper::Install(" << name << "): the router has no Ipv4 stack");
    Site site;
    site.name = name;
    site.port = m_port;
    const AddressPlan::Block lanA = plan.Allocate(pool, name + "/lan-a", 24);
    const AddressPlan::Block lanB = plan.Allocate(pool, name + "/lan-b", 24);
    site.vip = Ipv4Address(lanA.network.Get() + VIRTUAL_HOST);
    site.gateway = Ipv4Address(lanB.network.Get() + VIRTUAL_HOST);
    site.depots.Create(2);
    site.proxies.Create(m_proxies);
    // Static routing only: global routing must not see the depots' shared virtual addresses.
    Ipv4StaticRoutingHelper staticRouting;
    Ipv4ListRoutingHelper listRouting;
    listRouting.Add(staticRouting, 0);
    InternetStackHelper stack;
    stack.SetRoutingHelper(listRouting);
    stack.Install(site.depots);
    InstallInternetStackWithTcp(stack, site.proxies, FastDemuxTcpL4Protocol::GetTypeId().GetName());
    site.lanA = m_csma.Install(NodeContainer(NodeContainer(router), site.depots));
    site.lanB = m_csma.Install(NodeContainer(NodeContainer(router), site.depots, site.proxies));
    lanA.Assign(site.lanA);
    const Ipv4InterfaceContainer lanBIf = lanB.Assign(site.lanB);
    const Ipv4Address routerA(lanA.network.Get() + 1);
    for (uint32_t d = 0; d < 2; ++d)
    {
        staticRouting.GetStaticRouting(site.depots.Get(d)->GetObject<Ipv4>())
            ->SetDefaultRoute(routerA, 1);
    }
    for (uint32_t i = 0; i < m_proxies; ++i)
    {
        Ptr<Ipv4StaticRouting> sr
            = staticRouting.GetStaticRouting(site.proxies.Get(i)->GetObject<Ipv4>());
        sr->SetDefaultRoute(site.gateway, 1);
        for (const auto& [network, mask] : m_outbound)
        {
            sr->AddNetworkRouteTo(network, mask, lanBIf.GetAddress(0), 1);
        }
    }
    const auto virtualDevices = DepotStandbyHelper::AddVirtualInterfaces(
        site.depots,
        DynamicCast<CsmaChannel>(site.lanA.Get(0)->GetChannel()),
        site.vip,
        DynamicCast<CsmaChannel>(site.lanB.Get(0)->GetChannel()),
        site.gateway);
    site.proxyApps = m_proxyHelper.Install(site.proxies);
    DepotHelper depotHelper(site.vip, m_port);
    for (const auto& [attribute, value] : m_depotAttributes)
    {
        depotHelper.SetAttribute(attribute, *value);
    }
    if (!m_scheduler.empty())
    {
        depotHelper.SetScheduler(m_scheduler);
    }
    for (uint32_t i = 0; i < m_proxies; ++i)
    {
        depotHelper.AddProxy(lanBIf.GetAddress(FIRST_PROXY_HOST - 1 + i), m_port);
    }
    DepotStandbyHelper standby = m_standby;
    for (uint32_t d = 0; d < 2; ++d)
    {
        Ptr<Depot> depot = DynamicCast<Depot>(depotHelper.Install(site.depots.Get(d)).Get(0));
        site.depotApps.push_back(depot);
        standby.SetAttribute("Master", BooleanValue(d == 0));
        // The peer: the other depot's LAN B address (.3 for the master, .2 for the backup).
        site.standbys.push_back(DynamicCast<DepotStandby>(
            standby.Install(site.depots.Get(d), depot, lanBIf.GetAddress(2 - d), virtualDevices[d])
                .Get(0)));
    }
    NS_LOG_INFO("depot site " << name << ": VIP " << site.vip << ", gateway " << site.gateway
                              << ", " << m_proxies << " proxies");
    return site;
}

void
DepotSiteHelper::EnablePcap(const std::string& prefix, const Site& site) const
{
    CsmaHelper pcap = m_csma;
    pcap.EnablePcap(prefix + "-a", site.lanA.Get(0), true);
    pcap.EnablePcap(prefix + "-b", site.lanB.Get(0), true);
}

} // namespace ns3
