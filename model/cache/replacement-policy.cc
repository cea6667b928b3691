/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "replacement-policy.h"

#include "greedy-dual-policy.h"
#include "lru-policy.h"
#include "s3-fifo-policy.h"
#include "sieve-policy.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace ns3
{

ReplacementPolicy::ReplacementPolicy(uint64_t capacity)
    : m_capacity(capacity)
{}

uint64_t
ReplacementPolicy::GetUsedBytes() const
{
    return m_used;
}

uint64_t
ReplacementPolicy::GetCapacity() const
{
    return m_capacity;
}

void
ReplacementPolicy::Prefetch(Key)
{}

void
ReplacementPolicy::SetEvictCallback(EvictCallback cb)
{
    m_evict = std::move(cb);
}

void
ReplacementPolicy::NotifyEvict(Key key, uint64_t size) const
{
    if (m_evict)
    {
        m_evict(key, size);
    }
}

std::vector<std::string>
GetReplacementPolicyNames()
{
    return {"LRU", "LFU", "GDS1", "GDSLAT", "GDSF", "CSP", "SIEVE", "S3FIFO"};
}

std::unique_ptr<ReplacementPolicy>
CreateReplacementPolicy(const std::string& name, uint64_t capacityBytes)
{
    std::string upper = name;
    std::transform(upper.begin(),
                   upper.end(),
                   upper.begin(),
                   [](unsigned char c) { return char(std::toupper(c)); });
    if (upper == "LRU")
    {
        return std::make_unique<LruPolicy>(capacityBytes);
    }
    if (upper == "LFU")
    {
        return std::make_unique<GreedyDualPolicy>(capacityBytes, GreedyDualPolicy::LFUDA);
    }
    if (upper == "GDS1")
    {
        return std::make_unique<GreedyDualPolicy>(capacityBytes, GreedyDualPolicy::GDS1);
    }
    if (upper == "GDSLAT")
    {
        return std::make_unique<GreedyDualPolicy>(capacityBytes, GreedyDualPolicy::GDSLAT);
    }
    if (upper == "GDSF")
    {
        return std::make_unique<GreedyDualPolicy>(capacityBytes, GreedyDualPolicy::GDSF);
    }
    if (upper == "CSP")
    {
        return std::make_unique<GreedyDualPolicy>(capacityBytes, GreedyDualPolicy::CSP);
    }
    if (upper == "SIEVE")
    {
        return std::make_unique<SievePolicy>(capacityBytes);
    }
    if (upper == "S3FIFO")
    {
        return std::make_unique<S3FifoPolicy>(capacityBytes);
    }
    std::string valid;
    for (const auto& n : GetReplacementPolicyNames())
    {
        valid += (valid.empty() ? "" : ", ") + n;
    }
    throw std::invalid_argument("unknown replacement policy '" + name + "' (valid: " + valid + ")");
}

} // namespace ns3
