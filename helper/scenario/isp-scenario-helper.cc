/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isp-scenario-helper.h"

#include "ns3/attribute-text-check.h"
#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/fast-demux-tcp-l4-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/object-factory.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/static-route-helper.h"
#include "ns3/string.h"
#include "ns3/trace-replay-helper.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/uinteger.h"
#include "ns3/web-proxy-compat.h"
#include "ns3/workload-presets.h"

#include <algorithm>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace ns3
{

namespace
{
/**
 * \param text a random variable as ns-3 writes it, e.g. "ns3::ConstantRandomVariable[Constant=1]"
 * \param option the option it came from, for the error
 * \return the variable; std::invalid_argument naming the option if it is not one
 */
Ptr<RandomVariableStream>
MakeVariable(const std::string& text, const std::string& option)
{
    if (!AttributeTextCheck::IsRandomVariable(text))
    {
        throw std::invalid_argument(option + ": '" + text + "' is not a random variable");
    }
    std::istringstream is(text);
    ObjectFactory factory;
    is >> factory;
    return factory.Create<RandomVariableStream>();
}

/// RTT classes: quantiles of the servers' RTTs from the access router; the farm's node link
/// delays are half of them less the access router's one-way delay to the core.
std::vector<Time>
RttClasses(std::vector<Time> rtts, uint32_t classes, Time accessToCore)
{
    std::sort(rtts.begin(), rtts.end());
    std::vector<Time> delays;
    for (uint32_t k = 0; k < classes; ++k)
    {
        Time rtt
            = rtts[std::min<size_t>(rtts.size() - 1, (2 * k + 1) * rtts.size() / (2 * classes))];
        // The core is accessToCore (one way) from the access router already; an RTT below
        // twice that is as near as the topology allows.
        delays.push_back(std::max(Time(0), rtt / 2 - accessToCore));
    }
    return delays;
}

/// Where AddProxyNode's link is addressed: outside every block the helpers use.
const Ipv4Address PROXY_NET("10.62.0.0");
const Ipv4Mask PROXY_MASK("255.255.255.252");
} // namespace

IspScenarioHelper::IspScenarioHelper() = default;
IspScenarioHelper::~IspScenarioHelper() = default;

void
IspScenarioHelper::SetTcpDefaults(
    const std::function<void(const std::string&, const AttributeValue&)>& set)
{
    set("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    set("ns3::TcpSocketBase::Timestamp", BooleanValue(false));
}

const std::map<std::string, std::string>&
IspScenarioHelper::GetWorkloadSettings()
{
    static const std::map<std::string, std::string> owned{{"Users", "users"},
                                                          {"Requests", "duration"},
                                                          {"Objects", "duration"},
                                                          {"Duration", "duration"},
                                                          {"Pages", "pages"},
                                                          {"Servers", "servers"},
                                                          {"SameSitePageProbability", "sameSite"},
                                                          {"ServerRtt", "serverRtt"}};
    return owned;
}

void
IspScenarioHelper::AddCommandLineOptions(CommandLine& cmd, Settings& s)
{
    cmd.AddValue("population", "modem (dial-up pool) or lan (research LAN)", s.population);
    cmd.AddValue("modems", "Modems in the pool", s.modems);
    cmd.AddValue("users", "Users (default: 40 per modem, 10 per LAN client)", s.users);
    cmd.AddValue("lanClients", "LAN client nodes", s.lanClients);
    cmd.AddValue("duration", "Trace time to generate and simulate (e.g. 900s, 1h)", s.duration);
    cmd.AddValue("rttClasses", "RTT classes of origin servers", s.rttClasses);
    cmd.AddValue("maxOutstanding", "Requests in flight per client", s.maxOutstanding);
    cmd.AddValue("servers",
                 "Origin servers of the workload; 0: one per ObjectsPerServer objects of its "
                 "universe",
                 s.servers);
    cmd.AddValue("sameSite",
                 "Probability that a page's base is on the server of the page before",
                 s.sameSite);
    cmd.AddValue("synLoss",
                 "Probability that an origin loses a connection request (SYN); negative: the "
                 "population's (modem 0.22, LAN 0)",
                 s.synLoss);
    cmd.AddValue("synDelay",
                 "How long an origin holds each connection request (SYN), seconds, a random "
                 "variable, e.g. ns3::LogNormalRandomVariable[Mu=0|Sigma=0.5] (default: none)",
                 s.synDelay);
    cmd.AddValue("timeWait", "TCP TIME_WAIT (2 MSL), e.g. 60s", s.timeWait);
    cmd.AddValue("serverRtt",
                 "Proxy-to-server RTT of the origins, seconds, a random variable, e.g. "
                 "ns3::ConstantRandomVariable[Constant=0.08] (default: the preset's)",
                 s.serverRtt);
    cmd.AddValue("serverThink",
                 "Origin think time per request, seconds, a random variable, e.g. "
                 "ns3::ExponentialRandomVariable[Mean=0.01] (default: none)",
                 s.serverThink);
    cmd.AddValue("modificationInterval",
                 "Per-object mean modification interval at the origins, seconds, a random "
                 "variable (default: the preset's ModificationInterval; none: never modified, "
                 "Last-Modified at time 0)",
                 s.modificationInterval);
    cmd.AddValue("maxAgeShare", "Share of objects sent with Cache-Control max-age", s.maxAgeShare);
    cmd.AddValue("maxAge", "Their max-age, seconds, a random variable", s.maxAge);
}

void
IspScenarioHelper::Build(const Settings& settings)
{
    m_settings = settings;
    m_modem = settings.population == "modem";
    if (!m_modem && settings.population != "lan")
    {
        throw std::invalid_argument("population must be modem or lan, not '" + settings.population
                                    + "'");
    }
    // Every option is checked before anything changes.
    for (const auto& [text, option] : {std::pair{settings.serverRtt, "serverRtt"},
                                       std::pair{settings.serverThink, "serverThink"},
                                       std::pair{settings.synDelay, "synDelay"},
                                       std::pair{settings.maxAge, "maxAge"}})
    {
        if (!text.empty())
        {
            MakeVariable(text, option);
        }
    }
    if (!settings.modificationInterval.empty() && settings.modificationInterval != "none")
    {
        MakeVariable(settings.modificationInterval, "modificationInterval");
    }
    if (settings.maxAgeShare < 0 || settings.maxAgeShare > 1
        || (settings.maxAgeShare > 0 && settings.maxAge.empty()))
    {
        throw std::invalid_argument("maxAgeShare: " + std::to_string(settings.maxAgeShare)
                                    + " must be a share (0..1), with a maxAge");
    }
    if (settings.synLoss > 1)
    {
        throw std::invalid_argument("synLoss: " + std::to_string(settings.synLoss)
                                    + " must be a probability (0..1), or negative for the "
                                      "population's");
    }
    if (settings.servers == 1)
    {
        throw std::invalid_argument("servers: 1 is neither 0 (from the workload's "
                                    "ObjectsPerServer) nor at least 2 (a cookie site and "
                                    "another)");
    }
    Settings& s = m_settings;
    s.users = s.users ? s.users : (m_modem ? 40 * s.modems : 10 * s.lanClients);

    // The workload: [PROXIM]'s environment, users as many as the population has, for the
    // duration (the workload counts its requests and sizes its universe for them).
    const std::string preset = m_modem ? "modem" : "research";
    m_workload = SyntheticWorkload::CreatePreset(preset);
    m_workload->SetAttribute("Users", UintegerValue(s.users));
    m_workload->SetAttribute("Requests", UintegerValue(0));
    m_workload->SetAttribute("Objects", UintegerValue(0));
    m_workload->SetAttribute("Duration", TimeValue(s.duration));
    m_workload->SetAttribute("Pages", BooleanValue(s.pages));
    // [PROXIM]'s connection reuse depends on how many of a page's objects its server holds:
    // with the preset's fixed count, a short trace's few objects would each sit on a server
    // of their own (doc/models/workload.rst, "Sites").
    m_workload->SetAttribute("Servers", UintegerValue(s.servers));
    m_workload->SetAttribute("SameSitePageProbability", DoubleValue(s.sameSite));
    // Responses as they are: 304s, redirects and errors, which the presets leave out (they are
    // calibrated to [PROXIM]'s hit ratios without them).
    m_workload->SetResponseStatuses();
    for (const auto& [name, text] : s.workloadAttributes)
    {
        const auto owner = GetWorkloadSettings().find(name);
        if (owner != GetWorkloadSettings().end())
        {
            throw std::invalid_argument("workload attribute " + name + ": set by the setting "
                                        + owner->second);
        }
    }
    m_workload->SetAttributesFromText(s.workloadAttributes);
    if (!s.serverRtt.empty())
    {
        m_workload->SetAttribute("ServerRtt", StringValue(s.serverRtt));
    }
    const int64_t workloadStreams = m_workload->AssignStreams(s.stream);
    try
    {
        m_workload->GetObjectCount(); // counts the requests of the duration
    }
    catch (const std::invalid_argument&)
    {
        throw std::invalid_argument("no requests in " + std::to_string(s.duration.GetSeconds())
                                    + " s of trace");
    }
    // The scenario's TCP is set through the defaults (the sockets are created later, by the
    // applications), and only once the settings are known to be valid: a refused Build leaves
    // the process's defaults as they were.
    Config::SetDefault("ns3::TcpSocketBase::MaxSegLifetime",
                       DoubleValue(settings.timeWait.GetSeconds() / 2));
    if (settings.tcpDefaults)
    {
        SetTcpDefaults([](const std::string& name, const AttributeValue& value)
                       { Config::SetDefault(name, value); });
    }
    TraceRecord r;
    while (m_workload->Next(r))
    {
        m_records.push_back(r);
        m_stats.Add(r);
    }

    // The population and its access network.
    Ptr<Node> core;
    if (m_modem)
    {
        m_pool.SetStaticRouting(s.staticRouting);
        if (!s.uplinkRate.empty())
        {
            m_pool.SetUplinkDeviceAttribute("DataRate", StringValue(s.uplinkRate));
        }
        m_pool.Install(s.modems);
        core = m_pool.GetCore();
        m_access = m_pool.GetNas();
        m_clients = m_pool.GetModems();
        m_uplink = m_pool.GetUplinkDevices();
    }
    else
    {
        m_lan.SetStaticRouting(s.staticRouting);
        if (!s.uplinkRate.empty())
        {
            m_lan.SetUplinkDeviceAttribute("DataRate", StringValue(s.uplinkRate));
        }
        m_lan.Install(s.lanClients);
        core = m_lan.GetCore();
        m_access = m_lan.GetGateway();
        m_clients = m_lan.GetClients();
        m_uplink = m_lan.GetUplinkDevices();
    }
    TimeValue uplinkDelay;
    m_uplink.Get(0)->GetChannel()->GetAttribute("Delay", uplinkDelay);
    m_accessToCore = uplinkDelay.Get();

    // The Internet: every server the trace uses, at (about) its RTT from the access router,
    // where [PROXIM]'s sniffer measured it and where the proxy goes.
    std::set<std::string> hosts;
    std::vector<Time> rtts;
    for (const auto& rec : m_records)
    {
        if (hosts.insert(rec.server).second)
        {
            rtts.push_back(m_workload->GetServerRtt(rec.server));
        }
    }
    m_farm
        = std::make_unique<OriginFarmHelper>(core, RttClasses(rtts, s.rttClasses, m_accessToCore));
    m_farm->SetStaticRouting(s.staticRouting);
    if (!s.serverRate.empty())
    {
        m_farm->SetServerAttribute("SendRate", StringValue(s.serverRate));
    }
    if (!s.serverThink.empty())
    {
        m_farm->SetServerAttribute("ServiceTime", StringValue(s.serverThink));
    }
    if (s.modificationInterval != "none")
    {
        m_farm->SetModificationInterval(
            MakeVariable(s.modificationInterval.empty()
                             ? WorkloadPresets::Find(preset)->at("ModificationInterval")
                             : s.modificationInterval,
                         "modificationInterval"));
    }
    if (s.maxAgeShare > 0)
    {
        m_farm->SetMaxAge(s.maxAgeShare, MakeVariable(s.maxAge, "maxAge"));
    }
    m_farm->SetSynLoss(s.synLoss >= 0 ? s.synLoss : (m_modem ? MODEM_SYN_LOSS : 0));
    if (!s.synDelay.empty())
    {
        m_farm->SetSynDelay(MakeVariable(s.synDelay, "synDelay"));
    }
    for (const auto& host : hosts)
    {
        m_farm->AddServer(host, m_workload->GetServerRtt(host) - 2 * m_accessToCore);
    }
    // The farm's streams follow the workload's: ages and think times are reproducible too.
    m_farm->AssignStreams(s.stream + workloadStreams);
    m_farm->AddObjects(m_records);
    if (m_modem)
    {
        m_sessions = ModemPoolHelper::AssignSessions(m_records, s.modems);
    }
}

Ptr<Node>
IspScenarioHelper::AddProxyNode(const std::string& rate, Time delay)
{
    NS_ABORT_MSG_IF(!m_access, "IspScenarioHelper::AddProxyNode before Build");
    NS_ABORT_MSG_IF(m_proxyAddress != Ipv4Address(), "IspScenarioHelper: one proxy node only");
    Ptr<Node> node = CreateObject<Node>();
    // Hundreds of connections end here: ns-3's per-segment endpoint scan would dominate.
    InstallInternetStackWithTcp(
        InternetStackHelper(), node, FastDemuxTcpL4Protocol::GetTypeId().GetName());
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue(rate));
    link.SetChannelAttribute("Delay", TimeValue(delay));
    // The link is faster than what feeds it (the uplink one way, the proxy's share of the
    // modems the other): no queue discipline, only a device FIFO deep enough for the bursts a
    // TCP sender puts on it (FqCoDel's 10240 packets never filled either).
    link.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue("1000p"));
    NetDeviceContainer d = link.Install(m_access, node);
    Ipv4AddressHelper addr(PROXY_NET, PROXY_MASK);
    m_proxyAddress = addr.Assign(d).GetAddress(1);
    TrafficControlHelper().Uninstall(d); // installed by Assign
    if (m_settings.staticRouting)
    {
        StaticRouteHelper::AddRoute(d.Get(1), Ipv4Address::GetZero(), "0.0.0.0");
        // The core routes only the population's blocks towards the access router.
        StaticRouteHelper::AddRoute(m_uplink.Get(1), PROXY_NET, PROXY_MASK);
    }
    return node;
}

