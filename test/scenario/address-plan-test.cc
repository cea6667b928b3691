/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * AddressPlan: first-fit aligned blocks that never overlap, named conflicts, the printed
 * plan, and a small routed topology addressed from it.
 */
#include "ns3/address-plan.h"
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/simple-net-device-helper.h"

#include <gtest/gtest.h>

#include <string>

using namespace ns3;

namespace
{
/// The kind of error a call throws, and its message.
template <typename F>
std::pair<AddressPlanError::Kind, std::string>
Throws(F f)
{
    try
    {
        f();
    }
    catch (const AddressPlanError& e)
    {
        return {e.GetKind(), e.what()};
    }
    ADD_FAILURE() << "no AddressPlanError";
    return {AddressPlanError::OVERLAP, ""};
}
} // namespace

TEST(AddressPlan, BlocksAreAlignedFirstFitAndNeverOverlap)
{
    AddressPlan plan;
    plan.AddPool("backbone", "10.0.0.0", 16);
    EXPECT_EQ(plan.Allocate("backbone", "l0", 30).ToString(), "10.0.0.0/30");
    // A /24 cannot start at 10.0.0.4: the next /24 boundary.
    EXPECT_EQ(plan.Allocate("backbone", "lan", 24).ToString(), "10.0.1.0/24");
    EXPECT_EQ(plan.Allocate("backbone", "l1", 30).ToString(), "10.0.0.4/30");
    EXPECT_EQ(plan.Allocate("backbone", "l2", 29).ToString(), "10.0.0.8/29");
    EXPECT_EQ(plan.Allocate("backbone", "l3", 30).ToString(), "10.0.0.16/30");
    // Every pair of blocks is disjoint (checked on the address ranges).
    const auto blocks = plan.GetBlocks();
    for (size_t i = 0; i < blocks.size(); ++i)
    {
        for (size_t j = i + 1; j < blocks.size(); ++j)
        {
            const uint64_t ai = blocks[i].network.Get();
            const uint64_t aj = blocks[j].network.Get();
            EXPECT_TRUE(ai + blocks[i].GetSize() <= aj || aj + blocks[j].GetSize() <= ai)
                << blocks[i].name << " and " << blocks[j].name;
        }
    }
    EXPECT_EQ(plan.Get("lan").GetMask(), Ipv4Mask("255.255.255.0"));
    // A small pool runs out.
    plan.AddPool("tiny", "192.168.0.0", 29);
    plan.Allocate("tiny", "t0", 30);
    plan.Allocate("tiny", "t1", 30);
    auto [kind, what] = Throws([&]() { plan.Allocate("tiny", "t2", 30); });
    EXPECT_EQ(kind, AddressPlanError::POOL_EXHAUSTED);
    EXPECT_EQ(what, "POOL_EXHAUSTED: block 't2': no free /30 left in pool 'tiny' 192.168.0.0/29");
}

TEST(AddressPlan, ConflictsNameBothBlocks)
{
    AddressPlan plan;
    plan.AddPool("pop", "10.1.0.0", 16);
    plan.Allocate("pop", "pop-1", 24);
    plan.Allocate("pop", "pop-2", 24);
    auto [kind, what] = Throws([&]() { plan.Reserve("legacy", "10.1.1.128", 25); });
    EXPECT_EQ(kind, AddressPlanError::OVERLAP);
    EXPECT_EQ(what,
              "OVERLAP: reserved block 'legacy' 10.1.1.128/25 overlaps block 'pop-2' 10.1.1.0/24");
    // A block reserved first is skipped by later allocations.
    EXPECT_EQ(plan.Reserve("legacy", "10.1.2.0", 23).pool, "pop");
    EXPECT_EQ(plan.Allocate("pop", "pop-3", 24).ToString(), "10.1.4.0/24");
    EXPECT_EQ(Throws([&]() { plan.AddPool("wide", "10.0.0.0", 8); }).second,
              "OVERLAP: pool 'wide' 10.0.0.0/8 overlaps pool 'pop' 10.1.0.0/16");
    EXPECT_EQ(Throws([&]() { plan.Reserve("x", "172.16.0.1", 30); }).second,
              "MISALIGNED: 'x': 172.16.0.1/30 has host bits set");
    EXPECT_EQ(Throws([&]() { plan.Allocate("pop", "pop-1", 24); }).first,
              AddressPlanError::DUPLICATE_NAME);
    EXPECT_EQ(Throws([&]() { plan.Allocate("farm", "f", 28); }).first,
              AddressPlanError::UNKNOWN_NAME);
    EXPECT_EQ(Throws([&]() { plan.Allocate("pop", "big", 8); }).first,
              AddressPlanError::BAD_PREFIX);
    EXPECT_EQ(Throws([&]() { plan.Get("nothing"); }).first, AddressPlanError::UNKNOWN_NAME);
}

