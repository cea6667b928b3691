/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Transparent interception (issue 18): a backbone node redirects the port-80 connections
 * that pass through it to its own intercepting ProxyCache ([ProxyTeller]'s ISP proxies); the
 * clients believe they talk to the origin.
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/proxy-router.h"
#include "ns3/web-proxy-module.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// client -- router (interceptor + proxy) -- origin node (servers on ports 80 and 8080).
struct InterceptBed
{
    Ptr<Node> client = CreateObject<Node>();
    Ptr<Node> router = CreateObject<Node>();
    Ptr<Node> origin = CreateObject<Node>();
    Ipv4Address routerClientSide;
    Ipv4Address routerOriginSide;
    Ipv4Address clientIp;
    Ipv4Address originIp;
    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    Ptr<ProxyCache> proxy;
    Ptr<TransparentInterceptor> interceptor;
    std::vector<RequestRecord> records;
    std::vector<std::string> xcache;
    /// (port of the origin server, address the request came from)
    std::vector<std::pair<uint16_t, Ipv4Address>> originRequests;

    explicit InterceptBed(bool intercept = true)
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        InternetStackHelper stack;
        stack.Install(client);
        stack.Install(router);
        stack.Install(origin);
        PointToPointHelper link;
        link.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        link.SetChannelAttribute("Delay", StringValue("2ms"));
        Ipv4InterfaceContainer a
            = Ipv4AddressHelper("10.1.0.0", "255.255.255.0").Assign(link.Install(client, router));
        Ipv4InterfaceContainer b
            = Ipv4AddressHelper("10.2.0.0", "255.255.255.0").Assign(link.Install(router, origin));
        clientIp = a.GetAddress(0);
        routerClientSide = a.GetAddress(1);
        routerOriginSide = b.GetAddress(0);
        originIp = b.GetAddress(1);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        catalog->Add("/a", 20000, Seconds(-3600));
        for (uint16_t port : {80, 8080})
        {
            OriginServerHelper h(port);
            h.SetCatalog(catalog);
            Ptr<Application> app = h.Install(origin).Get(0);
            app->TraceConnectWithoutContext(
                "Request", MakeBoundCallback(&InterceptBed::OriginRequest, this, port));
        }
        ProxyCacheHelper ph;
        ph.SetAttribute("Intercepting", BooleanValue(true));
        const Ipv4Address o80 = originIp;
        ph.SetResolver(
            [o80](const std::string& host) -> Address {
                return host == "www.example.com" ? Address(InetSocketAddress(o80, 80)) : Address();
            });
        proxy = DynamicCast<ProxyCache>(ph.Install(router).Get(0));
        if (intercept)
        {
            interceptor = TransparentInterceptionHelper().Install(NodeContainer(router))[0];
        }
    }

    static void OriginRequest(InterceptBed* bed,
                              uint16_t port,
                              const HttpRequestHeader&,
                              const Address& from)
    {
        bed->originRequests.emplace_back(port, InetSocketAddress::ConvertFrom(from).GetIpv4());
    }

    /// A direct (proxy-less) client fetching /a from the origin's port, times times.
    void AddClient(uint16_t port, uint32_t times)
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (uint32_t i = 0; i < times; ++i)
        {
            WebRequest r;
            r.host = "www.example.com";
            r.path = "/a";
            r.server = InetSocketAddress(originIp, port);
            r.thinkTime = Seconds(1);
            src->Add(r);
        }
        Ptr<Application> c = WebClientHelper().Install(client, src).Get(0);
        c->TraceConnectWithoutContext("RequestComplete", MakeCallback(&InterceptBed::Record, this));
        c->TraceConnectWithoutContext("ResponseReceived",
                                      MakeCallback(&InterceptBed::Response, this));
    }

    void Record(const RequestRecord& r)
    {
        records.push_back(r);
    }

    void Response(const HttpResponseHeader& h, const Address&)
    {
        xcache.emplace_back(h["X-Cache"]);
    }

    void Run(Time stop = Seconds(30))
    {
        Simulator::Stop(stop);
        Simulator::Run();
        Simulator::Destroy();
    }
};

} // namespace

