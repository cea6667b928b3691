/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-packet-rewriter.h"

#include "ns3/abort.h"
#include "ns3/header.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"

#include <algorithm>

namespace ns3
{

namespace
{
constexpr uint8_t TCP_PROTOCOL = 6;

/**
 * A TCP header as raw bytes: how a first fragment's header goes back after the depot patched
 * it. Re-serializing a TcpHeader would compute its checksum over the fragment alone (and
 * could reorder options), while the receiver checks it over the reassembled segment.
 */
class DepotTcpBytes : public Header
{
  public:
    /// \return the object TypeId
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::DepotTcpBytes")
                                .SetParent<Header>()
                                .SetGroupName("WebProxy")
                                .AddConstructor<DepotTcpBytes>();
        return tid;
    }

    DepotTcpBytes() = default;

    /// \param bytes the header \param n their number (at most 60)
    DepotTcpBytes(const uint8_t* bytes, uint32_t n)
        : m_n(n)
    {
        std::copy(bytes, bytes + n, m_bytes.begin());
    }

    TypeId GetInstanceTypeId() const override
    {
        return GetTypeId();
    }

    uint32_t GetSerializedSize() const override
    {
        return m_n;
    }

    void Serialize(Buffer::Iterator start) const override
    {
        start.Write(m_bytes.data(), m_n);
    }

    uint32_t Deserialize(Buffer::Iterator start) override
    {
        start.Read(m_bytes.data(), m_n);
        return m_n;
    }

    void Print(std::ostream& os) const override
    {
        os << "TCP header (" << m_n << " bytes, patched by the depot)";
    }

