/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The module's ns-3 TestSuite (test.py --suite=web-proxy in an ns-3 tree). The full suite is
 * the GoogleTest one in this directory; this keeps a codec check and an end-to-end check.
 */
// Specific headers, not the *-module.h aggregates: ns-3 trees may forbid those inside modules.
#include "ns3/fixed-request-source.h"
#include "ns3/http-parser.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/origin-server-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/request-record-writer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/web-client-helper.h"
#include "ns3/web-client.h"
#include "ns3/web-object-catalog.h"

using namespace ns3;

namespace
{

/// Parsing a pipeline split at every byte gives the same requests.
class WebProxyParserTestCase : public TestCase
{
  public:
    WebProxyParserTestCase()
        : TestCase("HTTP parser: split at every byte boundary")
    {}

  private:
    void DoRun() override
    {
        const std::string stream = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
                                   "POST /b HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc";
        for (size_t cut = 1; cut < stream.size(); ++cut)
        {
            HttpParser p(HttpParser::Kind::REQUEST);
            std::string targets;
            uint64_t body = 0;
            p.SetRequestCallback([&](const HttpRequestHeader& h, uint64_t, uint64_t)
                                 { targets += std::string(h.target()); });
            p.SetBodyCallback([&](uint64_t n) { body += n; });
            p.Feed(stream.data(), cut);
            p.Feed(stream.data() + cut, stream.size() - cut);
            NS_TEST_ASSERT_MSG_EQ(targets, "/a/b", "cut at " << cut);
            NS_TEST_ASSERT_MSG_EQ(body, 3, "cut at " << cut);
            NS_TEST_ASSERT_MSG_EQ(p.GetMessageCount(), 2, "cut at " << cut);
        }
    }
};

/// Three requests over a link complete with their exact sizes.
class WebProxyEndToEndTestCase : public TestCase
{
  public:
    WebProxyEndToEndTestCase()
        : TestCase("WebClient and OriginServer over a link")
    {}

  private:
    void DoRun() override
    {
        NodeContainer nodes(2);
        InternetStackHelper().Install(nodes);
        PointToPointHelper link;
        link.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        link.SetChannelAttribute("Delay", StringValue("5ms"));
        Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0");
        Ipv4Address server = addr.Assign(link.Install(nodes)).GetAddress(1);
        Ptr<WebObjectCatalog> catalog = CreateObject<WebObjectCatalog>();
        Ptr<FixedRequestSource> src = CreateObject<FixedRequestSource>();
        const uint64_t sizes[] = {10, 20000, 3000};
        for (int i = 0; i < 3; ++i)
        {
            WebObject o;
            o.path = "/" + std::to_string(i);
            o.size = sizes[i];
            catalog->Add(o);
            WebRequest r;
            r.host = "h";
            r.path = o.path;
            r.server = InetSocketAddress(server, 80);
            src->Add(r);
        }
        OriginServerHelper sh(80);
        sh.SetCatalog(catalog);
        sh.Install(nodes.Get(1));
        Ptr<WebClient> client
            = DynamicCast<WebClient>(WebClientHelper().Install(nodes.Get(0), src).Get(0));
        Ptr<RequestRecordWriter> w = Create<RequestRecordWriter>();
        w->Attach(ApplicationContainer(client));
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_EQ(w->GetSummary().GetRequests(), 3, "requests");
        NS_TEST_ASSERT_MSG_EQ(w->GetSummary().GetFailed(), 0, "failed");
        NS_TEST_ASSERT_MSG_EQ(w->GetSummary().GetBodyBytes(), 23010, "body bytes");
    }
};

/// The web-proxy test suite.
class WebProxyTestSuite : public TestSuite
{
  public:
    WebProxyTestSuite()
        : TestSuite("web-proxy", TestSuite::Type::UNIT)
    {
        AddTestCase(new WebProxyParserTestCase);
        AddTestCase(new WebProxyEndToEndTestCase);
    }
};

/// Registers the suite.
WebProxyTestSuite g_webProxyTestSuite;

} // namespace
