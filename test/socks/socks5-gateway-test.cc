/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Socks5Gateway on a firewall node that does not forward IP: client -> proxy (inside) ->
 * gateway -> origin, and the [Depot] setting with a parent proxy outside the firewall. Each
 * request ends completed or failed with the status the SOCKS outcome calls for; bad SOCKS
 * input is closed and counted; the relay's byte counts are exact.
 */
#include "../cross-node-check.h"
#include "../proxy-fixture.h"
#include "../tshark.h"

#include "ns3/config.h"
#include "ns3/socks5-gateway-helper.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::test;
using Bytes = std::vector<uint8_t>;

namespace
{

/**
 * client -- proxy -- gateway -- origin, or with a parent:
 * client -- proxy -- gateway -- parent -- origin. The gateway node forwards no IP: the
 * inside reaches the outside only through SOCKS.
 */
struct SocksNet
{
    Ptr<Node> client = CreateObject<Node>();
    Ptr<Node> proxyNode = CreateObject<Node>();
    Ptr<Node> gwNode = CreateObject<Node>();
    Ptr<Node> parentNode; //!< with a parent only
    Ptr<Node> originNode = CreateObject<Node>();
    Ipv4Address proxyIp;  //!< proxy, client side
    Ipv4Address gwInside; //!< gateway, proxy side
    Ipv4Address gwOutside;
    Ipv4Address parentIp;     //!< parent, gateway side
    Ipv4Address parentOrigin; //!< parent, origin side
    Ipv4Address originIp;
    NetDeviceContainer insideLink; //!< proxy -- gateway
    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
    Ptr<OriginServer> origin;
    Ptr<ConnectionCache> proxy;
    Ptr<ConnectionCache> parent;
    Ptr<Socks5Gateway> gateway;
    std::vector<RequestRecord> records;
    std::vector<Address> originFrom;   //!< sender of each request the origin received
    std::vector<Address> parentAccept; //!< sender of each connection the parent accepted
    uint64_t originResponseBytes{0};   //!< header + body bytes the origin sent
    uint64_t forwardedBytes{0};        //!< request header bytes the proxy forwarded

    explicit SocksNet(bool withParent)
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        InternetStackHelper stack;
        stack.Install(NodeContainer(client, proxyNode, gwNode, originNode));
        PointToPointHelper link;
        link.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        link.SetChannelAttribute("Delay", StringValue("2ms"));
        proxyIp = Ipv4AddressHelper("10.1.0.0", "255.255.255.0")
                      .Assign(link.Install(client, proxyNode))
                      .GetAddress(1);
        insideLink = link.Install(proxyNode, gwNode);
        gwInside = Ipv4AddressHelper("10.3.0.0", "255.255.255.0").Assign(insideLink).GetAddress(1);
        Ptr<Node> outside = originNode;
        if (withParent)
        {
            parentNode = CreateObject<Node>();
            stack.Install(parentNode);
            outside = parentNode;
        }
        Ipv4InterfaceContainer o
            = Ipv4AddressHelper("10.2.0.0", "255.255.255.0").Assign(link.Install(gwNode, outside));
        gwOutside = o.GetAddress(0);
        originIp = o.GetAddress(1);
        if (withParent)
        {
            parentIp = originIp;
            Ipv4InterfaceContainer p = Ipv4AddressHelper("10.4.0.0", "255.255.255.0")
                                           .Assign(link.Install(parentNode, originNode));
            parentOrigin = p.GetAddress(0);
            originIp = p.GetAddress(1);
        }
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        gwNode->GetObject<Ipv4>()->SetAttribute("IpForward", BooleanValue(false));
    }

    void AddObject(const std::string& path, uint64_t size)
    {
        catalog->Add(path, size, Seconds(-3600));
    }

