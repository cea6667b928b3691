/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipv4-end-point-search.h"

#include "private-member-access.h"

#include "ns3/ipv4-end-point.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4-interface.h"
#include "ns3/net-device.h"

#include <utility>
#include <vector>

namespace ns3
{

namespace
{

// Ipv4EndPoint's fields, read without its out-of-line accessors (see the class description).
struct LocalAddressTag
{
    using Type = Ipv4Address Ipv4EndPoint::*;
    friend Type Get(LocalAddressTag);
};

struct LocalPortTag
{
    using Type = uint16_t Ipv4EndPoint::*;
    friend Type Get(LocalPortTag);
};

struct PeerAddressTag
{
    using Type = Ipv4Address Ipv4EndPoint::*;
    friend Type Get(PeerAddressTag);
};

struct PeerPortTag
{
    using Type = uint16_t Ipv4EndPoint::*;
    friend Type Get(PeerPortTag);
};

struct BoundDeviceTag
{
    using Type = Ptr<NetDevice> Ipv4EndPoint::*;
    friend Type Get(BoundDeviceTag);
};

struct RxEnabledTag
{
    using Type = bool Ipv4EndPoint::*;
    friend Type Get(RxEnabledTag);
};

template struct PrivateMemberAccess<LocalAddressTag, &Ipv4EndPoint::m_localAddr>;
template struct PrivateMemberAccess<LocalPortTag, &Ipv4EndPoint::m_localPort>;
template struct PrivateMemberAccess<PeerAddressTag, &Ipv4EndPoint::m_peerAddr>;
template struct PrivateMemberAccess<PeerPortTag, &Ipv4EndPoint::m_peerPort>;
template struct PrivateMemberAccess<BoundDeviceTag, &Ipv4EndPoint::m_boundnetdevice>;
template struct PrivateMemberAccess<RxEnabledTag, &Ipv4EndPoint::m_rxEnabled>;

/// The bound device, without a reference count change.
const NetDevice*
BoundDevice(const Ipv4EndPoint* e)
{
    return PeekPointer(e->*Get(BoundDeviceTag()));
}

/// Ipv4EndPointDemux::Lookup's classes, most exact last.
enum MatchClass
{
    ANY_LOCAL_ANY_PEER = 0, // "case 1": local port only
    EXACT_LOCAL_ANY_PEER,   // "case 2": local address and port
    ANY_LOCAL_EXACT_PEER,   // "case 3": all but the local address
    FOUR_TUPLE,             // "case 4"
    CLASSES
};

} // namespace

bool
Ipv4EndPointSearch::FindExact(Ipv4EndPointDemux::EndPoints& list,
                              const Segment& s,
                              const Ptr<NetDevice>& device,
                              ExactHit& hit)
{
    const NetDevice* dev = PeekPointer(device);
    auto matches = [&](const Ipv4EndPoint* e)
    {
        if (e->*Get(PeerPortTag()) != s.sport || e->*Get(LocalPortTag()) != s.dport
            || e->*Get(PeerAddressTag()) != s.saddr || e->*Get(LocalAddressTag()) != s.daddr
            || !(e->*Get(RxEnabledTag())))
        {
            return false;
        }
        const NetDevice* bound = BoundDevice(e);
        return !bound || bound == dev;
    };
    auto front = list.begin();
    auto back = list.end();
    for (uint32_t steps = 0; front != back; ++steps)
    {
        if (matches(*front))
        {
            hit = {front, steps, false};
            return true;
        }
        ++front;
        if (front == back)
        {
            break;
        }
        --back;
        if (matches(*back))
        {
            hit = {back, steps, true};
            return true;
        }
    }
    return false;
}

bool
Ipv4EndPointSearch::GetConnection(const Ipv4EndPoint* e, Segment& tuple)
{
    const Ipv4Address any = Ipv4Address::GetAny();
    const Ipv4Address& local = e->*Get(LocalAddressTag());
    const Ipv4Address& peer = e->*Get(PeerAddressTag());
    const uint16_t peerPort = e->*Get(PeerPortTag());
    if (local == any || peer == any || peerPort == 0)
    {
        return false;
    }
    tuple = {local, e->*Get(LocalPortTag()), peer, peerPort};
    return true;
}

Ipv4EndPointSearch::Choice
Ipv4EndPointSearch::Lookup(const Ipv4EndPointDemux::EndPoints& list,
                           const Segment& s,
                           const Ptr<Ipv4Interface>& incomingInterface)
{
    return Lookup(list.begin(), list.end(), s, incomingInterface);
}

Ipv4EndPointSearch::Choice
Ipv4EndPointSearch::Lookup(Ipv4EndPointDemux::EndPoints::const_iterator first,
                           Ipv4EndPointDemux::EndPoints::const_iterator last,
                           const Segment& s,
                           const Ptr<Ipv4Interface>& incomingInterface)
{
    const Ipv4Address any = Ipv4Address::GetAny();
    const NetDevice* device
        = incomingInterface ? PeekPointer(incomingInterface->GetDevice()) : nullptr;
    // The interface's subnets, for ns-3's subnet-directed case (a local address equal to the
    // network part of one of them, the destination in that subnet), computed once.
    std::vector<std::pair<Ipv4Address, bool>> subnets; // network part, destination inside
    if (incomingInterface)
    {
        for (uint32_t i = 0; i < incomingInterface->GetNAddresses(); ++i)
        {
            const Ipv4InterfaceAddress a = incomingInterface->GetAddress(i);
            const Ipv4Address net = a.GetLocal().CombineMask(a.GetMask());
            subnets.emplace_back(net, s.daddr.CombineMask(a.GetMask()) == net);
        }
    }
    Ipv4EndPoint* best[CLASSES] = {};
    uint32_t count[CLASSES] = {};
    auto add = [&](MatchClass c, Ipv4EndPoint* e)
    {
        if (count[c]++ == 0)
        {
            best[c] = e;
        }
    };
    for (; first != last; ++first)
    {
        Ipv4EndPoint* e = *first;
        if (!(e->*Get(RxEnabledTag())) || e->*Get(LocalPortTag()) != s.dport)
        {
            continue;
        }
        const NetDevice* bound = BoundDevice(e);
        if (bound && bound != device)
        {
            continue;
        }
        const Ipv4Address& local = e->*Get(LocalAddressTag());
        const bool localExact = local == s.daddr;
        bool localWild = false;
        if (!localExact)
        {
            localWild = local == any;
            // As ns-3: every subnet whose network part is the local address counts, the last
            // one's verdict included (ns-3 ORs them).
            for (const auto& [net, inside] : subnets)
            {
                localWild = localWild || (local == net && inside);
            }
            if (!localWild)
            {
                continue;
            }
        }
        const uint16_t peerPort = e->*Get(PeerPortTag());
        const Ipv4Address& peer = e->*Get(PeerAddressTag());
        const bool portExact = peerPort == s.sport;
        const bool portWild = peerPort == 0;
        const bool peerExact = peer == s.saddr;
        const bool peerWild = peer == any;
        if (!(portExact || portWild) || !(peerExact || peerWild))
        {
            continue;
        }
        // As ns-3, an endpoint may fall in more than one class (a segment from port 0).
        if (localExact && peerExact && portExact)
        {
            add(FOUR_TUPLE, e);
        }
        if (localWild && peerExact && portExact)
        {
            add(ANY_LOCAL_EXACT_PEER, e);
        }
        if (localExact && peerWild && portWild)
        {
            add(EXACT_LOCAL_ANY_PEER, e);
        }
        if (localWild && peerWild && portWild)
        {
            add(ANY_LOCAL_ANY_PEER, e);
        }
    }
    for (int c = FOUR_TUPLE; c >= ANY_LOCAL_ANY_PEER; --c)
    {
        if (count[c] > 0 || c == ANY_LOCAL_ANY_PEER)
        {
            Choice choice;
            choice.candidates = count[c];
            choice.endPoint = count[c] == 1 ? best[c] : nullptr;
            return choice;
        }
    }
    return {};
}

} // namespace ns3
