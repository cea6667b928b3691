/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ICP (RFC 2186): IcpHeader against bytes laid out by hand from the RFC's section 2, its
 * named decode errors, and ProxyCache siblings on one Ethernet segment with exact counts.
 */
#include "../cross-node-check.h"

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/web-proxy-module.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// Opcode, version 2, length, request number, options, option data, sender (RFC 2186 2.0).
std::vector<uint8_t>
Fixed(uint8_t op, uint16_t length, uint32_t request)
{
    return {op,
            2,
            uint8_t(length >> 8),
            uint8_t(length),
            uint8_t(request >> 24),
            uint8_t(request >> 16),
            uint8_t(request >> 8),
            uint8_t(request),
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0};
}

void
Append(std::vector<uint8_t>& b, const std::string& s)
{
    b.insert(b.end(), s.begin(), s.end());
    b.push_back(0);
}

/// QUERY #0x01020304 for "http://a/b" from requester 10.0.0.1: 20 + 4 + 10 + 1 bytes.
std::vector<uint8_t>
QueryBytes()
{
    std::vector<uint8_t> b = Fixed(1, 35, 0x01020304);
    b.insert(b.end(), {10, 0, 0, 1});
    Append(b, "http://a/b");
    return b;
}

std::vector<uint8_t>
Serialized(const IcpHeader& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

IcpHeader::Error
DecodeError(const std::vector<uint8_t>& b)
{
    IcpHeader h;
    return IcpHeader::Decode(b.data(), b.size(), h);
}

} // namespace

TEST(IcpHeader, QueryMatchesTheRfcLayout)
{
    IcpHeader q;
    q.SetOpcode(IcpHeader::QUERY);
    q.SetRequestNumber(0x01020304);
    q.SetRequester(Ipv4Address("10.0.0.1"));
    q.SetUrl("http://a/b");
    EXPECT_EQ(q.GetSerializedSize(), 35u);
    EXPECT_EQ(Serialized(q), QueryBytes());

    const std::vector<uint8_t> b = QueryBytes();
    IcpHeader d;
    ASSERT_EQ(IcpHeader::Decode(b.data(), b.size(), d), IcpHeader::Error::NONE);
    EXPECT_EQ(d.GetOpcode(), IcpHeader::QUERY);
    EXPECT_EQ(d.GetRequestNumber(), 0x01020304u);
    EXPECT_EQ(d.GetRequester(), Ipv4Address("10.0.0.1"));
    EXPECT_EQ(d.GetSender(), Ipv4Address(0u));
    EXPECT_EQ(d.GetUrl(), "http://a/b");

    // Through a packet, as a received UDP payload.
    Ptr<Packet> p = Create<Packet>(b.data(), b.size());
    IcpHeader r;
    EXPECT_EQ(p->RemoveHeader(r), 35u);
    EXPECT_EQ(r.GetError(), IcpHeader::Error::NONE);
    EXPECT_EQ(r.GetUrl(), "http://a/b");
}

TEST(IcpHeader, RepliesCarryNoRequesterField)
{
    for (auto op : {IcpHeader::HIT,
                    IcpHeader::MISS,
                    IcpHeader::ERR,
                    IcpHeader::MISS_NOFETCH,
                    IcpHeader::DENIED})
    {
        // 20 + 10 + 1 bytes; the option and sender fields survive a round trip.
        std::vector<uint8_t> b = Fixed(op, 31, 7);
        b[8] = 0x80;  // options: ICP_FLAG_HIT_OBJ
        b[19] = 0x09; // sender 0.0.0.9
        Append(b, "http://a/b");
        IcpHeader d;
        ASSERT_EQ(IcpHeader::Decode(b.data(), b.size(), d), IcpHeader::Error::NONE)
            << IcpHeader::OpcodeName(op);
        EXPECT_EQ(d.GetOpcode(), op);
        EXPECT_EQ(d.GetOptions(), 0x80000000u);
        EXPECT_EQ(d.GetSender(), Ipv4Address("0.0.0.9"));
        EXPECT_EQ(d.GetSerializedSize(), 31u);
        EXPECT_EQ(Serialized(d), b);
    }
    EXPECT_STREQ(IcpHeader::OpcodeName(IcpHeader::MISS_NOFETCH), "MISS_NOFETCH");
}

