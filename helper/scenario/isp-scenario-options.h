/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISP_SCENARIO_OPTIONS_H
#define ISP_SCENARIO_OPTIONS_H

#include "isp-scenario-helper.h"
#include "option-checker.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief The IspScenarioHelper settings as checked command-line options.
 *
 * The checked counterpart of IspScenarioHelper::AddCommandLineOptions (which adds the same
 * options to a CommandLine unchecked): each option gets its allowed range, so that a bad value
 * ends the program with OptionChecker's one-line message instead of a crash, a wrapped
 * unsigned value or an abort on a time without a known unit.
 */
class IspScenarioOptions
{
  public:
    /**
     * Add --population (modem or lan), --modems (1-100000), --users (0-10000000; 0: 40 per
     * modem, 10 per LAN client), --lanClients (1-60000), --duration (1 s to 7 days),
     * --rttClasses (1-100), --maxOutstanding (1-64), --servers (0 or 2-10000000) and
     * --timeWait (1 ms to 1 h); the current values are the defaults. The ns-3 attributes that
     * these settings decide (--ns3::TcpSocketBase::MaxSegLifetime, and the workload's Users,
     * Duration, Servers ..., IspScenarioHelper::GetWorkloadSettings) are refused, naming the
     * option to use (OptionChecker::AddSetByProgram).
     * \param options the program's options
     * \param settings the settings the options write to
     */
    static void Add(OptionChecker& options, IspScenarioHelper::Settings& settings);

    /**
     * After OptionChecker::Parse: the checks a range cannot make (--servers=1), each failing
     * with the option's name, and the environment's TCP defaults
     * (IspScenarioHelper::SetTcpDefaults) set where the command line did not set the attribute
     * itself, with settings.tcpDefaults turned off so that Build keeps them. The command
     * line's --ns3::SyntheticWorkload::... options go to settings.workloadAttributes (the
     * workload's preset would overwrite their defaults).
     * \param options the program's options, parsed
     * \param settings the settings they wrote
     */
    static void Check(OptionChecker& options, IspScenarioHelper::Settings& settings);
};

} // namespace ns3

#endif // ISP_SCENARIO_OPTIONS_H
