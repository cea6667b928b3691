/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OptionChecker: the examples' command-line options with allowed ranges. A bad option ends the
 * program with exit status 2 and one line naming the option, its text and the allowed values
 * (checked here as death tests); good ones reach the variables; --seed and --run set ns-3's
 * RngSeed and RngRun.
 */
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/isp-scenario-options.h"
#include "ns3/option-checker.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// Options of a small program, parsed from a list of arguments.
struct Program
{
    uint32_t count{3};
    uint64_t bytes{100};
    double ratio{0.5};
    Time delay{MilliSeconds(10)};
    std::string rate{"1Mbps"};
    bool flag{false};
    std::string mode{"a"};
    std::string list{"x"};
    std::string sizes{"1"};

    void Parse(std::vector<std::string> args)
    {
        CommandLine cmd;
        OptionChecker o(cmd, "prog");
        o.AddInteger("count", "a count", count, 1, 10);
        o.AddInteger("bytes", "bytes", bytes, 0, UINT64_MAX);
        o.AddReal("ratio", "a ratio", ratio, 0, 1);
        o.AddTime("delay", "a delay", delay, Seconds(0), Seconds(10));
        o.AddRate("rate", "a rate", rate, DataRate("1kbps"), DataRate("1Gbps"));
        o.AddFlag("flag", "a flag", flag);
        o.AddChoice("mode", "a mode", mode, {"a", "b"});
        o.AddChoiceList("list", "a list", list, {"x", "y"});
        o.AddIntegerList("sizes", "sizes", sizes, 1, 1000);
        o.AddRunAliases();
        args.insert(args.begin(), "prog");
        std::vector<char*> argv;
        for (auto& a : args)
        {
            argv.push_back(a.data());
        }
        o.Parse(static_cast<int>(argv.size()), argv.data());
    }
};

/// An attribute's current default, as text.
std::string
AttributeDefault(const std::string& type, const std::string& attribute)
{
    TypeId::AttributeInformation info;
    TypeId::LookupByName(type).LookupAttributeByName(attribute, &info);
    return info.initialValue->SerializeToString(info.checker);
}

class OptionCheckerTest : public ::testing::Test
{
  protected:
    /// The process-wide defaults that parsing a command line and building a scenario set
    /// (Config::SetDefault): restored after each test, so that no later test in the same
    /// process runs with them (a modem test's handshakes got shorter without timestamps).
    void SetUp() override
    {
        for (const auto& [type, attribute] : GLOBALS)
        {
            m_saved.emplace_back(type + "::" + attribute, AttributeDefault(type, attribute));
        }
    }

    void TearDown() override
    {
        for (const auto& [name, value] : m_saved)
        {
            Config::SetDefault(name, StringValue(value));
        }
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }

  private:
    /// (type, attribute) of the defaults restored
    inline static const std::vector<std::pair<std::string, std::string>> GLOBALS
        = {{"ns3::TcpSocket", "SegmentSize"},
           {"ns3::TcpSocketBase", "Timestamp"},
           {"ns3::TcpSocketBase", "MaxSegLifetime"},
           {"ns3::SyntheticWorkload", "ZipfTheta"}};
    std::vector<std::pair<std::string, std::string>> m_saved; //!< (name, default) at SetUp
};

/// The one line a bad option prints, as a regular expression (parentheses escaped).
std::string
Line(const std::string& text)
{
    std::string re = "^";
    for (char c : text)
    {
        if (std::string("()[].*+?^$|\\").find(c) != std::string::npos)
        {
            re += '\\';
        }
        re += c;
    }
    return re + "\n$";
}

