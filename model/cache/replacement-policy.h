/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef REPLACEMENT_POLICY_H
#define REPLACEMENT_POLICY_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Byte-capacity cache store with a replacement policy. Keys are interned object ids.
 *
 * Plain C++ (no simulator): ProxyCache, the trace-driven CacheSimulator and the benchmarks
 * use the same objects. Rules common to every policy:
 * - an object larger than the capacity is never admitted (Insert returns false);
 * - Insert evicts, in the policy's order, until the new object fits, and calls the evict
 *   callback once per victim, with the victim's size;
 * - Insert of a key already cached replaces it: the old copy is removed as by Erase (its
 *   policy state, e.g. frequency, is forgotten; no callback) and the new one inserted as a
 *   new object. When the new size exceeds the capacity the old copy is removed all the same;
 * - Erase and Contains neither call the callback nor change the policy state.
 * Every order is deterministic (see each policy for its tie-breaking), so that a run
 * depends on the request sequence only.
 */
class ReplacementPolicy
{
  public:
    /// Object id.
    using Key = uint64_t;
    /// Called once per object evicted to make room, with its key and size in bytes.
    using EvictCallback = std::function<void(Key key, uint64_t size)>;

    virtual ~ReplacementPolicy() = default;

    // Policies link their nodes into intrusive containers: not copyable.
    ReplacementPolicy(const ReplacementPolicy&) = delete;
    ReplacementPolicy& operator=(const ReplacementPolicy&) = delete;

    /**
     * Look a key up; on a hit update the policy state (recency, frequency, H value).
     * \param key the object
     * \return true on a hit
     */
    virtual bool Lookup(Key key) = 0;

    /**
     * Insert (or replace) an object.
     * \param key the object
     * \param size its size, bytes
     * \param cost its fetch cost (GDSLAT and CSP: seconds of latency; the others ignore it)
     * \return false (and nothing cached) when size > capacity
     */
    virtual bool Insert(Key key, uint64_t size, double cost = 1.0) = 0;

    /**
     * A hint for callers that know their requests ahead (trace replay): key will be looked
     * up after 12 more requests. Call once per request, in request order; LRU and the
     * GreedyDual family start loading its node (in place in their key-indexed arrays), so
     * that the lookup finds it in the caches. Nothing observable changes; the default does
     * nothing.
     * \param key the object
     */
    virtual void Prefetch(Key key);

    /**
     * Remove an object, if cached (no callback).
     * \param key the object
     */
    virtual void Erase(Key key) = 0;

    /**
     * \param key the object
     * \return true if cached (no state update)
     */
    virtual bool Contains(Key key) const = 0;

    /// \return bytes cached
    virtual uint64_t GetUsedBytes() const;
    /// \return the capacity, bytes
    virtual uint64_t GetCapacity() const;
    /// \return objects cached
    virtual size_t GetObjectCount() const = 0;
    /// \return the policy name, as CreateReplacementPolicy accepts it
    virtual std::string GetName() const = 0;

    /**
     * \param cb called per victim of an eviction (may be empty); it must not change the
     *        policy (it runs in the middle of an Insert)
     */
    void SetEvictCallback(EvictCallback cb);

  protected:
    /**
     * \param capacity the capacity, bytes
     */
    explicit ReplacementPolicy(uint64_t capacity);

    /**
     * Tell the evict callback about a victim.
     * \param key the victim
     * \param size its size, bytes
     */
    void NotifyEvict(Key key, uint64_t size) const;

    uint64_t m_capacity; //!< capacity, bytes
    uint64_t m_used{0};  //!< bytes cached

  private:
    EvictCallback m_evict; //!< victim callback
};

/**
 * \ingroup web-proxy
 * Create a policy by name (case-insensitive): "LRU", "LFU" (LFU with dynamic aging),
 * "GDS1" (GreedyDual-Size, cost 1), "GDSLAT" (GreedyDual-Size, cost = latency), "GDSF",
 * "CSP", "SIEVE", "S3FIFO".
 * \param name the policy
 * \param capacityBytes the capacity, bytes
 * \return the policy
 * \throws std::invalid_argument naming the bad name and listing the valid ones
 */
std::unique_ptr<ReplacementPolicy> CreateReplacementPolicy(const std::string& name,
                                                           uint64_t capacityBytes);

/// \return the names CreateReplacementPolicy accepts, in their canonical spelling
std::vector<std::string> GetReplacementPolicyNames();

} // namespace ns3

#endif // REPLACEMENT_POLICY_H
