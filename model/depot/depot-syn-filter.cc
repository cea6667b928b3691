/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-syn-filter.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DepotSynFilter");

namespace
{
/// log2 of the bits of one Bloom generation. At 10,000 SYN/s and a 10 s epoch a generation
/// holds 100,000 first copies: a spoofed SYN then matches one of the two generations by
/// chance with probability 2 x (1 - e^(-3 x 100,000 / 2^22))^3 = 6.6 x 10^-4 (k = 3), about
/// 7 of 10,000 spoofed SYNs per second reach a proxy.
constexpr uint32_t BLOOM_LOG2_BITS = 22;
/// Bits set per key.
constexpr uint32_t BLOOM_HASHES = 3;
/// Words of one generation.
constexpr size_t BLOOM_WORDS = (size_t{1} << BLOOM_LOG2_BITS) / 64;

/// SplitMix64's finaliser: a full-avalanche 64-bit mix.
uint64_t
Mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// \param h a key's hash \param i which of its bits \return the bit's index
uint64_t
Bit(uint64_t h, uint32_t i)
{
    // Kirsch and Mitzenmacher's double hashing: h1 + i * h2 is as good as k hashes.
    const uint64_t h1 = h & 0xffffffffULL;
    const uint64_t h2 = (h >> 32) | 1;
    return (h1 + i * h2) & ((uint64_t{1} << BLOOM_LOG2_BITS) - 1);
}
} // namespace

void
DepotSynFilter::Configure(const Settings& settings)
{
    NS_ABORT_MSG_IF(settings.threshold > 0 && !settings.epoch.IsStrictlyPositive(),
                    "DepotSynFilter: the epoch must be positive");
    m_settings = settings;
    Clear();
}

DepotSynFilter::Verdict
DepotSynFilter::Admit(
    uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport, uint32_t seq, uint32_t halfOpen)
{
    if (m_settings.threshold == 0)
    {
        return PASS;
    }
    if (!m_engaged && halfOpen >= m_settings.threshold)
    {
        m_engaged = true;
        ++m_engagements;
        NS_LOG_INFO("engaged at " << halfOpen << " half-open sessions");
    }
    if (m_engaged)
    {
        Rotate();
        // Engaged, the filter itself keeps half-open sessions few: it lets go only when the
        // flood of first copies has also ebbed for an epoch or two.
        if (halfOpen < m_settings.threshold / 2
            && m_filteredCurrent + m_filteredPrevious < m_settings.threshold / 2)
        {
            m_engaged = false;
            NS_LOG_INFO("disengaged at " << halfOpen << " half-open sessions");
        }
    }
    Verdict v = PASS;
    if (m_engaged)
    {
        if (IsVerified(src))
        {
            v = PASS_VERIFIED;
        }
        else
        {
            const uint64_t h = Mix((uint64_t{src} << 32 | uint64_t{sport} << 16 | dport)
                                   ^ Mix(uint64_t{dst} << 32 | seq));
            if (Test(h, m_current) || Test(h, m_previous))
            {
                v = PASS_RETRY;
            }
            else
            {
                Set(h, m_current);
                ++m_filteredCurrent;
                v = FILTERED;
            }
        }
    }
    ++m_counts[v];
    return v;
}

void
DepotSynFilter::Verify(uint32_t src)
{
    if (m_settings.threshold == 0 || m_settings.maxVerified == 0)
    {
        return;
    }
    const Time until = Simulator::Now() + m_settings.verifiedLifetime;
    auto& byAddress = m_verified.get<1>();
    if (auto it = byAddress.find(src); it != byAddress.end())
    {
        byAddress.modify(it, [until](Source& s) { s.until = until; });
        m_verified.relocate(m_verified.end(), m_verified.project<0>(it));
        return;
    }
    if (m_verified.size() >= m_settings.maxVerified)
    {
        m_verified.pop_front(); // least recently verified
    }
    m_verified.push_back({src, until});
}

bool
DepotSynFilter::IsVerified(uint32_t src)
{
    auto& byAddress = m_verified.get<1>();
    auto it = byAddress.find(src);
    if (it == byAddress.end())
    {
        return false;
    }
    if (it->until <= Simulator::Now())
    {
        byAddress.erase(it);
        return false;
    }
    return true;
}

void
DepotSynFilter::Rotate()
{
    const Time now = Simulator::Now();
    if (m_current.empty())
    {
        m_current.assign(BLOOM_WORDS, 0); // the first engagement pays for the memory
        m_previous.assign(BLOOM_WORDS, 0);
        m_epochStart = now;
        return;
    }
    if (now - m_epochStart < m_settings.epoch)
    {
        return;
    }
    if (now - m_epochStart >= 2 * m_settings.epoch)
    {
        std::fill(m_previous.begin(), m_previous.end(), 0); // both generations are too old
        m_filteredPrevious = 0;
    }
    else
    {
        m_previous.swap(m_current);
        m_filteredPrevious = m_filteredCurrent;
    }
    std::fill(m_current.begin(), m_current.end(), 0);
    m_filteredCurrent = 0;
    m_epochStart = now;
}

bool
DepotSynFilter::Test(uint64_t h, const std::vector<uint64_t>& g) const
{
    for (uint32_t i = 0; i < BLOOM_HASHES; ++i)
    {
        const uint64_t b = Bit(h, i);
        if (!(g[b / 64] & (uint64_t{1} << (b % 64))))
        {
            return false;
        }
    }
    return true;
}

void
DepotSynFilter::Set(uint64_t h, std::vector<uint64_t>& g)
{
    for (uint32_t i = 0; i < BLOOM_HASHES; ++i)
    {
        const uint64_t b = Bit(h, i);
        g[b / 64] |= uint64_t{1} << (b % 64);
    }
}

bool
DepotSynFilter::IsEngaged() const
{
    return m_engaged;
}

uint64_t
DepotSynFilter::GetCount(Verdict v) const
{
    return m_counts[v];
}

uint64_t
DepotSynFilter::GetEngagedCount() const
{
    return m_engagements;
}

uint32_t
DepotSynFilter::GetVerifiedCount() const
{
    return m_verified.size();
}

uint64_t
DepotSynFilter::GetMemoryBytes() const
{
    // A sequenced + hashed node holds the element, two list links and a bucket link (~48 B).
    return (m_current.size() + m_previous.size()) * sizeof(uint64_t) + m_verified.size() * 48;
}

void
DepotSynFilter::Clear()
{
    m_engaged = false;
    m_current.clear();
    m_current.shrink_to_fit();
    m_previous.clear();
    m_previous.shrink_to_fit();
    m_verified.clear();
    m_filteredCurrent = 0;
    m_filteredPrevious = 0;
}

} // namespace ns3
