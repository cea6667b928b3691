/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fault-injection-helper.h"

#include "ns3/abort.h"
#include "ns3/application.h"
#include "ns3/arp-cache.h"
#include "ns3/channel.h"
#include "ns3/csma-channel.h"
#include "ns3/csma-net-device.h"
#include "ns3/depot-standby.h"
#include "ns3/depot.h"
#include "ns3/error-model.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node-list.h"
#include "ns3/object-ptr-container.h"
#include "ns3/pointer.h"
#include "ns3/queue.h"
#include "ns3/simulator.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-socket-base.h"

#include <fstream>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FaultInjectionHelper");

namespace
{

// Application::StartApplication and StopApplication are private: ns-3 calls them once, at
// the start and stop times. A crash and a reboot are a stop and a start in the middle of the
// run. An explicit instantiation may name a private member (C++17 [temp.explicit]/12), which
// hands out pointers to them; calls through them dispatch virtually as ns-3's own do.
template <typename Tag, typename Tag::Member M>
struct Expose
{
    friend typename Tag::Member Get(Tag)
    {
        return M;
    }
};

struct StartTag
{
    using Member = void (Application::*)();
    friend Member Get(StartTag);
};

struct StopTag
{
    using Member = void (Application::*)();
    friend Member Get(StopTag);
};

template struct Expose<StartTag, &Application::StartApplication>;
template struct Expose<StopTag, &Application::StopApplication>;

// TcpSocketBase::CloseAndNotify (protected) releases a socket's endpoint and timers without
// sending anything: the socket vanishes as it does in a crashed host.
struct TcpVanish : public TcpSocketBase
{
    static void Vanish(Ptr<TcpSocketBase> socket)
    {
        void (TcpSocketBase::*release)() = &TcpVanish::CloseAndNotify;
        ((*socket).*release)();
    }
};

// A device that receives nothing (a point-to-point end whose node is down or whose cable is
// cut). Deterministic: a RateErrorModel at rate 1 would also do it but draws a random number
// per frame from a stream of its own, shifting the automatic stream numbers of the objects
// created after it.
class DropAll : public ErrorModel
{
    bool DoCorrupt(Ptr<Packet>) override
    {
        return IsEnabled(); // ErrorModel leaves Disable() to its subclasses
    }