Ipv4Address
IspScenarioHelper::GetProxyAddress() const
{
    return m_proxyAddress;
}

ApplicationContainer
IspScenarioHelper::InstallClients(const Address& proxy)
{
    if (!m_settings.staticRouting)
    {
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    }
    const OriginFarmHelper* farm = m_farm.get();
    TraceReplayHelper replay([farm](const std::string& host) { return farm->Resolve(host); });
    replay.SetClientAttribute("MaxOutstanding", UintegerValue(m_settings.maxOutstanding));
    // The era's browsers (Netscape Navigator, Internet Explorer) requested an inline image
    // as soon as they had parsed its tag, while the page's HTML was still arriving.
    replay.SetClientAttribute("EmbeddedAsParsed", BooleanValue(true));
    if (!proxy.IsInvalid())
    {
        // Browsers keep their connection to a proxy; the proxy decides whether it does
        // (ConnectionCache ClientPersistent) and for how long: [PROXIM] closes a client
        // connection at the proxy after 3 idle minutes and never at the client, so the
        // client's own idle timeout (60 s by default) is off.
        replay.SetClientAttribute("Proxy", AddressValue(proxy));
        replay.SetClientAttribute("PersistentConnections", BooleanValue(true));
        replay.SetClientAttribute("IdleTimeout", TimeValue(Time(0)));
        replay.SetTracePersistence(false);
    }
    replay.SetTimeOffset(Seconds(1));
    // ns-3's own draws on the access network (ARP jitter, the LAN's CSMA backoff) on streams
    // of the scenario's, far above the workload's and the farm's, not in creation order.
    const int64_t networkStreams = m_settings.stream + 1000000;
    if (m_modem)
    {
        m_pool.AssignStreams(networkStreams);
        return replay.Install(m_clients, m_sessions.perModem);
    }
    m_lan.AssignStreams(networkStreams);
    return replay.InstallPerClient(m_clients, m_records);
}