TEST(IcpHeader, MalformedInputIsNamed)
{
    using E = IcpHeader::Error;
    const std::vector<uint8_t> good = QueryBytes();
    EXPECT_EQ(DecodeError({}), E::TOO_SHORT);
    EXPECT_EQ(DecodeError(std::vector<uint8_t>(good.begin(), good.begin() + 19)), E::TOO_SHORT);
    std::vector<uint8_t> b = good;
    b[1] = 3;
    EXPECT_EQ(DecodeError(b), E::BAD_VERSION);
    for (uint8_t op : {0, 10, 11, 23, 24, 255})
    {
        b = good;
        b[0] = op;
        EXPECT_EQ(DecodeError(b), E::UNSUPPORTED_OPCODE) << int(op);
    }
    b = good;
    b[3] = 36;
    EXPECT_EQ(DecodeError(b), E::LENGTH_MISMATCH);
    b = good;
    b.push_back(0); // one more byte than the length field says
    EXPECT_EQ(DecodeError(b), E::LENGTH_MISMATCH);
    EXPECT_EQ(DecodeError(std::vector<uint8_t>(IcpHeader::MAX_SIZE + 1, 0)), E::TOO_LONG);
    b = good;
    b.back() = 'x';
    EXPECT_EQ(DecodeError(b), E::URL_NOT_TERMINATED);
    b = Fixed(1, 20, 1); // a QUERY without its requester field
    EXPECT_EQ(DecodeError(b), E::TOO_SHORT);
    b = Fixed(1, 25, 1);
    b.insert(b.end(), {10, 0, 0, 1, 0});
    EXPECT_EQ(DecodeError(b), E::EMPTY_URL);
    b = Fixed(3, 22, 1);
    b.insert(b.end(), {'u', 0});
    EXPECT_EQ(DecodeError(b), E::NONE);
    b = Fixed(3, 23, 1);
    b.insert(b.end(), {'u', 0, 0});
    EXPECT_EQ(DecodeError(b), E::TRAILING_BYTES);

    // Deserialize reports the error and reads nothing.
    b = good;
    b[1] = 3;
    Ptr<Packet> p = Create<Packet>(b.data(), b.size());
    IcpHeader h;
    EXPECT_EQ(p->RemoveHeader(h), 0u);
    EXPECT_EQ(h.GetError(), E::BAD_VERSION);
    EXPECT_STREQ(IcpHeader::ErrorName(E::URL_NOT_TERMINATED), "URL_NOT_TERMINATED");
}

namespace
{

/**
 * Clients, proxies, an origin and a stranger on one 100 Mbit/s Ethernet segment (10.1.1.0/24,
 * in that order). Every proxy resolves www.example.com to the origin.
 */
struct IcpScenario
{
    NodeContainer clients;
    NodeContainer proxies;
    Ptr<Node> origin;
    Ptr<Node> stranger; //!< a node with no application: a silent sibling, or a spoofer
    Ipv4InterfaceContainer ifs;
    std::vector<Ptr<ProxyCache>> caches;
    std::vector<RequestRecord> records;
    std::vector<std::string> originTargets;
    std::vector<std::string> lookups; //!< "proxy outcome url" per ended ICP lookup
    std::vector<Time> queryTimes;
    std::vector<Time> lookupTimes;

