/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "option-checker.h"

#include "option-text.h"

#include "ns3/abort.h"
#include "ns3/attribute-text-check.h"
#include "ns3/config.h"
#include "ns3/log.h"
#include "ns3/rng-seed-manager.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OptionChecker");

OptionChecker::OptionChecker(CommandLine& cmd, const std::string& program)
    : m_cmd(cmd)
    , m_program(program)
{
    NS_LOG_FUNCTION(this << program);
    // ns-3's own global values: CommandLine reads them itself, but not strictly.
    const uint64_t maxRun = std::numeric_limits<uint64_t>::max();
    AddRule("RngRun",
            OptionText::IntegerRange(0, maxRun),
            [maxRun](const std::string& t) { return OptionText::IntegerProblem(t, 0, maxRun); });
    AddRule("RngSeed",
            OptionText::IntegerRange(1, UINT32_MAX),
            [](const std::string& t) { return OptionText::IntegerProblem(t, 1, UINT32_MAX); });
}

std::string
OptionChecker::AddRule(const std::string& name, const std::string& allowed, TextCheck check)
{
    m_rules.push_back({name, allowed, std::move(check)});
    return " [" + allowed + "]";
}

void
OptionChecker::AddInteger(
    const std::string& name, const std::string& help, uint32_t& value, uint64_t min, uint64_t max)
{
    m_defaults[name] = std::to_string(value);
    max = std::min<uint64_t>(max, UINT32_MAX);
    m_cmd.AddValue(name,
                   help
                       + AddRule(name,
                                 OptionText::IntegerRange(min, max),
                                 [min, max](const std::string& t)
                                 { return OptionText::IntegerProblem(t, min, max); }),
                   value);
}

void
OptionChecker::AddInteger(
    const std::string& name, const std::string& help, uint64_t& value, uint64_t min, uint64_t max)
{
    m_defaults[name] = std::to_string(value);
    m_cmd.AddValue(name,
                   help
                       + AddRule(name,
                                 OptionText::IntegerRange(min, max),
                                 [min, max](const std::string& t)
                                 { return OptionText::IntegerProblem(t, min, max); }),
                   value);
}

void
OptionChecker::AddReal(
    const std::string& name, const std::string& help, double& value, double min, double max)
{
    m_defaults[name] = OptionText::FormatReal(value);
    m_cmd.AddValue(name,
                   help
                       + AddRule(name,
                                 OptionText::RealRange(min, max),
                                 [min, max](const std::string& t)
                                 { return OptionText::RealProblem(t, min, max); }),
                   value);
}

void
OptionChecker::AddTime(
    const std::string& name, const std::string& help, Time& value, Time min, Time max)
{
    m_defaults[name] = OptionText::FormatTime(value);
    m_cmd.AddValue(name,
                   help
                       + AddRule(name,
                                 OptionText::TimeRange(min, max),
                                 [min, max](const std::string& t)
                                 { return OptionText::TimeProblem(t, min, max); }),
                   value);
}

void
OptionChecker::AddTime(
    const std::string& name, const std::string& help, std::string& value, Time min, Time max)
{
    m_defaults[name] = value;
    m_cmd.AddValue(name,
                   help
                       + AddRule(name,
                                 OptionText::TimeRange(min, max),
                                 [min, max](const std::string& t)
                                 { return OptionText::TimeProblem(t, min, max); }),
                   value);
}

void
OptionChecker::AddRate(const std::string& name,
                       const std::string& help,
                       std::string& value,
                       DataRate min,
                       DataRate max)
{
    m_defaults[name] = value;
    auto check = [min, max](const std::string& text)
    {
        DataRate r;
        std::string problem = OptionText::ParseRate(text, r);
        if (problem.empty() && r < min)
        {
            problem = "below the minimum";
        }
        if (problem.empty() && r > max)
        {
            problem = "above the maximum";
        }
        return problem;
    };
    m_cmd.AddValue(name,
                   help
                       + AddRule(name,
                                 "a data rate from " + OptionText::FormatRate(min) + " to "
                                     + OptionText::FormatRate(max),
                                 check),
                   value);
}

