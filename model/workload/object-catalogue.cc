/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "object-catalogue.h"

#include "trace-record.h"
#include "workload-math.h"
#include "workload-presets.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ObjectCatalogue");

namespace
{

/// Writes a decimal number into a buffer.
inline char*
PutNumber(char* p, uint64_t v)
{
    return std::to_chars(p, p + 20, v).ptr;
}

/// Appends a C string literal.
template <size_t L>
inline char*
PutLiteral(char* p, const char (&s)[L])
{
    std::memcpy(p, s, L - 1);
    return p + L - 1;
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

} // namespace

TypeId
ObjectCatalogue::AddAttributes(TypeId tid, PartLocator<ObjectCatalogue> locate)
{
    return tid
        .AddAttribute("Objects",
                      "Size of the object universe; 0: ObjectsPerRequest x Requests.",
                      UintegerValue(0),
                      MakePartAccessor<UintegerValue>(locate, &Parameters::objects),
                      MakeUintegerChecker<uint64_t>(0, std::numeric_limits<uint32_t>::max()))
        .AddAttribute("ObjectsPerRequest",
                      "Objects in the universe per request of the trace, when Objects is 0 "
                      "(keeps hit ratios independent of the trace length).",
                      WorkloadPresets::GetDefault("ObjectsPerRequest"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::objectsPerRequest),
                      MakeDoubleChecker<double>(0))
        .AddAttribute("ZipfTheta",
                      "Zipf exponent of object popularity: P(rank r) ~ r^-theta.",
                      WorkloadPresets::GetDefault("ZipfTheta"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::theta),
                      MakeDoubleChecker<double>(0))
        .AddAttribute("Servers",
                      "Number of origin servers, www<i>.example.com (at least 2: a cookie site "
                      "and another); 0: the universe's objects / ObjectsPerServer.",
                      WorkloadPresets::GetDefault("Servers"),
                      MakePartAccessor<UintegerValue>(locate, &Parameters::servers),
                      MakeUintegerChecker<uint32_t>())
        .AddAttribute("ObjectsPerServer",
                      "Objects per origin server when Servers is 0: the servers scale with the "
                      "universe (itself scaled to the trace by ObjectsPerRequest), so that a "
                      "site holds as many objects, and a page as many of its site's, in a "
                      "trace of any length.",
                      WorkloadPresets::GetDefault("ObjectsPerServer"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::objectsPerServer),
                      MakeDoubleChecker<double>(0))
        .AddAttribute("ServerZipfTheta",
                      "Zipf exponent of the number of objects per server.",
                      WorkloadPresets::GetDefault("ServerZipfTheta"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::serverTheta),
                      MakeDoubleChecker<double>(0))
        .AddAttribute("CookieServerFraction",
                      "Share of servers that are cookie sites (they hold the cookie-site "
                      "objects).",
                      WorkloadPresets::GetDefault("CookieServerFraction"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::cookieServerFraction),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("ServerRtt",
                      "Round-trip time to each server, drawn once per server, seconds.",
                      WorkloadPresets::GetDefault("ServerRtt"),
                      MakePartAccessor<PointerValue>(locate, &Parameters::serverRtt),
                      MakePointerChecker<RandomVariableStream>())
        .AddAttribute("HtmlFraction",
                      "Share of requests for html (includes all '?' and cgi-bin URLs).",
                      WorkloadPresets::GetDefault("HtmlFraction"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::htmlFraction),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("ImageFraction",
                      "Share of requests for images; the rest is 'other'.",
                      WorkloadPresets::GetDefault("ImageFraction"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::imageFraction),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("HtmlSizeMedian",
                      "Median of the lognormal body of html sizes, bytes.",
                      WorkloadPresets::GetDefault("HtmlSizeMedian"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::htmlMedian),
                      MakeDoubleChecker<double>(1))
        .AddAttribute("HtmlSizeSigma",
                      "Sigma of ln(size) of the lognormal body of html sizes.",
                      WorkloadPresets::GetDefault("HtmlSizeSigma"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::htmlSigma),
                      MakeDoubleChecker<double>(0))
        .AddAttribute("HtmlTailFraction",
                      "Share of html objects whose size is Pareto distributed.",
                      WorkloadPresets::GetDefault("HtmlTailFraction"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::htmlTailFraction),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("HtmlTailScale",
                      "Scale (smallest size) of the html Pareto tail, bytes.",
                      WorkloadPresets::GetDefault("HtmlTailScale"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::htmlTailScale),
                      MakeDoubleChecker<double>(1))
        .AddAttribute("HtmlTailShape",
                      "Shape (alpha) of the html Pareto tail.",
                      WorkloadPresets::GetDefault("HtmlTailShape"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::htmlTailShape),
                      MakeDoubleChecker<double>(0.1))
        .AddAttribute("ImageSizeMedian",
                      "Median of the lognormal body of image sizes, bytes.",
                      WorkloadPresets::GetDefault("ImageSizeMedian"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::imageMedian),
                      MakeDoubleChecker<double>(1))
        .AddAttribute("ImageSizeSigma",
                      "Sigma of ln(size) of the lognormal body of image sizes.",
                      WorkloadPresets::GetDefault("ImageSizeSigma"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::imageSigma),
                      MakeDoubleChecker<double>(0))
        .AddAttribute("ImageTailFraction",
                      "Share of images whose size is Pareto distributed.",
                      WorkloadPresets::GetDefault("ImageTailFraction"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::imageTailFraction),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("ImageTailScale",
                      "Scale (smallest size) of the image Pareto tail, bytes.",
                      WorkloadPresets::GetDefault("ImageTailScale"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::imageTailScale),
                      MakeDoubleChecker<double>(1))
        .AddAttribute("ImageTailShape",
                      "Shape (alpha) of the image Pareto tail.",
                      WorkloadPresets::GetDefault("ImageTailShape"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::imageTailShape),
                      MakeDoubleChecker<double>(0.1))
        .AddAttribute("OtherSizeMedian",
                      "Median of the lognormal body of other objects' sizes, bytes.",
                      WorkloadPresets::GetDefault("OtherSizeMedian"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::otherMedian),
                      MakeDoubleChecker<double>(1))
        .AddAttribute("OtherSizeSigma",
                      "Sigma of ln(size) of the lognormal body of other objects' sizes.",
                      WorkloadPresets::GetDefault("OtherSizeSigma"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::otherSigma),
                      MakeDoubleChecker<double>(0))
        .AddAttribute("OtherTailFraction",
                      "Share of other objects whose size is Pareto distributed.",
                      WorkloadPresets::GetDefault("OtherTailFraction"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::otherTailFraction),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("OtherTailScale",
                      "Scale (smallest size) of the other objects' Pareto tail, bytes.",
                      WorkloadPresets::GetDefault("OtherTailScale"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::otherTailScale),
                      MakeDoubleChecker<double>(1))
        .AddAttribute("OtherTailShape",
                      "Shape (alpha) of the other objects' Pareto tail.",
                      WorkloadPresets::GetDefault("OtherTailShape"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::otherTailShape),
                      MakeDoubleChecker<double>(0.1))
        .AddAttribute("MaxObjectSize",
                      "Largest object size, bytes (sizes are capped; at most 2^32-1).",
                      WorkloadPresets::GetDefault("MaxObjectSize"),
                      MakePartAccessor<UintegerValue>(locate, &Parameters::maxSize),
                      MakeUintegerChecker<uint32_t>(1))
        .AddAttribute("SizePopularityCorrelation",
                      "Correlation (Gaussian copula, -1..1) between an object's size and "
                      "its popularity rank: positive makes unpopular objects larger. The "
                      "size distribution of each type is unchanged.",
                      WorkloadPresets::GetDefault("SizePopularityCorrelation"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::sizeCorrelation),
                      MakeDoubleChecker<double>(-1, 1))
        .AddAttribute("CookiePopularityBias",
                      "Tilt of cookie sites toward popular objects: an object at relative "
                      "rank x is on a cookie site with probability ~ x^-bias (0: none).",
                      WorkloadPresets::GetDefault("CookiePopularityBias"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::cookiePopularityBias),
                      MakeDoubleChecker<double>(0));
}

ObjectCatalogue::ObjectCatalogue(Ptr<UniformRandomVariable> universe,
                                 Ptr<UniformRandomVariable> popularity)
    : m_universeRng(universe)
    , m_popularityRng(popularity)
{}

ObjectCatalogue::Parameters&
ObjectCatalogue::GetParameters()
{
    return m_params;
}

const ObjectCatalogue::Parameters&
ObjectCatalogue::GetParameters() const
{
    return m_params;
}

bool
ObjectCatalogue::HasServers() const
{
    return !m_rtt.empty();
}

uint64_t
ObjectCatalogue::GetUniverseSize(uint64_t requests) const
{
    const uint64_t count = m_params.objects > 0
                             ? m_params.objects
                             : uint64_t(std::ceil(m_params.objectsPerRequest * double(requests)));
    NS_ABORT_MSG_IF(count == 0,
                    "SyntheticWorkload: empty object universe (set Objects, or Requests and "
                    "ObjectsPerRequest)");
    NS_ABORT_MSG_IF(count > std::numeric_limits<uint32_t>::max(),
                    "SyntheticWorkload: more than 2^32-1 objects");
    return count;
}

void
ObjectCatalogue::BuildServers(uint64_t requests)
{
    uint32_t servers = m_params.servers;
    if (servers == 0)
    {
        NS_ABORT_MSG_IF(!(m_params.objectsPerServer > 0),
                        "SyntheticWorkload: Servers is 0 and ObjectsPerServer is not positive: "
                        "set one of them");
        // At least the two pools: a cookie site and another.
        const double n = std::ceil(double(GetUniverseSize(requests)) / m_params.objectsPerServer);
        servers = uint32_t(std::clamp(n, 2.0, double(std::numeric_limits<uint32_t>::max())));
    }
    NS_ABORT_MSG_IF(servers < 2,
                    "SyntheticWorkload: Servers must be 0 (from ObjectsPerServer) or at least 2 "
                    "(a cookie site and another), not "
                        << servers);
    m_rtt.resize(servers);
    m_cookieServer.resize(servers);
    for (uint32_t s = 0; s < servers; ++s)
    {
        m_rtt[s] = std::max(0.0, m_params.serverRtt->GetValue());
        m_cookieServer[s] = m_universeRng->GetValue() < m_params.cookieServerFraction;
    }
    // Both pools must exist for objects to be placed on them.
    m_cookieServer[0] = 1;
    m_cookieServer[1] = 0;
}

void
ObjectCatalogue::Bind()
{
    m_fastPopularity.Bind(m_popularityRng);
}

uint32_t
ObjectCatalogue::DrawSize(uint8_t type, double u) const
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
    return uint32_t(
        std::clamp(std::llround(std::min(size, 9e18)), 1LL, (long long)m_params.maxSize));
}

std::vector<double>
ObjectCatalogue::BuildObjects(uint64_t requests,
                              const std::array<double, 4>& kindShare,
                              const ResponseModel::Derived& d)
{
    const Parameters& p = m_params;
    m_size[CatalogueEntry::HTML]
        = {p.htmlMedian, p.htmlSigma, p.htmlTailFraction, p.htmlTailScale, p.htmlTailShape};
    m_size[CatalogueEntry::IMAGE]
        = {p.imageMedian, p.imageSigma, p.imageTailFraction, p.imageTailScale, p.imageTailShape};
    m_size[CatalogueEntry::OTHER]
        = {p.otherMedian, p.otherSigma, p.otherTailFraction, p.otherTailScale, p.otherTailShape};
    const size_t n = GetUniverseSize(requests);

    std::vector<double> w(n);
    m_normalizer = 0;
    for (size_t i = 0; i < n; ++i)
    {
        w[i] = std::pow(double(i + 1), -p.theta);
        m_normalizer += w[i];
    }
    for (double& x : w)
    {
        x /= m_normalizer;
    }

    m_obj.assign(n, CatalogueEntry{});
    // Pass 1: URL kind, then content type (dynamic URLs are html).
    PopularityBalancer<4> kind(kindShare);
    const double pi0 = 1 - d.dynamicShare;
    const double htmlStatic = (p.htmlFraction - d.dynamicShare) / pi0;
    const double imageStatic = p.imageFraction / pi0;
    NS_ABORT_MSG_IF(htmlStatic < 0,
                    "SyntheticWorkload: HtmlFraction is below the share of dynamic URLs ("
                        << d.dynamicShare << ")");
    NS_ABORT_MSG_IF(htmlStatic + imageStatic > 1 + 1e-12,
                    "SyntheticWorkload: HtmlFraction + ImageFraction exceed 1");
    PopularityBalancer<3> type(
        {htmlStatic, imageStatic, std::max(0.0, 1 - htmlStatic - imageStatic)});
    std::array<double, 2> groupWeight{};
    for (size_t i = 0; i < n; ++i)
    {
        CatalogueEntry& o = m_obj[i];
        o.kind = uint8_t(kind.Draw(w[i], m_universeRng->GetValue()));
        const double u = m_universeRng->GetValue(); // drawn for every object: fixed count
        o.type = o.IsDynamic() ? uint8_t(CatalogueEntry::HTML) : uint8_t(type.Draw(w[i], u));
        groupWeight[o.IsDynamic()] += w[i];
    }

    // Cookie sites: probability min(1, a x^-bias) at relative rank x, with a solved per
    // group (static, dynamic) so that the group's request share of cookie sites is exact.
    std::vector<float> tilt(n);
    for (size_t i = 0; i < n; ++i)
    {
        tilt[i] = float(std::pow((double(i) + 0.5) / double(n), -p.cookiePopularityBias));
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
            if (m_obj[i].IsDynamic() == bool(grp))
            {
                gw.push_back(w[i]);
                gt.push_back(double(tilt[i]));
            }
        }
        scale[grp] = SolveCappedScale(gw, gt, target);
    }

    // Pass 2: server Cache-Control and cookie site (balanced per group), server, size.
    std::array<PopularityBalancer<2>, 2> noCache{
        PopularityBalancer<2>({1 - d.serverNoCacheStatic, d.serverNoCacheStatic}),
        PopularityBalancer<2>({1 - d.serverNoCacheDynamic, d.serverNoCacheDynamic})};
    std::array<PopularityBalancer<2>, 2> site{PopularityBalancer<2>({1, 0}),
                                              PopularityBalancer<2>({1, 0})};

    // Servers: Zipf(ServerZipfTheta) sizes, split into the cookie and the other pool.
    std::array<std::vector<double>, 2> poolWeight;
    std::array<std::vector<uint32_t>, 2> poolServer;
    for (uint32_t s = 0; s < GetServerCount(); ++s)
    {
        const int pool = m_cookieServer[s];
        poolWeight[pool].push_back(std::pow(double(s + 1), -p.serverTheta));
        poolServer[pool].push_back(s);
    }
    const std::array<AliasTable, 2> poolAlias{AliasTable(poolWeight[0]), AliasTable(poolWeight[1])};

    const double rho = p.sizeCorrelation;
    const double rhoRest = std::sqrt(std::max(0.0, 1 - rho * rho));
    for (size_t i = 0; i < n; ++i)
    {
        CatalogueEntry& o = m_obj[i];
        const int grp = o.IsDynamic();
        const double pNoCache = grp ? d.serverNoCacheDynamic : d.serverNoCacheStatic;
        if (noCache[grp].Draw(w[i], m_universeRng->GetValue(), {1 - pNoCache, pNoCache}) == 1)
        {
            o.flags |= CatalogueEntry::SERVER_NO_CACHE;
        }
        const double q = std::min(1.0, scale[grp] * tilt[i]);
        const bool cookieSite = site[grp].Draw(w[i], m_universeRng->GetValue(), {1 - q, q}) == 1;
        if (cookieSite)
        {
            o.flags |= CatalogueEntry::COOKIE_SITE;
        }
        const AliasTable& alias = poolAlias[cookieSite];
        o.server = poolServer[cookieSite]
                             [alias.Pick(m_universeRng->GetValue() * double(alias.GetSize()))];

        double u = m_universeRng->GetValue();
        if (rho != 0)
        {
            const double z
                = rho * NormalQuantile((double(i) + 0.5) / double(n)) + rhoRest * NormalQuantile(u);
            u = NormalCdf(z);
        }
        o.size = DrawSize(o.type, u);
        o.changeMean = -1; // drawn on first request
        o.nextChange = 0;
        o.version = 0;
    }

    m_alias = AliasTable(w);
    // Prime the two-ahead pipeline of DrawObject.
    m_nextColumn = m_fastPopularity.Get() * double(n);
    DrawObject();
    NS_LOG_INFO("universe of " << n << " objects, " << GetServerCount() << " servers");
    return w;
}

uint64_t
ObjectCatalogue::GetObjectCount() const
{
    return m_obj.size();
}

double
ObjectCatalogue::GetPopularity(uint64_t object) const
{
    NS_ABORT_MSG_IF(object >= m_obj.size(), "SyntheticWorkload: no object " << object);
    return std::pow(double(object + 1), -m_params.theta) / m_normalizer;
}

uint32_t
ObjectCatalogue::GetServerCount() const
{
    return m_rtt.size();
}

double
ObjectCatalogue::GetServerRtt(uint32_t server) const
{
    NS_ABORT_MSG_IF(server >= m_rtt.size(), "SyntheticWorkload: no server " << server);
    return m_rtt[server];
}

bool
ObjectCatalogue::FindServer(const std::string& host, uint32_t& server) const
{
    static const std::string suffix = ".example.com";
    if (host.size() <= 3 + suffix.size() || host.compare(0, 3, "www") != 0
        || host.compare(host.size() - suffix.size(), suffix.size(), suffix) != 0)
    {
        return false;
    }
    const char* first = host.data() + 3;
    const char* last = host.data() + host.size() - suffix.size();
    auto [ptr, ec] = std::from_chars(first, last, server);
    return ec == std::errc() && ptr == last;
}

void
ObjectCatalogue::WriteNames(uint64_t object, TraceRecord& out) const
{
    const CatalogueEntry& o = m_obj[object];
    char buf[64];
    char* p = PutLiteral(buf, "www");
    p = PutNumber(p, o.server);
    p = PutLiteral(p, ".example.com");
    out.server.assign(buf, p - buf);

    p = buf;
    if (o.kind == CatalogueEntry::CGI || o.kind == CatalogueEntry::CGI_QUERY)
    {
        p = PutLiteral(p, "/cgi-bin");
    }
    p = PutLiteral(p, "/o");
    p = PutNumber(p, object);
    switch (o.kind)
    {
    case CatalogueEntry::QUERY:
    case CatalogueEntry::CGI_QUERY:
        p = PutLiteral(p, "?q=1");
        break;
    case CatalogueEntry::CGI:
        p = PutLiteral(p, ".pl");
        break;
    default:
        p = o.type == CatalogueEntry::HTML  ? PutLiteral(p, ".html")
          : o.type == CatalogueEntry::IMAGE ? PutLiteral(p, ".gif")
                                            : PutLiteral(p, ".bin");
        break;
    }
    out.path.assign(buf, p - buf);
    static constexpr std::string_view types[]
        = {"text/html", "image/gif", "application/octet-stream"};
    AssignIfDifferent(out.contentType, types[o.type]);
}

void
ObjectCatalogue::BuildServerIndex()
{
    // Counting sort by server: objects stay in rank order within their server.
    const size_t servers = m_rtt.size();
    m_serverFirst.assign(servers + 1, 0);
    for (const CatalogueEntry& o : m_obj)
    {
        ++m_serverFirst[o.server + 1];
    }
    for (size_t s = 0; s < servers; ++s)
    {
        m_serverFirst[s + 1] += m_serverFirst[s];
    }
    std::vector<uint64_t> next(m_serverFirst.begin(), m_serverFirst.end() - 1);
    m_serverObjects.assign(m_obj.size(), 0);
    m_serverCumulative.assign(m_obj.size(), 0);
    for (uint64_t i = 0; i < m_obj.size(); ++i)
    {
        const uint64_t at = next[m_obj[i].server]++;
        m_serverObjects[at] = i;
        const double w = std::pow(double(i + 1), -m_params.theta);
        m_serverCumulative[at]
            = at > m_serverFirst[m_obj[i].server] ? m_serverCumulative[at - 1] + w : w;
    }
}

uint64_t
ObjectCatalogue::DrawOnServer(uint32_t server, double u) const
{
    NS_ABORT_MSG_IF(server + 1 >= m_serverFirst.size(),
                    "SyntheticWorkload: no server index for server " << server);
    const auto first = m_serverCumulative.begin() + m_serverFirst[server];
    const auto last = m_serverCumulative.begin() + m_serverFirst[server + 1];
    NS_ABORT_MSG_IF(first == last, "SyntheticWorkload: server " << server << " has no objects");
    auto it = std::upper_bound(first, last, u * *(last - 1));
    if (it == last)
    {
        --it; // u * total rounded up to total
    }
    return m_serverObjects[it - m_serverCumulative.begin()];
}

void
ObjectCatalogue::Clear()
{
    m_serverFirst = {};
    m_serverObjects = {};
    m_serverCumulative = {};
    m_obj.clear();
    m_obj.shrink_to_fit();
    m_alias = AliasTable();
    m_rtt = {};
    m_cookieServer = {};
    m_params.serverRtt = nullptr;
    m_universeRng = nullptr;
    m_popularityRng = nullptr;
    m_fastPopularity = FastRandomVariable();
}

} // namespace ns3