    IcpScenario(uint32_t nClients, uint32_t nProxies)
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        clients.Create(nClients);
        proxies.Create(nProxies);
        origin = CreateObject<Node>();
        stranger = CreateObject<Node>();
        NodeContainer all(clients, proxies);
        all.Add(origin);
        all.Add(stranger);
        InternetStackHelper().Install(all);
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(5)));
        NetDeviceContainer d = csma.Install(all);
        ifs = Ipv4AddressHelper("10.1.1.0", "255.255.255.0").Assign(d);
        Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
        for (const std::string& path : {std::string("/a"),
                                        std::string("/b"),
                                        std::string("/c"),
                                        std::string("/d"),
                                        LongPath()})
        {
            catalog->Add(path, 5000, Days(-30));
        }
        OriginServerHelper server(80);
        server.SetCatalog(catalog);
        server.Install(origin).Get(0)->TraceConnectWithoutContext(
            "Request", MakeCallback(&IcpScenario::OriginRequest, this));
    }

    /// A path whose URL is one byte too long for an ICP QUERY (16384 - 24 bytes with NUL).
    static std::string LongPath()
    {
        return "/" + std::string(IcpHeader::MAX_SIZE - 24 - 22 - 1, 'x');
    }

    Ipv4Address ProxyIp(uint32_t i) const
    {
        return ifs.GetAddress(clients.GetN() + i);
    }

    Ipv4Address StrangerIp() const
    {
        return ifs.GetAddress(clients.GetN() + proxies.GetN() + 1);
    }

    /// A helper for proxies that resolve www.example.com.
    ProxyCacheHelper Helper() const
    {
        ProxyCacheHelper h(3128);
        const Ipv4Address o = ifs.GetAddress(clients.GetN() + proxies.GetN());
        h.SetResolver([o](const std::string&) -> Address { return InetSocketAddress(o, 80); });
        return h;
    }

    void Install(uint32_t i, const ProxyCacheHelper& h)
    {
        Ptr<ProxyCache> c = DynamicCast<ProxyCache>(h.Install(proxies.Get(i)).Get(0));
        c->TraceConnectWithoutContext("IcpQuery", MakeCallback(&IcpScenario::Query, this));
        c->TraceConnect("IcpLookup", std::to_string(i), MakeCallback(&IcpScenario::Lookup, this));
        caches.push_back(c);
    }

    /// Client i asks proxy p for the paths at the given start times.
    void Client(uint32_t i, uint32_t p, const std::vector<std::pair<std::string, double>>& reqs)
    {
        for (const auto& [path, at] : reqs)
        {
            Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
            WebRequest r;
            r.host = "www.example.com";
            r.path = path;
            src->Add(r);
            WebClientHelper helper;
            helper.SetAttribute("Proxy", AddressValue(InetSocketAddress(ProxyIp(p), 3128)));
            ApplicationContainer a = helper.Install(clients.Get(i), src);
            a.Get(0)->TraceConnectWithoutContext("RequestComplete",
                                                 MakeCallback(&IcpScenario::Record, this));
            a.Start(Seconds(at));
        }
    }

    void Record(const RequestRecord& r)
    {
        records.push_back(r);
    }

    void OriginRequest(const HttpRequestHeader& h, const Address&)
    {
        originTargets.emplace_back(h.target());
    }

    void Query(const std::string&, uint32_t)
    {
        queryTimes.push_back(Simulator::Now());
    }

    void Lookup(std::string proxy,
                const std::string& url,
                const std::string& outcome,
                const Address&)
    {
        lookups.push_back(proxy + " " + outcome + " " + url);
        lookupTimes.push_back(Simulator::Now());
    }

    void Run()
    {
        EXPECT_TRUE(test::CrossNodeReferences().empty());
        Simulator::Stop(Seconds(30));
        Simulator::Run();
    }

    ~IcpScenario()
    {
        Simulator::Destroy();
    }
};

/// Send an ICP message from node n's (new) UDP socket at time t.
void
SendIcp(
    Ptr<Node> n, Ipv4Address to, IcpHeader::Opcode op, uint32_t request, std::string url, double t)
{
    Simulator::Schedule(Seconds(t),
                        [=]()
                        {
                            Ptr<Socket> s = Socket::CreateSocket(n, UdpSocketFactory::GetTypeId());
                            s->Bind();
                            IcpHeader h;
                            h.SetOpcode(op);
                            h.SetRequestNumber(request);
                            h.SetUrl(url);
                            Ptr<Packet> p = Create<Packet>();
                            p->AddHeader(h);
                            s->SendTo(p, 0, InetSocketAddress(to, IcpHeader::PORT));
                            s->Close();
                        });
}

class IcpSiblings : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }
};

} // namespace

