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
 * S3-FIFO (Yang et al., "FIFO queues are all you need for cache eviction", SOSP 2023), in
 * bytes, as libCacheSim's S3FIFO.c (the authors' implementation, default parameters) runs it:
 * a small FIFO queue S of floor(0.1 * capacity) bytes, a main FIFO queue M of the rest, and a
 * ghost FIFO queue G of evicted keys (no data) of floor(0.9 * capacity) bytes of the objects'
 * sizes (a size of 0 counts as 1, so that G stays bounded). Each cached object has a
 * frequency, 0 at insertion, +1 per hit, capped at 3 (a 2-bit counter).
 *
 * Admission: an object larger than S is never admitted (Insert returns false, nothing is
 * evicted); nor is one of exactly S's size that would go to S. A missed key found in G leaves
 * G and the object goes to the head of M; any other goes to the head of S.
 *
 * Eviction, repeated until the new object fits: if M holds more than its share
 * (capacity - |S|) or S is empty, evict from M, otherwise from S.
 * - From S: take the tail t. If t.freq > 1 (hit at least twice while in S: the paper's
 *   Algorithm 1, libCacheSim's move-to-main-threshold=2), t moves to the head of M with
 *   frequency 0 and the next tail is examined; otherwise t is evicted and its key enters G
 *   (the oldest keys of G leave as needed). One object is evicted (or S empties).
 * - From M: take the tail t. If t.freq > 0, it is decremented and t goes to the head of M;
 *   otherwise t is evicted. Repeated until one object is evicted.
 * Moving objects from S to M does not evict from M at once (libCacheSim; the paper's
 * Algorithm 1 calls evictM when M is full): M may exceed its share until the next step.
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

    /// \return bytes in the main queue
    uint64_t GetMainBytes() const;

    /// Highest frequency counted.
    static constexpr uint8_t MAX_FREQUENCY = 3;
    /// Hits in S that send an object to M when it reaches S's tail.
    static constexpr uint8_t MOVE_TO_MAIN = 2;

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

    /// Evict one object (see the class description); the cache is not empty.
    void Evict();
    /// Evict from S: move hit tails to M until one tail is evicted or S is empty.
    void EvictSmall();
    /// Evict from M: reinsert tails with a frequency until one is evicted.
    void EvictMain();
    /**
     * Remember an evicted key in G.
     * \param key the key
     * \param size its size, bytes
     */
    void AddGhost(Key key, uint64_t size);

    uint64_t m_smallCapacity;               //!< bytes of S
    uint64_t m_mainCapacity;                //!< bytes of M (its share)
    uint64_t m_ghostCapacity;               //!< bytes of G
    uint64_t m_smallBytes{0};               //!< bytes in S
    uint64_t m_mainBytes{0};                //!< bytes in M
    uint64_t m_ghostBytes{0};               //!< bytes in G (sizes of 0 count as 1)
    std::unordered_map<Key, Node> m_index;  //!< cached objects by key
    std::unordered_map<Key, Node> m_ghosts; //!< ghost keys
    Queue m_small;                          //!< S, newest first
    Queue m_main;                           //!< M, newest first
    Queue m_ghost;                          //!< G, newest first
};

} // namespace ns3

#endif // S3_FIFO_POLICY_H