void
OptionChecker::AddFlag(const std::string& name, const std::string& help, bool& value)
{
    m_defaults[name] = std::string(value ? "true" : "false");
    m_cmd.AddValue(
        name,
        help
            + AddRule(name,
                      "true or false (alone: true)",
                      [](const std::string& t)
                      {
                          for (const char* ok : {"", "true", "false", "t", "f", "1", "0"})
                          {
                              if (t == ok)
                              {
                                  return std::string();
                              }
                          }
                          return std::string("not true or false");
                      }),
        value);
}

void
OptionChecker::AddChoice(const std::string& name,
                         const std::string& help,
                         std::string& value,
                         const std::vector<std::string>& choices)
{
    m_defaults[name] = value;
    m_cmd.AddValue(name,
                   help
                       + AddRule(name,
                                 "one of " + OptionText::Join(choices),
                                 [choices](const std::string& t)
                                 {
                                     for (const auto& c : choices)
                                     {
                                         if (t == c)
                                         {
                                             return std::string();
                                         }
                                     }
                                     return std::string(t.empty() ? "no value" : "unknown value");
                                 }),
                   value);
}

void
OptionChecker::AddChoiceList(const std::string& name,
                             const std::string& help,
                             std::string& value,
                             const std::vector<std::string>& choices)
{
    m_defaults[name] = value;
    m_cmd.AddValue(name,
                   help
                       + AddRule(name,
                                 "a comma-separated list of " + OptionText::Join(choices),
                                 [choices](const std::string& t)
                                 {
                                     const auto words = Split(t);
                                     if (words.empty())
                                     {
                                         return std::string("empty list");
                                     }
                                     for (const auto& w : words)
                                     {
                                         bool known = false;
                                         for (const auto& c : choices)
                                         {
                                             known = known || w == c;
                                         }
                                         if (!known)
                                         {
                                             return "unknown value '" + w + "'";
                                         }
                                     }
                                     return std::string();
                                 }),
                   value);
}

void
OptionChecker::AddIntegerList(const std::string& name,
                              const std::string& help,
                              std::string& value,
                              uint64_t min,
                              uint64_t max)
{
    m_defaults[name] = value;
    m_cmd.AddValue(name,
                   help
                       + AddRule(name,
                                 "a comma-separated list of integers from " + std::to_string(min)
                                     + " to " + std::to_string(max),
                                 [min, max](const std::string& t)
                                 {
                                     const auto words = Split(t);
                                     if (words.empty())
                                     {
                                         return std::string("empty list");
                                     }
                                     for (const auto& w : words)
                                     {
                                         const std::string p
                                             = OptionText::IntegerProblem(w, min, max);
                                         if (!p.empty())
                                         {
                                             return "'" + w + "' is " + p;
                                         }
                                     }
                                     return std::string();
                                 }),
                   value);
}

void
OptionChecker::AddInputFile(const std::string& name, const std::string& help, std::string& value)
{
    m_defaults[name] = value;
    m_cmd.AddValue(name,
                   help
                       + AddRule(name,
                                 "a readable file",
                                 [](const std::string& t)
                                 {
                                     struct stat st;
                                     if (t.empty())
                                     {
                                         return std::string("no value");
                                     }
                                     if (stat(t.c_str(), &st) != 0)
                                     {
                                         return std::string("no such file");
                                     }
                                     if (S_ISDIR(st.st_mode))
                                     {
                                         return std::string("a directory");
                                     }
                                     if (access(t.c_str(), R_OK) != 0)
                                     {
                                         return std::string("not readable");
                                     }
                                     return std::string();
                                 }),
                   value);
}

