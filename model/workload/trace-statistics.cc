/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "trace-statistics.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TraceStatistics");

namespace
{

constexpr double NOT_PUBLISHED = std::numeric_limits<double>::quiet_NaN();

/// [PROXIM], section IV.A (table of uncachable requests, hit ratios), section IV.B (aborts)
/// and section V (persistent connections).
const std::array<TraceStatistics::PaperFigures, 2>&
Figures()
{
    static const std::array<TraceStatistics::PaperFigures, 2> figures{
        TraceStatistics::PaperFigures{"modem",
                                      "AT&T WorldNet dial-up, Aug 1997 ([PROXIM])",
                                      {30.20, 9.85, 7.47, 5.42, 2.02, 1.69, 1.65},
                                      43.06,
                                      54.5,
                                      35.2,
                                      40.9,
                                      30.4,
                                      18.0,
                                      10.94,
                                      // 44,483 MB announced by 676,243 incomplete transfers,
                                      // 8,210 MB of it received; 49.8 GB received in all.
                                      65.8,
                                      18.46,
                                      0.893},
        TraceStatistics::PaperFigures{"research",
                                      "AT&T Labs-Research LAN, Feb 1997 ([PROXIM])",
                                      {18.83, 7.46, 14.38, 4.68, 1.86, 1.10, 1.10},
                                      37.55,
                                      33.9,
                                      27.0,
                                      28.1,
                                      23.3,
                                      12.0,
                                      NOT_PUBLISHED,
                                      NOT_PUBLISHED,
                                      NOT_PUBLISHED,
                                      NOT_PUBLISHED},
    };
    return figures;
}

TraceStatistics::SizeSummary
Summarize(std::vector<uint64_t> v)
{
    TraceStatistics::SizeSummary s;
    s.count = v.size();
    if (v.empty())
    {
        return s;
    }
    long double sum = 0;
    for (uint64_t x : v)
    {
        sum += x;
        s.max = std::max(s.max, x);
    }
    s.mean = double(sum / v.size());
    auto at = [&v](double q)
    {
        const size_t k = std::min(v.size() - 1, size_t(q * double(v.size() - 1)));
        std::nth_element(v.begin(), v.begin() + k, v.end());
        return v[k];
    };
    s.median = at(0.5);
    s.p90 = at(0.9);
    return s;
}

double
Ratio(uint64_t a, uint64_t b)
{
    return b > 0 ? double(a) / double(b) : 0.0;
}

} // namespace

std::string
TraceStatistics::GetCauseName(Cause cause)
{
    static const char* const names[] = {"Cookie present",
                                        "URL had '?'",
                                        "Client Cache-Control",
                                        "URL had 'cgi-bin'",
                                        "Neither GET nor HEAD",
                                        "Authorization present",
                                        "Server Cache-Control"};
    NS_ABORT_MSG_IF(cause >= CAUSES, "TraceStatistics: no cause " << int(cause));
    return names[cause];
}

const TraceStatistics::PaperFigures*
TraceStatistics::GetPaperFigures(const std::string& preset)
{
    for (const auto& f : Figures())
    {
        if (f.name == preset)
        {
            return &f;
        }
    }
    return nullptr;
}

std::array<bool, TraceStatistics::CAUSES>
TraceStatistics::GetCauses(const TraceRecord& r)
{
    return {r.cookie,
            r.HasQuery(),
            r.clientNoCache,
            r.IsCgi(),
            r.IsOtherMethod(),
            r.authorization,
            r.serverNoCache};
}

bool
TraceStatistics::IsCachable(const std::array<bool, CAUSES>& cause, bool honourCookies)
{
    for (int c = 0; c < CAUSES; ++c)
    {
        if (cause[c] && (c != COOKIE || honourCookies))
        {
            return false;
        }
    }
    return true;
}

bool
TraceStatistics::IsCachable(const TraceRecord& r, bool honourCookies)
{
    return IsCachable(GetCauses(r), honourCookies);
}

bool
TraceStatistics::IsStorable(const TraceRecord& r, bool honourCookies)
{
    return r.status == 200 && r.method == "GET" && !(honourCookies && r.setCookie);
}

TraceStatistics::TraceStatistics()
{
    NS_LOG_FUNCTION(this);
}

