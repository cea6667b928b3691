/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Client populations and the Internet side: modem pool sessions, LAN clients, the origin
 * farm, and trace replay through WebClients.
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/lan-clients-helper.h"
#include "ns3/modem-pool-helper.h"
#include "ns3/network-module.h"
#include "ns3/origin-farm-helper.h"
#include "ns3/point-to-point-module.h"
#include "ns3/queue-disc.h"
#include "ns3/trace-replay-helper.h"
#include "ns3/trace-request-source.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/web-proxy-compat.h"
#include "ns3/web-proxy-module.h"

#include <gtest/gtest.h>

#include <set>

using namespace ns3;

namespace
{
TraceRecord
Rec(double t, uint32_t client, const std::string& server = "s0", uint64_t size = 1000)
{
    TraceRecord r;
    r.time = Seconds(t);
    r.client = client;
    r.server = server;
    r.path = "/o" + std::to_string(size);
    r.size = size;
    r.received = size;
    return r;
}

/// A client node and the core its origin farm hangs on, 1 ms apart at 100 Mbit/s.
std::pair<Ptr<Node>, Ptr<Node>>
ClientAndCore()
{
    Ptr<Node> client = CreateObject<Node>();
    Ptr<Node> core = CreateObject<Node>();
    InternetStackHelper().Install(NodeContainer(client, core));
    PointToPointHelper access;
    access.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    access.SetChannelAttribute("Delay", StringValue("1ms"));
    Ipv4AddressHelper("10.1.0.0", "255.255.255.252").Assign(access.Install(client, core));
    return {client, core};
}

/// Replays per-node record lists through WebClients, resolving servers in the farm.
ApplicationContainer
Replay(NodeContainer nodes,
       const std::vector<std::vector<TraceRecord>>& perNode,
       const OriginFarmHelper& farm,
       std::vector<RequestRecord>* out)
{
    TraceReplayHelper replay([&farm](const std::string& host) { return farm.Resolve(host); });
    ApplicationContainer apps = replay.Install(nodes, perNode);
    for (auto i = apps.Begin(); i != apps.End(); ++i)
    {
        (*i)->TraceConnectWithoutContext(
            "RequestComplete",
            MakeBoundCallback(
                +[](std::vector<RequestRecord>* v, const RequestRecord& r) { v->push_back(r); },
                out));
    }
    return apps;
}

/// Routes, replays `recs` from one client node until `stop` and ends the simulation.
std::vector<RequestRecord>
RunOneClient(Ptr<Node> client,
             const std::vector<TraceRecord>& recs,
             const OriginFarmHelper& farm,
             Time stop)
{
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    std::vector<RequestRecord> out;
    Replay(NodeContainer(client), {recs}, farm, &out);
    Simulator::Stop(stop);
    Simulator::Run();
    Simulator::Destroy();
    return out;
}
} // namespace

TEST(ModemPool, SessionsTakeFreeModemsOrAreRejected)
{
    const Time idle = Seconds(60);
    std::vector<TraceRecord> recs = {
        Rec(0, 1),   // A: modem 0
        Rec(1, 2),   // B: modem 1
        Rec(2, 3),   // C: all busy -> rejected session
        Rec(3, 1),   // A: same session
        Rec(50, 3),  // C: still in its rejected session
        Rec(70, 2),  // B: idle 69 s > 60 s: a new session, on the lowest free modem (0)
        Rec(200, 3), // C: A's and B's sessions are over: modem 0
    };
    auto a = ModemPoolHelper::AssignSessions(recs, 2, idle);
    ASSERT_EQ(a.perModem.size(), 2u);
    // B's second request starts a new session on the lowest free modem: A still holds 0
    // (last request at 3 s, 67 s ago > 60 s: A's session has ended too) -> modem 0.
    std::vector<double> m0;
    for (const auto& r : a.perModem[0])
    {
        m0.push_back(r.time.GetSeconds());
    }
    std::vector<double> m1;
    for (const auto& r : a.perModem[1])
    {
        m1.push_back(r.time.GetSeconds());
    }
    // At 200 s C's rejected session (until 110 s) is over and B's (last request 70 s) too.
    EXPECT_EQ(m0, (std::vector<double>{0, 3, 70, 200}));
    EXPECT_EQ(m1, (std::vector<double>{1}));
    EXPECT_EQ(a.sessions, 4u);
    EXPECT_EQ(a.rejectedSessions, 1u);
    EXPECT_EQ(a.rejectedRequests, 2u);
    EXPECT_EQ(a.maxBusy, 2u);
}

TEST(ModemPool, NoModemServesTwoSessionsAtOnce)
{
    // 200 users, 10 modems, random-ish arrivals: every modem's records form sessions that
    // never overlap another user's on the same modem.
    std::vector<TraceRecord> recs;
    for (uint32_t i = 0; i < 2000; ++i)
    {
        recs.push_back(Rec(i * 7.0, (i * 7919) % 200));
    }
    const Time idle = Seconds(100);
    auto a = ModemPoolHelper::AssignSessions(recs, 10, idle);
    uint64_t assigned = 0;
    for (const auto& m : a.perModem)
    {
        assigned += m.size();
        for (size_t k = 1; k < m.size(); ++k)
        {
            if (m[k].client != m[k - 1].client)
            {
                EXPECT_GT(m[k].time - m[k - 1].time, idle)
                    << "a new user only after the idle timeout";
            }
        }
    }
    EXPECT_EQ(assigned + a.rejectedRequests, recs.size());
    EXPECT_LE(a.maxBusy, 10u);
}

TEST(TraceRequestSource, RecordsBecomeRequests)
{
    TraceRecord r = Rec(12.5, 7, "www.example.com", 10000);
    r.path = "/cgi-bin/x?y";
    r.method = "POST";
    r.cookie = true;
    r.clientNoCache = true;
    r.authorization = true;
    r.received = 2500;
    WebRequest w
        = TraceRequestSource::ToWebRequest(r, InetSocketAddress("1.2.3.4", 80), Seconds(100));
    EXPECT_EQ(w.method, "POST");
    EXPECT_EQ(w.GetUrl(), "http://www.example.com/cgi-bin/x?y");
    ASSERT_TRUE(w.issueTime);
    EXPECT_EQ(*w.issueTime, Seconds(112.5));
    ASSERT_TRUE(w.abortFraction);
    EXPECT_DOUBLE_EQ(*w.abortFraction, 0.25);
    std::set<std::string> names;
    for (const auto& f : w.fields)
    {
        names.insert(f.first);
    }
    EXPECT_EQ(names, (std::set<std::string>{"Cookie", "Cache-Control", "Pragma", "Authorization"}));
    EXPECT_FALSE(TraceRequestSource::ToWebRequest(Rec(0, 1), Address(), Seconds(0)).abortFraction);
}

