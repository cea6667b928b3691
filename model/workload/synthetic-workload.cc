/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "synthetic-workload.h"

#include "ns3/attribute-choice.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/rng-stream.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <string_view>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SyntheticWorkload");
NS_OBJECT_ENSURE_REGISTERED(SyntheticWorkload);

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

/**
 * Set a Time to a number of nanoseconds without constructing a Time. Until the first
 * Simulator::Run ns-3 records every live Time in a std::set, so that each temporary Time
 * costs an insertion and an erasure there; in place, t is zeroed and the value is added byte
 * by byte from a table of d x 256^k ns built once (2,048 Times). Only with nanosecond
 * resolution (the default), where the table's values are exact.
 * \param t the Time
 * \param ns nanoseconds
 */
void
SetNanoSeconds(Time& t, int64_t ns)
{
    static const std::vector<Time> digits = []
    {
        std::vector<Time> v;
        for (int k = 0; k < 8; ++k)
        {
            for (int d = 0; d < 256; ++d)
            {
                v.push_back(NanoSeconds(int64_t(d) << (8 * k)));
            }
        }
        return v;
    }();
    if (Time::GetResolution() != Time::NS || ns < 0)
    {
        t = NanoSeconds(ns);
        return;
    }
    t -= t;
    for (size_t at = 0; ns != 0; at += 256, ns >>= 8)
    {
        t += digits[at + (ns & 255)];
    }
}
} // namespace

void
SyntheticWorkload::FastVariable::Bind(Ptr<RandomVariableStream> v)
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

double
SyntheticWorkload::FastVariable::U01() const
{
    return m_rng->RandU01();
}

inline double
SyntheticWorkload::FastVariable::Get()
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

namespace
{

/// Attribute values of one preset, by attribute name.
using Preset = std::map<std::string, std::string>;

/**
 * The presets. Every attribute a preset sets is listed for both, so switching presets is
 * complete; Requests and Objects (the trace shape) are left to the user. The modem preset
 * is also the attribute default. doc/models/workload.rst explains each value.
 */
const std::map<std::string, Preset>&
Presets()
{
    static const std::map<std::string, Preset> presets = []
    {
        // [PROXIM], AT&T WorldNet dial-up users, August 1997: 17,964 users, 154,260
        // sessions, about 10.7 M requests in 12 days.
        Preset modem{
            {"ObjectsPerRequest", "0.46"},
            {"ZipfTheta", "0.8"},
            {"Users", "17964"},
            {"Servers", "100000"},
            {"ServerZipfTheta", "0.8"},
            {"CookieServerFraction", "0.3"},
            {"HtmlFraction", "0.28"},
            {"ImageFraction", "0.65"},
            {"HtmlSizeMedian", "12200"},
            {"HtmlSizeSigma", "1.2"},
            {"HtmlTailFraction", "0.03"},
            {"HtmlTailScale", "40000"},
            {"HtmlTailShape", "1.2"},
            {"ImageSizeMedian", "7200"},
            {"ImageSizeSigma", "1.1"},
            {"ImageTailFraction", "0.02"},
            {"ImageTailScale", "30000"},
            {"ImageTailShape", "1.4"},
            {"OtherSizeMedian", "24400"},
            {"OtherSizeSigma", "1.5"},
            {"OtherTailFraction", "0.08"},
            {"OtherTailScale", "100000"},
            {"OtherTailShape", "1.2"},
            {"MaxObjectSize", "100000000"},
            {"SizePopularityCorrelation", "0.43"},
            {"CookieProbability", "0.3020"},
            {"QueryProbability", "0.0985"},
            {"ClientNoCacheProbability", "0.0747"},
            {"CgiProbability", "0.0542"},
            {"CgiQueryFraction", "0.8"},
            {"OtherMethodProbability", "0.0202"},
            {"OtherMethodDynamicShare", "0.7"},
            {"AuthorizationProbability", "0.0169"},
            {"ServerNoCacheProbability", "0.0165"},
            {"ServerNoCacheDynamicShare", "0.5"},
            {"Uncachable", "0.4306"},
            {"CookieSiteProbability", "0.8"},
            {"CookiePopularityBias", "0.16"},
            {"SetCookieProbability", "0.1"},
            {"PersistentProbability", "0.18"},
            {"AbortProbability", "0.1094"},
            {"AbortSizeExponent", "0.9"},
            {"AbortReceived", "Bytes"},
            {"AbortFraction", "ns3::UniformRandomVariable[Min=0.0|Max=0.37]"},
            {"AbortBytes", "ns3::ExponentialRandomVariable[Mean=15800]"},
            {"ModificationInterval", "ns3::LogNormalRandomVariable[Mu=13.67|Sigma=1.5]"},
            {"ObjectsPerPage", "ns3::ParetoRandomVariable[Scale=1.0|Shape=1.4|Bound=100]"},
            {"InterRequestTime", "ns3::ExponentialRandomVariable[Mean=2.0|Bound=60]"},
            {"ThinkTime", "ns3::ParetoRandomVariable[Scale=15|Shape=1.5|Bound=3600]"},
            {"PagesPerSession", "ns3::ExponentialRandomVariable[Mean=23|Bound=1000]"},
            {"SessionGap", "ns3::ExponentialRandomVariable[Mean=99500]"},
            {"WarmUp", "14400s"},
            {"ServerRtt", "ns3::LogNormalRandomVariable[Mu=-2.53|Sigma=0.6]"},
        };
        // [PROXIM], AT&T Labs-Research LAN, February 1997: more than 3,000 clients and
        // 23,000 servers, about 1.04 M requests in 11 days.
        Preset research = modem;
        research["ObjectsPerRequest"] = "1.09";
        research["ZipfTheta"] = "0.75";
        research["Users"] = "3000";
        research["Servers"] = "23500";
        research["HtmlFraction"] = "0.30";
        research["ImageFraction"] = "0.60";
        research["CookieProbability"] = "0.1883";
        research["QueryProbability"] = "0.0746";
        research["ClientNoCacheProbability"] = "0.1438";
        research["CgiProbability"] = "0.0468";
        research["OtherMethodProbability"] = "0.0186";
        research["AuthorizationProbability"] = "0.0110";
        research["ServerNoCacheProbability"] = "0.0110";
        research["Uncachable"] = "0.3755";
        research["CookiePopularityBias"] = "0";
        research["SizePopularityCorrelation"] = "0.15";
        research["HtmlSizeMedian"] = "6700";
        research["ImageSizeMedian"] = "4000";
        research["OtherSizeMedian"] = "13400";
        research["PersistentProbability"] = "0.12";
        research["AbortProbability"] = "0.05";
        // No abort figures for this trace: a LAN client stops after a share of the body,
        // not after the bytes a modem delivers in a user's patience.
        research["AbortSizeExponent"] = "1.1";
        research["AbortReceived"] = "Fraction";
        research["InterRequestTime"] = "ns3::ExponentialRandomVariable[Mean=0.5|Bound=60]";
        research["PagesPerSession"] = "ns3::ExponentialRandomVariable[Mean=10|Bound=1000]";
        research["SessionGap"] = "ns3::ExponentialRandomVariable[Mean=67000]";
        return std::map<std::string, Preset>{{"modem", modem}, {"research", research}};
    }();
    return presets;
}

/// The default of an attribute: its modem preset value.
StringValue
Default(const std::string& name)
{
    const Preset& modem = Presets().at("modem");
    auto it = modem.find(name);
    NS_ABORT_MSG_IF(it == modem.end(), "SyntheticWorkload: no modem value for " << name);
    return StringValue(it->second);
}

/// Inverse of the standard normal CDF (Acklam's rational approximation).
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

/// Standard normal CDF.
double
NormalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

/**
 * Popularity-balanced assignment of a categorical property (see doc/models/workload.rst): objects
 * are visited in popularity order and each draws its category with the target
 * probabilities corrected by the request weight the categories are behind, so the
 * request-weighted share of every category ends within one tail object's weight of its
 * target while the choice for each object stays random.
 */
template <size_t N>
class Balancer
{
  public:
    /// \param target category probabilities (summing to 1)
    explicit Balancer(const std::array<double, N>& target)
        : m_target(target)
    {}