    Address Resolve(const std::string& host) const
    {
        if (host == "www.example.com")
        {
            return InetSocketAddress(originIp, 80);
        }
        if (host == "closed.example.com")
        {
            return InetSocketAddress(originIp, 81); // nobody listens: RST
        }
        if (host == "void.example.com")
        {
            return InetSocketAddress(Ipv4Address("10.2.0.99"), 80); // nobody there
        }
        return Address();
    }

    /// Install origin, gateway, proxy (through the gateway when socks) and parent.
    void Install(Socks5GatewayHelper gw, ProxyCacheHelper proxyHelper, bool socks = true)
    {
        OriginServerHelper oh(80);
        oh.SetCatalog(catalog);
        origin = DynamicCast<OriginServer>(oh.Install(originNode).Get(0));
        origin->TraceConnectWithoutContext("Request", MakeCallback(&SocksNet::OriginRequest, this));
        origin->TraceConnectWithoutContext("Response",
                                           MakeCallback(&SocksNet::OriginResponse, this));
        gateway = DynamicCast<Socks5Gateway>(gw.Install(gwNode).Get(0));
        if (socks)
        {
            proxyHelper.SetAttribute("SocksGateway",
                                     AddressValue(InetSocketAddress(gwInside, 1080)));
        }
        proxyHelper.SetResolver([this](const std::string& h) { return Resolve(h); });
        if (parentNode)
        {
            proxyHelper.SetAttribute("Parent", AddressValue(InetSocketAddress(parentIp, 3128)));
            ProxyCacheHelper ph;
            ph.SetResolver([this](const std::string& h) { return Resolve(h); });
            parent = DynamicCast<ConnectionCache>(ph.Install(parentNode).Get(0));
            parent->TraceConnectWithoutContext("Accept",
                                               MakeCallback(&SocksNet::ParentAccept, this));
        }
        proxy = DynamicCast<ConnectionCache>(proxyHelper.Install(proxyNode).Get(0));
        proxy->TraceConnectWithoutContext("Forward", MakeCallback(&SocksNet::Forwarded, this));
    }

    Ptr<WebClient> InstallClient(const std::vector<std::string>& urls)
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (const auto& u : urls)
        {
            WebRequest r;
            r.host = u.substr(0, u.find('/'));
            r.path = u.substr(u.find('/'));
            src->Add(r);
        }
        WebClientHelper helper;
        helper.SetAttribute("Proxy", AddressValue(InetSocketAddress(proxyIp, 3128)));
        Ptr<WebClient> c = DynamicCast<WebClient>(helper.Install(client, src).Get(0));
        c->TraceConnectWithoutContext("RequestComplete", MakeCallback(&SocksNet::Record, this));
        return c;
    }

    void Record(const RequestRecord& r)
    {
        records.push_back(r);
    }

    void OriginRequest(const HttpRequestHeader&, const Address& from)
    {
        originFrom.push_back(from);
    }

    void OriginResponse(const HttpResponseHeader& h, uint64_t body, const Address&)
    {
        originResponseBytes += SerializeHttpHeader(h).size() + body;
    }

    void Forwarded(const HttpRequestHeader& h, const Address&)
    {
        forwardedBytes += SerializeHttpHeader(h).size();
    }

    void ParentAccept(const Address& from)
    {
        parentAccept.push_back(from);
    }

    void Run(Time stop = Seconds(200))
    {
        Simulator::Stop(stop);
        Simulator::Run();
    }
};

/// A SOCKS client speaking raw bytes: sends what it is given once connected, records replies.
struct RawClient
{
    Ptr<Socket> socket;
    Bytes sent;
    Bytes got;
    bool closed{false};
    bool reset{false};
    bool fin{false}; //!< half-close after sending

    RawClient(Ptr<Node> node, const Address& to, Bytes bytes, bool halfClose)
        : sent(std::move(bytes))
        , fin(halfClose)
    {
        socket = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
        socket->Bind();
        socket->SetConnectCallback(MakeCallback(&RawClient::Connected, this),
                                   MakeNullCallback<void, Ptr<Socket>>());
        socket->SetRecvCallback(MakeCallback(&RawClient::Read, this));
        socket->SetCloseCallbacks(MakeCallback(&RawClient::Closed, this),
                                  MakeCallback(&RawClient::Reset, this));
        // Not before the simulation runs: the nodes' devices are set up at its start.
        Simulator::Schedule(MilliSeconds(100), [this, to]() { socket->Connect(to); });
    }

