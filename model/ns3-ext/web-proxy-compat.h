/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEB_PROXY_COMPAT_H
#define WEB_PROXY_COMPAT_H

#include "ns3/boolean.h"
#include "ns3/global-router-interface.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>

/**
 * \file
 * \ingroup web-proxy
 * The one place where differences between ns-3 releases are handled.
 *
 * Why here and not in the build: differences are detected by the compiler from the ns-3 headers
 * the module is compiled against (type traits and overload resolution), never by a
 * configure-time probe. A probe in an ns-3 source tree runs before the tree's headers exist and
 * can read the system's installed headers instead (Debian's 3.37 beside a 3.48 tree), and
 * ns3/version-defines.h is absent from default source-tree builds.
 *
 * Checked against ns-3.37 (Debian 12) and ns-3-dev 3.48. Known differences:
 * - Ipv4RoutingProtocol::RouteInput takes its callbacks by value up to 3.38 and by const
 *   reference from 3.39: declare overrides with WEB_PROXY_ROUTE_INPUT_CB.
 * - InternetStackHelper::SetTcp is gone from 3.39; from 3.39 Install keeps a TCP already
 *   aggregated to the node: use InstallInternetStackWithTcp.
 * - Ipv4L3Protocol's end-system model attribute is "WeakEsModel" (true: weak) up to 3.40 and
 *   "StrongEndSystemModel" (true: strong) from 3.41: use SetStrongEndSystem/IsStrongEndSystem.
 * - Random variables draw different numbers for the same seed: the workload's pinned trace
 *   hashes differ between 3.37 and 3.48 (tests pin both, chosen by NS3_3_39_OR_NEWER).
 * - EventId::IsRunning is gone in 3.46: the module only uses !%EventId::IsExpired().
 * - Object::GetInstanceTypeId is final from 3.45: the module never overrides it.
 * - Ipv4L3Protocol::PROT_NUMBER and PcapHelper::DLT_EN10MB are deprecated in ns-3-dev (to be
 *   removed after 3.49) for iana-ieee802-numbers.h, which 3.37 lacks: use IPV4_ETHERTYPE and
 *   PCAP_LINKTYPE_ETHERNET.
 * - Enum attributes changed in 3.41: the module exposes no EnumValue attribute; choices are
 *   StringValue attributes parsed by the class itself (AttributeChoice, attribute-choice.h).
 * - Global routing's per-node router is the class GlobalRouter up to 3.46 and the template
 *   GlobalRouter<Ipv4Manager> (Ipv4GlobalRouter) from 3.47, which added IPv6 global routing and
 *   its helper header ipv6-global-routing-helper.h: use AdvertiseGlobalRoute. A new header is
 *   the one safe test: a tree build may also see the system's older headers, never newer ones.
 */

namespace ns3
{
namespace compat
{

#if __has_include("ns3/ipv6-global-routing-helper.h")
/// The node's IPv4 global routing router (ns-3.47 and newer).
using GlobalRouterV4 = Ipv4GlobalRouter;
#else
/// The node's IPv4 global routing router (up to ns-3.46).
using GlobalRouterV4 = GlobalRouter;
#endif

/// IPv4's EtherType (IEEE 802 numbers), for Node::RegisterProtocolHandler.
inline constexpr uint16_t IPV4_ETHERTYPE = 0x0800;

/// The PCAP link type of Ethernet frames (LINKTYPE_ETHERNET, tcpdump.org).
inline constexpr uint32_t PCAP_LINKTYPE_ETHERNET = 1;

/// Parameter types of a member function, as a tuple.
template <typename F>
struct MemberFunctionArgs;

/// \copydoc MemberFunctionArgs
template <typename C, typename R, typename... A>
struct MemberFunctionArgs<R (C::*)(A...)>
{
    using Tuple = std::tuple<A...>; //!< the parameter types
};

/// True where RouteInput takes its callbacks by const reference (ns-3.39 and newer).
inline constexpr bool ROUTE_INPUT_CALLBACKS_BY_REFERENCE = std::is_reference_v<
    std::tuple_element_t<3, MemberFunctionArgs<decltype(&Ipv4RoutingProtocol::RouteInput)>::Tuple>>;

/**
 * True when compiled against ns-3.39 or newer. The RouteInput signature is the one difference
 * the compiler can see that tells the releases apart; only tests use this, to pick results
 * that depend on ns-3's own numbers.
 */
inline constexpr bool NS3_3_39_OR_NEWER = ROUTE_INPUT_CALLBACKS_BY_REFERENCE;

/// The parameter type of a RouteInput callback T in the ns-3 release compiled against.
template <typename T>
using RouteInputCallback = std::conditional_t<ROUTE_INPUT_CALLBACKS_BY_REFERENCE, const T&, T>;

/**
 * Up to ns-3.38: the helper creates the TCP named by SetTcp.
 * \param stack the helper
 * \param nodes where to install
 * \param tcp TypeId name of a TcpL4Protocol subclass
 * \return nothing; only chosen where SetTcp exists
 */
template <typename Helper>
auto
InstallWithTcp(Helper stack, NodeContainer nodes, const std::string& tcp, int)
    -> decltype(stack.SetTcp(tcp), void())
{
    stack.SetTcp(tcp);
    stack.Install(nodes);
}

/**
 * From ns-3.39: Install skips a protocol whose type (or a subclass of it) the node already
 * aggregates, so the TCP is aggregated first.
 * \param stack the helper
 * \param nodes where to install
 * \param tcp TypeId name of a TcpL4Protocol subclass
 */
template <typename Helper>
void
InstallWithTcp(Helper stack, NodeContainer nodes, const std::string& tcp, long)
{
    ObjectFactory factory(tcp);
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        (*it)->AggregateObject(factory.Create<Object>());
    }
    stack.Install(nodes);
}

} // namespace compat

