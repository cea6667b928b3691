/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "latency-summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace ns3
{

void
LatencySummary::Add(const RequestRecord& r)
{
    ++m_requests;
    m_bodyBytes += r.bodyBytes;
    m_aborted += r.aborted;
    m_newConnections += r.newConnection;
    if (r.failed)
    {
        ++m_failed;
        m_stopped += r.error == RequestRecord::APPLICATION_STOPPED;
        return;
    }
    m_completed += !r.aborted;
    const Time values[N_COMPONENTS] = {r.wait, r.sync, r.reqRep, r.repData, r.data, r.total};
    for (int c = 0; c < N_COMPONENTS; ++c)
    {
        m_samples[c].push_back(values[c].GetSeconds());
    }
}

LatencySummary::Stats
LatencySummary::Get(Component c) const
{
    Stats s;
    std::vector<double> v = m_samples[c];
    s.count = v.size();
    if (v.empty())
    {
        return s;
    }
    std::sort(v.begin(), v.end());
    s.mean = std::accumulate(v.begin(), v.end(), 0.0) / v.size();
    size_t n = v.size();
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    size_t rank = static_cast<size_t>(std::ceil(0.9 * n));
    s.p90 = v[std::max<size_t>(rank, 1) - 1];
    return s;
}

uint64_t
LatencySummary::GetRequests() const
{
    return m_requests;
}

uint64_t
LatencySummary::GetFailed() const
{
    return m_failed;
}

uint64_t
LatencySummary::GetStopped() const
{
    return m_stopped;
}

uint64_t
LatencySummary::GetCompleted() const
{
    return m_completed;
}

uint64_t
LatencySummary::GetAborted() const
{
    return m_aborted;
}

uint64_t
LatencySummary::GetNewConnections() const
{
    return m_newConnections;
}

uint64_t
LatencySummary::GetBodyBytes() const
{
    return m_bodyBytes;
}

std::string
LatencySummary::GetName(Component c)
{
    static const char* names[] = {"wait", "sync", "req_rep", "rep_data", "data", "total"};
    return names[c];
}

void
LatencySummary::Print(std::ostream& os) const
{
    char line[256];
    snprintf(line,
             sizeof(line),
             "requests %llu  completed %llu  failed %llu  aborted %llu  new connections %llu  "
             "body bytes %llu\n",
             static_cast<unsigned long long>(m_requests),
             static_cast<unsigned long long>(m_completed),
             static_cast<unsigned long long>(m_failed),
             static_cast<unsigned long long>(m_aborted),
             static_cast<unsigned long long>(m_newConnections),
             static_cast<unsigned long long>(m_bodyBytes));
    os << line;
    snprintf(line,
             sizeof(line),
             "%-10s %10s %12s %12s %12s\n",
             "component",
             "count",
             "mean_s",
             "median_s",
             "p90_s");
    os << line;
    for (int c = 0; c < N_COMPONENTS; ++c)
    {
        Stats s = Get(static_cast<Component>(c));
        snprintf(line,
                 sizeof(line),
                 "%-10s %10llu %12.6f %12.6f %12.6f\n",
                 GetName(static_cast<Component>(c)).c_str(),
                 static_cast<unsigned long long>(s.count),
                 s.mean,
                 s.median,
                 s.p90);
        os << line;
    }
}

} // namespace ns3