    void Connected(Ptr<Socket> s)
    {
        if (!sent.empty())
        {
            s->Send(Create<Packet>(sent.data(), sent.size()));
        }
        if (fin)
        {
            s->ShutdownSend();
        }
    }

    void Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            if (p->GetSize() == 0)
            {
                break;
            }
            const size_t old = got.size();
            got.resize(old + p->GetSize());
            p->CopyData(got.data() + old, p->GetSize());
        }
    }

    void Closed(Ptr<Socket> s)
    {
        Read(s);
        closed = true;
    }

    void Reset(Ptr<Socket>)
    {
        reset = true;
    }
};

Bytes
Cat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const auto& p : parts)
    {
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

Bytes
ConnectTo(Ipv4Address a, uint16_t port)
{
    const uint32_t x = a.Get();
    return {0x05,
            0x01,
            0x00,
            0x01,
            uint8_t(x >> 24),
            uint8_t(x >> 16),
            uint8_t(x >> 8),
            uint8_t(x),
            uint8_t(port >> 8),
            uint8_t(port)};
}

class Socks5GatewayTest : public ::testing::Test
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

TEST_F(Socks5GatewayTest, FirewallStopsDirectConnections)
{
    // Without SOCKS the proxy's SYNs die at the gateway node: the request fails (504).
    SocksNet net(false);
    net.AddObject("/a", 1000);
    net.Install(Socks5GatewayHelper(), ProxyCacheHelper(), false);
    net.InstallClient({"www.example.com/a"});
    net.Run();
    ASSERT_EQ(net.records.size(), 1u);
    EXPECT_TRUE(net.records[0].failed);
    EXPECT_EQ(net.records[0].status, 504u);
    EXPECT_TRUE(net.originFrom.empty());
}

TEST_F(Socks5GatewayTest, ConnectThroughGateway)
{
    SocksNet net(false);
    net.AddObject("/a", 1000);
    net.AddObject("/b", 20000);
    net.AddObject("/c", 3);
    net.Install(Socks5GatewayHelper(), ProxyCacheHelper());
    net.InstallClient({"www.example.com/a", "www.example.com/b", "www.example.com/c"});
    net.Run();
    ASSERT_EQ(net.records.size(), 3u);
    const uint64_t sizes[] = {1000, 20000, 3};
    for (size_t i = 0; i < 3; ++i)
    {
        EXPECT_FALSE(net.records[i].failed) << net.records[i].error;
        EXPECT_EQ(net.records[i].status, 200u);
        EXPECT_EQ(net.records[i].bodyBytes, sizes[i]);
    }
    // Three requests, each reaching the origin once, all from the gateway's outside address.
    ASSERT_EQ(net.originFrom.size(), 3u);
    for (const Address& a : net.originFrom)
    {
        EXPECT_EQ(InetSocketAddress::ConvertFrom(a).GetIpv4(), net.gwOutside);
    }
    const auto& g = net.gateway->GetCounters();
    const auto& pool = net.proxy->GetServerCounters();
    EXPECT_EQ(g.connected, pool.opened);
    EXPECT_EQ(g.accepted, pool.opened);
    EXPECT_EQ(pool.socksFailed, 0u);
    EXPECT_EQ(g.malformed + g.notAllowed + g.refused + g.unreachable, 0u);
    // Every byte the origin sent reached the proxy, and every request byte the origin.
    EXPECT_EQ(g.bytesToClient, net.originResponseBytes);
    EXPECT_EQ(g.bytesToDestination, net.forwardedBytes);
    // The proxy closed its idle connection (30 s) and the FINs went through both ways.
    EXPECT_EQ(g.completed, pool.opened);
    EXPECT_EQ(net.gateway->GetSessionCount(), 0u);
}

TEST_F(Socks5GatewayTest, OneMegabyteRelayedExactly)
{
    // A small relay buffer: reading from the origin stops whenever the proxy side is full.
    SocksNet net(false);
    net.AddObject("/big", 1 << 20);
    Socks5GatewayHelper gw;
    gw.SetAttribute("BufferSize", UintegerValue(8192));
    net.Install(gw, ProxyCacheHelper());
    net.InstallClient({"www.example.com/big"});
    net.Run();
    ASSERT_EQ(net.records.size(), 1u);
    EXPECT_FALSE(net.records[0].failed) << net.records[0].error;
    EXPECT_EQ(net.records[0].bodyBytes, uint64_t(1) << 20);
    const auto& g = net.gateway->GetCounters();
    ASSERT_EQ(g.connected, 1u);
    EXPECT_EQ(g.bytesToClient, net.originResponseBytes);
    EXPECT_GT(net.originResponseBytes, uint64_t(1) << 20);
    EXPECT_EQ(g.bytesToDestination, net.forwardedBytes);
    EXPECT_EQ(g.completed, 1u);
    // The 10 Mb/s links are equal, but the gateway's 8 KB buffers fill between ACKs.
    EXPECT_GT(g.pauses, 0u);
}

/// One request whose SOCKS CONNECT is refused one way or another; the client's record.
struct Refusal
{
    const char* name;
    std::string url;
    std::string allowedPorts;
    bool requireAuth;
    std::string password; //!< the proxy's; the gateway knows alice:secret
    unsigned status;      //!< the client's HTTP status
};

/// Names the case in test listings, instead of its bytes.
void
PrintTo(const Refusal& r, std::ostream* os)
{
    *os << r.name;
}

class Socks5Refusal
    : public Socks5GatewayTest
    , public ::testing::WithParamInterface<Refusal>
{};

TEST_P(Socks5Refusal, EndsAsFailedRequest)
{
    const Refusal& p = GetParam();
    SocksNet net(false);
    net.AddObject("/a", 1000);
    Socks5GatewayHelper gw;
    gw.SetAttribute("AllowedPorts", StringValue(p.allowedPorts));
    gw.SetAttribute("RequireAuthentication", BooleanValue(p.requireAuth));
    gw.SetAttribute("Credentials", StringValue("alice:secret"));
    gw.SetAttribute("ConnectTimeout", TimeValue(Seconds(2)));
    ProxyCacheHelper ph;
    if (!p.password.empty())
    {
        ph.SetAttribute("SocksUsername", StringValue("alice"));
        ph.SetAttribute("SocksPassword", StringValue(p.password));
    }
    net.Install(gw, ph);
    net.InstallClient({p.url});
    net.Run();
    ASSERT_EQ(net.records.size(), 1u);
    EXPECT_TRUE(net.records[0].failed);
    EXPECT_EQ(net.records[0].status, p.status) << net.records[0].error;
    EXPECT_TRUE(net.originFrom.empty());
    const auto& g = net.gateway->GetCounters();
    const std::string name = p.name;
    EXPECT_EQ(g.notAllowed, name == "ruleset" ? 1u : 0u);
    EXPECT_EQ(g.authFailed, name == "credentials" ? 1u : 0u);
    EXPECT_EQ(g.noAcceptableMethod, name == "nomethod" ? 1u : 0u);
    EXPECT_EQ(g.refused, name == "refused" ? 1u : 0u);
    EXPECT_EQ(g.unreachable, name == "unreachable" ? 1u : 0u);
    EXPECT_EQ(g.connected, 0u);
    EXPECT_EQ(net.proxy->GetServerCounters().socksFailed, 1u);
    EXPECT_EQ(net.gateway->GetSessionCount(), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Socks5Gateway,
    Socks5Refusal,
    ::testing::Values(Refusal{"ruleset", "www.example.com/a", "8080", false, "", 502},
                      Refusal{"credentials", "www.example.com/a", "", true, "wrong", 502},
                      Refusal{"nomethod", "www.example.com/a", "", true, "", 502},
                      Refusal{"refused", "closed.example.com/a", "", false, "", 502},
                      Refusal{"unreachable", "void.example.com/a", "", false, "", 504}),
    [](const ::testing::TestParamInfo<Refusal>& i) { return std::string(i.param.name); });

TEST_F(Socks5GatewayTest, ProxyGivesUpOnSilentGateway)
{
    // The gateway waits 60 s for the destination; the proxy's SocksTimeout (5 s) ends the
    // request first, as a 504. The gateway's own timer still ends its session.
    SocksNet net(false);
    Socks5GatewayHelper gw;
    gw.SetAttribute("ConnectTimeout", TimeValue(Seconds(60)));
    ProxyCacheHelper ph;
    ph.SetAttribute("SocksTimeout", TimeValue(Seconds(5)));
    net.Install(gw, ph);
    net.InstallClient({"void.example.com/a"});
    net.Run();
    ASSERT_EQ(net.records.size(), 1u);
    EXPECT_TRUE(net.records[0].failed);
    EXPECT_EQ(net.records[0].status, 504u);
    EXPECT_LT(net.records[0].total, Seconds(6));
    EXPECT_EQ(net.proxy->GetServerCounters().socksFailed, 1u);
    EXPECT_EQ(net.gateway->GetCounters().unreachable, 1u);
    EXPECT_EQ(net.gateway->GetSessionCount(), 0u);
}

TEST_F(Socks5GatewayTest, GoodCredentials)
{
    SocksNet net(false);
    net.AddObject("/a", 1000);
    Socks5GatewayHelper gw;
    gw.SetAttribute("RequireAuthentication", BooleanValue(true));
    gw.SetAttribute("Credentials", StringValue("bob:pw,alice:secret"));
    ProxyCacheHelper ph;
    ph.SetAttribute("SocksUsername", StringValue("alice"));
    ph.SetAttribute("SocksPassword", StringValue("secret"));
    net.Install(gw, ph);
    net.InstallClient({"www.example.com/a"});
    net.Run();
    ASSERT_EQ(net.records.size(), 1u);
    EXPECT_FALSE(net.records[0].failed) << net.records[0].error;
    EXPECT_EQ(net.originFrom.size(), 1u);
    EXPECT_EQ(net.gateway->GetCounters().authFailed, 0u);
}

TEST_F(Socks5GatewayTest, BadCredentialsOnTheWire)
{
    // RFC 1929: status 0x01 after the method selection 0x02, then the server closes.
    SocksNet net(false);
    Socks5GatewayHelper gw;
    gw.SetAttribute("RequireAuthentication", BooleanValue(true));
    gw.SetAttribute("Credentials", StringValue("alice:secret"));
    net.Install(gw, ProxyCacheHelper());
    RawClient c(
        net.proxyNode,
        InetSocketAddress(net.gwInside, 1080),
        Cat({{0x05, 0x02, 0x00, 0x02}, {0x01, 0x05, 'a', 'l', 'i', 'c', 'e', 0x03, 'b', 'a', 'd'}}),
        false);
    net.Run(Seconds(20));
    EXPECT_EQ(c.got, (Bytes{0x05, 0x02, 0x01, 0x01}));
    EXPECT_TRUE(c.closed);
    EXPECT_FALSE(c.reset);
    EXPECT_EQ(net.gateway->GetCounters().authFailed, 1u);
    EXPECT_EQ(net.gateway->GetSessionCount(), 0u);
}

TEST_F(Socks5GatewayTest, PipelinedRequestAndHalfClose)
{
    // Greeting, CONNECT and an HTTP request in one segment, then FIN: the gateway replies,
    // relays the request, passes the FIN on; the origin answers and closes.
    SocksNet net(false);
    net.AddObject("/a", 500);
    net.Install(Socks5GatewayHelper(), ProxyCacheHelper());
    const std::string http = "GET /a HTTP/1.1\r\nHost: www.example.com\r\n\r\n";
    RawClient c(
        net.proxyNode,
        InetSocketAddress(net.gwInside, 1080),
        Cat({{0x05, 0x01, 0x00}, ConnectTo(net.originIp, 80), Bytes(http.begin(), http.end())}),
        true);
    net.Run(Seconds(20));
    ASSERT_GE(c.got.size(), 12u);
    EXPECT_EQ(Bytes(c.got.begin(), c.got.begin() + 8),
              (Bytes{0x05, 0x00, 0x05, 0x00, 0x00, 0x01, 10, 2})); // BND on the outside
    EXPECT_EQ(c.got[8], 0);
    EXPECT_EQ(c.got[9], 1);
    const std::string response(c.got.begin() + 12, c.got.end());
    EXPECT_EQ(response.rfind("HTTP/1.1 200", 0), 0u) << response;
    EXPECT_EQ(net.originFrom.size(), 1u);
    EXPECT_TRUE(c.closed);
    const auto& g = net.gateway->GetCounters();
    EXPECT_EQ(g.bytesToDestination, http.size());
    EXPECT_EQ(g.bytesToClient, net.originResponseBytes);
    EXPECT_EQ(g.bytesToClient, c.got.size() - 12);
    EXPECT_EQ(g.completed, 1u);
    EXPECT_EQ(net.gateway->GetSessionCount(), 0u);
}

/// Bad input to the gateway: closed, counted, no crash; the error named by the trace.
struct BadInput
{
    const char* name;
    Bytes bytes;
    bool fin;
    std::string error; //!< Malformed trace; empty: none
};

/// Names the case in test listings, instead of its bytes.
void
PrintTo(const BadInput& b, std::ostream* os)
{
    *os << b.name;
}

class Socks5BadInput
    : public Socks5GatewayTest
    , public ::testing::WithParamInterface<BadInput>
{};

TEST_P(Socks5BadInput, ClosedAndCounted)
{
    const BadInput& p = GetParam();
    SocksNet net(false);
    Socks5GatewayHelper gw;
    gw.SetAttribute("HandshakeTimeout", TimeValue(Seconds(5)));
    net.Install(gw, ProxyCacheHelper());
    std::vector<std::string> errors;
    net.gateway->TraceConnectWithoutContext(
        "Malformed",
        MakeBoundCallback(
            +[](std::vector<std::string>* e, const std::string& what, const Address&)
            { e->push_back(what); },
            &errors));
    RawClient c(net.proxyNode, InetSocketAddress(net.gwInside, 1080), p.bytes, p.fin);
    net.Run(Seconds(20));
    const auto& g = net.gateway->GetCounters();
    EXPECT_EQ(g.accepted, 1u);
    EXPECT_TRUE(c.closed || c.reset);
    EXPECT_EQ(net.gateway->GetSessionCount(), 0u);
    if (p.error.empty())
    {
        EXPECT_EQ(g.malformed, 0u);
        EXPECT_EQ(g.handshakeTimeouts, 1u);
    }
    else
    {
        EXPECT_EQ(g.malformed, 1u);
        EXPECT_EQ(errors, std::vector<std::string>{p.error});
    }
    EXPECT_EQ(g.connected, 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Socks5Gateway,
    Socks5BadInput,
    ::testing::Values(
        BadInput{"http", {'G', 'E', 'T', ' ', '/'}, false, "BAD_VERSION"},
        BadInput{"socks4", {0x04, 0x01, 0x00, 0x50, 10, 2, 0, 2, 0x00}, false, "BAD_VERSION"},
        BadInput{"nomethods", {0x05, 0x00}, false, "NO_METHODS"},
        BadInput{"command", {0x05, 0x01, 0x00, 0x05, 0x09, 0x00}, false, "UNKNOWN_COMMAND"},
        BadInput{"atyp", {0x05, 0x01, 0x00, 0x05, 0x01, 0x00, 0x07}, false, "UNKNOWN_ADDRESS_TYPE"},
        BadInput{"reserved", {0x05, 0x01, 0x00, 0x05, 0x01, 0x01}, false, "BAD_RESERVED"},
        BadInput{
            "emptydomain", {0x05, 0x01, 0x00, 0x05, 0x01, 0x00, 0x03, 0x00}, false, "EMPTY_DOMAIN"},
        BadInput{"truncated", {0x05, 0x02, 0x00}, true, "TRUNCATED"},
        BadInput{"silent", {0x05, 0x01, 0x00, 0x05, 0x01}, false, ""}),
    [](const ::testing::TestParamInfo<BadInput>& i) { return std::string(i.param.name); });

TEST_F(Socks5GatewayTest, UnsupportedCommandAndDomainNames)
{
    // BIND gets 0x07; a domain name the gateway resolves is connected; one it cannot, 0x04.
    SocksNet net(false);
    net.AddObject("/a", 10);
    Socks5GatewayHelper gw;
    const Ipv4Address origin = Ipv4Address("10.2.0.2");
    gw.SetResolver(
        [origin](const std::string& n) -> std::optional<Ipv4Address>
        { return n == "www.example.com" ? std::optional<Ipv4Address>(origin) : std::nullopt; });
    net.Install(gw, ProxyCacheHelper());
    ASSERT_EQ(net.originIp, origin);
    Bytes bind = ConnectTo(origin, 80);
    bind[1] = 0x02;
    RawClient b(net.proxyNode,
                InetSocketAddress(net.gwInside, 1080),
                Cat({{0x05, 0x01, 0x00}, bind}),
                false);
    const std::string host = "www.example.com";
    Bytes named{0x05, 0x01, 0x00, 0x03, uint8_t(host.size())};
    named.insert(named.end(), host.begin(), host.end());
    named.insert(named.end(), {0x00, 80});
    RawClient d(net.proxyNode,
                InetSocketAddress(net.gwInside, 1080),
                Cat({{0x05, 0x01, 0x00}, named}),
                false);
    Bytes unknown = named;
    unknown[5] = 'x'; // "xww.example.com"
    RawClient u(net.proxyNode,
                InetSocketAddress(net.gwInside, 1080),
                Cat({{0x05, 0x01, 0x00}, unknown}),
                false);
    net.Run(Seconds(20));
    ASSERT_GE(b.got.size(), 4u);
    EXPECT_EQ(b.got[3], 0x07);
    ASSERT_GE(d.got.size(), 4u);
    EXPECT_EQ(d.got[3], 0x00);
    ASSERT_GE(u.got.size(), 4u);
    EXPECT_EQ(u.got[3], 0x04);
    const auto& g = net.gateway->GetCounters();
    EXPECT_EQ(g.unsupported, 1u);
    EXPECT_EQ(g.connected, 1u);
    EXPECT_EQ(g.unreachable, 1u);
}

TEST_F(Socks5GatewayTest, SessionTableBounded)
{
    // MaxSessions 2: two silent clients hold the table, the third is not accepted until the
    // handshake timeout frees it.
    SocksNet net(false);
    Socks5GatewayHelper gw;
    gw.SetAttribute("MaxSessions", UintegerValue(2));
    gw.SetAttribute("HandshakeTimeout", TimeValue(Seconds(100)));
    net.Install(gw, ProxyCacheHelper());
    RawClient a(net.proxyNode, InetSocketAddress(net.gwInside, 1080), {}, false);
    RawClient b(net.proxyNode, InetSocketAddress(net.gwInside, 1080), {}, false);
    net.Run(Seconds(1));
    RawClient c(net.proxyNode, InetSocketAddress(net.gwInside, 1080), {}, false);
    net.Run(Seconds(10));
    const auto& g = net.gateway->GetCounters();
    EXPECT_EQ(g.accepted, 2u);
    EXPECT_GE(g.refusedFull, 1u);
    EXPECT_EQ(net.gateway->GetSessionCount(), 2u);
}

TEST_F(Socks5GatewayTest, ParentOutsideFirewall)
{
    // [Depot]'s Fig. 4: the inside proxy reaches its parent, outside, through the gateway,
    // whose ruleset lets through nothing but the parent.
    SocksNet net(true);
    net.AddObject("/a", 1000);
    net.AddObject("/b", 2000);
    Socks5GatewayHelper gw;
    gw.SetAttribute("AllowedDestinations", StringValue("10.2.0.2/32"));
    gw.SetAttribute("AllowedPorts", StringValue("3128"));
    net.Install(gw, ProxyCacheHelper());
    ASSERT_EQ(net.parentIp, Ipv4Address("10.2.0.2"));
    net.InstallClient({"www.example.com/a", "www.example.com/b", "www.example.com/a"});
    // The proxies and the gateway talk by packets only.
    const std::vector<std::string> crossNode = test::CrossNodeReferences();
    EXPECT_TRUE(crossNode.empty()) << crossNode.size() << " problems, first: " << crossNode[0];
    net.Run();
    ASSERT_EQ(net.records.size(), 3u);
    for (const auto& r : net.records)
    {
        EXPECT_FALSE(r.failed) << r.error;
    }
    // The inside proxy caches /a: two requests reach the parent, which asks the origin.
    EXPECT_EQ(net.originFrom.size(), 2u);
    for (const Address& a : net.originFrom)
    {
        EXPECT_EQ(InetSocketAddress::ConvertFrom(a).GetIpv4(), net.parentOrigin);
    }
    ASSERT_FALSE(net.parentAccept.empty());
    for (const Address& a : net.parentAccept)
    {
        EXPECT_EQ(InetSocketAddress::ConvertFrom(a).GetIpv4(), net.gwOutside);
    }
    EXPECT_EQ(net.gateway->GetCounters().connected, net.parentAccept.size());
    EXPECT_EQ(net.parent->GetCounters().forwarded, 2u);
}

TEST_F(Socks5GatewayTest, PcapDecodesAsSocks)
{
    if (!Tshark::Installed())
    {
        GTEST_SKIP() << "tshark not installed";
    }
    const std::string prefix = std::string(WEB_PROXY_TEST_OUTPUT_DIR) + "/socks5-gateway";
    std::string pcap;
    {
        SocksNet net(false);
        net.AddObject("/a", 3000);
        Socks5GatewayHelper gw;
        gw.SetAttribute("RequireAuthentication", BooleanValue(true));
        gw.SetAttribute("Credentials", StringValue("alice:secret"));
        ProxyCacheHelper ph;
        ph.SetAttribute("SocksUsername", StringValue("alice"));
        ph.SetAttribute("SocksPassword", StringValue("secret"));
        net.Install(gw, ph);
        net.InstallClient({"www.example.com/a"});
        PointToPointHelper().EnablePcap(prefix, net.insideLink.Get(1), false);
        pcap = prefix + "-" + std::to_string(net.gwNode->GetId()) + "-"
             + std::to_string(net.insideLink.Get(1)->GetIfIndex()) + ".pcap";
        net.Run();
        ASSERT_EQ(net.records.size(), 1u);
        EXPECT_FALSE(net.records[0].failed);
    }
    // The PCAP file is complete once the devices are gone.
    Simulator::Destroy();
    const Tshark tshark(pcap);
    const std::string socks = tshark.Run("-Y socks");
    const std::string all = tshark.Run("-V");
    EXPECT_NE(all.find("Socks Protocol"), std::string::npos) << socks;
    EXPECT_NE(all.find("User name: alice"), std::string::npos) << socks;
    EXPECT_EQ(all.find("Malformed"), std::string::npos) << socks;
    EXPECT_NE(socks.find("Command Request - Connect"), std::string::npos) << socks;
    EXPECT_NE(socks.find("Command Response - Connect"), std::string::npos) << socks;
}

} // namespace
