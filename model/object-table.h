/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef OBJECT_TABLE_H
#define OBJECT_TABLE_H

#include "huge-page-allocator.h"

#include <boost/container/deque.hpp>
#include <boost/container/options.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * The nodes of a replacement policy's cached objects, by key: a pool of nodes with stable
 * addresses (they are linked into Boost.Intrusive containers) and an index from key to node.
 *
 * The keys the module produces are interned object ids, small dense integers (CacheSimulator,
 * ProxyCache, the synthetic workload's object numbers). They are indexed by a direct array of
 * 32-bit node numbers: one memory access per lookup and 4 bytes per key up to the largest
 * key, instead of hashing into buckets of linked nodes. Any other key (beyond 64 Ki + 16
 * slots per node held, so that sparse keys cannot make the array huge) goes to a hash map;
 * the array grows geometrically and takes over the hash map's keys that it comes to cover.
 *
 * The pool is a Boost.Container deque of 2 MiB blocks and the array a vector, both from
 * HugePageAllocator: at a million objects they are read at random and would otherwise cost a
 * TLB miss per access as well.
 *
 * Node must have a member `key` (uint64_t), set by the table. Nodes are reused after Remove:
 * the caller initialises every other member after Add.
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

    /**
     * \param key the object
     * \return its node, or nullptr
     */
    Node* Find(Key key)
    {
        const uint32_t slot = Slot(key);
        return slot == NONE ? nullptr : &m_pool[slot];
    }

    /// \copydoc Find
    const Node* Find(Key key) const
    {
        const uint32_t slot = Slot(key);
        return slot == NONE ? nullptr : &m_pool[slot];
    }

    /**
     * \param key the object
     * \return its node number, or NONE
     */
    uint32_t Slot(Key key) const
    {
        if (key < m_dense.size())
        {
            return m_dense[key];
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
        return m_pool[slot];
    }

    /**
     * Add a node for a key that has none.
     * \param key the object
     * \return its node number (the node's other members are unspecified)
     */
    uint32_t Add(Key key)
    {
        uint32_t slot;
        if (m_free.empty())
        {
            slot = uint32_t(m_pool.size());
            m_pool.emplace_back();
        }
        else
        {
            slot = m_free.back();
            m_free.pop_back();
        }
        m_pool[slot].key = key;
        ++m_count;
        if (key >= m_dense.size() && key < DenseLimit())
        {
            Grow(key);
        }
        if (key < m_dense.size())
        {
            m_dense[key] = slot;
        }
        else
        {
            m_sparse.emplace(key, slot);
        }
        return slot;
    }

    /**
     * Remove a key's node (its container hooks must be unlinked by the caller).
     * \param key a key that has a node
     */
    void Remove(Key key)
    {
        uint32_t slot;
        if (key < m_dense.size())
        {
            slot = m_dense[key];
            m_dense[key] = NONE;
        }
        else
        {
            auto it = m_sparse.find(key);
            slot = it->second;
            m_sparse.erase(it);
        }
        m_free.push_back(slot);
        --m_count;
    }

    /**
     * Prefetch pipeline for a caller that knows its keys a few requests ahead and calls this
     * once per request, in request order: starts loading the index entry of key, the node
     * of the key given 4 calls ago (its entry loaded by now), and returns the node of the
     * key given 8 calls ago (loaded by now), for the policy to prefetch what that node
     * links to. A hint: nothing observable changes.
     * \param key a key that will be looked up after 12 more requests (the node is then
     *        loaded 8 requests ahead, what it links to 4 ahead)
     * \return a node to look through, or nullptr
     */
    const Node* Prefetch(Key key)
    {
        PrefetchIndex(key);
        PrefetchNode(m_ahead[(m_aheadPos + 4) % m_ahead.size()]);
        const Node* near = PrefetchNode(m_ahead[m_aheadPos]);
        m_ahead[m_aheadPos] = key;
        m_aheadPos = (m_aheadPos + 1) % m_ahead.size();
        return near;
    }

    /**
     * Start loading the index entry of a key (a hint; nothing changes).
     * \param key the object
     */
    void PrefetchIndex(Key key) const
    {
        if (key < m_dense.size())
        {
            __builtin_prefetch(&m_dense[key]);
        }
    }

    /**
     * Start loading the node of a key, if the index entry says there is one (best when the
     * entry was prefetched a while ago).
     * \param key the object
     * \return the node, or nullptr
     */
    const Node* PrefetchNode(Key key) const
    {
        if (key >= m_dense.size())
        {
            return nullptr;
        }
        const uint32_t slot = m_dense[key];
        if (slot == NONE)
        {
            return nullptr;
        }
        const Node* n = &m_pool[slot];
        __builtin_prefetch(n);
        return n;
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
        for (size_t slot = 0; slot < m_pool.size(); ++slot)
        {
            Node& n = m_pool[slot];
            if (Slot(n.key) == slot)
            {
                f(uint32_t(slot), n);
            }
        }
    }

  private:
    /// \return the array size beyond which keys go to the hash map
    size_t DenseLimit() const
    {
        return (size_t(1) << 16) + 16 * m_count;
    }

    /**
     * Grow the array to cover key (geometrically, within DenseLimit) and move the hash map's
     * keys it now covers.
     * \param key the key
     */
    void Grow(Key key)
    {
        const size_t size
            = std::max<size_t>(key + 1, std::min<size_t>(2 * m_dense.size(), DenseLimit()));
        m_dense.resize(size, NONE);
        for (auto it = m_sparse.begin(); it != m_sparse.end();)
        {
            if (it->first < size)
            {
                m_dense[it->first] = it->second;
                it = m_sparse.erase(it);
            }
            else
            {
                ++it;
            }
        }
    }

    /// Node storage: stable addresses, blocks of 2 MiB (huge pages).
    using Pool = boost::container::deque<
        Node,
        HugePageAllocator<Node>,
        boost::container::deque_options_t<boost::container::block_bytes<(size_t(2) << 20)>>>;

    Pool m_pool;                                                //!< the nodes
    std::vector<uint32_t> m_free;                               //!< node numbers free for reuse
    std::vector<uint32_t, HugePageAllocator<uint32_t>> m_dense; //!< node by key (small keys)
    std::unordered_map<Key, uint32_t> m_sparse; //!< node number by key, for the others
    size_t m_count{0};                          //!< nodes held
    std::array<Key, 8> m_ahead{};               //!< keys of the last 8 Prefetch calls
    size_t m_aheadPos{0};                       //!< oldest of them
};

} // namespace ns3

#endif // OBJECT_TABLE_H
