/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The bytes on the wire are real HTTP: tshark decodes from a PCAP as many requests and
 * responses as the applications counted.
 */
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
        s.AddObject("/b.gif", 300);
        s.InstallServer();
        WebRequest head = s.Get("/a.html");
        head.method = "HEAD";
        WebRequest cond = s.Get("/a.html");
        cond.fields.emplace_back("If-Modified-Since", HttpDate::Format(Seconds(0)));
        std::vector<WebRequest> reqs
            = {s.Get("/a.html"), s.Get("/b.gif"), head, cond, s.Get("/missing"), s.Get("/b.gif")};
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
    ASSERT_EQ(sent, 12u);
    ASSERT_EQ(received, 12u);
    const std::string file = prefix + "-0-1.pcap";
    const std::string tshark = "tshark -n -r " + file + " -T fields -e frame.number -Y ";
    EXPECT_EQ(CountLines(Capture(tshark + "http.request 2>/dev/null")), static_cast<int>(sent));
    EXPECT_EQ(CountLines(Capture(tshark + "http.response 2>/dev/null")),
              static_cast<int>(received));
    EXPECT_EQ(CountLines(Capture(tshark + "'http.response.code == 304' 2>/dev/null")), 2);
    EXPECT_EQ(CountLines(Capture(tshark + "'http.request.method == \"HEAD\"' 2>/dev/null")), 2);
}
