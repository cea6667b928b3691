/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef OBJECT_TABLE_H
#define OBJECT_TABLE_H

#include "huge-page-allocator.h"

#include <boost/container/deque.hpp>
#include <boost/container/options.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * The nodes of a replacement policy's cached objects, by key, each with a 32-bit node number
 * that stays valid while the node is held (a policy's heap names its nodes by number).
 *
 * The keys the module produces are interned object ids, small dense integers (CacheSimulator,
 * ProxyCache, the synthetic workload's object numbers). Their nodes live in place in an
 * array indexed by key, and a node's number is its key: a lookup is one random memory access,
 * the node itself, instead of an index entry and then a node elsewhere. The array costs
 * sizeof(Node) bytes per key up to the largest key, held or not. Any other key (beyond
 * 64 Ki + 16 slots per node held, so that sparse keys cannot make the array huge) gets a node
 * in a pool (a Boost.Container deque: stable addresses, freed nodes reused), numbered from
 * 2^31, found through a std::unordered_map. The array grows geometrically; a pool node stays
 * in the pool when the array comes to cover its key (its number must not change), so a key
 * within the array is looked up in the map too when its array slot is free and the map is
 * not empty.
 *
 * The array and the pool's 2 MiB blocks come from HugePageAllocator: at a million objects
 * they are read at random and would otherwise cost a TLB miss per access as well.
 *
 * Node must have a member `key` (uint64_t), set by the table; a free array slot has the key
 * FREE (never an array index). Add value-initialises the node's other members. Nodes in the
 * array move when it grows: keep node numbers, not pointers, across an Add.
 *
 * \tparam Node the policy's node type
 */
template <typename Node>
class ObjectTable
{
  public:
    /// Object id.
    using Key = uint64_t;
    /// Node number of an absent key.
    static constexpr uint32_t NONE = std::numeric_limits<uint32_t>::max();
    /// Key of a free array slot.
    static constexpr Key FREE = std::numeric_limits<Key>::max();

    /**
     * \param key the object
     * \return its node, or nullptr
     */
    Node* Find(Key key)
    {
        const uint32_t slot = Slot(key);
        return slot == NONE ? nullptr : &At(slot);
    }

    /// \copydoc Find
    const Node* Find(Key key) const
    {
        return const_cast<ObjectTable*>(this)->Find(key);
    }

    /**
     * \param key the object
     * \return its node number, or NONE
     */
    uint32_t Slot(Key key) const
    {
        if (key < m_dense.size() && m_dense[key].key == key)
        {
            return uint32_t(key);
        }
        if (m_sparse.empty())
        {
            return NONE;
        }
        auto it = m_sparse.find(key);
        return it == m_sparse.end() ? NONE : it->second;
    }

    /**
     * \param slot a node number of a held node
     * \return the node
     */
    Node& At(uint32_t slot)
    {
        return (slot & POOL) ? m_pool[slot & ~POOL] : m_dense[slot];
    }

    /**
     * Add a node for a key that has none.
     * \param key the object
     * \return its node number (the node's other members are value-initialised)
     */
    uint32_t Add(Key key)
    {
        ++m_count;
        if (key >= m_dense.size() && key < DenseLimit())
        {
            Grow(key);
        }
        if (key < m_dense.size())
        {
            Node& n = m_dense[key];
            n = Node{};
            n.key = key;
            return uint32_t(key);
        }
        uint32_t index;
        if (m_free.empty())
        {
            index = uint32_t(m_pool.size());
            m_pool.emplace_back();
        }
        else
        {
            index = m_free.back();
            m_free.pop_back();
            m_pool[index] = Node{};
        }
        m_pool[index].key = key;
        m_sparse.emplace(key, POOL | index);
        return POOL | index;
    }

    /**
     * Remove a key's node (its container hooks, if any, must be unlinked by the caller).
     * \param key a key that has a node
     */
    void Remove(Key key)
    {
        if (key < m_dense.size() && m_dense[key].key == key)
        {
            m_dense[key].key = FREE;
        }
        else
        {
            auto it = m_sparse.find(key);
            m_pool[it->second & ~POOL].key = FREE;
            m_free.push_back(it->second & ~POOL);
            m_sparse.erase(it);
        }
        --m_count;
    }

    /**
     * Start loading the node of a key (a hint; nothing changes).
     * \param key the object
     */
    void Prefetch(Key key) const
    {
        if (key < m_dense.size())
        {
            __builtin_prefetch(&m_dense[key]);
        }
    }

    /// \return the number of nodes held
    size_t Size() const
    {
        return m_count;
    }

    /**
     * Call f(node number, node) for every node held, in node number order.
     * \param f the function
     */
    template <typename F>
    void ForEach(F f)
    {
        for (size_t key = 0; key < m_dense.size(); ++key)
        {
            if (m_dense[key].key == key)
            {
                f(uint32_t(key), m_dense[key]);
            }
        }
        for (size_t index = 0; index < m_pool.size(); ++index)
        {
            if (m_pool[index].key != FREE)
            {
                f(uint32_t(POOL | index), m_pool[index]);
            }
        }
    }

  private:
    /// Node numbers of pool nodes have this bit set; array keys stay below it.
    static constexpr uint32_t POOL = uint32_t(1) << 31;

    /// \return the array size beyond which keys go to the pool
    size_t DenseLimit() const
    {
        return std::min<size_t>((size_t(1) << 16) + 16 * m_count, POOL);
    }

    /**
     * Grow the array to cover key (geometrically, within DenseLimit).
     * \param key the key
     */
    void Grow(Key key)
    {
        const size_t size
            = std::max<size_t>(key + 1, std::min<size_t>(2 * m_dense.size(), DenseLimit()));
        Node free{};
        free.key = FREE;
        m_dense.resize(size, free);
    }

    /// Pool of the other keys' nodes: stable addresses, blocks of 2 MiB (huge pages).
    using Pool = boost::container::deque<
        Node,
        HugePageAllocator<Node>,
        boost::container::deque_options_t<boost::container::block_bytes<(size_t(2) << 20)>>>;

    std::vector<Node, HugePageAllocator<Node>> m_dense; //!< nodes by key (small keys)
    Pool m_pool;                                        //!< nodes of the other keys
    std::vector<uint32_t> m_free;                       //!< pool indexes free for reuse
    std::unordered_map<Key, uint32_t> m_sparse;         //!< node number by key, pool nodes
    size_t m_count{0};                                  //!< nodes held
};

} // namespace ns3

#endif // OBJECT_TABLE_H
