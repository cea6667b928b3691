/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "icp-agent.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IcpAgent");

const char*
IcpAgent::OutcomeName(Outcome o)
{
    switch (o)
    {
    case SIBLING_HIT:
        return "SIBLING_HIT";
    case ALL_MISS:
        return "ALL_MISS";
    case TIMEOUT:
        return "TIMEOUT";
    }
    return "UNKNOWN";
}

IcpAgent::~IcpAgent()
{
    Stop();
}

void
IcpAgent::AddSibling(Ipv4Address ip, uint16_t httpPort)
{
    NS_ABORT_MSG_IF(IsSibling(ip), "IcpAgent: sibling " << ip << " added twice");
    m_siblings.push_back({ip, httpPort});
}

const std::vector<IcpAgent::Sibling>&
IcpAgent::GetSiblings() const
{
    return m_siblings;
}

bool
IcpAgent::IsSibling(Ipv4Address ip) const
{
    return std::any_of(
        m_siblings.begin(), m_siblings.end(), [ip](const Sibling& s) { return s.ip == ip; });
}

void
IcpAgent::Start(Ptr<Node> node, const Settings& settings, Lookup lookup, Ignored ignored)
{
    m_settings = settings;
    m_lookup = std::move(lookup);
    m_ignored = std::move(ignored);
    m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), settings.port)) != 0,
                    "IcpAgent: cannot bind UDP port " << settings.port);
    m_socket->SetRecvCallback(MakeCallback(&IcpAgent::HandleRead, this));
}

void
IcpAgent::Stop()
{
    for (auto& [request, p] : m_pending)
    {
        p.timer.Cancel();
    }
    m_pending.clear();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
    m_lookup = nullptr;
    m_ignored = nullptr;
}

bool
IcpAgent::Query(const std::string& url, const Address& client, Done done)
{
    if (m_siblings.empty() || !m_socket || !InetSocketAddress::IsMatchingType(client))
    {
        return false;
    }
    if (url.empty() || url.find('\0') != std::string::npos
        || IcpHeader::HEADER_SIZE + 4 + url.size() + 1 > IcpHeader::MAX_SIZE)
    {
        ++m_counters.unfit;
        return false;
    }
    const Ipv4Address requester = InetSocketAddress::ConvertFrom(client).GetIpv4();
    if (IsSibling(requester))
    {
        // A sibling's request is answered from here or fetched upstream, never passed on to
        // the siblings: no forwarding loops (Squid's siblings do not forward each other's
        // misses).
        return false;
    }
    if (m_pending.size() >= m_settings.maxPending)
    {
        ++m_counters.tableFull;
        return false;
    }
    // Skip numbers still in use after a wrap-around (a table of at most 2^32 - 1 entries).
    while (m_pending.count(m_nextRequest) > 0 || m_nextRequest == 0)
    {
        ++m_nextRequest;
    }
    const uint32_t request = m_nextRequest++;
    IcpHeader q;
    q.SetOpcode(IcpHeader::QUERY);
    q.SetRequestNumber(request);
    q.SetRequester(requester);
    q.SetUrl(url);
    Pending& p = m_pending[request];
    p.url = url;
    p.done = std::move(done);
    for (const Sibling& s : m_siblings)
    {
        Ptr<Packet> packet = Create<Packet>();
        packet->AddHeader(q);
        m_socket->SendTo(packet, 0, InetSocketAddress(s.ip, m_settings.port));
        p.waiting.push_back(s.ip);
        ++m_counters.queriesSent;
    }
    ++m_counters.lookups;
    p.timer = Simulator::Schedule(m_settings.timeout, &IcpAgent::Expire, this, request);
    NS_LOG_INFO("ICP query #" << request << " " << url << " to " << m_siblings.size()
                              << " siblings");
    return true;
}

void
IcpAgent::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        IcpHeader m;
        const IcpHeader::Error e = IcpHeader::Decode(bytes.data(), bytes.size(), m);
        if (e != IcpHeader::Error::NONE)
        {
            Ignore(m_counters.malformed, std::string("malformed ") + IcpHeader::ErrorName(e), from);
            continue;
        }
        HandleDatagram(m, from);
    }
}

void
IcpAgent::HandleDatagram(const IcpHeader& m, const Address& from)
{
    if (m.GetOpcode() == IcpHeader::QUERY)
    {
        Answer(m, from);
        return;
    }
    const Ipv4Address ip = InetSocketAddress::ConvertFrom(from).GetIpv4();
    if (!IsSibling(ip))
    {
        Ignore(m_counters.nonSibling, "nonSibling", from);
        return;
    }
    auto it = m_pending.find(m.GetRequestNumber());
    if (it == m_pending.end() || it->second.url != m.GetUrl())
    {
        // Also a reply after its lookup ended (timeout or an earlier HIT).
        Ignore(m_counters.unmatched, "unmatched", from);
        return;
    }
    Pending& p = it->second;
    auto w = std::find(p.waiting.begin(), p.waiting.end(), ip);
    if (w == p.waiting.end())
    {
        Ignore(m_counters.duplicates, "duplicate", from);
        return;
    }
    p.waiting.erase(w);
    if (m.GetOpcode() == IcpHeader::HIT)
    {
        const auto s = std::find_if(
            m_siblings.begin(), m_siblings.end(), [ip](const Sibling& x) { return x.ip == ip; });
        ++m_counters.hits;
        End(it->first, SIBLING_HIT, InetSocketAddress(ip, s->httpPort));
        return;
    }
    if (p.waiting.empty())
    {
        ++m_counters.misses;
        End(it->first, ALL_MISS, Address());
    }
}

void
IcpAgent::Answer(const IcpHeader& query, const Address& from)
{
    IcpHeader r;
    r.SetRequestNumber(query.GetRequestNumber());
    r.SetUrl(query.GetUrl());
    if (!IsSibling(InetSocketAddress::ConvertFrom(from).GetIpv4()))
    {
        // Squid's default icp_access: only configured peers may ask.
        ++m_counters.denied;
        r.SetOpcode(IcpHeader::DENIED);
    }
    else
    {
        ++m_counters.queriesAnswered;
        const bool hit = m_lookup && m_lookup(query.GetUrl());
        m_counters.hitsAnswered += hit;
        r.SetOpcode(hit ? IcpHeader::HIT : IcpHeader::MISS);
    }
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(r);
    m_socket->SendTo(packet, 0, from);
}

void
IcpAgent::Expire(uint32_t request)
{
    auto it = m_pending.find(request);
    NS_ASSERT(it != m_pending.end());
    NS_LOG_INFO("ICP query #" << request << " timed out, " << it->second.waiting.size()
                              << " siblings silent");
    ++m_counters.timeouts;
    End(request, TIMEOUT, Address());
}

void
IcpAgent::End(uint32_t request, Outcome outcome, const Address& sibling)
{
    auto it = m_pending.find(request);
    it->second.timer.Cancel();
    Done done = std::move(it->second.done);
    m_pending.erase(it);
    done(outcome, sibling);
}

void
IcpAgent::Ignore(uint64_t& counter, const std::string& why, const Address& from)
{
    ++counter;
    NS_LOG_INFO("ICP datagram from " << from << " ignored: " << why);
    if (m_ignored)
    {
        m_ignored(why, from);
    }
}

const IcpAgent::Counters&
IcpAgent::GetCounters() const
{
    return m_counters;
}

size_t
IcpAgent::GetPending() const
{
    return m_pending.size();
}

} // namespace ns3
