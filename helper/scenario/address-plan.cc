/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "address-plan.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{

Ipv4Mask
AddressPlan::Block::GetMask() const
{
    return Ipv4Mask(prefix == 0 ? 0u : ~0u << (32 - prefix));
}

uint64_t
AddressPlan::Block::GetSize() const
{
    return uint64_t{1} << (32 - prefix);
}

std::string
AddressPlan::Block::ToString() const
{
    std::ostringstream os;
    os << network << '/' << prefix;
    return os.str();
}

Ipv4AddressHelper
AddressPlan::Block::MakeHelper() const
{
    return Ipv4AddressHelper(network, GetMask(), "0.0.0.1");
}

Ipv4InterfaceContainer
AddressPlan::Block::Assign(const NetDeviceContainer& devices) const
{
    // Host addresses: all but the network and broadcast addresses (a /31 or /32 has no such).
    const uint64_t size = GetSize();
    const uint64_t hosts = size > 2 ? size - 2 : size;
    if (devices.GetN() > hosts)
    {
        throw AddressPlanError(AddressPlanError::TOO_SMALL,
                               "block " + name + " (" + ToString() + ") has "
                                   + std::to_string(hosts) + " host addresses for "
                                   + std::to_string(devices.GetN()) + " devices");
    }
    return MakeHelper().Assign(devices);
}

const AddressPlan::Block*
AddressPlan::FindOverlap(const std::vector<Block>& in, uint32_t first, uint64_t size) const
{
    const uint64_t last = first + size - 1;
    for (const Block& b : in)
    {
        const uint64_t bFirst = b.network.Get();
        const uint64_t bLast = bFirst + b.GetSize() - 1;
        if (bFirst <= last && first <= bLast)
        {
            return &b;
        }
    }
    return nullptr;
}

void
AddressPlan::CheckNew(const std::string& name, Ipv4Address network, uint32_t prefix) const
{
    for (const auto* list : {&m_pools, &m_blocks})
    {
        for (const Block& b : *list)
        {
            if (b.name == name)
            {
                throw AddressPlanError(AddressPlanError::DUPLICATE_NAME,
                                       "'" + name + "' is already " + b.ToString());
            }
        }
    }
    if (prefix < 1 || prefix > 32)
    {
        throw AddressPlanError(AddressPlanError::BAD_PREFIX,
                               "'" + name + "': prefix length " + std::to_string(prefix)
                                   + " is not in 1..32");
    }
    Block b{name, "", network, prefix, false};
    if (network.CombineMask(b.GetMask()) != network)
    {
        throw AddressPlanError(AddressPlanError::MISALIGNED,
                               "'" + name + "': " + b.ToString() + " has host bits set");
    }
}

void
AddressPlan::AddPool(const std::string& name, Ipv4Address network, uint32_t prefix)
{
    CheckNew(name, network, prefix);
    Block pool{name, name, network, prefix, false};
    if (const Block* o = FindOverlap(m_pools, network.Get(), pool.GetSize()))
    {
        throw AddressPlanError(AddressPlanError::OVERLAP,
                               "pool '" + name + "' " + pool.ToString() + " overlaps pool '"
                                   + o->name + "' " + o->ToString());
    }
    m_pools.push_back(pool);
}

AddressPlan::Block
AddressPlan::Allocate(const std::string& pool, const std::string& name, uint32_t prefix)
{
    auto p = std::find_if(
        m_pools.begin(), m_pools.end(), [&](const Block& b) { return b.name == pool; });
    if (p == m_pools.end())
    {
        throw AddressPlanError(AddressPlanError::UNKNOWN_NAME,
                               "block '" + name + "': no pool '" + pool + "'");
    }
    if (prefix < p->prefix || prefix > 32)
    {
        throw AddressPlanError(AddressPlanError::BAD_PREFIX,
                               "block '" + name + "': /" + std::to_string(prefix)
                                   + " does not fit in pool '" + pool + "' " + p->ToString());
    }
    Block b{name, pool, Ipv4Address::GetZero(), prefix, false};
    CheckNew(name, p->network, prefix);
    const uint64_t size = b.GetSize();
    const uint64_t end = uint64_t{p->network.Get()} + p->GetSize();
    uint64_t candidate = p->network.Get();
    while (candidate + size <= end)
    {
        const Block* o = FindOverlap(m_blocks, static_cast<uint32_t>(candidate), size);
        if (!o)
        {
            b.network = Ipv4Address(static_cast<uint32_t>(candidate));
            m_blocks.push_back(b);
            return b;
        }
        // Past the overlapping block, rounded up to the next boundary of this size.
        const uint64_t past = uint64_t{o->network.Get()} + o->GetSize();
        candidate = (past + size - 1) / size * size;
    }
    throw AddressPlanError(AddressPlanError::POOL_EXHAUSTED,
                           "block '" + name + "': no free /" + std::to_string(prefix)
                               + " left in pool '" + pool + "' " + p->ToString());
}