TEST_F(IcpSiblings, SecondRequestAtTheOtherProxyIsAnIcpHit)
{
    IcpScenario s(2, 2);
    ProxyCacheHelper h = s.Helper();
    h.SetSiblings(s.proxies);
    s.Install(0, h);
    s.Install(1, h);
    s.Client(0, 0, {{"/a", 1}});
    s.Client(1, 1, {{"/a", 3}, {"/a", 5}});
    s.Run();

    ASSERT_EQ(s.records.size(), 3u);
    for (const auto& r : s.records)
    {
        EXPECT_FALSE(r.failed) << r.error;
        EXPECT_EQ(r.bodyBytes, 5000u);
    }
    // One fetch from the origin: proxy 0's miss. Proxy 1 fetched from proxy 0, then hit.
    EXPECT_EQ(s.originTargets, std::vector<std::string>{"/a"});
    EXPECT_EQ(s.lookups,
              (std::vector<std::string>{"0 ALL_MISS http://www.example.com/a",
                                        "1 SIBLING_HIT http://www.example.com/a"}));
    const auto& i0 = s.caches[0]->GetIcp().GetCounters();
    const auto& i1 = s.caches[1]->GetIcp().GetCounters();
    EXPECT_EQ(i0.lookups, 1u);
    EXPECT_EQ(i0.queriesSent, 1u);
    EXPECT_EQ(i0.misses, 1u);
    EXPECT_EQ(i0.queriesAnswered, 1u);
    EXPECT_EQ(i0.hitsAnswered, 1u);
    EXPECT_EQ(i1.lookups, 1u);
    EXPECT_EQ(i1.hits, 1u);
    EXPECT_EQ(i1.queriesAnswered, 1u);
    EXPECT_EQ(i1.hitsAnswered, 0u);
    const auto& c0 = s.caches[0]->GetCacheCounters();
    const auto& c1 = s.caches[1]->GetCacheCounters();
    EXPECT_EQ(c0.requests, 2u); // client 0, then proxy 1's fetch
    EXPECT_EQ(c0.hits, 1u);
    EXPECT_EQ(c1.requests, 2u);
    EXPECT_EQ(c1.misses, 1u);
    EXPECT_EQ(c1.siblingHits, 1u);
    EXPECT_EQ(c1.stored, 1u);
    EXPECT_EQ(c1.hits, 1u);
    EXPECT_EQ(s.caches[0]->GetIcp().GetPending(), 0u);
}

TEST_F(IcpSiblings, SilentSiblingTimesOutThenOrigin)
{
    IcpScenario s(1, 1);
    ProxyCacheHelper h = s.Helper();
    h.AddSibling(s.StrangerIp(), 3128); // no ICP there: never answers
    h.SetAttribute("IcpTimeout", TimeValue(MilliSeconds(500)));
    s.Install(0, h);
    s.Client(0, 0, {{"/a", 1}});
    s.Run();

    ASSERT_EQ(s.records.size(), 1u);
    EXPECT_FALSE(s.records[0].failed);
    EXPECT_GE(s.records[0].total, MilliSeconds(500));
    EXPECT_EQ(s.originTargets, std::vector<std::string>{"/a"});
    EXPECT_EQ(s.lookups, std::vector<std::string>{"0 TIMEOUT http://www.example.com/a"});
    ASSERT_EQ(s.queryTimes.size(), 1u);
    EXPECT_EQ(s.lookupTimes[0] - s.queryTimes[0], MilliSeconds(500));
    EXPECT_EQ(s.caches[0]->GetIcp().GetCounters().timeouts, 1u);
}

TEST_F(IcpSiblings, PendingTableIsBounded)
{
    IcpScenario s(3, 1);
    ProxyCacheHelper h = s.Helper();
    h.AddSibling(s.StrangerIp(), 3128);
    h.SetAttribute("IcpTimeout", TimeValue(MilliSeconds(500)));
    h.SetAttribute("IcpMaxPending", UintegerValue(2));
    s.Install(0, h);
    s.Client(0, 0, {{"/a", 1}});
    s.Client(1, 0, {{"/b", 1}});
    s.Client(2, 0, {{"/c", 1}});
    size_t pendingDuring = 99;
    Simulator::Schedule(Seconds(1.3),
                        [&]() { pendingDuring = s.caches[0]->GetIcp().GetPending(); });
    s.Run();

    ASSERT_EQ(s.records.size(), 3u);
    for (const auto& r : s.records)
    {
        EXPECT_FALSE(r.failed) << r.error;
    }
    EXPECT_EQ(s.originTargets.size(), 3u);
    EXPECT_EQ(pendingDuring, 2u);
    const auto& c = s.caches[0]->GetIcp().GetCounters();
    EXPECT_EQ(c.lookups, 2u);
    EXPECT_EQ(c.tableFull, 1u);
    EXPECT_EQ(c.timeouts, 2u);
    EXPECT_EQ(s.caches[0]->GetIcp().GetPending(), 0u);
}

