/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FaultImpact: failed requests attributed to the fault windows they ended in.
 */
#include "ns3/fault-impact.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace ns3;

namespace
{

RequestRecord
Failed(const std::string& error = "response timeout")
{
    RequestRecord r;
    r.failed = true;
    r.error = error;
    return r;
}

} // namespace

TEST(FaultImpact, FailuresGoToTheLatestWindowTheyEndedIn)
{
    Ptr<FaultImpact> impact = Create<FaultImpact>();
    impact->AddWindow("proxy crash", Seconds(10), Seconds(20)); // counts until 25 s
    impact->AddWindow("link down", Seconds(15), Seconds(30));   // counts until 35 s
    impact->SetGrace(Seconds(5));
    for (double t : {5.0, 12.0, 16.0, 24.0, 26.0, 34.0, 36.0})
    {
        impact->Add(Failed(), Seconds(t));
    }
    // Not failures of a fault: the run's end, a completed and an aborted request.
    impact->Add(Failed("application stopped"), Seconds(12));
    impact->Add(RequestRecord(), Seconds(12));
    RequestRecord aborted;
    aborted.aborted = true;
    impact->Add(aborted, Seconds(12));
    const auto& w = impact->GetWindows();
    ASSERT_EQ(w.size(), 2u);
    EXPECT_EQ(w[0].failed, 1u);                // 12 s; 16 and 24 s are also in the later window
    EXPECT_EQ(w[1].failed, 4u);                // 16, 24, 26, 34 s
    EXPECT_EQ(impact->GetFailedOutside(), 2u); // 5 and 36 s
    EXPECT_EQ(impact->GetStopped(), 1u);
}

TEST(FaultImpact, WindowsIncludeBothEnds)
{
    Ptr<FaultImpact> impact = Create<FaultImpact>();
    impact->AddWindow("depot crash", Seconds(10), Seconds(20));
    impact->SetGrace(Seconds(11));
    impact->Add(Failed(), Seconds(10));
    impact->Add(Failed(), Seconds(31));
    impact->Add(Failed(), Seconds(31) + NanoSeconds(1));
    impact->Add(Failed(), Seconds(10) - NanoSeconds(1));
    EXPECT_EQ(impact->GetWindows()[0].failed, 2u);
    EXPECT_EQ(impact->GetFailedOutside(), 2u);
}

TEST(FaultImpact, PrintsTheTable)
{
    Ptr<FaultImpact> impact = Create<FaultImpact>();
    impact->AddWindow("proxy crash at LosAngeles", Seconds(60), Seconds(90));
    impact->AddWindow("link Chicago-Denver down", Seconds(180), Seconds(200));
    impact->SetGrace(Seconds(31));
    impact->Add(Failed(), Seconds(100));
    impact->Add(Failed(), Seconds(300));
    std::ostringstream os;
    os << std::setprecision(6) << 1.5 << " ";
    impact->Print(os);
    os << 2.25;
    EXPECT_EQ(os.str(),
              "1.5 fault                                  at_s   until_s  failed_in_window\n"
              "proxy crash at LosAngeles               60.0      90.0                 1\n"
              "link Chicago-Denver down               180.0     200.0                 0\n"
              "failed outside the fault windows (window: fault to repair + 31 s): 1\n"
              "2.25"); // the stream's format is left as it was
}

TEST(FaultImpact, WindowEndingBeforeItBeginsIsRefused)
{
    EXPECT_DEATH(Create<FaultImpact>()->AddWindow("x", Seconds(5), Seconds(4)), "ends");
    EXPECT_DEATH(Create<FaultImpact>()->SetGrace(Seconds(-1)), "negative grace");
}
