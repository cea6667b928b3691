/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef WEB_PROXY_RUN_STATISTICS_H
#define WEB_PROXY_RUN_STATISTICS_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief Mean and 95% confidence interval of one figure over independent runs.
 *
 * The interval is Student's t: mean +- t(0.975, n-1) s / sqrt(n), s the sample standard
 * deviation. t comes from the exact table for 1 to 30 degrees of freedom and from the
 * Cornish-Fisher expansion beyond (within 1e-4 of the exact quantile there). A NaN value is a
 * run without the figure (a run that failed) and is left out: the count is that of the other
 * runs. With fewer than two runs there is no interval: the half-width and both bounds are NaN.
 */
class RunStatistics
{
  public:
    /**
     * \param values one value per run (NaN: the run has none)
     */
    explicit RunStatistics(const std::vector<double>& values);

    /**
     * \param degreesOfFreedom n - 1, at least 1
     * \return the 0.975 quantile of Student's t distribution (the two-sided 95% factor)
     */
    static double StudentT975(uint32_t degreesOfFreedom);

    /// \return the number of runs with a value
    uint32_t GetCount() const;
    /// \return the mean (NaN without runs)
    double GetMean() const;
    /// \return the sample standard deviation (NaN with fewer than two runs)
    double GetStdDev() const;
    /// \return the interval's half-width (NaN with fewer than two runs)
    double GetHalfWidth() const;
    /// \return the interval's lower bound (NaN with fewer than two runs)
    double GetLow() const;
    /// \return the interval's upper bound (NaN with fewer than two runs)
    double GetHigh() const;

  private:
    uint32_t m_count;   //!< runs
    double m_mean;      //!< mean
    double m_stdDev;    //!< sample standard deviation
    double m_halfWidth; //!< t * s / sqrt(n)
};

} // namespace ns3

#endif // WEB_PROXY_RUN_STATISTICS_H
