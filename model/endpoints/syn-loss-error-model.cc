/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "syn-loss-error-model.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/string.h"

#include <array>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SynLossErrorModel");
NS_OBJECT_ENSURE_REGISTERED(SynLossErrorModel);

TypeId
SynLossErrorModel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::SynLossErrorModel")
              .SetParent<ErrorModel>()
              .SetGroupName("WebProxy")
              .AddConstructor<SynLossErrorModel>()
              .AddAttribute("Probability",
                            "Probability that a TCP connection request (SYN without ACK) is lost.",
                            DoubleValue(0),
                            MakeDoubleAccessor(&SynLossErrorModel::m_probability),
                            MakeDoubleChecker<double>(0, 1))
              .AddAttribute("RanVar",
                            "The decision variable, uniform on [0, 1).",
                            StringValue("ns3::UniformRandomVariable[Min=0.0|Max=1.0]"),
                            MakePointerAccessor(&SynLossErrorModel::m_ranvar),
                            MakePointerChecker<RandomVariableStream>())
              .AddTraceSource("Loss",
                              "A connection request was lost.",
                              MakeTraceSourceAccessor(&SynLossErrorModel::m_lossTrace),
                              "ns3::Packet::TracedCallback");
    return tid;
}

SynLossErrorModel::SynLossErrorModel()
{
    NS_LOG_FUNCTION(this);
}

int64_t
SynLossErrorModel::AssignStreams(int64_t stream)
{
    m_ranvar->SetStream(stream);
    return 1;
}

uint64_t
SynLossErrorModel::GetRequests() const
{
    return m_requests;
}

uint64_t
SynLossErrorModel::GetLosses() const
{
    return m_losses;
}

bool
SynLossErrorModel::IsConnectionRequest(Ptr<const Packet> packet)
{
    // Read the bytes rather than deserialize ns-3's headers: any packet may be malformed, and
    // only three fields matter. PPP 2 bytes, IPv4 20-60, the TCP flags at offset 13.
    constexpr uint32_t PPP = 2;
    constexpr uint32_t MAX_IP = 60;
    constexpr uint32_t TCP_FLAGS = 13;
    std::array<uint8_t, PPP + MAX_IP + TCP_FLAGS + 1> b{};
    const uint32_t n = packet->CopyData(b.data(), b.size());
    if (n < PPP + 20 || b[0] != 0x00 || b[1] != 0x21) // PPP protocol 0x0021: IPv4
    {
        return false;
    }
    const uint8_t* ip = b.data() + PPP;
    const uint32_t ihl = (ip[0] & 0x0f) * 4u;
    const bool laterFragment = ((ip[6] & 0x1f) << 8 | ip[7]) != 0;
    if ((ip[0] >> 4) != 4 || ihl < 20 || ip[9] != 6 || laterFragment
        || n < PPP + ihl + TCP_FLAGS + 1)
    {
        return false;
    }
    const uint8_t flags = ip[ihl + TCP_FLAGS];
    constexpr uint8_t SYN = 0x02;
    constexpr uint8_t ACK = 0x10;
    return (flags & (SYN | ACK)) == SYN;
}

bool
SynLossErrorModel::DoCorrupt(Ptr<Packet> p)
{
    if (m_probability <= 0 || !IsConnectionRequest(p))
    {
        return false;
    }
    ++m_requests;
    if (m_ranvar->GetValue() >= m_probability)
    {
        return false;
    }
    ++m_losses;
    NS_LOG_LOGIC("connection request lost, " << m_losses << " of " << m_requests);
    m_lossTrace(p);
    return true;
}

void
SynLossErrorModel::DoReset()
{}

} // namespace ns3