TEST_F(OptionCheckerTest, GoodOptionsReachTheVariables)
{
    Program p;
    p.Parse({"--count=10",
             "--bytes=18446744073709551615",
             "--ratio=1",
             "--delay=0.125min",
             "--rate=28.8kbps",
             "--flag",
             "--mode=b",
             "--list=y,x",
             "--sizes=1,1000"});
    EXPECT_EQ(p.count, 10u);
    EXPECT_EQ(p.bytes, UINT64_MAX);
    EXPECT_EQ(p.ratio, 1.0);
    EXPECT_EQ(p.delay, MilliSeconds(7500));
    EXPECT_EQ(p.rate, "28.8kbps");
    EXPECT_TRUE(p.flag);
    EXPECT_EQ(p.mode, "b");
    EXPECT_EQ(p.list, "y,x");
    EXPECT_EQ(OptionChecker::SplitIntegers(p.sizes), (std::vector<uint64_t>{1, 1000}));
}

TEST_F(OptionCheckerTest, SeedAndRunAreAliasesOfRngSeedAndRngRun)
{
    Program p;
    p.Parse({"--seed=5", "--run=7"});
    EXPECT_EQ(RngSeedManager::GetSeed(), 5u);
    EXPECT_EQ(RngSeedManager::GetRun(), 7u);
    Program q;
    q.Parse({"--RngRun=9", "--run=9"}); // the same value twice is no conflict
    EXPECT_EQ(RngSeedManager::GetRun(), 9u);
}

TEST_F(OptionCheckerTest, BadOptionsExitWithOneLineNamingOptionValueAndRange)
{
    const std::string count = " (allowed: an integer from 1 to 10)";
    const struct
    {
        std::vector<std::string> args;
        std::string line;
    } cases[] = {
        // ns-3's CommandLine reads -1 into a uint32_t as 4294967295.
        {{"--count=-1"}, "prog: --count=-1: negative" + count},
        {{"--count=0"}, "prog: --count=0: below the minimum" + count},
        {{"--count=4294967297"}, "prog: --count=4294967297: above the maximum" + count},
        // CommandLine would take 1.5 as 1 and 2x as 2.
        {{"--count=1.5"}, "prog: --count=1.5: not an integer" + count},
        {{"--count=2x"}, "prog: --count=2x: not an integer" + count},
        {{"--count"}, "prog: --count=: no value" + count},
        {{"--bytes=18446744073709551616"},
         "prog: --bytes=18446744073709551616: too large (allowed: an integer from 0 to "
         "18446744073709551615)"},
        {{"--ratio=nan"}, "prog: --ratio=nan: not a finite number (allowed: a number from 0 to 1)"},
        // ns-3 aborts on a time with an unknown unit.
        {{"--delay=5xs"},
         "prog: --delay=5xs: not a time with a known unit (allowed: a time from 0s to 10s "
         "(units s, ms, us, ns, min, h, d, y; none: s))"},
        {{"--delay=-1ms"},
         "prog: --delay=-1ms: below the minimum (allowed: a time from 0s to 10s (units s, ms, "
         "us, ns, min, h, d, y; none: s))"},
        {{"--rate=0bps"},
         "prog: --rate=0bps: below the minimum (allowed: a data rate from 1kbps to 1Gbps)"},
        // A bare number would be bit/s to ns-3.
        {{"--rate=10"},
         "prog: --rate=10: not a data rate with a unit (bps, kbps, Mbps, Gbps, Bps, KiBps, ...) "
         "(allowed: a data rate from 1kbps to 1Gbps)"},
        {{"--flag=maybe"},
         "prog: --flag=maybe: not true or false (allowed: true or false (alone: "
         "true))"},
        {{"--mode=c"}, "prog: --mode=c: unknown value (allowed: one of a, b)"},
        {{"--list=x,z"},
         "prog: --list=x,z: unknown value 'z' (allowed: a comma-separated list of x, y)"},
        {{"--sizes=5,0"},
         "prog: --sizes=5,0: '0' is below the minimum (allowed: a comma-separated list of "
         "integers from 1 to 1000)"},
        {{"--RngRun=-1"},
         "prog: --RngRun=-1: negative (allowed: an integer from 0 to 18446744073709551615)"},
        {{"--run=1", "--RngRun=2"},
         "prog: --run=1: conflicts with --RngRun=2 (allowed: the same value as --RngRun, or only "
         "one of them)"},
    };
    for (const auto& c : cases)
    {
        EXPECT_EXIT(Program().Parse(c.args), ::testing::ExitedWithCode(2), Line(c.line))
            << c.args[0];
    }
}

