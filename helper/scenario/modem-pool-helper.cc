/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "modem-pool-helper.h"

#include "address-plan.h"
#include "network-streams.h"

#include "ns3/abort.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/static-route-helper.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"

#include <unordered_map>

namespace ns3
{

ModemPoolHelper::ModemPoolHelper()
{
    m_modem.SetDeviceAttribute("DataRate", StringValue("28.8kbps"));
    m_modem.SetChannelAttribute("Delay", TimeValue(MilliSeconds(115)));
    // A terminal server port buffers a few KB, not the 1000 packets of Linux's default
    // queue discipline: at 28.8 kbit/s that would be minutes of queueing.
    m_modem.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue("8p"));
    m_uplink.SetDeviceAttribute("DataRate", StringValue("45Mbps"));
    m_uplink.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
}

void
ModemPoolHelper::SetModemDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_modem.SetDeviceAttribute(name, value);
}

void
ModemPoolHelper::SetModemDelay(Time delay)
{
    m_modem.SetChannelAttribute("Delay", TimeValue(delay));
}

void
ModemPoolHelper::SetUplinkDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_uplink.SetDeviceAttribute(name, value);
}

void
ModemPoolHelper::SetUplinkDelay(Time delay)
{
    m_uplink.SetChannelAttribute("Delay", TimeValue(delay));
}

void
ModemPoolHelper::SetModemsPerTerminalServer(uint32_t n)
{
    NS_ABORT_MSG_IF(n == 0, "ModemPoolHelper: at least one modem per terminal server");
    m_perServer = n;
}

void
ModemPoolHelper::SetAddressPlan(AddressPlan& plan, const std::string& name, const std::string& pool)
{
    m_plan = &plan;
    m_planName = name;
    m_planPool = pool;
}

void
ModemPoolHelper::Install(uint32_t modems)
{
    NS_ABORT_MSG_IF(modems == 0 || modems > (1u << 20), "ModemPoolHelper: 1..2^20 modems");
    NodeContainer nodes;
    nodes.Create(modems);
    Install(nodes);
}

