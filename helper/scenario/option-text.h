/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef WEB_PROXY_OPTION_TEXT_H
#define WEB_PROXY_OPTION_TEXT_H

#include "ns3/data-rate.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief The text of command-line options: parsing it strictly and writing ranges back.
 *
 * OptionChecker checks an option's text with these before ns-3's CommandLine converts it:
 * ns-3 reads "-1" into an unsigned option as 4294967295, "10" as a rate of 10 bit/s, and aborts
 * on a time without a known unit. Each Parse and Problem function returns "" when the text is
 * good and otherwise the problem in a few words ("negative", "not a time with a known unit"),
 * which OptionChecker's one-line message quotes. The Range functions write the allowed values
 * as that message and --help show them.
 */
class OptionText
{
  public:
    /**
     * An unsigned decimal integer (an optional '+', digits only).
     * \param text the text
     * \param[out] v the value, when good
     * \return "" or the problem ("no value", "negative", "not an integer", "too large")
     */
    static std::string ParseUnsigned(const std::string& text, uint64_t& v);
    /**
     * A finite real number, the whole text.
     * \param text the text
     * \param[out] v the value, when good
     * \return "" or the problem
     */
    static std::string ParseReal(const std::string& text, double& v);
    /**
     * A time as ns-3 writes it: a number and an optional unit (s, ms, us, ns, min, h, d, y;
     * none: seconds), at most 1e9 of its unit.
     * \param text the text
     * \param[out] t the time, when good
     * \return "" or the problem
     */
    static std::string ParseTime(const std::string& text, Time& t);
    /**
     * A data rate with one of ns-3's units: a bare number is refused, because ns-3 would read
     * "--rate=10", usually meant as Mbit/s, as 10 bit/s.
     * \param text the text
     * \param[out] r the rate, when good
     * \return "" or the problem
     */
    static std::string ParseRate(const std::string& text, DataRate& r);

    /**
     * An integer within a range.
     * \param text the text
     * \param min smallest allowed value
     * \param max largest allowed value
     * \return "" or the problem (ParseUnsigned's, "below the minimum", "above the maximum")
     */
    static std::string IntegerProblem(const std::string& text, uint64_t min, uint64_t max);
    /**
     * A real number within a range.
     * \param text the text
     * \param min smallest allowed value
     * \param max largest allowed value
     * \return "" or the problem
     */
    static std::string RealProblem(const std::string& text, double min, double max);
    /**
     * A time within a range.
     * \param text the text
     * \param min shortest allowed time
     * \param max longest allowed time
     * \return "" or the problem
     */
    static std::string TimeProblem(const std::string& text, Time min, Time max);

    /**
     * \param v a number
     * \return it as a stream writes it ("0.5", "1e+09")
     */
    static std::string FormatReal(double v);
    /**
     * \param t a time
     * \return it in the largest unit that shows it as an integer ("90s", "2min", "1ms")
     */
    static std::string FormatTime(Time t);
    /**
     * \param r a rate
     * \return it in the largest unit that shows it as an integer ("10Mbps", "56kbps")
     */
    static std::string FormatRate(DataRate r);
    /**
     * \param min smallest allowed value
     * \param max largest allowed value
     * \return "an integer from min to max"
     */
    static std::string IntegerRange(uint64_t min, uint64_t max);
    /**
     * \param min smallest allowed value
     * \param max largest allowed value
     * \return "a number from min to max"
     */
    static std::string RealRange(double min, double max);
    /**
     * \param min shortest allowed time
     * \param max longest allowed time
     * \return "a time from min to max (units ...)"
     */
    static std::string TimeRange(Time min, Time max);
    /**
     * \param words words
     * \return them separated by ", "
     */
    static std::string Join(const std::vector<std::string>& words);
};

} // namespace ns3

#endif /* WEB_PROXY_OPTION_TEXT_H */
