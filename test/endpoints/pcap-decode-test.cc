/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The bytes on the wire are real HTTP: tshark decodes from a PCAP as many requests and
 * responses as the applications counted.
 */
#include "../proxy-fixture.h"
#include "../scenario-fixture.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>

using namespace ns3;
using namespace ns3::test;

namespace
{
/// Run a command, return its standard output.
std::string
Capture(const std::string& cmd)
{
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    if (!pipe)
    {
        return out;
    }
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0)
    {
        out.append(buf.data(), n);
    }
    return out;
}

int
CountLines(const std::string& s)
{
    return std::count(s.begin(), s.end(), '\n');
}
} // namespace

TEST(PcapDecode, TsharkSeesEveryRequestAndResponse)
{
    ASSERT_EQ(system("command -v tshark > /dev/null 2>&1"), 0)
        << "tshark is not installed: run scripts/setup.sh";
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
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
    const std::string file = prefix + "-0-1.pcap";
    const std::string tshark = "tshark -n -r " + file + " -T fields -e frame.number -Y ";
    EXPECT_EQ(CountLines(Capture(tshark + "http.request 2>/dev/null")), static_cast<int>(sent));
    EXPECT_EQ(CountLines(Capture(tshark + "http.response 2>/dev/null")),
              static_cast<int>(received));
    EXPECT_EQ(CountLines(Capture(tshark + "'http.response.code == 304' 2>/dev/null")), 2);
    EXPECT_EQ(CountLines(Capture(tshark + "'http.request.method == \"HEAD\"' 2>/dev/null")), 2);
    // Both clients GET /b.gif twice and each image once; no dissector fails or notes a
    // malformed frame.
    EXPECT_EQ(CountLines(Capture(tshark + "image-gif 2>/dev/null")), 4);
    EXPECT_EQ(CountLines(Capture(tshark + "image-jfif 2>/dev/null")), 2);
    EXPECT_EQ(CountLines(Capture(tshark + "png 2>/dev/null")), 2);
    EXPECT_EQ(Capture(tshark + "_ws.malformed 2>/dev/null"), "");
}

TEST(PcapDecode, GifBodiesDecodeOnBothSidesOfAProxy)
{
    ASSERT_EQ(system("command -v tshark > /dev/null 2>&1"), 0)
        << "tshark is not installed: run scripts/setup.sh";
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
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
    const std::string client
        = "tshark -n -r " + prefix + "-client-0-1.pcap" + " -T fields -e frame.number -Y ";
    const std::string server
        = "tshark -n -r " + prefix + "-server-2-1.pcap" + " -T fields -e frame.number -Y ";
    // The miss relayed piece by piece and the hit from the cache, as the origin sent it.
    EXPECT_EQ(CountLines(Capture(client + "image-gif 2>/dev/null")), 2);
    EXPECT_EQ(CountLines(Capture(server + "image-gif 2>/dev/null")), 1);
    EXPECT_EQ(Capture(client + "_ws.malformed 2>/dev/null"), "");
    EXPECT_EQ(Capture(server + "_ws.malformed 2>/dev/null"), "");
}