TEST_F(OptionCheckerTest, BadAttributeDefaultsAreNamedInsteadOfAborting)
{
    // ns-3 aborts on the first three (an istream read that stops before the end, Time's
    // parser), prints its help for the next three, and crashes or aborts on the pointers'.
    const std::string cwnd = " (allowed: ns3::UintegerValue (uint32_t 0:4294967295))";
    const std::string rv = " (allowed: ns3::PointerValue (ns3::Ptr< ns3::RandomVariableStream >))";
    const struct
    {
        std::string arg;
        std::string line;
    } cases[] = {
        {"--ns3::TcpSocket::InitialCwnd=abc",
         "prog: --ns3::TcpSocket::InitialCwnd=abc: not an integer" + cwnd},
        {"--ns3::TcpSocket::InitialCwnd=2x",
         "prog: --ns3::TcpSocket::InitialCwnd=2x: not an integer" + cwnd},
        {"--ns3::TcpSocket::ConnTimeout=5xs",
         "prog: --ns3::TcpSocket::ConnTimeout=5xs: not a time with a known unit (allowed: "
         "ns3::TimeValue (a number and a unit: s, ms, us, ns, ps, fs, min, h, d, y; none: s))"},
        {"--ns3::TcpSocket::InitialCwnd=4294967296",
         "prog: --ns3::TcpSocket::InitialCwnd=4294967296: not accepted" + cwnd},
        {"--ns3::TcpSocket::NoSuch=1",
         "prog: --ns3::TcpSocket::NoSuch=1: no such attribute (allowed: an attribute of "
         "ns3::TcpSocket (--PrintAttributes=ns3::TcpSocket lists them))"},
        {"--ns3::NoSuchType::X=1",
         "prog: --ns3::NoSuchType::X=1: no such type (allowed: ns3::TypeName::Attribute=value, "
         "an attribute of a registered type)"},
        // A pointer attribute's object description: ns-3's reader runs past the end without
        // the closing bracket and aborts on a malformed number inside it.
        {"--ns3::OriginServer::ServiceTime=ns3::ConstantRandomVariable[Constant=1",
         "prog: --ns3::OriginServer::ServiceTime=ns3::ConstantRandomVariable[Constant=1: not "
         "an object description"
             + rv},
        {"--ns3::OriginServer::ServiceTime=ns3::ConstantRandomVariable[Constant=1x]",
         "prog: --ns3::OriginServer::ServiceTime=ns3::ConstantRandomVariable[Constant=1x]: not "
         "an object description"
             + rv},
        // ns-3 sets a default only through the type that declares the attribute.
        {"--ns3::ConstantRandomVariable::Antithetic=1",
         "prog: --ns3::ConstantRandomVariable::Antithetic=1: inherited attribute (allowed: "
         "--ns3::RandomVariableStream::Antithetic (ns-3 sets an attribute's default by the type "
         "that declares it))"},
        {"--ns3::OriginServer::ServiceTime=ns3::Node",
         "prog: --ns3::OriginServer::ServiceTime=ns3::Node: not accepted" + rv},
        // A choice: ns-3's strings take any text, and the object that read it stopped the
        // program when it was created, in each of a program's runs.
        {"--ns3::Depot::ForwardingMethod=Tunnel",
         "prog: --ns3::Depot::ForwardingMethod=Tunnel: not accepted (allowed: ns3::StringValue "
         "(Nat|Direct))"},
        {"--ns3::TraceRequestSource::PersistentFlag=server",
         "prog: --ns3::TraceRequestSource::PersistentFlag=server: not accepted (allowed: "
         "ns3::StringValue (Request|Server))"},
    };
    for (const auto& c : cases)
    {
        EXPECT_EXIT(Program().Parse({c.arg}), ::testing::ExitedWithCode(2), Line(c.line)) << c.arg;
    }
    // Good ones reach ns-3's defaults, as CommandLine sets them.
    Program().Parse({"--ns3::TcpSocket::InitialCwnd=2", "--ns3::TcpSocket::ConnTimeout=2s"});
    TypeId::AttributeInformation info;
    ASSERT_TRUE(TypeId::LookupByName("ns3::TcpSocket").LookupAttributeByName("InitialCwnd", &info));
    EXPECT_EQ(info.initialValue->SerializeToString(info.checker), "2");
    Config::Reset();
}

