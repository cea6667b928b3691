/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Every request the workload issued to a WebClient ends in a record when the client stops:
 * those in flight, those waiting for a connection (MaxConnections), those held back by
 * MaxOutstanding whose issue time had come, and the embedded requests waiting for their
 * page's base all fail with "application stopped"; requests whose issue time comes after the
 * stop are not requests yet and leave no record.
 */
#include "../scenario-fixture.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::test;

namespace
{
class ClientStop : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }
};

/// A GET for path, issued (trace replay) at the given time.
WebRequest
At(const LinkScenario& s, const std::string& path, double seconds, bool embedded = false)
{
    WebRequest r = s.Get(path);
    r.issueTime = Seconds(seconds);
    r.embedded = embedded;
    return r;
}

/// Requests recorded failed with the stop's reason.
uint32_t
CountStopped(const std::vector<RequestRecord>& records)
{
    uint32_t n = 0;
    for (const RequestRecord& r : records)
    {
        n += r.failed && r.error == "application stopped";
    }
    return n;
}
} // namespace

// The backlog of a busy client (isp-backbone's modems): before the fix only the requests
// holding a slot were recorded, the ones behind MaxOutstanding vanished.
TEST_F(ClientStop, RequestsQueuedBehindTheClientsLimitsFailAtTheStop)
{
    LinkScenario s("1Mbps", MilliSeconds(20));
    s.AddObject("/small", 1000);
    s.AddObject("/big", 200000); // 1.6 s alone on the link: none ends before the stop
    s.InstallServer();
    const double stop = 1.0;
    // Issued at 0.1-1.0 s: eight requests whose time comes by the stop (1.0 s included),
    // two after it.
    const std::vector<WebRequest> reqs{At(s, "/small", 0.1),
                                       At(s, "/big", 0.1),
                                       At(s, "/big", 0.1),
                                       At(s, "/big", 0.2),
                                       At(s, "/big", 0.3),
                                       At(s, "/big", stop),
                                       At(s, "/big", 2.0),
                                       At(s, "/big", 3.0)};
    const uint32_t issued = 6;
    WebClientHelper h;
    h.SetAttribute("MaxOutstanding", UintegerValue(2));
    h.SetAttribute("MaxConnections", UintegerValue(1));
    Ptr<WebClient> c = s.InstallClient(reqs, h);
    c->SetStopTime(Seconds(stop));
    s.Run(Seconds(10));

    // /small completes (about 0.2 s); its connection goes to the first /big, the second
    // waits for it (MaxConnections 1); three more are due and held back by MaxOutstanding 2.
    ASSERT_EQ(s.records.size(), issued);
    EXPECT_EQ(c->GetCounters().completed, 1u);
    EXPECT_EQ(c->GetCounters().failed, 5u);
    EXPECT_EQ(c->GetCounters().aborted, 0u);
    EXPECT_EQ(CountStopped(s.records), 5u);
    EXPECT_EQ(c->GetCounters().completed + c->GetCounters().failed, issued);
    EXPECT_EQ(s.server->GetRequestCount(), 2u) << "/small and the first /big were sent";
    for (uint32_t i = 0; i < issued; ++i)
    {
        const RequestRecord& r = s.records[i];
        EXPECT_EQ(r.id, i) << "recorded in issue order";
        if (i == 0)
        {
            EXPECT_FALSE(r.failed) << r.error;
            continue;
        }
        EXPECT_EQ(r.issued + r.total, Seconds(stop)) << "request " << i << " ended at the stop";
        EXPECT_EQ(r.requestHeaderBytes > 0, i == 1) << "only the first /big was sent";
    }
}

// The embedded requests of a page whose base was still loading: before the fix the page
// gate dropped them silently.
TEST_F(ClientStop, EmbeddedRequestsWaitingForTheirBaseFailAtTheStop)
{
    LinkScenario s("1Mbps", MilliSeconds(20));
    s.AddObject("/small", 1000);
    s.AddObject("/big", 200000);
    s.InstallServer();
    const std::vector<WebRequest> reqs{At(s, "/big", 0.1),
                                       At(s, "/small", 0.1, true),
                                       At(s, "/small", 0.1, true),
                                       At(s, "/small", 0.1, true),
                                       At(s, "/small", 5.0), // the next page, after the stop
                                       At(s, "/small", 5.0, true)};
    WebClientHelper h;
    h.SetAttribute("MaxOutstanding", UintegerValue(4));
    Ptr<WebClient> c = s.InstallClient(reqs, h);
    c->SetStopTime(Seconds(1));
    s.Run(Seconds(10));

    ASSERT_EQ(s.records.size(), 4u);
    EXPECT_EQ(CountStopped(s.records), 4u);
    EXPECT_EQ(c->GetCounters().failed, 4u);
    EXPECT_EQ(c->GetCounters().GetEnded(), 4u);
    EXPECT_EQ(s.server->GetRequestCount(), 1u) << "only the base was sent";
}

