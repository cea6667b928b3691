/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FAST_RANDOM_VARIABLE_H
#define FAST_RANDOM_VARIABLE_H

#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-stream.h"

#include <cmath>
#include <cstdint>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief A random variable drawn without ns-3's virtual GetValue chain.
 *
 * GetValue costs two virtual calls and four logging checks per number, which dominated the
 * workload generator. When the variable's exact type is Uniform, Exponential, Pareto or
 * LogNormal, Get applies the same transformation as ns-3.37's GetValue to the same stream's
 * uniforms, so it returns the same numbers; other types are drawn through GetValue. The
 * parameters and the stream are read by Bind: bind again after changing either (SetStream
 * replaces the RngStream).
 *
 * Why in ns3-ext: it reaches the protected RandomVariableStream::Peek and repeats ns-3's
 * formulas. Checked against ns-3.37 (identical numbers, tested through the workload's pinned
 * trace hash) and ns-3-dev 3.48, where Uniform, Exponential and Pareto are unchanged but
 * LogNormalRandomVariable keeps the second normal of each polar pair for its next call: built
 * against 3.48, the LOGNORMAL path still draws a fresh pair each time, so its numbers are a
 * valid log-normal sequence that differs from GetValue's.
 */
class FastRandomVariable
{
  public:
    /**
     * \brief Read the variable's type, parameters and stream.
     * \param v the variable (kept alive)
     */
    void Bind(Ptr<RandomVariableStream> v);

    /**
     * \brief Draw the next value.
     * \return the variable's next value, as v->GetValue() would return it
     */
    double Get();

  private:
    /// The replicated types.
    enum Kind : uint8_t
    {
        GENERIC,     //!< anything else: GetValue
        UNIFORM,     //!< m_a min, m_b max
        EXPONENTIAL, //!< m_a mean, m_b bound
        PARETO,      //!< m_a scale, m_b shape, m_c bound
        LOGNORMAL,   //!< m_a mu, m_b sigma
    };

    /// \return the stream's next uniform in [0, 1)
    double U01() const
    {
        return m_rng->RandU01();
    }

    Ptr<RandomVariableStream> m_var; //!< the variable
    RngStream* m_rng{nullptr};       //!< its stream
    Kind m_kind{GENERIC};            //!< its type
    bool m_antithetic{false};        //!< its Antithetic attribute
    double m_a{0};                   //!< first parameter
    double m_b{0};                   //!< second parameter
    double m_c{0};                   //!< third parameter
};

// Inline: it is called several times per generated record, from other translation units.
inline double
FastRandomVariable::Get()
{
    // Each case is ns-3.37's GetValue(parameters) of the type, operation for operation.
    switch (m_kind)
    {
    case UNIFORM:
    {
        double v = m_a + U01() * (m_b - m_a);
        if (m_antithetic)
        {
            v = m_a + (m_b - v);
        }
        return v;
    }
    case EXPONENTIAL:
        while (true)
        {
            double v = U01();
            if (m_antithetic)
            {
                v = (1 - v);
            }
            const double r = -m_a * std::log(v);
            if (m_b == 0 || r <= m_b)
            {
                return r;
            }
        }
    case PARETO:
        while (true)
        {
            double v = U01();
            if (m_antithetic)
            {
                v = (1 - v);
            }
            const double r = (m_a * (1.0 / std::pow(v, 1.0 / m_b)));
            if (m_c == 0 || r <= m_c)
            {
                return r;
            }
        }
    case LOGNORMAL:
    {
        double v1;
        double v2;
        double r2;
        do
        {
            double u1 = U01();
            double u2 = U01();
            if (m_antithetic)
            {
                u1 = (1 - u1);
                u2 = (1 - u2);
            }
            v1 = -1 + 2 * u1;
            v2 = -1 + 2 * u2;
            r2 = v1 * v1 + v2 * v2;
        }
        while (r2 > 1.0 || r2 == 0);
        const double normal = v1 * std::sqrt(-2.0 * std::log(r2) / r2);
        return std::exp(m_b * normal + m_a);
    }
    case GENERIC:
        break;
    }
    return m_var->GetValue();
}

} // namespace ns3

#endif // FAST_RANDOM_VARIABLE_H