namespace
{
/// The keep-alive each record of `recs` asks for, issued by a TraceRequestSource.
std::vector<int>
KeepAliveAsked(const std::vector<TraceRecord>& recs, const std::string& flag, bool trace = true)
{
    Ptr<TraceRequestSource> src = CreateObject<TraceRequestSource>();
    src->SetAttribute("PersistentFlag", StringValue(flag));
    src->SetAttribute("TracePersistence", BooleanValue(trace));
    src->SetResolver([](const std::string&) { return Address(); });
    for (const TraceRecord& r : recs)
    {
        src->Add(r);
    }
    std::vector<int> asked; // 1 keep-alive, 0 close, -1 the client's choice
    WebRequest w;
    while (src->Next(w))
    {
        asked.push_back(w.persistent ? int(*w.persistent) : -1);
    }
    return asked;
}

TraceRecord
Flagged(TraceRecord r)
{
    r.persistent = true;
    return r;
}
} // namespace

TEST(TraceRequestSource, PersistentFlagPerRequestOrPerClientAndServer)
{
    // Client 1: A, B, A*, A; client 2: A, C* (* = flagged).
    const std::vector<TraceRecord> recs = {Rec(0, 1, "a"),
                                           Rec(1, 1, "b"),
                                           Flagged(Rec(2, 1, "a")),
                                           Rec(3, 1, "a"),
                                           Rec(4, 2, "a"),
                                           Flagged(Rec(5, 2, "c"))};
    EXPECT_EQ(KeepAliveAsked(recs, "Request"), (std::vector<int>{0, 0, 1, 0, 0, 1}));
    // Client 1 kept a connection to A alive once: all its requests to A ask; not to B, and
    // not client 2's to A.
    EXPECT_EQ(KeepAliveAsked(recs, "Server"), (std::vector<int>{1, 0, 1, 1, 0, 1}));
    EXPECT_EQ(KeepAliveAsked(recs, "Server", false), (std::vector<int>(6, -1)));
    Ptr<TraceRequestSource> src = CreateObject<TraceRequestSource>();
    StringValue flag;
    src->GetAttribute("PersistentFlag", flag);
    EXPECT_EQ(flag.Get(), "Request");
    // The reading may be chosen after the records are added.
    src->SetResolver([](const std::string&) { return Address(); });
    for (const TraceRecord& r : recs)
    {
        src->Add(r);
    }
    src->SetAttribute("PersistentFlag", StringValue("Server"));
    WebRequest w;
    ASSERT_TRUE(src->Next(w));
    EXPECT_TRUE(*w.persistent) << "client 1's first request to A";
}

TEST(TraceRequestSource, PersistentFlagRefusesAnUnknownMeaning)
{
    EXPECT_FALSE(Config::SetDefaultFailSafe("ns3::TraceRequestSource::PersistentFlag",
                                            StringValue("Sometimes")));
    Ptr<TraceRequestSource> src = CreateObject<TraceRequestSource>();
    EXPECT_FALSE(src->SetAttributeFailSafe("PersistentFlag", StringValue("server")));
    StringValue flag;
    src->GetAttribute("PersistentFlag", flag);
    EXPECT_EQ(flag.Get(), "Request");
}

TEST(TraceRequestSource, PerServerKeepAliveLetsLaterRequestsSkipTheHandshake)
{
    // A, A*, A 1 s apart to one server 50 ms away. Per request, only the flagged one keeps
    // its connection: the first and second open one each, the third reuses the second's.
    // Per client and server, all three ask: the second and third reuse the first's.
    for (const std::string flag : {"Request", "Server"})
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Config::SetDefault("ns3::TraceRequestSource::PersistentFlag", StringValue(flag));
        auto [client, core] = ClientAndCore();
        OriginFarmHelper farm(core, {MilliSeconds(50)});
        farm.AddServer("a", MilliSeconds(100));
        std::vector<TraceRecord> recs = {Rec(0, 1, "a"), Flagged(Rec(1, 1, "a")), Rec(2, 1, "a")};
        farm.AddObjects(recs);
        const std::vector<RequestRecord> out = RunOneClient(client, recs, farm, Seconds(10));
        Config::Reset();
        ASSERT_EQ(out.size(), 3u) << flag;
        const bool perServer = flag == "Server";
        // A handshake: the server's RTT plus the access link's.
        EXPECT_GE(out[0].sync, MilliSeconds(102)) << flag;
        EXPECT_EQ(out[1].sync.IsZero(), perServer) << flag;
        EXPECT_TRUE(out[2].sync.IsZero()) << flag;
        for (const RequestRecord& r : out)
        {
            EXPECT_EQ(r.status, 200u) << flag;
        }
    }
}

