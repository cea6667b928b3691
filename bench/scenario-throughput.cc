/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * Whole-scenario throughput benchmark: simulated requests per wall-clock second for N LAN
 * clients x R requests of S bytes each (default 1,000 x 50 x 10 KB), against the same bytes
 * moved over the same topology by ns-3's raw TCP applications (BulkSend/PacketSink, the
 * limit for any application on ns-3's TCP) and by ns-3's ThreeGppHttpClient/Server.
 *
 * Modes: web (WebClient/OriginServer of this module), raw (BulkSend/PacketSink), 3gpp
 * (ThreeGppHttpClient/Server), all (each of the three in its own child process, so that each
 * gets its own peak-memory figure; then a table and the ratios). See bench/README.md.
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/depot-helper.h"
#include "ns3/fixed-request-source.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/option-checker.h"
#include "ns3/origin-server-helper.h"
#include "ns3/point-to-point-module.h"
#include "ns3/request-record.h"
#include "ns3/web-client-helper.h"
#include "ns3/web-request.h"

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits.h>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("ScenarioThroughput");

namespace
{

constexpr uint16_t HTTP_PORT = 80;   //!< port of both HTTP servers
constexpr uint16_t SINK_PORT = 9000; //!< port of the raw-TCP packet sinks
/// TCP segment size of every socket: a 1500-byte MTU less IP, TCP and timestamp option.
constexpr uint32_t SEGMENT_SIZE = 1448;
/// Client i starts at START_SPREAD * i / clients, in every mode.
const double START_SPREAD = 0.1;
/// The depot's virtual IP (depot mode): an address of the router outside every subnet.
const Ipv4Address DEPOT_VIP("10.255.0.1");
/**
 * Request bytes the 3GPP clients send: the size of the GET that a WebClient sends here,
 * "GET /object HTTP/1.1", Host and User-Agent fields (the web run prints the measured size).
 */
constexpr uint32_t REQUEST_BYTES = 72;

/// Command-line options.
struct Options
{
    std::string mode{"all"};       //!< web, raw, 3gpp, depot, a comma-separated list, or all
    uint32_t servers{1};           //!< server nodes (client i uses server i mod servers)
    uint32_t clients{1000};        //!< LAN clients
    uint32_t requests{50};         //!< requests per client
    uint32_t size{10240};          //!< response body bytes
    bool persistent{true};         //!< one connection per client (else one per request)
    std::string lan{"csma"};       //!< csma or p2p
    uint32_t group{10};            //!< clients per CSMA segment
    std::string routing{"static"}; //!< static (default routes) or global
    double maxSimTime{3600};       //!< simulated-time limit, seconds
    uint32_t runs{1};              //!< runs of each mode; the fastest counts
    bool child{false};             //!< internal: run one mode, print only the RESULT line
};

/// What one mode's run measured.
struct Result
{
    std::string mode;          //!< the mode
    bool ok{false};            //!< every transfer completed with all its bytes
    uint64_t expected{0};      //!< transfers (requests) expected
    uint64_t completed{0};     //!< transfers completed whole
    uint64_t expectedBytes{0}; //!< payload bytes expected
    uint64_t bytes{0};         //!< payload bytes delivered
    double doneSeconds{0};     //!< simulated time of the last completed transfer
    double wallSeconds{0};     //!< wall-clock time of Simulator::Run
    double cpuSeconds{0};      //!< CPU time of Simulator::Run
    std::vector<double> walls; //!< wall-clock time of each run (--runs)
    uint64_t events{0};        //!< events executed
    uint64_t baseKb{0};        //!< VmRSS at program start
    uint64_t topoKb{0};        //!< VmRSS after the topology and routing were built
    uint64_t peakKb{0};        //!< VmHWM at the end of the run
    std::string note;          //!< remarks (no spaces: goes on the RESULT line)
};

/**
 * Read a "kB" field of /proc/self/status.
 * \param field e.g. "VmHWM"
 * \return its value in KB, or 0
 */
uint64_t
ReadStatusKb(const std::string& field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
    {
        if (line.compare(0, field.size() + 1, field + ":") == 0)
        {
            return std::strtoull(line.c_str() + field.size() + 1, nullptr, 10);
        }
    }
    return 0;
}

/// \return CPU time used by this process so far, seconds
double
CpuSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/// The nodes and addresses of the scenario, the same in every mode.
struct Topology
{
    NodeContainer clients;                  //!< the LAN clients
    Ptr<Node> router;                       //!< joins the LAN segments and the server links
    NodeContainer servers;                  //!< the servers
    std::vector<Ipv4Address> serverAddress; //!< address of each server
    std::vector<Ipv4Address> clientAddress; //!< address of each client
};

/**
 * Build the scenario: clients on LAN segments (CSMA, o.group clients per 100 Mbit/s segment,
 * or one 100 Mbit/s point-to-point link each) behind a router, and the router linked to each
 * server at 1 Gbit/s with 1 ms of delay. Static default routes toward the router, or global
 * routing (o.routing).
 * \param o the options
 * \return the topology
 */
Topology
BuildTopology(const Options& o)
{
    Topology t;
    t.clients.Create(o.clients);
    t.router = CreateObject<Node>();
    t.servers.Create(o.servers);

    InternetStackHelper stack;
    stack.Install(t.router);
    stack.Install(t.servers);
    stack.Install(t.clients);

    PointToPointHelper wan;
    wan.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    wan.SetChannelAttribute("Delay", StringValue("1ms"));
    Ipv4AddressHelper wanAddress("10.0.0.0", "255.255.255.252");
    std::vector<Ipv4Address> gateway; // the router's address on each server's link
    for (uint32_t k = 0; k < o.servers; ++k)
    {
        Ipv4InterfaceContainer wanIf = wanAddress.Assign(wan.Install(t.router, t.servers.Get(k)));
        t.serverAddress.push_back(wanIf.GetAddress(1));
        gateway.push_back(wanIf.GetAddress(0));
        wanAddress.NewNetwork();
    }
    // The depot's virtual IP (used in depot mode only): the clients' default route leads
    // to the router, which owns it.
    t.router->GetObject<Ipv4>()->AddAddress(1, Ipv4InterfaceAddress(DEPOT_VIP, "255.255.255.255"));

    t.clientAddress.reserve(o.clients);
    std::vector<Ipv4Address> routerAddress; // the router's address on each client's segment
    routerAddress.reserve(o.clients);
    if (o.lan == "csma")
    {
        NS_ABORT_MSG_IF(o.group == 0 || o.group > 250, "--group must be 1..250");
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        csma.SetChannelAttribute("Delay", StringValue("10us"));
        Ipv4AddressHelper lanAddress("10.1.0.0", "255.255.255.0");
        for (uint32_t first = 0; first < o.clients; first += o.group)
        {
            const uint32_t end = std::min(first + o.group, o.clients);
            NodeContainer segment(t.router);
            for (uint32_t i = first; i < end; ++i)
            {
                segment.Add(t.clients.Get(i));
            }
            Ipv4InterfaceContainer ifs = lanAddress.Assign(csma.Install(segment));
            for (uint32_t i = first; i < end; ++i)
            {
                t.clientAddress.push_back(ifs.GetAddress(1 + i - first));
                routerAddress.push_back(ifs.GetAddress(0));
            }
            lanAddress.NewNetwork();
        }
    }
    else if (o.lan == "p2p")
    {
        PointToPointHelper link;
        link.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        link.SetChannelAttribute("Delay", StringValue("10us"));
        Ipv4AddressHelper lanAddress("10.1.0.0", "255.255.255.252");
        for (uint32_t i = 0; i < o.clients; ++i)
        {
            Ipv4InterfaceContainer ifs
                = lanAddress.Assign(link.Install(t.clients.Get(i), t.router));
            t.clientAddress.push_back(ifs.GetAddress(0));
            routerAddress.push_back(ifs.GetAddress(1));
            lanAddress.NewNetwork();
        }
    }
    else
    {
        NS_FATAL_ERROR("--lan must be csma or p2p");
    }
    if (o.routing == "global")
    {
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    }
    else
    {
        NS_ABORT_MSG_IF(o.routing != "static", "--routing must be static or global");
        // Every client and server has one interface (1; 0 is the loopback) and reaches
        // everything through the router, which knows its directly connected networks.
        Ipv4StaticRoutingHelper helper;
        for (uint32_t k = 0; k < o.servers; ++k)
        {
            helper.GetStaticRouting(t.servers.Get(k)->GetObject<Ipv4>())
                ->SetDefaultRoute(gateway[k], 1);
        }
        for (uint32_t i = 0; i < o.clients; ++i)
        {
            helper.GetStaticRouting(t.clients.Get(i)->GetObject<Ipv4>())
                ->SetDefaultRoute(routerAddress[i], 1);
        }
    }
    return t;
}

/**
 * \param o the options
 * \param i a client index
 * \return when client i starts
 */
Time
StartTime(const Options& o, uint32_t i)
{
    return Seconds(START_SPREAD * i / o.clients);
}

// ------------------------------------------------------------------------------------ web

/// Tallies of the web clients' request records.
struct WebTally
{
    uint32_t size{0};           //!< expected body bytes
    uint64_t whole{0};          //!< 200 responses with the whole body
    uint64_t requestHeader{0};  //!< request header bytes, summed
    uint64_t responseHeader{0}; //!< response header bytes, summed
    uint64_t newConnections{0}; //!< requests that opened a connection
    uint64_t records{0};        //!< requests completed (any outcome)
    uint64_t failed{0};         //!< requests that failed (error, reset, timeout)
    uint64_t aborted{0};        //!< requests aborted
    uint64_t bodyBytes{0};      //!< response body bytes received, summed
    uint64_t expected{0};       //!< requests issued: the run stops after the last
    Time last;                  //!< when the last request completed
};

WebTally g_web; //!< the tallies of the web run

/**
 * RequestComplete sink.
 * \param r the record
 */
void
WebRecord(const RequestRecord& r)
{
    if (r.status == 200 && !r.failed && !r.aborted && r.bodyBytes == g_web.size)
    {
        ++g_web.whole;
    }
    g_web.failed += r.failed ? 1 : 0;
    g_web.aborted += r.aborted ? 1 : 0;
    g_web.bodyBytes += r.bodyBytes;
    g_web.requestHeader += r.requestHeaderBytes;
    g_web.responseHeader += r.responseHeaderBytes;
    g_web.newConnections += r.newConnection ? 1 : 0;
    g_web.last = Simulator::Now();
    ++g_web.records;
}

/**
 * Install the web scenario: an OriginServer on each server node, one WebClient per client
 * node. Client i addresses server i mod servers, or (depot) the depot's virtual IP: the
 * router is then a Depot with the servers as its pool, round robin, which gives client i's
 * connection to the same server (clients start in index order).
 * \param o the options
 * \param t the topology
 * \param depot through a depot on the router
 */
void
InstallWeb(const Options& o, const Topology& t, bool depot)
{
    g_web = WebTally();
    g_web.size = o.size;
    g_web.expected = uint64_t(o.clients) * o.requests;

    OriginServerHelper server(HTTP_PORT);
    server.SetAttribute("DefaultObjectSize", UintegerValue(o.size));
    server.SetAttribute("PersistentConnections", BooleanValue(o.persistent));
    server.SetAttribute("MaxRequestsPerConnection", UintegerValue(0));
    server.Install(t.servers).Start(Seconds(0));

    if (depot)
    {
        DepotHelper helper(DEPOT_VIP, HTTP_PORT);
        for (Ipv4Address a : t.serverAddress)
        {
            helper.AddProxy(a, HTTP_PORT);
        }
        helper.Install(t.router).Start(Seconds(0));
    }

    WebClientHelper helper;
    helper.SetAttribute("PersistentConnections", BooleanValue(o.persistent));
    helper.SetAttribute("MaxConnectionsPerServer", UintegerValue(1));
    // A client closes its connection after its last response, as the 3gpp run disposes of
    // each client after its last object (StopTgppClient): both modes let go of a finished
    // client's sockets and state at the same point.
    helper.SetAttribute("CloseWhenDone", BooleanValue(true));
    ApplicationContainer clients;
    for (uint32_t i = 0; i < o.clients; ++i)
    {
        WebRequest request;
        request.host = "server";
        request.path = "/object";
        request.server = InetSocketAddress(
            depot ? DEPOT_VIP : t.serverAddress[i % t.serverAddress.size()], HTTP_PORT);
        // One request replayed: the same stream as a list of o.requests equal requests.
        Ptr<FixedRequestSource> source
            = CreateObjectWithAttributes<FixedRequestSource>("Rounds", UintegerValue(o.requests));
        source->Add(request);
        ApplicationContainer app = helper.Install(t.clients.Get(i), source);
        app.Start(StartTime(o, i));
        clients.Add(app);
    }
    // Counted by a trace sink, as the 3gpp run counts its transfers: a RequestRecordWriter
    // would also keep each request's latency breakdown (LatencySummary, 6 doubles per
    // request), which has no counterpart in the other modes.
    for (auto i = clients.Begin(); i != clients.End(); ++i)
    {
        (*i)->TraceConnectWithoutContext("RequestComplete", MakeCallback(&WebRecord));
    }
    // The depot's health checks would run on to --maxSimTime: the last record stops the run.
    WebClientHelper::StopWhenEnded(clients, g_web.expected);
}

/**
 * Check the web run.
 * \param o the options
 * \param r the result to fill in
 */
void
CheckWeb(const Options& o, Result& r)
{
    r.completed = g_web.whole;
    r.bytes = g_web.bodyBytes;
    r.doneSeconds = g_web.last.GetSeconds();
    r.ok = g_web.records == r.expected && g_web.failed == 0 && g_web.aborted == 0
        && g_web.whole == r.expected && r.bytes == r.expectedBytes;
    const uint64_t n = std::max<uint64_t>(g_web.records, 1);
    std::ostringstream note;
    note << "records=" << g_web.records << ",failed=" << g_web.failed
         << ",connections=" << g_web.newConnections
         << ",request_header_B=" << g_web.requestHeader / n
         << ",response_header_B=" << g_web.responseHeader / n;
    r.note = note.str();
}

// ------------------------------------------------------------------------------------ raw

/// One client of the raw run.
struct RawClient
{
    const Options* o{nullptr}; //!< the options
    Ptr<Node> server;          //!< where the BulkSend applications run
    Address sink;              //!< the client's sink
    Ptr<PacketSink> app;       //!< the sink application
    uint64_t rx{0};            //!< bytes received
    uint32_t started{0};       //!< BulkSend applications started
};

Time g_rawLast; //!< when the last raw transfer completed

/**
 * Start one BulkSend application on the server toward a client's sink.
 * \param c the client
 * \param bytes bytes to send
 * \param start start time, relative to now
 */
void
StartBulk(RawClient* c, uint64_t bytes, Time start)
{
    BulkSendHelper bulk("ns3::TcpSocketFactory", c->sink);
    bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
    bulk.SetAttribute("SendSize", UintegerValue(c->o->size));
    bulk.Install(c->server).Start(start);
    ++c->started;
}

/**
 * Rx sink of a client's PacketSink: notes completed transfers and, with one connection per
 * request, starts the next transfer when one has arrived whole.
 * \param c the client
 * \param p the packet
 * \param from where it came from
 */
void
RawRx(RawClient* c, Ptr<const Packet> p, const Address& from)
{
    const uint64_t size = c->o->size;
    const uint64_t before = c->rx / size;
    c->rx += p->GetSize();
    const uint64_t done = c->rx / size;
    if (done == before)
    {
        return;
    }
    g_rawLast = Simulator::Now();
    if (!c->o->persistent && c->started < c->o->requests && done == c->started)
    {
        StartBulk(c, size, Seconds(0));
    }
}

/**
 * Install the raw scenario: a PacketSink on each client, BulkSend applications on the server.
 * \param o the options
 * \param t the topology
 * \return the clients
 */
std::vector<RawClient>
InstallRaw(const Options& o, const Topology& t)
{
    std::vector<RawClient> clients(o.clients);
    PacketSinkHelper sink("ns3::TcpSocketFactory",
                          InetSocketAddress(Ipv4Address::GetAny(), SINK_PORT));
    for (uint32_t i = 0; i < o.clients; ++i)
    {
        RawClient& c = clients[i];
        c.o = &o;
        c.server = t.servers.Get(i % o.servers);
        c.sink = InetSocketAddress(t.clientAddress[i], SINK_PORT);
        ApplicationContainer app = sink.Install(t.clients.Get(i));
        app.Start(Seconds(0));
        c.app = DynamicCast<PacketSink>(app.Get(0));
        c.app->TraceConnectWithoutContext("Rx", MakeBoundCallback(&RawRx, &c));
    }
    for (uint32_t i = 0; i < o.clients; ++i)
    {
        // One connection carrying every request's bytes, or the first of o.requests
        // sequential connections (RawRx starts the others).
        StartBulk(
            &clients[i], o.persistent ? uint64_t(o.requests) * o.size : o.size, StartTime(o, i));
    }
    return clients;
}

/**
 * Check the raw run.
 * \param o the options
 * \param clients the clients
 * \param r the result to fill in
 */
void
CheckRaw(const Options& o, const std::vector<RawClient>& clients, Result& r)
{
    uint32_t whole = 0;
    for (const RawClient& c : clients)
    {
        r.bytes += c.app->GetTotalRx();
        r.completed += std::min<uint64_t>(c.rx / o.size, o.requests);
        whole += c.app->GetTotalRx() == uint64_t(o.requests) * o.size ? 1 : 0;
    }
    r.doneSeconds = g_rawLast.GetSeconds();
    r.ok = whole == o.clients && r.bytes == r.expectedBytes;
    std::ostringstream note;
    note << "bulk_send_apps=" << (o.persistent ? o.clients : o.clients * o.requests)
         << ",send_size_B=" << o.size;
    r.note = note.str();
}

// ----------------------------------------------------------------------------------- 3gpp

/// One client of the 3GPP run.
struct TgppClient
{
    uint32_t target{0};          //!< pages to fetch
    Ptr<ThreeGppHttpClient> app; //!< the client
    uint32_t objects{0};         //!< main objects received
    uint64_t bytes{0};           //!< their content bytes
    uint32_t wrongSize{0};       //!< objects of another size than asked
};

uint32_t g_tgppSize = 0;    //!< object size asked for
Time g_tgppLast;            //!< when the last main object arrived
uint64_t g_tgppServed = 0;  //!< main objects the server generated
uint64_t g_tgppServedB = 0; //!< their bytes

/**
 * Stop a 3GPP client: Application::StopApplication is private and a stop time cannot be set
 * once the application started, so dispose of it (ThreeGppHttpClient::DoDispose stops it:
 * cancels its events and closes its socket).
 * \param app the client
 */
void
StopTgppClient(Ptr<ThreeGppHttpClient> app)
{
    app->Dispose();
}

/**
 * RxMainObject sink: counts pages, and stops the client after its last one.
 * \param c the client
 * \param client the application
 * \param p the object, with its ThreeGppHttpHeader
 */
void
TgppMainObject(TgppClient* c, Ptr<const ThreeGppHttpClient> client, Ptr<const Packet> p)
{
    ++c->objects;
    g_tgppLast = Simulator::Now();
    if (p)
    {
        ThreeGppHttpHeader h;
        p->PeekHeader(h);
        c->bytes += h.GetContentLength();
        c->wrongSize += h.GetContentLength() == g_tgppSize ? 0 : 1;
    }
    if (c->objects == c->target)
    {
        // Not from inside the client's receive path: it goes on to parse the object.
        Simulator::ScheduleNow(&StopTgppClient, c->app);
    }
}

/**
 * MainObject sink of the server.
 * \param size bytes of the object generated
 */
void
TgppServed(uint32_t size)
{
    ++g_tgppServed;
    g_tgppServedB += size;
}

/**
 * Configure ThreeGppHttpVariables for pages of one main object of o.size bytes, no embedded
 * objects and no reading or parsing time. Must run before the applications are created.
 * \param o the options
 */
void
ConfigureTgpp(const Options& o)
{
    const std::string v = "ns3::ThreeGppHttpVariables::";
    Config::SetDefault(v + "RequestSize", UintegerValue(REQUEST_BYTES));
    // Log-normal sizes with no deviation: every object has the mean size.
    Config::SetDefault(v + "MainObjectSizeMean", UintegerValue(o.size));
    Config::SetDefault(v + "MainObjectSizeStdDev", UintegerValue(0));
    Config::SetDefault(v + "MainObjectSizeMin", UintegerValue(std::min<uint32_t>(100, o.size)));
    Config::SetDefault(v + "MainObjectSizeMax", UintegerValue(o.size + 1));
    // Pareto number of embedded objects drawn in [Scale, Max) less Scale: always 0.
    Config::SetDefault(v + "NumOfEmbeddedObjectsScale", UintegerValue(1));
    Config::SetDefault(v + "NumOfEmbeddedObjectsMax", UintegerValue(2));
    Config::SetDefault(v + "ReadingTimeMean", TimeValue(Seconds(0)));
    Config::SetDefault(v + "ParsingTimeMean", TimeValue(Seconds(0)));
    // The server sets its sockets' segment size to an MTU drawn from these: make it ours.
    Config::SetDefault(v + "LowMtuSize", UintegerValue(SEGMENT_SIZE));
    Config::SetDefault(v + "HighMtuSize", UintegerValue(SEGMENT_SIZE));
}

/**
 * Install the 3GPP scenario: one ThreeGppHttpServer, one ThreeGppHttpClient per client.
 * \param o the options
 * \param t the topology
 * \return the clients
 */
std::vector<TgppClient>
InstallTgpp(const Options& o, const Topology& t)
{
    g_tgppSize = o.size;
    for (uint32_t k = 0; k < o.servers; ++k)
    {
        ThreeGppHttpServerHelper server(t.serverAddress[k]);
        server.SetAttribute("LocalPort", UintegerValue(HTTP_PORT));
        ApplicationContainer s = server.Install(t.servers.Get(k));
        s.Start(Seconds(0));
        s.Get(0)->TraceConnectWithoutContext("MainObject", MakeCallback(&TgppServed));
    }

    std::vector<TgppClient> clients(o.clients);
    for (uint32_t i = 0; i < o.clients; ++i)
    {
        ThreeGppHttpClientHelper helper(t.serverAddress[i % o.servers]);
        helper.SetAttribute("RemoteServerPort", UintegerValue(HTTP_PORT));
        ApplicationContainer app = helper.Install(t.clients.Get(i));
        app.Start(StartTime(o, i));
        TgppClient& c = clients[i];
        c.target = o.requests;
        c.app = DynamicCast<ThreeGppHttpClient>(app.Get(0));
        c.app->TraceConnectWithoutContext("RxMainObject", MakeBoundCallback(&TgppMainObject, &c));
    }
    return clients;
}

/**
 * Check the 3GPP run.
 * \param o the options
 * \param clients the clients
 * \param r the result to fill in
 */
void
CheckTgpp(const Options& o, const std::vector<TgppClient>& clients, Result& r)
{
    uint32_t whole = 0;
    uint64_t wrong = 0;
    for (const TgppClient& c : clients)
    {
        r.completed += std::min(c.objects, c.target);
        r.bytes += c.bytes;
        wrong += c.wrongSize;
        whole += c.objects == c.target ? 1 : 0;
    }
    r.doneSeconds = g_tgppLast.GetSeconds();
    r.ok = whole == o.clients && r.bytes == r.expectedBytes;
    std::ostringstream note;
    note << "served=" << g_tgppServed << ",served_B=" << g_tgppServedB
         << ",wrong_size_objects=" << wrong << ",request_B=" << REQUEST_BYTES
         << "+ThreeGppHttpHeader";
    r.note = note.str();
}

// ------------------------------------------------------------------------------------ run

/**
 * Run one mode in this process.
 * \param o the options
 * \param baseKb VmRSS at program start
 * \return the result
 */
Result
RunMode(const Options& o, uint64_t baseKb)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(SEGMENT_SIZE));
    if (o.mode == "3gpp")
    {
        ConfigureTgpp(o);
    }

    Result r;
    r.mode = o.mode;
    r.baseKb = baseKb;
    r.expected = uint64_t(o.clients) * o.requests;
    r.expectedBytes = r.expected * o.size;

    Topology t = BuildTopology(o);
    r.topoKb = ReadStatusKb("VmRSS");

    std::vector<RawClient> raw;
    std::vector<TgppClient> tgpp;
    if (o.mode == "web" || o.mode == "depot")
    {
        InstallWeb(o, t, o.mode == "depot");
    }
    else if (o.mode == "raw")
    {
        raw = InstallRaw(o, t);
    }
    else if (o.mode == "3gpp")
    {
        tgpp = InstallTgpp(o, t);
    }
    else
    {
        NS_FATAL_ERROR("unknown mode " << o.mode);
    }

    Simulator::Stop(Seconds(o.maxSimTime));
    const double cpuStart = CpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    Simulator::Run();
    const auto stop = std::chrono::steady_clock::now();
    r.cpuSeconds = CpuSeconds() - cpuStart;
    r.wallSeconds = std::chrono::duration<double>(stop - start).count();
    r.events = Simulator::GetEventCount();
    r.peakKb = ReadStatusKb("VmHWM");

    if (o.mode == "web" || o.mode == "depot")
    {
        CheckWeb(o, r);
    }
    else if (o.mode == "raw")
    {
        CheckRaw(o, raw, r);
    }
    else
    {
        CheckTgpp(o, tgpp, r);
    }
    Simulator::Destroy();
    return r;
}

