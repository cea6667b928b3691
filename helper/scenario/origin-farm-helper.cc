/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "origin-farm-helper.h"

#include "ns3/abort.h"
#include "ns3/application-streams.h"
#include "ns3/double.h"
#include "ns3/fast-demux-tcp-l4-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/local-delivery-routing.h"
#include "ns3/log.h"
#include "ns3/origin-server.h"
#include "ns3/pointer.h"
#include "ns3/static-route-helper.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/uinteger.h"
#include "ns3/web-proxy-compat.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OriginFarmHelper");

namespace
{
/// Addresses per origin node link: a /20.
constexpr uint32_t BLOCK = 4096;
const char* const BLOCK_MASK = "255.255.240.0";
} // namespace

OriginFarmHelper::OriginFarmHelper(Ptr<Node> core, std::vector<Time> oneWayDelays, Ipv4Address base)
    : m_core(core)
    , m_delays(std::move(oneWayDelays))
    , m_base(base)
    , m_classes(m_delays.size())
{
    NS_ABORT_MSG_IF(m_delays.empty(), "OriginFarmHelper: give at least one RTT class");
    m_link.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    m_link.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue("1000p"));
    m_serverFactory.SetTypeId(OriginServer::GetTypeId());
    m_age = CreateObject<ExponentialRandomVariable>();
    m_age->SetAttribute("Mean", DoubleValue(1.0));
    m_maxAgeChoice = CreateObject<UniformRandomVariable>();
}

void
OriginFarmHelper::SetModificationInterval(Ptr<RandomVariableStream> meanInterval)
{
    m_modificationInterval = meanInterval;
}

void
OriginFarmHelper::SetSynLoss(double probability)
{
    NS_ABORT_MSG_IF(!(probability >= 0 && probability <= 1),
                    "OriginFarmHelper::SetSynLoss: probability " << probability << " must be 0..1");
    m_synLoss = probability;
}

void
OriginFarmHelper::SetSynDelay(Ptr<RandomVariableStream> seconds)
{
    m_synDelay = seconds;
}

std::vector<Ptr<ConnectionRequestDelay>>
OriginFarmHelper::GetSynDelays() const
{
    return m_synDelays;
}

std::vector<Ptr<SynLossErrorModel>>
OriginFarmHelper::GetSynLossModels() const
{
    return m_synModels;
}

void
OriginFarmHelper::SetMaxAge(double share, Ptr<RandomVariableStream> maxAge)
{
    NS_ABORT_MSG_IF(share < 0 || share > 1 || (share > 0 && !maxAge),
                    "OriginFarmHelper::SetMaxAge: share " << share
                                                          << " must be 0..1, with a max-age");
    m_maxAgeShare = share;
    m_maxAge = maxAge;
}

void
OriginFarmHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_link.SetDeviceAttribute(name, value);
}

void
OriginFarmHelper::SetServerAttribute(const std::string& name, const AttributeValue& value)
{
    m_serverFactory.Set(name, value);
}

void
OriginFarmHelper::SetMaxServersPerNode(uint32_t n)
{
    NS_ABORT_MSG_IF(n < 1 || n > BLOCK - 4,
                    "OriginFarmHelper: MaxServersPerNode must be 1.." << BLOCK - 4 << ", not "
                                                                      << n);
    m_maxPerNode = n;
}

