/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "proxy-cache.h"

#include "ns3/attribute-choice.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/http-date.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <iomanip>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ProxyCache");
NS_OBJECT_ENSURE_REGISTERED(ProxyCache);

namespace http = boost::beast::http;

namespace
{
const AttributeChoice<CookiePolicy> COOKIE_POLICIES[]
    = {{COOKIES_HONOUR, "Honour"},
       {COOKIES_IGNORE, "Ignore"},
       {COOKIES_IGNORE_FOR_IMAGES, "IgnoreForImages"}};
} // namespace

TypeId
ProxyCache::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::ProxyCache")
              .SetParent<ConnectionCache>()
              .SetGroupName("WebProxy")
              .AddConstructor<ProxyCache>()
              .AddAttribute("DataCaching",
                            "Cache data; false: a pure connection cache.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&ProxyCache::m_dataCaching),
                            MakeBooleanChecker())
              .AddAttribute("Policy",
                            "Replacement policy: LRU, LFU, GDS1, GDSLAT, GDSF, CSP, SIEVE, S3FIFO.",
                            StringValue("LRU"),
                            MakeStringAccessor(&ProxyCache::m_policyName),
                            MakeStringChecker())
              .AddAttribute("CacheSize",
                            "Cache capacity, bytes (the default is practically infinite).",
                            UintegerValue(std::numeric_limits<uint64_t>::max() / 2),
                            MakeUintegerAccessor(&ProxyCache::m_cacheSize),
                            MakeUintegerChecker<uint64_t>(1))
              .AddAttribute("Cookies",
                            "Cookie handling: Honour (Cookie and Set-Cookie make responses "
                            "uncachable), Ignore, or IgnoreForImages.",
                            StringValue("Honour"),
                            MakeStringAccessor(&ProxyCache::SetCookies, &ProxyCache::GetCookies),
                            MakeChoiceChecker(COOKIE_POLICIES))
              .AddAttribute("UncachableQuery",
                            "URLs with '?' are uncachable.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&ProxyCache::m_uncachableQuery),
                            MakeBooleanChecker())
              .AddAttribute("UncachableCgiBin",
                            "URLs with 'cgi-bin' are uncachable.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&ProxyCache::m_uncachableCgi),
                            MakeBooleanChecker())
              .AddAttribute(
                  "HonourServerNoCache",
                  "Responses with Cache-Control no-cache/no-store/private are uncachable.",
                  BooleanValue(true),
                  MakeBooleanAccessor(&ProxyCache::m_honourServerNoCache),
                  MakeBooleanChecker())
              .AddAttribute("HonourExpires",
                            "Responses whose Expires is not after their Date are uncachable.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&ProxyCache::m_honourExpires),
                            MakeBooleanChecker())
              .AddAttribute("UncachableAuthorization",
                            "Requests with Authorization are uncachable.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&ProxyCache::m_uncachableAuthorization),
                            MakeBooleanChecker())
              .AddAttribute("RefreshMin",
                            "refresh_pattern min: a copy younger than this is fresh.",
                            TimeValue(Seconds(0)),
                            MakeTimeAccessor(&ProxyCache::m_refreshMin),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("RefreshPercent",
                            "refresh_pattern percent: LM-factor, as a fraction.",
                            DoubleValue(0.2),
                            MakeDoubleAccessor(&ProxyCache::m_refreshPercent),
                            MakeDoubleChecker<double>(0))
              .AddAttribute("RefreshMax",
                            "refresh_pattern max: a copy older than this is stale (unless "
                            "Expires or max-age say otherwise).",
                            TimeValue(Minutes(4320)),
                            MakeTimeAccessor(&ProxyCache::m_refreshMax),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute("RevalidateNoCache",
                            "A client's no-cache request for a cached object becomes a "
                            "conditional GET (naive coherence); false: fetched whole.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&ProxyCache::m_revalidateNoCache),
                            MakeBooleanChecker())
              .AddAttribute("IcpPort",
                            "UDP port of ICP (RFC 2186), here and at every sibling.",
                            UintegerValue(IcpHeader::PORT),
                            MakeUintegerAccessor(&ProxyCache::m_icpPort),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("IcpTimeout",
                            "How long a miss waits for the siblings' ICP replies. Squid "
                            "adapts it to the siblings' round-trip times up to "
                            "maximum_icp_query_timeout, 2 s by default: the fixed 2 s here "
                            "is that bound.",
                            TimeValue(Seconds(2)),
                            MakeTimeAccessor(&ProxyCache::m_icpTimeout),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute("IcpMaxPending",
                            "ICP lookups waiting at once; a miss beyond them is not looked up.",
                            UintegerValue(256),
                            MakeUintegerAccessor(&ProxyCache::m_icpMaxPending),
                            MakeUintegerChecker<uint32_t>(1))
              .AddTraceSource("CacheResult",
                              "A request was answered from the cache (HIT, REFRESH_HIT) or "
                              "relayed whole from a server (MISS, REFRESH_MISS): URL, X-Cache "
                              "value, body bytes.",
                              MakeTraceSourceAccessor(&ProxyCache::m_resultTrace),
                              "ns3::ProxyCache::CacheResultCallback")
              .AddTraceSource("IcpQuery",
                              "A miss was looked up at the siblings: URL, siblings asked.",
                              MakeTraceSourceAccessor(&ProxyCache::m_icpQueryTrace),
                              "ns3::ProxyCache::IcpQueryCallback")
              .AddTraceSource("IcpLookup",
                              "An ICP lookup ended: URL, outcome (SIBLING_HIT, ALL_MISS, "
                              "TIMEOUT), the HTTP address of the sibling that said HIT.",
                              MakeTraceSourceAccessor(&ProxyCache::m_icpLookupTrace),
                              "ns3::ProxyCache::IcpLookupCallback")
              .AddTraceSource("IcpIgnored",
                              "An ICP datagram was ignored (malformed, nonSibling, unmatched, "
                              "duplicate): why, source address.",
                              MakeTraceSourceAccessor(&ProxyCache::m_icpIgnoredTrace),
                              "ns3::ProxyCache::IcpIgnoredCallback");
    return tid;
}

void
ProxyCache::SetCookies(std::string policy)
{
    m_cookies = ParseChoice("ProxyCache", "Cookies", policy, COOKIE_POLICIES);
}

std::string
ProxyCache::GetCookies() const
{
    return ChoiceName(m_cookies, COOKIE_POLICIES);
}

ProxyCache::ProxyCache()
{
    NS_LOG_FUNCTION(this);
}

ProxyCache::~ProxyCache()
{
    NS_LOG_FUNCTION(this);
}

void
ProxyCache::DoDispose()
{
    m_policy.reset();
    m_store.clear();
    m_keys.clear();
    m_oracle = nullptr;
    m_icp.Stop();
    ConnectionCache::DoDispose();
}

void
ProxyCache::StartApplication()
{
    m_rules.cookies = m_cookies;
    m_rules.query = m_uncachableQuery;
    m_rules.cgiBin = m_uncachableCgi;
    m_rules.serverNoCache = m_honourServerNoCache;
    m_rules.expires = m_honourExpires;
    m_rules.authorization = m_uncachableAuthorization;
    m_refresh.min = m_refreshMin;
    m_refresh.percent = m_refreshPercent;
    m_refresh.max = m_refreshMax;
    if (!m_policy)
    {
        try
        {
            m_policy = CreateReplacementPolicy(m_policyName, m_cacheSize);
        }
        catch (const std::invalid_argument& e)
        {
            NS_FATAL_ERROR("ProxyCache attribute Policy: " << e.what());
        }
        m_policy->SetEvictCallback(
            [this](ReplacementPolicy::Key key, uint64_t)
            {
                ++m_cache.evicted;
                m_store.erase(key);
            });
    }
    if (!m_icp.GetSiblings().empty())
    {
        m_icp.Start(
            GetNode(),
            {m_icpPort, m_icpTimeout, m_icpMaxPending},
            [this](const std::string& url) { return HasFreshCopy(url); },
            [this](const std::string& why, const Address& from) { m_icpIgnoredTrace(why, from); });
    }
    ConnectionCache::StartApplication();
}

void
ProxyCache::StopApplication()
{
    // The lookups hold transactions that the connection cache is about to discard.
    m_icp.Stop();
    ConnectionCache::StopApplication();
}

void
ProxyCache::AddSibling(Ipv4Address ip, uint16_t httpPort)
{
    m_icp.AddSibling(ip, httpPort);
}

const IcpAgent&
ProxyCache::GetIcp() const
{
    return m_icp;
}

bool
ProxyCache::HasFreshCopy(const std::string& url) const
{
    auto k = m_keys.find(url);
    if (k == m_keys.end())
    {
        return false;
    }
    auto it = m_store.find(k->second);
    return it != m_store.end() && IsFresh(it->second);
}

bool
ProxyCache::LookUpAtSiblings(Transaction* t)
{
    if (!t->client
        || !m_icp.Query(t->url,
                        t->client->from,
                        [this, t](IcpAgent::Outcome outcome, const Address& sibling)
                        { HandleIcpDone(t, outcome, sibling); }))
    {
        return false;
    }
    t->icpWaiting = true;
    m_icpQueryTrace(t->url, m_icp.GetSiblings().size());
    return true;
}

void
ProxyCache::HandleIcpDone(Transaction* t, IcpAgent::Outcome outcome, const Address& sibling)
{
    t->icpWaiting = false;
    m_icpLookupTrace(t->url, IcpAgent::OutcomeName(outcome), sibling);
    if (!t->client)
    {
        Release(t); // the client went away during the lookup
        return;
    }
    if (outcome != IcpAgent::SIBLING_HIT)
    {
        ConnectionCache::HandleRequest(t); // to the parent or the origin
        return;
    }
    ++m_cache.siblingHits;
    t->server = sibling;
    Process(t, GetMissProcessingTime(), [this, t]() { Forward(t, MakeUpstreamRequest(t, true)); });
}

const ProxyCache::CacheCounters&
ProxyCache::GetCacheCounters() const
{
    return m_cache;
}

const ReplacementPolicy*
ProxyCache::GetPolicy() const
{
    return m_policy.get();
}

void
ProxyCache::SetOriginOracle(OriginOracle oracle)
{
    m_oracle = std::move(oracle);
}

double
ProxyCache::GetHitRatio() const
{
    return m_cache.requests
             ? static_cast<double>(m_cache.hits + m_cache.refreshHits) / m_cache.requests
             : 0.0;
}

double
ProxyCache::GetByteHitRatio() const
{
    const uint64_t toClients = GetCounters().bytesToClients;
    return toClients ? static_cast<double>(m_cache.bytesFromCache) / toClients : 0.0;
}

uint64_t
ProxyCache::KeyFor(const std::string& url)
{
    auto [it, added] = m_keys.emplace(url, m_keys.size() + 1);
    return it->second;
}

ProxyCache::Stored
ProxyCache::Describe(const HttpResponseHeader& h, uint64_t size, Time now)
{
    Stored s;
    s.header = h;
    s.size = size;
    s.stored = now;
    auto field = [&h](http::field f) -> std::optional<Time>
    {
        auto it = h.find(f);
        return it == h.end() ? std::nullopt : HttpDate::Parse(std::string(it->value()));
    };
    s.lastModified = field(http::field::last_modified);
    s.expires = field(http::field::expires);
    auto cc = h.find(http::field::cache_control);
    if (cc != h.end())
    {
        const std::string v(cc->value());
        auto pos = v.find("max-age=");
        if (pos != std::string::npos)
        {
            s.maxAge = Seconds(std::strtod(v.c_str() + pos + 8, nullptr));
        }
    }
    return s;
}

bool
ProxyCache::IsFresh(const Stored& s) const
{
    return m_refresh.IsFresh(s.stored, s.lastModified, s.expires, s.maxAge, Simulator::Now());
}

void
ProxyCache::CountReasons(const CachabilityRules::Reasons& r)
{
    for (size_t i = 0; i < r.size(); ++i)
    {
        m_cache.reasons[i] += r.test(i);
    }
}

void
ProxyCache::HandleRequest(Transaction* t)
{
    if (!m_dataCaching)
    {
        ConnectionCache::HandleRequest(t);
        return;
    }
    ++m_cache.requests;
    CachabilityRules::Reasons reasons = m_rules.CheckRequest(t->request, t->path);
    CountReasons(reasons);
    const bool noCache = reasons.test(static_cast<size_t>(UncachableReason::CLIENT_NO_CACHE));
    reasons.reset(static_cast<size_t>(UncachableReason::CLIENT_NO_CACHE));
    if (reasons.any() || noCache)
    {
        ++m_cache.uncachable;
    }
    if (reasons.any())
    {
        ++m_cache.misses;
        ConnectionCache::HandleRequest(t); // not looked up, not stored
        return;
    }
    t->key = KeyFor(t->url);
    t->store = !t->head;
    auto it = m_store.find(t->key);
    if (it == m_store.end())
    {
        ++m_cache.misses;
        if (!LookUpAtSiblings(t))
        {
            ConnectionCache::HandleRequest(t);
        }
        return;
    }
    if (noCache && !m_revalidateNoCache)
    {
        ++m_cache.misses;
        ConnectionCache::HandleRequest(t);
        return;
    }
    if (noCache || !IsFresh(it->second))
    {
        Revalidate(t, it->second);
        return;
    }
    t->cacheStatus = "HIT";
    Process(t, GetHitProcessingTime(), [this, t]() { ServeFromCache(t); });
}

void
ProxyCache::Revalidate(Transaction* t, const Stored& s)
{
    HttpRequestHeader up = MakeUpstreamRequest(t);
    const Time since = s.lastModified.value_or(s.stored);
    up.set(http::field::if_modified_since, HttpDate::Format(since));
    t->validating = true;
    Process(t, GetMissProcessingTime(), [this, t, up]() { Forward(t, up); });
}

void
ProxyCache::HandleServerResponse(Transaction* t)
{
    if (!m_dataCaching)
    {
        return;
    }
    CachabilityRules::Reasons r = m_rules.CheckResponse(t->response, t->path);
    if (t->validating && t->response.result() == http::status::not_modified)
    {
        t->relay = false; // answered from the cache once the 304 is complete
        return;
    }
    // Count only the causes a response adds (its status is not a cause in [PROXIM]'s table).
    r.reset(static_cast<size_t>(UncachableReason::STATUS));
    if (r.any() && t->store)
    {
        ++m_cache.uncachable;
    }
    CountReasons(r);
    if (t->validating)
    {
        t->validating = false;
        ++m_cache.refreshMisses;
        t->cacheStatus = "REFRESH_MISS";
        m_store.erase(t->key);
        m_policy->Erase(t->key);
    }
    t->store = t->store && r.none() && t->response.result() == http::status::ok;
}

void
ProxyCache::HandleServerComplete(Transaction* t)
{
    if (t->relay && t->client)
    {
        // A miss (or refresh miss) relayed whole to its client; hits are reported where they
        // are served.
        m_resultTrace(t->url, t->cacheStatus, t->fromServer);
    }
    if (!m_dataCaching)
    {
        return;
    }
    if (t->validating && !t->relay)
    {
        // 304: the cached copy is still good.
        t->validating = false;
        auto it = m_store.find(t->key);
        if (it != m_store.end())
        {
            it->second.stored = Simulator::Now();
            auto exp = t->response.find(http::field::expires);
            if (exp != t->response.end())
            {
                it->second.expires = HttpDate::Parse(std::string(exp->value()));
            }
        }
        if (!t->client)
        {
            return;
        }
        ++m_cache.refreshHits;
        t->cacheStatus = "REFRESH_HIT";
        ServeFromCache(t);
        return;
    }
    if (t->store && t->fromServer == t->length)
    {
        Store(t);
    }
}

void
ProxyCache::Store(Transaction* t)
{
    const Time latency = Simulator::Now() - t->forwardedAt;
    if (!m_policy->Insert(t->key, t->length, latency.GetSeconds()))
    {
        ++m_cache.tooLarge;
        return;
    }
    ++m_cache.stored;
    m_store[t->key] = Describe(t->response, t->length, Simulator::Now());
}

void
ProxyCache::ServeFromCache(Transaction* t)
{
    auto it = m_store.find(t->key);
    if (it == m_store.end() || !m_policy->Lookup(t->key))
    {
        // Evicted while the request was being processed.
        t->cacheStatus = "MISS";
        ++m_cache.misses;
        Forward(t, MakeUpstreamRequest(t));
        return;
    }
    const Stored& s = it->second;
    if (t->cacheStatus == "HIT")
    {
        ++m_cache.hits;
        if (m_oracle && s.lastModified)
        {
            auto current = m_oracle(t->host, t->path);
            if (current && HttpDate::Truncate(*current) > *s.lastModified)
            {
                ++m_cache.staleHits;
            }
        }
    }
    HttpResponseHeader h = s.header;
    h.set(http::field::date, HttpDate::Format(Simulator::Now()));
    uint64_t body = s.size;
    auto ims = t->request.find(http::field::if_modified_since);
    if (ims != t->request.end() && s.lastModified)
    {
        auto since = HttpDate::Parse(std::string(ims->value()));
        if (since && *s.lastModified <= *since)
        {
            ++m_cache.notModified;
            h.result(http::status::not_modified);
            h.erase(http::field::content_length);
            body = 0;
        }
    }
    if (t->head)
    {
        body = 0; // Content-Length stays: it describes the object
    }
    m_cache.bytesFromCache += body;
    m_resultTrace(t->url, t->cacheStatus, body);
    Respond(t, h, body);
}

void
ProxyCache::PrintStatistics(std::ostream& os) const
{
    const auto& c = GetCounters();
    os << std::fixed << std::setprecision(1);
    os << "requests " << m_cache.requests << ", hits " << m_cache.hits << ", refresh hits "
       << m_cache.refreshHits << ", refresh misses " << m_cache.refreshMisses << ", misses "
       << m_cache.misses << ", stale hits " << m_cache.staleHits << ", sibling hits "
       << m_cache.siblingHits << "\n";
    os << "hit ratio " << 100 * GetHitRatio() << "%, byte hit ratio " << 100 * GetByteHitRatio()
       << "%, bytes from servers " << c.bytesFromServers << ", bytes to clients "
       << c.bytesToClients << "\n";
    os << "uncachable requests " << m_cache.uncachable << ":";
    for (size_t i = 0; i < m_cache.reasons.size(); ++i)
    {
        if (m_cache.reasons[i] > 0)
        {
            os << ' ' << CachabilityRules::ReasonName(static_cast<UncachableReason>(i)) << ' '
               << m_cache.reasons[i];
        }
    }
    os << "\n";
    PrintConnectionTable(os);
}

} // namespace ns3
