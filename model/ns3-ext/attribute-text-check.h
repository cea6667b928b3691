/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ATTRIBUTE_TEXT_CHECK_H
#define ATTRIBUTE_TEXT_CHECK_H

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
     * \param path the option's name without "--": "ns3::TypeName::Attribute"
     * \param text the option's value
     * \param allowed set to what the attribute accepts (its value type and, where ns-3 says, its
     *        range), or to the form of a path when the type or attribute is unknown
     * \return "" when ns-3 would accept the text as the attribute's default, otherwise the
     *         problem: "no such type", "no such attribute", "not an integer", "not a number",
     *         "not a time with a known unit" or "not accepted" (out of range, an unknown word)
     */
    static std::string Check(const std::string& path,
                             const std::string& text,
                             std::string& allowed);
};

} // namespace ns3

#endif // ATTRIBUTE_TEXT_CHECK_H
