/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "replicated-runs.h"

#include "ns3/log.h"
#include "ns3/rng-seed-manager.h"

#include <sys/wait.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ReplicatedRuns");

namespace
{

/// Writes all of text to fd (a pipe may take it in parts).
bool
WriteAll(int fd, const std::string& text)
{
    size_t done = 0;
    while (done < text.size())
    {
        const ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
        {
            continue;
        }
        if (n <= 0)
        {
            return false;
        }
        done += n;
    }
    return true;
}

/// The child's side: one run, its values (or its error) written to fd; never returns.
[[noreturn]] void
ChildRun(int fd, uint64_t rngRun, const ReplicatedRuns::Task& task)
{
    int status = 0;
    std::ostringstream os;
    os.precision(17);
    try
    {
        RngSeedManager::SetRun(rngRun);
        for (const auto& [name, value] : task())
        {
            if (name.empty() || name.find_first_of(" \t\n") != std::string::npos)
            {
                throw std::invalid_argument("figure name '" + name + "' is empty or has spaces");
            }
            os << name << ' ' << value << '\n';
        }
    }
    catch (const std::exception& e)
    {
        os.str("");
        os << "!error " << e.what() << '\n';
        status = 1;
    }
    std::cout.flush();
    std::cerr.flush();
    if (!WriteAll(fd, os.str()))
    {
        status = 1;
    }
    close(fd);
    _exit(status);
}

/// The values a child wrote, or an error message (second) when it wrote one.
std::pair<ReplicatedRuns::Values, std::string>
ParseValues(const std::string& text)
{
    ReplicatedRuns::Values values;
    std::istringstream is(text);
    for (std::string line; std::getline(is, line);)
    {
        if (line.rfind("!error ", 0) == 0)
        {
            return {values, line.substr(7)};
        }
        const size_t space = line.find(' ');
        if (space == std::string::npos)
        {
            return {values, "unreadable line '" + line + "'"};
        }
        // strtod reads the "nan" and "inf" that operator<< writes; operator>> does not.
        values[line.substr(0, space)] = std::strtod(line.c_str() + space + 1, nullptr);
    }
    return {values, ""};
}

} // namespace

ReplicatedRuns::ReplicatedRuns(uint32_t runs, uint32_t jobs)
    : m_runs(runs)
    , m_jobs(jobs)
    , m_baseRun(RngSeedManager::GetRun())
{
    if (runs == 0 || jobs == 0)
    {
        throw std::invalid_argument("ReplicatedRuns: runs and jobs must be at least 1");
    }
}

void
ReplicatedRuns::AddOptions(OptionChecker& opt, uint32_t& runs, uint32_t& jobs)
{
    opt.AddInteger("runs",
                   "independent runs, RngRun, RngRun+1, ... (run i is the run of RngRun + i): "
                   "figures are their mean +- 95% confidence interval",
                   runs,
                   1,
                   1000);
    opt.AddInteger("jobs", "runs at once, each in a process of its own", jobs, 1, 64);
}

uint32_t
ReplicatedRuns::GetRuns() const
{
    return m_runs;
}

uint32_t
ReplicatedRuns::GetJobs() const
{
    return m_jobs;
}

uint64_t
ReplicatedRuns::GetBaseRun() const
{
    return m_baseRun;
}

void
ReplicatedRuns::SetKeepGoing(bool keepGoing)
{
    m_keepGoing = keepGoing;
}

const std::vector<std::string>&
ReplicatedRuns::GetFailures() const
{
    return m_failures;
}

void
ReplicatedRuns::Add(const std::string& name, Task task)
{
    m_queue.push_back({name, std::move(task)});
}