TEST(OriginFarm, ThousandsOfServersOnFewNodesAtTheirRtt)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    auto [client, core] = ClientAndCore();
    OriginFarmHelper farm(core, {MilliSeconds(5), MilliSeconds(50)});
    farm.SetMaxServersPerNode(60);
    std::vector<TraceRecord> recs;
    std::set<uint32_t> addresses;
    for (uint32_t s = 0; s < 1000; ++s)
    {
        std::string host = "www" + std::to_string(s) + ".example.com";
        InetSocketAddress a = farm.AddServer(host, MilliSeconds(s % 2 ? 100 : 10));
        addresses.insert(a.GetIpv4().Get());
        EXPECT_EQ(farm.GetRttClass(host), s % 2);
    }
    EXPECT_EQ(addresses.size(), 1000u);
    EXPECT_EQ(farm.GetServerCount(), 1000u);
    EXPECT_EQ(farm.GetNodes().GetN(), 2u * 9) << "500 servers a class, 60 a node";
    EXPECT_EQ(farm.AddServer("www3.example.com", Seconds(1)).GetIpv4(),
              farm.Resolve("www3.example.com").GetIpv4());
    // One request to each of 40 servers spread over both classes and all nodes.
    for (uint32_t s = 0; s < 1000; s += 25)
    {
        recs.push_back(Rec(s * 0.01, 1, "www" + std::to_string(s) + ".example.com", 2000 + s));
    }
    farm.AddObjects(recs);
    const std::vector<RequestRecord> out = RunOneClient(client, recs, farm, Seconds(30));
    ASSERT_EQ(out.size(), recs.size());
    for (size_t i = 0; i < out.size(); ++i)
    {
        EXPECT_EQ(out[i].status, 200u) << out[i].url;
        EXPECT_EQ(out[i].bodyBytes, recs[i].size);
        // Handshake: one RTT of the server's class plus the access link.
        const double rtt = 2 * (0.001 + (i % 2 ? 0.050 : 0.005));
        EXPECT_GE(out[i].sync.GetSeconds(), rtt) << out[i].url;
        EXPECT_LE(out[i].sync.GetSeconds(), rtt + 0.001) << out[i].url;
    }
}

TEST(ModemPool, SessionsReplayThroughTheModems)
{
    // All modems on the access router, and spread over terminal servers of two modems.
    for (uint32_t perServer : {32u, 2u})
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        ModemPoolHelper pool;
        pool.SetModemsPerTerminalServer(perServer);
        pool.Install(3);
        EXPECT_EQ(pool.GetTerminalServers().GetN(), perServer == 2 ? 2u : 1u);
        OriginFarmHelper farm(pool.GetCore(), {MilliSeconds(20)});
        std::vector<TraceRecord> recs;
        for (uint32_t i = 0; i < 40; ++i)
        {
            recs.push_back(Rec(i * 1.5, i % 5, "www" + std::to_string(i % 4), 500 + 37 * i));
        }
        for (uint32_t s = 0; s < 4; ++s)
        {
            farm.AddServer("www" + std::to_string(s), MilliSeconds(40));
        }
        farm.AddObjects(recs); // the helpers' static routes: no global routing
        auto a = ModemPoolHelper::AssignSessions(recs, 3, Seconds(30));
        EXPECT_EQ(a.rejectedSessions, 2u) << "users 3 and 4 find the three modems taken";
        std::vector<RequestRecord> out;
        Replay(pool.GetModems(), a.perModem, farm, &out);
        Simulator::Stop(Seconds(200));
        Simulator::Run();
        Simulator::Destroy();
        EXPECT_EQ(out.size() + a.rejectedRequests, recs.size());
        for (const auto& r : out)
        {
            EXPECT_EQ(r.status, 200u);
            EXPECT_FALSE(r.failed) << r.error;
            // Handshake: propagation 2 x (115 + 1 + 20) ms plus a SYN and a SYN-ACK (>= 58 B
            // each) serialized at 28.8 kbit/s.
            if (r.newConnection)
            {
                const double lower = 2 * (0.115 + 0.001 + 0.020) + 2 * 58 * 8 / 28800.0;
                EXPECT_GE(r.sync.GetSeconds(), lower);
                EXPECT_LE(r.sync.GetSeconds(), lower + 0.01);
            }
        }
    }
}

// The script's own nodes as modems, one of them already with the Internet stack: the pool
// uses them in order, addresses them in 10.64.0.0/10 and every replayed request completes.
TEST(ModemPool, InstallsOntoTheScriptsOwnNodes)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    NodeContainer mine;
    mine.Create(3);
    InternetStackHelper().Install(mine.Get(1));
    ModemPoolHelper pool;
    pool.Install(mine);
    ASSERT_EQ(pool.GetModems().GetN(), 3u);
    for (uint32_t i = 0; i < 3; ++i)
    {
        EXPECT_EQ(pool.GetModems().Get(i), mine.Get(i));
        Ptr<Ipv4> ip = mine.Get(i)->GetObject<Ipv4>();
        ASSERT_TRUE(ip);
        ASSERT_EQ(ip->GetNInterfaces(), 2u) << "loopback and the modem link";
        EXPECT_TRUE(ip->GetAddress(1, 0).GetLocal().CombineMask("255.192.0.0")
                    == Ipv4Address("10.64.0.0"));
    }
    OriginFarmHelper farm(pool.GetCore(), {MilliSeconds(20)});
    farm.AddServer("s0", MilliSeconds(40));
    std::vector<std::vector<TraceRecord>> perNode(3);
    std::vector<TraceRecord> all;
    for (uint32_t c = 0; c < 3; ++c)
    {
        perNode[c].push_back(Rec(c * 0.1, c, "s0", 2000 + 100 * c));
        all.push_back(perNode[c].back());
    }
    farm.AddObjects(all);
    std::vector<RequestRecord> out;
    Replay(mine, perNode, farm, &out);
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    Simulator::Destroy();
    ASSERT_EQ(out.size(), 3u);
    for (const auto& r : out)
    {
        EXPECT_EQ(r.status, 200u);
        EXPECT_FALSE(r.failed) << r.error;
    }
}

// The script's own nodes as LAN clients, on a shared and on a switched LAN.
TEST(LanClients, InstallsOntoTheScriptsOwnNodes)
{
    for (bool switched : {false, true})
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        NodeContainer mine;
        mine.Create(2);
        InternetStackHelper().Install(mine.Get(0));
        LanClientsHelper lan;
        lan.SetSwitched(switched);
        lan.Install(mine);
        ASSERT_EQ(lan.GetClients().GetN(), 2u);
        EXPECT_EQ(lan.GetClients().Get(0), mine.Get(0));
        EXPECT_EQ(lan.GetClients().Get(1), mine.Get(1));
        OriginFarmHelper farm(lan.GetCore(), {MilliSeconds(10)});
        farm.AddServer("s0", MilliSeconds(20));
        std::vector<std::vector<TraceRecord>> perNode(2);
        std::vector<TraceRecord> all;
        for (uint32_t c = 0; c < 2; ++c)
        {
            perNode[c].push_back(Rec(c * 0.1, c, "s0", 3000));
            all.push_back(perNode[c].back());
        }
        farm.AddObjects(all);
        std::vector<RequestRecord> out;
        Replay(mine, perNode, farm, &out);
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        Simulator::Destroy();
        ASSERT_EQ(out.size(), 2u) << "switched=" << switched;
        for (const auto& r : out)
        {
            EXPECT_EQ(r.status, 200u);
            EXPECT_FALSE(r.failed) << r.error;
        }
    }
}

