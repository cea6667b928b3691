/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef WEB_PROXY_OPTION_CHECKER_H
#define WEB_PROXY_OPTION_CHECKER_H

#include "ns3/attribute.h"
#include "ns3/command-line.h"
#include "ns3/data-rate.h"
#include "ns3/nstime.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief Command-line options with their allowed values, checked before they are used.
 *
 * The examples and tools register their options here instead of with CommandLine::AddValue
 * directly. Parse() checks the text of every option given (before CommandLine converts it:
 * ns-3 reads "-1" into an unsigned option as 4294967295 and aborts on a time without a known
 * unit), then the values, and on the first bad option prints one line on stderr
 *
 *     <program>: --<option>=<text>: <problem> (allowed: <range>)
 *
 * and exits with BAD_OPTION. The allowed range is also appended to each option's --help.
 *
 * Attribute defaults given as --ns3::TypeName::Attribute=value are checked with
 * AttributeTextCheck (a bad value or an unknown attribute is named the same way, where ns-3
 * would abort or print its help). --RngSeed and --RngRun (ns-3's global values) are checked
 * too; AddRunAliases() adds --seed and --run as aliases of them, so that every program's runs
 * depend on RngSeed and RngRun only.
 */
class OptionChecker
{
  public:
    /// Exit status of a program given a bad option.
    static constexpr int BAD_OPTION = 2;

    /**
     * \param cmd the program's command line (options are added to it)
     * \param program the program's name, the first word of every error message
     */
    OptionChecker(CommandLine& cmd, const std::string& program);

    /**
     * An unsigned integer option.
     * \param name option name, without "--"
     * \param help help text
     * \param value the variable (holds the default)
     * \param min smallest allowed value
     * \param max largest allowed value
     */
    void AddInteger(const std::string& name,
                    const std::string& help,
                    uint32_t& value,
                    uint64_t min,
                    uint64_t max);
    /**
     * A 64-bit unsigned integer option.
     * \param name option name, without "--"
     * \param help help text
     * \param value the variable (holds the default)
     * \param min smallest allowed value
     * \param max largest allowed value
     */
    void AddInteger(const std::string& name,
                    const std::string& help,
                    uint64_t& value,
                    uint64_t min,
                    uint64_t max);
    /**
     * A real number option.
     * \param name option name, without "--"
     * \param help help text
     * \param value the variable (holds the default)
     * \param min smallest allowed value
     * \param max largest allowed value
     */
    void AddReal(
        const std::string& name, const std::string& help, double& value, double min, double max);
    /**
     * A time option (a number with a unit: s, ms, us, ns, min, h, d, y; no unit: seconds).
     * \param name option name, without "--"
     * \param help help text
     * \param value the variable (holds the default)
     * \param min smallest allowed value
     * \param max largest allowed value
     */
    void AddTime(const std::string& name, const std::string& help, Time& value, Time min, Time max);
    /**
     * A time option kept as text (for a StringValue attribute).
     * \param name option name, without "--"
     * \param help help text
     * \param value the variable (holds the default)
     * \param min smallest allowed value
     * \param max largest allowed value
     */
    void AddTime(
        const std::string& name, const std::string& help, std::string& value, Time min, Time max);
    /**
     * A data rate option kept as text (ns-3's units: bps, kbps, Mbps, Gbps, KiBps, ...).
     * \param name option name, without "--"
     * \param help help text
     * \param value the variable (holds the default)
     * \param min smallest allowed rate
     * \param max largest allowed rate
     */
    void AddRate(const std::string& name,
                 const std::string& help,
                 std::string& value,
                 DataRate min,
                 DataRate max);
    /**
     * A boolean option: --name alone, or --name=true, false, 1 or 0.
     * \param name option name, without "--"
     * \param help help text
     * \param value the variable (holds the default)
     */
    void AddFlag(const std::string& name, const std::string& help, bool& value);
    /**
     * An option taking one of a set of words.
     * \param name option name, without "--"
     * \param help help text
     * \param value the variable (holds the default)
     * \param choices the allowed words
     */
    void AddChoice(const std::string& name,
                   const std::string& help,
                   std::string& value,
                   const std::vector<std::string>& choices);
    /**
     * An option taking a comma-separated, non-empty list of words of a set.
     * \param name option name, without "--"
     * \param help help text
     * \param value the variable (holds the default)
     * \param choices the allowed words
     */
    void AddChoiceList(const std::string& name,
                       const std::string& help,
                       std::string& value,
                       const std::vector<std::string>& choices);
    /**
     * An option taking a comma-separated, non-empty list of unsigned integers.
     * \param name option name, without "--"
     * \param help help text
     * \param value the variable (holds the default)
     * \param min smallest allowed element
     * \param max largest allowed element
     */
    void AddIntegerList(const std::string& name,
                        const std::string& help,
                        std::string& value,
                        uint64_t min,
                        uint64_t max);
    /**
     * A file to read: when given, it must exist and be readable.
     * \param name option name, without "--"
     * \param help help text
     * \param value the variable (holds the default, usually empty: not given)
     */
    void AddInputFile(const std::string& name, const std::string& help, std::string& value);
    /**
     * A directory to write to: Parse() creates it (with its parents) or fails.
     * \param name option name, without "--"
     * \param help help text
     * \param value the variable (holds the default)
     */
    void AddOutputDir(const std::string& name, const std::string& help, std::string& value);
    /**
     * A free-text option that the program checks itself (with Require()); Parse refuses only
     * an empty text ("--name="), which ns-3's CommandLine would answer with its help.
     * \param name option name, without "--"
     * \param help help text
     * \param value the variable (holds the default)
     */
    void AddText(const std::string& name, const std::string& help, std::string& value);
    /**
     * Adds --seed and --run, aliases of ns-3's --RngSeed and --RngRun. Giving an alias and
     * its global value with different values is an error.
     */
    void AddRunAliases();

    /**
     * Declares an ns-3 attribute that the program sets on its objects itself (from an option
     * of its own, or per configuration). ns-3's CommandLine would accept
     * --ns3::Depot::ProcessingDelay=2ms and only set the attribute's default, which the
     * program then overwrites: Parse refuses it instead, with the problem and what to use.
     * Aborts when a type does not declare the attribute itself (a programming error: ns-3
     * sets an attribute's default only through its declaring type).
     * \param paths the attributes, "ns3::TypeName::Attribute" each
     * \param problem what the message says ("set by --depotDelay")
     * \param allowed what to use instead ("--depotDelay instead")
     */
    void AddSetByProgram(const std::vector<std::string>& paths,
                         const std::string& problem,
                         const std::string& allowed);
    /**
     * AddSetByProgram with the message of an attribute that an option of the program sets:
     * "set by --option" (allowed: "--option instead").
     * \param path the attribute, "ns3::TypeName::Attribute"
     * \param option the program's option, without "--"
     */
    void AddSetByOption(const std::string& path, const std::string& option);

    /**
     * Checks the options given, parses them, and checks again: exits with BAD_OPTION
     * (printing one line) on the first bad option.
     * \param argc argument count
     * \param argv arguments
     */
    void Parse(int argc, char* argv[]);

    /**
     * Sets the program's own default of an ns-3 attribute (Config::SetDefault), unless the
     * command line set that attribute itself (--ns3::TcpSocket::SegmentSize=536): ns-3's
     * CommandLine applies such an option while it parses, so a program that called
     * Config::SetDefault after Parse() undid the user's choice without a word. Call it after
     * Parse().
     * \param name the attribute's full name, as on the command line without "--"
     *        ("ns3::TcpSocket::SegmentSize")
     * \param value the program's default
     * \return true if the program's default was applied, false if the command line's stays
     */
    bool SetAttributeDefault(const std::string& name, const AttributeValue& value);

    /**
     * Fails unless a condition between options holds (after Parse()). The message names the
     * option with its text, or with its default and "(default)" when it was not given.
     * \param ok the condition
     * \param name the option to blame, without "--"
     * \param problem what is wrong
     * \param allowed what would be right
     */
    void Require(bool ok,
                 const std::string& name,
                 const std::string& problem,
                 const std::string& allowed) const;

    /**
     * Prints one line naming the option, its text, the problem and the allowed values, and
     * exits with BAD_OPTION.
     * \param name the option, without "--"
     * \param text the option's text
     * \param problem what is wrong
     * \param allowed what would be right
     */
    [[noreturn]] void Fail(const std::string& name,
                           const std::string& text,
                           const std::string& problem,
                           const std::string& allowed) const;

    /**
     * \param name an option, without "--"
     * \return whether it was on the command line
     */
    bool IsGiven(const std::string& name) const;

    /**
     * \param name an option, without "--"
     * \return its text on the command line (the last if repeated), or "" when not given
     */
    std::string GetText(const std::string& name) const;

    /**
     * The attribute options of one type on the command line, in their order
     * (--ns3::SyntheticWorkload::ZipfTheta=0.9 gives {"ZipfTheta", "0.9"} for
     * "ns3::SyntheticWorkload"). ns-3's CommandLine only sets such an attribute's default, which
     * code that sets the attribute on the object afterwards (a preset) overwrites: a program
     * applies these after it, so that the command line wins.
     * \param typeName the type's name, as on the command line ("ns3::SyntheticWorkload")
     * \return (attribute, text) pairs, the last of a repeated attribute last
     */
    std::vector<std::pair<std::string, std::string>> GetGivenAttributes(
        const std::string& typeName) const;

    /**
     * Checks an unsigned integer given outside CommandLine (tools with their own argument
     * parser); exits with BAD_OPTION when it is bad.
     * \param program program name for the message
     * \param name option name, without "--"
     * \param text the option's text
     * \param min smallest allowed value
     * \param max largest allowed value
     * \return the value
     */
    static uint64_t CheckInteger(const std::string& program,
                                 const std::string& name,
                                 const std::string& text,
                                 uint64_t min,
                                 uint64_t max);
    /**
     * Checks a real number given outside CommandLine; exits with BAD_OPTION when it is bad.
     * \param program program name for the message
     * \param name option name, without "--"
     * \param text the option's text
     * \param min smallest allowed value
     * \param max largest allowed value
     * \return the value
     */
    static double CheckReal(const std::string& program,
                            const std::string& name,
                            const std::string& text,
                            double min,
                            double max);

    /**
     * \param list comma-separated words
     * \return the words (empty ones dropped)
     */
    static std::vector<std::string> Split(const std::string& list);
    /**
     * \param list comma-separated unsigned integers (checked by AddIntegerList())
     * \return the numbers
     */
    static std::vector<uint64_t> SplitIntegers(const std::string& list);

  private:
    /// Returns "" when the text is good, else the problem.
    using TextCheck = std::function<std::string(const std::string&)>;

    /// One registered option.
    struct Rule
    {
        std::string name;    //!< option name
        std::string allowed; //!< allowed values, for messages and help
        TextCheck check;     //!< checks the option's text
    };

    /**
     * Registers a rule.
     * \param name option name
     * \param allowed allowed values
     * \param check the text check
     * \return the help text's suffix
     */
    std::string AddRule(const std::string& name, const std::string& allowed, TextCheck check);

    CommandLine& m_cmd;                                       //!< the program's command line
    std::string m_program;                                    //!< program name
    std::vector<Rule> m_rules;                                //!< registered options
    std::vector<std::pair<std::string, std::string>> m_given; //!< (name, text) given, in order
    std::map<std::string, std::string> m_defaults;            //!< each option's default, as text
    std::vector<std::pair<std::string, std::string*>> m_outputDirs; //!< directories to create
    bool m_aliases{false};                                          //!< AddRunAliases() was called
    uint32_t m_seed{1};                                             //!< --seed
    uint64_t m_run{1};                                              //!< --run
};

} // namespace ns3

#endif // WEB_PROXY_OPTION_CHECKER_H
