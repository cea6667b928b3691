/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef GREEDY_DUAL_POLICY_H
#define GREEDY_DUAL_POLICY_H

#include "huge-page-allocator.h"
#include "object-table.h"
#include "replacement-policy.h"
#include "wide-uint.h"

#include <boost/heap/d_ary_heap.hpp>

#include <limits>

namespace ns3
{

/**
 * \ingroup web-proxy
 * The GreedyDual family of value-based policies: each object has a value H, the object with
 * the smallest H is evicted, and (with aging) the inflation value L is set to the H of each
 * victim. H is computed at Insert and at every hit, with the current L, f the number of
 * requests since the object was admitted (1 at Insert) and s = max(size, 1) bytes:
 *
 * | variant | H            | source |
 * |---------|--------------|--------|
 * | GDS1    | L + 1 / s    | Cao & Irani 1997, GreedyDual-Size with cost 1 |
 * | GDSLAT  | L + cost / s | Cao & Irani 1997, cost = fetch latency (s) |
 * | GDSF    | L + f / s    | Cherkasova 1998, GDSF with cost 1 (the cost argument is ignored) |
 * | LFUDA   | L + f        | Arlitt et al. 2000, LFU with dynamic aging |
 * | CSP     | cost * f / s | Triantafillou & Aekaterinidis 2003: cost, size, popularity; no aging |
 *
 * Ties of H are broken by recency: of equal H, the object whose last Insert or hit is the
 * oldest is evicted first (every access takes the next number of one counter, so the order
 * (H, access number) is total).
 *
 * Exact priorities (GDS1, GDSF, LFUDA): H is compared exactly, so that equal values are
 * equal and the recency rule decides (in floating point, L + f/s rounds: 1/30 + 1/6 comes
 * out below 1/5, and a tie is broken by rounding). Every H is a multiple of 1/D, with D the
 * least common multiple of the sizes admitted so far (1 for LFUDA), and is kept as the
 * integer H * D in 256 bits (WideUint); when a size that does not divide D arrives, D and
 * every numerator are multiplied by the same factor (order unchanged) and the heap rebuilt.
 * When D would exceed 2^192 or a numerator 2^256 (many sizes sharing few factors, as in
 * web traces), the policy falls back for good to double precision (IsExact() turns false):
 * the values are converted to the nearest doubles and the rest of the run compares doubles,
 * as GDSLAT and CSP (whose cost is a double) always do.
 *
 * The values are kept in a Boost.Heap d-ary heap (an array: few cache misses) of
 * (H, access number, node number) entries. A hit only raises H (L never decreases, f grows),
 * so it leaves the heap alone: an entry holds the value of its last placement, never more
 * than the current one, and an entry that reaches the top with an old access number is
 * placed again with the current value. The victim is thus still the minimum of the current
 * values and a hit costs O(1). Entries of erased or replaced objects (whose node's live
 * entry has another access number) are dropped when they reach the top, or when the heap
 * is rebuilt, once they outnumber the objects.
 *
 * Nodes (48 bytes) live in an ObjectTable, in place in a key-indexed array for small integer
 * keys (a lookup is one random access); the heap names them by node number (the key, for
 * those), so an eviction reaches its victim without a key lookup. Access numbers are
 * 32-bit, so that an entry is 16 bytes (four children of the 4-ary heap in 64 bytes); when
 * the counter reaches its limit the objects are renumbered 1..n in the same order and the
 * heap is rebuilt (once per 4 G accesses).
 */
class GreedyDualPolicy : public ReplacementPolicy
{
  public:
    /// Which H formula.
    enum Variant
    {
        GDS1,   //!< L + 1/s
        GDSLAT, //!< L + cost/s
        GDSF,   //!< L + f/s
        LFUDA,  //!< L + f
        CSP,    //!< cost * f / s
    };

    /**
     * \param capacity the capacity, bytes
     * \param variant the H formula
     */
    GreedyDualPolicy(uint64_t capacity, Variant variant);

    bool Lookup(Key key) override;
    /**
     * Insert (or replace) an object with f = 1, evicting the objects of smallest H (and, with
     * aging, raising L to each victim's H) until it fits.
     * \param key the object
     * \param size its size, bytes
     * \param cost its fetch cost (GDSLAT and CSP: seconds of latency; the others ignore it)
     * \return false (and nothing cached) when size > capacity
     * \throws std::invalid_argument for a negative or non-finite cost
     */
    bool Insert(Key key, uint64_t size, double cost = 1.0) override;
    void Prefetch(Key key) override;
    void Erase(Key key) override;
    bool Contains(Key key) const override;
    size_t GetObjectCount() const override;
    std::string GetName() const override;

    /// \return the inflation value L (0 for CSP)
    double GetInflation() const;

