/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "workload-math.h"

#include <cmath>

namespace ns3
{

double
NormalQuantile(double p)
{
    static const double a[] = {-3.969683028665376e+01,
                               2.209460984245205e+02,
                               -2.759285104469687e+02,
                               1.383577518672690e+02,
                               -3.066479806614716e+01,
                               2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01,
                               1.615858368580409e+02,
                               -1.556989798598866e+02,
                               6.680131188771972e+01,
                               -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03,
                               -3.223964580411365e-01,
                               -2.400758277161838e+00,
                               -2.549732539343734e+00,
                               4.374664141464968e+00,
                               2.938163982698783e+00};
    static const double d[] = {
        7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    p = std::clamp(p, 1e-300, 1.0 - 1e-16);
    double x;
    if (p < 0.02425)
    {
        const double q = std::sqrt(-2 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    else if (p > 1 - 0.02425)
    {
        const double q = std::sqrt(-2 * std::log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    else
    {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
          / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    return x; // relative error below 1.2e-9: no refinement needed for sizes
}

double
NormalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

double
SolveCappedScale(const std::vector<double>& w, const std::vector<double>& t, double target)
{
    double total = 0;
    double slope = 0;
    double cap = 0; // the scale that caps every term
    for (size_t i = 0; i < w.size(); ++i)
    {
        if (t[i] > 0)
        {
            total += w[i];
            slope += w[i] * t[i];
            cap = std::max(cap, 1 / t[i]);
        }
    }
    if (target <= 0 || slope <= 0)
    {
        return 0;
    }
    if (target >= total * (1 - 1e-12))
    {
        return cap;
    }
    double a = target / slope; // the sum is at most a * slope
    for (int it = 0; it < 200; ++it)
    {
        double f = 0;
        double d = 0;
        for (size_t i = 0; i < w.size(); ++i)
        {
            const double x = a * t[i];
            if (x >= 1)
            {
                f += w[i];
            }
            else
            {
                f += w[i] * x;
                d += w[i] * t[i];
            }
        }
        if (f >= target * (1 - 1e-12) || d <= 0)
        {
            break;
        }
        a += (target - f) / d;
    }
    return a;
}

} // namespace ns3
