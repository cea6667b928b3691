/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_SYN_FILTER_H
#define DEPOT_SYN_FILTER_H

#include "ns3/nstime.h"

#include <boost/multi_index/hashed_index.hpp>
#include <boost/multi_index/member.hpp>
#include <boost/multi_index/sequenced_index.hpp>
#include <boost/multi_index_container.hpp>

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Keeps a spoofed SYN flood away from the proxies without terminating TCP.
 *
 * The depot forwards every SYN it admits to a proxy, whose TCP then holds a half-open
 * connection and retransmits its SYN-ACK; at 10,000 spoofed SYN/s that costs the proxies (and
 * the simulation) more than all legitimate traffic. SYN cookies would need the depot to finish
 * handshakes itself and translate sequence numbers for a session's life, which a switch that
 * never terminates TCP does not do. This filter uses what a real client does and a blind
 * spoofer does not:
 * - a client that once completed a handshake through the depot is *verified* (a blind spoofer
 *   never sees the proxy's SYN-ACK, so it cannot complete one); its SYNs pass;
 * - any other SYN passes only when it is a retransmission: its first copy is remembered in a
 *   fixed-size Bloom filter of (source, ports, destination, sequence number) and dropped, and a
 *   copy that matches passes (a client retransmits its SYN after its connection timeout, ns-3's
 *   ConnTimeout 3 s; RFC 6298: 1 s).
 *
 * The filter engages when the depot holds Threshold or more half-open sessions, and
 * disengages when it holds fewer than half of that and has dropped fewer than half of that
 * first copies in the current and the previous epoch (engaged, it keeps the half-open sessions
 * few itself), so normal operation is untouched. Memory is fixed: two Bloom
 * generations of 2^22 bits (1 MB together, allocated when the filter first engages), rotated
 * every Epoch so that a first copy is remembered Epoch to 2 x Epoch, and at most MaxVerified
 * sources, least recently seen evicted, each forgotten VerifiedLifetime after it was last
 * verified.
 */
class DepotSynFilter
{
  public:
    /// How the filter behaves.
    struct Settings
    {
        uint32_t threshold{0};               //!< half-open sessions that engage it (0: never)
        Time epoch{Seconds(10)};             //!< Bloom generation lifetime
        uint32_t maxVerified{65536};         //!< verified sources kept at most
        Time verifiedLifetime{Seconds(600)}; //!< a verified source is forgotten after this
    };

    /// What became of a SYN.
    enum Verdict : uint8_t
    {
        PASS,          //!< the filter is not engaged
        PASS_VERIFIED, //!< from a verified source
        PASS_RETRY,    //!< a retransmission of a SYN seen before
        FILTERED       //!< a first copy from an unverified source: drop it
    };

    /// \param settings how (threshold 0 turns the filter off)
    void Configure(const Settings& settings);

    /**
     * Judge a SYN that would open a new session.
     * \param src client address
     * \param sport client port
     * \param dst destination address
     * \param dport destination port
     * \param seq the SYN's sequence number
     * \param halfOpen half-open sessions the depot holds now
     * \return the verdict
     */
    Verdict Admit(uint32_t src,
                  uint16_t sport,
                  uint32_t dst,
                  uint16_t dport,
                  uint32_t seq,
                  uint32_t halfOpen);

    /// \param src a client that completed a handshake through the depot
    void Verify(uint32_t src);

    /// \return whether the filter is engaged now
    bool IsEngaged() const;

    /// \param v a verdict \return SYNs judged so
    uint64_t GetCount(Verdict v) const;

    /// \return times the filter engaged
    uint64_t GetEngagedCount() const;

    /// \return verified sources held
    uint32_t GetVerifiedCount() const;

    /// \return bytes the filter holds (Bloom generations and verified sources)
    uint64_t GetMemoryBytes() const;

    /// Forget everything (the depot failed): counters stay.
    void Clear();

  private:
    /// A verified client.
    struct Source
    {
        uint32_t address; //!< the client
        Time until;       //!< forgotten then
    };

    /// Least recently verified first; looked up by address.
    using Sources = boost::multi_index_container<
        Source,
        boost::multi_index::indexed_by<
            boost::multi_index::sequenced<>,
            boost::multi_index::hashed_unique<
                boost::multi_index::member<Source, uint32_t, &Source::address>>>>;

    /// Rotate the Bloom generations when an epoch has passed.
    void Rotate();

    /// \param h a key's hash \param g generation \return whether all its bits are set
    bool Test(uint64_t h, const std::vector<uint64_t>& g) const;

    /// \param h a key's hash \param g generation to set its bits in
    static void Set(uint64_t h, std::vector<uint64_t>& g);

    /// \param src a client \return whether it is verified now
    bool IsVerified(uint32_t src);

    Settings m_settings;               //!< how
    bool m_engaged{false};             //!< engaged now
    std::vector<uint64_t> m_current;   //!< Bloom generation being filled
    std::vector<uint64_t> m_previous;  //!< the generation before
    Time m_epochStart;                 //!< when m_current started
    uint32_t m_filteredCurrent{0};     //!< first copies dropped in m_current's epoch
    uint32_t m_filteredPrevious{0};    //!< first copies dropped in the epoch before
    Sources m_verified;                //!< verified clients
    uint64_t m_counts[FILTERED + 1]{}; //!< per verdict
    uint64_t m_engagements{0};         //!< times engaged
};

} // namespace ns3

#endif // DEPOT_SYN_FILTER_H
