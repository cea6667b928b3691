/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "proxy-header-rewriter.h"

#include "ns3/http-date.h"
#include "ns3/simulator.h"

namespace ns3
{

namespace http = boost::beast::http;

void
ProxyHeaderRewriter::SetVia(const std::string& via)
{
    m_via = via;
}

HttpRequestHeader
ProxyHeaderRewriter::ToServer(const HttpRequestHeader& request,
                              const std::string& target,
                              const std::string& host,
                              bool persistent) const
{
    HttpRequestHeader up = request;
    up.version(11);
    up.erase(http::field::connection);
    up.erase(http::field::proxy_connection);
    up.erase(http::field::keep_alive);
    up.target(target);
    up.set(http::field::host, host);
    if (!persistent)
    {
        up.set(http::field::connection, "close");
    }
    up.insert(http::field::via, m_via);
    return up;
}

void
ProxyHeaderRewriter::ToClient(HttpResponseHeader& h,
                              unsigned requestVersion,
                              bool persistent,
                              const std::string& cacheStatus) const
{
    h.version(requestVersion >= 11 ? 11 : 10);
    h.erase(http::field::connection);
    h.erase(http::field::keep_alive);
    h.erase(http::field::proxy_connection);
    if (!persistent)
    {
        h.set(http::field::connection, "close");
    }
    else if (h.version() == 10)
    {
        // HTTP/1.0 connections close unless told otherwise.
        h.set(http::field::connection, "keep-alive");
    }
    h.insert(http::field::via, m_via);
    h.set("X-Cache", cacheStatus);
}

HttpResponseHeader
ProxyHeaderRewriter::MakeError(unsigned status)
{
    HttpResponseHeader h;
    h.result(status);
    h.set(http::field::date, HttpDate::Format(Simulator::Now()));
    h.set(http::field::content_length, "0");
    return h;
}

HttpResponseHeader
ProxyHeaderRewriter::MakeBadRequestClose()
{
    HttpResponseHeader h;
    h.version(11);
    h.result(http::status::bad_request);
    h.set(http::field::date, HttpDate::Format(Simulator::Now()));
    h.set(http::field::connection, "close");
    h.set(http::field::content_length, "0");
    return h;
}

} // namespace ns3
