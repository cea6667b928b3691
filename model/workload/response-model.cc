/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "response-model.h"

#include "object-catalogue.h"
#include "trace-record.h"
#include "workload-math.h"
#include "workload-presets.h"

#include "ns3/abort.h"
#include "ns3/attribute-choice.h"
#include "ns3/double.h"
#include "ns3/pointer.h"
#include "ns3/string.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

namespace ns3
{

namespace
{
/// The values of AbortReceived.
const AttributeChoice<bool> ABORT_RECEIVED[] = {{false, "Fraction"}, {true, "Bytes"}};
/// The values of NotModifiedRule.
const AttributeChoice<bool> NOT_MODIFIED_RULES[] = {{false, "AnyGet"}, {true, "FetchedBefore"}};
} // namespace

TypeId
ResponseModel::AddAttributes(TypeId tid, PartLocator<ResponseModel> locate)
{
    return tid
        .AddAttribute("CookieProbability",
                      "Share of requests with a Cookie.",
                      WorkloadPresets::GetDefault("CookieProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::pCookie),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("QueryProbability",
                      "Share of requests whose URL has '?' (an object property).",
                      WorkloadPresets::GetDefault("QueryProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::pQuery),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("ClientNoCacheProbability",
                      "Share of requests with Cache-Control or Pragma no-cache.",
                      WorkloadPresets::GetDefault("ClientNoCacheProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::pClientNoCache),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("CgiProbability",
                      "Share of requests whose URL has 'cgi-bin' (an object property).",
                      WorkloadPresets::GetDefault("CgiProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::pCgi),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("CgiQueryFraction",
                      "Share of cgi-bin requests whose URL also has '?'.",
                      WorkloadPresets::GetDefault("CgiQueryFraction"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::cgiQueryFraction),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("OtherMethodProbability",
                      "Share of requests with a method other than GET and HEAD (POST).",
                      WorkloadPresets::GetDefault("OtherMethodProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::pOtherMethod),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("OtherMethodDynamicShare",
                      "Share of the non-GET/HEAD requests that go to '?' or cgi-bin URLs.",
                      WorkloadPresets::GetDefault("OtherMethodDynamicShare"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::otherMethodDynamicShare),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("AuthorizationProbability",
                      "Share of requests with Authorization.",
                      WorkloadPresets::GetDefault("AuthorizationProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::pAuthorization),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("ServerNoCacheProbability",
                      "Share of requests whose response has a Cache-Control forbidding "
                      "caching (an object property).",
                      WorkloadPresets::GetDefault("ServerNoCacheProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::pServerNoCache),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("ServerNoCacheDynamicShare",
                      "Share of the server Cache-Control requests on '?' or cgi-bin URLs.",
                      WorkloadPresets::GetDefault("ServerNoCacheDynamicShare"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::serverNoCacheDynamicShare),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("Uncachable",
                      "Share of requests with at least one of the seven causes; the "
                      "cookie probabilities of static and dynamic URLs are solved to "
                      "give it. 0: cookies independent of the URL kind.",
                      WorkloadPresets::GetDefault("Uncachable"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::uncachable),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("CookieSiteProbability",
                      "Probability that a request to a cookie site carries a Cookie "
                      "(other sites get none); the cookie sites' request share follows.",
                      WorkloadPresets::GetDefault("CookieSiteProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::cookieSiteProbability),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("SetCookieProbability",
                      "Probability of a Set-Cookie in a cookie site's response to a "
                      "request without Cookie.",
                      WorkloadPresets::GetDefault("SetCookieProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::pSetCookie),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("PersistentProbability",
                      "Share of requests sent on a persistent connection.",
                      WorkloadPresets::GetDefault("PersistentProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::pPersistent),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("AbortProbability",
                      "Share of requests the user aborts (mean over requests).",
                      WorkloadPresets::GetDefault("AbortProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::pAbort),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("AbortSizeExponent",
                      "The abort probability of an object grows as size^exponent (large "
                      "transfers are aborted more often); 0: independent of size.",
                      WorkloadPresets::GetDefault("AbortSizeExponent"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::abortSizeExponent),
                      MakeDoubleChecker<double>(0))
        .AddAttribute("AbortReceived",
                      "What an aborted request receives: Fraction (AbortFraction of its "
                      "body) or Bytes (AbortBytes, whatever its size); at most size - 1.",
                      WorkloadPresets::GetDefault("AbortReceived"),
                      MakePartAccessor<StringValue>(locate,
                                                    &ResponseModel::SetAbortReceived,
                                                    &ResponseModel::GetAbortReceived),
                      MakeChoiceChecker(ABORT_RECEIVED))
        .AddAttribute("AbortFraction",
                      "Fraction of the body received before an abort (clamped to [0,1)); "
                      "used when AbortReceived is Fraction.",
                      WorkloadPresets::GetDefault("AbortFraction"),
                      MakePartAccessor<PointerValue>(locate, &Parameters::abortFraction),
                      MakePointerChecker<RandomVariableStream>())
        .AddAttribute("AbortBytes",
                      "Body bytes received before an abort, independent of the size, "
                      "bytes; used when AbortReceived is Bytes.",
                      WorkloadPresets::GetDefault("AbortBytes"),
                      MakePartAccessor<PointerValue>(locate, &Parameters::abortBytes),
                      MakePointerChecker<RandomVariableStream>())
        .AddAttribute("ModificationInterval",
                      "Mean time between modifications of an object, drawn once per "
                      "object, seconds (<= 0: never modified); modifications are Poisson.",
                      WorkloadPresets::GetDefault("ModificationInterval"),
                      MakePartAccessor<PointerValue>(locate, &Parameters::changeInterval),
                      MakePointerChecker<RandomVariableStream>())
        .AddAttribute("NotModifiedProbability",
                      "Share of requests that are a browser's conditional GET of a copy it "
                      "holds, answered 304 (GETs of URLs that answer 200).",
                      WorkloadPresets::GetDefault("NotModifiedProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::pNotModified),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("NotModifiedRule",
                      "Which requests can be the 304s: FetchedBefore (a GET of an object "
                      "whose current version was received earlier in the trace: a browser "
                      "revalidates a copy it holds) or AnyGet (any GET of a URL that answers "
                      "200, a first request too).",
                      WorkloadPresets::GetDefault("NotModifiedRule"),
                      MakePartAccessor<StringValue>(locate,
                                                    &ResponseModel::SetNotModifiedRule,
                                                    &ResponseModel::GetNotModifiedRule),
                      MakeChoiceChecker(NOT_MODIFIED_RULES))
        .AddAttribute("RedirectProbability",
                      "Share of requests to URLs that answer 302 (an object property).",
                      WorkloadPresets::GetDefault("RedirectProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::pRedirect),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("ErrorProbability",
                      "Share of requests to URLs that answer 404 (an object property).",
                      WorkloadPresets::GetDefault("ErrorProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::pError),
                      MakeDoubleChecker<double>(0, 1));
}

ResponseModel::ResponseModel(Ptr<UniformRandomVariable> request,
                             Ptr<ExponentialRandomVariable> change)
    : m_requestRng(request)
    , m_changeRng(change)
{}

ResponseModel::Parameters&
ResponseModel::GetParameters()
{
    return m_params;
}

const ResponseModel::Parameters&
ResponseModel::GetParameters() const
{
    return m_params;
}

ResponseModel::Derived
ResponseModel::Derive() const
{
    const Parameters& p = m_params;
    Derived d;
    const double q = p.pQuery;
    const double k = p.pCgi;
    const double g = p.cgiQueryFraction;
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
    split(p.pServerNoCache,
          p.serverNoCacheDynamicShare,
          d.serverNoCacheStatic,
          d.serverNoCacheDynamic,
          "ServerNoCacheProbability");
    split(p.pOtherMethod,
          p.otherMethodDynamicShare,
          d.otherMethodStatic,
          d.otherMethodDynamic,
          "OtherMethodProbability");
    // A static URL's request is cachable when none of the other causes applies (the
    // independent ones: client no-cache, Authorization); a dynamic URL's never is.
    const double clean = pi0 * (1 - d.serverNoCacheStatic) * (1 - d.otherMethodStatic)
                       * (1 - p.pClientNoCache) * (1 - p.pAuthorization);
    d.uncachableNoCookie = 1 - clean;
    if (p.uncachable > 0)
    {
        d.cookieStatic = 1 - (1 - p.uncachable) / clean;
        d.cookieDynamic = dyn > 0 ? (p.pCookie - pi0 * d.cookieStatic) / dyn : 0;
        NS_ABORT_MSG_IF(
            d.cookieStatic < 0 || d.cookieStatic > 1 || d.cookieDynamic < 0 || d.cookieDynamic > 1
                || (dyn <= 0 && std::abs(d.cookieStatic - p.pCookie) > 1e-9),
            "SyntheticWorkload: Uncachable "
                << p.uncachable << " is not reachable; with these probabilities it "
                << "must lie between " << 1 - clean * (1 - std::max(0.0, (p.pCookie - dyn) / pi0))
                << " and " << 1 - clean * (1 - std::min(1.0, p.pCookie / pi0)));
    }
    else
    {
        d.cookieStatic = p.pCookie;
        d.cookieDynamic = p.pCookie;
    }
    d.uncachable = 1 - clean * (1 - d.cookieStatic);
    NS_ABORT_MSG_IF(p.cookieSiteProbability <= 0 && p.pCookie > 0,
                    "SyntheticWorkload: CookieSiteProbability must be positive");
    if (p.pCookie > 0)
    {
        d.cookieSiteStatic = d.cookieStatic / p.cookieSiteProbability;
        d.cookieSiteDynamic = d.cookieDynamic / p.cookieSiteProbability;
        NS_ABORT_MSG_IF(d.cookieSiteStatic > 1 + 1e-12 || d.cookieSiteDynamic > 1 + 1e-12,
                        "SyntheticWorkload: CookieSiteProbability "
                            << p.cookieSiteProbability << " is below the cookie probability "
                            << "of a URL kind (" << std::max(d.cookieStatic, d.cookieDynamic)
                            << ")");
    }
    return d;
}

const ResponseModel::Derived&
ResponseModel::Prepare()
{
    m_derived = Derive();
    return m_derived;
}

std::array<double, 4>
ResponseModel::GetUrlKindShares(const Derived& d) const
{
    const double g = m_params.cgiQueryFraction;
    const double k = m_params.pCgi;
    return {1 - d.dynamicShare, m_params.pQuery - g * k, g * k, (1 - g) * k};
}

void
ResponseModel::SetAbortReceived(std::string model)
{
    m_params.abortInBytes
        = ParseChoice("SyntheticWorkload", "AbortReceived", model, ABORT_RECEIVED);
}

std::string
ResponseModel::GetAbortReceived() const
{
    return ChoiceName(m_params.abortInBytes, ABORT_RECEIVED);
}

void
ResponseModel::SetNotModifiedRule(std::string rule)
{
    m_params.notModifiedFetchedBefore
        = ParseChoice("SyntheticWorkload", "NotModifiedRule", rule, NOT_MODIFIED_RULES);
}

std::string
ResponseModel::GetNotModifiedRule() const
{
    return ChoiceName(m_params.notModifiedFetchedBefore, NOT_MODIFIED_RULES);
}

void
ResponseModel::AssignAbortProbabilities(const std::vector<double>& weight,
                                        ObjectCatalogue& catalogue)
{
    const double pAbort = m_params.pAbort;
    const size_t n = weight.size();
    std::vector<double> sizePow(n);
    for (size_t i = 0; i < n; ++i)
    {
        sizePow[i] = std::pow(double(catalogue.GetEntry(i).size), m_params.abortSizeExponent);
    }
    NS_ABORT_MSG_IF(pAbort >= 1, "SyntheticWorkload: AbortProbability must be below 1");
    const double scale = pAbort > 0 ? SolveCappedScale(weight, sizePow, pAbort) : 0;
    for (size_t i = 0; i < n; ++i)
    {
        catalogue.GetEntry(i).abortProb
            = pAbort > 0 ? float(std::min(1.0, scale * sizePow[i])) : 0.f;
    }
}

void
ResponseModel::Bind()
{
    m_fastAbortReceived.Bind(m_params.abortInBytes ? m_params.abortBytes : m_params.abortFraction);

    m_fastChangeInterval.Bind(m_params.changeInterval);
    m_fastChange.Bind(m_changeRng);
    m_fastRequest.Bind(m_requestRng);
}

void
ResponseModel::ApplyModifications(CatalogueEntry& o, double now)
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

void
ResponseModel::Draw(CatalogueEntry& o, double now, TraceRecord& out)
{
    ApplyModifications(o, now);
    const Parameters& p = m_params;
    // Each uniform is split into independent decisions (SplitUniform): the draws are the
    // generator's main cost.
    double u = m_fastRequest.Get();
    const bool cookieSite = o.flags & CatalogueEntry::COOKIE_SITE;
    out.cookie = cookieSite && SplitUniform(u, p.cookieSiteProbability);
    out.setCookie = cookieSite && !out.cookie && SplitUniform(u, p.pSetCookie);
    out.clientNoCache = SplitUniform(u, p.pClientNoCache);
    out.authorization = SplitUniform(u, p.pAuthorization);
    u = m_fastRequest.Get();
    const bool other = SplitUniform(
        u, o.IsDynamic() ? m_derived.otherMethodDynamic : m_derived.otherMethodStatic);
    out.persistent = SplitUniform(u, p.pPersistent);
    const bool aborted = o.size > 1 && SplitUniform(u, o.abortProb);

    out.serverNoCache = o.flags & CatalogueEntry::SERVER_NO_CACHE;
    // Most records repeat the last one's method: assigning only changes saves a copy.
    const std::string_view method = other ? "POST" : "GET";
    if (out.method != method)
    {
        out.method.assign(method);
    }
    out.status = 200;
    out.version = o.version;
    out.received = o.size;
    if (aborted)
    {
        const double x = std::max(m_fastAbortReceived.Get(), 0.0);
        const double bytes = p.abortInBytes ? x : std::min(x, 1.0) * double(o.size);
        out.received = std::min<uint64_t>(uint64_t(bytes), o.size - 1);
    }
}

void
ResponseModel::DrawStatus(CatalogueEntry& o,
                          Ptr<UniformRandomVariable> status,
                          bool fetched,
                          TraceRecord& out)
{
    const Parameters& p = m_params;
    NS_ABORT_MSG_IF(p.pRedirect + p.pError >= 1,
                    "SyntheticWorkload: RedirectProbability + ErrorProbability must be below 1");
    if (!(o.flags & CatalogueEntry::STATUS_DRAWN))
    {
        const double u = status->GetValue();
        o.flags |= CatalogueEntry::STATUS_DRAWN;
        if (u < p.pRedirect)
        {
            o.flags |= CatalogueEntry::REDIRECT;
        }
        else if (u < p.pRedirect + p.pError)
        {
            o.flags |= CatalogueEntry::ERROR;
        }
    }
    // One draw per request whatever the object, so that the statuses of later requests do
    // not depend on which objects redirect.
    const double u = status->GetValue();
    const bool okGet
        = out.method == "GET" && !(o.flags & (CatalogueEntry::REDIRECT | CatalogueEntry::ERROR));
    double notModified = 0;
    if (!p.notModifiedFetchedBefore)
    {
        // NotModifiedProbability is a share of all requests: of the GETs to URLs that answer
        // 200.
        const double okGets = (1 - p.pRedirect - p.pError) * (1 - p.pOtherMethod);
        notModified = okGets > 0 ? std::min(1.0, p.pNotModified / okGets) : 0;
    }
    else
    {
        // A browser revalidates only a copy it holds, and the share of requests that find
        // one varies (few at a trace's cold start, more in a long trace). A token bucket
        // spreads the 304s over those requests: each request adds NotModifiedProbability of
        // a token (at most one held), a 304 takes one, and a request for a fetched copy is a
        // 304 with the probability of the tokens held. The 304s are then that share of the
        // requests wherever enough copies are requested, without a burst after a stretch
        // with too few.
        m_notModifiedTokens = std::min(1.0, m_notModifiedTokens + p.pNotModified);
        if (okGet && fetched)
        {
            notModified = std::max(0.0, m_notModifiedTokens);
        }
    }
    if (o.flags & CatalogueEntry::REDIRECT)
    {
        out.status = 302;
    }
    else if (o.flags & CatalogueEntry::ERROR)
    {
        out.status = 404;
    }
    else if (okGet && u < notModified)
    {
        out.status = 304;
        m_notModifiedTokens -= 1;
    }
    if (out.status != 200)
    {
        out.size = 0;
        out.received = 0;
    }
}

void
ResponseModel::Clear()
{
    m_params.changeInterval = nullptr;
    m_params.abortFraction = nullptr;
    m_params.abortBytes = nullptr;
    m_fastAbortReceived = FastRandomVariable();

    m_requestRng = nullptr;
    m_changeRng = nullptr;
    m_fastRequest = FastRandomVariable();
    m_fastChange = FastRandomVariable();
    m_fastChangeInterval = FastRandomVariable();
}

} // namespace ns3
