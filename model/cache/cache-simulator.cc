/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "cache-simulator.h"

#include "greedy-dual-policy.h"

#include "ns3/trace-statistics.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace ns3
{

double
CacheSimulator::Result::GetHitRatio() const
{
    return requests > 0 ? double(hits) / double(requests) : 0.0;
}

double
CacheSimulator::Result::GetByteHitRatio() const
{
    return bytes > 0 ? double(hitBytes) / double(bytes) : 0.0;
}

double
CacheSimulator::Result::GetMissRatio() const
{
    return requests > 0 ? double(requests - hits) / double(requests) : 0.0;
}

double
CacheSimulator::Result::GetByteMissRatio() const
{
    return bytes > 0 ? double(bytes - hitBytes) / double(bytes) : 0.0;
}

CacheSimulator::CacheSimulator(const std::vector<std::string>& policies,
                               const std::vector<uint64_t>& sizes,
                               bool honourCookies)
    : m_honourCookies(honourCookies)
{
    if (policies.empty() || sizes.empty())
    {
        throw std::invalid_argument("CacheSimulator: no policy or no cache size");
    }
    m_caches.reserve(policies.size() * sizes.size());
    for (const auto& name : policies)
    {
        for (uint64_t size : sizes)
        {
            Cache c;
            c.policy = CreateReplacementPolicy(name, size);
            c.result.policy = c.policy->GetName();
            c.result.capacity = size;
            m_caches.push_back(std::move(c));
        }
    }
    for (auto& c : m_caches)
    {
        Result* result = &c.result;
        c.policy->SetEvictCallback([result](ReplacementPolicy::Key, uint64_t)
                                   { ++result->evictions; });
    }
}

void
CacheSimulator::SetRevalidateNoCache(bool revalidate)
{
    m_revalidateNoCache = revalidate;
}

void
CacheSimulator::Add(const TraceRecord& r, double cost)
{
    ++m_requests;
    for (auto& c : m_caches)
    {
        ++c.result.requests;
        c.result.bytes += r.received;
    }
    bool cachable = TraceStatistics::IsCachable(r, m_honourCookies);
    if (!cachable && m_revalidateNoCache && r.clientNoCache)
    {
        // Cachable when the reload is the request's only cause (a rare request: the copy
        // is cheap beside the rest of the work).
        TraceRecord plain = r;
        plain.clientNoCache = false;
        cachable = TraceStatistics::IsCachable(plain, m_honourCookies);
    }
    if (!cachable)
    {
        return;
    }
    const bool storable = TraceStatistics::IsStorable(r, m_honourCookies);
    m_key.assign(r.server);
    m_key.append(r.path);
    const uint64_t id = m_ids.try_emplace(m_key, m_ids.size()).first->second;
    for (auto& c : m_caches)
    {
        if (c.version.size() <= id)
        {
            c.version.resize(id + 1);
        }
        if (c.policy->Contains(id) && c.version[id] == r.version)
        {
            c.policy->Lookup(id);
            ++c.result.hits;
            c.result.hitBytes += r.received;
        }
        else if (storable)
        {
            if (c.policy->Insert(id, r.size, cost))
            {
                c.version[id] = r.version;
            }
        }
    }
}

void
CacheSimulator::AddIds(const IdTraceReader::Request* requests, size_t n)
{
    // Requests ahead whose node is prefetched: enough to cover a memory access at the
    // policies' rate, few enough that the line is still cached when the request comes.
    constexpr size_t AHEAD = 12;
    m_requests += n;
    for (auto& c : m_caches)
    {
        const auto start = std::chrono::steady_clock::now();
        ReplacementPolicy& p = *c.policy;
        uint64_t hits = 0;
        uint64_t hitBytes = 0;
        uint64_t bytes = 0;
        for (size_t i = 0; i < n; ++i)
        {
            p.Prefetch(requests[std::min(i + AHEAD, n - 1)].id);
            const IdTraceReader::Request& q = requests[i];
            bytes += q.size;
            if (p.Lookup(q.id))
            {
                ++hits;
                hitBytes += q.size;
            }
            else
            {
                p.Insert(q.id, q.size, 1.0);
            }
        }
        c.result.requests += n;
        c.result.hits += hits;
        c.result.hitBytes += hitBytes;
        c.result.bytes += bytes;
        c.result.seconds
            += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
}

std::vector<CacheSimulator::Result>
CacheSimulator::GetResults() const
{
    std::vector<Result> results;
    results.reserve(m_caches.size());
    for (const auto& c : m_caches)
    {
        results.push_back(c.result);
        const auto* gd = dynamic_cast<const GreedyDualPolicy*>(c.policy.get());
        const std::string& name = c.result.policy;
        results.back().fellBack = gd != nullptr
                               && (name == "GDS1" || name == "GDSF" || name == "LFU")
                               && !gd->IsExact();
    }
    return results;
}

uint64_t
CacheSimulator::GetRequests() const
{
    return m_requests;
}

uint64_t
CacheSimulator::GetObjects() const
{
    return m_ids.size();
}

void
CacheSimulator::Print(std::ostream& os) const
{
    std::ostringstream o;
    o << std::left << std::setw(8) << "policy" << std::right << std::setw(10) << "size"
      << std::setw(12) << "requests" << std::setw(12) << "hits" << std::setw(9) << "hit %"
      << std::setw(12) << "byte hit %" << std::setw(12) << "evictions"
      << "\n";
    o << std::fixed << std::setprecision(2);
    for (const auto& c : m_caches)
    {
        const Result& r = c.result;
        o << std::left << std::setw(8) << r.policy << std::right << std::setw(10)
          << FormatSize(r.capacity) << std::setw(12) << r.requests << std::setw(12) << r.hits
          << std::setw(9) << 100 * r.GetHitRatio() << std::setw(12) << 100 * r.GetByteHitRatio()
          << std::setw(12) << r.evictions << "\n";
    }
    os << o.str();
}

uint64_t
CacheSimulator::ParseSize(const std::string& text)
{
    std::string t;
    for (char ch : text)
    {
        t += char(std::tolower(static_cast<unsigned char>(ch)));
    }
    if (t == "inf" || t == "infinite")
    {
        return INFINITE;
    }
    size_t digits = 0;
    while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits])))
    {
        ++digits;
    }
    const std::string unit = t.substr(digits);
    int shift = -1;
    for (const auto& [prefix, bits] :
         {std::pair<const char*, int>{"", 0}, {"k", 10}, {"m", 20}, {"g", 30}, {"t", 40}})
    {
        const std::string p = prefix;
        if (unit == p || (!p.empty() && (unit == p + "b" || unit == p + "ib"))
            || (p.empty() && unit == "b"))
        {
            shift = bits;
        }
    }
    if (digits == 0 || shift < 0)
    {
        throw std::invalid_argument("cache size '" + text
                                    + "' is not a number with an optional unit K, M, G or T "
                                      "(e.g. 10MB), nor 'inf'");
    }
    const std::string number = t.substr(0, digits);
    uint64_t value = 0;
    for (char d : number)
    {
        if (value > (std::numeric_limits<uint64_t>::max() - uint64_t(d - '0')) / 10)
        {
            throw std::invalid_argument("cache size '" + text + "' is too large");
        }
        value = value * 10 + uint64_t(d - '0');
    }
    if (shift > 0 && value > (std::numeric_limits<uint64_t>::max() >> shift))
    {
        throw std::invalid_argument("cache size '" + text + "' is too large");
    }
    return value << shift;
}

std::vector<std::string>
CacheSimulator::SplitList(const std::string& text)
{
    std::vector<std::string> items;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, ','))
    {
        if (item.empty())
        {
            throw std::invalid_argument("empty item in the list '" + text + "'");
        }
        items.push_back(item);
    }
    if (items.empty() || text.back() == ',')
    {
        throw std::invalid_argument("empty item in the list '" + text + "'");
    }
    return items;
}

std::string
CacheSimulator::FormatSize(uint64_t bytes)
{
    if (bytes == INFINITE)
    {
        return "inf";
    }
    static const char* const units[] = {"TB", "GB", "MB", "KB"};
    for (int i = 0; i < 4; ++i)
    {
        const int shift = 10 * (4 - i);
        if (bytes > 0 && bytes % (uint64_t(1) << shift) == 0)
        {
            return std::to_string(bytes >> shift) + units[i];
        }
    }
    return std::to_string(bytes);
}

} // namespace ns3
