/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ProxyAliasResolver: a client node that knows its proxy by name ([Depot]'s DNS alias) gives
 * its WebClients the answer, asks again when the TTL runs out, follows a changed answer, and
 * keeps asking (every MinInterval after a failure) when the DNS server does not answer.
 */
#include "../scenario-fixture.h"

#include "ns3/dns-alias-server-helper.h"
#include "ns3/dns-alias-server.h"
#include "ns3/proxy-alias-resolver-helper.h"
#include "ns3/proxy-alias-resolver.h"
#include "ns3/proxy-cache-helper.h"
#include "ns3/proxy-cache.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::test;

namespace
{
const char* const ALIAS = "depot.isp.example";

/// One change of the clients' proxy.
struct Change
{
    Time at;          //!< when
    Ipv4Address from; //!< old address
    Ipv4Address to;   //!< new address
};

/// Record the ProxyChanged trace.
void
RecordChange(std::vector<Change>* changes, Ipv4Address from, Ipv4Address to)
{
    changes->push_back({Simulator::Now(), from, to});
}

/// A resolver for the alias on the client node, for one client.
Ptr<ProxyAliasResolver>
InstallAliasResolver(LinkScenario& s, Ptr<WebClient> client, Ipv4Address dnsServer)
{
    ApplicationContainer r
        = ProxyAliasResolverHelper(ALIAS, dnsServer).Install(ApplicationContainer(client));
    EXPECT_EQ(r.GetN(), 1u);
    EXPECT_EQ(r.Get(0)->GetNode(), s.nodes.Get(0));
    return DynamicCast<ProxyAliasResolver>(r.Get(0));
}
} // namespace

TEST(ProxyAliasResolver, ClientsUseTheAnswerAndAskAgainAfterTheTtl)
{
    LinkScenario s("5Mbps", MilliSeconds(10));
    s.AddObject("/a", 1000);
    s.InstallServer();
    // The proxy on the server node, fetching from the origin beside it.
    ProxyCacheHelper ph(3128);
    const Ipv4Address origin = s.serverIp;
    ph.SetResolver([origin](const std::string&) -> Address
                   { return InetSocketAddress(origin, 80); });
    Ptr<ProxyCache> proxy = DynamicCast<ProxyCache>(ph.Install(s.nodes.Get(1)).Get(0));
    DnsAliasServerHelper dh;
    dh.SetAttribute("Ttl", TimeValue(Seconds(5)));
    dh.AddAlias(ALIAS, {s.serverIp});
    Ptr<DnsAliasServer> dns = DynamicCast<DnsAliasServer>(dh.Install(s.nodes.Get(1)).Get(0));
    std::vector<Time> answers;
    dns->TraceConnectWithoutContext(
        "Answer",
        MakeBoundCallback(
            +[](std::vector<Time>* a, const std::string&, Ipv4Address, Ipv4Address)
            { a->push_back(Simulator::Now()); },
            &answers));
    WebRequest a = s.Get("/a");
    a.thinkTime = Seconds(1);
    WebRequest b = s.Get("/a");
    b.thinkTime = Seconds(6);
    Ptr<WebClient> c = s.InstallClient({a, b});
    Ptr<ProxyAliasResolver> r = InstallAliasResolver(s, c, s.serverIp);
    r->SetStopTime(Seconds(12));
    s.Run(Seconds(20));
    // Both requests went to the proxy the alias named (the origin itself is on port 80).
    ASSERT_EQ(s.records.size(), 2u);
    for (const RequestRecord& rec : s.records)
    {
        EXPECT_FALSE(rec.failed) << rec.error;
        EXPECT_EQ(rec.peer, "10.0.0.2:3128");
    }
    // Asked at 0 s and again whenever the 5 s TTL ran out (a query's way to the server and
    // the answer's way back take the link's 10 ms each and their transmission): three
    // lookups in the 12 s, each 5 s after the previous answer arrived at the client.
    ASSERT_EQ(answers.size(), 3u);
    EXPECT_GT(answers[0], MilliSeconds(10));
    EXPECT_LT(answers[0], MilliSeconds(12));
    for (uint32_t i = 1; i < answers.size(); ++i)
    {
        const Time gap = answers[i] - answers[i - 1];
        EXPECT_GT(gap, Seconds(5) + MilliSeconds(20)) << i;
        EXPECT_LT(gap, Seconds(5) + MilliSeconds(24)) << i;
    }
    EXPECT_EQ(r->GetLookups(), 3u);
    EXPECT_EQ(r->GetAnswers(), 3u);
    EXPECT_EQ(r->GetChanges(), 0u);
    EXPECT_EQ(r->GetFailures(), 0u);
    EXPECT_EQ(dns->GetQueryCount(), 3u);
}

TEST(ProxyAliasResolver, ClientsFollowAChangedAnswer)
{
    LinkScenario s("5Mbps", MilliSeconds(10));
    s.InstallServer();
    const Ipv4Address other("10.0.0.99");
    DnsAliasServerHelper dh;
    dh.SetAttribute("Ttl", TimeValue(Seconds(5)));
    dh.AddAlias(ALIAS, {s.serverIp, other}); // round robin: A, B, A
    dh.Install(s.nodes.Get(1));
    Ptr<WebClient> c = s.InstallClient({});
    Ptr<ProxyAliasResolver> r = InstallAliasResolver(s, c, s.serverIp);
    r->SetStopTime(Seconds(12));
    std::vector<Change> changes;
    r->TraceConnectWithoutContext("ProxyChanged", MakeBoundCallback(&RecordChange, &changes));
    s.Run(Seconds(20));
    ASSERT_EQ(changes.size(), 3u);
    EXPECT_EQ(changes[0].from, Ipv4Address::GetZero());
    EXPECT_EQ(changes[0].to, s.serverIp);
    EXPECT_EQ(changes[1].from, s.serverIp);
    EXPECT_EQ(changes[1].to, other);
    EXPECT_EQ(changes[2].to, s.serverIp);
    EXPECT_EQ(r->GetChanges(), 2u);
    AddressValue proxy;
    c->GetAttribute("Proxy", proxy);
    EXPECT_EQ(InetSocketAddress::ConvertFrom(proxy.Get()).GetIpv4(), s.serverIp);
    EXPECT_EQ(InetSocketAddress::ConvertFrom(proxy.Get()).GetPort(), 3128);
}

TEST(ProxyAliasResolver, UnansweredLookupsAreRetriedAndTheClientsKeepTheirProxy)
{
    LinkScenario s("5Mbps", MilliSeconds(10));
    s.InstallServer(); // no DNS server
    Ptr<WebClient> c = s.InstallClient({});
    Ptr<ProxyAliasResolver> r = InstallAliasResolver(s, c, s.serverIp);
    r->SetStopTime(MilliSeconds(9500));
    s.Run(Seconds(20));
    // The stub resolver gives up after 2 attempts x 2 s and the next lookup is 1 s later:
    // lookups at 0 and 5 s, failed at 4 and 9 s; the one due at 10 s is not made (stopped).
    EXPECT_EQ(r->GetLookups(), 2u);
    EXPECT_EQ(r->GetFailures(), 2u);
    EXPECT_EQ(r->GetAnswers(), 0u);
    EXPECT_EQ(r->GetProxy(), Ipv4Address::GetZero());
    AddressValue proxy;
    c->GetAttribute("Proxy", proxy);
    EXPECT_TRUE(proxy.Get().IsInvalid());
}

TEST(ProxyAliasResolverHelper, OneResolverPerNodeGivenThatNodesClients)
{
    // Three clients on node B, A, B: two resolvers, B's first, each with the alias and server
    // set; B's resolver answers for both of B's clients (see the tests above for a run).
    NodeContainer n(2);
    std::vector<Ptr<WebClient>> c;
    ApplicationContainer clients;
    for (uint32_t node : {1, 0, 1})
    {
        c.push_back(CreateObject<WebClient>());
        n.Get(node)->AddApplication(c.back());
        clients.Add(c.back());
    }
    ProxyAliasResolverHelper h("depot.example", Ipv4Address("10.1.2.3"));
    h.SetAttribute("ProxyPort", UintegerValue(8080));
    ApplicationContainer r = h.Install(clients);
    ASSERT_EQ(r.GetN(), 2u);
    EXPECT_EQ(r.Get(0)->GetNode(), n.Get(1));
    EXPECT_EQ(r.Get(1)->GetNode(), n.Get(0));
    for (uint32_t i = 0; i < 2; ++i)
    {
        StringValue alias;
        Ipv4AddressValue server;
        UintegerValue port;
        r.Get(i)->GetAttribute("Alias", alias);
        r.Get(i)->GetAttribute("Server", server);
        r.Get(i)->GetAttribute("ProxyPort", port);
        EXPECT_EQ(alias.Get(), "depot.example");
        EXPECT_EQ(server.Get(), Ipv4Address("10.1.2.3"));
        EXPECT_EQ(port.Get(), 8080u);
    }
    // Each node has its clients and its one resolver.
    EXPECT_EQ(n.Get(1)->GetNApplications(), 3u);
    EXPECT_EQ(n.Get(0)->GetNApplications(), 2u);
    // Anything but a WebClient is refused.
    EXPECT_THROW(h.Install(ApplicationContainer(r.Get(0))), std::invalid_argument);
    Simulator::Destroy();
}
