/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_FORWARDING_QUEUE_H
#define DEPOT_FORWARDING_QUEUE_H

#include "ns3/nstime.h"

#include <cstdint>
#include <deque>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief The depot's forwarding cost: a FIFO server in front of its packet path.
 *
 * [Depot] §5 ran the depot as a program on a Pentium 133 (NetBSD 1.0): every packet waits in
 * a kernel socket buffer until the program has read, rewritten and sent the ones before it.
 * Each packet costs a fixed time per packet plus a time per byte (the copies), and the buffer
 * holds at most a number of packets and of bytes; a packet that finds it full is lost. The
 * paper traced its depot's collapse with 10 KB cache hits (Table 3 (c)) to this buffer's
 * 56 KB limit.
 *
 * Without a packet or byte rate the server has no cost and no queue: each packet gets the fixed
 * processing delay only. The queue is bounded by construction (at most PacketLimit entries).
 */
class DepotForwardingQueue
{
  public:
    /// The cost and the buffer.
    struct Settings
    {
        Time processingDelay;       //!< delay of every packet, beside the queue (pipelined)
        double packetRate{0};       //!< packets/s the server handles (0: no per-packet cost)
        double byteRate{0};         //!< bytes/s it copies (0: no per-byte cost)
        uint32_t packetLimit{1000}; //!< packets waiting at most (0: none may wait)
        uint32_t byteLimit{0};      //!< bytes waiting at most (0: no byte limit)
    };

    /**
     * Set the cost and the buffer; forgets the queue.
     * \param settings them
     */
    void Configure(const Settings& settings);

    /**
     * A packet arrives.
     * \param bytes its IP datagram's size
     * \return its delay until it leaves the depot, or a negative time when the buffer is full
     *         (the packet is lost)
     */
    Time Admit(uint32_t bytes);

    /// Forget the queue (a crash): the server is idle.
    void Clear();

    /// \return the packets waiting for the server now (not the one it serves)
    uint32_t GetWaitingPackets();

    /// \return their bytes
    uint64_t GetWaitingBytes();

    /// \return the most bytes that ever waited
    uint64_t GetPeakWaitingBytes() const
    {
        return m_peakBytes;
    }

  private:
    /// Remove the packets whose service has begun by now.
    void Advance();

    /// A waiting packet.
    struct Waiting
    {
        int64_t start;  //!< time step at which its service begins
        uint32_t bytes; //!< its size
    };

    Settings m_settings;           //!< cost and buffer
    std::deque<Waiting> m_waiting; //!< the buffer, in service order
    Time m_busyUntil;              //!< the server is busy until then
    uint64_t m_waitingBytes{0};    //!< bytes in m_waiting
    uint64_t m_peakBytes{0};       //!< most bytes waiting
};

} // namespace ns3

#endif /* DEPOT_FORWARDING_QUEUE_H */