void
OptionChecker::AddOutputDir(const std::string& name, const std::string& help, std::string& value)
{
    m_defaults[name] = value;
    m_cmd.AddValue(name,
                   help
                       + AddRule(name,
                                 "a directory that can be created",
                                 [](const std::string& t)
                                 { return std::string(t.empty() ? "no value" : ""); }),
                   value);
    m_outputDirs.emplace_back(name, &value);
}

void
OptionChecker::AddText(const std::string& name, const std::string& help, std::string& value)
{
    m_defaults[name] = value;
    m_cmd.AddValue(name, help, value);
    // ns-3's CommandLine answers "--name=" with its whole help text and exit status 1.
    AddRule(name,
            "a text (leave the option out for its default)",
            [](const std::string& text) { return text.empty() ? "empty" : ""; });
}

void
OptionChecker::AddSetByProgram(const std::vector<std::string>& paths,
                               const std::string& problem,
                               const std::string& allowed)
{
    for (const auto& path : paths)
    {
        const auto split = path.rfind("::");
        NS_ABORT_MSG_IF(split == std::string::npos, "OptionChecker: " << path << " is not a path");
        TypeId tid;
        bool declared = false;
        if (TypeId::LookupByNameFailSafe(path.substr(0, split), &tid))
        {
            for (uint32_t i = 0; i < tid.GetAttributeN(); ++i)
            {
                declared = declared || tid.GetAttribute(i).name == path.substr(split + 2);
            }
        }
        NS_ABORT_MSG_UNLESS(
            declared, "OptionChecker: " << path << " is not an attribute declared by its type");
        AddRule(path, allowed, [problem](const std::string&) { return problem; });
    }
}

void
OptionChecker::AddSetByOption(const std::string& path, const std::string& option)
{
    AddSetByProgram({path}, "set by --" + option, "--" + option + " instead");
}

void
OptionChecker::AddRunAliases()
{
    m_aliases = true;
    AddInteger("seed", "RNG seed: an alias of --RngSeed", m_seed, 1, UINT32_MAX);
    AddInteger("run",
               "RNG run number: an alias of --RngRun",
               m_run,
               0,
               std::numeric_limits<uint64_t>::max());
}

void
OptionChecker::Parse(int argc, char* argv[])
{
    NS_LOG_FUNCTION(this);
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        if (arg.size() < 2 || arg[0] != '-')
        {
            continue; // a positional argument: CommandLine's business
        }
        arg = arg.substr(arg[1] == '-' ? 2 : 1);
        const auto eq = arg.find('=');
        m_given.emplace_back(arg.substr(0, eq), eq == std::string::npos ? "" : arg.substr(eq + 1));
    }
    for (const auto& [name, text] : m_given)
    {
        if (name.compare(0, 5, "ns3::") == 0)
        {
            // An attribute's default: ns-3 aborts on some bad texts instead of naming them.
            std::string allowed;
            const std::string problem = AttributeTextCheck::Check(name, text, allowed);
            if (!problem.empty())
            {
                Fail(name, text, problem, allowed);
            }
        }
        for (const Rule& r : m_rules)
        {
            if (r.name == name)
            {
                const std::string problem = r.check(text);
                if (!problem.empty())
                {
                    Fail(name, text, problem, r.allowed);
                }
            }
        }
    }
    m_cmd.Parse(argc, argv);
    if (m_aliases)
    {
        if (IsGiven("seed"))
        {
            Require(!IsGiven("RngSeed") || RngSeedManager::GetSeed() == m_seed,
                    "seed",
                    "conflicts with --RngSeed=" + GetText("RngSeed"),
                    "the same value as --RngSeed, or only one of them");
            RngSeedManager::SetSeed(m_seed);
        }
        if (IsGiven("run"))
        {
            Require(!IsGiven("RngRun") || RngSeedManager::GetRun() == m_run,
                    "run",
                    "conflicts with --RngRun=" + GetText("RngRun"),
                    "the same value as --RngRun, or only one of them");
            RngSeedManager::SetRun(m_run);
        }
    }
    for (const auto& [name, dir] : m_outputDirs)
    {
        std::error_code error;
        std::filesystem::create_directories(*dir, error);
        if (error || access(dir->c_str(), W_OK) != 0)
        {
            Fail(name,
                 *dir,
                 error ? "cannot create: " + error.message() : "not writable",
                 "a directory that can be created and written");
        }
    }
}