/**
 * \ingroup web-proxy
 * Makes a node a strong end system (RFC 1122): it accepts a packet only on the interface that
 * has its destination address, which spares ns-3 a scan of every interface per forwarded
 * packet. The attribute is WeakEsModel=false up to ns-3.40, StrongEndSystemModel=true from
 * 3.41.
 * \param ipv4 the node's IPv4
 */
inline void
SetStrongEndSystem(Ptr<Ipv4> ipv4)
{
    if (!ipv4->SetAttributeFailSafe("StrongEndSystemModel", BooleanValue(true)))
    {
        ipv4->SetAttribute("WeakEsModel", BooleanValue(false));
    }
}

/**
 * \ingroup web-proxy
 * \param ipv4 a node's IPv4
 * \return whether the node is a strong end system (see SetStrongEndSystem)
 */
inline bool
IsStrongEndSystem(Ptr<Ipv4> ipv4)
{
    BooleanValue v;
    if (ipv4->GetAttributeFailSafe("StrongEndSystemModel", v))
    {
        return v.Get();
    }
    ipv4->GetAttribute("WeakEsModel", v);
    return !v.Get();
}

/**
 * \ingroup web-proxy
 * Installs an Internet stack whose TCP is \p tcp (a TcpL4Protocol subclass), in every ns-3
 * release from 3.37 on.
 * \param stack the helper, as configured by the caller
 * \param nodes where to install
 * \param tcp TypeId name of the TCP class
 */
inline void
InstallInternetStackWithTcp(const InternetStackHelper& stack,
                            NodeContainer nodes,
                            const std::string& tcp)
{
    compat::InstallWithTcp(stack, nodes, tcp, 0);
}

/**
 * \ingroup web-proxy
 * Has a node announce a prefix to global routing as an external route (GlobalRouter's
 * InjectRoute), in every ns-3 release from 3.37 on. Access networks behind a node use it to
 * stay out of global routing's shortest-path computation: one route per network instead of
 * one per host link, on every router.
 * \param node a node with global routing (InternetStackHelper's default)
 * \param network the prefix
 * \param mask its mask
 * \return false if the node has no global routing (nothing announced)
 */
inline bool
AdvertiseGlobalRoute(Ptr<Node> node, Ipv4Address network, Ipv4Mask mask)
{
    Ptr<compat::GlobalRouterV4> router = node->GetObject<compat::GlobalRouterV4>();
    if (!router)
    {
        return false;
    }
    router->InjectRoute(network.CombineMask(mask), mask);
    return true;
}

/**
 * \ingroup web-proxy
 * Withdraws a prefix that AdvertiseGlobalRoute announced from the node (the next
 * RecomputeRoutingTables forgets it).
 * \param node the node
 * \param network the prefix
 * \param mask its mask
 * \return false if the node did not announce it
 */
inline bool
WithdrawGlobalRoute(Ptr<Node> node, Ipv4Address network, Ipv4Mask mask)
{
    Ptr<compat::GlobalRouterV4> router = node->GetObject<compat::GlobalRouterV4>();
    for (uint32_t i = 0; router && i < router->GetNInjectedRoutes(); ++i)
    {
        const auto* route = router->GetInjectedRoute(i);
        if (route->GetDestNetwork() == network.CombineMask(mask)
            && route->GetDestNetworkMask() == mask)
        {
            router->RemoveInjectedRoute(i);
            return true;
        }
    }
    return false;
}

} // namespace ns3

/// Parameter type of a RouteInput callback T (by value up to ns-3.38, const& from 3.39).
#define WEB_PROXY_ROUTE_INPUT_CB(T) ::ns3::compat::RouteInputCallback<T>

#endif // WEB_PROXY_COMPAT_H
