/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNS_CACHE_H
#define DNS_CACHE_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A resolver's answers, each kept until its TTL runs out, at most a fixed number of names:
 * inserting into a full cache first drops the expired entries, then the one expiring
 * soonest. An entry is valid while now < the time it was stored + its TTL.
 */
class DnsCache
{
  public:
    /// \param capacity most names kept (0: nothing is cached)
    explicit DnsCache(uint32_t capacity = 64);

    /// \param capacity most names kept; entries beyond it are dropped, soonest expiring first
    void SetCapacity(uint32_t capacity);

    /**
     * \param name the name (canonical form)
     * \param now the time
     * \return its address, if stored and not expired (an expired entry is dropped)
     */
    std::optional<Ipv4Address> Lookup(const std::string& name, Time now);

    /**
     * \brief Store an answer (replacing one for the same name). A TTL of 0 stores nothing.
     * \param name the name (canonical form)
     * \param address its address
     * \param ttl how long it may be used
     * \param now the time
     */
    void Insert(const std::string& name, Ipv4Address address, Time ttl, Time now);

    /// \return names stored (expired ones included until they are looked up or evicted)
    uint32_t GetSize() const;

    /// Forget everything.
    void Clear();

  private:
    /// Remove the entry expiring soonest.
    void EvictOne();

    /// A stored answer.
    struct Entry
    {
        Ipv4Address address; //!< the answer
        Time expiry;         //!< usable while now < expiry
    };

    uint32_t m_capacity;                  //!< most entries
    std::map<std::string, Entry> m_table; //!< by name
};

} // namespace ns3

#endif // DNS_CACHE_H