    void DoReset() override {}
};

/// Take a device off its link; returns false for devices that have no link (loopback).
bool
Unplug(Ptr<NetDevice> d, Ptr<Object>* saved)
{
    if (Ptr<CsmaNetDevice> csma = DynamicCast<CsmaNetDevice>(d))
    {
        csma->GetQueue()->Flush();
        DynamicCast<CsmaChannel>(csma->GetChannel())->Detach(csma);
        return true;
    }
    TypeId::AttributeInformation info;
    if (!d->GetChannel()
        || !d->GetInstanceTypeId().LookupAttributeByName("ReceiveErrorModel", &info))
    {
        return false;
    }
    PointerValue old;
    d->GetAttribute("ReceiveErrorModel", old);
    *saved = old.Get<Object>();
    d->SetAttribute("ReceiveErrorModel", PointerValue(CreateObject<DropAll>()));
    return true;
}

void
Plug(Ptr<NetDevice> d, Ptr<Object> saved)
{
    if (Ptr<CsmaNetDevice> csma = DynamicCast<CsmaNetDevice>(d))
    {
        csma->GetQueue()->Flush(); // what the dead node's stack queued meanwhile
        DynamicCast<CsmaChannel>(csma->GetChannel())->Reattach(csma);
        return;
    }
    if (!saved)
    {
        // ns-3's pointer attributes refuse a null value: a device that had no error model
        // gets one that lets every frame through.
        Ptr<ErrorModel> pass = CreateObject<DropAll>();
        pass->Disable();
        saved = pass;
    }
    d->SetAttribute("ReceiveErrorModel", PointerValue(saved));
}

/// The devices on the other side of a device's link.
std::vector<Ptr<NetDevice>>
Neighbours(Ptr<NetDevice> d)
{
    std::vector<Ptr<NetDevice>> out;
    if (Ptr<Channel> c = d->GetChannel())
    {
        for (std::size_t i = 0; i < c->GetNDevices(); ++i)
        {
            if (c->GetDevice(i) != d)
            {
                out.push_back(c->GetDevice(i));
            }
        }
    }
    return out;
}

/// The neighbours re-resolve the device's addresses (see the class comment).
void
Announce(Ptr<NetDevice> d)
{
    Ptr<Ipv4L3Protocol> ipv4 = d->GetNode()->GetObject<Ipv4L3Protocol>();
    const int32_t own = ipv4 ? ipv4->GetInterfaceForDevice(d) : -1;
    if (own < 0)
    {
        return;
    }
    for (const auto& n : Neighbours(d))
    {
        Ptr<Ipv4L3Protocol> other = n->GetNode()->GetObject<Ipv4L3Protocol>();
        const int32_t j = other ? other->GetInterfaceForDevice(n) : -1;
        Ptr<ArpCache> cache = j >= 0 ? other->GetInterface(j)->GetArpCache() : nullptr;
        for (uint32_t a = 0; cache && a < ipv4->GetNAddresses(own); ++a)
        {
            ArpCache::Entry* e = cache->Lookup(ipv4->GetAddress(own, a).GetLocal());
            if (e && e->IsDead())
            {
                NS_LOG_INFO("node " << n->GetNode()->GetId() << " forgets its dead ARP entry for "
                                    << ipv4->GetAddress(own, a).GetLocal());
                cache->Remove(e);
            }
        }
    }
}

/// Every TCP socket of the node vanishes, silently.
void
VanishSockets(Ptr<Node> node)
{
    Ptr<TcpL4Protocol> tcp = node->GetObject<TcpL4Protocol>();
    if (!tcp)
    {
        return;
    }
    ObjectPtrContainerValue list;
    tcp->GetAttribute("SocketList", list);
    std::vector<Ptr<TcpSocketBase>> sockets;
    for (auto it = list.Begin(); it != list.End(); ++it)
    {
        if (Ptr<TcpSocketBase> s = DynamicCast<TcpSocketBase>(it->second))
        {
            sockets.push_back(s);
        }
    }
    for (const auto& s : sockets)
    {
        // The applications are stopped: no callback may reach them.
        s->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        s->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        s->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
        s->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                             MakeNullCallback<void, Ptr<Socket>>());
        s->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                             MakeNullCallback<void, Ptr<Socket>, const Address&>());
        TcpVanish::Vanish(s);
    }
}

/// The node's standby (it crashes and revives its node's depot and devices itself).
Ptr<DepotStandby>
StandbyOf(Ptr<Node> node)
{
    for (uint32_t i = 0; i < node->GetNApplications(); ++i)
    {
        if (Ptr<DepotStandby> s = DynamicCast<DepotStandby>(node->GetApplication(i)))
        {
            return s;
        }
    }
    return nullptr;
}

/// A time of the schedule format, or a negative time.
Time
ParseTime(const std::string& word)
{
    std::size_t used = 0;
    double value = -1;
    try
    {
        value = std::stod(word, &used);
    }
    catch (const std::exception&)
    {
        return Time(-1);
    }
    const std::string unit = word.substr(used);
    if (value < 0 || (unit != "s" && unit != "ms" && unit != "us"))
    {
        return Time(-1);
    }
    return unit == "s" ? Seconds(value)
                       : (unit == "ms" ? MilliSeconds(value) : MicroSeconds(value));
}

/// Set the Ipv4 interfaces of devices up or down (devices without one are skipped).
void
SetInterfaces(const std::vector<Ptr<NetDevice>>& devices, bool up)
{
    for (const auto& d : devices)
    {
        Ptr<Ipv4> ip = d->GetNode()->GetObject<Ipv4>();
        const int32_t i = ip ? ip->GetInterfaceForDevice(d) : -1;
        if (i >= 0)
        {
            up ? ip->SetUp(uint32_t(i)) : ip->SetDown(uint32_t(i));
        }
    }
}

} // namespace

FaultInjectionHelper::FaultInjectionHelper()
    : m_state(std::make_shared<State>())
{}

void
FaultInjectionHelper::Crash(Ptr<Node> node, Time at)
{
    NS_ABORT_MSG_IF(at < Simulator::Now(),
                    "FaultInjectionHelper: crash time " << at.As(Time::S) << " is in the past");
    FaultInjectionHelper self = *this;
    Simulator::Schedule(at - Simulator::Now(), [self, node]() mutable { self.CrashNow(node); });
}