  private:
    std::array<uint8_t, 60> m_bytes{}; //!< the header
    uint32_t m_n{20};                  //!< its length
};

/**
 * RFC 1624 (eqn. 3) incremental checksum update: HC' = ~(~HC + ~m + m') for each changed
 * 16-bit word m -> m'.
 * \param checksum the old checksum field
 * \param from the old words
 * \param to the new words
 * \return the new checksum field
 */
uint16_t
AdjustChecksum(uint16_t checksum,
               const std::array<uint16_t, 6>& from,
               const std::array<uint16_t, 6>& to)
{
    uint32_t sum = static_cast<uint16_t>(~checksum);
    for (size_t i = 0; i < from.size(); ++i)
    {
        sum += static_cast<uint16_t>(~from[i]);
        sum += to[i];
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<uint16_t>(~sum);
}

/// \return the checksummed words that NAT changes: addresses and ports
std::array<uint16_t, 6>
NatWords(Ipv4Address source, Ipv4Address destination, uint16_t sourcePort, uint16_t destinationPort)
{
    return {static_cast<uint16_t>(source.Get() >> 16),
            static_cast<uint16_t>(source.Get() & 0xffff),
            static_cast<uint16_t>(destination.Get() >> 16),
            static_cast<uint16_t>(destination.Get() & 0xffff),
            sourcePort,
            destinationPort};
}
} // namespace

void
DepotPacketRewriter::Configure(Ipv4Address vip, bool direct, uint32_t idCounters)
{
    NS_ABORT_MSG_IF(idCounters == 0, "Depot: VipIdCounters must be at least 1");
    m_vip = vip;
    m_direct = direct;
    m_vipIds.assign(idCounters, 0);
}

uint32_t
DepotPacketRewriter::GetIdCounterCount() const
{
    return m_vipIds.size();
}

bool
DepotPacketRewriter::BeginFirstFragment(Ptr<const Packet> packet)
{
    uint8_t head[13];
    if (packet->CopyData(head, sizeof(head)) != sizeof(head))
    {
        return false;
    }
    m_first = FirstFragment();
    m_first.tcpHeaderLength = (head[12] >> 4) * 4;
    if (m_first.tcpHeaderLength < 20
        || packet->CopyData(m_first.tcp.data(), m_first.tcpHeaderLength) != m_first.tcpHeaderLength)
    {
        return false;
    }
    m_first.active = true;
    return true;
}

void
DepotPacketRewriter::EndFirstFragment()
{
    m_first.active = false;
}

const DepotFragmentRewrite*
DepotPacketRewriter::GetFirstFragmentRewrite() const
{
    return m_first.switched ? &m_first.rewrite : nullptr;
}

void
DepotPacketRewriter::ToProxy(PacketHookRouting::HookPacket& hp,
                             TcpHeader& tcp,
                             const DepotSession& s,
                             const DepotProxy& proxy)
{
    if (m_direct)
    {
        hp.nextHop = proxy.address; // the proxy's MAC; the proxy owns the VIP too
    }
    else
    {
        hp.header.SetDestination(proxy.address);
        tcp.SetDestinationPort(proxy.port);
    }
    Restore(hp, tcp, s, proxy, true);
}

void
DepotPacketRewriter::ToClient(PacketHookRouting::HookPacket& hp,
                              TcpHeader& tcp,
                              const DepotSession& s,
                              const DepotProxy& proxy)
{
    hp.header.SetSource(Ipv4Address(s.vip));
    tcp.SetSourcePort(s.virtualPort);
    Restore(hp, tcp, s, proxy, false);
}

void
DepotPacketRewriter::Restore(PacketHookRouting::HookPacket& hp,
                             TcpHeader& tcp,
                             const DepotSession& s,
                             const DepotProxy& proxy,
                             bool toProxy)
{
    if (m_first.active)
    {
        FirstFragment& f = m_first;
        uint8_t* b = f.tcp.data();
        const uint16_t oldSourcePort = (b[0] << 8) | b[1];
        const uint16_t oldDestinationPort = (b[2] << 8) | b[3];
        // The addresses before the rewrite are the key's; the caller changed the header.
        Ipv4Address oldSource = hp.header.GetSource();
        Ipv4Address oldDestination = hp.header.GetDestination();
        if (toProxy)
        {
            oldDestination = m_vip; // NAT: VIP -> proxy; direct routing: unchanged
        }
        else
        {
            oldSource = proxy.address;
        }
        const uint16_t checksum = (b[16] << 8) | b[17];
        if (Node::ChecksumEnabled())
        {
            // The sender's checksum covers the whole segment, which only the receiver's
            // reassembly sees again (ns-3 cannot check it on a fragment): update it for the
            // pseudo-header's addresses and the ports instead of recomputing it.
            const uint16_t updated = AdjustChecksum(
                checksum,
                NatWords(oldSource, oldDestination, oldSourcePort, oldDestinationPort),
                NatWords(hp.header.GetSource(),
                         hp.header.GetDestination(),
                         tcp.GetSourcePort(),
                         tcp.GetDestinationPort()));
            b[16] = updated >> 8;
            b[17] = updated & 0xff;
        }
        b[0] = tcp.GetSourcePort() >> 8;
        b[1] = tcp.GetSourcePort() & 0xff;
        b[2] = tcp.GetDestinationPort() >> 8;
        b[3] = tcp.GetDestinationPort() & 0xff;
        hp.packet->AddHeader(DepotTcpBytes(b, f.tcpHeaderLength));
        DepotFragmentRewrite& r = f.rewrite;
        if (!toProxy && !m_direct)
        {
            // Datagrams of several proxies reach a client from the same VIP: their own
            // identifications could meet in the client's reassembly, so the VIP numbers them.
            // Multiplicative hashing (Knuth's 2654435761, odd): consecutive addresses take
            // distinct counters, up to the number of counters.
            uint16_t& id = m_vipIds[(s.client * 2654435761U) % m_vipIds.size()];
            hp.header.SetIdentification(id++);
        }
        r.source = hp.header.GetSource();
        r.destination = hp.header.GetDestination();
        r.nextHop = hp.nextHop;
        r.id = hp.header.GetIdentification();
        r.switched = true;
        r.toProxy = toProxy;
        r.proxy = s.proxyIndex;
        r.seq = tcp.GetSequenceNumber().GetValue();
        r.tcpFlags = tcp.GetFlags();
        r.tcpHeaderLength = f.tcpHeaderLength;
        r.client = s.client;
        r.clientPort = s.clientPort;
        r.virtualPort = s.virtualPort;
        f.switched = true;
        return;
    }
    if (Node::ChecksumEnabled())
    {
        // The pseudo-header holds the (rewritten) addresses; Ipv4L3Protocol recomputes the IP
        // header's own checksum when it serializes the header it forwards.
        tcp.EnableChecksums();
        tcp.InitializeChecksum(hp.header.GetSource(), hp.header.GetDestination(), TCP_PROTOCOL);
    }
    hp.packet->AddHeader(tcp);
}

void
DepotPacketRewriter::Clear()
{
    std::fill(m_vipIds.begin(), m_vipIds.end(), 0);
}

} // namespace ns3
