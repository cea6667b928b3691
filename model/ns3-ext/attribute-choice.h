/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ATTRIBUTE_CHOICE_H
#define ATTRIBUTE_CHOICE_H

#include "choice-checker.h"

#include "ns3/fatal-error.h"

#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A named value of an enum that a class exposes as a StringValue attribute. EnumValue
 * attributes changed between ns-3 releases (see web-proxy-compat.h), strings did not.
 * \tparam E the enum
 */
template <typename E>
struct AttributeChoice
{
    E value;          //!< the value
    const char* name; //!< its name in the attribute
};

/**
 * \param owner the class, for the error message
 * \param attribute the attribute, for the error message
 * \param name the attribute's string
 * \param choices the names
 * \return the value named; a fatal error naming the valid choices otherwise
 */
template <typename E, std::size_t N>
E
ParseChoice(const char* owner,
            const char* attribute,
            const std::string& name,
            const AttributeChoice<E> (&choices)[N])
{
    std::ostringstream valid;
    for (std::size_t i = 0; i < N; ++i)
    {
        if (name == choices[i].name)
        {
            return choices[i].value;
        }
        valid << (i == 0 ? "" : (i + 1 == N ? " or " : ", ")) << choices[i].name;
    }
    NS_FATAL_ERROR(owner << ": " << attribute << " must be " << valid.str() << ", not '" << name
                         << "'");
    // Not reached; GCC cannot tell under -O0 with the sanitizers (-Wreturn-type).
    return choices[0].value;
}

/**
 * The checker of a StringValue attribute that takes the names of `choices` and nothing else:
 * ns-3 then refuses any other text where it is set (SetAttributeFailSafe, Config::SetDefault,
 * the command line) instead of the setter's ParseChoice stopping the program.
 * \param choices the names
 * \return the checker
 */
template <typename E, std::size_t N>
Ptr<const AttributeChecker>
MakeChoiceChecker(const AttributeChoice<E> (&choices)[N])
{
    std::vector<std::string> names;
    for (const auto& c : choices)
    {
        names.emplace_back(c.name);
    }
    return Create<ChoiceChecker>(std::move(names));
}

/**
 * \param value a value
 * \param choices the names
 * \return its name ("?" if it has none)
 */
template <typename E, std::size_t N>
std::string
ChoiceName(E value, const AttributeChoice<E> (&choices)[N])
{
    for (const auto& c : choices)
    {
        if (c.value == value)
        {
            return c.name;
        }
    }
    return "?";
}

} // namespace ns3

#endif // ATTRIBUTE_CHOICE_H
