/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * DepotSiteHelper: two depot clusters from one address plan, each serving its own clients,
 * and one site's failover that leaves the other alone.
 */

#include "../cross-node-check.h"

#include "ns3/address-plan.h"
#include "ns3/core-module.h"
#include "ns3/depot-site-helper.h"
#include "ns3/depot-standby.h"
#include "ns3/depot.h"
#include "ns3/fault-injection-helper.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/origin-farm-helper.h"
#include "ns3/point-to-point-module.h"
#include "ns3/proxy-cache-helper.h"
#include "ns3/trace-replay-helper.h"
#include "ns3/web-client.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

/// What a two-site run gave.
struct TwoSitesRun
{
    std::vector<DepotSiteHelper::Site> sites;
    AddressPlan plan;
    std::vector<std::vector<RequestRecord>> done{2};             //!< per site's client
    std::vector<uint32_t> results = std::vector<uint32_t>(4, 0); //!< per site and proxy
    std::vector<std::vector<Time>> failovers{2}; //!< per site: when its backup took over
    std::vector<std::string> crossNode;          //!< CrossNodeReferences before the run
};

/**
 * Two sites ("north", "south") of two proxies at one hub router, a client per site on a link
 * of its own sending 12 requests (0.5 s apart from 1 s, distinct objects) to its site's VIP,
 * an origin beside the hub.
 * \param crashNorthAt when north's master depot crashes (zero: never)
 */
TwoSitesRun
RunTwoSites(Time crashNorthAt)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    TwoSitesRun run;
    AddressPlan& plan = run.plan;
    plan.AddPool("access", Ipv4Address("172.16.0.0"), 16);
    plan.AddPool("sites", Ipv4Address("10.200.0.0"), 16);
    Ptr<Node> hub = CreateObject<Node>();
    InternetStackHelper().Install(hub);
    NodeContainer clients(2);
    InternetStackHelper().Install(clients);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    link.SetChannelAttribute("Delay", TimeValue(MilliSeconds(2)));
    for (uint32_t c = 0; c < 2; ++c)
    {
        plan.Allocate("access", "client" + std::to_string(c), 30)
            .MakeHelper()
            .Assign(link.Install(hub, clients.Get(c)));
    }
    OriginFarmHelper farm(hub, {MilliSeconds(10)}, Ipv4Address("10.128.0.0"));
    farm.AddServer("s0", MilliSeconds(20));
    auto resolve = [&farm](const std::string& h)
    {
        return farm.Resolve(h);
    };
    ProxyCacheHelper proxies(3128);
    proxies.SetResolver(resolve);
    DepotSiteHelper helper;
    helper.SetProxyCount(2);
    helper.SetProxyHelper(proxies);
    helper.AddOutboundRoute(Ipv4Address("10.128.0.0"), Ipv4Mask("/12"));
    run.sites = {helper.Install(hub, plan, "north", "sites"),
                 helper.Install(hub, plan, "south", "sites")};
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    std::vector<TraceRecord> all;
    for (uint32_t s = 0; s < 2; ++s)
    {
        for (uint32_t i = 0; i < 2; ++i)
        {
            run.sites[s].proxyApps.Get(i)->TraceConnectWithoutContext(
                "CacheResult",
                MakeBoundCallback(
                    +[](uint32_t* n, const std::string&, const std::string&, uint64_t) { ++*n; },
                    &run.results[2 * s + i]));
        }
        run.sites[s].standbys[1]->TraceConnectWithoutContext(
            "Failover",
            MakeBoundCallback(
                +[](std::vector<Time>* v, Time) { v->push_back(Simulator::Now()); },
                &run.failovers[s]));
        std::vector<TraceRecord> mine;
        for (uint32_t r = 0; r < 12; ++r)
        {
            TraceRecord t;
            t.time = Seconds(1 + 0.5 * r);
            t.client = s;
            t.server = "s0";
            t.path = "/site" + std::to_string(s) + "/o" + std::to_string(r);
            t.size = 3000 + 100 * s;
            t.received = t.size;
            mine.push_back(t);
            all.push_back(t);
        }
        TraceReplayHelper replay(resolve);
        replay.SetClientAttribute("Proxy", AddressValue(InetSocketAddress(run.sites[s].vip, 3128)));
        replay.SetClientAttribute("ResponseTimeout", TimeValue(Seconds(5)));
        ApplicationContainer app = replay.Install(NodeContainer(clients.Get(s)), {mine});
        app.Get(0)->TraceConnectWithoutContext(
            "RequestComplete",
            MakeBoundCallback(
                +[](std::vector<RequestRecord>* v, const RequestRecord& r) { v->push_back(r); },
                &run.done[s]));
    }
    farm.AddObjects(all);
    FaultInjectionHelper faults;
    if (!crashNorthAt.IsZero())
    {
        faults.Crash(run.sites[0].depots.Get(0), crashNorthAt);
    }
    run.crossNode = test::CrossNodeReferences();
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    Simulator::Destroy();
    return run;
}

} // namespace