void
TraceStatistics::Clear()
{
    const std::string preset = m_paperPreset;
    *this = TraceStatistics();
    m_paperPreset = preset;
}

void
TraceStatistics::Add(const TraceRecord& r)
{
    // Checked before anything changes: received <= size, so no other byte total can wrap
    // before m_bytes does.
    if (r.size > TraceRecord::MAX_SIZE || r.received > r.size)
    {
        throw std::invalid_argument("TraceStatistics: record " + std::to_string(m_requests + 1)
                                    + ": size " + std::to_string(r.size) + " over 2^50 or below"
                                    + " received " + std::to_string(r.received));
    }
    if (r.size > UINT64_MAX - m_bytes)
    {
        throw std::overflow_error("TraceStatistics: record " + std::to_string(m_requests + 1)
                                  + ": the byte total would exceed 2^64 - 1");
    }
    if (m_requests == 0)
    {
        m_first = r.time;
    }
    m_last = r.time;
    ++m_requests;
    m_bytes += r.size;
    m_received += r.received;
    m_sizes.push_back(r.size);
    m_clients.insert(r.client);
    m_persistent += r.persistent;
    ++m_statuses[r.status];
    if (r.IsAborted())
    {
        ++m_aborted;
        m_abortedBytes += r.size;
        m_abortedReceived += r.received;
        m_abortedRemainders.push_back(r.size - r.received);
    }

    const std::array<bool, CAUSES> cause = GetCauses(r);
    for (int c = 0; c < CAUSES; ++c)
    {
        m_causes[c] += cause[c];
    }
    const bool other = !IsCachable(cause, false);
    m_uncachable += !IsCachable(cause, true);
    m_uncachableNoCookie += other;

    m_key.assign(r.server);
    m_key.append(r.path);
    auto [it, inserted] = m_objects.try_emplace(m_key);
    Entry& e = it->second;
    if (inserted || e.size == 0)
    {
        // A bodiless answer (304, 302, 404) does not tell the object's size: a later 200 does.
        e.size = r.size;
        e.serverLength = uint32_t(r.server.size());
    }
    ++e.count;
    if (other)
    {
        return;
    }
    const int64_t version = r.version;
    for (int honour = 0; honour < 2; ++honour)
    {
        if (!IsCachable(cause, honour))
        {
            continue;
        }
        int64_t& stored = honour ? e.storedHonouring : e.storedIgnoring;
        if (stored == version)
        {
            ++m_hits[honour];
            m_hitBytes[honour] += r.received;
        }
        else if (IsStorable(r, honour))
        {
            stored = version;
        }
    }
}

uint64_t
TraceStatistics::GetRequests() const
{
    return m_requests;
}

uint64_t
TraceStatistics::GetObjects() const
{
    return m_objects.size();
}

uint64_t
TraceStatistics::GetClients() const
{
    return m_clients.size();
}

uint64_t
TraceStatistics::GetServers() const
{
    // From the URLs rather than one more hash lookup per request.
    std::unordered_set<std::string_view> servers;
    for (const auto& [url, e] : m_objects)
    {
        servers.insert(std::string_view(url).substr(0, e.serverLength));
    }
    return servers.size();
}

uint64_t
TraceStatistics::GetBytes() const
{
    return m_bytes;
}

uint64_t
TraceStatistics::GetReceivedBytes() const
{
    return m_received;
}

Time
TraceStatistics::GetDuration() const
{
    return m_last - m_first;
}

TraceStatistics::SizeSummary
TraceStatistics::GetSizeSummary() const
{
    return Summarize(m_sizes);
}

TraceStatistics::SizeSummary
TraceStatistics::GetObjectSizeSummary() const
{
    std::vector<uint64_t> sizes;
    sizes.reserve(m_objects.size());
    for (const auto& [url, e] : m_objects)
    {
        sizes.push_back(e.size);
    }
    return Summarize(std::move(sizes));
}

uint64_t
TraceStatistics::GetCauseCount(Cause cause) const
{
    NS_ABORT_MSG_IF(cause >= CAUSES, "TraceStatistics: no cause " << int(cause));
    return m_causes[cause];
}

