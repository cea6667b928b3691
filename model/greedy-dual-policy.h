/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef GREEDY_DUAL_POLICY_H
#define GREEDY_DUAL_POLICY_H

#include "replacement-policy.h"

#include <boost/intrusive/set.hpp>

#include <unordered_map>

namespace ns3
{

/**
 * \ingroup web-proxy
 * The GreedyDual family of value-based policies: each object has a value H, the object with
 * the smallest H is evicted, and (with aging) the inflation value L is set to the H of each
 * victim. H is computed at Insert and at every hit, with the current L, f the number of
 * requests since the object was admitted (1 at Insert) and s = max(size, 1) bytes:
 *
 * | variant | H                 | source |
 * |---------|-------------------|--------|
 * | GDS1    | L + 1 / s         | Cao & Irani 1997, GreedyDual-Size with cost 1 |
 * | GDSLAT  | L + cost / s      | Cao & Irani 1997, cost = fetch latency (s) |
 * | GDSF    | L + f / s         | Cherkasova 1998, GDSF with cost 1 (the cost argument is ignored)
 * | | LFUDA   | L + f             | Arlitt et al. 2000, LFU with dynamic aging | | CSP     | cost *
 * f / s      | Triantafillou & Aekaterinidis 2003 (cost, size, popularity; no aging) |
 *
 * Ties of H are broken by recency: of equal H, the object whose last Insert or hit is the
 * oldest is evicted first (every access takes the next number of one counter, so the order
 * (H, access number) is total).
 *
 * The values live in a Boost.Intrusive red-black tree inside the index's nodes. A hit only
 * raises H (L never decreases and f grows), so the tree keeps the value of the last
 * insertion and a node whose value has grown since is moved when it reaches the front of the
 * tree: the victim is still the minimum of the current values, and a hit costs O(1).
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
    /// \throws std::invalid_argument for a negative or non-finite cost
    bool Insert(Key key, uint64_t size, double cost = 1.0) override;
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

  private:
    /// Hook of the value tree (the color is kept in the parent pointer).
    using Hook = boost::intrusive::set_member_hook<
        boost::intrusive::link_mode<boost::intrusive::normal_link>,
        boost::intrusive::optimize_size<true>>;

    /// A cached object; lives in m_index, linked into m_values.
    struct Node
    {
        Key key{0};             //!< the object
        uint64_t size{0};       //!< bytes
        double cost{0};         //!< fetch cost
        double h{0};            //!< current value
        double treeH{0};        //!< value the tree is ordered by
        uint64_t access{0};     //!< number of the last access
        uint64_t treeAccess{0}; //!< access number the tree is ordered by
        uint32_t frequency{0};  //!< requests since admission
        Hook hook;              //!< m_values link
    };

    /// Order of the tree: smallest (H, access) first.
    struct Less
    {
        bool operator()(const Node& a, const Node& b) const
        {
            return a.treeH < b.treeH || (a.treeH == b.treeH && a.treeAccess < b.treeAccess);
        }
    };

    using Tree = boost::intrusive::set<Node,
                                       boost::intrusive::member_hook<Node, Hook, &Node::hook>,
                                       boost::intrusive::compare<Less>,
                                       boost::intrusive::constant_time_size<false>>;

    /**
     * \param n an object whose frequency and cost are set
     * \return its H with the current L
     */
    double Value(const Node& n) const;

    Variant m_variant;                     //!< the H formula
    double m_inflation{0};                 //!< L
    uint64_t m_clock{0};                   //!< access counter
    std::unordered_map<Key, Node> m_index; //!< objects by key (node addresses are stable)
    Tree m_values;                         //!< objects by (tree H, tree access)
};

} // namespace ns3

#endif // GREEDY_DUAL_POLICY_H
