/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "proxy-router.h"

#include "ns3/inet-socket-address.h"

#include <algorithm>

namespace ns3
{

namespace http = boost::beast::http;

void
ProxyRouter::Configure(const Address& origin, const Address& parent, bool intercepting)
{
    m_origin = origin;
    m_parent = parent;
    m_intercepting = intercepting;
}

void
ProxyRouter::SetResolver(Resolver resolver)
{
    m_resolver = std::move(resolver);
}

Address
ProxyRouter::Resolve(const std::string& host) const
{
    if (m_resolver)
    {
        Address a = m_resolver(host);
        if (!a.IsInvalid())
        {
            return a;
        }
    }
    if (!host.empty() && host.find_first_not_of("0123456789.") == std::string::npos
        && std::count(host.begin(), host.end(), '.') == 3)
    {
        return InetSocketAddress(Ipv4Address(host.c_str()), 80);
    }
    return Address();
}

ProxyRouter::Outcome
ProxyRouter::Decide(const HttpRequestHeader& request, Route& route) const
{
    auto target = HttpTarget::Parse(std::string(request.target()));
    if (!target)
    {
        return MALFORMED;
    }
    std::string hostPort
        = target->absolute ? target->host : std::string(request[http::field::host]);
    const bool byHost = !target->absolute && m_origin.IsInvalid();
    if (byHost && (!m_intercepting || hostPort.empty()))
    {
        // A forward proxy needs the absolute URI to know where to go; an intercepting one
        // takes the Host field (the client believes it talks to the origin).
        return MALFORMED;
    }
    route.host = hostPort.substr(0, hostPort.find(':'));
    route.path = target->path;
    route.url = "http://" + hostPort + route.path;
    if (!m_parent.IsInvalid())
    {
        route.server = m_parent;
    }
    else if (!target->absolute && !byHost)
    {
        route.server = m_origin;
    }
    else
    {
        route.server = Resolve(route.host);
    }
    return route.server.IsInvalid() ? UNRESOLVABLE : ROUTED;
}

} // namespace ns3
