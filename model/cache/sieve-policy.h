/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SIEVE_POLICY_H
#define SIEVE_POLICY_H

#include "replacement-policy.h"

#include <boost/intrusive/list.hpp>

#include <unordered_map>

namespace ns3
{

/**
 * \ingroup web-proxy
 * SIEVE (Zhang et al., NSDI 2024): one FIFO queue, new objects at the head, a visited bit
 * set by hits, and a hand that moves from the tail toward the head. To evict, the hand
 * clears the visited bits it passes and evicts the first object without one, then stays on
 * the object after the victim (toward the head); past the head it starts again at the tail.
 * Objects are never moved on a hit. Deterministic: no ties.
 */
class SievePolicy : public ReplacementPolicy
{
  public:
    /**
     * \param capacity the capacity, bytes
     */
    explicit SievePolicy(uint64_t capacity);

    bool Lookup(Key key) override;
    bool Insert(Key key, uint64_t size, double cost = 1.0) override;
    void Erase(Key key) override;
    bool Contains(Key key) const override;
    size_t GetObjectCount() const override;
    std::string GetName() const override;

  private:
    /// Hook of the queue.
    using Hook = boost::intrusive::list_member_hook<
        boost::intrusive::link_mode<boost::intrusive::normal_link>>;

    /// A cached object; lives in m_index, linked into m_queue.
    struct Node
    {
        Key key{0};          //!< the object
        uint64_t size{0};    //!< bytes
        bool visited{false}; //!< hit since the hand last passed
        Hook hook;           //!< m_queue link
    };

    using Queue = boost::intrusive::list<Node,
                                         boost::intrusive::member_hook<Node, Hook, &Node::hook>,
                                         boost::intrusive::constant_time_size<false>>;

    /// Evict one object (the queue is not empty).
    void EvictOne();

    std::unordered_map<Key, Node> m_index; //!< objects by key (node addresses are stable)
    Queue m_queue;                         //!< newest first (head = begin)
    Queue::iterator m_hand;                //!< next object to examine; end(): start at the tail
};

} // namespace ns3

#endif // SIEVE_POLICY_H