/**
 * \param r a result
 * \return the result as one RESULT line
 */
std::string
FormatResult(const Result& r)
{
    std::ostringstream os;
    os << std::setprecision(9) << "RESULT mode=" << r.mode << " ok=" << r.ok
       << " expected=" << r.expected << " completed=" << r.completed
       << " expected_bytes=" << r.expectedBytes << " bytes=" << r.bytes
       << " done_s=" << r.doneSeconds << " wall_s=" << r.wallSeconds << " cpu_s=" << r.cpuSeconds
       << " events=" << r.events << " base_kb=" << r.baseKb << " topo_kb=" << r.topoKb
       << " peak_kb=" << r.peakKb << " note=" << (r.note.empty() ? "-" : r.note);
    return os.str();
}

/**
 * \param line a RESULT line
 * \param[out] r the result it holds
 * \return whether it was one
 */
bool
ParseResult(const std::string& line, Result& r)
{
    std::istringstream is(line);
    std::string word;
    if (!(is >> word) || word != "RESULT")
    {
        return false;
    }
    std::map<std::string, std::string> kv;
    while (is >> word)
    {
        auto eq = word.find('=');
        if (eq != std::string::npos)
        {
            kv[word.substr(0, eq)] = word.substr(eq + 1);
        }
    }
    auto u = [&kv](const char* k)
    {
        return std::strtoull(kv[k].c_str(), nullptr, 10);
    };
    auto d = [&kv](const char* k)
    {
        return std::strtod(kv[k].c_str(), nullptr);
    };
    r.mode = kv["mode"];
    r.ok = kv["ok"] == "1";
    r.expected = u("expected");
    r.completed = u("completed");
    r.expectedBytes = u("expected_bytes");
    r.bytes = u("bytes");
    r.doneSeconds = d("done_s");
    r.wallSeconds = d("wall_s");
    r.cpuSeconds = d("cpu_s");
    r.events = u("events");
    r.baseKb = u("base_kb");
    r.topoKb = u("topo_kb");
    r.peakKb = u("peak_kb");
    r.note = kv["note"];
    return true;
}

