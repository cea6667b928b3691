/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ADDRESS_PLAN_H
#define ADDRESS_PLAN_H

#include "address-plan-error.h"

#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/net-device-container.h"
#include "ns3/node.h"
#include "ns3/point-to-point-helper.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * The IPv4 address plan of a scenario: named pools (e.g. "backbone" 10.0.0.0/16 for /30
 * links, "pop" 10.1.0.0/16 for /24 LANs, "farm" 10.2.0.0/16 for server farms) from which
 * named blocks of a requested prefix length are handed out, first fit from the bottom of
 * the pool and aligned to their size, so that no two blocks overlap. Blocks may also be
 * reserved at a given address (in a pool or outside every pool); a reservation overlapping a
 * block already in the plan, or a pool overlapping another pool, is an AddressPlanError
 * (OVERLAP) naming both. Names are unique across pools and blocks.
 *
 * Print gives the plan as text, for the manual or a run's log. Allocation is first fit over
 * the blocks of the plan, O(blocks) per step: plans of thousands of blocks.
 */
class AddressPlan
{
  public:
    /// One block of the plan.
    struct Block
    {
        std::string name;     //!< unique name
        std::string pool;     //!< pool it came from; empty for a reservation outside pools
        Ipv4Address network;  //!< network address
        uint32_t prefix{0};   //!< prefix length
        bool reserved{false}; //!< reserved at a given address rather than allocated

        /// \return the mask
        Ipv4Mask GetMask() const;
        /// \return addresses in the block (2^(32 - prefix))
        uint64_t GetSize() const;
        /// \return "10.0.0.0/30"
        std::string ToString() const;
        /// \return a helper assigning the block's addresses from its first host address
        Ipv4AddressHelper MakeHelper() const;
        /**
         * Number devices from the block's first host address. ns-3's Ipv4AddressHelper
         * wraps round inside the mask when it runs out (ns-3.37 checks it only with
         * asserts), and the second device given an address in use aborts the run far from
         * its cause; this checks first.
         * \param devices the devices, one address each
         * \return their interfaces
         * \throws AddressPlanError TOO_SMALL, naming the block, if they do not fit
         */
        Ipv4InterfaceContainer Assign(const NetDeviceContainer& devices) const;
    };

    /**
     * \brief Add a pool.
     * \param name unique name
     * \param network its network address (no host bits)
     * \param prefix its prefix length
     */
    void AddPool(const std::string& name, Ipv4Address network, uint32_t prefix);

    /**
     * \brief Hand out the lowest free block of a size in a pool.
     * \param pool the pool's name
     * \param name the block's unique name
     * \param prefix its prefix length (not shorter than the pool's)
     * \return the block
     */
    Block Allocate(const std::string& pool, const std::string& name, uint32_t prefix);

    /**
     * \brief Link two nodes point to point and number the link from a new /30 of a pool.
     * \param link the link's helper (copied; its attributes set the link)
     * \param a the first node (with an Internet stack; its device is first)
     * \param b the second node (with an Internet stack)
     * \param pool the pool's name
     * \param name the block's unique name
     * \return the link's devices, a's first (a gets the block's first host address)
     */
    NetDeviceContainer Link(const PointToPointHelper& link,
                            Ptr<Node> a,
                            Ptr<Node> b,
                            const std::string& pool,
                            const std::string& name);

    /**
     * \brief Link as Link does when there is a plan; without one, number the link from a
     * fixed /30 (a helper's default block, for scripts without a plan).
     * \param plan the plan, or nullptr
     * \param link the link's helper
     * \param a the first node (its device is first)
     * \param b the second node
     * \param pool the plan's pool
     * \param name the block's unique name in the plan
     * \param fixed the /30's network address without a plan
     * \return the link's devices, a's first
     */
    static NetDeviceContainer LinkIn(AddressPlan* plan,
                                     const PointToPointHelper& link,
                                     Ptr<Node> a,
                                     Ptr<Node> b,
                                     const std::string& pool,
                                     const std::string& name,
                                     Ipv4Address fixed);

    /**
     * \brief Reserve a block at a given address.
     * \param name the block's unique name
     * \param network its network address (no host bits)
     * \param prefix its prefix length
     * \return the block
     */
    Block Reserve(const std::string& name, Ipv4Address network, uint32_t prefix);

    /**
     * \param name a block's name
     * \return the block (AddressPlanError UNKNOWN_NAME if there is none)
     */
    const Block& Get(const std::string& name) const;

    /// \return the blocks, by network address
    std::vector<Block> GetBlocks() const;

    /// \return the plan as text: the pools with their use, then every block by address
    std::string Print() const;

    /**
     * \param addresses addresses a block must hold (network and broadcast included)
     * \return the longest prefix whose block holds them (32 for 1, 30 for 3 or 4)
     * \throws AddressPlanError BAD_PREFIX for 0 or more than 2^32
     */
    static uint32_t PrefixFor(uint64_t addresses);

  private:
    /// \return the block overlapping [first, first + size), or nullptr
    const Block* FindOverlap(const std::vector<Block>& in, uint32_t first, uint64_t size) const;
    /// Check that a name is new and a network has no host bits.
    void CheckNew(const std::string& name, Ipv4Address network, uint32_t prefix) const;

    std::vector<Block> m_pools;  //!< pools, as blocks
    std::vector<Block> m_blocks; //!< blocks, in the order handed out
};

} // namespace ns3

#endif // ADDRESS_PLAN_H
