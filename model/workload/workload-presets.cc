/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "workload-presets.h"

#include "ns3/abort.h"

namespace ns3
{

namespace
{

/// One attribute's value in each preset.
struct Row
{
    const char* attribute; //!< attribute name
    const char* modem;     //!< [PROXIM]'s AT&T WorldNet dial-up users
    const char* research;  //!< [PROXIM]'s AT&T Labs-Research LAN
};

/**
 * The table. Modem: [PROXIM], AT&T WorldNet dial-up users, August 1997: 17,964 users,
 * 154,260 sessions, about 10.7 M requests in 12 days. Research: [PROXIM], AT&T
 * Labs-Research LAN, February 1997: more than 3,000 clients and 23,000 servers, about 1.04 M
 * requests in 11 days. There are no abort figures for the research trace: a LAN client stops
 * after a share of the body (AbortReceived Fraction), not after the bytes a modem delivers in
 * a user's patience.
 */
const Row ROWS[] = {
    // attribute, modem, research
    {"ObjectsPerRequest", "0.46", "1.09"},
    {"ZipfTheta", "0.8", "0.75"},
    {"Users", "17964", "3000"},
    {"Servers", "100000", "23500"},
    // With Servers 0: 0.46 x 10.72 M requests / 100,000 servers (modem) and 1.09 x 1.04 M /
    // 23,500 (research) objects per server.
    {"ObjectsPerServer", "49.3", "48.2"},
    {"ServerZipfTheta", "0.8", "0.8"},
    {"CookieServerFraction", "0.3", "0.3"},
    {"HtmlFraction", "0.28", "0.30"},
    {"ImageFraction", "0.65", "0.60"},
    {"HtmlSizeMedian", "12200", "6700"},
    {"HtmlSizeSigma", "1.2", "1.2"},
    {"HtmlTailFraction", "0.03", "0.03"},
    {"HtmlTailScale", "40000", "40000"},
    {"HtmlTailShape", "1.2", "1.2"},
    {"ImageSizeMedian", "7200", "4000"},
    {"ImageSizeSigma", "1.1", "1.1"},
    {"ImageTailFraction", "0.02", "0.02"},
    {"ImageTailScale", "30000", "30000"},
    {"ImageTailShape", "1.4", "1.4"},
    {"OtherSizeMedian", "24400", "13400"},
    {"OtherSizeSigma", "1.5", "1.5"},
    {"OtherTailFraction", "0.08", "0.08"},
    {"OtherTailScale", "100000", "100000"},
    {"OtherTailShape", "1.2", "1.2"},
    {"MaxObjectSize", "100000000", "100000000"},
    {"SizePopularityCorrelation", "0.43", "0.15"},
    {"CookieProbability", "0.3020", "0.1883"},
    {"QueryProbability", "0.0985", "0.0746"},
    {"ClientNoCacheProbability", "0.0747", "0.1438"},
    {"CgiProbability", "0.0542", "0.0468"},
    {"CgiQueryFraction", "0.8", "0.8"},
    {"OtherMethodProbability", "0.0202", "0.0186"},
    {"OtherMethodDynamicShare", "0.7", "0.7"},
    {"AuthorizationProbability", "0.0169", "0.0110"},
    {"ServerNoCacheProbability", "0.0165", "0.0110"},
    {"ServerNoCacheDynamicShare", "0.5", "0.5"},
    {"Uncachable", "0.4306", "0.3755"},
    {"CookieSiteProbability", "0.8", "0.8"},
    {"CookiePopularityBias", "0.16", "0"},
    {"SetCookieProbability", "0.1", "0.1"},
    {"PersistentProbability", "0.18", "0.12"},
    {"AbortProbability", "0.1094", "0.05"},
    {"AbortSizeExponent", "0.9", "1.1"},
    {"AbortReceived", "Bytes", "Fraction"},
    {"AbortFraction",
     "ns3::UniformRandomVariable[Min=0.0|Max=0.37]",
     "ns3::UniformRandomVariable[Min=0.0|Max=0.37]"},
    {"AbortBytes",
     "ns3::ExponentialRandomVariable[Mean=15800]",
     "ns3::ExponentialRandomVariable[Mean=15800]"},
    // The presets are calibrated to [PROXIM]'s figures without response statuses: off here.
    // IspScenarioHelper turns them on (Wessels' figures).
    {"NotModifiedProbability", "0", "0"},
    {"NotModifiedRule", "AnyGet", "AnyGet"},
    {"RedirectProbability", "0", "0"},
    {"ErrorProbability", "0", "0"},
    {"ModificationInterval",
     "ns3::LogNormalRandomVariable[Mu=13.67|Sigma=1.5]",
     "ns3::LogNormalRandomVariable[Mu=13.67|Sigma=1.5]"},
    {"ObjectsPerPage",
     "ns3::ParetoRandomVariable[Scale=1.0|Shape=1.4|Bound=100]",
     "ns3::ParetoRandomVariable[Scale=1.0|Shape=1.4|Bound=100]"},
    {"InterRequestTime",
     "ns3::ExponentialRandomVariable[Mean=2.0|Bound=60]",
     "ns3::ExponentialRandomVariable[Mean=0.5|Bound=60]"},
    {"ThinkTime",
     "ns3::ParetoRandomVariable[Scale=15|Shape=1.5|Bound=3600]",
     "ns3::ParetoRandomVariable[Scale=15|Shape=1.5|Bound=3600]"},
    {"PagesPerSession",
     "ns3::ExponentialRandomVariable[Mean=23|Bound=1000]",
     "ns3::ExponentialRandomVariable[Mean=10|Bound=1000]"},
    {"SessionGap",
     "ns3::ExponentialRandomVariable[Mean=99500]",
     "ns3::ExponentialRandomVariable[Mean=67000]"},
    {"WarmUp", "14400s", "14400s"},
    {"Pages", "true", "true"},
    {"EmbeddedOtherServerProbability", "0.2", "0.2"},
    {"SameSitePageProbability", "0", "0"},
    {"ServerRtt",
     "ns3::LogNormalRandomVariable[Mu=-2.53|Sigma=0.6]",
     "ns3::LogNormalRandomVariable[Mu=-2.53|Sigma=0.6]"},
};

/// \return the presets built from the table, by name
const std::map<std::string, WorkloadPresets::Preset>&
Presets()
{
    static const std::map<std::string, WorkloadPresets::Preset> presets = []
    {
        WorkloadPresets::Preset modem;
        WorkloadPresets::Preset research;
        for (const Row& row : ROWS)
        {
            modem[row.attribute] = row.modem;
            research[row.attribute] = row.research;
        }
        return std::map<std::string, WorkloadPresets::Preset>{{"modem", modem},
                                                              {"research", research}};
    }();
    return presets;
}

} // namespace

std::vector<std::string>
WorkloadPresets::GetNames()
{
    std::vector<std::string> names;
    for (const auto& [name, preset] : Presets())
    {
        names.push_back(name);
    }
    return names;
}

const WorkloadPresets::Preset*
WorkloadPresets::Find(const std::string& name)
{
    auto it = Presets().find(name);
    return it == Presets().end() ? nullptr : &it->second;
}

const WorkloadPresets::Preset&
WorkloadPresets::GetResponseStatuses()
{
    // Wessels, "Web Caching" (O'Reilly, 2001), Table A-14, IRCache proxies, March 2000: 304
    // 19.31%; 302 9.27% and 301 0.50%; 404 1.46%, 403 1.39%, 500 0.37%, 401 0.26% (the 504s
    // were sibling-cache misses, not origin answers). [PROXIM] gives no breakdown.
    static const Preset statuses{{"NotModifiedProbability", "0.1931"},
                                 {"RedirectProbability", "0.0977"},
                                 {"ErrorProbability", "0.0348"}};
    return statuses;
}

StringValue
WorkloadPresets::GetDefault(const std::string& attribute)
{
    const Preset& modem = Presets().at("modem");
    auto it = modem.find(attribute);
    NS_ABORT_MSG_IF(it == modem.end(), "SyntheticWorkload: no modem value for " << attribute);
    return StringValue(it->second);
}

} // namespace ns3
