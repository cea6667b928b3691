/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The bytes on the wire are real HTTP: tshark decodes from a PCAP as many requests and
 * responses as the applications counted.
 */
#include "../proxy-fixture.h"
#include "../scenario-fixture.h"
#include "../tshark.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::test;

/// The tests need tshark: a missing one fails them, as CI must have it.
class PcapDecode : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        ASSERT_TRUE(Tshark::Installed()) << "tshark is not installed: run scripts/setup.sh";
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }
};

TEST_F(PcapDecode, TsharkSeesEveryRequestAndResponse)
{
    uint32_t sent = 0;
    uint32_t received = 0;
    const std::string prefix = std::string(WEB_PROXY_TEST_OUTPUT_DIR) + "/pcap-decode";
    {
        // The PCAP file is complete once the devices (held by the scenario) are gone.
        LinkScenario s("5Mbps", MilliSeconds(10));
        s.AddObject("/a.html", 12000, Seconds(0) - Hours(1));
        WebObject gif;
        gif.path = "/b.gif";
        gif.size = 300;
        gif.contentType = "image/gif";
        s.catalog->Add(gif);
        WebObject jpeg = gif;
        jpeg.path = "/c.jpg";
        jpeg.size = 2000;
        jpeg.contentType = "image/jpeg";
        s.catalog->Add(jpeg);
        WebObject png = gif;
        png.path = "/d.png";
        png.size = 3001; // not 8 plus a multiple of 12
        png.contentType = "image/png";
        s.catalog->Add(png);
        s.InstallServer();
        WebRequest head = s.Get("/a.html");
        head.method = "HEAD";
        WebRequest cond = s.Get("/a.html");
        cond.fields.emplace_back("If-Modified-Since", HttpDate::Format(Seconds(0)));
        std::vector<WebRequest> reqs = {s.Get("/a.html"),
                                        s.Get("/b.gif"),
                                        head,
                                        cond,
                                        s.Get("/missing"),
                                        s.Get("/b.gif"),
                                        s.Get("/c.jpg"),
                                        s.Get("/d.png")};
        WebClientHelper persistent;
        Ptr<WebClient> c1 = s.InstallClient(reqs, persistent);
        WebClientHelper oneShot;
        oneShot.SetAttribute("PersistentConnections", BooleanValue(false));
        oneShot.SetAttribute("HttpVersion", UintegerValue(10));
        Ptr<WebClient> c2 = s.InstallClient(reqs, oneShot);
        for (Ptr<WebClient> c : {c1, c2})
        {
            c->TraceConnectWithoutContext(
                "RequestSent",
                MakeBoundCallback(
                    +[](uint32_t* n, const HttpRequestHeader&, const Address&) { ++*n; }, &sent));
            c->TraceConnectWithoutContext(
                "ResponseReceived",
                MakeBoundCallback(
                    +[](uint32_t* n, const HttpResponseHeader&, const Address&) { ++*n; },
                    &received));
        }
        s.link.EnablePcap(prefix, s.devices.Get(0), true);
        s.Run();
    }
    ASSERT_EQ(sent, 16u);
    ASSERT_EQ(received, 16u);
    const Tshark tshark(prefix + "-0-1.pcap");
    EXPECT_EQ(tshark.Count("http.request"), static_cast<int>(sent));
    EXPECT_EQ(tshark.Count("http.response"), static_cast<int>(received));
    EXPECT_EQ(tshark.Count("'http.response.code == 304'"), 2);
    EXPECT_EQ(tshark.Count("'http.request.method == \"HEAD\"'"), 2);
    // Both clients GET /b.gif twice and each image once; no dissector fails or notes a
    // malformed frame.
    EXPECT_EQ(tshark.Count("image-gif"), 4);
    EXPECT_EQ(tshark.Count("image-jfif"), 2);
    EXPECT_EQ(tshark.Count("png"), 2);
    EXPECT_EQ(tshark.Count("_ws.malformed"), 0);
}

TEST_F(PcapDecode, GifBodiesDecodeOnBothSidesOfAProxy)
{
    const std::string prefix = std::string(WEB_PROXY_TEST_OUTPUT_DIR) + "/pcap-decode-proxy";
    std::vector<std::string> xcache;
    {
        ProxyScenario s(1, "2Mbps", MilliSeconds(5), "10Mbps", MilliSeconds(20));
        WebObject gif;
        gif.path = "/p.gif";
        gif.size = 5000; // several segments: the relay sends it in pieces
        gif.lastModified = Seconds(-3600);
        gif.contentType = "image/gif";
        s.catalog->Add(gif);
        s.Install();
        s.InstallClient(0,
                        {ProxyScenario::Get("/p.gif"), ProxyScenario::Get("/p.gif", Seconds(1))});
        PointToPointHelper().EnablePcap(prefix + "-client", s.clients.Get(0)->GetDevice(1), true);
        PointToPointHelper().EnablePcap(prefix + "-server", s.serverNode->GetDevice(1), true);
        s.Run();
        xcache = s.xcache;
        ASSERT_EQ(s.records.size(), 2u);
        for (const auto& r : s.records)
        {
            EXPECT_EQ(r.status, 200u);
            EXPECT_EQ(r.bodyBytes, 5000u);
        }
    }
    ASSERT_EQ(xcache, (std::vector<std::string>{"MISS", "HIT"}));
    const Tshark client(prefix + "-client-0-1.pcap");
    const Tshark server(prefix + "-server-2-1.pcap");
    // The miss relayed piece by piece and the hit from the cache, as the origin sent it.
    EXPECT_EQ(client.Count("image-gif"), 2);
    EXPECT_EQ(server.Count("image-gif"), 1);
    EXPECT_EQ(client.Count("_ws.malformed"), 0);
    EXPECT_EQ(server.Count("_ws.malformed"), 0);
}