    /**
     * \param weight the object's request weight
     * \param u a uniform draw in [0,1)
     * \return the category
     */
    size_t Draw(double weight, double u)
    {
        return Draw(weight, u, m_target);
    }

    /**
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

/**
 * One Bernoulli decision from a uniform draw, leaving in u a fresh uniform for the next
 * decision: the position of u inside the sub-interval it fell in is uniform and independent
 * of the outcome. Each decision costs about log2(1/p) bits of u's 32 for the rarer outcome;
 * a request's 3-4 decisions leave at least 19 bits.
 * \param u a uniform draw in [0,1), replaced by the remainder
 * \param p the probability of true
 * \return the decision
 */
inline bool
Split(double& u, double p)
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
 * Solve sum_i w_i min(1, a t_i) = target for the scale a >= 0 (t_i >= 0). The left side is
 * increasing, concave and piecewise linear in a, so Newton steps from a lower bound stay below
 * the root and end after a few steps (each settles which terms are capped); bisection would
 * need about fifty passes over the universe.
 * \param w weights
 * \param t per-term factors
 * \param target the sum wanted, at most sum_i w_i over the terms with t_i > 0
 * \return the scale a
 */
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

/// Writes a decimal number into a buffer.
inline char*
PutNumber(char* p, uint64_t v)
{
    return std::to_chars(p, p + 20, v).ptr;
}

/// Assign a string unless it already holds the value (most records repeat the last one's).
inline void
AssignIfDifferent(std::string& s, std::string_view v)
{
    if (s != v)
    {
        s.assign(v);
    }
}

/// Appends a C string literal.
template <size_t L>
inline char*
PutLiteral(char* p, const char (&s)[L])
{
    std::memcpy(p, s, L - 1);
    return p + L - 1;
}

} // namespace

TypeId
SyntheticWorkload::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::SyntheticWorkload")
              .SetParent<Object>()
              .SetGroupName("WebProxy")
              .AddConstructor<SyntheticWorkload>()
              // Trace shape (not set by presets).
              .AddAttribute("Requests",
                            "Records to produce before Next returns false; 0: no end.",
                            UintegerValue(1000000),
                            MakeUintegerAccessor(&SyntheticWorkload::m_requests),
                            MakeUintegerChecker<uint64_t>())
              .AddAttribute("Objects",
                            "Size of the object universe; 0: ObjectsPerRequest x Requests.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&SyntheticWorkload::m_objects),
                            MakeUintegerChecker<uint64_t>(0, std::numeric_limits<uint32_t>::max()))
              // Popularity, users and servers.
              .AddAttribute("ObjectsPerRequest",
                            "Objects in the universe per request of the trace, when Objects is 0 "
                            "(keeps hit ratios independent of the trace length).",
                            Default("ObjectsPerRequest"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_objectsPerRequest),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("ZipfTheta",
                            "Zipf exponent of object popularity: P(rank r) ~ r^-theta.",
                            Default("ZipfTheta"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_theta),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("Users",
                            "Number of users (clients), numbered 0 .. Users-1.",
                            Default("Users"),
                            MakeUintegerAccessor(&SyntheticWorkload::m_users),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("Servers",
                            "Number of origin servers, www<i>.example.com.",
                            Default("Servers"),
                            MakeUintegerAccessor(&SyntheticWorkload::m_servers),
                            MakeUintegerChecker<uint32_t>(2))
              .AddAttribute("ServerZipfTheta",
                            "Zipf exponent of the number of objects per server.",
                            Default("ServerZipfTheta"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_serverTheta),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("CookieServerFraction",
                            "Share of servers that are cookie sites (they hold the cookie-site "
                            "objects).",
                            Default("CookieServerFraction"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_cookieServerFraction),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("ServerRtt",
                            "Round-trip time to each server, drawn once per server, seconds.",
                            Default("ServerRtt"),
                            MakePointerAccessor(&SyntheticWorkload::m_serverRtt),
                            MakePointerChecker<RandomVariableStream>())
              // Content types and sizes.
              .AddAttribute("HtmlFraction",
                            "Share of requests for html (includes all '?' and cgi-bin URLs).",
                            Default("HtmlFraction"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_htmlFraction),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("ImageFraction",
                            "Share of requests for images; the rest is 'other'.",
                            Default("ImageFraction"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_imageFraction),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("HtmlSizeMedian",
                            "Median of the lognormal body of html sizes, bytes.",
                            Default("HtmlSizeMedian"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_htmlMedian),
                            MakeDoubleChecker<double>(1))
              .AddAttribute("HtmlSizeSigma",
                            "Sigma of ln(size) of the lognormal body of html sizes.",
                            Default("HtmlSizeSigma"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_htmlSigma),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("HtmlTailFraction",
                            "Share of html objects whose size is Pareto distributed.",
                            Default("HtmlTailFraction"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_htmlTailFraction),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("HtmlTailScale",
                            "Scale (smallest size) of the html Pareto tail, bytes.",
                            Default("HtmlTailScale"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_htmlTailScale),
                            MakeDoubleChecker<double>(1))
              .AddAttribute("HtmlTailShape",
                            "Shape (alpha) of the html Pareto tail.",
                            Default("HtmlTailShape"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_htmlTailShape),
                            MakeDoubleChecker<double>(0.1))
              .AddAttribute("ImageSizeMedian",
                            "Median of the lognormal body of image sizes, bytes.",
                            Default("ImageSizeMedian"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_imageMedian),
                            MakeDoubleChecker<double>(1))
              .AddAttribute("ImageSizeSigma",
                            "Sigma of ln(size) of the lognormal body of image sizes.",
                            Default("ImageSizeSigma"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_imageSigma),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("ImageTailFraction",
                            "Share of images whose size is Pareto distributed.",
                            Default("ImageTailFraction"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_imageTailFraction),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("ImageTailScale",
                            "Scale (smallest size) of the image Pareto tail, bytes.",
                            Default("ImageTailScale"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_imageTailScale),
                            MakeDoubleChecker<double>(1))
              .AddAttribute("ImageTailShape",
                            "Shape (alpha) of the image Pareto tail.",
                            Default("ImageTailShape"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_imageTailShape),
                            MakeDoubleChecker<double>(0.1))
              .AddAttribute("OtherSizeMedian",
                            "Median of the lognormal body of other objects' sizes, bytes.",
                            Default("OtherSizeMedian"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_otherMedian),
                            MakeDoubleChecker<double>(1))
              .AddAttribute("OtherSizeSigma",
                            "Sigma of ln(size) of the lognormal body of other objects' sizes.",
                            Default("OtherSizeSigma"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_otherSigma),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("OtherTailFraction",
                            "Share of other objects whose size is Pareto distributed.",
                            Default("OtherTailFraction"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_otherTailFraction),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("OtherTailScale",
                            "Scale (smallest size) of the other objects' Pareto tail, bytes.",
                            Default("OtherTailScale"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_otherTailScale),
                            MakeDoubleChecker<double>(1))
              .AddAttribute("OtherTailShape",
                            "Shape (alpha) of the other objects' Pareto tail.",
                            Default("OtherTailShape"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_otherTailShape),
                            MakeDoubleChecker<double>(0.1))
              .AddAttribute("MaxObjectSize",
                            "Largest object size, bytes (sizes are capped; at most 2^32-1).",
                            Default("MaxObjectSize"),
                            MakeUintegerAccessor(&SyntheticWorkload::m_maxSize),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("SizePopularityCorrelation",
                            "Correlation (Gaussian copula, -1..1) between an object's size and "
                            "its popularity rank: positive makes unpopular objects larger. The "
                            "size distribution of each type is unchanged.",
                            Default("SizePopularityCorrelation"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_sizeCorrelation),
                            MakeDoubleChecker<double>(-1, 1))
              // Causes of uncachability (per-request fractions, as in [PROXIM]'s table).
              .AddAttribute("CookieProbability",
                            "Share of requests with a Cookie.",
                            Default("CookieProbability"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_pCookie),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("QueryProbability",
                            "Share of requests whose URL has '?' (an object property).",
                            Default("QueryProbability"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_pQuery),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("ClientNoCacheProbability",
                            "Share of requests with Cache-Control or Pragma no-cache.",
                            Default("ClientNoCacheProbability"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_pClientNoCache),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("CgiProbability",
                            "Share of requests whose URL has 'cgi-bin' (an object property).",
                            Default("CgiProbability"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_pCgi),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("CgiQueryFraction",
                            "Share of cgi-bin requests whose URL also has '?'.",
                            Default("CgiQueryFraction"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_cgiQueryFraction),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("OtherMethodProbability",
                            "Share of requests with a method other than GET and HEAD (POST).",
                            Default("OtherMethodProbability"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_pOtherMethod),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("OtherMethodDynamicShare",
                            "Share of the non-GET/HEAD requests that go to '?' or cgi-bin URLs.",
                            Default("OtherMethodDynamicShare"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_otherMethodDynamicShare),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("AuthorizationProbability",
                            "Share of requests with Authorization.",
                            Default("AuthorizationProbability"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_pAuthorization),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("ServerNoCacheProbability",
                            "Share of requests whose response has a Cache-Control forbidding "
                            "caching (an object property).",
                            Default("ServerNoCacheProbability"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_pServerNoCache),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("ServerNoCacheDynamicShare",
                            "Share of the server Cache-Control requests on '?' or cgi-bin URLs.",
                            Default("ServerNoCacheDynamicShare"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_serverNoCacheDynamicShare),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("Uncachable",
                            "Share of requests with at least one of the seven causes; the "
                            "cookie probabilities of static and dynamic URLs are solved to "
                            "give it. 0: cookies independent of the URL kind.",
                            Default("Uncachable"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_uncachable),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("CookieSiteProbability",
                            "Probability that a request to a cookie site carries a Cookie "
                            "(other sites get none); the cookie sites' request share follows.",
                            Default("CookieSiteProbability"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_cookieSiteProbability),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("CookiePopularityBias",
                            "Tilt of cookie sites toward popular objects: an object at relative "
                            "rank x is on a cookie site with probability ~ x^-bias (0: none).",
                            Default("CookiePopularityBias"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_cookiePopularityBias),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("SetCookieProbability",
                            "Probability of a Set-Cookie in a cookie site's response to a "
                            "request without Cookie.",
                            Default("SetCookieProbability"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_pSetCookie),
                            MakeDoubleChecker<double>(0, 1))
              // Connections, aborts, modifications.
              .AddAttribute("PersistentProbability",
                            "Share of requests sent on a persistent connection.",
                            Default("PersistentProbability"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_pPersistent),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("AbortProbability",
                            "Share of requests the user aborts (mean over requests).",
                            Default("AbortProbability"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_pAbort),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("AbortSizeExponent",
                            "The abort probability of an object grows as size^exponent (large "
                            "transfers are aborted more often); 0: independent of size.",
                            Default("AbortSizeExponent"),
                            MakeDoubleAccessor(&SyntheticWorkload::m_abortSizeExponent),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("AbortReceived",
                            "What an aborted request receives: Fraction (AbortFraction of its "
                            "body) or Bytes (AbortBytes, whatever its size); at most size - 1.",
                            Default("AbortReceived"),
                            MakeStringAccessor(&SyntheticWorkload::SetAbortReceived,
                                               &SyntheticWorkload::GetAbortReceived),
                            MakeStringChecker())
              .AddAttribute("AbortFraction",
                            "Fraction of the body received before an abort (clamped to [0,1)); "
                            "used when AbortReceived is Fraction.",
                            Default("AbortFraction"),
                            MakePointerAccessor(&SyntheticWorkload::m_abortFraction),
                            MakePointerChecker<RandomVariableStream>())
              .AddAttribute("AbortBytes",
                            "Body bytes received before an abort, independent of the size, "
                            "bytes; used when AbortReceived is Bytes.",
                            Default("AbortBytes"),
                            MakePointerAccessor(&SyntheticWorkload::m_abortBytes),
                            MakePointerChecker<RandomVariableStream>())
              .AddAttribute("ModificationInterval",
                            "Mean time between modifications of an object, drawn once per "
                            "object, seconds (<= 0: never modified); modifications are Poisson.",
                            Default("ModificationInterval"),
                            MakePointerAccessor(&SyntheticWorkload::m_changeInterval),
                            MakePointerChecker<RandomVariableStream>())
              // User behaviour.
              .AddAttribute("ObjectsPerPage",
                            "Requests per page (rounded down, at least 1).",
                            Default("ObjectsPerPage"),
                            MakePointerAccessor(&SyntheticWorkload::m_objectsPerPage),
                            MakePointerChecker<RandomVariableStream>())
              .AddAttribute("InterRequestTime",
                            "Time between the requests of one page, seconds.",
                            Default("InterRequestTime"),
                            MakePointerAccessor(&SyntheticWorkload::m_interRequest),
                            MakePointerChecker<RandomVariableStream>())
              .AddAttribute("ThinkTime",
                            "Time between the last request of a page and the next page of the "
                            "session, seconds.",
                            Default("ThinkTime"),
                            MakePointerAccessor(&SyntheticWorkload::m_think),
                            MakePointerChecker<RandomVariableStream>())
              .AddAttribute("PagesPerSession",
                            "Pages per session (rounded down, at least 1).",
                            Default("PagesPerSession"),
                            MakePointerAccessor(&SyntheticWorkload::m_pagesPerSession),
                            MakePointerChecker<RandomVariableStream>())
              .AddAttribute("WarmUp",
                            "How long the users browse before the trace starts (their timing "
                            "only), so that it starts in the steady state; should exceed a "
                            "typical session.",
                            Default("WarmUp"),
                            MakeTimeAccessor(&SyntheticWorkload::m_warmUp),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("SessionGap",
                            "Time between the last request of a session and the next session, "
                            "seconds; users start with one gap.",
                            Default("SessionGap"),
                            MakePointerAccessor(&SyntheticWorkload::m_sessionGap),
                            MakePointerChecker<RandomVariableStream>());
    return tid;
}

SyntheticWorkload::SyntheticWorkload()
    : m_universeRng(CreateObject<UniformRandomVariable>())
    , m_popularityRng(CreateObject<UniformRandomVariable>())
    , m_requestRng(CreateObject<UniformRandomVariable>())
    , m_changeRng(CreateObject<ExponentialRandomVariable>())
{
    NS_LOG_FUNCTION(this);
    m_changeRng->SetAttribute("Mean", DoubleValue(1.0));
}

SyntheticWorkload::~SyntheticWorkload()
{
    NS_LOG_FUNCTION(this);
}

void
SyntheticWorkload::DoDispose()
{
    m_obj.clear();
    m_obj.shrink_to_fit();
    m_alias = {};
    m_user = {};
    m_rtt = {};
    m_cookieServer = {};
    m_heap = {};
    m_abortFraction = nullptr;
    m_abortBytes = nullptr;
    m_changeInterval = nullptr;
    m_objectsPerPage = nullptr;
    m_interRequest = nullptr;
    m_think = nullptr;
    m_pagesPerSession = nullptr;
    m_sessionGap = nullptr;
    m_serverRtt = nullptr;
    m_universeRng = nullptr;
    m_popularityRng = nullptr;
    m_requestRng = nullptr;
    m_changeRng = nullptr;
    for (FastVariable* v : {&m_fastAbortReceived,
                            &m_fastChangeInterval,
                            &m_fastObjectsPerPage,
                            &m_fastInterRequest,
                            &m_fastThink,
                            &m_fastPagesPerSession,
                            &m_fastSessionGap,
                            &m_fastChange,
                            &m_fastPopularity,
                            &m_fastRequest})
    {
        *v = FastVariable();
    }
    Object::DoDispose();
}

Ptr<SyntheticWorkload>
SyntheticWorkload::CreatePreset(const std::string& name)
{
    Ptr<SyntheticWorkload> w = CreateObject<SyntheticWorkload>();
    w->SetPreset(name);
    return w;
}

std::vector<std::string>
SyntheticWorkload::GetPresetNames()
{
    std::vector<std::string> names;
    for (const auto& [name, preset] : Presets())
    {
        names.push_back(name);
    }
    return names;
}

void
SyntheticWorkload::SetPreset(const std::string& name)
{
    NS_LOG_FUNCTION(this << name);
    auto it = Presets().find(name);
    if (it == Presets().end())
    {
        std::string known;
        for (const auto& n : GetPresetNames())
        {
            known += " " + n;
        }
        NS_FATAL_ERROR("SyntheticWorkload: unknown preset '" << name << "' (known:" << known
                                                             << ")");
    }
    NS_ABORT_MSG_IF(m_built, "SyntheticWorkload: SetPreset after the first Next");
    for (const auto& [attribute, value] : it->second)
    {
        SetAttribute(attribute, StringValue(value));
    }
}

namespace
{
const AttributeChoice<bool> ABORT_RECEIVED[] = {{false, "Fraction"}, {true, "Bytes"}};
} // namespace

void
SyntheticWorkload::SetAbortReceived(std::string model)
{
    m_abortInBytes = ParseChoice("SyntheticWorkload", "AbortReceived", model, ABORT_RECEIVED);
}

std::string
SyntheticWorkload::GetAbortReceived() const
{
    return ChoiceName(m_abortInBytes, ABORT_RECEIVED);
}

int64_t
SyntheticWorkload::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    // The attribute variables may be replaced later (SetPreset, SetAttribute): Build assigns
    // the same streams again.
    m_stream = stream;
    const Ptr<RandomVariableStream> all[] = {m_universeRng,
                                             m_popularityRng,
                                             m_requestRng,
                                             m_changeRng,
                                             m_abortFraction,
                                             m_changeInterval,
                                             m_objectsPerPage,
                                             m_interRequest,
                                             m_think,
                                             m_pagesPerSession,
                                             m_sessionGap,
                                             m_serverRtt};
    int64_t n = 0;
    for (const auto& rv : all)
    {
        rv->SetStream(stream + n++);
    }
    // Only one of the two is drawn: sharing a stream keeps the count (and the streams of
    // whatever the caller numbers after this object) unchanged.
    m_abortBytes->SetStream(m_abortFraction->GetStream());
    if (m_built)
    {
        BindVariables(); // SetStream replaced their RngStreams
    }
    return n;
}

uint64_t
SyntheticWorkload::GetGenerated() const
{
    return m_generated;
}

uint64_t
SyntheticWorkload::GetObjectCount()
{
    Build();
    return m_obj.size();
}

uint32_t
SyntheticWorkload::GetServerCount() const
{
    return m_servers;
}

std::string
SyntheticWorkload::GetServerName(uint32_t server)
{
    return "www" + std::to_string(server) + ".example.com";
}

Time
SyntheticWorkload::GetServerRtt(uint32_t server)
{
    BuildServers(); // not the objects: the RTTs may be wanted before Requests is known
    NS_ABORT_MSG_IF(server >= m_rtt.size(), "SyntheticWorkload: no server " << server);
    return Seconds(m_rtt[server]);
}

Time
SyntheticWorkload::GetServerRtt(const std::string& host)
{
    static const std::string suffix = ".example.com";
    if (host.size() <= 3 + suffix.size() || host.compare(0, 3, "www") != 0
        || host.compare(host.size() - suffix.size(), suffix.size(), suffix) != 0)
    {
        return Time(0);
    }
    uint32_t server = 0;
    const char* first = host.data() + 3;
    const char* last = host.data() + host.size() - suffix.size();
    auto [ptr, ec] = std::from_chars(first, last, server);
    if (ec != std::errc() || ptr != last)
    {
        return Time(0);
    }
    BuildServers();
    return server < m_rtt.size() ? Seconds(m_rtt[server]) : Time(0);
}

double
SyntheticWorkload::GetPopularity(uint64_t object)
{
    Build();
    NS_ABORT_MSG_IF(object >= m_obj.size(), "SyntheticWorkload: no object " << object);
    return std::pow(double(object + 1), -m_theta) / m_normalizer;
}

uint64_t
SyntheticWorkload::GetLastObject() const
{
    return m_lastObject;
}

SyntheticWorkload::Derived
SyntheticWorkload::GetDerived() const
{
    Derived d;
    const double q = m_pQuery;
    const double k = m_pCgi;
    const double g = m_cgiQueryFraction;
    NS_ABORT_MSG_IF(g * k > q + 1e-12,
                    "SyntheticWorkload: CgiQueryFraction x CgiProbability ("
                        << g * k << ") exceeds QueryProbability (" << q << ")");
    d.dynamicShare = q + (1 - g) * k;
    NS_ABORT_MSG_IF(d.dynamicShare >= 1, "SyntheticWorkload: every URL is dynamic");
    const double pi0 = 1 - d.dynamicShare;
    const double dyn = d.dynamicShare;
    auto split
        = [&](double total, double dynShare, double& onStatic, double& onDynamic, const char* what)
    {
        if (dyn <= 0)
        {
            dynShare = 0;
        }
        onStatic = total * (1 - dynShare) / pi0;
        onDynamic = dyn > 0 ? total * dynShare / dyn : 0;
        NS_ABORT_MSG_IF(onStatic > 1 || onDynamic > 1,
                        "SyntheticWorkload: " << what << " does not fit its URL kinds");
    };
    split(m_pServerNoCache,
          m_serverNoCacheDynamicShare,
          d.serverNoCacheStatic,
          d.serverNoCacheDynamic,
          "ServerNoCacheProbability");
    split(m_pOtherMethod,
          m_otherMethodDynamicShare,
          d.otherMethodStatic,
          d.otherMethodDynamic,
          "OtherMethodProbability");
    // A static URL's request is cachable when none of the other causes applies (the
    // independent ones: client no-cache, Authorization); a dynamic URL's never is.
    const double clean = pi0 * (1 - d.serverNoCacheStatic) * (1 - d.otherMethodStatic)
                       * (1 - m_pClientNoCache) * (1 - m_pAuthorization);
    d.uncachableNoCookie = 1 - clean;
    if (m_uncachable > 0)
    {
        d.cookieStatic = 1 - (1 - m_uncachable) / clean;
        d.cookieDynamic = dyn > 0 ? (m_pCookie - pi0 * d.cookieStatic) / dyn : 0;
        NS_ABORT_MSG_IF(
            d.cookieStatic < 0 || d.cookieStatic > 1 || d.cookieDynamic < 0 || d.cookieDynamic > 1
                || (dyn <= 0 && std::abs(d.cookieStatic - m_pCookie) > 1e-9),
            "SyntheticWorkload: Uncachable "
                << m_uncachable << " is not reachable; with these probabilities it "
                << "must lie between " << 1 - clean * (1 - std::max(0.0, (m_pCookie - dyn) / pi0))
                << " and " << 1 - clean * (1 - std::min(1.0, m_pCookie / pi0)));
    }
    else
    {
        d.cookieStatic = m_pCookie;
        d.cookieDynamic = m_pCookie;
    }
    d.uncachable = 1 - clean * (1 - d.cookieStatic);
    NS_ABORT_MSG_IF(m_cookieSiteProbability <= 0 && m_pCookie > 0,
                    "SyntheticWorkload: CookieSiteProbability must be positive");
    if (m_pCookie > 0)
    {
        d.cookieSiteStatic = d.cookieStatic / m_cookieSiteProbability;
        d.cookieSiteDynamic = d.cookieDynamic / m_cookieSiteProbability;
        NS_ABORT_MSG_IF(d.cookieSiteStatic > 1 + 1e-12 || d.cookieSiteDynamic > 1 + 1e-12,
                        "SyntheticWorkload: CookieSiteProbability "
                            << m_cookieSiteProbability << " is below the cookie probability "
                            << "of a URL kind (" << std::max(d.cookieStatic, d.cookieDynamic)
                            << ")");
    }
    return d;
}

void
SyntheticWorkload::Build()
{
    if (m_built)
    {
        return;
    }
    NS_LOG_FUNCTION(this);
    m_derived = GetDerived();
    m_size[HTML]
        = {m_htmlMedian, m_htmlSigma, m_htmlTailFraction, m_htmlTailScale, m_htmlTailShape};
    m_size[IMAGE]
        = {m_imageMedian, m_imageSigma, m_imageTailFraction, m_imageTailScale, m_imageTailShape};
    m_size[OTHER]
        = {m_otherMedian, m_otherSigma, m_otherTailFraction, m_otherTailScale, m_otherTailShape};
    BuildServers();
    BindVariables();
    BuildObjects();

    m_user.assign(m_users, User{});
    m_heap.clear();
    m_heap.reserve(m_users);
    for (uint32_t u = 0; u < m_users; ++u)
    {
        // Start after a first off period, WarmUp before time zero: for exponential gaps
        // (the presets) the residual of a gap in progress has the gap's distribution.
        const double start = std::max(0.0, m_fastSessionGap.Get()) - m_warmUp.GetSeconds();
        m_user[u].sessionLeft
            = uint32_t(std::max(1.0, std::floor(m_fastPagesPerSession.Get()))) - 1;
        m_user[u].pageLeft = uint32_t(std::max(1.0, std::floor(m_fastObjectsPerPage.Get()))) - 1;
        m_heap.emplace_back(start, u);
    }
    std::make_heap(m_heap.begin(), m_heap.end(), std::greater<>());
    // Run the users (their timing only, no objects) up to time zero, so that the trace
    // starts with the sessions in progress of the steady state instead of ramping up.
    while (m_heap.front().first < 0)
    {
        const auto [now, user] = m_heap.front();
        SiftDown({ScheduleUser(user, now), user});
    }
    m_built = true;
}

void
SyntheticWorkload::BindVariables()
{
    m_fastAbortReceived.Bind(m_abortInBytes ? m_abortBytes : m_abortFraction);
    m_fastChangeInterval.Bind(m_changeInterval);
    m_fastObjectsPerPage.Bind(m_objectsPerPage);
    m_fastInterRequest.Bind(m_interRequest);
    m_fastThink.Bind(m_think);
    m_fastPagesPerSession.Bind(m_pagesPerSession);
    m_fastSessionGap.Bind(m_sessionGap);
    m_fastChange.Bind(m_changeRng);
    m_fastPopularity.Bind(m_popularityRng);
    m_fastRequest.Bind(m_requestRng);
}

void
SyntheticWorkload::BuildServers()
{
    if (!m_rtt.empty())
    {
        return;
    }
    // The first draws of the workload: assign the streams again, for attribute variables
    // replaced since AssignStreams.
    if (m_stream >= 0)
    {
        AssignStreams(m_stream);
    }
    m_rtt.resize(m_servers);
    m_cookieServer.resize(m_servers);
    for (uint32_t s = 0; s < m_servers; ++s)
    {
        m_rtt[s] = std::max(0.0, m_serverRtt->GetValue());
        m_cookieServer[s] = m_universeRng->GetValue() < m_cookieServerFraction;
    }
    // Both pools must exist for objects to be placed on them.
    m_cookieServer[0] = 1;
    m_cookieServer[1] = 0;
}

uint32_t
SyntheticWorkload::DrawSize(uint8_t type, double u) const
{
    const SizeModel& m = m_size[type];
    double size;
    if (u < 1 - m.tailFraction)
    {
        size = m.median * std::exp(m.sigma * NormalQuantile(u / (1 - m.tailFraction)));
    }
    else
    {
        const double v = (u - (1 - m.tailFraction)) / m.tailFraction;
        size = m.tailScale / std::pow(std::max(1 - v, 1e-300), 1 / m.tailShape);
    }
    return uint32_t(std::clamp(std::llround(std::min(size, 9e18)), 1LL, (long long)m_maxSize));
}

void
SyntheticWorkload::BuildObjects()
{
    const uint64_t count
        = m_objects > 0 ? m_objects : uint64_t(std::ceil(m_objectsPerRequest * double(m_requests)));
    NS_ABORT_MSG_IF(count == 0,
                    "SyntheticWorkload: empty object universe (set Objects, or Requests and "
                    "ObjectsPerRequest)");
    NS_ABORT_MSG_IF(count > std::numeric_limits<uint32_t>::max(),
                    "SyntheticWorkload: more than 2^32-1 objects");
    const size_t n = count;
    const Derived& d = m_derived;

    std::vector<double> w(n);
    m_normalizer = 0;
    for (size_t i = 0; i < n; ++i)
    {
        w[i] = std::pow(double(i + 1), -m_theta);
        m_normalizer += w[i];
    }
    for (double& x : w)
    {
        x /= m_normalizer;
    }

    m_obj.assign(n, Obj{});
    // Pass 1: URL kind, then content type (dynamic URLs are html).
    const double g = m_cgiQueryFraction;
    Balancer<4> kind({1 - d.dynamicShare, m_pQuery - g * m_pCgi, g * m_pCgi, (1 - g) * m_pCgi});
    const double pi0 = 1 - d.dynamicShare;
    const double htmlStatic = (m_htmlFraction - d.dynamicShare) / pi0;
    const double imageStatic = m_imageFraction / pi0;
    NS_ABORT_MSG_IF(htmlStatic < 0,
                    "SyntheticWorkload: HtmlFraction is below the share of dynamic URLs ("
                        << d.dynamicShare << ")");
    NS_ABORT_MSG_IF(htmlStatic + imageStatic > 1 + 1e-12,
                    "SyntheticWorkload: HtmlFraction + ImageFraction exceed 1");
    Balancer<3> type({htmlStatic, imageStatic, std::max(0.0, 1 - htmlStatic - imageStatic)});
    std::array<double, 2> groupWeight{};
    for (size_t i = 0; i < n; ++i)
    {
        Obj& o = m_obj[i];
        o.kind = uint8_t(kind.Draw(w[i], m_universeRng->GetValue()));
        const double u = m_universeRng->GetValue(); // drawn for every object: fixed count
        o.type = o.kind == STATIC ? uint8_t(type.Draw(w[i], u)) : uint8_t(HTML);
        groupWeight[o.kind != STATIC] += w[i];
    }

    // Cookie sites: probability min(1, a x^-bias) at relative rank x, with a solved per
    // group (static, dynamic) so that the group's request share of cookie sites is exact.
    std::vector<float> tilt(n);
    for (size_t i = 0; i < n; ++i)
    {
        tilt[i] = float(std::pow((double(i) + 0.5) / double(n), -m_cookiePopularityBias));
    }
    const std::array<double, 2> siteShare{d.cookieSiteStatic, d.cookieSiteDynamic};
    std::array<double, 2> scale{};
    for (int grp = 0; grp < 2; ++grp)
    {
        const double target = siteShare[grp] * groupWeight[grp];
        if (target <= 0)
        {
            continue;
        }
        std::vector<double> gw;
        std::vector<double> gt;
        for (size_t i = 0; i < n; ++i)
        {
            if ((m_obj[i].kind != STATIC) == bool(grp))
            {
                gw.push_back(w[i]);
                gt.push_back(double(tilt[i]));
            }
        }
        scale[grp] = SolveCappedScale(gw, gt, target);
    }

    // Pass 2: server Cache-Control and cookie site (balanced per group), server, size.
    std::array<Balancer<2>, 2> noCache{
        Balancer<2>({1 - d.serverNoCacheStatic, d.serverNoCacheStatic}),
        Balancer<2>({1 - d.serverNoCacheDynamic, d.serverNoCacheDynamic})};
    std::array<Balancer<2>, 2> site{Balancer<2>({1, 0}), Balancer<2>({1, 0})};

    // Servers: Zipf(ServerZipfTheta) sizes, split into the cookie and the other pool.
    std::array<std::vector<double>, 2> poolWeight;
    std::array<std::vector<uint32_t>, 2> poolServer;
    for (uint32_t s = 0; s < m_servers; ++s)
    {
        const int pool = m_cookieServer[s];
        poolWeight[pool].push_back(std::pow(double(s + 1), -m_serverTheta));
        poolServer[pool].push_back(s);
    }
    const std::array<std::vector<Alias>, 2> poolAlias{MakeAlias(poolWeight[0]),
                                                      MakeAlias(poolWeight[1])};

    const double rho = m_sizeCorrelation;
    const double rhoRest = std::sqrt(std::max(0.0, 1 - rho * rho));
    std::vector<double> sizePow(n);
    for (size_t i = 0; i < n; ++i)
    {
        Obj& o = m_obj[i];
        const int grp = o.kind != STATIC;
        const double pNoCache = grp ? d.serverNoCacheDynamic : d.serverNoCacheStatic;
        if (noCache[grp].Draw(w[i], m_universeRng->GetValue(), {1 - pNoCache, pNoCache}) == 1)
        {
            o.flags |= FLAG_SERVER_NO_CACHE;
        }
        const double q = std::min(1.0, scale[grp] * tilt[i]);
        const bool cookieSite = site[grp].Draw(w[i], m_universeRng->GetValue(), {1 - q, q}) == 1;
        if (cookieSite)
        {
            o.flags |= FLAG_COOKIE_SITE;
        }
        const auto& alias = poolAlias[cookieSite];
        const double x = m_universeRng->GetValue() * double(alias.size());
        const size_t at = std::min<size_t>(size_t(x), alias.size() - 1);
        o.server = poolServer[cookieSite][x - double(at) < alias[at].keep ? at : alias[at].other];

        double u = m_universeRng->GetValue();
        if (rho != 0)
        {
            const double z
                = rho * NormalQuantile((double(i) + 0.5) / double(n)) + rhoRest * NormalQuantile(u);
            u = NormalCdf(z);
        }
        o.size = DrawSize(o.type, u);
        sizePow[i] = std::pow(double(o.size), m_abortSizeExponent);
        o.changeMean = -1; // drawn on first request
        o.nextChange = 0;
        o.version = 0;
    }

    // Abort probability ~ size^exponent, scaled so that its request-weighted mean is
    // AbortProbability (probabilities capped at 1).
    NS_ABORT_MSG_IF(m_pAbort >= 1, "SyntheticWorkload: AbortProbability must be below 1");
    const double abortScale = m_pAbort > 0 ? SolveCappedScale(w, sizePow, m_pAbort) : 0;
    for (size_t i = 0; i < n; ++i)
    {
        m_obj[i].abortProb = m_pAbort > 0 ? float(std::min(1.0, abortScale * sizePow[i])) : 0.f;
    }
    m_alias = MakeAlias(w);
    // Prime the two-ahead pipeline of DrawObject.
    m_nextColumn = m_fastPopularity.Get() * double(n);
    DrawObject();
    NS_LOG_INFO("universe of " << n << " objects, " << m_servers << " servers");
}

std::vector<SyntheticWorkload::Alias>
SyntheticWorkload::MakeAlias(const std::vector<double>& weights)
{
    // Vose's alias method: one uniform index and one comparison per draw.
    const size_t n = weights.size();
    double total = 0;
    for (double x : weights)
    {
        total += x;
    }
    std::vector<Alias> alias(n);
    std::vector<uint32_t> small;
    std::vector<uint32_t> large;
    std::vector<double> scaled(n);
    for (size_t i = 0; i < n; ++i)
    {
        scaled[i] = weights[i] / total * double(n);
        alias[i] = {1.0f, uint32_t(i)};
        (scaled[i] < 1 ? small : large).push_back(uint32_t(i));
    }
    while (!small.empty() && !large.empty())
    {
        const uint32_t s = small.back();
        small.pop_back();
        const uint32_t l = large.back();
        alias[s] = {float(scaled[s]), l};
        scaled[l] -= 1 - scaled[s];
        if (scaled[l] < 1)
        {
            large.pop_back();
            small.push_back(l);
        }
    }
    // Leftovers are 1 up to rounding.
    return alias;
}

uint64_t
SyntheticWorkload::DrawObject()
{
    // One uniform per request: its integer part picks the alias column, its fraction the
    // side; the fraction keeps 32 - log2(Objects) bits, plenty for the keep probabilities.
    // The table and the universe are far larger than the caches, so the draws run two
    // requests ahead and prefetch: the column for the request after next, the object for
    // the next one. The sequence of objects is the same as without the pipeline.
    const size_t n = m_alias.size();
    auto column = [n](double x)
    {
        return std::min<size_t>(size_t(x), n - 1);
    };
    const uint64_t id = m_nextObject;
    const double x = m_nextColumn;
    const size_t i = column(x);
    const Alias& a = m_alias[i];
    m_nextObject = x - double(i) < double(a.keep) ? i : a.other;
    __builtin_prefetch(&m_obj[m_nextObject]);
    m_nextColumn = m_fastPopularity.Get() * double(n);
    __builtin_prefetch(&m_alias[column(m_nextColumn)]);
    return id;
}

double
SyntheticWorkload::ScheduleUser(uint32_t user, double now)
{
    User& u = m_user[user];
    if (u.pageLeft > 0)
    {
        --u.pageLeft;
        return now + std::max(0.0, m_fastInterRequest.Get());
    }
    u.pageLeft = uint32_t(std::max(1.0, std::floor(m_fastObjectsPerPage.Get()))) - 1;
    if (u.sessionLeft > 0)
    {
        --u.sessionLeft;
        return now + std::max(0.0, m_fastThink.Get());
    }
    u.sessionLeft = uint32_t(std::max(1.0, std::floor(m_fastPagesPerSession.Get()))) - 1;
    return now + std::max(0.0, m_fastSessionGap.Get());
}

void
SyntheticWorkload::SiftDown(std::pair<double, uint32_t> top)
{
    // Replace the root of the min-heap and restore the heap: half the work of pop + push.
    const size_t n = m_heap.size();
    size_t i = 0;
    while (true)
    {
        size_t child = 2 * i + 1;
        if (child >= n)
        {
            break;
        }
        if (child + 1 < n && m_heap[child + 1] < m_heap[child])
        {
            ++child;
        }
        if (!(m_heap[child] < top))
        {
            break;
        }
        m_heap[i] = m_heap[child];
        i = child;
    }
    m_heap[i] = top;
}

void
SyntheticWorkload::ApplyModifications(Obj& o, double now)
{
    if (o.changeMean < 0)
    {
        const double mean = m_fastChangeInterval.Get();
        o.changeMean = float(std::max(0.0, mean));
        o.nextChange
            = mean > 0 ? mean * m_fastChange.Get() : std::numeric_limits<double>::infinity();
    }
    while (o.nextChange <= now)
    {
        ++o.version;
        o.nextChange += double(o.changeMean) * m_fastChange.Get();
    }
}

bool
SyntheticWorkload::Next(TraceRecord& out)
{
    if (m_requests > 0 && m_generated >= m_requests)
    {
        return false;
    }
    Build();

    // The user with the earliest next request; its following request replaces it at the
    // top of the heap and sinks.
    const auto [now, user] = m_heap.front();
    SiftDown({ScheduleUser(user, now), user});

    const uint64_t id = DrawObject();
    Obj& o = m_obj[id];
    ApplyModifications(o, now);
    const int grp = o.kind != STATIC;
    const Derived& d = m_derived;

    // Two uniforms per request, each split into independent decisions (Split): the draws
    // are the generator's main cost. Always two, so that changing one probability does not
    // shift the random numbers of the requests that follow.
    double u = m_fastRequest.Get();
    const bool cookieSite = o.flags & FLAG_COOKIE_SITE;
    out.cookie = cookieSite && Split(u, m_cookieSiteProbability);
    out.setCookie = cookieSite && !out.cookie && Split(u, m_pSetCookie);
    out.clientNoCache = Split(u, m_pClientNoCache);
    out.authorization = Split(u, m_pAuthorization);
    u = m_fastRequest.Get();
    const bool other = Split(u, grp ? d.otherMethodDynamic : d.otherMethodStatic);
    out.persistent = Split(u, m_pPersistent);
    const bool aborted = o.size > 1 && Split(u, o.abortProb);
    out.serverNoCache = o.flags & FLAG_SERVER_NO_CACHE;
    AssignIfDifferent(out.method, other ? std::string_view("POST") : std::string_view("GET"));

    SetNanoSeconds(out.time, int64_t(std::llround(now * 1e9)));
    out.client = user;
    out.size = o.size;
    out.received = o.size;
    if (aborted)
    {
        const double x = std::max(m_fastAbortReceived.Get(), 0.0);
        const double bytes = m_abortInBytes ? x : std::min(x, 1.0) * double(o.size);
        out.received = std::min<uint64_t>(uint64_t(bytes), o.size - 1);
    }
    out.status = 200;
    out.version = o.version;

    char buf[64];
    char* p = PutLiteral(buf, "www");
    p = PutNumber(p, o.server);
    p = PutLiteral(p, ".example.com");
    out.server.assign(buf, p - buf);

    p = buf;
    if (o.kind == CGI || o.kind == CGI_QUERY)
    {
        p = PutLiteral(p, "/cgi-bin");
    }
    p = PutLiteral(p, "/o");
    p = PutNumber(p, id);
    switch (o.kind)
    {
    case QUERY:
    case CGI_QUERY:
        p = PutLiteral(p, "?q=1");
        break;
    case CGI:
        p = PutLiteral(p, ".pl");
        break;
    default:
        p = o.type == HTML  ? PutLiteral(p, ".html")
          : o.type == IMAGE ? PutLiteral(p, ".gif")
                            : PutLiteral(p, ".bin");
        break;
    }
    out.path.assign(buf, p - buf);
    static constexpr std::string_view types[]
        = {"text/html", "image/gif", "application/octet-stream"};
    AssignIfDifferent(out.contentType, types[o.type]);

    m_lastObject = id;
    ++m_generated;
    return true;
}

} // namespace ns3