// One pool per helper: a second Install is a named error, not a second pool on the same
// addresses.
TEST(ModemPool, SecondInstallIsRefused)
{
    EXPECT_DEATH(
        {
            ModemPoolHelper pool;
            pool.Install(1);
            pool.Install(1);
        },
        "Install was called before");
    Simulator::Destroy();
}

TEST(LanClients, SharedAndSwitchedLansReachTheFarm)
{
    for (int variant = 0; variant < 4; ++variant)
    {
        const bool switched = variant % 2;
        const bool staticRouting = variant < 2;
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        LanClientsHelper lan;
        lan.SetSwitched(switched);
        lan.SetStaticRouting(staticRouting);
        lan.Install(4);
        OriginFarmHelper farm(lan.GetCore(), {MilliSeconds(10)});
        farm.SetStaticRouting(staticRouting);
        farm.AddServer("s0", MilliSeconds(20));
        std::vector<std::vector<TraceRecord>> perNode(4);
        std::vector<TraceRecord> all;
        for (uint32_t c = 0; c < 4; ++c)
        {
            for (uint32_t k = 0; k < 3; ++k)
            {
                perNode[c].push_back(Rec(k * 0.5 + c * 0.1, c, "s0", 3000 + 1000 * k));
                all.push_back(perNode[c].back());
            }
        }
        farm.AddObjects(all);
        if (!staticRouting)
        {
            Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        }
        std::vector<RequestRecord> out;
        Replay(lan.GetClients(), perNode, farm, &out);
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        Simulator::Destroy();
        ASSERT_EQ(out.size(), 12u) << "switched=" << switched;
        for (const auto& r : out)
        {
            EXPECT_EQ(r.status, 200u);
            if (r.newConnection)
            {
                // 2.5 ms LAN RTT + 2 ms T1 link + 20 ms to the server, plus serialization.
                // On the shared segment the first exchange also resolves ARP both ways
                // (one LAN RTT each, after ns-3's ArpL3Protocol RequestJitter of 0-10 ms).
                const double arp = switched ? 0 : 2 * (0.0025 + 0.010);
                EXPECT_GE(r.sync.GetSeconds(), 0.0245);
                EXPECT_LE(r.sync.GetSeconds(), 0.0245 + 0.002 + arp) << "switched=" << switched;
            }
        }
    }
}

namespace
{

/// Ten servers in the farm, alternately at 10 and 80 ms, and one request from each of ten
/// modems to its own server.
void
AddModemServers(OriginFarmHelper& farm,
                std::vector<std::vector<TraceRecord>>* perModem,
                std::vector<TraceRecord>* all)
{
    perModem->assign(10, {});
    for (uint32_t m = 0; m < 10; ++m)
    {
        const std::string host = "www" + std::to_string(m);
        farm.AddServer(host, MilliSeconds(m % 2 ? 80 : 10));
        (*perModem)[m].push_back(Rec(0.1 * m, m, host, 1000 + 100 * m));
        all->push_back((*perModem)[m].back());
    }
}

/// The scenario of StaticRoutes*: one request from every modem, to servers on every origin
/// node; the routes come from the helpers (static) or from global routing.
std::vector<RequestRecord>
RunEveryModemToEveryNode(bool staticRouting, NodeContainer* farmNodes, NodeContainer* modems)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    ModemPoolHelper pool;
    pool.SetStaticRouting(staticRouting);
    pool.SetModemsPerTerminalServer(3); // not a power of two: blocks of 4 /30s, one unused
    pool.Install(10);
    OriginFarmHelper farm(pool.GetCore(), {MilliSeconds(5), MilliSeconds(40)});
    farm.SetStaticRouting(staticRouting);
    farm.SetMaxServersPerNode(3);
    std::vector<std::vector<TraceRecord>> perModem;
    std::vector<TraceRecord> all;
    AddModemServers(farm, &perModem, &all);
    farm.AddObjects(all);
    if (!staticRouting)
    {
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    }
    *farmNodes = farm.GetNodes();
    *modems = pool.GetModems();
    std::vector<RequestRecord> out;
    Replay(pool.GetModems(), perModem, farm, &out);
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    Simulator::Destroy();
    return out;
}

} // namespace

// The helpers' aggregated static routes reach every modem (four terminal servers, blocks of
// a non-power-of-two size) and every origin node, without global routing, and give exactly
// the per-request results of global routing: the same paths.
TEST(StaticRoutes, ReachEveryModemAndServerLikeGlobalRouting)
{
    NodeContainer farmNodes;
    NodeContainer modems;
    const auto viaStatic = RunEveryModemToEveryNode(true, &farmNodes, &modems);
    EXPECT_EQ(farmNodes.GetN(), 4u) << "5 servers per class, 3 per node";
    ASSERT_EQ(viaStatic.size(), 10u);
    std::set<uint32_t> nodes;
    for (const auto& r : viaStatic)
    {
        EXPECT_EQ(r.status, 200u) << r.url;
        EXPECT_FALSE(r.failed) << r.error;
        EXPECT_EQ(r.bodyBytes, r.contentLength);
        nodes.insert(r.node);
    }
    EXPECT_EQ(nodes.size(), 10u) << "every modem got its response";

    const auto viaGlobal = RunEveryModemToEveryNode(false, &farmNodes, &modems);
    ASSERT_EQ(viaGlobal.size(), viaStatic.size());
    for (size_t i = 0; i < viaStatic.size(); ++i)
    {
        EXPECT_EQ(viaStatic[i].url, viaGlobal[i].url);
        EXPECT_EQ(viaStatic[i].peer, viaGlobal[i].peer);
        EXPECT_EQ(viaStatic[i].sync, viaGlobal[i].sync) << viaStatic[i].url;
        EXPECT_EQ(viaStatic[i].total, viaGlobal[i].total) << viaStatic[i].url;
        EXPECT_EQ(viaStatic[i].bodyBytes, viaGlobal[i].bodyBytes);
    }
}