TEST_F(OptionCheckerTest, RequireNamesAnOptionLeftAtItsDefaultWithIt)
{
    // A condition between options fails: the option is named with its text when given, and
    // with its default otherwise (an empty "--count=" would say nothing).
    auto run = [](std::vector<std::string> args)
    {
        uint32_t count = 3;
        Time delay = MilliSeconds(10);
        CommandLine cmd;
        OptionChecker o(cmd, "prog");
        o.AddInteger("count", "a count", count, 1, 10);
        o.AddTime("delay", "a delay", delay, Seconds(0), Seconds(10));
        args.insert(args.begin(), "prog");
        std::vector<char*> argv;
        for (auto& a : args)
        {
            argv.push_back(a.data());
        }
        o.Parse(static_cast<int>(argv.size()), argv.data());
        o.Require(count > 5, "count", "not more than 5", "more than 5");
        o.Require(delay > Seconds(1), "delay", "too short", "more than 1s");
        std::exit(0);
    };
    EXPECT_EXIT(run({}),
                ::testing::ExitedWithCode(2),
                Line("prog: --count=3 (default): not more than 5 (allowed: more than 5)"));
    EXPECT_EXIT(run({"--count=4"}),
                ::testing::ExitedWithCode(2),
                Line("prog: --count=4: not more than 5 (allowed: more than 5)"));
    EXPECT_EXIT(run({"--count=6"}),
                ::testing::ExitedWithCode(2),
                Line("prog: --delay=10ms (default): too short (allowed: more than 1s)"));
    EXPECT_EXIT(run({"--count=6", "--delay=2s"}), ::testing::ExitedWithCode(0), "");
}

// A program's own default of an ns-3 attribute, set after parsing, used to undo the user's
// --ns3::...= option without a word (isp-backbone's 1448-byte segments, 30 s MSL and no
// timestamps; the depot examples' segment size). SetAttributeDefault leaves the user's.
TEST_F(OptionCheckerTest, TheCommandLinesAttributeBeatsTheProgramsDefault)
{
    const std::string name = "ns3::TcpSocket::SegmentSize";
    auto segmentSize = [&name]()
    {
        TypeId::AttributeInformation info;
        TypeId::LookupByName("ns3::TcpSocket").LookupAttributeByName("SegmentSize", &info);
        return info.initialValue->SerializeToString(info.checker);
    };
    const std::string ns3Default = segmentSize();
    auto run = [&name](std::vector<std::string> args)
    {
        CommandLine cmd;
        OptionChecker o(cmd, "prog");
        args.insert(args.begin(), "prog");
        std::vector<char*> argv;
        for (auto& a : args)
        {
            argv.push_back(a.data());
        }
        o.Parse(static_cast<int>(argv.size()), argv.data());
        return o.SetAttributeDefault(name, UintegerValue(1448));
    };
    EXPECT_FALSE(run({"--ns3::TcpSocket::SegmentSize=536", "--RngRun=2"}));
    EXPECT_EQ(segmentSize(), "536");
    EXPECT_TRUE(run({"--RngRun=2"}));
    EXPECT_EQ(segmentSize(), "1448");
    // The user's value, different from both.
    EXPECT_FALSE(run({"--ns3::TcpSocket::SegmentSize=1000"}));
    EXPECT_EQ(segmentSize(), "1000");
    Config::SetDefault(name, StringValue(ns3Default));
}