// The client connects to origin:80; the router's proxy answers (MISS, then HIT), and the
// origin sees one request, from the router.
TEST(TransparentInterception, PortEightyGoesToTheProxy)
{
    InterceptBed bed;
    bed.AddClient(80, 2);
    Ptr<TransparentInterceptor> ti = bed.interceptor;
    bed.Run();
    ASSERT_EQ(bed.records.size(), 2u);
    for (const auto& r : bed.records)
    {
        EXPECT_FALSE(r.failed) << r.error;
        EXPECT_EQ(r.status, 200u);
        EXPECT_EQ(r.bodyBytes, 20000u);
        // The client believes it talked to the origin.
        EXPECT_EQ(r.peer, "10.2.0.2:80");
    }
    EXPECT_EQ(bed.xcache, (std::vector<std::string>{"MISS", "HIT"}));
    EXPECT_EQ(bed.records[0].cacheStatus, "MISS");
    EXPECT_EQ(bed.records[1].cacheStatus, "HIT");
    ASSERT_EQ(bed.originRequests.size(), 1u);
    EXPECT_EQ(bed.originRequests[0].first, 80);
    EXPECT_EQ(bed.originRequests[0].second, bed.routerOriginSide);
    // One persistent connection carried both requests.
    EXPECT_EQ(ti->GetCounters().connections, 1u);
    EXPECT_GT(ti->GetCounters().toClient, 0u);
}

// With checksums on, the rewritten segments carry valid TCP checksums both ways (ns-3's TCP
// drops a segment whose checksum fails, and the fetches would not complete).
TEST(TransparentInterception, ChecksumsStayValid)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    InterceptBed bed;
    bed.AddClient(80, 2);
    Ptr<TransparentInterceptor> ti = bed.interceptor;
    bed.Run();
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    ASSERT_EQ(bed.records.size(), 2u);
    for (const auto& r : bed.records)
    {
        EXPECT_FALSE(r.failed) << r.error;
    }
    EXPECT_EQ(bed.xcache, (std::vector<std::string>{"MISS", "HIT"}));
    EXPECT_EQ(bed.records[0].cacheStatus, "MISS");
    EXPECT_EQ(bed.records[1].cacheStatus, "HIT");
    EXPECT_EQ(bed.originRequests.size(), 1u);
    EXPECT_EQ(ti->GetCounters().connections, 1u);
}

// Port 8080 passes the router untouched: the origin answers the client itself.
TEST(TransparentInterception, OtherPortsPass)
{
    InterceptBed bed;
    bed.AddClient(8080, 2);
    Ptr<TransparentInterceptor> ti = bed.interceptor;
    bed.Run();
    ASSERT_EQ(bed.records.size(), 2u);
    for (const auto& r : bed.records)
    {
        EXPECT_FALSE(r.failed) << r.error;
    }
    ASSERT_EQ(bed.originRequests.size(), 2u);
    for (const auto& [port, from] : bed.originRequests)
    {
        EXPECT_EQ(port, 8080);
        EXPECT_EQ(from, bed.clientIp);
    }
    EXPECT_EQ(ti->GetCounters().connections, 0u);
    EXPECT_EQ(ti->GetCounters().toProxy, 0u);
}

