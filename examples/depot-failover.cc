/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Proxy and depot failures under load ([Depot]'s standby depots):
 *
 *   clients --- LAN A (100 Mbit/s) --- depot 0, depot 1 --- LAN B (100 Mbit/s) --- 3 proxies
 *               VIP 10.1.1.100 (virtual MAC)              gateway 10.1.2.100 (virtual MAC)
 *
 * Each client fetches objects (2 KB, 20 KB, 200 KB in turn, one connection each, think
 * time 50 ms); the proxies (OriginServers) send each response at 2 Mbit/s, so a 200 KB
 * response takes 0.8 s and many connections are established at any time. Cases:
 *   proxy      one depot; proxy 1 fails at --failAt and comes back at --recoverAt
 *   none       one depot, no standby: it fails at --failAt and comes back at --recoverAt
 *   warm-<s>   depot pair, warm standby with sync interval s (--syncIntervals)
 *   hot        depot pair, hot standby (the backup mirrors the master's input)
 *   maglev     depot pair, Maglev on both, no state, NoSessionAction sloppy
 * In the pair cases depot 0 fails at --failAt and comes back as the backup at --recoverAt.
 * Prints per case: requests completed and failed, connections the failover broke (counted
 * by the depot that took over), the takeover time, and the client-visible outage: the
 * longest time without a completed request and without a forwarded packet.
 */

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/web-proxy-module.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

struct Options
{
    uint32_t clients = 20;
    double duration = 20;
    double failAt = 5;
    double recoverAt = 12;
    double heartbeat = 0.1;
    double deadTime = 0.3;
    bool pcap = false;
};

struct Outcome
{
    uint32_t completed = 0;
    uint32_t failed = 0;
    uint64_t broken = 0;
    uint32_t unsynced = 0;
    double takeover = -1; //!< seconds after the failure, -1: none
    double requestGap = 0;
    double forwardGap = 0;
    uint64_t heartbeats = 0;
    uint64_t syncMessages = 0;
    uint64_t records = 0;
};

/// The longest gap between consecutive times in [from, to] (both ends count).
double
LongestGap(std::vector<double> times, double from, double to)
{
    times.push_back(from);
    times.push_back(to);
    std::sort(times.begin(), times.end());
    double gap = 0;
    double last = from;
    for (double t : times)
    {
        if (t < from || t > to)
        {
            continue;
        }
        gap = std::max(gap, t - last);
        last = t;
    }
    return gap;
}

/// Take a node's CSMA devices off their channels or back (a failed proxy). Not
/// CsmaNetDevice::SetSendEnable(false): a device caught in backoff would stay in BACKOFF and
/// never send again (see DepotStandby::Fail).
void
SetNodeUp(Ptr<Node> node, bool up)
{
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        if (Ptr<CsmaNetDevice> d = DynamicCast<CsmaNetDevice>(node->GetDevice(i)))
        {
            Ptr<CsmaChannel> channel = DynamicCast<CsmaChannel>(d->GetChannel());
            d->GetQueue()->Flush();
            if (up)
            {
                channel->Reattach(d);
            }
            else
            {
                channel->Detach(d);
            }
        }
    }
}

Outcome
Run(const std::string& name, const Options& o)
{
    const bool pair = name != "proxy" && name != "none";
    const Ipv4Address vip("10.1.1.100");
    const Ipv4Address gateway("10.1.2.100");
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    NodeContainer clients;
    clients.Create(o.clients);
    NodeContainer proxies;
    proxies.Create(3);
    NodeContainer depotNodes;
    depotNodes.Create(2);
    InternetStackHelper internet;
    internet.Install(NodeContainer(depotNodes, clients, proxies));
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
    NetDeviceContainer a = csma.Install(NodeContainer(depotNodes, clients));
    NetDeviceContainer b = csma.Install(NodeContainer(depotNodes, proxies));
    Ipv4AddressHelper ah("10.1.1.0", "255.255.255.0");
    ah.Assign(a);
    Ipv4AddressHelper bh("10.1.2.0", "255.255.255.0");
    Ipv4InterfaceContainer bi = bh.Assign(b);
    std::array<std::vector<Ptr<NetDevice>>, 2> virtualDevices;
    const auto v
        = DepotStandbyHelper::AddVirtualInterfaces(depotNodes,
                                                   DynamicCast<CsmaChannel>(a.Get(0)->GetChannel()),
                                                   vip,
                                                   DynamicCast<CsmaChannel>(b.Get(0)->GetChannel()),
                                                   gateway);
    std::copy(v.begin(), v.end(), virtualDevices.begin());
    for (uint32_t i = 0; i < proxies.GetN(); ++i)
    {
        Ipv4StaticRoutingHelper()
            .GetStaticRouting(proxies.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(gateway, 1);
    }

    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    const std::vector<uint64_t> sizes = {2000, 20000, 200000};
    for (size_t k = 0; k < sizes.size(); ++k)
    {
        WebObject obj;
        obj.path = "/o" + std::to_string(k);
        obj.size = sizes[k];
        catalog->Add(obj);
    }
    OriginServerHelper proxyHelper(8080);
    proxyHelper.SetCatalog(catalog);
    proxyHelper.SetAttribute("SendRate", DataRateValue(DataRate("2Mbps")));
    proxyHelper.Install(proxies);

    DepotHelper dh(vip, 80);
    dh.SetAttribute("NoSessionAction", StringValue(name == "maglev" ? "sloppy" : "reset"));
    dh.SetAttribute("ResetClientsOnFailure", BooleanValue(true));
    if (name == "maglev")
    {
        dh.SetScheduler("ns3::MaglevScheduler");
    }
    for (uint32_t i = 0; i < proxies.GetN(); ++i)
    {
        dh.AddProxy(bi.GetAddress(i + 2), 8080);
    }
    DepotStandbyHelper sh;
    sh.SetAttribute("HeartbeatInterval", TimeValue(Seconds(o.heartbeat)));
    sh.SetAttribute("DeadTime", TimeValue(Seconds(o.deadTime)));
    if (name == "hot")
    {
        sh.SetAttribute("Mode", StringValue("hot"));
    }
    else if (name.rfind("warm-", 0) == 0)
    {
        sh.SetAttribute("Mode", StringValue("warm"));
        sh.SetAttribute("SyncInterval", TimeValue(Seconds(std::stod(name.substr(5)))));
    }
    std::array<Ptr<Depot>, 2> depots;
    std::array<Ptr<DepotStandby>, 2> standby;
    Outcome out;
    std::vector<double> forwarded;
    for (uint32_t d = 0; d < (pair ? 2u : 1u); ++d)
    {
        depots[d] = DynamicCast<Depot>(dh.Install(depotNodes.Get(d)).Get(0));
        depots[d]->TraceConnectWithoutContext(
            "PacketForwarded",
            MakeBoundCallback(
                +[](std::vector<double>* v, Ptr<const Packet>, uint32_t, bool)
                { v->push_back(Simulator::Now().GetSeconds()); },
                &forwarded));
        sh.SetAttribute("Master", BooleanValue(d == 0));
        const Ipv4Address peer = pair ? bi.GetAddress(1 - d) : Ipv4Address();
        standby[d] = DynamicCast<DepotStandby>(
            sh.Install(depotNodes.Get(d), depots[d], peer, virtualDevices[d]).Get(0));
        standby[d]->TraceConnectWithoutContext("Failover",
                                               MakeBoundCallback(
                                                   +[](Outcome* out, double failAt, Time) {
                                                       out->takeover
                                                           = Simulator::Now().GetSeconds() - failAt;
                                                   },
                                                   &out,
                                                   o.failAt));
    }
    if (name == "proxy")
    {
        Simulator::Schedule(Seconds(o.failAt), &SetNodeUp, proxies.Get(1), false);
        Simulator::Schedule(Seconds(o.recoverAt), &SetNodeUp, proxies.Get(1), true);
    }
    else
    {
        standby[0]->SetAttribute("FailTime", TimeValue(Seconds(o.failAt)));
        standby[0]->SetAttribute("RecoverTime", TimeValue(Seconds(o.recoverAt)));
    }

    std::vector<double> completions;
    for (uint32_t c = 0; c < clients.GetN(); ++c)
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (uint32_t k = 0; k < 1000; ++k)
        {
            WebRequest r;
            r.host = "www.example.com";
            r.path = "/o" + std::to_string((k + c) % sizes.size());
            r.server = InetSocketAddress(vip, 80);
            r.thinkTime = MilliSeconds(50);
            src->Add(r);
        }
        WebClientHelper wh;
        wh.SetAttribute("PersistentConnections", BooleanValue(false));
        ApplicationContainer app = wh.Install(clients.Get(c), src);
        app.Start(MilliSeconds(37 * c));
        app.Get(0)->TraceConnectWithoutContext(
            "RequestComplete",
            MakeBoundCallback(
                +[](Outcome* out, std::vector<double>* v, const RequestRecord& r)
                {
                    if (r.failed)
                    {
                        ++out->failed;
                        return;
                    }
                    ++out->completed;
                    v->push_back(Simulator::Now().GetSeconds());
                },
                &out,
                &completions));
    }
    if (o.pcap)
    {
        // Both depots' devices on LAN B (heartbeats and syncs go there), promiscuous.
        csma.EnablePcap(
            "depot-failover-" + name + "-b", NetDeviceContainer(b.Get(0), b.Get(1)), true);
    }
    int64_t stream = 1;
    stream += csma.AssignStreams(a, stream);
    stream += csma.AssignStreams(b, stream);
    internet.AssignStreams(NodeContainer(depotNodes, clients, proxies), stream);

    Simulator::Stop(Seconds(o.duration));
    Simulator::Run();
    const double from = o.failAt - 1;
    out.requestGap = LongestGap(completions, from, o.duration);
    out.forwardGap = LongestGap(forwarded, from, o.duration);
    for (uint32_t d = 0; d < (pair ? 2u : 1u); ++d)
    {
        out.broken += standby[d]->GetBrokenConnections();
        out.heartbeats += standby[d]->GetHeartbeatsReceived();
        out.syncMessages += standby[d]->GetSyncReceived();
        out.records += standby[d]->GetRecordsImported();
    }
    out.unsynced = standby[0] ? standby[0]->GetUnsyncedAtFailure() : 0;
    Simulator::Destroy();
    return out;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    std::string cases = "all";
    std::string syncIntervals = "0.1,1,5";
    CommandLine cmd(__FILE__);
    cmd.AddValue("case", "proxy, none, warm-<s>, hot, maglev, or all", cases);
    cmd.AddValue("syncIntervals", "warm standby sync intervals (s) for --case=all", syncIntervals);
    cmd.AddValue("clients", "clients", o.clients);
    cmd.AddValue("duration", "simulated time (s)", o.duration);
    cmd.AddValue("failAt", "failure time (s)", o.failAt);
    cmd.AddValue("recoverAt", "recovery time (s)", o.recoverAt);
    cmd.AddValue("heartbeat", "heartbeat interval (s)", o.heartbeat);
    cmd.AddValue("deadTime", "dead time = failure detection time (s)", o.deadTime);
    cmd.AddValue("pcap", "write PCAP files of the depots' LAN B devices", o.pcap);
    cmd.Parse(argc, argv);
    if (!(o.failAt > 1 && o.recoverAt > o.failAt && o.duration > o.recoverAt))
    {
        std::cerr << "depot-failover: need 1 < --failAt < --recoverAt < --duration\n";
        return 2;
    }
    std::vector<std::string> names;
    if (cases == "all")
    {
        names = {"proxy", "none"};
        std::istringstream is(syncIntervals);
        for (std::string s; std::getline(is, s, ',');)
        {
            names.push_back("warm-" + s);
        }
        names.push_back("hot");
        names.push_back("maglev");
    }
    else
    {
        names = {cases};
    }
    for (const auto& n : names)
    {
        const bool known = n == "proxy" || n == "none" || n == "hot" || n == "maglev"
                        || (n.rfind("warm-", 0) == 0 && n.size() > 5
                            && n.find_first_not_of("0123456789.", 5) == std::string::npos
                            && std::stod(n.substr(5)) > 0);
        if (!known)
        {
            std::cerr << "depot-failover: unknown case '" << n
                      << "' (proxy, none, warm-<seconds>, hot, maglev, all)\n";
            return 2;
        }
    }
    std::cout << o.clients << " clients, failure at " << o.failAt << " s, recovery at "
              << o.recoverAt << " s, heartbeat " << o.heartbeat << " s, dead time " << o.deadTime
              << " s, " << o.duration << " s simulated\n\n";
    std::cout << std::left << std::setw(10) << "case" << std::right << std::setw(10) << "completed"
              << std::setw(8) << "failed" << std::setw(8) << "broken" << std::setw(10) << "unsynced"
              << std::setw(12) << "takeover(s)" << std::setw(13) << "no-reply(s)" << std::setw(12)
              << "no-fwd(s)" << std::setw(12) << "heartbeats" << std::setw(8) << "syncs"
              << std::setw(9) << "records" << '\n';
    for (const auto& n : names)
    {
        const Outcome r = Run(n, o);
        std::cout << std::left << std::setw(10) << n << std::right << std::setw(10) << r.completed
                  << std::setw(8) << r.failed << std::setw(8) << r.broken << std::setw(10)
                  << r.unsynced << std::setw(12) << std::setprecision(3)
                  << (r.takeover < 0 ? std::string("-") : std::to_string(r.takeover).substr(0, 5))
                  << std::setw(13) << r.requestGap << std::setw(12) << r.forwardGap << std::setw(12)
                  << r.heartbeats << std::setw(8) << r.syncMessages << std::setw(9) << r.records
                  << '\n';
    }
    return 0;
}