TEST(DepotSiteHelper, TwoSitesFromOnePlanEachServeTheirOwnClients)
{
    const TwoSitesRun run = RunTwoSites(Time());
    const auto& sites = run.sites;
    // The blocks: two /24s per site, in order, none overlapping; the VIP and the gateway are
    // .100 of their LANs, the router .1.
    const std::vector<std::string> names
        = {"north/lan-a", "north/lan-b", "south/lan-a", "south/lan-b"};
    for (uint32_t i = 0; i < names.size(); ++i)
    {
        const AddressPlan::Block& b = run.plan.Get(names[i]);
        EXPECT_EQ(b.prefix, 24u) << names[i];
        EXPECT_EQ(b.network, Ipv4Address(0x0ac80000 + (i << 8))) << names[i];
    }
    EXPECT_EQ(sites[0].vip, Ipv4Address("10.200.0.100"));
    EXPECT_EQ(sites[0].gateway, Ipv4Address("10.200.1.100"));
    EXPECT_EQ(sites[1].vip, Ipv4Address("10.200.2.100"));
    EXPECT_EQ(sites[1].gateway, Ipv4Address("10.200.3.100"));
    for (const auto& s : sites)
    {
        ASSERT_EQ(s.depots.GetN(), 2u);
        ASSERT_EQ(s.proxies.GetN(), 2u);
        ASSERT_EQ(s.proxyApps.GetN(), 2u);
        ASSERT_EQ(s.depotApps.size(), 2u);
        ASSERT_EQ(s.standbys.size(), 2u);
        EXPECT_EQ(s.port, 3128);
        EXPECT_EQ(s.standbys[0]->GetRole(), DepotStandby::MASTER);
        EXPECT_EQ(s.standbys[1]->GetRole(), DepotStandby::BACKUP);
    }
    EXPECT_EQ(run.crossNode, std::vector<std::string>{});
    for (uint32_t s = 0; s < 2; ++s)
    {
        ASSERT_EQ(run.done[s].size(), 12u) << "site " << s;
        for (const auto& r : run.done[s])
        {
            EXPECT_FALSE(r.failed) << r.url << ": " << r.error;
            EXPECT_EQ(r.status, 200u) << r.url;
            EXPECT_EQ(r.bodyBytes, 3000u + 100 * s) << r.url;
        }
        // Round robin over the site's own two proxies: 6 requests each, none at the other
        // site.
        EXPECT_EQ(run.results[2 * s], 6u) << "site " << s;
        EXPECT_EQ(run.results[2 * s + 1], 6u) << "site " << s;
        EXPECT_TRUE(run.failovers[s].empty()) << "site " << s;
    }
}

TEST(DepotSiteHelper, OneSitesFailoverLeavesTheOtherAlone)
{
    // North's master crashes between two requests; its backup takes the VIP over after the
    // standby's dead time, and north's later requests go through it.
    const Time crash = Seconds(2.2);
    const TwoSitesRun run = RunTwoSites(crash);
    ASSERT_EQ(run.failovers[0].size(), 1u);
    const Time takeover = run.failovers[0][0];
    // The backup hears its last heartbeat within one interval before the crash and takes
    // over DeadTime after it (defaults: 1 s, 3 s).
    TimeValue dead;
    TimeValue heartbeat;
    run.sites[0].standbys[1]->GetAttribute("DeadTime", dead);
    run.sites[0].standbys[1]->GetAttribute("HeartbeatInterval", heartbeat);
    EXPECT_GT(takeover, crash + dead.Get() - heartbeat.Get());
    EXPECT_LE(takeover, crash + dead.Get() + MilliSeconds(1));
    EXPECT_TRUE(run.failovers[1].empty());
    EXPECT_EQ(run.sites[0].standbys[1]->GetRole(), DepotStandby::MASTER);
    EXPECT_EQ(run.sites[1].standbys[0]->GetRole(), DepotStandby::MASTER);
    // Every request completes: those sent to north during the outage wait for the backup
    // (the client's SYN retransmission) and the rest of north's queue after them; south's
    // never wait.
    uint32_t spanned = 0;
    for (uint32_t s = 0; s < 2; ++s)
    {
        ASSERT_EQ(run.done[s].size(), 12u) << "site " << s;
        for (const auto& r : run.done[s])
        {
            EXPECT_FALSE(r.failed) << "site " << s << " " << r.url << ": " << r.error;
            EXPECT_EQ(r.status, 200u) << r.url;
            if (s == 1)
            {
                EXPECT_LT(r.total, MilliSeconds(200)) << r.url;
            }
            spanned += s == 0 && r.issued < takeover && r.issued + r.total > takeover;
        }
    }
    EXPECT_GE(spanned, 1u);
    EXPECT_EQ(run.results[0] + run.results[1], 12u);
    EXPECT_EQ(run.results[2] + run.results[3], 12u);
}

TEST(DepotSiteHelper, BadProxyCountsAreRefused)
{
    DepotSiteHelper helper;
    EXPECT_THROW(helper.SetProxyCount(0), std::invalid_argument);
    EXPECT_THROW(helper.SetProxyCount(97), std::invalid_argument);
    EXPECT_NO_THROW(helper.SetProxyCount(96));
}

TEST(DepotSiteHelper, ASiteThatDoesNotFitInItsPoolIsAnAddressPlanError)
{
    AddressPlan plan;
    plan.AddPool("small", Ipv4Address("10.200.0.0"), 24); // room for LAN A only
    Ptr<Node> router = CreateObject<Node>();
    InternetStackHelper().Install(router);
    EXPECT_THROW(DepotSiteHelper().Install(router, plan, "x", "small"), AddressPlanError);
    Simulator::Destroy();
}
