/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: SynLossErrorModel, which reads every packet an origin node receives. The input
 * is one packet as a point-to-point device hands it over (PPP header first). Invariants: the
 * verdict is a reference decoding's, written from the RFCs over the raw input; a model losing
 * every connection request loses exactly those packets, counts them, and leaves the packet
 * unchanged.
 */
#include "fuzz-check.h"

#include "ns3/double.h"
#include "ns3/packet.h"
#include "ns3/syn-loss-error-model.h"

#include <cstdint>
#include <cstring>
#include <vector>

using namespace ns3;

namespace
{

/// IPv4 (RFC 791) over PPP (RFC 1661, protocol 0x0021) carrying a TCP SYN without ACK (RFC 9293).
bool
Reference(const uint8_t* d, size_t n)
{
    if (n < 2 || d[0] != 0x00 || d[1] != 0x21)
    {
        return false;
    }
    d += 2;
    n -= 2;
    if (n < 20 || (d[0] >> 4) != 4)
    {
        return false;
    }
    const size_t ihl = size_t(d[0] & 0x0f) * 4;
    const unsigned offset = (unsigned(d[6]) << 8 | d[7]) & 0x1fff;
    if (ihl < 20 || d[9] != 6 || offset != 0 || n < ihl + 14)
    {
        return false;
    }
    const uint8_t flags = d[ihl + 13];
    return (flags & 0x02) && !(flags & 0x10);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Ptr<Packet> p = Create<Packet>(data, static_cast<uint32_t>(size));
    const bool request = SynLossErrorModel::IsConnectionRequest(p);
    FUZZ_CHECK(request == Reference(data, size), "verdict differs from the reference decoding");

    static Ptr<SynLossErrorModel> all = []()
    {
        Ptr<SynLossErrorModel> m = CreateObject<SynLossErrorModel>();
        m->SetAttribute("Probability", DoubleValue(1));
        return m;
    }();
    const uint64_t before = all->GetLosses();
    FUZZ_CHECK(all->IsCorrupt(p) == request, "lost a packet that is not a connection request");
    FUZZ_CHECK(all->GetLosses() - before == (request ? 1U : 0U), "loss not counted once");
    std::vector<uint8_t> after(p->GetSize());
    p->CopyData(after.data(), after.size());
    FUZZ_CHECK(after.size() == size && (size == 0 || std::memcmp(after.data(), data, size) == 0),
               "the packet changed");
    return 0;
}
