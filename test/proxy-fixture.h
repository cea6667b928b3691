/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEB_PROXY_PROXY_FIXTURE_H
#define WEB_PROXY_PROXY_FIXTURE_H

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/web-proxy-module.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace test
{

/**
 * N client nodes, each on its own point-to-point link to a proxy node, and the proxy on a
 * link to an origin server node: client -> proxy -> origin, the seeds' setting in small.
 */
struct ProxyScenario
{
    NodeContainer clients; //!< client nodes
    Ptr<Node> proxyNode;   //!< the proxy's node
    Ptr<Node> serverNode;  //!< the origin's node
    Ipv4Address proxyIp;   //!< proxy address (client side)
    Ipv4Address serverIp;  //!< origin address
    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>(); //!< origin objects
    Ptr<OriginServer> server;                                         //!< the origin
    Ptr<ConnectionCache> proxy;                                       //!< the proxy
    std::vector<RequestRecord> records;                               //!< completed requests
    std::vector<std::string> xcache;        //!< X-Cache of every response clients received
    std::vector<std::string> originTargets; //!< request targets the origin received

    /**
     * \param nClients client nodes
     * \param clientRate client link rate
     * \param clientDelay client link one-way delay
     * \param serverRate proxy-origin link rate
     * \param serverDelay proxy-origin one-way delay
     */
    ProxyScenario(uint32_t nClients,
                  const std::string& clientRate,
                  Time clientDelay,
                  const std::string& serverRate,
                  Time serverDelay)
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        clients.Create(nClients);
        proxyNode = CreateObject<Node>();
        serverNode = CreateObject<Node>();
        InternetStackHelper stack;
        stack.Install(clients);
        stack.Install(proxyNode);
        stack.Install(serverNode);
        PointToPointHelper link;
        Ipv4AddressHelper addr("10.1.0.0", "255.255.255.0");
        link.SetDeviceAttribute("DataRate", StringValue(clientRate));
        link.SetChannelAttribute("Delay", TimeValue(clientDelay));
        for (uint32_t i = 0; i < nClients; ++i)
        {
            NetDeviceContainer d = link.Install(clients.Get(i), proxyNode);
            Ipv4InterfaceContainer ifs = addr.Assign(d);
            if (i == 0)
            {
                proxyIp = ifs.GetAddress(1);
            }
            addr.NewNetwork();
        }
        link.SetDeviceAttribute("DataRate", StringValue(serverRate));
        link.SetChannelAttribute("Delay", TimeValue(serverDelay));
        NetDeviceContainer d = link.Install(proxyNode, serverNode);
        serverIp = Ipv4AddressHelper("10.2.0.0", "255.255.255.0").Assign(d).GetAddress(1);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    }

    /// Add an object to the origin's catalog.
    void AddObject(const std::string& path, uint64_t size, Time lastModified = Seconds(-3600))
    {
        catalog->Add(path, size, lastModified);
    }

    /// Install the origin and the proxy.
    void Install(ProxyCacheHelper proxyHelper = ProxyCacheHelper(),
                 OriginServerHelper serverHelper = OriginServerHelper(80))
    {
        serverHelper.SetCatalog(catalog);
        server = DynamicCast<OriginServer>(serverHelper.Install(serverNode).Get(0));
        server->TraceConnectWithoutContext("Request",
                                           MakeCallback(&ProxyScenario::OriginRequest, this));
        const Ipv4Address origin = serverIp;
        proxyHelper.SetResolver(
            [origin](const std::string& host) -> Address
            {
                // www.other.com: the second origin of InstallOtherOrigin.
                return host == "www.example.com" ? Address(InetSocketAddress(origin, 80))
                     : host == "www.other.com"   ? Address(InetSocketAddress(origin, 81))
                                                 : Address();
            });
        proxy = DynamicCast<ConnectionCache>(proxyHelper.Install(proxyNode).Get(0));
    }

    /**
     * Install a second origin, www.other.com (port 81 of the origin's node), serving one
     * object of its own: a request routed to the wrong origin gets a 404.
     * \param path the object's path
     * \param size its size
     * \return the server
     */
    Ptr<OriginServer> InstallOtherOrigin(const std::string& path, uint64_t size)
    {
        Ptr<WebObjectCatalog> other = CreateObject<WebObjectCatalog>();
        other->Add(path, size);
        OriginServerHelper helper(81);
        helper.SetCatalog(other);
        return DynamicCast<OriginServer>(helper.Install(serverNode).Get(0));
    }

    /// \return the proxy as a ProxyCache (null for a ConnectionCache)
    Ptr<ProxyCache> Cache() const
    {
        return DynamicCast<ProxyCache>(proxy);
    }

    /// A GET for path, to be sent through the proxy.
    static WebRequest Get(const std::string& path, Time think = Seconds(0))
    {
        WebRequest r;
        r.host = "www.example.com";
        r.path = path;
        r.thinkTime = think;
        return r;
    }

    /// Install a client using the proxy on client node i.
    Ptr<WebClient> InstallClient(uint32_t i,
                                 const std::vector<WebRequest>& requests,
                                 WebClientHelper helper = WebClientHelper())
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (const auto& r : requests)
        {
            src->Add(r);
        }
        helper.SetAttribute("Proxy", AddressValue(InetSocketAddress(proxyIp, 3128)));
        Ptr<WebClient> c = DynamicCast<WebClient>(helper.Install(clients.Get(i), src).Get(0));
        c->TraceConnectWithoutContext("RequestComplete",
                                      MakeCallback(&ProxyScenario::Record, this));
        c->TraceConnectWithoutContext("ResponseReceived",
                                      MakeCallback(&ProxyScenario::Response, this));
        return c;
    }

    /// Trace sink: a request completed.
    void Record(const RequestRecord& r)
    {
        records.push_back(r);
    }

    /// Trace sink: a client received a response header.
    void Response(const HttpResponseHeader& h, const Address&)
    {
        xcache.emplace_back(h["X-Cache"]);
    }

    /// Trace sink: the origin received a request.
    void OriginRequest(const HttpRequestHeader& h, const Address&)
    {
        originTargets.emplace_back(h.target());
    }

    /// Run until stop, then destroy the simulator.
    void Run(Time stop = Seconds(200))
    {
        Simulator::Stop(stop);
        Simulator::Run();
        Simulator::Destroy();
    }
};

} // namespace test
} // namespace ns3

#endif // WEB_PROXY_PROXY_FIXTURE_H