TEST(AddressPlan, PrintsThePlan)
{
    AddressPlan plan;
    plan.AddPool("backbone", "10.0.0.0", 24);
    plan.AddPool("farm", "10.2.0.0", 24);
    plan.Allocate("farm", "web", 28);
    plan.Allocate("backbone", "r0-r1", 30);
    plan.Reserve("mgmt", "172.16.0.0", 24);
    EXPECT_EQ(plan.Print(),
              "address plan: 2 pools, 3 blocks\n"
              "pool  backbone  10.0.0.0/24         1 blocks, 4 of 256 addresses\n"
              "pool  farm      10.2.0.0/24         1 blocks, 16 of 256 addresses\n"
              "block r0-r1     10.0.0.0/30         allocated in pool backbone\n"
              "block web       10.2.0.0/28         allocated in pool farm\n"
              "block mgmt      172.16.0.0/24       reserved in no pool\n");
}

TEST(AddressPlan, AddressesASmallRoutedTopology)
{
    // pop-0 LAN - r0 - r1 - r2 - pop-1 LAN, a server farm behind r1.
    AddressPlan plan;
    plan.AddPool("backbone", "10.0.0.0", 16);
    plan.AddPool("pop", "10.1.0.0", 16);
    plan.AddPool("farm", "10.2.0.0", 16);
    NodeContainer routers;
    routers.Create(3);
    NodeContainer pop0;
    pop0.Create(2);
    NodeContainer pop1;
    pop1.Create(2);
    NodeContainer farm;
    farm.Create(1);
    InternetStackHelper stack;
    stack.Install(routers);
    stack.Install(pop0);
    stack.Install(pop1);
    stack.Install(farm);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    CsmaHelper csma;
    auto assign = [&](const std::string& pool,
                      const std::string& name,
                      uint32_t prefix,
                      NetDeviceContainer devs)
    {
        return plan.Allocate(pool, name, prefix).MakeHelper().Assign(devs);
    };
    assign("backbone", "r0-r1", 30, p2p.Install(routers.Get(0), routers.Get(1)));
    assign("backbone", "r1-r2", 30, p2p.Install(routers.Get(1), routers.Get(2)));
    Ipv4InterfaceContainer lan0 = assign(
        "pop", "pop-0", 24, csma.Install(NodeContainer(NodeContainer(routers.Get(0)), pop0)));
    Ipv4InterfaceContainer lan1 = assign(
        "pop", "pop-1", 24, csma.Install(NodeContainer(NodeContainer(routers.Get(2)), pop1)));
    Ipv4InterfaceContainer web
        = assign("farm", "web", 28, p2p.Install(routers.Get(1), farm.Get(0)));
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    EXPECT_EQ(lan0.GetAddress(1), Ipv4Address("10.1.0.2"));
    EXPECT_EQ(lan1.GetAddress(2), Ipv4Address("10.1.1.3"));
    EXPECT_EQ(web.GetAddress(1), Ipv4Address("10.2.0.2"));
    EXPECT_EQ(routers.Get(2)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal(),
              Ipv4Address("10.0.0.6"));

    UdpEchoServerHelper echo(9);
    echo.Install(farm.Get(0));
    ApplicationContainer clients;
    for (Ipv4InterfaceContainer* lan : {&lan0, &lan1})
    {
        UdpEchoClientHelper c(web.GetAddress(1), 9);
        c.SetAttribute("MaxPackets", UintegerValue(1));
        clients.Add(c.Install(lan == &lan0 ? pop0.Get(0) : pop1.Get(1)));
    }
    uint32_t echoed = 0;
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        clients.Get(i)->TraceConnectWithoutContext(
            "Rx",
            MakeBoundCallback(
                +[](uint32_t* n, Ptr<const Packet>) { ++*n; }, &echoed));
    }
    clients.Start(Seconds(1));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    Simulator::Destroy();
    EXPECT_EQ(echoed, 2u); // both PoPs reach the farm across the backbone
}