double
TraceStatistics::GetCauseFraction(Cause cause) const
{
    return Ratio(GetCauseCount(cause), m_requests);
}

uint64_t
TraceStatistics::GetUncachableCount(bool withCookies) const
{
    return withCookies ? m_uncachable : m_uncachableNoCookie;
}

double
TraceStatistics::GetUncachableFraction(bool withCookies) const
{
    return Ratio(GetUncachableCount(withCookies), m_requests);
}

double
TraceStatistics::GetPersistentFraction() const
{
    return Ratio(m_persistent, m_requests);
}

uint64_t
TraceStatistics::GetAbortedCount() const
{
    return m_aborted;
}

double
TraceStatistics::GetAbortedFraction() const
{
    return Ratio(m_aborted, m_requests);
}

uint64_t
TraceStatistics::GetAbortedBytes() const
{
    return m_abortedBytes;
}

uint64_t
TraceStatistics::GetAbortedReceivedBytes() const
{
    return m_abortedReceived;
}

uint64_t
TraceStatistics::GetAbortedBytesBeyond(uint64_t gap) const
{
    uint64_t sum = 0;
    for (uint64_t rest : m_abortedRemainders)
    {
        sum += rest > gap ? rest - gap : 0;
    }
    return sum;
}

uint64_t
TraceStatistics::GetHits(bool honourCookies) const
{
    return m_hits[honourCookies];
}

double
TraceStatistics::GetHitRatio(bool honourCookies) const
{
    return Ratio(m_hits[honourCookies], m_requests);
}

double
TraceStatistics::GetByteHitRatio(bool honourCookies) const
{
    return Ratio(m_hitBytes[honourCookies], m_received);
}

std::vector<uint64_t>
TraceStatistics::GetObjectCounts() const
{
    std::vector<uint64_t> counts;
    counts.reserve(m_objects.size());
    for (const auto& [url, e] : m_objects)
    {
        counts.push_back(e.count);
    }
    return counts;
}

ZipfEstimator::Result
TraceStatistics::FitZipf(uint64_t minCount) const
{
    ZipfEstimator estimator;
    estimator.SetMinCount(minCount);
    return estimator.Fit(GetObjectCounts());
}

void
TraceStatistics::SetPaperPreset(const std::string& preset)
{
    NS_ABORT_MSG_IF(!preset.empty() && !GetPaperFigures(preset),
                    "TraceStatistics: [PROXIM] has no figures for '"
                        << preset << "' (known: modem, research)");
    m_paperPreset = preset;
}

void
TraceStatistics::Print(std::ostream& os, bool withPaper) const
{
    Print(os, withPaper ? GetPaperFigures(m_paperPreset) : nullptr);
}

void
TraceStatistics::Print(std::ostream& os, const std::string& preset) const
{
    const PaperFigures* paper = GetPaperFigures(preset);
    NS_ABORT_MSG_IF(!paper,
                    "TraceStatistics: [PROXIM] has no figures for '"
                        << preset << "' (known: modem, research)");
    Print(os, paper);
}

void
TraceStatistics::Print(std::ostream& os, const char* preset) const
{
    Print(os, std::string(preset));
}

