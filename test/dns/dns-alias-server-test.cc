/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * DnsAliasServer's choice of address: round robin in order, locality by longest client
 * prefix (configured, or filled from hop counts), NXDOMAIN, TTL.
 */
#include "ns3/core-module.h"
#include "ns3/dns-alias-server-helper.h"
#include "ns3/dns-alias-server.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"

#include <gtest/gtest.h>

#include <vector>

using namespace ns3;

namespace
{
const Ipv4Address A("10.9.0.1");
const Ipv4Address B("10.9.0.2");
const Ipv4Address C("10.9.0.3");

/// The address a server answers for a name and client, or 0.0.0.0 if none.
Ipv4Address
Ask(Ptr<DnsAliasServer> s, const std::string& name, Ipv4Address client, DnsMessage* out = nullptr)
{
    DnsMessage r = s->Respond(DnsMessage::MakeQuery(42, name), client);
    if (out)
    {
        *out = r;
    }
    EXPECT_TRUE(r.response);
    EXPECT_EQ(r.id, 42);
    return r.answers.empty() ? Ipv4Address::GetZero() : *r.answers[0].GetA();
}
} // namespace

TEST(DnsAliasServer, RoundRobinInOrder)
{
    Ptr<DnsAliasServer> s = CreateObject<DnsAliasServer>();
    s->AddAlias("depot.example", {A, B, C});
    s->AddAlias("other.example", {C});
    std::vector<Ipv4Address> got;
    for (int i = 0; i < 7; ++i)
    {
        got.push_back(Ask(s, i == 3 ? "DEPOT.example." : "depot.example", "10.1.0.1"));
        EXPECT_EQ(Ask(s, "other.example", "10.1.0.1"), C); // its own turn
    }
    EXPECT_EQ(got, (std::vector<Ipv4Address>{A, B, C, A, B, C, A}));
    EXPECT_EQ(s->GetAnswerCount(), 14u);
}

TEST(DnsAliasServer, UnknownNameIsNxDomainAndOtherTypesGetNoRecord)
{
    Ptr<DnsAliasServer> s = CreateObject<DnsAliasServer>();
    s->SetAttribute("Ttl", TimeValue(Seconds(30.9)));
    s->AddAlias("depot.example", {A});
    DnsMessage r;
    EXPECT_EQ(Ask(s, "nowhere.example", "10.1.0.1", &r), Ipv4Address::GetZero());
    EXPECT_EQ(r.rcode, DnsMessage::RCODE_NXDOMAIN);
    EXPECT_TRUE(r.authoritative);
    EXPECT_EQ(s->GetNxDomainCount(), 1u);
    EXPECT_EQ(Ask(s, "depot.example", "10.1.0.1", &r), A);
    EXPECT_EQ(r.rcode, DnsMessage::RCODE_OK);
    EXPECT_EQ(r.answers[0].ttl, 30u); // whole seconds, rounded down
    EXPECT_EQ(r.answers[0].name, "depot.example");
    DnsMessage mx = DnsMessage::MakeQuery(1, "depot.example");
    mx.qtype = 15;
    r = s->Respond(mx, "10.1.0.1");
    EXPECT_EQ(r.rcode, DnsMessage::RCODE_OK);
    EXPECT_TRUE(r.answers.empty());
    DnsMessage status = DnsMessage::MakeQuery(1, "depot.example");
    status.opcode = 2;
    EXPECT_EQ(s->Respond(status, "10.1.0.1").rcode, DnsMessage::RCODE_NOTIMP);
}

TEST(DnsAliasServer, LocalityPicksTheLongestClientPrefix)
{
    Ptr<DnsAliasServer> s = CreateObject<DnsAliasServer>();
    s->SetAttribute("Policy", StringValue("Locality"));
    s->AddAlias("depot.example", {A, B, C});
    s->AddLocality("10.1.0.0", "255.255.0.0", B);
    s->AddLocality("10.1.2.0", "255.255.255.0", C);
    s->AddLocality("10.0.0.0", "255.0.0.0", "10.200.0.1"); // not a depot of the alias
    EXPECT_EQ(Ask(s, "depot.example", "10.1.2.5"), C);
    EXPECT_EQ(Ask(s, "depot.example", "10.1.9.9"), B);
    EXPECT_EQ(Ask(s, "depot.example", "10.1.2.200"), C);
    EXPECT_EQ(s->GetLocalityMissCount(), 0u);
    // No usable prefix: round robin from the first address.
    EXPECT_EQ(Ask(s, "depot.example", "10.7.0.1"), A);
    EXPECT_EQ(Ask(s, "depot.example", "192.168.1.1"), B);
    EXPECT_EQ(s->GetLocalityMissCount(), 2u);
}

TEST(DnsAliasServer, HelperFillsLocalityFromHopCounts)
{
    // c1 - dA - r - dB - c2, one /24 per link: c1 is 1 hop from dA and 3 from dB.
    NodeContainer n;
    n.Create(5);
    InternetStackHelper().Install(n);
    PointToPointHelper p2p;
    Ipv4AddressHelper addr("10.5.0.0", "255.255.255.0");
    std::vector<Ipv4InterfaceContainer> ifs;
    for (uint32_t i = 0; i + 1 < 5; ++i)
    {
        ifs.push_back(addr.Assign(p2p.Install(n.Get(i), n.Get(i + 1))));
        addr.NewNetwork();
    }
    const Ipv4Address dA = ifs[0].GetAddress(1); // 10.5.0.2
    const Ipv4Address dB = ifs[3].GetAddress(0); // 10.5.3.1
    DnsAliasServerHelper h;
    h.SetAttribute("Policy", StringValue("Locality"));
    h.AddAlias("depot.example", {dB, dA});
    EXPECT_EQ(h.AddLocalityByHops(NodeContainer(n.Get(0), n.Get(4)), {dB, dA}), 2u);
    Ptr<DnsAliasServer> s = DynamicCast<DnsAliasServer>(h.Install(n.Get(2)).Get(0));
    EXPECT_EQ(s->GetLocalityCount(), 2u);
    EXPECT_EQ(Ask(s, "depot.example", ifs[0].GetAddress(0)), dA);
    EXPECT_EQ(Ask(s, "depot.example", ifs[3].GetAddress(1)), dB);
    EXPECT_EQ(s->GetLocalityMissCount(), 0u);
    Simulator::Destroy();
}