OriginFarmHelper::OriginNode&
OriginFarmHelper::NodeForClass(uint32_t cls)
{
    auto& nodes = m_classes[cls];
    if (!nodes.empty() && nodes.back().used < m_maxPerNode)
    {
        return nodes.back();
    }
    OriginNode o;
    o.node = CreateObject<Node>();
    // Hundreds of connections end here: ns-3's per-segment endpoint scan would dominate.
    InternetStackHelper stack;
    if (m_staticRouting)
    {
        // Out of global routing (the core announces the farm's blocks): a list for the local
        // delivery below, with static routing only.
        Ipv4ListRoutingHelper list;
        list.Add(Ipv4StaticRoutingHelper(), 0);
        stack.SetRoutingHelper(list);
    }
    InstallInternetStackWithTcp(stack, o.node, FastDemuxTcpL4Protocol::GetTypeId().GetName());
    m_link.SetChannelAttribute("Delay", TimeValue(m_delays[cls]));
    NetDeviceContainer d = m_link.Install(m_core, o.node);
    Ipv4Address net(m_base.Get() + BLOCK * m_nextBlock++);
    Ipv4AddressHelper addr(net, BLOCK_MASK);
    addr.Assign(d); // .1 core, .2 origin node; the core's connected route covers the block
    // Towards the origin node only requests and ACKs flow, from the core's slower links: that
    // side never queues. The origin side sends at 100 Mbit/s into a core whose way out is
    // slower, so its queue holds only a sender's bursts: a device FIFO deep enough for them
    // does what FqCoDel did there, at a fraction of its cost per packet.
    TrafficControlHelper().Uninstall(d);
    if (m_synLoss > 0)
    {
        Ptr<SynLossErrorModel> loss = CreateObject<SynLossErrorModel>();
        loss->SetAttribute("Probability", DoubleValue(m_synLoss));
        d.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
        m_synModels.push_back(loss);
    }
    if (m_staticRouting)
    {
        StaticRouteHelper::AddRoute(d.Get(1), Ipv4Address::GetZero(), "0.0.0.0");
        AdvertiseBlocks();
    }
    o.ifIndex = o.node->GetObject<Ipv4>()->GetInterfaceForDevice(d.Get(1));
    o.first = Ipv4Address(net.Get() + 3);
    // The servers' addresses are not assigned to the interface (ns-3 scans interface
    // addresses per packet): the node delivers the whole block locally instead.
    Ptr<LocalDeliveryRouting> local = CreateObject<LocalDeliveryRouting>();
    local->AddPrefix(net, Ipv4Mask(BLOCK_MASK));
    Ptr<Ipv4ListRouting> list
        = DynamicCast<Ipv4ListRouting>(o.node->GetObject<Ipv4>()->GetRoutingProtocol());
    NS_ABORT_MSG_IF(!list, "OriginFarmHelper: origin nodes need Ipv4ListRouting");
    list->AddRoutingProtocol(local, 100);
    if (m_synDelay)
    {
        Ptr<ConnectionRequestDelay> delay = CreateObject<ConnectionRequestDelay>();
        delay->SetAttribute("Delay", PointerValue(m_synDelay));
        delay->Install(o.node);
        m_synDelays.push_back(delay);
    }
    o.catalog = CreateObject<WebObjectCatalog>();
    m_serverFactory.Set("Catalog", PointerValue(o.catalog));
    Ptr<Application> server = m_serverFactory.Create<Application>();
    o.node->AddApplication(server);
    m_servers.Add(server);
    m_nodes.Add(o.node);
    nodes.push_back(o);
    return nodes.back();
}

void
OriginFarmHelper::AdvertiseBlocks()
{
    // The smallest prefix that holds every block so far: one route on every router, however
    // many origin nodes there are.
    const uint32_t first = m_base.Get();
    const uint32_t last = first + BLOCK * m_nextBlock - 1;
    uint32_t length = 20;
    while (length > 0 && (first >> (32 - length)) != (last >> (32 - length)))
    {
        --length;
    }
    const Ipv4Mask mask(length ? ~uint32_t(0) << (32 - length) : 0);
    const Ipv4Address network = m_base.CombineMask(mask);
    if (m_advertised && network == m_advertisedNetwork && mask == m_advertisedMask)
    {
        return;
    }
    if (m_advertised)
    {
        WithdrawGlobalRoute(m_core, m_advertisedNetwork, m_advertisedMask);
    }
    // A core without global routing (a script routing statically) needs no announcement.
    m_advertised = AdvertiseGlobalRoute(m_core, network, mask);
    m_advertisedNetwork = network;
    m_advertisedMask = mask;
}

void
OriginFarmHelper::SetStaticRouting(bool enable)
{
    m_staticRouting = enable;
}

InetSocketAddress
OriginFarmHelper::AddServer(const std::string& host, Time rtt)
{
    auto known = m_hosts.find(host);
    if (known != m_hosts.end())
    {
        return known->second.address;
    }
    uint32_t cls = 0;
    for (uint32_t i = 1; i < m_delays.size(); ++i)
    {
        if (std::abs((2 * m_delays[i] - rtt).GetDouble())
            < std::abs((2 * m_delays[cls] - rtt).GetDouble()))
        {
            cls = i;
        }
    }
    OriginNode& o = NodeForClass(cls);
    Ipv4Address a(o.first.Get() + o.used++);
    InetSocketAddress address(a, 80);
    m_hosts.emplace(host, Host{address, cls, o.catalog});
    return address;
}

