/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * InternetEdgeHelper: [Depot] Fig. 4's two designs built onto a script's nodes,
 * client -- proxy -- firewall node -- origin (and the parent's host off the firewall node).
 * Requests end as they must in each design; the firewall drops nothing of theirs; a proxy
 * not given the exit is stopped by rule DENY_OUT.
 */
#include "../cross-node-check.h"
#include "../proxy-fixture.h"

#include "ns3/internet-edge-helper.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::test;

namespace
{

/// client -- proxy -- edge (firewall) -- origin; parent host on the edge node when asked.
struct EdgeNet
{
    Ptr<Node> client = CreateObject<Node>();
    Ptr<Node> proxyNode = CreateObject<Node>();
    Ptr<Node> edgeNode = CreateObject<Node>();
    Ptr<Node> originNode = CreateObject<Node>();
    Ptr<Node> parentHost; //!< parent design only
    Ipv4Address proxyIp;  //!< proxy, client side
    Ipv4Address edgeOutside;
    Ipv4Address originIp;
    Ipv4Address parentIp;
    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    std::vector<RequestRecord> records;
    std::vector<Ipv4Address> originFrom; //!< sender of each request the origin received
    std::vector<int32_t> dropRules;      //!< rule of each packet the firewall dropped

    explicit EdgeNet(bool withParent)
    {
        InternetStackHelper stack;
        stack.Install(NodeContainer(client, proxyNode, edgeNode, originNode));
        PointToPointHelper link;
        link.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        link.SetChannelAttribute("Delay", StringValue("2ms"));
        proxyIp = Ipv4AddressHelper("10.1.0.0", "255.255.255.0")
                      .Assign(link.Install(client, proxyNode))
                      .GetAddress(1);
        // The edge node's first link is its inside interface (1).
        Ipv4AddressHelper("10.3.0.0", "255.255.255.0").Assign(link.Install(proxyNode, edgeNode));
        Ipv4InterfaceContainer o = Ipv4AddressHelper("10.2.0.0", "255.255.255.0")
                                       .Assign(link.Install(edgeNode, originNode));
        edgeOutside = o.GetAddress(0);
        originIp = o.GetAddress(1);
        if (withParent)
        {
            parentHost = CreateObject<Node>();
            stack.Install(parentHost);
            parentIp = Ipv4AddressHelper("10.4.0.0", "255.255.255.0")
                           .Assign(link.Install(edgeNode, parentHost))
                           .GetAddress(1);
        }
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        for (const char* path : {"/a", "/b"})
        {
            catalog->Add(path, 5000, Seconds(-3600));
        }
        OriginServerHelper oh(80);
        oh.SetCatalog(catalog);
        oh.Install(originNode)
            .Get(0)
            ->TraceConnectWithoutContext("Request", MakeCallback(&EdgeNet::OriginRequest, this));
    }

    Address Resolve(const std::string& host) const
    {
        return host == "www.example.com" ? Address(InetSocketAddress(originIp, 80)) : Address();
    }

    InternetEdgeHelper::Edge Install(InternetEdgeHelper::Design design)
    {
        InternetEdgeHelper eh;
        eh.SetDesign(design);
        eh.SetParentResolver([this](const std::string& h) { return Resolve(h); });
        InternetEdgeHelper::Edge edge = eh.Install(edgeNode, parentHost);
        edge.firewall->TraceConnectWithoutContext("Drop", MakeCallback(&EdgeNet::Dropped, this));
        return edge;
    }

    void InstallProxyAndClient(const InternetEdgeHelper::Edge* edge)
    {
        ProxyCacheHelper ph;
        ph.SetResolver([this](const std::string& h) { return Resolve(h); });
        if (edge)
        {
            edge->ConfigureProxies(ph);
        }
        ph.Install(proxyNode);
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (const char* path : {"/a", "/b", "/a"})
        {
            WebRequest r;
            r.host = "www.example.com";
            r.path = path;
            src->Add(r);
        }
        WebClientHelper helper;
        helper.SetAttribute("Proxy", AddressValue(InetSocketAddress(proxyIp, 3128)));
        helper.Install(client, src)
            .Get(0)
            ->TraceConnectWithoutContext("RequestComplete", MakeCallback(&EdgeNet::Record, this));
    }

    /// \return whether the three requests completed with 200 and the whole body
    bool RunAndExpectThreeFetches()
    {
        Simulator::Stop(Seconds(100));
        Simulator::Run();
        EXPECT_EQ(records.size(), 3u);
        for (const auto& r : records)
        {
            EXPECT_FALSE(r.failed) << r.error;
            EXPECT_EQ(r.status, 200u);
            EXPECT_EQ(r.bodyBytes, 5000u);
        }
        return records.size() == 3 && !::testing::Test::HasFailure();
    }

    void Record(const RequestRecord& r)
    {
        records.push_back(r);
    }

    void OriginRequest(const HttpRequestHeader&, const Address& from)
    {
        originFrom.push_back(InetSocketAddress::ConvertFrom(from).GetIpv4());
    }

    void Dropped(Ptr<const Packet>, const Ipv4Header&, int32_t rule)
    {
        dropRules.push_back(rule);
    }
};

class InternetEdgeHelperTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }

    void TearDown() override
    {
        Simulator::Destroy();
    }
};

