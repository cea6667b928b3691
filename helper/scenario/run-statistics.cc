/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "run-statistics.h"

#include "ns3/log.h"

#include <cmath>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RunStatistics");

RunStatistics::RunStatistics(const std::vector<double>& all)
    : m_count(0)
    , m_mean(NAN)
    , m_stdDev(NAN)
    , m_halfWidth(NAN)
{
    std::vector<double> values;
    for (double v : all)
    {
        if (!std::isnan(v))
        {
            values.push_back(v);
        }
    }
    m_count = values.size();
    if (values.empty())
    {
        return;
    }
    double sum = 0;
    for (double v : values)
    {
        sum += v;
    }
    m_mean = sum / values.size();
    if (values.size() < 2)
    {
        return;
    }
    double squares = 0;
    for (double v : values)
    {
        squares += (v - m_mean) * (v - m_mean);
    }
    m_stdDev = std::sqrt(squares / (values.size() - 1));
    m_halfWidth = StudentT975(values.size() - 1) * m_stdDev / std::sqrt(double(values.size()));
}

double
RunStatistics::StudentT975(uint32_t df)
{
    // The usual printed table (three decimals), which is what a reader checks a figure against.
    static const double table[]
        = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
           2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
           2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    if (df == 0)
    {
        throw std::invalid_argument("StudentT975: needs at least one degree of freedom");
    }
    if (df <= 30)
    {
        return table[df - 1];
    }
    // Cornish-Fisher expansion around the normal quantile (Abramowitz and Stegun 26.7.5).
    const double z = 1.959963984540054;
    const double n = df;
    const double z3 = z * z * z;
    const double z5 = z3 * z * z;
    const double z7 = z5 * z * z;
    const double z9 = z7 * z * z;
    return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n)
         + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n)
         + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * n * n * n * n);
}

uint32_t
RunStatistics::GetCount() const
{
    return m_count;
}

double
RunStatistics::GetMean() const
{
    return m_mean;
}

double
RunStatistics::GetStdDev() const
{
    return m_stdDev;
}

double
RunStatistics::GetHalfWidth() const
{
    return m_halfWidth;
}

double
RunStatistics::GetLow() const
{
    return m_mean - m_halfWidth;
}

double
RunStatistics::GetHigh() const
{
    return m_mean + m_halfWidth;
}

} // namespace ns3