// Without a stop before the end of the workload every request ends as before, and the stop
// after the last one records nothing more.
TEST_F(ClientStop, AStopAfterTheLastRequestAddsNoRecord)
{
    LinkScenario s("1Mbps", MilliSeconds(20));
    s.AddObject("/small", 1000);
    s.InstallServer();
    const std::vector<WebRequest> reqs{At(s, "/small", 0.1),
                                       At(s, "/small", 0.1, true),
                                       At(s, "/small", 0.5),
                                       At(s, "/small", 0.5, true)};
    WebClientHelper h;
    h.SetAttribute("MaxOutstanding", UintegerValue(2));
    Ptr<WebClient> c = s.InstallClient(reqs, h);
    c->SetStopTime(Seconds(5));
    s.Run(Seconds(10));

    ASSERT_EQ(s.records.size(), 4u);
    EXPECT_EQ(c->GetCounters().completed, 4u);
    EXPECT_EQ(CountStopped(s.records), 0u);
}

namespace
{
/// Reschedules itself every 100 ms for ever, as a depot's health checks do.
void
Tick(uint32_t* ticks)
{
    ++*ticks;
    Simulator::Schedule(MilliSeconds(100), &Tick, ticks);
}

/**
 * Run with a Tick every 100 ms from time 0 and a stop at 100 s, then destroy the simulator.
 * \param ticks counts the ticks
 * \return when the run stopped
 */
Time
RunWithTicks(uint32_t* ticks)
{
    Simulator::Schedule(Seconds(0), &Tick, ticks);
    Simulator::Stop(Seconds(100));
    Simulator::Run();
    const Time end = Simulator::Now();
    Simulator::Destroy();
    return end;
}

/// RequestComplete sink: when the last record came.
void
NoteEnd(Time* last, const RequestRecord&)
{
    *last = Simulator::Now();
}
} // namespace

// WebClientHelper::StopWhenEnded, used by the depot examples: a scenario whose periodic events
// never run out ends at its last request's record, not at its Simulator::Stop time. Counted
// over two clients, with a failed request (a 404) among the records.
TEST_F(ClientStop, StopWhenEndedStopsAtTheLastRecordOfAllClients)
{
    LinkScenario s("1Mbps", MilliSeconds(20));
    s.AddObject("/small", 1000);
    s.AddObject("/big", 100000); // about 0.8 s on the link
    s.InstallServer();
    WebClientHelper h;
    ApplicationContainer clients;
    clients.Add(s.InstallClient({At(s, "/small", 0.1), At(s, "/big", 0.3)}, h));
    clients.Add(s.InstallClient({At(s, "/missing", 0.2)}, h));
    WebClientHelper::StopWhenEnded(clients, 3);
    Time last;
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        clients.Get(i)->TraceConnectWithoutContext("RequestComplete",
                                                   MakeBoundCallback(&NoteEnd, &last));
    }
    uint32_t ticks = 0;
    const Time end = RunWithTicks(&ticks);

    ASSERT_EQ(s.records.size(), 3u);
    uint32_t failed = 0;
    for (const RequestRecord& r : s.records)
    {
        failed += r.failed;
    }
    EXPECT_EQ(failed, 1u) << "the 404 is a record too";
    // /big is issued at 0.3 s and needs at least 100,000 bytes at 1 Mbit/s (0.8 s).
    EXPECT_GT(last, Seconds(1.1));
    EXPECT_LT(last, Seconds(10));
    EXPECT_EQ(end, last) << "stopped in the event of the last record";
    EXPECT_EQ(ticks, static_cast<uint32_t>(last.GetMilliSeconds() / 100) + 1)
        << "no tick after the stop";
}

// Waiting for no record stops the run at its start, although events are pending (a
// Simulator::Stop() before Run() alone would be forgotten).
TEST_F(ClientStop, StopWhenEndedWithNoRequestStopsAtTheStart)
{
    LinkScenario s("1Mbps", MilliSeconds(20));
    s.AddObject("/small", 1000);
    s.InstallServer();
    ApplicationContainer clients(s.InstallClient({At(s, "/small", 0.1)}));
    WebClientHelper::StopWhenEnded(clients, 0);
    uint32_t ticks = 0;
    const Time end = RunWithTicks(&ticks);
    EXPECT_EQ(end, Seconds(0));
    EXPECT_TRUE(s.records.empty());
}

// Only WebClients have the records it counts.
TEST_F(ClientStop, StopWhenEndedRefusesAnotherApplication)
{
    LinkScenario s("1Mbps", MilliSeconds(20));
    ApplicationContainer apps(s.InstallServer());
    EXPECT_DEATH(WebClientHelper::StopWhenEnded(apps, 1), "not a WebClient");
    Simulator::Destroy();
}
