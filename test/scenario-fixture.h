/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEB_PROXY_SCENARIO_FIXTURE_H
#define WEB_PROXY_SCENARIO_FIXTURE_H

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/ppp-header.h"
#include "ns3/web-proxy-module.h"

#include <string>
#include <vector>

namespace ns3
{
namespace test
{

/**
 * A client node and a server node joined by one point-to-point link, with an OriginServer
 * on port 80 and WebClients added by the test. Small enough for unit-test run times.
 */
struct LinkScenario
{
    NodeContainer nodes;        //!< 0: client, 1: server
    NetDeviceContainer devices; //!< 0: client side, 1: server side
    PointToPointHelper link;    //!< the link helper (for PCAP)
    Ipv4Address serverIp;       //!< server address
    Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>(); //!< served objects
    Ptr<OriginServer> server;                                         //!< the server
    std::vector<RequestRecord> records;                               //!< completed requests

    /**
     * \param rate link data rate
     * \param delay link one-way delay
     */
    LinkScenario(const std::string& rate, Time delay)
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        nodes.Create(2);
        InternetStackHelper().Install(nodes);
        link.SetDeviceAttribute("DataRate", StringValue(rate));
        link.SetChannelAttribute("Delay", TimeValue(delay));
        devices = link.Install(nodes);
        Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0");
        serverIp = addr.Assign(devices).GetAddress(1);
    }

    /// Add an object to the catalog.
    void AddObject(const std::string& path, uint64_t size, Time lastModified = Seconds(0))
    {
        catalog->Add(path, size, lastModified);
    }

    /// Install the origin server.
    Ptr<OriginServer> InstallServer(OriginServerHelper helper = OriginServerHelper(80))
    {
        helper.SetCatalog(catalog);
        server = DynamicCast<OriginServer>(helper.Install(nodes.Get(1)).Get(0));
        return server;
    }

    /// A GET for path on the server.
    WebRequest Get(const std::string& path) const
    {
        WebRequest r;
        r.host = "www.example.com";
        r.path = path;
        r.server = InetSocketAddress(serverIp, 80);
        return r;
    }

    /// Install a client on the client node; its records go to `records`.
    Ptr<WebClient> InstallClient(const std::vector<WebRequest>& requests,
                                 WebClientHelper helper = WebClientHelper())
    {
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        for (const auto& r : requests)
        {
            src->Add(r);
        }
        Ptr<WebClient> c = DynamicCast<WebClient>(helper.Install(nodes.Get(0), src).Get(0));
        c->TraceConnectWithoutContext("RequestComplete", MakeCallback(&LinkScenario::Record, this));
        return c;
    }

    /// Trace sink.
    void Record(const RequestRecord& r)
    {
        records.push_back(r);
    }

    /// Run until stop, then destroy the simulator.
    void Run(Time stop = Seconds(100))
    {
        Simulator::Stop(stop);
        Simulator::Run();
        Simulator::Destroy();
    }
};

/// A TCP segment as a point-to-point device's trace sees it.
struct PppTcpSegment
{
    Ipv4Header ip;        //!< its IP header
    TcpHeader tcp;        //!< its TCP header
    uint32_t payload = 0; //!< TCP payload bytes
};

/**
 * Read the TCP segment in a frame of a PointToPointNetDevice's MacTx, MacRx or PhyRxDrop trace
 * (PPP framed).
 * \param p the frame
 * \param[out] s the segment
 * \return false if the frame carries no TCP
 */
inline bool
ReadPppTcp(Ptr<const Packet> p, PppTcpSegment& s)
{
    Ptr<Packet> copy = p->Copy();
    PppHeader ppp;
    copy->RemoveHeader(ppp);
    copy->RemoveHeader(s.ip);
    if (s.ip.GetProtocol() != 6)
    {
        return false;
    }
    copy->RemoveHeader(s.tcp);
    s.payload = copy->GetSize();
    return true;
}

/// Count the SYN segments (SYN without ACK: connection attempts) and FINs a device sends.
struct TcpFlagCounter
{
    uint32_t syns = 0; //!< SYNs seen
    uint32_t fins = 0; //!< FINs seen

    /// Trace sink for PointToPointNetDevice::MacTx.
    void MacTx(Ptr<const Packet> p)
    {
        PppTcpSegment s;
        if (!ReadPppTcp(p, s))
        {
            return;
        }
        uint8_t f = s.tcp.GetFlags();
        if ((f & TcpHeader::SYN) && !(f & TcpHeader::ACK))
        {
            ++syns;
        }
        if (f & TcpHeader::FIN)
        {
            ++fins;
        }
    }
};

} // namespace test
} // namespace ns3

#endif // WEB_PROXY_SCENARIO_FIXTURE_H
