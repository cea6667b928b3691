/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_FRAGMENT_TABLE_H
#define DEPOT_FRAGMENT_TABLE_H

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <list>
#include <map>
#include <tuple>
#include <utility>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief What the first fragment of a datagram got from the depot, applied to its later fragments.
 */
struct DepotFragmentRewrite
{
    Ipv4Address source;          //!< new source
    Ipv4Address destination;     //!< new destination
    Ipv4Address nextHop;         //!< direct routing's next hop (or unset)
    uint16_t id{0};              //!< new identification
    bool switched{false};        //!< rewritten (false: a datagram the depot passes as is)
    bool toProxy{false};         //!< direction
    uint32_t proxy{0};           //!< the session's proxy
    uint32_t seq{0};             //!< TCP sequence number of the segment
    uint8_t tcpFlags{0};         //!< its flags (SYN and FIN take a sequence number)
    uint16_t tcpHeaderLength{0}; //!< bytes of its TCP header
    /// the tracker took the segment, so its end moves with the last fragment (not a SYN on a
    /// live session: forwarded, it changes nothing, and a spoofed one moved the sender's next
    /// sequence number anywhere; found by depot-packets)
    bool tracked{false};
    uint32_t client{0};      //!< session: client address
    uint16_t clientPort{0};  //!< session: client port
    uint16_t virtualPort{0}; //!< session: service port
    uint32_t seen{0};        //!< IP payload bytes of the fragments seen
    int64_t expires{0};      //!< time step after which it is forgotten
};

/**
 * \ingroup web-proxy
 * \brief The depot's table of fragmented datagrams.
 *
 * It keeps the rewrite of each datagram's first fragment, by (source, destination,
 * identification, protocol) as Ipv4L3Protocol's reassembly keys them, kept until the datagram is
 * complete or for FragmentTimeout. The depot's hook sees every fragment (ns-3 reassembles only
 * at local delivery), and only the first one holds the TCP header that names the session.
 *
 * Bounded: at most a given number of datagrams (fragments are not stored, so each entry has
 * a fixed size, EntryBytes); a new datagram beyond it evicts the oldest (as Linux drops its
 * oldest reassembly queues above ipfrag_high_thresh). Entries expire on their own timer.
 */
class DepotFragmentTable
{
  public:
    DepotFragmentTable() = default;
    ~DepotFragmentTable();
    DepotFragmentTable(const DepotFragmentTable&) = delete;
    DepotFragmentTable& operator=(const DepotFragmentTable&) = delete;

    /// \param timeout how long a datagram's rewrite is kept
    void SetTimeout(Time timeout);

    /// \param limit datagrams remembered at most (>= 1)
    void SetLimit(uint32_t limit);

    /**
     * Remember a first fragment's rewrite (an identification reused after its lifetime
     * replaces the old one).
     * \param first the first fragment's IP header as it arrived
     * \param r its rewrite (seen and expires are set here)
     */
    void Remember(const Ipv4Header& first, DepotFragmentRewrite r);

    /**
     * \param fragment a later fragment's IP header as it arrived
     * \return its datagram's rewrite, or nullptr
     */
    DepotFragmentRewrite* Find(const Ipv4Header& fragment);

    /**
     * Count a later fragment's bytes.
     * \param r its datagram's rewrite
     * \param fragment its IP header
     * \return whether the datagram is now complete
     */
    static bool Account(DepotFragmentRewrite& r, const Ipv4Header& fragment);

    /// \param fragment a fragment of the datagram to forget
    void Forget(const Ipv4Header& fragment);

    /// Forget datagrams older than the timeout.
    void Purge();

    /// Forget every datagram and stop the timer (the depot stopped or failed).
    void Clear();

    /// \return datagrams remembered
    uint32_t Size() const;

    /// \return bytes of one remembered datagram (map and list nodes)
    static uint32_t EntryBytes();

    /// \return bytes held now (Size() x EntryBytes())
    uint64_t MemoryBytes() const;

    /// \return datagrams evicted to keep the limit
    uint64_t GetEvictedCount() const;

    /// \param toProxy direction of a forwarded later fragment
    void CountLater(bool toProxy);

    /// Count a forwarded first fragment.
    void CountFirst();

    /// \param toProxy direction \return later fragments forwarded
    uint64_t GetLaterCount(bool toProxy) const;

    /// \return first fragments forwarded
    uint64_t GetFirstCount() const;

  private:
    /// Identifies a datagram's fragments (as Ipv4L3Protocol's reassembly does).
    struct Key
    {
        uint32_t source;      //!< source address
        uint32_t destination; //!< destination address
        uint16_t id;          //!< identification
        uint8_t protocol;     //!< protocol

        /// \param o other key \return strict order
        bool operator<(const Key& o) const
        {
            return std::tie(source, destination, id, protocol)
                 < std::tie(o.source, o.destination, o.id, o.protocol);
        }
    };

    /// \param h an IP header \return its datagram's key
    static Key KeyOf(const Ipv4Header& h);

    /// A remembered datagram: its rewrite and its place in the expiry order.
    struct Entry
    {
        DepotFragmentRewrite rewrite;   //!< what its fragments get
        std::list<Key>::iterator order; //!< its node in m_order
    };

    /// Schedule the timer for the oldest entry, if any and not scheduled.
    void Arm();

    /// The timer: forget expired datagrams and re-arm.
    void Expire();

    /// \param it an entry to forget
    void Erase(std::map<Key, Entry>::iterator it);

    Time m_timeout;                             //!< lifetime of a datagram's rewrite
    uint32_t m_limit{1024};                     //!< datagrams at most
    std::map<Key, Entry> m_fragments;           //!< rewrites by datagram
    std::list<Key> m_order;                     //!< oldest first (one timeout: expiry order)
    EventId m_timer;                            //!< next expiry
    std::array<uint64_t, 2> m_laterFragments{}; //!< later fragments forwarded, [toProxy]
    uint64_t m_firstFragments{0};               //!< first fragments forwarded
    uint64_t m_evicted{0};                      //!< datagrams evicted at the limit
};

} // namespace ns3

#endif // DEPOT_FRAGMENT_TABLE_H
