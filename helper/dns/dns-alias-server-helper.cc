/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dns-alias-server-helper.h"

#include "ns3/channel.h"
#include "ns3/dns-alias-server.h"
#include "ns3/ipv4.h"
#include "ns3/net-device.h"
#include "ns3/node-list.h"
#include "ns3/uinteger.h"

#include <deque>
#include <limits>
#include <map>
#include <optional>

namespace ns3
{

namespace
{

/// Links (channels) from a node to every node it reaches.
std::map<uint32_t, uint32_t>
HopsFrom(Ptr<Node> start)
{
    std::map<uint32_t, uint32_t> hops{{start->GetId(), 0}};
    std::deque<Ptr<Node>> todo{start};
    while (!todo.empty())
    {
        Ptr<Node> n = todo.front();
        todo.pop_front();
        for (uint32_t d = 0; d < n->GetNDevices(); ++d)
        {
            Ptr<Channel> ch = n->GetDevice(d)->GetChannel();
            for (uint32_t i = 0; ch && i < ch->GetNDevices(); ++i)
            {
                Ptr<Node> m = ch->GetDevice(i)->GetNode();
                if (hops.emplace(m->GetId(), hops[n->GetId()] + 1).second)
                {
                    todo.push_back(m);
                }
            }
        }
    }
    return hops;
}

/// \return the id of the node owning the address, or nothing
std::optional<uint32_t>
OwnerOf(Ipv4Address a)
{
    for (uint32_t i = 0; i < NodeList::GetNNodes(); ++i)
    {
        Ptr<Ipv4> ip = NodeList::GetNode(i)->GetObject<Ipv4>();
        if (ip && ip->GetInterfaceForAddress(a) >= 0)
        {
            return i;
        }
    }
    return std::nullopt;
}

} // namespace

DnsAliasServerHelper::DnsAliasServerHelper(uint16_t port)
{
    m_factory.SetTypeId(DnsAliasServer::GetTypeId());
    m_factory.Set("Port", UintegerValue(port));
}

void
DnsAliasServerHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
DnsAliasServerHelper::AddAlias(const std::string& name, const std::vector<Ipv4Address>& addresses)
{
    m_aliases.emplace_back(name, addresses);
}

void
DnsAliasServerHelper::AddLocality(Ipv4Address prefix, Ipv4Mask mask, Ipv4Address preferred)
{
    m_locality.push_back(Locality{prefix, mask, preferred});
}

uint32_t
DnsAliasServerHelper::AddLocalityByHops(NodeContainer clients,
                                        const std::vector<Ipv4Address>& candidates)
{
    std::vector<std::optional<uint32_t>> owners;
    for (Ipv4Address a : candidates)
    {
        owners.push_back(OwnerOf(a));
    }
    uint32_t added = 0;
    for (auto it = clients.Begin(); it != clients.End(); ++it)
    {
        const std::map<uint32_t, uint32_t> hops = HopsFrom(*it);
        uint32_t best = std::numeric_limits<uint32_t>::max();
        std::optional<Ipv4Address> nearest;
        for (size_t c = 0; c < candidates.size(); ++c)
        {
            auto h = owners[c] ? hops.find(*owners[c]) : hops.end();
            if (h != hops.end() && h->second < best)
            {
                best = h->second;
                nearest = candidates[c];
            }
        }
        Ptr<Ipv4> ip = (*it)->GetObject<Ipv4>();
        for (uint32_t i = 0; nearest && ip && i < ip->GetNInterfaces(); ++i)
        {
            for (uint32_t k = 0; k < ip->GetNAddresses(i); ++k)
            {
                const Ipv4InterfaceAddress a = ip->GetAddress(i, k);
                if (!a.GetLocal().IsLocalhost())
                {
                    AddLocality(a.GetLocal().CombineMask(a.GetMask()), a.GetMask(), *nearest);
                    ++added;
                }
            }
        }
    }
    return added;
}

ApplicationContainer
DnsAliasServerHelper::Install(Ptr<Node> node) const
{
    Ptr<DnsAliasServer> app = m_factory.Create<DnsAliasServer>();
    for (const auto& [name, addresses] : m_aliases)
    {
        app->AddAlias(name, addresses);
    }
    for (const Locality& l : m_locality)
    {
        app->AddLocality(l.prefix, l.mask, l.preferred);
    }
    node->AddApplication(app);
    return ApplicationContainer(app);
}

ApplicationContainer
DnsAliasServerHelper::Install(NodeContainer nodes) const
{
    ApplicationContainer apps;
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        apps.Add(Install(*i));
    }
    return apps;
}

} // namespace ns3
