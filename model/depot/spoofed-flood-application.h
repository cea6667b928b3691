/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SPOOFED_FLOOD_APPLICATION_H
#define SPOOFED_FLOOD_APPLICATION_H

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <vector>

namespace ns3
{

class Packet;

/**
 * \ingroup web-proxy
 * \brief An attacker for tests and benchmarks of a depot (or any TCP service): spoofed TCP
 * segments sent from the node's IP layer with a source address that is not the node's.
 *
 * Two streams, each at its own constant rate while the application runs:
 * - a SYN flood: SYNs to Target:TargetPort from random addresses of SpoofNetwork/SpoofMask,
 *   random source ports and random initial sequence numbers (the classic spoofed flood: the
 *   answers go to addresses that never reply);
 * - spoofed RSTs: RSTs to Target:TargetPort that claim to come from a victim (AddVictim, one
 *   drawn at random each time), guessing its port in [MinPort, MaxPort] and its sequence
 *   number (uniform over 2^32), as an off-path attacker who does not see the connections.
 *
 * All randomness comes from one ns-3 stream (AssignStreams). Checksums are filled when
 * ChecksumEnabled is set, so that the segments are not rejected for that reason.
 */
class SpoofedFloodApplication : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SpoofedFloodApplication();

    /**
     * A host whose connections the spoofed RSTs claim to come from.
     * \param address its address
     */
    void AddVictim(Ipv4Address address);

    /**
     * \param stream first stream index to use
     * \return streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// \return SYNs sent
    uint64_t GetSynsSent() const;

    /// \return RSTs sent
    uint64_t GetRstsSent() const;

    /// Trace of each spoofed segment: the IP payload (TCP header, no data), source, destination.
    using SentTracedCallback = void (*)(Ptr<const Packet>, Ipv4Address, Ipv4Address);

  protected:
    /// Cancels the pending sends and releases the random variable.
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Send one spoofed SYN and schedule the next.
    void SendSyn();

    /// Send one spoofed RST and schedule the next.
    void SendRst();

    /**
     * Send a TCP segment from a spoofed source.
     * \param from the claimed source
     * \param sport source port
     * \param seq sequence number
     * \param flags TCP flags
     */
    void Send(Ipv4Address from, uint16_t sport, uint32_t seq, uint8_t flags);

    Ipv4Address m_target;               //!< destination address (a depot's VIP)
    uint16_t m_targetPort;              //!< destination port
    double m_synRate;                   //!< SYNs per second (0: none)
    double m_rstRate;                   //!< RSTs per second (0: none)
    Ipv4Address m_spoofNetwork;         //!< SYN sources are drawn from this network
    Ipv4Mask m_spoofMask;               //!< and this mask
    uint16_t m_minPort;                 //!< lowest guessed victim port
    uint16_t m_maxPort;                 //!< highest guessed victim port
    std::vector<Ipv4Address> m_victims; //!< claimed sources of the RSTs
    Ptr<UniformRandomVariable> m_rng;   //!< every random draw
    EventId m_synEvent;                 //!< next SYN
    EventId m_rstEvent;                 //!< next RST
    uint64_t m_syns{0};                 //!< SYNs sent
    uint64_t m_rsts{0};                 //!< RSTs sent
    TracedCallback<Ptr<const Packet>, Ipv4Address, Ipv4Address> m_sentTrace; //!< each segment
};

} // namespace ns3

#endif // SPOOFED_FLOOD_APPLICATION_H