/**
 * Run one mode in a child process (this program with --mode and --child).
 * \param o the options
 * \param mode the mode
 * \param[out] r its result
 * \return whether the child ran to the end and printed its result
 */
bool
RunChild(const Options& o, const std::string& mode, Result& r)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    NS_ABORT_MSG_IF(n <= 0, "cannot find this program in /proc/self/exe");
    exe[n] = '\0';
    std::ostringstream cmd;
    cmd << "'" << exe << "' --child=1 --mode=" << mode << " --clients=" << o.clients
        << " --requests=" << o.requests << " --size=" << o.size << " --persistent=" << o.persistent
        << " --lan=" << o.lan << " --group=" << o.group << " --routing=" << o.routing
        << " --maxSimTime=" << o.maxSimTime << " --servers=" << o.servers;
    FILE* pipe = popen(cmd.str().c_str(), "r");
    NS_ABORT_MSG_IF(!pipe, "cannot run " << cmd.str());
    bool got = false;
    char buf[4096];
    while (fgets(buf, sizeof(buf), pipe))
    {
        std::string line(buf);
        if (!line.empty() && line.back() == '\n')
        {
            line.pop_back();
        }
        if (ParseResult(line, r))
        {
            got = true;
        }
        else
        {
            std::cout << "[" << mode << "] " << line << std::endl;
        }
    }
    int status = pclose(pipe);
    if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    {
        std::cerr << "scenario-throughput: mode " << mode << " failed (status " << status << ")"
                  << std::endl;
        r.mode = mode;
        r.ok = false;
        return false;
    }
    return true;
}