void
FaultInjectionHelper::Revive(Ptr<Node> node, Time at)
{
    NS_ABORT_MSG_IF(at < Simulator::Now(),
                    "FaultInjectionHelper: revival time " << at.As(Time::S) << " is in the past");
    FaultInjectionHelper self = *this;
    Simulator::Schedule(at - Simulator::Now(), [self, node]() mutable { self.ReviveNow(node); });
}

void
FaultInjectionHelper::FailLink(Ptr<NetDevice> device, Time at)
{
    NS_ABORT_MSG_IF(at < Simulator::Now(),
                    "FaultInjectionHelper: link failure time " << at.As(Time::S)
                                                               << " is in the past");
    FaultInjectionHelper self = *this;
    Simulator::Schedule(at - Simulator::Now(),
                        [self, device]() mutable { self.FailLinkNow(device); });
}

void
FaultInjectionHelper::SetRerouteAfter(Time convergence)
{
    NS_ABORT_MSG_IF(convergence.IsStrictlyNegative(),
                    "FaultInjectionHelper: negative convergence time " << convergence.As(Time::S));
    m_state->reroute = true;
    m_state->convergence = convergence;
}

void
FaultInjectionHelper::RestoreLink(Ptr<NetDevice> device, Time at)
{
    NS_ABORT_MSG_IF(at < Simulator::Now(),
                    "FaultInjectionHelper: link restore time " << at.As(Time::S)
                                                               << " is in the past");
    FaultInjectionHelper self = *this;
    Simulator::Schedule(at - Simulator::Now(),
                        [self, device]() mutable { self.RestoreLinkNow(device); });
}

bool
FaultInjectionHelper::IsCrashed(Ptr<Node> node) const
{
    return m_state->nodes.count(node->GetId()) != 0;
}

void
FaultInjectionHelper::CrashNow(Ptr<Node> node)
{
    if (IsCrashed(node))
    {
        return;
    }
    NS_LOG_INFO("node " << node->GetId() << " crashes");
    Down& down = m_state->nodes[node->GetId()];
    down.crashed = true;
    Ptr<DepotStandby> standby = StandbyOf(node);
    if (standby)
    {
        standby->Fail(); // its devices, its depot, its heartbeats
    }
    else
    {
        for (uint32_t i = 0; i < node->GetNDevices(); ++i)
        {
            Ptr<Object> saved;
            if (Unplug(node->GetDevice(i), &saved))
            {
                down.devices.push_back(node->GetDevice(i));
                down.savedErrorModels.push_back(saved);
            }
        }
    }
    for (uint32_t i = 0; i < node->GetNApplications(); ++i)
    {
        Ptr<Application> app = node->GetApplication(i);
        if (DynamicCast<DepotStandby>(app) || (standby && DynamicCast<Depot>(app)))
        {
            continue;
        }
        if (Ptr<Depot> depot = DynamicCast<Depot>(app))
        {
            depot->Fail();
        }
        else
        {
            (PeekPointer(app)->*Get(StopTag{}))();
        }
        down.applications.push_back(app);
    }
    VanishSockets(node);
    if (Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>())
    {
        for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
        {
            if (Ptr<ArpCache> cache = ipv4->GetInterface(i)->GetArpCache())
            {
                cache->Flush();
            }
        }
    }
}

void
FaultInjectionHelper::ReviveNow(Ptr<Node> node)
{
    auto it = m_state->nodes.find(node->GetId());
    if (it == m_state->nodes.end())
    {
        return;
    }
    NS_LOG_INFO("node " << node->GetId() << " revives");
    const Down down = it->second;
    m_state->nodes.erase(it);
    for (std::size_t i = 0; i < down.devices.size(); ++i)
    {
        Plug(down.devices[i], down.savedErrorModels[i]);
    }
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        Announce(node->GetDevice(i));
    }
    if (Ptr<DepotStandby> standby = StandbyOf(node))
    {
        standby->Recover();
    }
    for (const auto& o : down.applications)
    {
        Ptr<Application> app = DynamicCast<Application>(o);
        if (Ptr<Depot> depot = DynamicCast<Depot>(app))
        {
            depot->Recover();
        }
        else
        {
            (PeekPointer(app)->*Get(StartTag{}))();
        }
    }
}