// With their static routes the helpers keep the access networks out of global routing: the
// hosts and the inner routers have no GlobalRouter, the cores announce the blocks, and a
// backbone router holds one route per block (the farm's four /20s as one /18) instead of one
// per modem or origin link. Requests from modems and LAN clients still cross the backbone to
// every origin node.
TEST(StaticRoutes, AccessNetworksStayOutOfGlobalRouting)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    NodeContainer backbone(2);
    InternetStackHelper().Install(backbone);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    link.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
    Ipv4AddressHelper addr("192.168.0.0", "255.255.255.252");
    addr.Assign(link.Install(backbone.Get(0), backbone.Get(1)));
    ModemPoolHelper pool;
    pool.SetModemsPerTerminalServer(3);
    pool.Install(10);
    LanClientsHelper lan;
    lan.Install(4);
    // Without an address plan, LinkTo numbers each core's link from the helper's fixed /30.
    const NetDeviceContainer poolAccess = pool.LinkTo(backbone.Get(0), link);
    const NetDeviceContainer lanAccess = lan.LinkTo(backbone.Get(0), link);
    ASSERT_EQ(poolAccess.GetN(), 2u);
    EXPECT_EQ(poolAccess.Get(0)->GetNode(), pool.GetCore());
    EXPECT_EQ(poolAccess.Get(1)->GetNode(), backbone.Get(0));
    EXPECT_EQ(lanAccess.Get(0)->GetNode(), lan.GetCore());
    EXPECT_EQ(pool.GetAccessDevices().Get(1), poolAccess.Get(1));
    EXPECT_EQ(lan.GetAccessDevices().Get(1), lanAccess.Get(1));
    auto address = [](Ptr<NetDevice> d)
    {
        Ptr<Ipv4> ip = d->GetNode()->GetObject<Ipv4>();
        return ip->GetAddress(ip->GetInterfaceForDevice(d), 0).GetLocal();
    };
    EXPECT_EQ(address(poolAccess.Get(0)), Ipv4Address("10.63.255.249"));
    EXPECT_EQ(address(lanAccess.Get(1)), Ipv4Address("10.31.255.250"));
    OriginFarmHelper farm(backbone.Get(1), {MilliSeconds(5), MilliSeconds(40)});
    farm.SetMaxServersPerNode(3);
    std::vector<std::vector<TraceRecord>> perModem;
    std::vector<std::vector<TraceRecord>> perLan(4);
    std::vector<TraceRecord> all;
    AddModemServers(farm, &perModem, &all);
    for (uint32_t m = 0; m < 10; ++m)
    {
        const std::string host = "www" + std::to_string(m);
        perLan[m % 4].push_back(Rec(0.1 * m + 0.05, 100 + m, host, 2000 + 100 * m));
        all.push_back(perLan[m % 4].back());
    }
    farm.AddObjects(all);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    auto global = [](Ptr<Node> n)
    {
        return n->GetObject<compat::GlobalRouterV4>() != nullptr;
    };
    NodeContainer inside(pool.GetModems(), pool.GetTerminalServers(), lan.GetClients());
    inside.Add(pool.GetNas());
    inside.Add(lan.GetGateway());
    inside.Add(farm.GetNodes());
    ASSERT_EQ(farm.GetNodes().GetN(), 4u);
    for (auto i = inside.Begin(); i != inside.End(); ++i)
    {
        EXPECT_FALSE(global(*i)) << "node " << (*i)->GetId();
    }
    for (Ptr<Node> n : {pool.GetCore(), lan.GetCore(), backbone.Get(0), backbone.Get(1)})
    {
        EXPECT_TRUE(global(n)) << "node " << n->GetId();
    }
    Ptr<Ipv4GlobalRouting> routing = Ipv4RoutingHelper::GetRouting<Ipv4GlobalRouting>(
        backbone.Get(0)->GetObject<Ipv4>()->GetRoutingProtocol());
    ASSERT_TRUE(routing);
    std::set<std::string> prefixes;
    for (uint32_t i = 0; i < routing->GetNRoutes(); ++i)
    {
        const auto* r = routing->GetRoute(i);
        std::ostringstream os;
        os << r->GetDestNetwork() << "/" << r->GetDestNetworkMask().GetPrefixLength();
        prefixes.insert(os.str());
    }
    // The pool's modem block, ring and uplink; the LAN's block and uplink; the farm's /18;
    // the backbone link to the farm's core. Nothing else: no modem link, no origin link.
    const std::set<std::string> want = {"10.64.0.0/10",
                                        "10.63.0.0/17",
                                        "10.63.255.252/30",
                                        "10.32.0.0/14",
                                        "10.31.255.252/30",
                                        "10.128.0.0/18",
                                        "192.168.0.0/30"};
    for (const auto& p : want)
    {
        EXPECT_EQ(prefixes.count(p), 1u) << p;
    }
    for (const auto& p : prefixes)
    {
        // The backbone's own link and the cores' access links (LinkTo's fixed /30s).
        const bool link = p.rfind("192.168.", 0) == 0 || p.rfind("10.63.255.24", 0) == 0
                       || p.rfind("10.31.255.24", 0) == 0;
        EXPECT_TRUE(want.count(p) || link) << "unexpected route " << p;
    }

    std::vector<RequestRecord> out;
    Replay(pool.GetModems(), perModem, farm, &out);
    Replay(lan.GetClients(), perLan, farm, &out);
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    Simulator::Destroy();
    ASSERT_EQ(out.size(), 20u);
    std::set<uint32_t> originBlocks; // the /20 of each origin node reached
    for (const auto& r : out)
    {
        EXPECT_EQ(r.status, 200u) << r.url;
        EXPECT_FALSE(r.failed) << r.error;
        EXPECT_EQ(r.bodyBytes, r.contentLength);
        originBlocks.insert(Ipv4Address(r.peer.substr(0, r.peer.find(':')).c_str()).Get() >> 12);
    }
    EXPECT_EQ(originBlocks.size(), 4u) << "every origin node served";
}

