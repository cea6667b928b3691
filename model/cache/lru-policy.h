/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LRU_POLICY_H
#define LRU_POLICY_H

#include "direct-node-table.h"
#include "huge-page-allocator.h"
#include "replacement-policy.h"

#include <boost/container/deque.hpp>
#include <boost/container/options.hpp>

#include <limits>
#include <unordered_map>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Least recently used: evicts the object whose last Insert or hit is the oldest. Every
 * access takes the next number of one counter, so the order is total (no ties).
 *
 * Exact LRU without a linked list: each object's node holds the number of its last access,
 * and every access appends (key, access number) to a FIFO queue. The queue is thus in
 * access order; its oldest entry whose number is still its object's last access names the
 * least recently used object. Entries of objects accessed again, erased or replaced since
 * (their node has another number, or is gone) are dropped when they reach the front.
 *
 * Why: at a million objects the replay is memory-latency bound. A list splice on a hit
 * touches the node and both its neighbours, three random cache lines; here a hit writes the
 * node (one random access; the queue's tail is sequential), and the eviction's check of
 * each entry's node is on a sequential queue, so its node is prefetched a few entries ahead.
 *
 * Nodes (8 bytes: access number and 32-bit size; sizes of 4 GiB and more are kept aside in
 * a hash map) live in place in a DirectNodeTable: small keys index an array of nodes, so a
 * lookup is one random access. The queue is a Boost.Container deque of 16-byte entries in
 * 2 MiB blocks; it is compacted (dead entries dropped) when it holds more than QUEUE_FACTOR
 * entries per object plus 1024, so that its memory stays bounded whatever the access
 * pattern. Access numbers are 32-bit: at the counter's limit the queue is compacted and the
 * objects renumbered 1..n in the same order (once per 4 G accesses).
 */
class LruPolicy : public ReplacementPolicy
{
  public:
    /**
     * \param capacity the capacity, bytes
     */
    explicit LruPolicy(uint64_t capacity);

    bool Lookup(Key key) override;
    bool Insert(Key key, uint64_t size, double cost = 1.0) override;
    void Prefetch(Key key) override;
    void Erase(Key key) override;
    bool Contains(Key key) const override;
    size_t GetObjectCount() const override;
    std::string GetName() const override;

    /**
     * For tests: renumber the access numbers when the counter reaches limit instead of
     * 2^32 - 1.
     * \param limit the counter's limit, > 1
     */
    void SetAccessLimit(uint32_t limit);

  private:
    /// A cached object; lives in m_table. 8 bytes: the array is read at random and its
    /// footprint (8 bytes per key of the universe) decides how much of it the caches hold.
    struct Node
    {
        uint32_t access{0}; //!< number of the last access (0: a free slot)
        uint32_t size{0};   //!< bytes, or LARGE: the size is in m_largeSizes

        /// \return true for a cached object
        bool Held() const
        {
            return access != 0;
        }
    };

    /// Node::size of an object of 4 GiB - 1 or more.
    static constexpr uint32_t LARGE = std::numeric_limits<uint32_t>::max();

    /// One access, in m_queue.
    struct Entry
    {
        /**
         * Built in place by emplace_back: a temporary copied in as one 16-byte load would
         * wait on its two smaller stores (a store-forwarding stall, seen in perf).
         * \param k the object
         * \param a the access number
         */
        Entry(Key k, uint32_t a)
            : key(k)
            , access(a)
        {}

        Key key;         //!< the object
        uint32_t access; //!< the access number
    };

    // The helpers of the per-request path are inline: the library is built with -fPIC, where
    // GCC neither inlines nor calls directly a function that could be interposed (perf
    // showed them called through the PLT).

    /// Queue entries per cached object (plus 1024) beyond which the queue is compacted.
    static constexpr size_t QUEUE_FACTOR = 4;
    /// Queue entries ahead of the one examined whose node is prefetched.
    static constexpr size_t AHEAD = 8;

    /**
     * Record an access of a cached object: a new access number, appended to the queue.
     * \param key the object
     * \param n its node
     */
    inline void Touch(Key key, Node& n);

    /**
     * \param key a cached object
     * \param n its node
     * \return its size, bytes
     */
    inline uint64_t SizeOf(Key key, const Node& n) const;

    /// Evict the least recently used object (there is one: m_used > 0).
    inline void EvictOne();

    /// Compact the queue if it holds too many dead entries.
    inline void MaybeCompact();

    /**
     * Drop the queue's dead entries.
     * \param renumber also number the objects 1..n in their access order (and the counter)
     */
    void Compact(bool renumber);

    /// Access log: 2 MiB blocks (huge pages), read and written sequentially.
    using Queue = boost::container::deque<
        Entry,
        HugePageAllocator<Entry>,
        boost::container::deque_options_t<boost::container::block_bytes<(size_t(2) << 20)>>>;

    DirectNodeTable<Node> m_table;                               //!< objects by key
    Queue m_queue;                                               //!< accesses, oldest first
    std::unordered_map<Key, uint64_t> m_largeSizes;              //!< sizes of LARGE nodes
    uint32_t m_clock{0};                                         //!< access counter
    uint32_t m_clockLimit{std::numeric_limits<uint32_t>::max()}; //!< renumber there
};

} // namespace ns3

#endif // LRU_POLICY_H
