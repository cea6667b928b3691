/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "isp-scenario-options.h"

#include "ns3/attribute-text-check.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IspScenarioOptions");

void
IspScenarioOptions::Add(OptionChecker& o, IspScenarioHelper::Settings& s)
{
    o.AddChoice(
        "population", "modem (dial-up pool) or lan (research LAN)", s.population, {"modem", "lan"});
    o.AddInteger("modems", "Modems in the pool", s.modems, 1, 100000);
    o.AddInteger(
        "users", "Users (default 0: 40 per modem, 10 per LAN client)", s.users, 0, 10000000);
    o.AddInteger("lanClients", "LAN client nodes", s.lanClients, 1, 60000);
    o.AddTime("duration",
              "Trace time to generate and simulate (e.g. 900s, 1h)",
              s.duration,
              Seconds(1),
              Days(7));
    o.AddInteger("rttClasses", "RTT classes of origin servers", s.rttClasses, 1, 100);
    o.AddInteger("maxOutstanding", "Requests in flight per client", s.maxOutstanding, 1, 64);
    o.AddFlag("pages",
              "Workload pages (base and embedded objects, fetched as a browser does); "
              "--pages=0: independent requests",
              s.pages);
    o.AddInteger("servers",
                 "Origin servers of the workload; 0: one per ObjectsPerServer objects of its "
                 "universe (sites as large as in the full trace, whatever the duration)",
                 s.servers,
                 0,
                 10000000);
    o.AddReal("sameSite",
              "Probability that a page's base is on the server of the page before (a link "
              "within the site)",
              s.sameSite,
              0,
              1);
    o.AddReal("synLoss",
              "Probability that an origin loses a connection request (SYN), which the sender "
              "retries after 3 s, 6 s, ...; negative: the population's (modem 0.22, for "
              "[PROXIM]'s mean connection setup of 1.3 s; LAN 0)",
              s.synLoss,
              -1,
              1);
    o.AddTime("timeWait", "TCP TIME_WAIT (2 MSL), e.g. 60s", s.timeWait, MilliSeconds(1), Hours(1));
    // Build writes TIME_WAIT over the attribute, and the settings' workload attributes over
    // the preset's: their ns-3 options would be ignored.
    o.AddSetByProgram({"ns3::TcpSocketBase::MaxSegLifetime"},
                      "set by --timeWait (TIME_WAIT = 2 MSL)",
                      "--timeWait instead");
    for (const auto& [attribute, option] : IspScenarioHelper::GetWorkloadSettings())
    {
        o.AddSetByOption("ns3::SyntheticWorkload::" + attribute, option);
    }
    // InstallClients sets these on every client (the era's browsers, and the trace's or the
    // proxy's persistence).
    o.AddSetByOption("ns3::WebClient::MaxOutstanding", "maxOutstanding");
    o.AddSetByProgram({"ns3::WebClient::EmbeddedAsParsed",
                       "ns3::WebClient::Proxy",
                       "ns3::WebClient::PersistentConnections",
                       "ns3::WebClient::IdleTimeout"},
                      "set by the scenario's clients (browsers of 1998 replaying the trace)",
                      "the scenario's options");
    // Random variables as ns-3 writes them; Build refuses one that is not, naming the option.
    o.AddText("serverRtt",
              "Proxy-to-server RTT of the origins, seconds, a random variable, e.g. "
              "ns3::ConstantRandomVariable[Constant=0.08] (default: the preset's)",
              s.serverRtt);
    o.AddText("synDelay",
              "How long an origin holds each connection request (SYN), seconds, a random "
              "variable (default: none); with synLoss=0, an alternative to the losses",
              s.synDelay);
    o.AddText("serverThink",
              "Origin think time per request, seconds, a random variable (default: none)",
              s.serverThink);
    o.AddText("modificationInterval",
              "Per-object mean modification interval at the origins, seconds, a random "
              "variable (default: the preset's; none: Last-Modified at time 0, never modified)",
              s.modificationInterval);
    o.AddReal(
        "maxAgeShare", "Share of objects sent with Cache-Control max-age", s.maxAgeShare, 0, 1);
    o.AddText("maxAge", "Their max-age, seconds, a random variable", s.maxAge);
}

void
IspScenarioOptions::Check(OptionChecker& options, IspScenarioHelper::Settings& settings)
{
    // The environment's other TCP defaults, unless the command line gave its own: Build's
    // Config::SetDefault would undo the user's --ns3::TcpSocket::SegmentSize without a word.
    IspScenarioHelper::SetTcpDefaults(
        [&options](const std::string& name, const AttributeValue& value)
        { options.SetAttributeDefault(name, value); });
    settings.tcpDefaults = false;
    // The workload's preset overwrites the defaults the command line set: Build sets them
    // again after it (those a setting decides were refused by Parse).
    settings.workloadAttributes = options.GetGivenAttributes("ns3::SyntheticWorkload");
    options.Require(settings.servers != 1,
                    "servers",
                    "one server cannot hold both a cookie site and another",
                    "0 (from the workload's ObjectsPerServer) or 2 to 10000000");
    // Build would refuse these too, but its error cannot say which option the user gave.
    const std::string variable = "an ns-3 random variable, e.g. "
                                 "ns3::ExponentialRandomVariable[Mean=0.5]";
    for (const auto& [text, option] : {std::pair{&settings.serverRtt, "serverRtt"},
                                       std::pair{&settings.serverThink, "serverThink"},
                                       std::pair{&settings.synDelay, "synDelay"},
                                       std::pair{&settings.maxAge, "maxAge"}})
    {
        options.Require(text->empty() || AttributeTextCheck::IsRandomVariable(*text),
                        option,
                        "not a random variable",
                        variable + " (empty: the default)");
    }
    options.Require(settings.modificationInterval.empty() || settings.modificationInterval == "none"
                        || AttributeTextCheck::IsRandomVariable(settings.modificationInterval),
                    "modificationInterval",
                    "not a random variable",
                    variable + ", none, or empty (the preset's)");
    options.Require(settings.maxAgeShare == 0 || !settings.maxAge.empty(),
                    "maxAgeShare",
                    "a share of objects with max-age needs --maxAge",
                    "0, or a share with --maxAge");
}

} // namespace ns3