/// A small modem scenario's settings (2 modems, 10 minutes of trace).
IspScenarioHelper::Settings
SmallScenario()
{
    IspScenarioHelper::Settings s;
    s.modems = 2;
    s.users = 500;
    s.duration = Seconds(600);
    s.rttClasses = 1;
    return s;
}

/**
 * Parses a command line with the scenario's options, checks it, builds the small scenario and
 * shows it to inspect before the simulator is destroyed.
 * \param args the options
 * \param inspect called with the built scenario
 */
void
BuildFromCommandLine(std::vector<std::string> args,
                     const std::function<void(const IspScenarioHelper&)>& inspect)
{
    CommandLine cmd;
    OptionChecker o(cmd, "prog");
    IspScenarioHelper::Settings s = SmallScenario();
    IspScenarioOptions::Add(o, s);
    args.insert(args.begin(), "prog");
    std::vector<char*> argv;
    for (auto& a : args)
    {
        argv.push_back(a.data());
    }
    o.Parse(static_cast<int>(argv.size()), argv.data());
    IspScenarioOptions::Check(o, s);
    IspScenarioHelper scenario;
    scenario.Build(s);
    inspect(scenario);
    Simulator::Destroy();
}

// IspScenarioHelper::Build sets the environment's TCP defaults process-wide; in a program with
// a command line they used to undo the user's --ns3::TcpSocket::SegmentSize=536 without a word
// (proxim gave the same figures with and without it). IspScenarioOptions::Check now sets them
// where the command line did not, and Build keeps what it finds.
TEST_F(OptionCheckerTest, TheCommandLinesTcpAttributesSurviveTheScenariosBuild)
{
    auto tcp = [](std::vector<std::string> args)
    {
        BuildFromCommandLine(std::move(args), [](const IspScenarioHelper&) {});
        return AttributeDefault("ns3::TcpSocket", "SegmentSize") + " "
             + AttributeDefault("ns3::TcpSocketBase", "Timestamp") + " "
             + AttributeDefault("ns3::TcpSocketBase", "MaxSegLifetime");
    };
    EXPECT_EQ(tcp({"--ns3::TcpSocket::SegmentSize=536"}), "536 false 30");
    EXPECT_EQ(tcp({"--ns3::TcpSocketBase::Timestamp=true", "--timeWait=10s"}), "1448 true 5");
    EXPECT_EQ(tcp({}), "1448 false 30");
    // A script without a command line gets the environment's defaults from Build, and keeps
    // its own with tcpDefaults off.
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1000));
    IspScenarioHelper::Settings s = SmallScenario();
    s.tcpDefaults = false;
    {
        IspScenarioHelper scenario;
        scenario.Build(s);
        Simulator::Destroy();
    }
    EXPECT_EQ(AttributeDefault("ns3::TcpSocket", "SegmentSize"), "1000");
    s.tcpDefaults = true;
    {
        IspScenarioHelper scenario;
        scenario.Build(s);
        Simulator::Destroy();
    }
    EXPECT_EQ(AttributeDefault("ns3::TcpSocket", "SegmentSize"), "1448");
    // TIME_WAIT is --timeWait's: the attribute on the command line is refused, named.
    EXPECT_EXIT(tcp({"--ns3::TcpSocketBase::MaxSegLifetime=10"}),
                ::testing::ExitedWithCode(2),
                Line("prog: --ns3::TcpSocketBase::MaxSegLifetime=10: set by --timeWait "
                     "(TIME_WAIT = 2 MSL) (allowed: --timeWait instead)"));
}