void
OptionChecker::Require(bool ok,
                       const std::string& name,
                       const std::string& problem,
                       const std::string& allowed) const
{
    if (!ok)
    {
        // An option left at its default is named with it: "--depotSites=2 (default)".
        const auto d = m_defaults.find(name);
        Fail(name,
             IsGiven(name) || d == m_defaults.end() ? GetText(name) : d->second + " (default)",
             problem,
             allowed);
    }
}

void
OptionChecker::Fail(const std::string& name,
                    const std::string& text,
                    const std::string& problem,
                    const std::string& allowed) const
{
    std::cout.flush();
    std::cerr << m_program << ": --" << name << "=" << text << ": " << problem
              << " (allowed: " << allowed << ")" << std::endl;
    std::exit(BAD_OPTION);
}

bool
OptionChecker::SetAttributeDefault(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    if (IsGiven(name))
    {
        return false;
    }
    Config::SetDefault(name, value);
    return true;
}

bool
OptionChecker::IsGiven(const std::string& name) const
{
    for (const auto& g : m_given)
    {
        if (g.first == name)
        {
            return true;
        }
    }
    return false;
}

std::string
OptionChecker::GetText(const std::string& name) const
{
    std::string text;
    for (const auto& g : m_given)
    {
        if (g.first == name)
        {
            text = g.second;
        }
    }
    return text;
}

std::vector<std::pair<std::string, std::string>>
OptionChecker::GetGivenAttributes(const std::string& typeName) const
{
    const std::string prefix = typeName + "::";
    std::vector<std::pair<std::string, std::string>> given;
    for (const auto& [name, text] : m_given)
    {
        if (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0)
        {
            given.emplace_back(name.substr(prefix.size()), text);
        }
    }
    return given;
}

uint64_t
OptionChecker::CheckInteger(const std::string& program,
                            const std::string& name,
                            const std::string& text,
                            uint64_t min,
                            uint64_t max)
{
    const std::string problem = OptionText::IntegerProblem(text, min, max);
    if (!problem.empty())
    {
        std::cerr << program << ": --" << name << "=" << text << ": " << problem
                  << " (allowed: " << OptionText::IntegerRange(min, max) << ")" << std::endl;
        std::exit(BAD_OPTION);
    }
    return std::strtoull(text.c_str(), nullptr, 10);
}

double
OptionChecker::CheckReal(const std::string& program,
                         const std::string& name,
                         const std::string& text,
                         double min,
                         double max)
{
    const std::string problem = OptionText::RealProblem(text, min, max);
    if (!problem.empty())
    {
        std::cerr << program << ": --" << name << "=" << text << ": " << problem
                  << " (allowed: " << OptionText::RealRange(min, max) << ")" << std::endl;
        std::exit(BAD_OPTION);
    }
    return std::strtod(text.c_str(), nullptr);
}

std::vector<std::string>
OptionChecker::Split(const std::string& list)
{
    std::vector<std::string> words;
    std::istringstream is(list);
    for (std::string w; std::getline(is, w, ',');)
    {
        if (!w.empty())
        {
            words.push_back(w);
        }
    }
    return words;
}

std::vector<uint64_t>
OptionChecker::SplitIntegers(const std::string& list)
{
    std::vector<uint64_t> v;
    for (const auto& w : Split(list))
    {
        v.push_back(std::strtoull(w.c_str(), nullptr, 10));
    }
    return v;
}

} // namespace ns3
