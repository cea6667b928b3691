/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * WebClient with a DnsResolver against a DnsAliasServer over a real link: names resolved
 * before connecting, answers cached for their TTL, an unanswered name fails the request after
 * the retries at an exact time, and tshark decodes the datagrams as DNS.
 */
#include "../scenario-fixture.h"
#include "../tshark.h"

#include "ns3/dns-alias-server-helper.h"
#include "ns3/dns-alias-server.h"
#include "ns3/dns-resolver.h"
#include "ns3/udp-socket-factory.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::test;

namespace
{
const char* const ALIAS = "www.depot.example";

/// A request for the alias, to be resolved (no server address).
WebRequest
AliasGet(const LinkScenario& s, const std::string& path, Time think)
{
    WebRequest r = s.Get(path);
    r.host = ALIAS;
    r.server = Address();
    r.thinkTime = think;
    return r;
}

/// Times at which a resolver sent queries.
void
RecordQuery(std::vector<Time>* times, const std::string&, uint32_t)
{
    times->push_back(Simulator::Now());
}
} // namespace

TEST(DnsResolver, SecondLookupInsideTtlSendsNoQuery)
{
    std::vector<Time> queries;
    Ptr<DnsAliasServer> dns;
    Ptr<DnsResolver> resolver;
    LinkScenario s("5Mbps", MilliSeconds(10));
    s.AddObject("/a", 1000);
    s.InstallServer();
    DnsAliasServerHelper dh;
    dh.SetAttribute("Ttl", TimeValue(Seconds(5)));
    dh.AddAlias(ALIAS, {s.serverIp});
    dns = DynamicCast<DnsAliasServer>(dh.Install(s.nodes.Get(1)).Get(0));
    WebClientHelper ch;
    ch.SetResolver(s.serverIp);
    // Issued at 0 s (query), about 0.1 s (cached), 5.1 s + (expired: query again).
    Ptr<WebClient> c = s.InstallClient({AliasGet(s, "/a", Seconds(0)),
                                        AliasGet(s, "/a", Seconds(0)),
                                        AliasGet(s, "/a", Seconds(5))},
                                       ch);
    PointerValue pv;
    c->GetAttribute("Resolver", pv);
    resolver = pv.Get<DnsResolver>();
    ASSERT_TRUE(resolver);
    resolver->TraceConnectWithoutContext("Query", MakeBoundCallback(&RecordQuery, &queries));
    s.Run(Seconds(20));
    ASSERT_EQ(s.records.size(), 3u);
    for (const RequestRecord& r : s.records)
    {
        EXPECT_FALSE(r.failed) << r.error;
        EXPECT_EQ(r.peer, "10.0.0.2:80");
    }
    // The first and third requests asked, each at the moment it was issued; the second,
    // issued inside the TTL, did not.
    ASSERT_EQ(queries.size(), 2u);
    EXPECT_EQ(queries[0], s.records[0].issued);
    EXPECT_LT(s.records[1].issued, s.records[0].issued + Seconds(5));
    EXPECT_GE(s.records[2].issued, s.records[0].issued + Seconds(5));
    EXPECT_EQ(queries[1], s.records[2].issued);
    EXPECT_EQ(dns->GetQueryCount(), 2u);
    EXPECT_EQ(resolver->GetCacheHits(), 1u);
}

TEST(DnsResolver, ServerDownFailsTheRequestAfterTheRetries)
{
    std::vector<Time> queries;
    LinkScenario s("5Mbps", MilliSeconds(10));
    s.AddObject("/a", 1000);
    s.InstallServer(); // no DNS server on the server node
    WebClientHelper ch;
    ch.SetResolver(s.serverIp);
    ch.SetResolverAttribute("Timeout", TimeValue(MilliSeconds(1500)));
    ch.SetResolverAttribute("Attempts", UintegerValue(3));
    Ptr<WebClient> c = s.InstallClient({AliasGet(s, "/a", Seconds(0))}, ch);
    PointerValue pv;
    c->GetAttribute("Resolver", pv);
    pv.Get<DnsResolver>()->TraceConnectWithoutContext("Query",
                                                      MakeBoundCallback(&RecordQuery, &queries));
    s.Run(Seconds(20));
    ASSERT_EQ(s.records.size(), 1u);
    const RequestRecord& r = s.records[0];
    EXPECT_TRUE(r.failed);
    EXPECT_EQ(r.error, "DNS: timeout");
    EXPECT_EQ(r.total, MilliSeconds(4500)); // 3 attempts x 1.5 s
    ASSERT_EQ(queries.size(), 3u);
    for (uint32_t i = 0; i < 3; ++i)
    {
        EXPECT_EQ(queries[i], r.issued + MilliSeconds(1500) * i);
    }
    EXPECT_EQ(c->GetConnectionCount(), 0u);
    EXPECT_EQ(c->GetCounters().failed, 1u);
}