Time
IspScenarioHelper::GetOriginRtt(const std::string& host) const
{
    NS_ABORT_MSG_IF(!m_farm, "IspScenarioHelper::GetOriginRtt before Build");
    return m_farm->GetRtt(host) + 2 * m_accessToCore;
}

const IspScenarioHelper::Settings&
IspScenarioHelper::GetSettings() const
{
    return m_settings;
}

bool
IspScenarioHelper::IsModem() const
{
    return m_modem;
}

const std::vector<TraceRecord>&
IspScenarioHelper::GetRecords() const
{
    return m_records;
}

Ptr<SyntheticWorkload>
IspScenarioHelper::GetWorkload() const
{
    return m_workload;
}

const TraceStatistics&
IspScenarioHelper::GetStatistics() const
{
    return m_stats;
}

const OriginFarmHelper&
IspScenarioHelper::GetFarm() const
{
    return *m_farm;
}

NodeContainer
IspScenarioHelper::GetClients() const
{
    return m_clients;
}

NetDeviceContainer
IspScenarioHelper::GetUplinkDevices() const
{
    return m_uplink;
}

const ModemPoolHelper::Assignment&
IspScenarioHelper::GetSessions() const
{
    return m_sessions;
}

void
IspScenarioHelper::Describe(std::ostream& os) const
{
    os << "Population: " << (m_modem ? "modem pool" : "research LAN") << ", " << m_clients.GetN()
       << (m_modem ? " modems, " : " clients, ") << m_settings.users << " users, "
       << m_farm->GetServerCount() << " origin servers on " << m_farm->GetNodes().GetN()
       << " nodes\n";
    os << "Trace: " << m_records.size() << " requests in " << m_settings.duration.GetSeconds()
       << " s";
    if (m_modem)
    {
        os << "; sessions " << m_sessions.sessions << ", rejected sessions "
           << m_sessions.rejectedSessions << " (" << m_sessions.rejectedRequests
           << " requests), most modems busy " << m_sessions.maxBusy;
    }
    for (const auto& [name, text] : m_settings.workloadAttributes)
    {
        os << "; " << name << " " << text;
    }
    os << "\n";
}

} // namespace ns3
