/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ATTRIBUTE_TEXT_CHECK_H
#define ATTRIBUTE_TEXT_CHECK_H

#include "ns3/type-id.h"

#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Whether ns-3 can set an attribute's default from a command line's text
 * ("--ns3::TcpSocket::InitialCwnd=abc"), checked before ns-3 tries.
 *
 * Why this lives in ns3-ext: ns-3's CommandLine hands such an option to
 * Config::SetDefaultFailSafe, which reads the text with the attribute value's
 * DeserializeFromString. For integers and reals (ATTRIBUTE_VALUE_IMPLEMENT's istream read) that
 * aborts the program when characters follow the number ("abc", "2x"), and Time's parser aborts
 * on an unknown unit ("5xs"): the user sees an assertion and a core dump instead of the option
 * named. Other value types (enums, strings, data rates, objects) fail without aborting, and an
 * unknown attribute or an out-of-range value only makes CommandLine print its help. The module's
 * programs check every option they are given (OptionChecker) and name the bad one; this does
 * the same for ns-3's attributes.
 */
class AttributeTextCheck
{
  public:
    /**
     * Whether ns-3 can read the text as a value of an attribute (its value type and checker),
     * without aborting: the checks of Check after the attribute is found.
     * \param info the attribute
     * \param text the value's text
     * \param allowed set to what the attribute accepts
     * \return "" when the checker accepts the text, otherwise the problem (as Check's)
     */
    static std::string CheckValue(const TypeId::AttributeInformation& info,
                                  const std::string& text,
                                  std::string& allowed);

    /**
     * \param path the option's name without "--": "ns3::TypeName::Attribute"
     * \param text the option's value
     * \param allowed set to what the attribute accepts (its value type and, where ns-3 says, its
     *        range), or to the form of a path when the type or attribute is unknown
     * \return "" when ns-3 would accept the text as the attribute's default, otherwise the
     *         problem: "no such type", "no such attribute", "not an integer", "not a number",
     *         "inherited attribute" (ns-3 sets a default only through the declaring
     *         type), "not a time with a known unit", "not an object description" (a pointer
     *         attribute's text that IsObject refuses) or "not accepted" (out of range, an
     *         unknown word)
     */
    static std::string Check(const std::string& path,
                             const std::string& text,
                             std::string& allowed);

    /**
     * Whether ns-3 can build an object of type base (or a subclass) from a text as an
     * ObjectFactory reads one: "ns3::TypeName" or "ns3::TypeName[Attribute=value|...]", e.g.
     * a random variable typed as an option's value. ns-3's reader aborts on an unknown type
     * and on a number followed by other characters, and reads past the end of a text without
     * its closing bracket; this checks the type and every attribute (as Check does) first.
     * \param text the text
     * \param base the type the object must have
     * \return whether reading the text into an ObjectFactory succeeds and gives such a type
     */
    static bool IsObject(const std::string& text, TypeId base);

    /**
     * Whether a text describes a random variable ns-3 can build and draw from (IsObject with
     * base RandomVariableStream), the form of options such as --synDelay. Refuses the two
     * types whose values only method calls can give: DeterministicRandomVariable (ns-3.37's
     * draws from an empty array crash) and EmpiricalRandomVariable (its draw aborts without a
     * CDF). Whether the parameters make sense is the user's: ns-3 loops for ever drawing from
     * a NormalRandomVariable of negative variance.
     * \param text the text
     * \return whether the text gives a usable random variable
     */
    static bool IsRandomVariable(const std::string& text);
};

} // namespace ns3

#endif // ATTRIBUTE_TEXT_CHECK_H