TEST(DnsResolver, UnknownNameFailsAtOnceAndLiteralsNeedNoQuery)
{
    LinkScenario s("5Mbps", MilliSeconds(10));
    s.AddObject("/a", 1000);
    s.InstallServer();
    DnsAliasServerHelper dh;
    dh.AddAlias(ALIAS, {s.serverIp});
    Ptr<DnsAliasServer> dns = DynamicCast<DnsAliasServer>(dh.Install(s.nodes.Get(1)).Get(0));
    WebClientHelper ch;
    ch.SetResolver(s.serverIp);
    WebRequest unknown = AliasGet(s, "/a", Seconds(0));
    unknown.host = "nowhere.example";
    WebRequest literal = AliasGet(s, "/a", Seconds(0));
    literal.host = "10.0.0.2:80";
    s.InstallClient({unknown, literal}, ch);
    s.Run(Seconds(20));
    ASSERT_EQ(s.records.size(), 2u);
    EXPECT_TRUE(s.records[0].failed);
    EXPECT_EQ(s.records[0].error, "DNS: NXDOMAIN");
    EXPECT_FALSE(s.records[1].failed) << s.records[1].error;
    EXPECT_EQ(dns->GetQueryCount(), 1u);
    EXPECT_EQ(dns->GetNxDomainCount(), 1u);
}

TEST(DnsResolver, ServerDropsMalformedDatagrams)
{
    LinkScenario s("5Mbps", MilliSeconds(10));
    DnsAliasServerHelper dh;
    dh.AddAlias(ALIAS, {s.serverIp});
    Ptr<DnsAliasServer> dns = DynamicCast<DnsAliasServer>(dh.Install(s.nodes.Get(1)).Get(0));
    std::vector<std::string> errors;
    dns->TraceConnectWithoutContext(
        "Malformed",
        MakeBoundCallback(
            +[](std::vector<std::string>* v, const std::string& e, Ipv4Address)
            { v->push_back(e); },
            &errors));
    Ptr<Socket> sock = Socket::CreateSocket(s.nodes.Get(0), UdpSocketFactory::GetTypeId());
    sock->Bind();
    const uint8_t shortQuery[5] = {1, 2, 3, 4, 5};
    const uint8_t loop[18] = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1};
    Simulator::Schedule(
        Seconds(1),
        [&]()
        {
            sock->SendTo(Create<Packet>(shortQuery, 5), 0, InetSocketAddress(s.serverIp, 53));
            sock->SendTo(Create<Packet>(loop, 18), 0, InetSocketAddress(s.serverIp, 53));
        });
    s.Run(Seconds(3));
    EXPECT_EQ(errors, (std::vector<std::string>{"TOO_SHORT", "POINTER_LOOP"}));
    EXPECT_EQ(dns->GetMalformedCount(), 2u);
    EXPECT_EQ(dns->GetQueryCount(), 0u);
}

TEST(DnsResolver, TsharkDecodesTheDatagramsAsDns)
{
    if (!Tshark::Installed())
    {
        GTEST_SKIP() << "tshark is not installed";
    }
    const std::string prefix = std::string(WEB_PROXY_TEST_OUTPUT_DIR) + "/dns-decode";
    {
        LinkScenario s("5Mbps", MilliSeconds(10));
        s.AddObject("/a", 1000);
        s.InstallServer();
        DnsAliasServerHelper dh;
        dh.SetAttribute("Ttl", TimeValue(Seconds(1)));
        dh.AddAlias(ALIAS, {s.serverIp});
        dh.Install(s.nodes.Get(1));
        WebClientHelper ch;
        ch.SetResolver(s.serverIp);
        WebRequest unknown = AliasGet(s, "/a", Seconds(2));
        unknown.host = "nowhere.example";
        s.InstallClient({AliasGet(s, "/a", Seconds(0)), AliasGet(s, "/a", Seconds(2)), unknown},
                        ch);
        s.link.EnablePcap(prefix, s.devices.Get(0), true);
        s.Run(Seconds(20));
        ASSERT_EQ(s.records.size(), 3u);
    }
    const Tshark tshark(prefix + "-0-1.pcap");
    const std::string name = "dns.qry.name";
    // Three queries and three responses; none malformed.
    EXPECT_EQ(tshark.Fields(name, "'dns.flags.response == 0'"),
              std::string(ALIAS) + "\n" + ALIAS + "\nnowhere.example\n");
    EXPECT_EQ(tshark.Fields(name, "'dns.a == 10.0.0.2'"), std::string(ALIAS) + "\n" + ALIAS + "\n");
    EXPECT_EQ(tshark.Fields(name, "'dns.flags.rcode == 3'"), "nowhere.example\n");
    EXPECT_EQ(tshark.Fields(name, "'_ws.malformed || _ws.expert.severity >= warning'"), "");
}