void
TraceStatistics::Print(std::ostream& os, const PaperFigures* paper) const
{
    std::ostringstream o; // keep the caller's stream flags
    o << std::fixed;
    auto pct = [](double x)
    {
        std::ostringstream s;
        s << std::fixed << std::setprecision(2) << 100 * x;
        return s.str();
    };
    auto pub = [](double x)
    {
        if (std::isnan(x))
        {
            return std::string("-");
        }
        std::ostringstream s;
        s << std::fixed << std::setprecision(2) << x;
        return s.str();
    };
    const SizeSummary sizes = GetSizeSummary();
    o << "Trace statistics\n";
    o << "  requests             " << m_requests << "\n";
    o << "  distinct objects     " << GetObjects() << "\n";
    o << "  clients              " << GetClients() << "\n";
    o << "  servers              " << GetServers() << "\n";
    o << "  duration             " << std::setprecision(1) << GetDuration().GetSeconds() << " s\n";
    o << "  bytes (size)         " << m_bytes << "\n";
    o << "  bytes (received)     " << m_received << "\n";
    o << "  response size, bytes mean " << std::setprecision(0) << sizes.mean << "  median "
      << sizes.median << "  p90 " << sizes.p90 << "  max " << sizes.max << "\n";
    o << "  statuses, % of requests";
    for (const auto& [status, count] : m_statuses)
    {
        o << "  " << status << " " << pct(Ratio(count, m_requests));
    }
    o << "\n";

    const int w = 24;
    o << "\n"
      << std::left << std::setw(w) << "Uncachable: reason" << std::right << std::setw(12) << "count"
      << std::setw(9) << "%";
    if (paper)
    {
        o << std::setw(10) << "paper %";
    }
    o << "\n";
    auto row = [&](const std::string& name, uint64_t count, double frac, double published)
    {
        o << std::left << std::setw(w) << name << std::right << std::setw(12) << count
          << std::setw(9) << pct(frac);
        if (paper)
        {
            o << std::setw(10) << pub(published);
        }
        o << "\n";
    };
    for (int c = 0; c < CAUSES; ++c)
    {
        row(GetCauseName(Cause(c)),
            m_causes[c],
            GetCauseFraction(Cause(c)),
            paper ? paper->causes[c] : 0.0);
    }
    row("Uncachable (union)",
        m_uncachable,
        GetUncachableFraction(true),
        paper ? paper->uncachable : 0);
    row("  ignoring cookies", m_uncachableNoCookie, GetUncachableFraction(false), NOT_PUBLISHED);
    row("Persistent connection",
        m_persistent,
        GetPersistentFraction(),
        paper ? paper->persistent : 0);
    row("Aborted (received<size)", m_aborted, GetAbortedFraction(), paper ? paper->aborted : 0);
    if (m_aborted > 0)
    {
        // What decides a proxy's bandwidth when users abort ([PROXIM] section IV.B).
        auto vs = [&](double measured, int digits, double published)
        {
            std::ostringstream s;
            s << std::fixed << std::setprecision(digits) << measured;
            if (paper)
            {
                s << " (paper " << pub(published) << ")";
            }
            return s.str();
        };
        const double received = double(m_received);
        o << "  aborted: mean size "
          << vs(m_abortedBytes / 1e3 / m_aborted, 1, paper ? paper->abortedMeanSize : 0)
          << " KB, received % "
          << vs(100.0 * Ratio(m_abortedReceived, m_abortedBytes),
                2,
                paper ? paper->abortedReceived : 0)
          << ", sizes per received byte "
          << vs(m_abortedBytes / received, 3, paper ? paper->abortedPerReceived : 0) << "\n"
          << "  aborted bytes beyond received + 16 / 64 KB, % of received bytes: "
          << pct(GetAbortedBytesBeyond(16 * 1024) / received) << " / "
          << pct(GetAbortedBytesBeyond(64 * 1024) / received) << "\n";
    }

    o << "\n"
      << std::left << std::setw(w) << "Infinite cache" << std::right << std::setw(12) << "hit %"
      << std::setw(12) << "byte hit %";
    if (paper)
    {
        o << std::setw(10) << "paper" << std::setw(12) << "paper byte";
    }
    o << "\n";
    for (int honour = 0; honour < 2; ++honour)
    {
        o << std::left << std::setw(w) << (honour ? "  cookies honoured" : "  cookies ignored")
          << std::right << std::setw(12) << pct(GetHitRatio(honour)) << std::setw(12)
          << pct(GetByteHitRatio(honour));
        if (paper)
        {
            o << std::setw(10) << pub(honour ? paper->hitHonouring : paper->hitIgnoring)
              << std::setw(12) << pub(honour ? paper->byteHitHonouring : paper->byteHitIgnoring);
        }
        o << "\n";
    }

    const ZipfEstimator::Result z = FitZipf();
    o << "\nZipf theta (ML, objects with >= " << ZipfEstimator::DEFAULT_MIN_COUNT << " requests): ";
    if (z.valid)
    {
        o << std::setprecision(3) << z.theta << " +/- " << z.standardError << " over " << z.objects
          << " objects, " << z.requests << " requests\n";
    }
    else
    {
        o << "too few objects\n";
    }
    if (paper)
    {
        o << "Paper column: " << paper->description << "\n";
    }
    os << o.str();
}

} // namespace ns3