TEST_F(IcpSiblings, SpoofedRepliesAreIgnoredAndCounted)
{
    // Proxy 1 asks proxy 0 (answers MISS) and the silent stranger, so its lookup #1 waits for
    // the timeout; forged HITs arrive meanwhile.
    IcpScenario s(1, 2);
    ProxyCacheHelper h0 = s.Helper();
    h0.AddSibling(s.ProxyIp(1), 3128);
    s.Install(0, h0);
    ProxyCacheHelper h1 = s.Helper();
    h1.AddSibling(s.ProxyIp(0), 3128);
    h1.AddSibling(s.StrangerIp(), 3128);
    h1.SetAttribute("IcpTimeout", TimeValue(MilliSeconds(500)));
    s.Install(1, h1);
    s.Client(0, 1, {{"/a", 1}});
    const std::string url = "http://www.example.com/a";
    const Ipv4Address p1 = s.ProxyIp(1);
    SendIcp(s.clients.Get(0), p1, IcpHeader::HIT, 1, url, 1.1);       // not a sibling
    SendIcp(s.proxies.Get(0), p1, IcpHeader::HIT, 77, url, 1.1);      // wrong number
    SendIcp(s.proxies.Get(0), p1, IcpHeader::HIT, 1, url + "x", 1.1); // other URL
    SendIcp(s.proxies.Get(0), p1, IcpHeader::HIT, 1, url, 1.2);       // after its MISS
    s.Run();

    ASSERT_EQ(s.records.size(), 1u);
    EXPECT_FALSE(s.records[0].failed);
    EXPECT_EQ(s.originTargets, std::vector<std::string>{"/a"});
    EXPECT_EQ(s.lookups, std::vector<std::string>{"1 TIMEOUT " + url});
    const auto& c = s.caches[1]->GetIcp().GetCounters();
    EXPECT_EQ(c.nonSibling, 1u);
    EXPECT_EQ(c.unmatched, 2u);
    EXPECT_EQ(c.duplicates, 1u);
    EXPECT_EQ(c.hits, 0u);
    EXPECT_EQ(s.caches[1]->GetCacheCounters().siblingHits, 0u);
    EXPECT_EQ(s.caches[0]->GetIcp().GetCounters().queriesAnswered, 1u);
}

TEST_F(IcpSiblings, UrlTooLongForIcpIsFetchedWithoutLookup)
{
    // Header limits raised everywhere so that the request itself is fine.
    for (const char* type : {"ns3::WebClient", "ns3::ConnectionCache", "ns3::OriginServer"})
    {
        Config::SetDefault(std::string(type) + "::HeaderLimit", UintegerValue(65536));
    }
    {
        IcpScenario s(1, 2);
        ProxyCacheHelper h = s.Helper();
        h.SetSiblings(s.proxies);
        s.Install(0, h);
        s.Install(1, h);
        s.Client(0, 0, {{IcpScenario::LongPath(), 1}, {"/a", 2}});
        s.Run();
        ASSERT_EQ(s.records.size(), 2u);
        EXPECT_FALSE(s.records[0].failed) << s.records[0].error;
        EXPECT_EQ(s.originTargets.size(), 2u);
        const auto& c = s.caches[0]->GetIcp().GetCounters();
        EXPECT_EQ(c.unfit, 1u);
        EXPECT_EQ(c.lookups, 1u); // "/a" only
    }
    for (const char* type : {"ns3::WebClient", "ns3::ConnectionCache", "ns3::OriginServer"})
    {
        Config::SetDefault(std::string(type) + "::HeaderLimit", UintegerValue(16384));
    }
}

TEST_F(IcpSiblings, QueriesFromStrangersAreDenied)
{
    IcpScenario s(1, 1);
    ProxyCacheHelper h = s.Helper();
    h.AddSibling(s.StrangerIp(), 3128);
    s.Install(0, h);
    SendIcp(s.clients.Get(0), s.ProxyIp(0), IcpHeader::QUERY, 5, "http://www.example.com/a", 1);
    s.Run();
    const auto& c = s.caches[0]->GetIcp().GetCounters();
    EXPECT_EQ(c.denied, 1u);
    EXPECT_EQ(c.queriesAnswered, 0u);
}
