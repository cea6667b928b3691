/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DIRECT_NODE_TABLE_H
#define DIRECT_NODE_TABLE_H

#include "huge-page-allocator.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A replacement policy's per-object nodes stored in place by key: small keys index an array
 * of nodes directly, the others go to a hash map.
 *
 * Unlike ObjectTable (an index of node numbers into a pool), a lookup of a small key is one
 * random memory access: the node itself. This suits policies whose nodes do not point at
 * each other (LruPolicy names its objects by key in an access queue): nodes move when the
 * array grows, so no pointer to a node is kept across an Add.
 *
 * The keys the module produces are interned object ids, small dense integers, so the array
 * covers them all; it costs sizeof(Node) bytes per key up to the largest key, held or not.
 * Any other key (beyond 64 Ki + 16 slots per node held, so that sparse keys cannot make the
 * array huge) goes to a std::unordered_map; the array grows geometrically and takes over the
 * map's keys that it comes to cover. The array comes from HugePageAllocator: at a million
 * objects it is read at random and would otherwise cost a TLB miss per access as well.
 *
 * Node must be default-constructible and have `bool Held() const`, false for a
 * default-constructed node (the array's free slots) and true once the caller has filled in
 * a node after Add.
 *
 * \tparam Node the policy's node type
 */
template <typename Node>
class DirectNodeTable
{
  public:
    /// Object id.
    using Key = uint64_t;

    /**
     * \param key the object
     * \return its node, or nullptr (valid until the next Add or Remove)
     */
    Node* Find(Key key)
    {
        if (key < m_dense.size())
        {
            Node& n = m_dense[key];
            return n.Held() ? &n : nullptr;
        }
        return FindSparse(key);
    }

    /// \copydoc Find
    const Node* Find(Key key) const
    {
        return const_cast<DirectNodeTable*>(this)->Find(key);
    }

    /**
     * Add a node for a key that has none.
     * \param key the object
     * \return its node, default-constructed: the caller must make it Held before the next
     *         Find (valid until the next Add or Remove)
     */
    Node& Add(Key key)
    {
        ++m_count;
        if (key >= m_dense.size() && key < DenseLimit())
        {
            Grow(key);
        }
        if (key < m_dense.size())
        {
            return m_dense[key] = Node{};
        }
        return m_sparse[key] = Node{};
    }

    /**
     * Remove a key's node.
     * \param key a key that has a node
     */
    void Remove(Key key)
    {
        if (key < m_dense.size())
        {
            m_dense[key] = Node{};
        }
        else
        {
            m_sparse.erase(key);
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

  private:
    /// \param key a key beyond the array \return its node in the hash map, or nullptr
    Node* FindSparse(Key key)
    {
        if (m_sparse.empty())
        {
            return nullptr;
        }
        auto it = m_sparse.find(key);
        return it == m_sparse.end() ? nullptr : &it->second;
    }

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
        m_dense.resize(size);
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

    std::vector<Node, HugePageAllocator<Node>> m_dense; //!< nodes by key (small keys)
    std::unordered_map<Key, Node> m_sparse;             //!< nodes of the other keys
    size_t m_count{0};                                  //!< nodes held
};

} // namespace ns3

#endif // DIRECT_NODE_TABLE_H
