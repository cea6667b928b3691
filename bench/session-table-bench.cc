/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Depot session table (Google Benchmark). Goal (depot issue): >= 5M lookups/s and <= 200
 * bytes per session with 1M sessions.
 *
 * Keys are like a busy depot's: 1M sessions of 4096 client addresses x 256 ports each, one
 * VIP, three proxies. Lookups draw existing keys in a random order (a fixed-seed shuffle), so
 * they miss the CPU caches as real traffic does. Memory is reported twice: the table's own
 * count (entries + buckets) and the process's resident set growth while it was filled.
 */
#include "ns3/depot-session-table.h"
#include "ns3/tcp-state-tracker.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <random>
#include <unistd.h>
#include <vector>

using namespace ns3;

namespace
{

constexpr uint32_t VIP = 0x0a010164;

struct Key
{
    uint32_t client;
    uint16_t port;
    uint32_t proxy;
};

std::vector<Key>
Keys(uint32_t n)
{
    std::vector<Key> keys;
    keys.reserve(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        keys.push_back(
            {0x0a100000 + i / 256, static_cast<uint16_t>(1024 + i % 256), 0x0a010202 + i % 3});
    }
    return keys;
}

/// Resident set size in bytes.
uint64_t
Rss()
{
    std::ifstream statm("/proc/self/statm");
    uint64_t size = 0;
    uint64_t resident = 0;
    statm >> size >> resident;
    return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

void
Fill(DepotSessionTable& t, const std::vector<Key>& keys)
{
    int64_t now = 0;
    for (const Key& k : keys)
    {
        DepotSession* s = t.Insert(k.client, k.port, VIP, 80, k.proxy, 8080, k.proxy % 3, now);
        t.Touch(s, TcpStateTracker::S_ESTABLISHED, now + 900);
        ++now;
    }
}

void
BM_Lookup(benchmark::State& state)
{
    const uint32_t n = state.range(0);
    const std::vector<Key> keys = Keys(n);
    const uint64_t rssBefore = Rss();
    auto table = std::make_unique<DepotSessionTable>();
    Fill(*table, keys);
    const uint64_t rssAfter = Rss();
    std::vector<Key> order = keys;
    std::shuffle(order.begin(), order.end(), std::mt19937(42));
    size_t i = 0;
    uint64_t found = 0;
    for (auto _ : state)
    {
        const Key& k = order[i];
        DepotSession* s = table->Find(k.client, k.port, VIP, 80);
        benchmark::DoNotOptimize(s);
        found += s != nullptr;
        if (++i == order.size())
        {
            i = 0;
        }
    }
    if (found != static_cast<uint64_t>(state.iterations()))
    {
        state.SkipWithError("a key was not found");
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["table_B_per_session"] = static_cast<double>(table->MemoryBytes()) / n;
    state.counters["rss_B_per_session"] = static_cast<double>(rssAfter - rssBefore) / n;
    state.counters["entry_B"] = sizeof(DepotSession);
}

void
BM_LookupReverse(benchmark::State& state)
{
    const uint32_t n = state.range(0);
    const std::vector<Key> keys = Keys(n);
    DepotSessionTable table;
    Fill(table, keys);
    std::vector<Key> order = keys;
    std::shuffle(order.begin(), order.end(), std::mt19937(43));
    size_t i = 0;
    for (auto _ : state)
    {
        const Key& k = order[i];
        benchmark::DoNotOptimize(table.FindReverse(k.proxy, 8080, k.client, k.port));
        if (++i == order.size())
        {
            i = 0;
        }
    }
    state.SetItemsProcessed(state.iterations());
}

/// A session's life in the table: insert, three state changes, removal.
void
BM_SessionLifecycle(benchmark::State& state)
{
    const uint32_t n = state.range(0);
    const std::vector<Key> keys = Keys(n);
    DepotSessionTable table;
    Fill(table, keys);
    uint32_t port = 0;
    int64_t now = n;
    for (auto _ : state)
    {
        DepotSession* s = table.Insert(0x0b000000 + port / 60000,
                                       static_cast<uint16_t>(1024 + port % 60000),
                                       VIP,
                                       80,
                                       0x0a010202,
                                       8080,
                                       0,
                                       now);
        table.Touch(s, TcpStateTracker::S_SYN_RECV, now + 60);
        table.Touch(s, TcpStateTracker::S_ESTABLISHED, now + 900);
        table.Touch(s, TcpStateTracker::S_TIME_WAIT, now + 60);
        table.Remove(s);
        ++port;
        ++now;
    }
    state.SetItemsProcessed(state.iterations());
}

} // namespace

BENCHMARK(BM_Lookup)->Arg(1000)->Arg(1000000)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_LookupReverse)->Arg(1000000)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_SessionLifecycle)->Arg(1000000)->Unit(benchmark::kNanosecond);

BENCHMARK_MAIN();
