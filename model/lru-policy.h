/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LRU_POLICY_H
#define LRU_POLICY_H

#include "object-table.h"
#include "replacement-policy.h"

#include <boost/intrusive/list.hpp>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Least recently used: evicts the object whose last Insert or hit is the oldest. The order
 * is total (one list), so there are no ties.
 *
 * Nodes (32 bytes, two to a cache line) live in an ObjectTable: small integer keys are
 * found through a direct array, so a hit costs the index entry, the node and its two list
 * neighbours.
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

  private:
    /// The list hook: no safe-mode checks, no size counter.
    using Hook = boost::intrusive::list_member_hook<
        boost::intrusive::link_mode<boost::intrusive::normal_link>>;

    /// A cached object; lives in m_table, linked into m_order.
    struct alignas(32) Node
    {
        Key key{0};       //!< the object
        uint64_t size{0}; //!< bytes
        Hook hook;        //!< m_order link
    };

    using List = boost::intrusive::list<Node,
                                        boost::intrusive::member_hook<Node, Hook, &Node::hook>,
                                        boost::intrusive::constant_time_size<false>>;

    /// Start loading what the next eviction touches: the tail's index entry and neighbour.
    void PrefetchVictim() const;

    ObjectTable<Node> m_table; //!< objects by key
    List m_order;              //!< most recently used first
};

} // namespace ns3

#endif // LRU_POLICY_H
