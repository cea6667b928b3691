/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fast-random-variable.h"

namespace ns3
{

namespace
{
/// The stream of any random variable (Peek is protected; a pointer to it named through a
/// derived class applies to every RandomVariableStream).
struct StreamOf : public RandomVariableStream
{
    /// \param v a variable \return its RngStream
    static RngStream* Get(const RandomVariableStream& v)
    {
        return (v.*(&StreamOf::Peek))();
    }
};
} // namespace

void
FastRandomVariable::Bind(Ptr<RandomVariableStream> v)
{
    m_var = v;
    m_rng = StreamOf::Get(*v);
    m_kind = GENERIC;
    m_antithetic = v->IsAntithetic();
    const TypeId type = v->GetInstanceTypeId();
    if (type == UniformRandomVariable::GetTypeId())
    {
        auto u = DynamicCast<UniformRandomVariable>(v);
        m_kind = UNIFORM;
        m_a = u->GetMin();
        m_b = u->GetMax();
    }
    else if (type == ExponentialRandomVariable::GetTypeId())
    {
        auto e = DynamicCast<ExponentialRandomVariable>(v);
        m_kind = EXPONENTIAL;
        m_a = e->GetMean();
        m_b = e->GetBound();
    }
    else if (type == ParetoRandomVariable::GetTypeId())
    {
        auto p = DynamicCast<ParetoRandomVariable>(v);
        m_kind = PARETO;
        m_a = p->GetScale();
        m_b = p->GetShape();
        m_c = p->GetBound();
    }
    else if (type == LogNormalRandomVariable::GetTypeId())
    {
        auto l = DynamicCast<LogNormalRandomVariable>(v);
        m_kind = LOGNORMAL;
        m_a = l->GetMu();
        m_b = l->GetSigma();
    }
}

} // namespace ns3
