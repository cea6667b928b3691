/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LRU_POLICY_H
#define LRU_POLICY_H

#include "replacement-policy.h"

#include <boost/intrusive/list.hpp>

#include <unordered_map>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Least recently used: evicts the object whose last Insert or hit is the oldest. The order
 * is total (one list), so there are no ties.
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
    void Erase(Key key) override;
    bool Contains(Key key) const override;
    size_t GetObjectCount() const override;
    std::string GetName() const override;

  private:
    /// A cached object; lives in m_index, linked into m_order.
    struct Node
    {
        Key key{0};       //!< the object
        uint64_t size{0}; //!< bytes
        boost::intrusive::list_member_hook<
            boost::intrusive::link_mode<boost::intrusive::normal_link>>
            hook; //!< m_order link
    };

    using List
        = boost::intrusive::list<Node,
                                 boost::intrusive::member_hook<
                                     Node,
                                     boost::intrusive::list_member_hook<boost::intrusive::link_mode<
                                         boost::intrusive::normal_link>>,
                                     &Node::hook>,
                                 boost::intrusive::constant_time_size<false>>;

    std::unordered_map<Key, Node> m_index; //!< objects by key (node addresses are stable)
    List m_order;                          //!< most recently used first
};

} // namespace ns3

#endif // LRU_POLICY_H