void
ModemPoolHelper::Install(NodeContainer nodes)
{
    const uint32_t modems = nodes.GetN();
    NS_ABORT_MSG_IF(modems == 0 || modems > (1u << 20), "ModemPoolHelper: 1..2^20 modems");
    NS_ABORT_MSG_IF(m_core, "ModemPoolHelper: Install was called before (one pool per helper)");
    Ipv4Address modemBase("10.64.0.0");
    Ipv4Mask poolMask("255.192.0.0");
    Ipv4Address ringNet("10.63.0.0");
    Ipv4Mask ringMask("255.255.128.0");
    Ipv4Address uplinkNet("10.63.255.252");
    const auto servers = uint32_t((uint64_t(modems) + m_perServer - 1) / m_perServer);
    // Each terminal server's modem links take one aligned block (a power of two of /30s),
    // so that the access router needs one route per terminal server.
    uint64_t block = 4;
    while (block < 4ULL * m_perServer)
    {
        block <<= 1;
    }
    if (m_plan)
    {
        // The modem block holds every terminal server's aligned block (one server: the
        // modems' /30s side by side).
        const uint64_t modemAddresses = servers > 1 ? block * servers : 4ULL * modems;
        const AddressPlan::Block b = m_plan->Allocate(
            m_planPool, m_planName + "/modems", AddressPlan::PrefixFor(modemAddresses));
        modemBase = b.network;
        poolMask = b.GetMask();
        if (servers > 1)
        {
            const AddressPlan::Block r = m_plan->Allocate(
                m_planPool, m_planName + "/ring", AddressPlan::PrefixFor(4ULL * servers));
            ringNet = r.network;
            ringMask = r.GetMask();
        }
        uplinkNet = m_plan->Allocate(m_planPool, m_planName + "/uplink", 30).network;
    }
    NS_ABORT_MSG_IF(!m_plan && servers > 1 && block * servers > ~poolMask.Get() + 1ULL,
                    "ModemPoolHelper: " << servers << " terminal servers of " << m_perServer
                                        << " modems do not fit in 10.64.0.0/10");
    m_modems = nodes;
    m_nas = CreateObject<Node>();
    m_core = CreateObject<Node>();
    // With the helper's routes, everything behind the core stays out of global routing (the
    // core announces the pool's blocks); otherwise the script's routing sees every node.
    InternetStackHelper inner = StaticRouteHelper::InstallAccessHosts(m_modems, m_staticRouting);
    inner.Install(m_nas);
    InternetStackHelper().Install(m_core);
    if (servers == 1)
    {
        m_terminalServers.Add(m_nas);
    }
    else
    {
        // Several terminal servers on the access router's ring (FDDI in [PROXIM]'s ISP).
        m_terminalServers.Create(servers);
        inner.Install(m_terminalServers);
        PointToPointHelper ring;
        ring.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        ring.SetChannelAttribute("Delay", TimeValue(MicroSeconds(100)));
        Ipv4AddressHelper addr(ringNet, "255.255.255.252");
        for (uint32_t k = 0; k < servers; ++k)
        {
            NetDeviceContainer d = ring.Install(m_terminalServers.Get(k), m_nas);
            addr.Assign(d);
            addr.NewNetwork();
            // The ring cannot congest (fed by the 45 Mbit/s uplink one way, by the modems the
            // other), so a queue discipline would only ever pass packets straight to the
            // device: none, as for the modem links. FqCoDel costs ~10% of a pool's run time.
            TrafficControlHelper().Uninstall(d);
            if (m_staticRouting)
            {
                StaticRouteHelper::AddRoute(d.Get(0), Ipv4Address::GetZero(), "0.0.0.0");
                StaticRouteHelper::AddRoute(d.Get(1),
                                            Ipv4Address(modemBase.Get() + k * block),
                                            Ipv4Mask(~uint32_t(block - 1)));
            }
        }
    }
    Ipv4AddressHelper addr;
    for (uint32_t i = 0; i < modems; ++i)
    {
        if (i % m_perServer == 0)
        {
            addr.SetBase(Ipv4Address(modemBase.Get() + uint32_t(i / m_perServer * block)),
                         "255.255.255.252");
        }
        NetDeviceContainer d
            = m_modem.Install(m_modems.Get(i), m_terminalServers.Get(i / m_perServer));
        m_modemDevices.Add(d.Get(0));
        addr.Assign(d);
        addr.NewNetwork();
        TrafficControlHelper().Uninstall(d); // the device queue above is the only buffer
        if (m_staticRouting)
        {
            StaticRouteHelper::AddRoute(d.Get(0), Ipv4Address::GetZero(), "0.0.0.0");
        }
    }
    m_uplinkDevices = m_uplink.Install(m_nas, m_core);
    Ipv4AddressHelper up(uplinkNet, "255.255.255.252");
    up.Assign(m_uplinkDevices);
    // Towards the core go only requests and ACKs, from modems slower than the uplink: the
    // NAS side never queues. The core side, where downloads queue, keeps FqCoDel.
    TrafficControlHelper().Uninstall(m_uplinkDevices.Get(0));
    // With one terminal server, m_terminalServers is the NAS itself.
    StaticRouteHelper::SetRouters(NodeContainer(NodeContainer(m_nas, m_core), m_terminalServers));
    if (m_staticRouting)
    {
        StaticRouteHelper::AddRoute(m_uplinkDevices.Get(0), Ipv4Address::GetZero(), "0.0.0.0");
        StaticRouteHelper::AddRoute(m_uplinkDevices.Get(1), modemBase, poolMask);
        std::vector<std::pair<Ipv4Address, Ipv4Mask>> blocks
            = {{modemBase, poolMask}, {uplinkNet, Ipv4Mask("255.255.255.252")}};
        if (servers > 1 || !m_plan) // a plan has no ring block for one terminal server
        {
            StaticRouteHelper::AddRoute(m_uplinkDevices.Get(1), ringNet, ringMask);
            blocks.emplace_back(ringNet, ringMask);
        }
        StaticRouteHelper::AdvertiseBlocks(m_core, blocks);
    }
}

void
ModemPoolHelper::SetStaticRouting(bool enable)
{
    m_staticRouting = enable;
}

NodeContainer
ModemPoolHelper::GetTerminalServers() const
{
    return m_terminalServers;
}