bool
OriginFarmHelper::HasServer(const std::string& host) const
{
    return m_hosts.count(host) > 0;
}

InetSocketAddress
OriginFarmHelper::Resolve(const std::string& host) const
{
    auto it = m_hosts.find(host);
    NS_ABORT_MSG_IF(it == m_hosts.end(), "OriginFarmHelper: unknown server host '" << host << "'");
    return it->second.address;
}

uint32_t
OriginFarmHelper::GetRttClass(const std::string& host) const
{
    auto it = m_hosts.find(host);
    NS_ABORT_MSG_IF(it == m_hosts.end(), "OriginFarmHelper: unknown server host '" << host << "'");
    return it->second.cls;
}

Time
OriginFarmHelper::GetRtt(const std::string& host) const
{
    return 2 * m_delays[GetRttClass(host)];
}

void
OriginFarmHelper::AddObjects(const std::vector<TraceRecord>& records)
{
    // Merged per URL first: a 304 record does not carry the size, a later 200 record does.
    std::map<std::string, WebObject> objects;
    for (const TraceRecord& r : records)
    {
        NS_ABORT_MSG_IF(!HasServer(r.server),
                        "OriginFarmHelper::AddObjects: no server '" << r.server << "'");
        auto [it, inserted] = objects.try_emplace(r.server + r.path);
        WebObject& o = it->second;
        if (inserted)
        {
            o.host = r.server;
            o.path = r.path;
            o.status = r.status == 304 ? 200 : r.status;
            if (o.status != 200)
            {
                continue;
            }
        }
        if (r.status != 200)
        {
            continue;
        }
        o.size = std::max(o.size, r.size);
        if (!r.contentType.empty())
        {
            o.contentType = r.contentType;
        }
        if (r.setCookie)
        {
            o.setCookie = "sid=" + std::to_string(r.client);
        }
        if (r.serverNoCache)
        {
            o.cacheControl = "no-cache";
        }
    }
    for (auto& [url, o] : objects)
    {
        if (o.status >= 400)
        {
            continue; // not in the catalog: the server answers 404
        }
        if (o.status == 200 && m_modificationInterval)
        {
            const double mean = m_modificationInterval->GetValue();
            if (mean > 0)
            {
                o.meanModificationInterval = Seconds(mean);
                o.lastModified = Seconds(-mean * m_age->GetValue());
            }
        }
        if (o.status == 200 && m_maxAgeShare > 0 && m_maxAgeChoice->GetValue() < m_maxAgeShare
            && o.cacheControl.empty())
        {
            o.cacheControl
                = "max-age=" + std::to_string(std::max<int64_t>(0, int64_t(m_maxAge->GetValue())));
        }
        m_hosts.at(o.host).catalog->Add(o);
    }
}

Ptr<WebObjectCatalog>
OriginFarmHelper::GetCatalog(const std::string& host) const
{
    auto it = m_hosts.find(host);
    NS_ABORT_MSG_IF(it == m_hosts.end(), "OriginFarmHelper: unknown server host '" << host << "'");
    return it->second.catalog;
}

int64_t
OriginFarmHelper::AssignStreams(int64_t stream)
{
    int64_t n = 0;
    for (Ptr<RandomVariableStream> rv : {m_modificationInterval, m_maxAge})
    {
        if (rv)
        {
            rv->SetStream(stream + n);
        }
        ++n; // numbered whether set or not: the servers' streams stay where they are
    }
    m_age->SetStream(stream + n++);
    m_maxAgeChoice->SetStream(stream + n++);
    n += AssignApplicationStreams<OriginServer>(m_servers, stream + n);
    // Last, so that the servers' streams are numbered as without them.
    for (const auto& loss : m_synModels)
    {
        n += loss->AssignStreams(stream + n);
    }
    if (m_synDelay)
    {
        m_synDelay->SetStream(stream + n++);
    }
    return n;
}

NodeContainer
OriginFarmHelper::GetNodes() const
{
    return m_nodes;
}

ApplicationContainer
OriginFarmHelper::GetServers() const
{
    return m_servers;
}

uint32_t
OriginFarmHelper::GetServerCount() const
{
    return m_hosts.size();
}

} // namespace ns3
