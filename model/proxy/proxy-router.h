/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PROXY_ROUTER_H
#define PROXY_ROUTER_H

#include "ns3/address.h"
#include "ns3/http-message.h"

#include <functional>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Where a ConnectionCache sends a request ([PROXIM] §IV.C): to the parent proxy when there
 * is one, to the reverse proxy's origin for an origin-form target, else to the host of the
 * absolute URI (or, when intercepting, of the Host field), resolved by name.
 */
class ProxyRouter
{
  public:
    /// Maps a host name (without port) to the address of its origin server.
    using Resolver = std::function<Address(const std::string& host)>;

    /// Where a request goes.
    struct Route
    {
        std::string host; //!< origin host, without port
        std::string path; //!< path and query
        std::string url;  //!< "http://host/path"
        Address server;   //!< where a miss goes (origin or parent); invalid: unresolvable
    };

    /// What Decide found.
    enum Outcome
    {
        ROUTED,      //!< every field of the route is set
        MALFORMED,   //!< bad target, or origin-form without an Origin: nothing is set
        UNRESOLVABLE //!< host, path and url are set, the server is not
    };

    /**
     * \brief Set the upstream configuration (the proxy's Origin and Parent attributes).
     * \param origin reverse proxy origin; invalid: a forward proxy
     * \param parent parent proxy; invalid: go to the origin servers
     * \param intercepting a forward proxy routes origin-form targets by their Host field
     *        (transparent interception); ignored with an origin
     */
    void Configure(const Address& origin, const Address& parent, bool intercepting = false);

    /**
     * \brief Set how host names are resolved. Without one, only dotted-quad hosts resolve.
     * \param resolver the resolver
     */
    void SetResolver(Resolver resolver);

    /**
     * \brief Route a request.
     * \param request the request as received
     * \param route filled as the outcome says
     * \return the outcome
     */
    Outcome Decide(const HttpRequestHeader& request, Route& route) const;

    /**
     * \brief Resolve a host name: the resolver first, then a dotted quad (port 80).
     * \param host the host, without port
     * \return its address, invalid when unknown
     */
    Address Resolve(const std::string& host) const;

  private:
    Address m_origin;           //!< reverse proxy origin
    Address m_parent;           //!< parent proxy
    bool m_intercepting{false}; //!< origin-form targets go to their Host
    Resolver m_resolver;        //!< name resolution
};

} // namespace ns3

#endif // PROXY_ROUTER_H