/**
 * Print the table of results and the ratios to raw TCP.
 * \param o the options
 * \param results the results, one per mode (the fastest of its runs)
 */
void
PrintTable(const Options& o, const std::vector<Result>& results)
{
    std::cout << "scenario-throughput: " << o.clients << " clients x " << o.requests
              << " requests x " << o.size << " B, "
              << (o.persistent ? "one persistent connection per client"
                               : "one connection per request")
              << ", LAN "
              << (o.lan == "csma" ? std::to_string(o.group) + " clients per 100 Mbit/s CSMA"
                                  : std::string("100 Mbit/s point-to-point per client"))
              << ", router-server 1 Gbit/s 1 ms, " << o.routing << " routing, TCP segment "
              << SEGMENT_SIZE << " B; fastest of " << o.runs << " run(s) per mode\n\n";
    std::cout << std::left << std::setw(5) << "mode" << std::right << std::setw(10) << "transfers"
              << std::setw(9) << "complete" << std::setw(4) << "ok" << std::setw(9) << "done[s]"
              << std::setw(9) << "wall[s]" << std::setw(8) << "cpu[s]" << std::setw(12)
              << "transfers/s" << std::setw(10) << "events[M]" << std::setw(9) << "ns/event"
              << std::setw(9) << "peak[MB]" << std::setw(10) << "KB/client" << std::setw(11)
              << "+KB/client"
              << "\n";
    for (const Result& r : results)
    {
        const double perWall = r.wallSeconds > 0 ? r.completed / r.wallSeconds : 0;
        const double nsPerEvent = r.events > 0 ? 1e9 * r.wallSeconds / r.events : 0;
        std::cout << std::left << std::setw(5) << r.mode << std::right << std::setw(10)
                  << r.expected << std::setw(9) << r.completed << std::setw(4)
                  << (r.ok ? "yes" : "NO") << std::fixed << std::setprecision(3) << std::setw(9)
                  << r.doneSeconds << std::setprecision(2) << std::setw(9) << r.wallSeconds
                  << std::setw(8) << r.cpuSeconds << std::setprecision(0) << std::setw(12)
                  << perWall << std::setprecision(2) << std::setw(10) << r.events / 1e6
                  << std::setprecision(0) << std::setw(9) << nsPerEvent << std::setprecision(1)
                  << std::setw(9) << r.peakKb / 1024.0 << std::setw(10)
                  << double(r.peakKb) / o.clients << std::setw(11)
                  << (double(r.peakKb) - double(r.topoKb)) / o.clients << "\n";
        std::cout.unsetf(std::ios::floatfield);
    }
    std::cout << "\n";
    for (const Result& r : results)
    {
        std::cout << "  " << r.mode << ": " << (r.note.empty() ? "-" : r.note);
        if (r.walls.size() > 1)
        {
            std::cout << std::fixed << std::setprecision(2) << "; wall[s] of each run:";
            for (double w : r.walls)
            {
                std::cout << " " << w;
            }
            std::cout.unsetf(std::ios::floatfield);
        }
        std::cout << "\n";
    }

    const Result* raw = nullptr;
    for (const Result& r : results)
    {
        if (r.mode == "raw" && r.wallSeconds > 0)
        {
            raw = &r;
        }
    }
    std::cout << "\n" << std::fixed << std::setprecision(2);
    if (raw)
    {
        for (const Result& r : results)
        {
            if (&r == raw)
            {
                continue;
            }
            const double ratio = r.wallSeconds / raw->wallSeconds;
            std::cout << r.mode << "/raw wall time: " << ratio;
            if (r.mode == "web")
            {
                std::cout << " (goal <= 1.25: " << (ratio <= 1.25 ? "met" : "NOT met") << ")";
            }
            std::cout << "; cpu time: " << r.cpuSeconds / raw->cpuSeconds << "\n";
        }
    }
    const Result* web = nullptr;
    const Result* depot = nullptr;
    const Result* threeGpp = nullptr;
    for (const Result& r : results)
    {
        web = r.mode == "web" && r.wallSeconds > 0 ? &r : web;
        depot = r.mode == "depot" && r.wallSeconds > 0 ? &r : depot;
        threeGpp = r.mode == "3gpp" && r.wallSeconds > 0 ? &r : threeGpp;
    }
    if (web && threeGpp)
    {
        // ns-3's own HTTP model parses nothing; the module's parsing client should cost no more.
        const double wall = web->wallSeconds / threeGpp->wallSeconds;
        const double mem = double(web->peakKb) / double(threeGpp->peakKb);
        std::cout << std::setprecision(3) << "web/3gpp wall time: " << wall
                  << "; peak memory per client: " << mem
                  << " (goal <= 1.0 on both: " << (wall <= 1.0 && mem <= 1.0 ? "met" : "NOT met")
                  << ")\n"
                  << std::setprecision(2);
    }
    if (web && depot)
    {
        // The same traffic through a depot and through a plain router.
        const double ratio = depot->wallSeconds / web->wallSeconds;
        std::cout << "depot/web (router) wall time: " << ratio
                  << " (goal <= 1.15: " << (ratio <= 1.15 ? "met" : "NOT met")
                  << "); cpu time: " << depot->cpuSeconds / web->cpuSeconds
                  << "; events: " << double(depot->events) / web->events << "\n";
    }
    std::cout << std::setprecision(1) << "peak memory per client, KB (VmHWM / clients; in "
              << "brackets the part above the built topology):";
    for (const Result& r : results)
    {
        std::cout << " " << r.mode << " " << double(r.peakKb) / o.clients << " ("
                  << (double(r.peakKb) - double(r.topoKb)) / o.clients << ")";
    }
    std::cout << std::endl;
    std::cout.unsetf(std::ios::floatfield);
}

} // namespace