// The farm's announced prefix widens as origin nodes are added: /20 for one node, /19 for
// two, /18 for three and four, /17 for five.
TEST(OriginFarm, AnnouncedPrefixHoldsEveryNode)
{
    Ptr<Node> core = CreateObject<Node>();
    InternetStackHelper().Install(core);
    OriginFarmHelper farm(core, {MilliSeconds(5)});
    farm.SetMaxServersPerNode(1);
    Ptr<compat::GlobalRouterV4> router = core->GetObject<compat::GlobalRouterV4>();
    ASSERT_TRUE(router);
    const std::vector<uint32_t> lengths = {20, 19, 18, 18, 17};
    for (uint32_t n = 0; n < lengths.size(); ++n)
    {
        farm.AddServer("www" + std::to_string(n), MilliSeconds(10));
        ASSERT_EQ(router->GetNInjectedRoutes(), 1u) << n + 1 << " nodes";
        const auto* r = router->GetInjectedRoute(0);
        EXPECT_EQ(r->GetDestNetwork(), Ipv4Address("10.128.0.0"));
        EXPECT_EQ(r->GetDestNetworkMask().GetPrefixLength(), lengths[n]) << n + 1 << " nodes";
    }
    Simulator::Destroy();
}

TEST(StaticRoutes, ModemBlocksThatDoNotFitAreFatal)
{
    EXPECT_DEATH(
        {
            ModemPoolHelper pool;
            pool.SetModemsPerTerminalServer((1u << 19) + 1); // blocks of 2^22 addresses
            pool.Install(1u << 20);
        },
        "do not fit in 10.64.0.0/10");
}

// Queue disciplines only where queues can form: the uplink (both ends) and the origin nodes'
// sides of their links. The modem links, the terminal-server ring and the core's sides of the
// farm links get none (a queue discipline there would only pass packets through).
TEST(ModemPool, QueueDisciplinesOnlyWhereQueuesForm)
{
    ModemPoolHelper pool;
    pool.SetModemsPerTerminalServer(2);
    pool.Install(4);
    OriginFarmHelper farm(pool.GetCore(), {MilliSeconds(5)});
    farm.AddServer("s0", MilliSeconds(10));
    auto root = [](Ptr<NetDevice> d)
    {
        return d->GetNode()->GetObject<TrafficControlLayer>()->GetRootQueueDiscOnDevice(d);
    };
    // Only the core's side of the uplink, where downloads queue, has a queue discipline.
    EXPECT_FALSE(root(pool.GetUplinkDevices().Get(0)));
    EXPECT_TRUE(root(pool.GetUplinkDevices().Get(1)));
    Ptr<Node> nas = pool.GetNas();
    // Routers are strong end systems (no scan of every interface per forwarded packet),
    // hosts keep ns-3's weak model.
    auto weak = [](Ptr<Node> n)
    {
        return !IsStrongEndSystem(n->GetObject<Ipv4>());
    };
    EXPECT_FALSE(weak(nas));
    EXPECT_FALSE(weak(pool.GetCore()));
    EXPECT_FALSE(weak(pool.GetModemDevices().Get(0)->GetChannel()->GetDevice(1)->GetNode()))
        << "terminal server";
    EXPECT_TRUE(weak(pool.GetModemDevices().Get(0)->GetNode())) << "modem";
    uint32_t ring = 0;
    for (uint32_t i = 0; i < nas->GetNDevices(); ++i)
    {
        Ptr<NetDevice> d = nas->GetDevice(i);
        if (DynamicCast<PointToPointNetDevice>(d) && d != pool.GetUplinkDevices().Get(0))
        {
            ++ring;
            EXPECT_FALSE(root(d)) << "ring device " << i;
        }
    }
    EXPECT_EQ(ring, 2u);
    for (uint32_t i = 0; i < pool.GetModemDevices().GetN(); ++i)
    {
        EXPECT_FALSE(root(pool.GetModemDevices().Get(i)));
    }
    Ptr<Node> origin = farm.GetNodes().Get(0);
    Ptr<NetDevice> originSide = origin->GetDevice(1);
    Ptr<Channel> link = originSide->GetChannel();
    Ptr<NetDevice> coreSide = link->GetDevice(link->GetDevice(0) == originSide ? 1 : 0);
    // The origin side queues only a sender's bursts, into a deep device FIFO.
    EXPECT_FALSE(root(originSide));
    EXPECT_FALSE(root(coreSide));
    EXPECT_EQ(DynamicCast<PointToPointNetDevice>(originSide)->GetQueue()->GetMaxSize(),
              QueueSize("1000p"));
    Simulator::Destroy();
}

/**
 * Two LANs (shared and switched) and two modem pools (one and three terminal servers) in one
 * scenario, all addressed from one plan's pool outside the helpers' fixed blocks: every
 * client is inside its own block, no two blocks overlap, and with static routes only (the
 * helpers' own, plus a hub that routes each population's blocks to its core) every request
 * reaches the farm and returns.
 */