// Flush() forgets the redirected connections. Flushed when the first request completes, the
// client's second request on its persistent connection (not an opening SYN) goes on to the
// origin, whose TCP knows no such connection and resets it; the origin sees no request from
// the client on port 80 and the proxy gets no second one.
TEST(TransparentInterception, FlushForgetsConnections)
{
    InterceptBed bed;
    bed.AddClient(80, 2);
    Ptr<TransparentInterceptor> ti = bed.interceptor;
    std::vector<uint32_t> entries;
    uint64_t toProxyAtFlush = 0;
    // Connected after AddClient: the bed's own Record sees the completion first.
    Config::ConnectWithoutContextFailSafe(
        "/NodeList/*/ApplicationList/*/$ns3::WebClient/RequestComplete",
        MakeBoundCallback(
            +[](Ptr<TransparentInterceptor> t,
                std::vector<uint32_t>* e,
                uint64_t* at,
                const RequestRecord&)
            {
                if (e->empty())
                {
                    e->push_back(t->GetNEntries());
                    *at = t->GetCounters().toProxy;
                    t->Flush();
                    e->push_back(t->GetNEntries());
                }
            },
            ti,
            &entries,
            &toProxyAtFlush));
    bed.Run(Seconds(400));
    EXPECT_EQ(entries, (std::vector<uint32_t>{1, 0}));
    ASSERT_EQ(bed.records.size(), 2u);
    EXPECT_FALSE(bed.records[0].failed) << bed.records[0].error;
    // The origin's TCP drops the second request's segments (ns-3's listening socket ignores a
    // segment without SYN), so the client's TCP retransmits until it gives up: 6 retries
    // with a doubling RTO of at least 1 s take at least 1 + 2 + ... + 32 = 63 s. The client
    // then retries on a new connection, whose SYN is intercepted again, and the proxy
    // answers from its cache, before ResponseTimeout (300 s).
    const RequestRecord& second = bed.records[1];
    EXPECT_FALSE(second.failed) << second.error;
    EXPECT_GT((second.issued + second.total).GetSeconds(), 63 + 2);
    EXPECT_LT(second.total.GetSeconds(), 300);
    EXPECT_EQ(bed.xcache, (std::vector<std::string>{"MISS", "HIT"}));
    EXPECT_EQ(bed.records[0].cacheStatus, "MISS");
    EXPECT_EQ(bed.records[1].cacheStatus, "HIT");
    EXPECT_EQ(ti->GetCounters().connections, 2u);
    EXPECT_GT(ti->GetCounters().toProxy, toProxyAtFlush);
    // The origin saw only the proxy's miss, never the client.
    ASSERT_EQ(bed.originRequests.size(), 1u);
    EXPECT_EQ(bed.originRequests[0].second, bed.routerOriginSide);
}

// Without the interceptor the same client reaches the origin directly (the bed's control).
TEST(TransparentInterception, WithoutInterceptorTheOriginAnswers)
{
    InterceptBed bed(false);
    bed.AddClient(80, 2);
    bed.Run();
    ASSERT_EQ(bed.records.size(), 2u);
    ASSERT_EQ(bed.originRequests.size(), 2u);
    EXPECT_EQ(bed.originRequests[0].second, bed.clientIp);
}

// An intercepting proxy routes an origin-form request by its Host field; a plain forward
// proxy refuses it (400).
TEST(TransparentInterception, ProxyRouterUsesHostWhenIntercepting)
{
    HttpRequestHeader h;
    h.method(boost::beast::http::verb::get);
    h.target("/a");
    h.version(11);
    h.set(boost::beast::http::field::host, "10.2.0.2:80");
    ProxyRouter router;
    ProxyRouter::Route route;
    router.Configure(Address(), Address(), false);
    EXPECT_EQ(router.Decide(h, route), ProxyRouter::MALFORMED);
    router.Configure(Address(), Address(), true);
    ASSERT_EQ(router.Decide(h, route), ProxyRouter::ROUTED);
    EXPECT_EQ(route.url, "http://10.2.0.2:80/a");
    EXPECT_EQ(InetSocketAddress::ConvertFrom(route.server).GetIpv4(), Ipv4Address("10.2.0.2"));
    h.erase(boost::beast::http::field::host);
    EXPECT_EQ(router.Decide(h, route), ProxyRouter::MALFORMED);
}
