/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WORKLOAD_MATH_H
#define WORKLOAD_MATH_H

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief Inverse of the standard normal CDF (Acklam's rational approximation).
 * \param p a probability (clamped to (0, 1))
 * \return the quantile, with a relative error below 1.2e-9
 */
double NormalQuantile(double p);

/**
 * \ingroup web-proxy
 * \brief Standard normal CDF.
 * \param x the argument
 * \return P(Z <= x)
 */
double NormalCdf(double x);

/**
 * \ingroup web-proxy
 * \brief Solve sum_i w_i min(1, a t_i) = target for the scale a >= 0 (t_i >= 0).
 *
 * The left side is increasing, concave and piecewise linear in a, so Newton steps from a
 * lower bound stay below the root and end after a few steps (each settles which terms are
 * capped); bisection would need about fifty passes over the universe.
 * \param w weights
 * \param t per-term factors
 * \param target the sum wanted, at most sum_i w_i over the terms with t_i > 0
 * \return the scale a
 */
double SolveCappedScale(const std::vector<double>& w, const std::vector<double>& t, double target);

/**
 * \ingroup web-proxy
 * \brief One Bernoulli decision from a uniform draw, leaving in u a fresh uniform.
 *
 * The position of u inside the sub-interval it fell in is uniform and independent of the
 * outcome, so one draw serves several decisions: the draws are the generator's main cost.
 * Each decision costs about log2(1/p) bits of u's 32 for the rarer outcome; a request's 3-4
 * decisions leave at least 19 bits.
 * \param u a uniform draw in [0,1), replaced by the remainder
 * \param p the probability of true
 * \return the decision
 */
inline bool
SplitUniform(double& u, double p)
{
    if (u < p)
    {
        u /= p;
        return true;
    }
    u = (u - p) / (1 - p);
    return false;
}

/**
 * \ingroup web-proxy
 * \brief Popularity-balanced assignment of a categorical property to objects.
 *
 * With Zipf popularity a handful of objects carry percent of the requests, so independent
 * coin flips would move the request-weighted shares by about a percentage point. Objects are
 * visited in popularity order and each draws its category with the target probabilities
 * corrected by the request weight the categories are behind, so the request-weighted share of
 * every category ends within one tail object's weight of its target while the choice for
 * each object stays random (doc/models/workload.rst, "popularity-balanced assignment").
 * \tparam N the number of categories
 */
template <size_t N>
class PopularityBalancer
{
  public:
    /**
     * \brief Construct with default targets.
     * \param target category probabilities (summing to 1)
     */
    explicit PopularityBalancer(const std::array<double, N>& target)
        : m_target(target)
    {}

    /**
     * \brief Draw the category of the next object with the default targets.
     * \param weight the object's request weight
     * \param u a uniform draw in [0,1)
     * \return the category
     */
    size_t Draw(double weight, double u)
    {
        return Draw(weight, u, m_target);
    }

    /**
     * \brief Draw the category of the next object with its own targets.
     * \param weight the object's request weight
     * \param u a uniform draw in [0,1)
     * \param target this object's category probabilities
     * \return the category
     */
    size_t Draw(double weight, double u, const std::array<double, N>& target)
    {
        std::array<double, N> p;
        double sum = 0;
        for (size_t i = 0; i < N; ++i)
        {
            p[i] = std::max(0.0, target[i] + m_deficit[i] / weight);
            sum += p[i];
        }
        size_t chosen = N - 1;
        double acc = 0;
        for (size_t i = 0; i < N; ++i)
        {
            acc += p[i] / sum;
            if (u < acc)
            {
                chosen = i;
                break;
            }
        }
        for (size_t i = 0; i < N; ++i)
        {
            m_deficit[i] += (target[i] - (i == chosen ? 1.0 : 0.0)) * weight;
        }
        return chosen;
    }

  private:
    std::array<double, N> m_target;    //!< default targets
    std::array<double, N> m_deficit{}; //!< request weight each category is behind
};

} // namespace ns3

#endif // WORKLOAD_MATH_H
