/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CHOICE_CHECKER_H
#define CHOICE_CHECKER_H

#include "ns3/string.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * The checker of a StringValue attribute that takes one of a few names (AttributeChoice): it
 * refuses any other text, so that ns-3 refuses it where it is set.
 *
 * Why this lives in ns3-ext: the module's choices are StringValue attributes, because EnumValue
 * changed between ns-3 releases (web-proxy-compat.h). ns-3's StringChecker accepts any text,
 * so a misspelt choice ("--ns3::TraceRequestSource::PersistentFlag=server") passed
 * Config::SetDefault and the command line's checks (AttributeTextCheck) and stopped the program
 * only when an object was created with it, in each run of a program that runs its
 * configurations in child processes. With this checker SetAttributeFailSafe and
 * Config::SetDefaultFailSafe return false, and the command line names the option and the
 * choices (GetUnderlyingTypeInformation).
 */
class ChoiceChecker : public StringChecker
{
  public:
    /// \param names the texts the attribute takes
    explicit ChoiceChecker(std::vector<std::string> names);

    /**
     * \param value a value
     * \return whether it is a StringValue holding one of the names
     */
    bool Check(const AttributeValue& value) const override;
    /// \return "ns3::StringValue"
    std::string GetValueTypeName() const override;
    /// \return true
    bool HasUnderlyingTypeInformation() const override;
    /// \return the names, as "a|b|c"
    std::string GetUnderlyingTypeInformation() const override;
    /// \return a new StringValue
    Ptr<AttributeValue> Create() const override;
    /**
     * \param source a StringValue
     * \param destination a StringValue
     * \return whether both are StringValues
     */
    bool Copy(const AttributeValue& source, AttributeValue& destination) const override;

  private:
    std::vector<std::string> m_names; //!< the texts taken
};

} // namespace ns3

#endif // CHOICE_CHECKER_H
