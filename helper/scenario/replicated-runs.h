/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef WEB_PROXY_REPLICATED_RUNS_H
#define WEB_PROXY_REPLICATED_RUNS_H

#include "option-checker.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief Independent runs of an example's configurations, each in a process of its own.
 *
 * Each configuration added is run GetRuns() times; run i of it is a child process (fork)
 * that sets RngRun to the base run (RngRun when the object was made, after the command line
 * was parsed) plus i and then calls the configuration's task, so run i is exactly the single
 * run that --RngRun=base+i gives, whatever ran before it or beside it: random stream
 * numbers, Config defaults and static state start from the parent's state every time. At
 * most GetJobs() children run at once. A task returns its figures as name/value pairs, which
 * cross a pipe as text (17 significant digits: the parent gets the child's doubles exactly).
 */
class ReplicatedRuns
{
  public:
    /// What one run measured: figure name (no white space) -> value.
    using Values = std::map<std::string, double>;
    /// One run of a configuration, called in the child process.
    using Task = std::function<Values()>;
    /// Called when every run of a configuration is in, in the order the configurations were
    /// added: the configuration's name and its runs' values, run 0 first.
    using DoneCallback = std::function<void(const std::string&, const std::vector<Values>&)>;

    /**
     * \param runs runs of each configuration, at least 1
     * \param jobs child processes at once, at least 1
     */
    ReplicatedRuns(uint32_t runs, uint32_t jobs);

    /**
     * Adds --runs (1 to 1000) and --jobs (1 to 64) to a program's options.
     * \param opt the program's options
     * \param runs the variable of --runs (holds the default)
     * \param jobs the variable of --jobs (holds the default)
     */
    static void AddOptions(OptionChecker& opt, uint32_t& runs, uint32_t& jobs);

    /// \return runs of each configuration
    uint32_t GetRuns() const;
    /// \return child processes at once
    uint32_t GetJobs() const;
    /// \return RngRun of run 0 (the RngRun of run i is this plus i)
    uint64_t GetBaseRun() const;

    /**
     * Queues a configuration.
     * \param name its name (unique; used in messages and as the key of the results)
     * \param task what one run does
     */
    void Add(const std::string& name, Task task);

    /**
     * What a run whose process does not exit with status 0 (an exception in the task, a
     * crash) does: by default it stops the others (SIGTERM to the children still running) and
     * Run() throws; when kept going, its values are empty, GetFailures() names it, and the
     * other runs go on.
     * \param keepGoing whether the other runs go on
     */
    void SetKeepGoing(bool keepGoing);

    /// \return one message per failed run of the last Run() (configuration, run, RngRun, why)
    const std::vector<std::string>& GetFailures() const;

    /**
     * Runs every queued run and empties the queue. A failed run throws std::runtime_error
     * naming the configuration, the run, its RngRun and the child's error or signal, unless
     * SetKeepGoing(true).
     * \param done called as each configuration completes (may be empty)
     * \return configuration name -> its runs' values, run 0 first
     */
    std::map<std::string, std::vector<Values>> Run(const DoneCallback& done = {});

  private:
    /// A queued configuration.
    struct Config
    {
        std::string name; //!< its name
        Task task;        //!< one run
    };

    uint32_t m_runs;                     //!< runs of each configuration
    uint32_t m_jobs;                     //!< children at once
    uint64_t m_baseRun;                  //!< RngRun of run 0
    std::vector<Config> m_queue;         //!< configurations not run yet
    bool m_keepGoing{false};             //!< a failed run does not stop the others
    std::vector<std::string> m_failures; //!< failed runs of the last Run()
};

} // namespace ns3

#endif // WEB_PROXY_REPLICATED_RUNS_H