NetDeviceContainer
AddressPlan::Link(const PointToPointHelper& link,
                  Ptr<Node> a,
                  Ptr<Node> b,
                  const std::string& pool,
                  const std::string& name)
{
    // Allocated before the devices exist: a full pool or a taken name leaves no half-made link.
    const Block block = Allocate(pool, name, 30);
    PointToPointHelper helper = link;
    NetDeviceContainer devices = helper.Install(a, b);
    block.Assign(devices);
    return devices;
}

NetDeviceContainer
AddressPlan::LinkIn(AddressPlan* plan,
                    const PointToPointHelper& link,
                    Ptr<Node> a,
                    Ptr<Node> b,
                    const std::string& pool,
                    const std::string& name,
                    Ipv4Address fixed)
{
    if (plan)
    {
        return plan->Link(link, a, b, pool, name);
    }
    PointToPointHelper helper = link;
    NetDeviceContainer devices = helper.Install(a, b);
    Ipv4AddressHelper(fixed, "255.255.255.252").Assign(devices);
    return devices;
}

AddressPlan::Block
AddressPlan::Reserve(const std::string& name, Ipv4Address network, uint32_t prefix)
{
    CheckNew(name, network, prefix);
    Block b{name, "", network, prefix, true};
    if (const Block* o = FindOverlap(m_blocks, network.Get(), b.GetSize()))
    {
        throw AddressPlanError(AddressPlanError::OVERLAP,
                               "reserved block '" + name + "' " + b.ToString() + " overlaps block '"
                                   + o->name + "' " + o->ToString());
    }
    for (const Block& p : m_pools)
    {
        if (network.CombineMask(p.GetMask()) == p.network && prefix >= p.prefix)
        {
            b.pool = p.name;
        }
    }
    m_blocks.push_back(b);
    return b;
}

const AddressPlan::Block&
AddressPlan::Get(const std::string& name) const
{
    for (const Block& b : m_blocks)
    {
        if (b.name == name)
        {
            return b;
        }
    }
    throw AddressPlanError(AddressPlanError::UNKNOWN_NAME, "no block '" + name + "'");
}

std::vector<AddressPlan::Block>
AddressPlan::GetBlocks() const
{
    std::vector<Block> sorted = m_blocks;
    std::sort(sorted.begin(),
              sorted.end(),
              [](const Block& a, const Block& b) { return a.network.Get() < b.network.Get(); });
    return sorted;
}

std::string
AddressPlan::Print() const
{
    std::ostringstream os;
    os << "address plan: " << m_pools.size() << " pools, " << m_blocks.size() << " blocks\n";
    size_t width = 4;
    for (const auto* list : {&m_pools, &m_blocks})
    {
        for (const Block& b : *list)
        {
            width = std::max(width, b.name.size());
        }
    }
    for (const Block& p : m_pools)
    {
        uint64_t used = 0;
        uint32_t n = 0;
        for (const Block& b : m_blocks)
        {
            if (b.pool == p.name)
            {
                used += b.GetSize();
                ++n;
            }
        }
        os << "pool  " << std::left << std::setw(width) << p.name << "  " << std::setw(18)
           << p.ToString() << "  " << n << " blocks, " << used << " of " << p.GetSize()
           << " addresses\n";
    }
    for (const Block& b : GetBlocks())
    {
        os << "block " << std::left << std::setw(width) << b.name << "  " << std::setw(18)
           << b.ToString() << "  " << (b.reserved ? "reserved" : "allocated") << " in "
           << (b.pool.empty() ? "no pool" : "pool " + b.pool) << '\n';
    }
    return os.str();
}

uint32_t
AddressPlan::PrefixFor(uint64_t addresses)
{
    if (addresses == 0 || addresses > (uint64_t{1} << 32))
    {
        throw AddressPlanError(AddressPlanError::BAD_PREFIX,
                               "no block holds " + std::to_string(addresses) + " addresses");
    }
    uint32_t prefix = 32;
    while ((uint64_t{1} << (32 - prefix)) < addresses)
    {
        --prefix;
    }
    return prefix;
}

} // namespace ns3