TEST(AddressPlan, PrefixForTheSmallestBlockThatHoldsTheAddresses)
{
    EXPECT_EQ(AddressPlan::PrefixFor(1), 32u);
    EXPECT_EQ(AddressPlan::PrefixFor(2), 31u);
    EXPECT_EQ(AddressPlan::PrefixFor(3), 30u);
    EXPECT_EQ(AddressPlan::PrefixFor(4), 30u);
    EXPECT_EQ(AddressPlan::PrefixFor(5), 29u);
    EXPECT_EQ(AddressPlan::PrefixFor(65536), 16u);
    EXPECT_EQ(AddressPlan::PrefixFor(65537), 15u);
    EXPECT_EQ(AddressPlan::PrefixFor(uint64_t{1} << 32), 0u);
    EXPECT_EQ(Throws([] { AddressPlan::PrefixFor(0); }).first, AddressPlanError::BAD_PREFIX);
    EXPECT_EQ(Throws([] { AddressPlan::PrefixFor((uint64_t{1} << 32) + 1); }).first,
              AddressPlanError::BAD_PREFIX);
}

TEST(AddressPlan, AssignRefusesMoreDevicesThanTheBlockHasHostAddresses)
{
    // A /30 has 2 host addresses: 2 devices get .1 and .2; a third would make ns-3's helper
    // wrap round to .1 again (a collision that aborts far from its cause).
    AddressPlan plan;
    plan.AddPool("p", Ipv4Address("10.5.0.0"), 24);
    const AddressPlan::Block b = plan.Allocate("p", "link", 30);
    NodeContainer n(3);
    InternetStackHelper().Install(n);
    SimpleNetDeviceHelper devices;
    Ipv4InterfaceContainer two = b.Assign(devices.Install(NodeContainer(n.Get(0), n.Get(1))));
    EXPECT_EQ(two.GetAddress(0), Ipv4Address("10.5.0.1"));
    EXPECT_EQ(two.GetAddress(1), Ipv4Address("10.5.0.2"));
    const AddressPlan::Block c = plan.Allocate("p", "lan", 30);
    try
    {
        c.Assign(devices.Install(n));
        FAIL() << "three devices in a /30";
    }
    catch (const AddressPlanError& e)
    {
        EXPECT_EQ(e.GetKind(), AddressPlanError::TOO_SMALL);
        EXPECT_STREQ(e.what(),
                     "TOO_SMALL: block lan (10.5.0.4/30) has 2 host addresses for 3 devices");
    }
    Simulator::Destroy();
}

TEST(AddressPlan, LinkNumbersANewSlash30AndLeavesNoLinkWhenThePoolIsFull)
{
    AddressPlan plan;
    plan.AddPool("links", Ipv4Address("10.6.0.0"), 29); // room for two /30s
    NodeContainer n(3);
    InternetStackHelper().Install(n);
    PointToPointHelper p2p;
    const NetDeviceContainer ab = plan.Link(p2p, n.Get(0), n.Get(1), "links", "a-b");
    ASSERT_EQ(ab.GetN(), 2u);
    EXPECT_EQ(ab.Get(0)->GetNode(), n.Get(0));
    auto address = [](Ptr<NetDevice> d)
    {
        Ptr<Ipv4> ip = d->GetNode()->GetObject<Ipv4>();
        return ip->GetAddress(ip->GetInterfaceForDevice(d), 0).GetLocal();
    };
    EXPECT_EQ(address(ab.Get(0)), Ipv4Address("10.6.0.1"));
    EXPECT_EQ(address(ab.Get(1)), Ipv4Address("10.6.0.2"));
    EXPECT_EQ(plan.Get("a-b").ToString(), "10.6.0.0/30");
    const NetDeviceContainer bc = plan.Link(p2p, n.Get(1), n.Get(2), "links", "b-c");
    EXPECT_EQ(address(bc.Get(1)), Ipv4Address("10.6.0.6"));
    // The pool is full: an error naming it, and no device was added to either node.
    const uint32_t devices = n.Get(0)->GetNDevices() + n.Get(2)->GetNDevices();
    EXPECT_EQ(Throws([&] { plan.Link(p2p, n.Get(0), n.Get(2), "links", "a-c"); }).first,
              AddressPlanError::POOL_EXHAUSTED);
    EXPECT_EQ(n.Get(0)->GetNDevices() + n.Get(2)->GetNDevices(), devices);
    // A taken name, likewise.
    plan.AddPool("more", Ipv4Address("10.7.0.0"), 24);
    EXPECT_EQ(Throws([&] { plan.Link(p2p, n.Get(0), n.Get(2), "more", "a-b"); }).first,
              AddressPlanError::DUPLICATE_NAME);
    EXPECT_EQ(n.Get(0)->GetNDevices() + n.Get(2)->GetNDevices(), devices);
    Simulator::Destroy();
}