std::map<std::string, std::vector<ReplicatedRuns::Values>>
ReplicatedRuns::Run(const DoneCallback& done)
{
    const std::vector<Config> configs = std::move(m_queue);
    m_queue.clear();
    m_failures.clear();
    std::map<std::string, std::vector<Values>> results;
    std::vector<std::vector<Values>> runs(configs.size(), std::vector<Values>(m_runs));
    std::vector<uint32_t> remaining(configs.size(), m_runs);
    struct Child
    {
        pid_t pid;        //!< process
        int fd;           //!< read end of its pipe
        size_t config;    //!< configuration index
        uint32_t run;     //!< run index
        std::string text; //!< what it wrote so far
    };

    std::vector<Child> children;
    const size_t total = configs.size() * m_runs;
    size_t next = 0;     // runs are started configuration by configuration, run 0 first
    size_t reported = 0; // configurations passed to done
    auto describe = [&](const Child& c)
    {
        return "configuration " + configs[c.config].name + ", run " + std::to_string(c.run)
             + " (RngRun " + std::to_string(m_baseRun + c.run) + ")";
    };
    auto abandon = [&children](const std::string& message)
    {
        for (const Child& c : children)
        {
            kill(c.pid, SIGTERM);
            close(c.fd);
            int status = 0;
            waitpid(c.pid, &status, 0);
        }
        throw std::runtime_error(message);
    };
    while (next < total || !children.empty())
    {
        while (children.size() < m_jobs && next < total)
        {
            Child c{-1, -1, next / m_runs, uint32_t(next % m_runs), ""};
            int fds[2];
            if (pipe(fds) != 0)
            {
                abandon(describe(c) + ": pipe failed: " + std::strerror(errno));
            }
            std::cout.flush();
            std::cerr.flush();
            c.pid = fork();
            if (c.pid == 0)
            {
                close(fds[0]);
                for (const Child& other : children)
                {
                    close(other.fd);
                }
                ChildRun(fds[1], m_baseRun + c.run, configs[c.config].task);
            }
            close(fds[1]);
            if (c.pid < 0)
            {
                close(fds[0]);
                abandon(describe(c) + ": fork failed: " + std::strerror(errno));
            }
            NS_LOG_INFO("started " << describe(c) << " as process " << c.pid);
            c.fd = fds[0];
            children.push_back(c);
            ++next;
        }
        std::vector<pollfd> fds;
        for (const Child& c : children)
        {
            fds.push_back({c.fd, POLLIN, 0});
        }
        if (poll(fds.data(), fds.size(), -1) < 0)
        {
            if (errno == EINTR)
            {
                continue;
            }
            abandon(std::string("poll failed: ") + std::strerror(errno));
        }
        for (size_t k = fds.size(); k-- > 0;)
        {
            if (fds[k].revents == 0)
            {
                continue;
            }
            Child& c = children[k];
            char buf[4096];
            const ssize_t n = read(c.fd, buf, sizeof buf);
            if (n > 0)
            {
                c.text.append(buf, n);
                continue;
            }
            if (n < 0 && errno == EINTR)
            {
                continue;
            }
            // End of file: the child has written all it will.
            close(c.fd);
            int status = 0;
            waitpid(c.pid, &status, 0);
            const Child finished = c;
            children.erase(children.begin() + k);
            auto [values, error] = ParseValues(finished.text);
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !error.empty())
            {
                std::string why = error;
                if (why.empty() && WIFSIGNALED(status))
                {
                    why = std::string("killed by signal ") + strsignal(WTERMSIG(status));
                }
                else if (why.empty())
                {
                    why = "exit status " + std::to_string(WEXITSTATUS(status));
                }
                if (!m_keepGoing)
                {
                    abandon(describe(finished) + " failed: " + why);
                }
                m_failures.push_back(describe(finished) + " failed: " + why);
                values.clear();
            }
            runs[finished.config][finished.run] = values;
            --remaining[finished.config];
        }
        while (reported < configs.size() && remaining[reported] == 0)
        {
            results[configs[reported].name] = runs[reported];
            if (done)
            {
                done(configs[reported].name, runs[reported]);
            }
            ++reported;
        }
    }
    return results;
}

} // namespace ns3
