/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zipf-estimator.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ZipfEstimator");

namespace
{

/// Moments of ln r under Zipf(theta) over ranks 1..K.
struct Moments
{
    double logSum{0}; //!< ln H_K(theta)
    double mean{0};   //!< E_theta[ln r]
    double var{0};    //!< Var_theta[ln r]
};

Moments
ComputeMoments(const std::vector<double>& logRank, double theta)
{
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    for (double l : logRank)
    {
        const double w = std::exp(-theta * l);
        s0 += w;
        s1 += w * l;
        s2 += w * l * l;
    }
    Moments m;
    m.logSum = std::log(s0);
    m.mean = s1 / s0;
    m.var = std::max(s2 / s0 - m.mean * m.mean, 0.0);
    return m;
}

} // namespace

ZipfEstimator::ZipfEstimator()
{
    NS_LOG_FUNCTION(this);
}

void
ZipfEstimator::SetMinCount(uint64_t minCount)
{
    m_minCount = std::max<uint64_t>(minCount, 1);
}

uint64_t
ZipfEstimator::GetMinCount() const
{
    return m_minCount;
}

void
ZipfEstimator::SetRange(double lo, double hi)
{
    NS_ABORT_MSG_IF(!(lo < hi), "ZipfEstimator: empty search interval");
    m_lo = lo;
    m_hi = hi;
}

double
ZipfEstimator::LogLikelihood(const std::vector<uint64_t>& sorted, double theta)
{
    double weighted = 0;
    double n = 0;
    std::vector<double> logRank(sorted.size());
    for (size_t i = 0; i < sorted.size(); ++i)
    {
        logRank[i] = std::log(double(i + 1));
        weighted += double(sorted[i]) * logRank[i];
        n += double(sorted[i]);
    }
    return -theta * weighted - n * ComputeMoments(logRank, theta).logSum;
}

ZipfEstimator::Result
ZipfEstimator::Fit(std::vector<uint64_t> counts) const
{
    NS_LOG_FUNCTION(this << counts.size());
    Result result;
    counts.erase(std::remove(counts.begin(), counts.end(), 0), counts.end());
    result.totalObjects = counts.size();
    std::sort(counts.begin(), counts.end(), std::greater<>());
    const auto end
        = std::find_if(counts.begin(), counts.end(), [this](uint64_t c) { return c < m_minCount; });
    counts.erase(end, counts.end());
    result.objects = counts.size();
    if (counts.size() < 2)
    {
        return result;
    }

    std::vector<double> logRank(counts.size());
    double n = 0;
    double weighted = 0;
    for (size_t i = 0; i < counts.size(); ++i)
    {
        logRank[i] = std::log(double(i + 1));
        n += double(counts[i]);
        weighted += double(counts[i]) * logRank[i];
    }
    result.requests = uint64_t(n);
    const double observed = weighted / n; // the sufficient statistic: mean ln(rank)

    // g(theta) = E_theta[ln r] - observed decreases strictly in theta (g' = -Var_theta[ln r]);
    // its root maximizes the concave log-likelihood.
    double lo = m_lo;
    double hi = m_hi;
    double theta;
    Moments m = ComputeMoments(logRank, lo);
    if (m.mean - observed <= 0)
    {
        theta = lo;
    }
    else if (m = ComputeMoments(logRank, hi); m.mean - observed >= 0)
    {
        theta = hi;
    }
    else
    {
        theta = 0.5 * (lo + hi);
        for (int i = 0; i < 200; ++i)
        {
            m = ComputeMoments(logRank, theta);
            const double g = m.mean - observed;
            (g > 0 ? lo : hi) = theta;
            double next = m.var > 0 ? theta + g / m.var : 0.5 * (lo + hi);
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi); // Newton left the bracket: bisect instead
            }
            const bool done = std::abs(next - theta) < 1e-12 || hi - lo < 1e-12;
            theta = next;
            if (done)
            {
                break;
            }
        }
    }
    m = ComputeMoments(logRank, theta);
    result.theta = theta;
    result.logLikelihood = -theta * weighted - n * m.logSum;
    result.standardError = m.var > 0 ? 1.0 / std::sqrt(n * m.var) : 0.0;
    result.valid = true;
    NS_LOG_DEBUG("theta " << theta << " from " << result.objects << " objects, " << n
                          << " requests");
    return result;
}

} // namespace ns3