NodeContainer
ModemPoolHelper::GetModems() const
{
    return m_modems;
}

Ptr<Node>
ModemPoolHelper::GetNas() const
{
    return m_nas;
}

Ptr<Node>
ModemPoolHelper::GetCore() const
{
    return m_core;
}

NetDeviceContainer
ModemPoolHelper::GetModemDevices() const
{
    return m_modemDevices;
}

NetDeviceContainer
ModemPoolHelper::LinkTo(Ptr<Node> router, const PointToPointHelper& link, const std::string& pool)
{
    NS_ABORT_MSG_UNLESS(m_core, "ModemPoolHelper: LinkTo before Install");
    NS_ABORT_MSG_IF(m_accessDevices.GetN() > 0,
                    "ModemPoolHelper: LinkTo was called before (one link)");
    m_accessDevices = AddressPlan::LinkIn(m_plan,
                                          link,
                                          m_core,
                                          router,
                                          pool.empty() ? m_planPool : pool,
                                          m_planName + "-access",
                                          Ipv4Address("10.63.255.248"));
    return m_accessDevices;
}

NetDeviceContainer
ModemPoolHelper::GetAccessDevices() const
{
    return m_accessDevices;
}

NetDeviceContainer
ModemPoolHelper::GetUplinkDevices() const
{
    return m_uplinkDevices;
}

int64_t
ModemPoolHelper::AssignStreams(int64_t stream)
{
    NS_ABORT_MSG_UNLESS(m_core, "ModemPoolHelper::AssignStreams: call Install first");
    NodeContainer nodes(m_modems, m_terminalServers);
    if (m_terminalServers.Get(0) != m_nas)
    {
        nodes.Add(m_nas);
    }
    nodes.Add(m_core);
    return AssignNetworkStreams(nodes, stream);
}

ModemPoolHelper::Assignment
ModemPoolHelper::AssignSessions(const std::vector<TraceRecord>& records,
                                uint32_t modems,
                                Time idleTimeout)
{
    NS_ABORT_MSG_IF(modems == 0, "ModemPoolHelper::AssignSessions: no modems");
    Assignment a;
    a.perModem.resize(modems);
    const uint32_t none = UINT32_MAX;
    std::vector<uint32_t> owner(modems, none);        // user holding each modem
    std::vector<Time> last(modems);                   // that user's last request
    std::unordered_map<uint32_t, uint32_t> holding;   // user -> modem
    std::unordered_map<uint32_t, Time> rejectedUntil; // user -> end of a rejected session
    Time previous;
    for (const TraceRecord& r : records)
    {
        NS_ABORT_MSG_IF(r.time < previous,
                        "ModemPoolHelper::AssignSessions: records not in time order");
        previous = r.time;
        auto h = holding.find(r.client);
        if (h != holding.end() && r.time - last[h->second] <= idleTimeout)
        {
            last[h->second] = r.time;
            a.perModem[h->second].push_back(r);
            continue;
        }
        if (h != holding.end())
        {
            owner[h->second] = none; // the session timed out
            holding.erase(h);
        }
        auto rej = rejectedUntil.find(r.client);
        if (rej != rejectedUntil.end() && r.time <= rej->second)
        {
            rej->second = r.time + idleTimeout; // still within the rejected session
            ++a.rejectedRequests;
            continue;
        }
        uint32_t busy = 0;
        uint32_t free = none;
        for (uint32_t m = 0; m < modems; ++m)
        {
            if (owner[m] != none && r.time - last[m] > idleTimeout)
            {
                holding.erase(owner[m]); // that session ended before this request
                owner[m] = none;
            }
            if (owner[m] == none)
            {
                free = free == none ? m : free;
            }
            else
            {
                ++busy;
            }
        }
        if (free == none)
        {
            ++a.rejectedSessions;
            ++a.rejectedRequests;
            rejectedUntil[r.client] = r.time + idleTimeout;
            continue;
        }
        rejectedUntil.erase(r.client);
        owner[free] = r.client;
        last[free] = r.time;
        holding[r.client] = free;
        a.perModem[free].push_back(r);
        ++a.sessions;
        a.maxBusy = std::max(a.maxBusy, busy + 1);
    }
    return a;
}

} // namespace ns3
