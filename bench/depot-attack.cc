/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * The depot under attack (issue 15): N clients fetch R objects of S bytes each, one
 * non-persistent connection per request, through a round-robin depot to two servers on
 * 10 Mbit/s links (or through a plain router, each client alternating between the servers),
 * while an attacker on its own link to the depot sends spoofed SYNs (random sources) and
 * spoofed RSTs (claiming the clients' addresses, guessing their ports and sequence numbers).
 *
 *   clients --CSMA 100 Mbit/s, 20 per segment-- depot/router --p2p 10 Mbit/s-- server 0
 *                                               |            --p2p 10 Mbit/s-- server 1
 *                                   attacker --p2p 100 Mbit/s
 *
 * Prints one line: completed, failed, neither, last completion, wall time, the depot's drops,
 * peak session table size and memory, fragment table size. See bench/README.md.
 */

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/depot-helper.h"
#include "ns3/depot.h"
#include "ns3/fixed-request-source.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/option-checker.h"
#include "ns3/origin-server-helper.h"
#include "ns3/point-to-point-module.h"
#include "ns3/spoofed-flood-application.h"
#include "ns3/traffic-control-module.h"
#include "ns3/web-client-helper.h"
#include "ns3/web-client.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>

using namespace ns3;

namespace
{
const Ipv4Address VIP("10.255.0.1");
constexpr uint16_t PORT = 80;

struct Tally
{
    uint32_t ok{0};
    uint32_t failed{0};
    Time last;
    uint32_t peakTable{0};
};

void
Completed(Tally* t, const RequestRecord& r)
{
    if (r.failed || r.status != 200 || r.bodyBytes != r.contentLength)
    {
        ++t->failed;
        return;
    }
    ++t->ok;
    t->last = Simulator::Now();
}
} // namespace

int
main(int argc, char* argv[])
{
    uint32_t nClients = 20;
    uint32_t requests = 200;
    uint32_t size = 50 * 1024;
    bool depotMode = true;
    double synRate = 0;
    double rstRate = 0;
    double attackStart = 1;
    double attackTime = 60;
    double stop = 1000;
    uint32_t maxSessions = 0;
    uint32_t portSpan = 0;
    bool fq = true;
    CommandLine cmd(__FILE__);
    OptionChecker opt(cmd, "depot-attack");
    opt.AddInteger("clients", "clients", nClients, 1, 10000);
    opt.AddInteger("requests", "requests per client (one after the other)", requests, 1, 100000);
    opt.AddInteger("size", "object bytes", size, 1, 1000000000);
    opt.AddFlag("depot", "true: round-robin depot; false: plain router", depotMode);
    opt.AddReal("synRate", "spoofed SYNs per second", synRate, 0, 1e7);
    opt.AddReal("rstRate", "spoofed RSTs per second", rstRate, 0, 1e7);
    opt.AddReal("attackStart", "attack start, s", attackStart, 0, 1e6);
    opt.AddReal("attackTime", "attack duration, s", attackTime, 0, 1e6);
    opt.AddReal("stop", "simulated-time limit, s", stop, 1, 1e7);
    opt.AddInteger("maxSessions", "depot MaxSessions (0: the default)", maxSessions, 0, 100000000);
    opt.AddInteger("portSpan",
                   "RSTs guess ports 49153 .. 49153+portSpan (0: requests, the ports in use)",
                   portSpan,
                   0,
                   65535 - 49153);
    opt.AddFlag("fq",
                "true: the FqCoDel queue discs Ipv4AddressHelper installs; false: none (device "
                "FIFO queues only, where SYN-ACKs wait behind data)",
                fq);
    opt.AddSetByOption("ns3::SpoofedFloodApplication::SynRate", "synRate");
    opt.AddSetByOption("ns3::SpoofedFloodApplication::RstRate", "rstRate");
    opt.AddSetByProgram({"ns3::SpoofedFloodApplication::Target",
                         "ns3::SpoofedFloodApplication::MinPort",
                         "ns3::SpoofedFloodApplication::MaxPort",
                         "ns3::WebClient::PersistentConnections"},
                        "set by the benchmark (the depot's address, the ports of --portSpan, one "
                        "connection per request)",
                        "the benchmark's options");
    opt.Parse(argc, argv);
    opt.Require(
        attackStart < stop, "attackStart", "the attack starts after --stop", "below --stop");
    // The guessed ports end at MaxPort, a 16-bit port: requests stand in for an unset span.
    opt.Require(portSpan != 0 || rstRate == 0 || requests <= 65535 - 49153,
                "requests",
                "above the ports an RST flood can guess (--portSpan=0 guesses one per request)",
                "at most 16382 with --rstRate and no --portSpan");
    // --maxSessions=0 leaves the depot's default, which --ns3::Depot::MaxSessions may set.
    opt.Require(maxSessions == 0 || !opt.IsGiven("ns3::Depot::MaxSessions"),
                "maxSessions",
                "given with --ns3::Depot::MaxSessions",
                "one of the two");
    opt.SetAttributeDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    const auto wallStart = std::chrono::steady_clock::now();

    Ptr<Node> middle = CreateObject<Node>();
    NodeContainer clients;
    clients.Create(nClients);
    NodeContainer servers;
    servers.Create(2);
    Ptr<Node> attacker = CreateObject<Node>();
    InternetStackHelper stack;
    stack.Install(middle);
    stack.Install(clients);
    stack.Install(servers);
    stack.Install(attacker);
    Ipv4StaticRoutingHelper srh;
    Ipv4AddressHelper ah;
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
    const uint32_t group = 20;
    for (uint32_t g = 0; g * group < nClients; ++g)
    {
        NodeContainer seg(middle);
        for (uint32_t i = g * group; i < std::min(nClients, (g + 1) * group); ++i)
        {
            seg.Add(clients.Get(i));
        }
        NetDeviceContainer d = csma.Install(seg);
        ah.SetBase(Ipv4Address(0x0a010000 + (g << 8)), "255.255.255.0");
        Ipv4InterfaceContainer ifs = ah.Assign(d);
        for (uint32_t k = 1; k < seg.GetN(); ++k)
        {
            srh.GetStaticRouting(seg.Get(k)->GetObject<Ipv4>())
                ->SetDefaultRoute(ifs.GetAddress(0), 1);
        }
    }
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(2)));
    std::vector<Ipv4Address> serverIp;
    for (uint32_t s = 0; s < 2; ++s)
    {
        NetDeviceContainer d = p2p.Install(middle, servers.Get(s));
        ah.SetBase(Ipv4Address(0x0a020000 + (s << 8)), "255.255.255.0");
        Ipv4InterfaceContainer ifs = ah.Assign(d);
        if (!fq)
        {
            TrafficControlHelper().Uninstall(d);
        }
        serverIp.push_back(ifs.GetAddress(1));
        srh.GetStaticRouting(servers.Get(s)->GetObject<Ipv4>())
            ->SetDefaultRoute(ifs.GetAddress(0), 1);
    }
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    {
        NetDeviceContainer d = p2p.Install(middle, attacker);
        ah.SetBase("10.3.0.0", "255.255.255.0");
        Ipv4InterfaceContainer ifs = ah.Assign(d);
        srh.GetStaticRouting(attacker->GetObject<Ipv4>())->SetDefaultRoute(ifs.GetAddress(0), 1);
    }

    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    catalog->Add("/o", size);
    OriginServerHelper sh(PORT);
    sh.SetCatalog(catalog);
    sh.Install(servers);

    Ptr<Depot> depot;
    if (depotMode)
    {
        middle->GetObject<Ipv4>()->AddAddress(1, Ipv4InterfaceAddress(VIP, "255.255.255.255"));
        DepotHelper dh(VIP, PORT);
        if (maxSessions != 0)
        {
            dh.SetAttribute("MaxSessions", UintegerValue(maxSessions));
        }
        for (const auto& ip : serverIp)
        {
            dh.AddProxy(ip, PORT);
        }
        depot = DynamicCast<Depot>(dh.Install(middle).Get(0));
    }
    Tally tally;
    for (uint32_t i = 0; i < nClients; ++i)
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (uint32_t k = 0; k < requests; ++k)
        {
            WebRequest r;
            r.host = "www.example.com";
            r.path = "/o";
            r.server = InetSocketAddress(depotMode ? VIP : serverIp[(i + k) % 2], PORT);
            src->Add(r);
        }
        WebClientHelper wh;
        wh.SetAttribute("PersistentConnections", BooleanValue(false));
        ApplicationContainer a = wh.Install(clients.Get(i), src);
        a.Start(Seconds(0.01 * i));
        a.Get(0)->TraceConnectWithoutContext("RequestComplete",
                                             MakeBoundCallback(&Completed, &tally));
    }
    Ptr<SpoofedFloodApplication> flood;
    if (synRate > 0 || rstRate > 0)
    {
        flood = CreateObject<SpoofedFloodApplication>();
        flood->SetAttribute("Target", Ipv4AddressValue(depotMode ? VIP : serverIp[0]));
        flood->SetAttribute("SynRate", DoubleValue(synRate));
        flood->SetAttribute("RstRate", DoubleValue(rstRate));
        flood->SetAttribute("MinPort", UintegerValue(49153));
        flood->SetAttribute("MaxPort", UintegerValue(49153 + (portSpan ? portSpan : requests)));
        for (uint32_t i = 0; i < nClients; ++i)
        {
            flood->AddVictim(clients.Get(i)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal());
        }
        flood->AssignStreams(1000);
        attacker->AddApplication(flood);
        flood->SetStartTime(Seconds(attackStart));
        flood->SetStopTime(Seconds(attackStart + attackTime));
    }
    const uint32_t total = nClients * requests;
    if (depot)
    {
        depot->TraceConnectWithoutContext(
            "TableSize",
            MakeBoundCallback(
                +[](Tally* t, uint32_t n) { t->peakTable = std::max(t->peakTable, n); }, &tally));
    }
    // Stop when every request ended and the attack is over.
    auto check = std::make_shared<std::function<void()>>();
    *check = [&, check]()
    {
        if (tally.ok + tally.failed >= total
            && Simulator::Now().GetSeconds() > attackStart + attackTime)
        {
            Simulator::Stop();
            return;
        }
        Simulator::Schedule(Seconds(1), *check);
    };
    Simulator::Schedule(Seconds(1), *check);
    Simulator::Stop(Seconds(stop));
    Simulator::Run();
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    std::cout << (depotMode ? "depot" : "router") << " clients=" << nClients
              << " requests=" << total << " size=" << size << " synRate=" << synRate
              << " rstRate=" << rstRate << ": completed " << tally.ok << " failed " << tally.failed
              << " neither " << total - tally.ok - tally.failed << " last "
              << tally.last.GetSeconds() << " s, wall " << wall << " s, cpu "
              << double(std::clock()) / CLOCKS_PER_SEC << " s, events "
              << Simulator::GetEventCount();
    if (depot)
    {
        std::cout << "; drops";
        for (uint8_t r = 0; r < Depot::N_DROP_REASONS; ++r)
        {
            std::cout << ' ' << Depot::DropReasonName(Depot::DropReason(r)) << '='
                      << depot->GetDropCount(Depot::DropReason(r));
        }
        std::cout << "; tracker reset=" << depot->GetTrackerCount(TcpStateTracker::RESET)
                  << " out-of-window=" << depot->GetTrackerCount(TcpStateTracker::OUT_OF_WINDOW)
                  << "; table peak " << tally.peakTable << " limit "
                  << depot->GetSessionTable().GetMaxSessions() << " memory now "
                  << depot->GetSessionTable().MemoryBytes() << " B; fragments "
                  << depot->GetFragmentTableSize();
        uint32_t synTimeouts = 0;
        for (const auto& p : depot->GetProxies())
        {
            synTimeouts += p.synTimeouts;
        }
        std::cout << "; SYN timeouts " << synTimeouts;
        const DepotSynFilter& f = depot->GetSynFilter();
        std::cout << "; SYN filter engaged " << f.GetEngagedCount() << " filtered "
                  << f.GetCount(DepotSynFilter::FILTERED) << " retry-passed "
                  << f.GetCount(DepotSynFilter::PASS_RETRY) << " verified-passed "
                  << f.GetCount(DepotSynFilter::PASS_VERIFIED) << " memory " << f.GetMemoryBytes()
                  << " B";
    }
    if (flood)
    {
        std::cout << "; attacker SYNs " << flood->GetSynsSent() << " RSTs " << flood->GetRstsSent();
    }
    std::cout << std::endl;
    Simulator::Destroy();
    return 0;
}