void
FaultInjectionHelper::FailLinkNow(Ptr<NetDevice> device)
{
    if (m_state->links.count(device) != 0)
    {
        return;
    }
    Down& down = m_state->links[device];
    std::vector<Ptr<NetDevice>> ends{device};
    if (!DynamicCast<CsmaNetDevice>(device))
    {
        ends = Neighbours(device); // a cut wire: no end hears the other
        ends.push_back(device);
    }
    for (const auto& d : ends)
    {
        Ptr<Object> saved;
        if (Unplug(d, &saved))
        {
            down.devices.push_back(d);
            down.savedErrorModels.push_back(saved);
        }
    }
    NS_ABORT_MSG_IF(down.devices.empty(),
                    "FaultInjectionHelper: device " << device->GetIfIndex() << " of node "
                                                    << device->GetNode()->GetId()
                                                    << " has no link to fail");
    if (m_state->reroute)
    {
        std::shared_ptr<State> state = m_state;
        down.reroute = Simulator::Schedule(m_state->convergence,
                                           [state, device]()
                                           {
                                               Down& d = state->links.at(device);
                                               SetInterfaces(d.devices, false);
                                               d.routedAround = true;
                                               Ipv4GlobalRoutingHelper::RecomputeRoutingTables();
                                           });
    }
}

void
FaultInjectionHelper::RestoreLinkNow(Ptr<NetDevice> device)
{
    auto it = m_state->links.find(device);
    if (it == m_state->links.end())
    {
        return;
    }
    Down down = it->second;
    m_state->links.erase(it);
    down.reroute.Cancel();
    for (std::size_t i = 0; i < down.devices.size(); ++i)
    {
        Plug(down.devices[i], down.savedErrorModels[i]);
    }
    if (down.routedAround)
    {
        SetInterfaces(down.devices, true);
        Ipv4GlobalRoutingHelper::RecomputeRoutingTables();
    }
    for (const auto& d : down.devices)
    {
        Announce(d);
        for (const auto& n : Neighbours(d))
        {
            Announce(n);
        }
    }
}

void
FaultInjectionHelper::AddLine(const std::string& line, const std::string& where)
{
    std::istringstream is(line.substr(0, line.find('#')));
    std::vector<std::string> w;
    for (std::string s; is >> s;)
    {
        w.push_back(s);
    }
    if (w.empty())
    {
        return;
    }
    const auto fail = [&](const std::string& what)
    {
        NS_FATAL_ERROR(where << ": " << what << " in '" << line << "'");
    };
    const Time at = ParseTime(w[0]);
    if (at.IsStrictlyNegative())
    {
        fail("bad time '" + w[0] + "' (a number >= 0 with unit s, ms or us)");
    }
    const bool link = w.size() > 1 && (w[1] == "fail-link" || w[1] == "restore-link");
    if (w.size() < 2 || (!link && w[1] != "crash" && w[1] != "revive"))
    {
        fail("unknown action '" + (w.size() > 1 ? w[1] : std::string())
             + "' (crash, revive, fail-link, restore-link)");
    }
    if (w.size() != (link ? 4u : 3u))
    {
        fail(std::string("expected ")
             + (link ? "<time> <action> <node> <device index>" : "<time> <action> <node>"));
    }
    Ptr<Node> node = Names::Find<Node>(w[2]);
    if (!node && w[2].find_first_not_of("0123456789") == std::string::npos
        && std::stoul(w[2]) < NodeList::GetNNodes())
    {
        node = NodeList::GetNode(std::stoul(w[2]));
    }
    if (!node)
    {
        fail("no node '" + w[2] + "' (a name given with Names::Add or a node id)");
    }
    if (at < Simulator::Now())
    {
        fail("time " + w[0] + " is in the past");
    }
    if (!link)
    {
        w[1] == "crash" ? Crash(node, at) : Revive(node, at);
        return;
    }
    if (w[3].find_first_not_of("0123456789") != std::string::npos
        || std::stoul(w[3]) >= node->GetNDevices())
    {
        fail("node " + w[2] + " has no device '" + w[3] + "' (0 to "
             + std::to_string(node->GetNDevices() - 1) + ")");
    }
    Ptr<NetDevice> d = node->GetDevice(std::stoul(w[3]));
    w[1] == "fail-link" ? FailLink(d, at) : RestoreLink(d, at);
}

void
FaultInjectionHelper::ScheduleFile(const std::string& path)
{
    std::ifstream in(path);
    NS_ABORT_MSG_IF(!in, "FaultInjectionHelper: cannot read schedule file '" << path << "'");
    uint32_t n = 0;
    for (std::string line; std::getline(in, line);)
    {
        AddLine(line, path + ":" + std::to_string(++n));
    }
}

} // namespace ns3