    /**
     * \param key a cached object
     * \return its current H (NaN when not cached)
     */
    double GetValue(Key key) const;

    /**
     * For tests: renumber the access numbers when the counter reaches limit instead of
     * 2^32 - 1.
     * \param limit the counter's limit, > 1
     */
    void SetAccessLimit(uint32_t limit);

    /// \return true while the priorities are compared exactly (see the class description)
    bool IsExact() const;

    /// Largest bit length of the common denominator D before the fallback to doubles.
    static constexpr int MAX_DENOMINATOR_BITS = 192;

  private:
    /// A cached object.
    struct Node
    {
        Key key{0};             //!< the object
        uint64_t size{0};       //!< bytes
        double cost{0};         //!< fetch cost
        double h{0};            //!< current value
        uint32_t access{0};     //!< number of the last access
        uint32_t heapAccess{0}; //!< access number of the object's live heap entry (0: none)
        uint32_t frequency{0};  //!< requests since admission
        WideUint hx;            //!< exact mode: H * D
    };

    /// A heap entry: an object's value and access number when it was placed.
    struct Entry
    {
        double h;        //!< value
        uint32_t access; //!< access number
        uint32_t slot;   //!< the object's node number
    };

    /// Heap order: the smallest (H, access) on top.
    struct Greater
    {
        bool operator()(const Entry& a, const Entry& b) const
        {
            return a.h > b.h || (a.h == b.h && a.access > b.access);
        }
    };

    using Heap = boost::heap::d_ary_heap<Entry,
                                         boost::heap::arity<4>,
                                         boost::heap::compare<Greater>,
                                         boost::heap::allocator<HugePageAllocator<Entry>>>;

    /// A heap entry of the exact mode.
    struct ExactEntry
    {
        WideUint h;      //!< value * D
        uint32_t access; //!< access number
        uint32_t slot;   //!< the object's node number
    };

    /// Heap order of the exact mode: the smallest (H, access) on top.
    struct ExactGreater
    {
        bool operator()(const ExactEntry& a, const ExactEntry& b) const
        {
            return b.h < a.h || (a.h == b.h && a.access > b.access);
        }
    };

    /// Exact-mode heap.
    using ExactHeap
        = boost::heap::d_ary_heap<ExactEntry,
                                  boost::heap::arity<4>,
                                  boost::heap::compare<ExactGreater>,
                                  boost::heap::allocator<HugePageAllocator<ExactEntry>>>;

    /// Place every object in a new heap, dropping dead entries.
    void Rebuild();

    /**
     * Evict from a heap until size more bytes fit.
     * \param heap the heap of the current mode
     * \param size the bytes
     */
    template <typename H>
    void MakeRoom(H& heap, uint64_t size);

    /**
     * Exact mode: make D a multiple of size (rescaling every value), or fall back to doubles.
     * \param size the size of an object to admit
     */
    void AdmitSize(uint64_t size);

    /**
     * Exact mode: set n.hx to n's value with the current L, or fall back to doubles (then
     * n.h is set).
     * \param n an object whose frequency and size are set
     */
    void SetExactValue(Node& n);

    /// Convert every value to double and compare doubles from now on.
    void FallBack();

    /**
     * \param n a node
     * \param unused selects the double value
     * \return its value in the double heap
     */
    static double Current(const Node& n, [[maybe_unused]] double unused)
    {
        return n.h;
    }

    /**
     * \param n a node
     * \param unused selects the exact value
     * \return its value in the exact heap
     */
    static const WideUint& Current(const Node& n, [[maybe_unused]] const WideUint& unused)
    {
        return n.hx;
    }

    /**
     * L becomes a victim's value.
     * \param h the victim's value
     */
    void Inflate(double h);

    /**
     * L becomes a victim's value (exact mode).
     * \param h the victim's value * D
     */
    void Inflate(const WideUint& h);

    /// \return the next access number (renumbers first at the counter's limit)
    inline uint32_t NextAccess();

    /**
     * \param n an object whose frequency and cost are set
     * \return its H with the current L
     */
    inline double Value(const Node& n) const;

    Variant m_variant;                                           //!< the H formula
    double m_inflation{0};                                       //!< L
    uint32_t m_clock{0};                                         //!< access counter
    uint32_t m_clockLimit{std::numeric_limits<uint32_t>::max()}; //!< renumber there
    ObjectTable<Node> m_table;                                   //!< objects by key
    Heap m_heap;                                                 //!< entries, smallest value on top
    bool m_exact;                                                //!< exact mode
    WideUint m_denominator{1};                                   //!< D
    WideUint m_inflationX;                                       //!< exact mode: L * D
    ExactHeap m_exactHeap; //!< exact mode: entries, smallest value on top
};

} // namespace ns3

#endif // GREEDY_DUAL_POLICY_H
