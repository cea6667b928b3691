/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: DepotForwardingQueue, the depot's forwarding cost and buffer ([Depot] §5's
 * socket buffer), fed packets of any size at any spacing, as an attacker can send them.
 * Input: 5 bytes of settings (packet rate in hundreds of packets/s, 0: none; copy rate in
 * tens of KB/s, 0: none; packet limit; byte limit in bytes 3-4, 0: none), then 3-byte records
 * (gap to the previous packet in units of 10 us; IP datagram size). Invariants after every
 * packet: never more packets and bytes wait than the limits allow (the peak included), an
 * admitted packet leaves no earlier than it arrived plus its own service time and after the
 * packet admitted before it (FIFO), and a packet is lost only when the buffer is full.
 */
#include "fuzz-check.h"

#include "ns3/depot-forwarding-queue.h"
#include "ns3/simulator.h"

#include <cstdint>
#include <string>

using namespace ns3;

namespace
{

struct Run
{
    DepotForwardingQueue queue;
    DepotForwardingQueue::Settings settings;
    Time lastDeparture;
};

void
Arrive(Run* r, uint32_t bytes)
{
    const Time now = Simulator::Now();
    const uint32_t waitingBefore = r->queue.GetWaitingPackets();
    const uint64_t bytesBefore = r->queue.GetWaitingBytes();
    const Time delay = r->queue.Admit(bytes);
    const auto& s = r->settings;
    FUZZ_CHECK(r->queue.GetWaitingPackets() <= s.packetLimit,
               std::to_string(r->queue.GetWaitingPackets()) + " packets waiting, limit "
                   + std::to_string(s.packetLimit));
    if (s.byteLimit > 0)
    {
        FUZZ_CHECK(r->queue.GetPeakWaitingBytes() <= s.byteLimit,
                   std::to_string(r->queue.GetPeakWaitingBytes()) + " bytes waited, limit "
                       + std::to_string(s.byteLimit));
    }
    if (delay.IsStrictlyNegative())
    {
        // Lost: only a full buffer loses a packet, and only a packet that would have waited.
        const bool packetsFull = waitingBefore >= s.packetLimit;
        const bool bytesFull = s.byteLimit > 0 && bytesBefore + bytes > s.byteLimit;
        FUZZ_CHECK(packetsFull || bytesFull, "a packet lost with room in the buffer");
        FUZZ_CHECK(r->lastDeparture > now, "a packet lost while the server was idle");
        return;
    }
    double service = 0;
    if (s.packetRate > 0)
    {
        service += 1.0 / s.packetRate;
    }
    if (s.byteRate > 0)
    {
        service += bytes / s.byteRate;
    }
    const Time departure = now + delay - s.processingDelay;
    FUZZ_CHECK(departure >= now + Seconds(service) - NanoSeconds(1),
               "a packet left before its own service time");
    FUZZ_CHECK(departure >= r->lastDeparture, "a packet overtook the one before it");
    r->lastDeparture = departure;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 5)
    {
        return 0;
    }
    Run r;
    r.settings.processingDelay = MicroSeconds(data[0] % 4);
    r.settings.packetRate = data[0] * 100.0;
    r.settings.byteRate = data[1] * 10000.0;
    r.settings.packetLimit = data[2];
    r.settings.byteLimit = uint32_t(data[3]) << 8 | data[4];
    r.queue.Configure(r.settings);
    Time at;
    for (size_t i = 5; i + 3 <= size; i += 3)
    {
        at += MicroSeconds(10 * data[i]);
        const uint32_t bytes = uint32_t(data[i + 1]) << 8 | data[i + 2];
        Simulator::Schedule(at, &Arrive, &r, bytes);
    }
    Simulator::Run();
    Simulator::Destroy();
    return 0;
}