// The workload's preset set its attributes on the object, over the defaults that the command
// line's --ns3::SyntheticWorkload::... options had set: proxim's trace was the same with
// --ns3::SyntheticWorkload::ObjectsPerRequest=0.2 as without. They now reach the workload,
// except those a setting decides, which are refused naming the setting's option.
TEST_F(OptionCheckerTest, TheCommandLinesWorkloadAttributesSurviveThePreset)
{
    auto workload = [](std::vector<std::string> args)
    {
        std::pair<double, uint64_t> seen;
        BuildFromCommandLine(std::move(args),
                             [&seen](const IspScenarioHelper& scenario)
                             {
                                 DoubleValue zipf;
                                 scenario.GetWorkload()->GetAttribute("ZipfTheta", zipf);
                                 seen = {zipf.Get(), scenario.GetStatistics().GetObjects()};
                             });
        return seen;
    };
    const auto preset = workload({});
    EXPECT_DOUBLE_EQ(preset.first, 0.8); // the modem preset's
    const auto given = workload({"--ns3::SyntheticWorkload::ZipfTheta=1.1"});
    EXPECT_DOUBLE_EQ(given.first, 1.1);
    // A steeper popularity repeats more objects: fewer distinct ones in the same requests.
    EXPECT_LT(given.second, preset.second);
    EXPECT_EXIT(workload({"--ns3::SyntheticWorkload::Users=5"}),
                ::testing::ExitedWithCode(2),
                Line("prog: --ns3::SyntheticWorkload::Users=5: set by --users (allowed: --users "
                     "instead)"));
    // Build itself refuses them too (a script without a command line).
    IspScenarioHelper::Settings s = SmallScenario();
    s.workloadAttributes = {{"Duration", "10s"}};
    IspScenarioHelper refused;
    EXPECT_THROW(refused.Build(s), std::invalid_argument);
    s.workloadAttributes = {{"ZipfTheta", "many"}};
    IspScenarioHelper bad;
    EXPECT_THROW(bad.Build(s), std::invalid_argument);
    Simulator::Destroy();
}

// An attribute the program sets itself: ns-3's CommandLine would take --ns3::...= and set a
// default the program then overwrites; Parse refuses it, naming what to use instead.
TEST_F(OptionCheckerTest, AttributesTheProgramSetsAreRefusedNamingTheOption)
{
    auto run = [](std::vector<std::string> args)
    {
        CommandLine cmd;
        OptionChecker o(cmd, "prog");
        uint32_t clients = 1;
        o.AddInteger("clients", "clients", clients, 1, 10);
        o.AddSetByOption("ns3::TcpSocket::SegmentSize", "segment");
        o.AddSetByProgram({"ns3::TcpSocket::InitialCwnd"}, "set by the example", "nothing");
        args.insert(args.begin(), "prog");
        std::vector<char*> argv;
        for (auto& a : args)
        {
            argv.push_back(a.data());
        }
        o.Parse(static_cast<int>(argv.size()), argv.data());
        std::exit(0);
    };
    EXPECT_EXIT(
        run({"--clients=2", "--ns3::TcpSocket::ConnCount=3"}), ::testing::ExitedWithCode(0), "");
    EXPECT_EXIT(run({"--ns3::TcpSocket::SegmentSize=536"}),
                ::testing::ExitedWithCode(2),
                Line("prog: --ns3::TcpSocket::SegmentSize=536: set by --segment (allowed: "
                     "--segment instead)"));
    EXPECT_EXIT(run({"--ns3::TcpSocket::InitialCwnd=2"}),
                ::testing::ExitedWithCode(2),
                Line("prog: --ns3::TcpSocket::InitialCwnd=2: set by the example (allowed: "
                     "nothing)"));
    // A bad text is named as such first.
    EXPECT_EXIT(
        run({"--ns3::TcpSocket::InitialCwnd=two"}), ::testing::ExitedWithCode(2), "not an integer");
    // Declaring an attribute its type does not declare is the program's mistake.
    auto declare = [](const std::string& path)
    {
        CommandLine cmd;
        OptionChecker o(cmd, "prog");
        o.AddSetByOption(path, "x");
    };
    EXPECT_DEATH(declare("ns3::TcpSocket::NoSuchAttribute"), "not an attribute declared");
    EXPECT_DEATH(declare("ns3::TcpSocketBase::SegmentSize"), "not an attribute declared");
    EXPECT_DEATH(declare("ns3::NoSuchType::X"), "not an attribute declared");
}

} // namespace