int
main(int argc, char* argv[])
{
    const uint64_t baseKb = ReadStatusKb("VmRSS");
    Options o;
    CommandLine cmd(__FILE__);
    OptionChecker opt(cmd, "scenario-throughput");
    opt.AddChoiceList("mode",
                      "modes to run (comma-separated), or all",
                      o.mode,
                      {"web", "raw", "3gpp", "depot", "all"});
    opt.AddInteger("servers",
                   "server nodes behind the router (client i uses server i mod n)",
                   o.servers,
                   1,
                   1000);
    opt.AddInteger("clients", "LAN clients", o.clients, 1, 10000);
    opt.AddInteger("requests", "requests per client", o.requests, 1, 100000);
    opt.AddInteger("size", "response body bytes", o.size, 1, 1000000000);
    opt.AddFlag("persistent",
                "1: one persistent connection per client; 0: one connection per request",
                o.persistent);
    opt.AddChoice("lan",
                  "LAN segments: csma (--group clients each) or p2p (one link each)",
                  o.lan,
                  {"csma", "p2p"});
    opt.AddInteger("group", "clients per CSMA segment", o.group, 1, 250);
    opt.AddChoice("routing",
                  "static (default routes via the router) or global "
                  "(Ipv4GlobalRoutingHelper::PopulateRoutingTables: a minute at 1000 clients)",
                  o.routing,
                  {"static", "global"});
    opt.AddReal("maxSimTime", "simulated-time limit, seconds", o.maxSimTime, 1, 1e7);
    opt.AddInteger("runs", "runs of each mode (interleaved); the fastest counts", o.runs, 1, 100);
    opt.AddFlag("child", "internal: run one mode here, print only its RESULT line", o.child);
    opt.Parse(argc, argv);

    if (o.child)
    {
        Result r = RunMode(o, baseKb);
        std::cout << FormatResult(r) << std::endl;
        return r.ok ? 0 : 1;
    }

    // Each run in its own process, so that each has its own peak memory.
    std::vector<std::string> modes{"raw", "web", "3gpp", "depot"};
    if (o.mode != "all")
    {
        modes.clear();
        std::istringstream list(o.mode);
        for (std::string m; std::getline(list, m, ',');)
        {
            opt.Require(m != "all", "mode", "all in a list", "all alone, or a list of modes");
            modes.push_back(m);
        }
    }
    opt.Require(o.routing == "static" || !std::count(modes.begin(), modes.end(), "depot"),
                "routing",
                "--mode=depot with global routing",
                "static with depot (the virtual IP is a static address)");
    std::vector<Result> results(modes.size());
    bool ok = true;
    for (uint32_t run = 0; run < o.runs; ++run)
    {
        for (size_t m = 0; m < modes.size(); ++m)
        {
            Result r;
            const bool ran = RunChild(o, modes[m], r);
            ok = ok && ran && r.ok;
            Result& best = results[m];
            std::vector<double> walls = best.walls;
            walls.push_back(r.wallSeconds);
            if (run == 0 || !ran || (best.ok && r.wallSeconds < best.wallSeconds))
            {
                best = r;
            }
            best.walls = walls;
        }
    }
    PrintTable(o, results);
    return ok ? 0 : 1;
}