TEST(AddressPlanPopulations, TwoLansAndTwoModemPoolsInOneScenario)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    AddressPlan plan;
    plan.AddPool("access", Ipv4Address("172.16.0.0"), 16);
    LanClientsHelper lanA;
    lanA.SetAddressPlan(plan, "lanA", "access");
    lanA.Install(3);
    LanClientsHelper lanB;
    lanB.SetSwitched(true);
    lanB.SetAddressPlan(plan, "lanB", "access");
    lanB.Install(2);
    ModemPoolHelper poolA;
    poolA.SetAddressPlan(plan, "poolA", "access");
    poolA.Install(2);
    ModemPoolHelper poolB;
    poolB.SetModemsPerTerminalServer(2);
    poolB.SetAddressPlan(plan, "poolB", "access");
    poolB.Install(5);
    ASSERT_EQ(poolB.GetTerminalServers().GetN(), 3u);

    // The hub: each population's core on a link of its own, the farm beside it.
    Ptr<Node> hub = CreateObject<Node>();
    InternetStackHelper().Install(hub);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    link.SetChannelAttribute("Delay", TimeValue(MicroSeconds(100)));
    const std::vector<std::pair<std::string, Ptr<Node>>> cores = {{"lanA", lanA.GetCore()},
                                                                  {"lanB", lanB.GetCore()},
                                                                  {"poolA", poolA.GetCore()},
                                                                  {"poolB", poolB.GetCore()}};
    // LinkTo with the plan: "<name>-access" from the helpers' pool, the core's device first.
    std::vector<NetDeviceContainer> access = {lanA.LinkTo(hub, link),
                                              lanB.LinkTo(hub, link),
                                              poolA.LinkTo(hub, link),
                                              poolB.LinkTo(hub, link)};
    for (size_t k = 0; k < cores.size(); ++k)
    {
        const std::string& name = cores[k].first;
        const NetDeviceContainer& d = access[k];
        ASSERT_EQ(d.Get(0)->GetNode(), cores[k].second) << name;
        EXPECT_EQ(plan.Get(name + "-access").pool, "access");
        StaticRouteHelper::AddRoute(d.Get(0), Ipv4Address::GetZero(), "0.0.0.0");
        for (const auto& b : plan.GetBlocks())
        {
            if (b.name.rfind(name + "/", 0) == 0)
            {
                StaticRouteHelper::AddRoute(d.Get(1), b.network, b.GetMask());
            }
        }
    }
    OriginFarmHelper farm(hub, {MilliSeconds(10)});
    farm.AddServer("s0", MilliSeconds(20));

    // Every block is the helper's own, and none overlaps another.
    const std::vector<AddressPlan::Block> blocks = plan.GetBlocks();
    ASSERT_EQ(blocks.size(), 4u * 2 + 1 + 4); // lan + uplink each, poolB's ring, 4 access links
    for (size_t i = 1; i < blocks.size(); ++i)
    {
        EXPECT_GE(blocks[i].network.Get(),
                  blocks[i - 1].network.Get() + uint64_t(blocks[i - 1].GetSize()))
            << blocks[i - 1].name << " overlaps " << blocks[i].name;
    }
    auto inside = [&plan](Ptr<Node> n, const std::string& block)
    {
        const AddressPlan::Block& b = plan.Get(block);
        const Ipv4Address a = n->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
        return a.CombineMask(b.GetMask()) == b.network;
    };
    NodeContainer clients;
    for (const auto& [helperClients, block] :
         std::vector<std::pair<NodeContainer, std::string>>{{lanA.GetClients(), "lanA/lan"},
                                                            {lanB.GetClients(), "lanB/lan"},
                                                            {poolA.GetModems(), "poolA/modems"},
                                                            {poolB.GetModems(), "poolB/modems"}})
    {
        for (uint32_t i = 0; i < helperClients.GetN(); ++i)
        {
            EXPECT_TRUE(inside(helperClients.Get(i), block)) << block << " client " << i;
        }
        clients.Add(helperClients);
    }

    std::vector<std::vector<TraceRecord>> perNode(clients.GetN());
    std::vector<TraceRecord> all;
    for (uint32_t c = 0; c < clients.GetN(); ++c)
    {
        perNode[c].push_back(Rec(0.1 * c, c, "s0", 2000 + 100 * c));
        all.push_back(perNode[c].back());
    }
    farm.AddObjects(all);
    std::vector<RequestRecord> out;
    Replay(clients, perNode, farm, &out);
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    Simulator::Destroy();
    ASSERT_EQ(out.size(), clients.GetN());
    for (const auto& r : out)
    {
        EXPECT_EQ(r.status, 200u);
        EXPECT_EQ(r.bodyBytes, r.contentLength) << r.url;
        EXPECT_GE(r.bodyBytes, 2000u) << r.url;
    }
}

namespace
{

/// Four clients on a shared LAN fetch one object each from the farm at the same instant (ARP
/// requests and CSMA contention on the segment), after the script has created `earlier` random
/// variables of its own. Returns each request's connection setup time, by client.
std::vector<double>
LanSetupTimes(bool assignStreams, uint32_t earlier)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    std::vector<Ptr<UniformRandomVariable>> scripts;
    for (uint32_t k = 0; k < earlier; ++k)
    {
        scripts.push_back(CreateObject<UniformRandomVariable>());
    }
    LanClientsHelper lan;
    lan.Install(4);
    OriginFarmHelper farm(lan.GetCore(), {MilliSeconds(10)});
    farm.AddServer("s0", MilliSeconds(20));
    std::vector<std::vector<TraceRecord>> perNode(4);
    std::vector<TraceRecord> all;
    for (uint32_t c = 0; c < 4; ++c)
    {
        perNode[c].push_back(Rec(0.1, c, "s0", 2000 + c));
        all.push_back(perNode[c].back());
    }
    farm.AddObjects(all);
    std::vector<RequestRecord> out;
    ApplicationContainer apps = Replay(lan.GetClients(), perNode, farm, &out);
    if (assignStreams)
    {
        int64_t stream = 100;
        stream += farm.AssignStreams(stream);
        stream += WebClientHelper::AssignStreams(apps, stream);
        stream += lan.AssignStreams(stream);
    }
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    Simulator::Destroy();
    std::vector<double> sync(4, -1);
    for (const auto& r : out)
    {
        EXPECT_EQ(r.status, 200u);
        sync.at(r.contentLength - 2000) = r.sync.GetSeconds();
    }
    return sync;
}

} // namespace

TEST(NetworkStreams, LanTimingDependsOnlyOnItsOwnStreams)
{
    // ARP's request jitter (0-10 ms) delays each client's first packet. Left to automatic
    // streams, its draws depend on how many variables were created before in the process.
    const std::vector<double> automaticA = LanSetupTimes(false, 0);
    const std::vector<double> automaticB = LanSetupTimes(false, 3);
    EXPECT_NE(automaticA, automaticB);
    // With the LAN's own streams, the script's variables and the earlier runs change nothing.
    const std::vector<double> fixedA = LanSetupTimes(true, 0);
    const std::vector<double> fixedB = LanSetupTimes(true, 3);
    EXPECT_EQ(fixedA, fixedB);
    for (double s : fixedA)
    {
        // 2.5 ms LAN RTT + 2 ms T1 + 20 ms to the server, the ARP exchanges on the segment
        // (one LAN RTT each way, after 0-10 ms of jitter each) and four clients' contention.
        EXPECT_GE(s, 0.0245);
        EXPECT_LE(s, 0.0245 + 0.002 + 2 * (0.0025 + 0.010) + 0.005);
    }
}

