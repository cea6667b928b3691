/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef S3_FIFO_POLICY_H
#define S3_FIFO_POLICY_H

#include "replacement-policy.h"

#include <boost/intrusive/list.hpp>

#include <unordered_map>

namespace ns3
{

/**
 * \ingroup web-proxy
 * S3-FIFO (Yang et al., SOSP 2023), in bytes: a small FIFO queue S (target: 10% of the
 * capacity, rounded down), a main FIFO queue M, and a ghost FIFO queue G of recently evicted
 * keys (no data; at most capacity - target bytes of the objects' sizes, a size of 0
 * counting as 1). Each cached object has a 2-bit frequency, 0 at insertion, +1 per hit
 * (capped at 3).
 *
 * A new object goes to the head of M if its key is in G (and leaves G), otherwise to the
 * head of S. To make room, one step at a time until the object fits:
 * - if S is not empty and holds at least its target (or M is empty): the tail t of S leaves
 *   S; if t was hit at least once it goes to the head of M with frequency 0, otherwise it is
 *   evicted and its key enters G (the oldest keys of G leave as needed);
 * - otherwise the tail t of M: if its frequency is above 0 it is decremented and t goes to
 *   the head of M, otherwise t is evicted.
 * Deterministic: no ties. A hit on a ghost key is a miss (Lookup returns false).
 */
class S3FifoPolicy : public ReplacementPolicy
{
  public:
    /**
     * \param capacity the capacity, bytes
     */
    explicit S3FifoPolicy(uint64_t capacity);

    bool Lookup(Key key) override;
    bool Insert(Key key, uint64_t size, double cost = 1.0) override;
    void Erase(Key key) override;
    bool Contains(Key key) const override;
    size_t GetObjectCount() const override;
    std::string GetName() const override;

    /// \return bytes in the small queue
    uint64_t GetSmallBytes() const;
    /// \return keys in the ghost queue
    size_t GetGhostCount() const;

    /// Highest frequency counted.
    static constexpr uint8_t MAX_FREQUENCY = 3;

  private:
    /// Hook of the queues.
    using Hook = boost::intrusive::list_member_hook<
        boost::intrusive::link_mode<boost::intrusive::normal_link>>;

    /// A cached object (in S or M) or a ghost key (in G).
    struct Node
    {
        Key key{0};           //!< the object
        uint64_t size{0};     //!< bytes
        uint8_t frequency{0}; //!< hits, capped
        bool main{false};     //!< in M (else in S)
        Hook hook;            //!< queue link
    };

    using Queue = boost::intrusive::list<Node,
                                         boost::intrusive::member_hook<Node, Hook, &Node::hook>,
                                         boost::intrusive::constant_time_size<false>>;

    /// Free room by one step (see the class description); the cache is not empty.
    void Step();
    /**
     * Remember an evicted key in G.
     * \param key the key
     * \param size its size, bytes
     */
    void AddGhost(Key key, uint64_t size);

    uint64_t m_smallTarget;                 //!< target bytes of S
    uint64_t m_ghostCapacity;               //!< bytes of G
    uint64_t m_smallBytes{0};               //!< bytes in S
    uint64_t m_ghostBytes{0};               //!< bytes in G (sizes of 0 count as 1)
    std::unordered_map<Key, Node> m_index;  //!< cached objects by key
    std::unordered_map<Key, Node> m_ghosts; //!< ghost keys
    Queue m_small;                          //!< S, newest first
    Queue m_main;                           //!< M, newest first
    Queue m_ghost;                          //!< G, newest first
};

} // namespace ns3

#endif // S3_FIFO_POLICY_H