TEST_F(InternetEdgeHelperTest, SocksDesignReachesTheOriginThroughTheGateway)
{
    EdgeNet net(false);
    const auto edge = net.Install(InternetEdgeHelper::SOCKS_GATEWAY);
    ASSERT_TRUE(edge.gateway);
    EXPECT_FALSE(edge.parent);
    EXPECT_EQ(edge.proxyAttribute, "SocksGateway");
    EXPECT_EQ(edge.exit.GetIpv4(), Ipv4Address("10.3.0.2")); // the inside interface
    EXPECT_EQ(edge.exit.GetPort(), 1080);
    net.InstallProxyAndClient(&edge);
    const std::vector<std::string> crossNode = CrossNodeReferences();
    EXPECT_TRUE(crossNode.empty()) << crossNode.size() << " problems, first: " << crossNode[0];
    ASSERT_TRUE(net.RunAndExpectThreeFetches());
    // The proxy caches /a: two requests reach the origin, from the gateway's outside address.
    ASSERT_EQ(net.originFrom.size(), 2u);
    for (const auto& a : net.originFrom)
    {
        EXPECT_EQ(a, net.edgeOutside);
    }
    EXPECT_GE(edge.gateway->GetCounters().connected, 1u);
    EXPECT_TRUE(net.dropRules.empty());
    EXPECT_GT(edge.firewall->GetRuleHits(InternetEdgeHelper::EXIT_RULE), 0u);
    EXPECT_EQ(edge.firewall->GetRuleHits(InternetEdgeHelper::DENY_OUT), 0u);
}

TEST_F(InternetEdgeHelperTest, ParentDesignSendsTheMissesToTheParent)
{
    EdgeNet net(true);
    const auto edge = net.Install(InternetEdgeHelper::PARENT_PROXY);
    ASSERT_TRUE(edge.parent);
    EXPECT_FALSE(edge.gateway);
    EXPECT_EQ(edge.proxyAttribute, "Parent");
    EXPECT_EQ(edge.exit.GetIpv4(), net.parentIp);
    EXPECT_EQ(edge.exit.GetPort(), 3128);
    net.InstallProxyAndClient(&edge);
    ASSERT_TRUE(net.RunAndExpectThreeFetches());
    // The inside proxy's two misses go to the parent, which asks the origin, crossing the
    // firewall node between two outside interfaces (rule PARENT_OUT).
    EXPECT_EQ(edge.parent->GetCounters().forwarded, 2u);
    ASSERT_EQ(net.originFrom.size(), 2u);
    for (const auto& a : net.originFrom)
    {
        EXPECT_EQ(a, net.parentIp);
    }
    EXPECT_TRUE(net.dropRules.empty());
    EXPECT_GT(edge.firewall->GetRuleHits(InternetEdgeHelper::EXIT_RULE), 0u);
    EXPECT_GT(edge.firewall->GetRuleHits(InternetEdgeHelper::PARENT_OUT), 0u);
    EXPECT_EQ(edge.firewall->GetRuleHits(InternetEdgeHelper::DENY_OUT), 0u);
}

TEST_F(InternetEdgeHelperTest, AProxyNotGivenTheExitIsDenied)
{
    for (auto design : {InternetEdgeHelper::SOCKS_GATEWAY, InternetEdgeHelper::PARENT_PROXY})
    {
        EdgeNet net(design == InternetEdgeHelper::PARENT_PROXY);
        const auto edge = net.Install(design);
        net.InstallProxyAndClient(nullptr); // straight to the origin
        // Each request waits for the proxy to give up connecting (its SYNs are dropped).
        Simulator::Stop(Seconds(1000));
        Simulator::Run();
        ASSERT_EQ(net.records.size(), 3u) << design;
        for (const auto& r : net.records)
        {
            EXPECT_TRUE(r.failed) << design;
            EXPECT_EQ(r.status, 504u) << design;
        }
        EXPECT_TRUE(net.originFrom.empty()) << design;
        ASSERT_FALSE(net.dropRules.empty()) << design;
        for (int32_t rule : net.dropRules)
        {
            EXPECT_EQ(rule, int32_t(InternetEdgeHelper::DENY_OUT)) << design;
        }
        Simulator::Destroy();
    }
}

TEST_F(InternetEdgeHelperTest, DesignNamesAndMisuse)
{
    EXPECT_EQ(InternetEdgeHelper::ParseDesign("socks"), InternetEdgeHelper::SOCKS_GATEWAY);
    EXPECT_EQ(InternetEdgeHelper::ParseDesign("parent"), InternetEdgeHelper::PARENT_PROXY);
    try
    {
        InternetEdgeHelper::ParseDesign("vpn");
        ADD_FAILURE() << "no error";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_STREQ(e.what(), "unknown edge design 'vpn' (valid: socks, parent)");
    }
    EXPECT_DEATH(
        {
            EdgeNet net(false);
            InternetEdgeHelper eh;
            eh.SetDesign(InternetEdgeHelper::PARENT_PROXY);
            eh.Install(net.edgeNode);
        },
        "the parent design needs the parent's host");
    EXPECT_DEATH(
        {
            Ptr<Node> bare = CreateObject<Node>();
            InternetEdgeHelper().Install(bare);
        },
        "has no addressed inside interface 1");
}

} // namespace