TEST(NetworkStreams, HelpersRefuseBeforeInstall)
{
    EXPECT_DEATH(LanClientsHelper().AssignStreams(1), "call Install first");
    EXPECT_DEATH(ModemPoolHelper().AssignStreams(1), "call Install first");
}

// An access router at a PoP with its customers on segments of at most SegmentSize: 70 clients
// at 32 give 3 segments of 24, 23 and 23, each a named block of the plan with the router
// first; the router's link to the PoP is "<name>-access". Every client reaches an origin
// beyond the PoP, by its default route to the router's port on its segment (static routing,
// no part in global routing) or, with SetStaticRouting(false), by global routing; a script's
// own nodes can be the clients.
TEST(AccessRouter, SplitsClientsIntoSegmentsThatReachThePop)
{
    for (auto [own, staticRouting] : {std::pair{false, true}, {true, true}, {false, false}})
    {
        SCOPED_TRACE("own=" + std::to_string(own) + " static=" + std::to_string(staticRouting));
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        Ptr<Node> pop = CreateObject<Node>();
        InternetStackHelper().Install(pop);
        AddressPlan plan;
        plan.AddPool("sites", Ipv4Address("10.200.0.0"), 16);
        AccessRouterHelper helper;
        helper.SetSegmentSize(32);
        helper.SetStaticRouting(staticRouting);
        helper.SetAddressPlan(plan, "ic", "sites");
        NodeContainer mine(own ? 3 : 0);
        if (own)
        {
            helper.Install(pop, mine);
        }
        else
        {
            helper.Install(pop, 70);
        }
        const NodeContainer clients = helper.GetClients();
        ASSERT_EQ(clients.GetN(), own ? 3u : 70u);
        if (own)
        {
            EXPECT_EQ(clients.Get(0), mine.Get(0));
        }
        const std::vector<uint32_t> sizes
            = own ? std::vector<uint32_t>{3} : std::vector<uint32_t>{24, 23, 23};
        ASSERT_EQ(helper.GetSegmentPorts().GetN(), sizes.size());
        EXPECT_EQ(plan.Get("ic-access").prefix, 30u);
        uint32_t next = 0;
        for (uint32_t j = 0; j < sizes.size(); ++j)
        {
            const std::string name = j == 0 ? "ic-lan" : "ic-lan-" + std::to_string(j + 1);
            const AddressPlan::Block b = plan.Get(name);
            EXPECT_EQ(b.prefix, 24u) << name;
            // The router's port holds the block's first address, then its clients.
            Ptr<NetDevice> port = helper.GetSegmentPorts().Get(j);
            EXPECT_EQ(port->GetChannel()->GetNDevices(), sizes[j] + 1) << name;
            Ptr<Ipv4> rip = helper.GetRouter()->GetObject<Ipv4>();
            EXPECT_EQ(rip->GetAddress(rip->GetInterfaceForDevice(port), 0).GetLocal(),
                      Ipv4Address(b.network.Get() + 1))
                << name;
            if (j == 0)
            {
                EXPECT_EQ(helper.GetRouterAddress(), Ipv4Address(b.network.Get() + 1));
            }
            for (uint32_t i = 0; i < sizes[j]; ++i, ++next)
            {
                Ptr<Ipv4> ip = clients.Get(next)->GetObject<Ipv4>();
                ASSERT_EQ(ip->GetNInterfaces(), 2u); // loopback and the segment
                EXPECT_TRUE(ip->GetAddress(1, 0).GetLocal().CombineMask(b.GetMask()) == b.network)
                    << name << " client " << i;
                EXPECT_EQ(clients.Get(next)->GetObject<compat::GlobalRouterV4>() == nullptr,
                          staticRouting)
                    << name << " client " << i;
                if (staticRouting)
                {
                    // One default route, through the router's port on this segment.
                    Ptr<Ipv4StaticRouting> routes = Ipv4StaticRoutingHelper().GetStaticRouting(ip);
                    ASSERT_TRUE(routes) << name << " client " << i;
                    uint32_t defaults = 0;
                    for (uint32_t r = 0; r < routes->GetNRoutes(); ++r)
                    {
                        const Ipv4RoutingTableEntry e = routes->GetRoute(r);
                        if (e.IsDefault())
                        {
                            ++defaults;
                            EXPECT_EQ(e.GetGateway(), Ipv4Address(b.network.Get() + 1));
                            EXPECT_EQ(e.GetInterface(), 1u);
                        }
                    }
                    EXPECT_EQ(defaults, 1u) << name << " client " << i;
                }
            }
        }
        // One request from the first and the last client to an origin beyond the PoP.
        OriginFarmHelper farm(pop, {MilliSeconds(10)});
        farm.SetStaticRouting(false);
        farm.AddServer("s0", MilliSeconds(20));
        NodeContainer two(clients.Get(0), clients.Get(clients.GetN() - 1));
        std::vector<std::vector<TraceRecord>> perNode{{Rec(0.1, 0, "s0", 3000)},
                                                      {Rec(0.2, 1, "s0", 3000)}};
        farm.AddObjects({perNode[0][0], perNode[1][0]});
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        std::vector<RequestRecord> out;
        Replay(two, perNode, farm, &out);
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        Simulator::Destroy();
        ASSERT_EQ(out.size(), 2u) << "own=" << own;
        for (const auto& r : out)
        {
            EXPECT_EQ(r.status, 200u);
            EXPECT_FALSE(r.failed) << r.error;
        }
    }
}

TEST(AccessRouter, MisuseIsANamedError)
{
    AccessRouterHelper noPlan;
    Ptr<Node> pop = CreateObject<Node>();
    EXPECT_DEATH(noPlan.Install(pop, 2), "SetAddressPlan before Install");
    AccessRouterHelper helper;
    EXPECT_DEATH(helper.SetSegmentSize(0), "at least one client");
    AddressPlan plan;
    plan.AddPool("sites", Ipv4Address("10.200.0.0"), 16);
    helper.SetAddressPlan(plan, "ic", "sites");
    EXPECT_DEATH(helper.Install(pop, 0), "no clients");
    Simulator::Destroy();
}
