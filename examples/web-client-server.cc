/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Web clients fetching from origin servers, no proxy: the "no proxy" baseline of [PROXIM].
 *
 *   dialup clients --28.8 kbit/s, 125 ms-- nas --T3 45 Mbit/s-- isp --100 Mbit/s-- origin i
 *   LAN clients  ==10 Mbit/s Ethernet== gw --T1 1.5 Mbit/s------/                 (delay d_i)
 *
 * Each client issues requests for objects of a shared catalog (Zipf popularity, lognormal
 * sizes) on randomly chosen servers, with exponential think times. Writes under --outDir:
 * per-request CSV, latency summaries (all, dialup, LAN), FlowMonitor XML, and PCAP with --pcap.
 * Randomness follows --RngSeed and --RngRun (--seed and --run are aliases); --help lists the
 * options with their allowed ranges.
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/flow-monitor-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/option-checker.h"
#include "ns3/point-to-point-module.h"
#include "ns3/web-proxy-module.h"

#include <iostream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("WebClientServerExample");

int
main(int argc, char* argv[])
{
    uint32_t nDialup = 4;
    uint32_t nLan = 4;
    uint32_t nServers = 3;
    uint32_t nObjects = 200;
    uint32_t nRequests = 20;
    double zipf = 0.8;
    double meanSize = 10240;
    double thinkTime = 5;
    std::string modemRate = "28.8kbps";
    std::string modemDelay = "125ms";
    std::string lanRate = "10Mbps";
    uint32_t httpVersion = 11;
    bool persistent = true;
    uint32_t maxConnections = 4;
    uint32_t maxOutstanding = 1;
    double duration = 600;
    bool pcap = false;
    bool progress = false;
    std::string outDir = "results";

    CommandLine cmd(__FILE__);
    OptionChecker opt(cmd, "web-client-server");
    opt.AddInteger("dialup", "Number of dialup clients", nDialup, 0, 1000);
    opt.AddInteger("lan", "Number of LAN clients", nLan, 0, 1000);
    opt.AddInteger("servers", "Number of origin servers", nServers, 1, 100);
    opt.AddInteger("objects", "Objects in the catalog", nObjects, 1, 1000000);
    opt.AddInteger("requests", "Requests per client", nRequests, 1, 100000);
    opt.AddReal("zipf", "Zipf exponent of object popularity", zipf, 0, 10);
    opt.AddReal("meanSize", "Mean object size, bytes (lognormal, sigma 1)", meanSize, 1, 1e9);
    opt.AddReal(
        "thinkTime", "Mean think time between requests, s (exponential)", thinkTime, 0, 86400);
    opt.AddRate("modemRate", "Dialup link rate", modemRate, DataRate("300bps"), DataRate("1Gbps"));
    opt.AddTime("modemDelay", "Dialup link one-way delay", modemDelay, Seconds(0), Seconds(10));
    opt.AddRate("lanRate", "LAN (CSMA) rate", lanRate, DataRate("1kbps"), DataRate("10Gbps"));
    opt.AddInteger("httpVersion", "HTTP version of requests: 10 or 11", httpVersion, 10, 11);
    opt.AddFlag("persistent", "Clients ask for persistent connections", persistent);
    opt.AddInteger("maxConnections", "Connections per server per client", maxConnections, 1, 64);
    opt.AddInteger("maxOutstanding", "Requests in flight per client", maxOutstanding, 1, 64);
    opt.AddReal("duration", "Simulated time limit, s", duration, 1, 1e7);
    opt.AddFlag("pcap", "Write PCAP traces of the access and server links", pcap);
    opt.AddFlag("progress", "Show simulation progress", progress);
    opt.AddOutputDir("outDir", "Directory for results", outDir);
    opt.AddRunAliases();
    // Set on the clients and servers from the options above: their --ns3:: options would only
    // set defaults that the example overwrites.
    for (const auto& [attribute, option] :
         {std::pair<std::string, std::string>{"ns3::WebClient::HttpVersion", "httpVersion"},
          {"ns3::WebClient::PersistentConnections", "persistent"},
          {"ns3::WebClient::MaxConnectionsPerServer", "maxConnections"},
          {"ns3::WebClient::MaxOutstanding", "maxOutstanding"}})
    {
        opt.AddSetByOption(attribute, option);
    }
    opt.AddSetByProgram({"ns3::OriginServer::ServiceTime"},
                        "set by the example (exponential, mean 2 ms)",
                        "the example's options");
    opt.Parse(argc, argv);
    opt.Require(nDialup + nLan > 0,
                "lan",
                "no clients (--dialup and --lan are both 0)",
                "at least one client");
    // The request lists are built before the run: bound their memory.
    opt.Require(uint64_t(nDialup + nLan) * nRequests <= 10000000,
                "requests",
                "(--dialup + --lan) x --requests is above 10000000",
                "at most 10000000 requests in all");
    const std::string prefix = outDir + "/web-client-server";

    // Full-size segments on 1500-byte MTU paths: 1500 - 20 (IP) - 20 (TCP) - 12 (timestamps).
    opt.SetAttributeDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));

    NodeContainer dialup(nDialup);
    NodeContainer lan(nLan);
    NodeContainer servers(nServers);
    Ptr<Node> nas = CreateObject<Node>();
    Ptr<Node> gw = CreateObject<Node>();
    Ptr<Node> isp = CreateObject<Node>();
    InternetStackHelper stack;
    stack.InstallAll();

    Ipv4AddressHelper addr;
    PointToPointHelper modem;
    modem.SetDeviceAttribute("DataRate", StringValue(modemRate));
    modem.SetChannelAttribute("Delay", StringValue(modemDelay));
    addr.SetBase("10.1.0.0", "255.255.255.252");
    for (uint32_t i = 0; i < nDialup; ++i)
    {
        addr.Assign(modem.Install(dialup.Get(i), nas));
        addr.NewNetwork();
    }

    CsmaHelper ethernet;
    ethernet.SetChannelAttribute("DataRate", StringValue(lanRate));
    ethernet.SetChannelAttribute("Delay", TimeValue(MicroSeconds(5)));
    NodeContainer lanSegment(gw);
    lanSegment.Add(lan);
    NetDeviceContainer lanDevices = ethernet.Install(lanSegment);
    addr.SetBase("10.2.0.0", "255.255.0.0");
    addr.Assign(lanDevices);

    PointToPointHelper t3;
    t3.SetDeviceAttribute("DataRate", StringValue("45Mbps"));
    t3.SetChannelAttribute("Delay", StringValue("1ms"));
    addr.SetBase("10.3.0.0", "255.255.255.252");
    NetDeviceContainer t3Devices = t3.Install(nas, isp);
    addr.Assign(t3Devices);

    PointToPointHelper t1;
    t1.SetDeviceAttribute("DataRate", StringValue("1.5Mbps"));
    t1.SetChannelAttribute("Delay", StringValue("1ms"));
    addr.SetBase("10.3.1.0", "255.255.255.252");
    addr.Assign(t1.Install(gw, isp));

    // Origin servers at different distances, as on the Internet.
    std::vector<Ipv4Address> serverIps;
    addr.SetBase("10.4.0.0", "255.255.255.252");
    NetDeviceContainer serverDevices;
    for (uint32_t i = 0; i < nServers; ++i)
    {
        PointToPointHelper wan;
        wan.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        wan.SetChannelAttribute("Delay", TimeValue(MilliSeconds(10 + 30 * i)));
        NetDeviceContainer d = wan.Install(isp, servers.Get(i));
        serverDevices.Add(d.Get(1));
        serverIps.push_back(addr.Assign(d).GetAddress(1));
        addr.NewNetwork();
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    // One catalog served by every origin (stream 0 of the catalog's modification process).
    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    Ptr<LogNormalRandomVariable> sizeRv = CreateObject<LogNormalRandomVariable>();
    const double sigma = 1.0;
    sizeRv->SetAttribute("Mu", DoubleValue(std::log(meanSize) - sigma * sigma / 2));
    sizeRv->SetAttribute("Sigma", DoubleValue(sigma));
    sizeRv->SetStream(1);
    for (uint32_t i = 0; i < nObjects; ++i)
    {
        WebObject o;
        o.path = "/obj" + std::to_string(i) + (i % 3 == 0 ? ".gif" : ".html");
        o.contentType = i % 3 == 0 ? "image/gif" : "text/html";
        o.size = std::max<uint64_t>(1, sizeRv->GetInteger());
        o.lastModified = Seconds(0) - Hours(24);
        o.meanModificationInterval = Hours(1);
        catalog->Add(o);
    }

    OriginServerHelper serverHelper(80);
    serverHelper.SetCatalog(catalog);
    serverHelper.SetAttribute("ServiceTime",
                              StringValue("ns3::ExponentialRandomVariable[Mean=0.002]"));
    ApplicationContainer serverApps = serverHelper.Install(servers);
    serverApps.Start(Seconds(0));

    // Each client: Zipf-popular objects on uniformly chosen servers, exponential think times.
    Ptr<ZipfRandomVariable> objectRv = CreateObject<ZipfRandomVariable>();
    objectRv->SetAttribute("N", IntegerValue(nObjects));
    objectRv->SetAttribute("Alpha", DoubleValue(zipf));
    objectRv->SetStream(2);
    Ptr<UniformRandomVariable> serverRv = CreateObject<UniformRandomVariable>();
    serverRv->SetStream(3);
    Ptr<ExponentialRandomVariable> thinkRv = CreateObject<ExponentialRandomVariable>();
    thinkRv->SetAttribute("Mean", DoubleValue(thinkTime));
    thinkRv->SetStream(4);
    auto makeSource = [&](Ptr<Node>, uint32_t)
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (uint32_t r = 0; r < nRequests; ++r)
        {
            uint32_t s = serverRv->GetInteger(0, nServers - 1);
            uint32_t obj = objectRv->GetInteger() - 1;
            WebRequest req;
            req.host = "www" + std::to_string(s) + ".example.com";
            req.path = "/obj" + std::to_string(obj) + (obj % 3 == 0 ? ".gif" : ".html");
            req.server = InetSocketAddress(serverIps[s], 80);
            req.thinkTime = Seconds(r == 0 ? thinkRv->GetValue() / 10 : thinkRv->GetValue());
            src->Add(req);
        }
        return src;
    };

    WebClientHelper clientHelper;
    clientHelper.SetAttribute("HttpVersion", UintegerValue(httpVersion));
    clientHelper.SetAttribute("PersistentConnections", BooleanValue(persistent));
    clientHelper.SetAttribute("MaxConnectionsPerServer", UintegerValue(maxConnections));
    clientHelper.SetAttribute("MaxOutstanding", UintegerValue(maxOutstanding));
    clientHelper.SetSourceFactory(makeSource);
    ApplicationContainer dialupApps = clientHelper.Install(dialup);
    ApplicationContainer lanApps = clientHelper.Install(lan);
    ApplicationContainer clientApps(dialupApps);
    clientApps.Add(lanApps);
    clientApps.Start(Seconds(0.1));
    clientApps.Stop(Seconds(duration));

    Ptr<RequestRecordWriter> all = Create<RequestRecordWriter>(prefix + "-requests.csv");
    all->Attach(clientApps);
    Ptr<RequestRecordWriter> dialupRecords = Create<RequestRecordWriter>();
    dialupRecords->Attach(dialupApps);
    Ptr<RequestRecordWriter> lanRecords = Create<RequestRecordWriter>();
    lanRecords->Attach(lanApps);

    if (pcap)
    {
        modem.EnablePcap(prefix + "-modem", dialup, true);
        ethernet.EnablePcap(prefix + "-lan", lanDevices.Get(0), true);
        t3.EnablePcap(prefix + "-t3", t3Devices.Get(1), true);
        PointToPointHelper().EnablePcap(prefix + "-server", serverDevices, true);
    }
    FlowMonitorHelper flowHelper;
    Ptr<FlowMonitor> monitor = flowHelper.InstallAll();

    std::unique_ptr<ShowProgress> showProgress;
    if (progress)
    {
        showProgress = std::make_unique<ShowProgress>(Seconds(10));
    }
    Simulator::Stop(Seconds(duration + 1));
    Simulator::Run();

    monitor->SerializeToXmlFile(prefix + "-flowmon.xml", true, true);
    all->Close();
    all->WriteSummary(prefix + "-summary.txt");
    std::cout << "All clients\n";
    all->GetSummary().Print(std::cout);
    std::cout << "\nDialup clients (" << modemRate << ", " << modemDelay << " one way)\n";
    dialupRecords->GetSummary().Print(std::cout);
    std::cout << "\nLAN clients (" << lanRate << " Ethernet, T1 uplink)\n";
    lanRecords->GetSummary().Print(std::cout);
    std::cout << "\nWrote " << prefix << "-requests.csv, -summary.txt, -flowmon.xml"
              << (pcap ? ", PCAP files" : "") << '\n';
    Simulator::Destroy();
    return 0;
}
