/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dns-resolver.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <arpa/inet.h>

#include <cstdlib>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnsResolver");
NS_OBJECT_ENSURE_REGISTERED(DnsResolver);

TypeId
DnsResolver::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::DnsResolver")
              .SetParent<Object>()
              .SetGroupName("WebProxy")
              .AddConstructor<DnsResolver>()
              .AddAttribute("Server",
                            "Address of the DNS server.",
                            Ipv4AddressValue(Ipv4Address::GetAny()),
                            MakeIpv4AddressAccessor(&DnsResolver::m_server),
                            MakeIpv4AddressChecker())
              .AddAttribute("Port",
                            "UDP port of the DNS server.",
                            UintegerValue(53),
                            MakeUintegerAccessor(&DnsResolver::m_port),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("Timeout",
                            "Send a query again when no answer came within this long.",
                            TimeValue(Seconds(2)),
                            MakeTimeAccessor(&DnsResolver::m_timeout),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute("Attempts",
                            "Queries sent for a name before it fails (glibc's "
                            "options attempts, times the servers).",
                            UintegerValue(2),
                            MakeUintegerAccessor(&DnsResolver::m_attempts),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("CacheSize",
                            "Names whose answers are kept (0: no cache).",
                            UintegerValue(64),
                            MakeUintegerAccessor(&DnsResolver::m_cacheSize),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("MaxQueries",
                            "Names queried at once; a further name fails at once.",
                            UintegerValue(64),
                            MakeUintegerAccessor(&DnsResolver::m_maxQueries),
                            MakeUintegerChecker<uint32_t>(1))
              .AddTraceSource("Query",
                              "A query was sent: name, attempt (1 for the first).",
                              MakeTraceSourceAccessor(&DnsResolver::m_queryTrace),
                              "ns3::DnsResolver::QueryCallback")
              .AddTraceSource("Resolved",
                              "A response gave an address: name, address, TTL.",
                              MakeTraceSourceAccessor(&DnsResolver::m_resolvedTrace),
                              "ns3::DnsResolver::ResolvedCallback")
              .AddTraceSource("Failed",
                              "A name could not be resolved: name, reason.",
                              MakeTraceSourceAccessor(&DnsResolver::m_failedTrace),
                              "ns3::DnsResolver::FailedCallback");
    return tid;
}

DnsResolver::DnsResolver()
    : m_port(53)
    , m_attempts(2)
    , m_cacheSize(64)
    , m_maxQueries(64)
{
    NS_LOG_FUNCTION(this);
}

DnsResolver::~DnsResolver()
{
    NS_LOG_FUNCTION(this);
    // Dropped by its client without Dispose: nothing may call back into it.
    for (auto& [name, q] : m_queries)
    {
        q.timer.Cancel();
    }
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
DnsResolver::DoDispose()
{
    Stop();
    m_socket = nullptr;
    Object::DoDispose();
}

void
DnsResolver::Stop()
{
    for (auto& [name, q] : m_queries)
    {
        q.timer.Cancel();
    }
    m_queries.clear();
    m_cache.Clear();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

uint64_t
DnsResolver::GetQueriesSent() const
{
    return m_sent;
}

uint64_t
DnsResolver::GetCacheHits() const
{
    return m_hits;
}

uint64_t
DnsResolver::GetFailures() const
{
    return m_failures;
}

const DnsCache&
DnsResolver::GetCache() const
{
    return m_cache;
}

void
DnsResolver::Resolve(Ptr<Node> node, const std::string& rawName, Callback callback)
{
    const std::string name = DnsMessage::Canonical(rawName);
    m_cache.SetCapacity(m_cacheSize);
    if (auto a = m_cache.Lookup(name, Simulator::Now()))
    {
        ++m_hits;
        callback(*a, "");
        return;
    }
    auto it = m_queries.find(name);
    if (it != m_queries.end())
    {
        it->second.callbacks.push_back(std::move(callback));
        return;
    }
    if (m_queries.size() >= m_maxQueries)
    {
        ++m_failures;
        m_failedTrace(name, "too many queries");
        callback(std::nullopt, "too many queries");
        return;
    }
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(m_socket->Bind() != 0, "DnsResolver: cannot bind a UDP socket");
        m_socket->SetRecvCallback(MakeCallback(&DnsResolver::HandleRead, this));
    }
    Query& q = m_queries[name];
    q.id = m_nextId++;
    if (m_nextId == 0)
    {
        m_nextId = 1;
    }
    q.callbacks.push_back(std::move(callback));
    Send(name);
}

void
DnsResolver::ResolveHost(Ptr<Node> node,
                         const std::string& host,
                         const Address& server,
                         HostCallback callback)
{
    const size_t colon = host.rfind(':');
    const std::string name = host.substr(0, colon);
    uint16_t port = 80;
    if (InetSocketAddress::IsMatchingType(server))
    {
        port = InetSocketAddress::ConvertFrom(server).GetPort();
    }
    else if (colon != std::string::npos)
    {
        port = static_cast<uint16_t>(std::strtoul(host.c_str() + colon + 1, nullptr, 10));
    }
    in_addr literal;
    if (name.empty())
    {
        callback(Address(), "no host name");
        return;
    }
    if (inet_pton(AF_INET, name.c_str(), &literal) == 1)
    {
        callback(InetSocketAddress(Ipv4Address(name.c_str()), port), "");
        return;
    }
    Resolve(node,
            name,
            [port, callback](std::optional<Ipv4Address> a, const std::string& error)
            { callback(a ? Address(InetSocketAddress(*a, port)) : Address(), error); });
}

void
DnsResolver::Send(const std::string& name)
{
    Query& q = m_queries.at(name);
    std::vector<uint8_t> bytes;
    if (DnsError e = DnsMessage::MakeQuery(q.id, name).Encode(bytes); e != DnsError::NONE)
    {
        Complete(name, std::nullopt, std::string("bad name: ") + DnsErrorName(e));
        return;
    }
    ++q.attempts;
    ++m_sent;
    NS_LOG_INFO("query " << q.id << " for " << name << ", attempt " << q.attempts);
    m_queryTrace(name, q.attempts);
    m_socket->SendTo(
        Create<Packet>(bytes.data(), bytes.size()), 0, InetSocketAddress(m_server, m_port));
    q.timer = Simulator::Schedule(m_timeout, &DnsResolver::TimedOut, this, name);
}

void
DnsResolver::TimedOut(std::string name)
{
    auto it = m_queries.find(name);
    if (it == m_queries.end())
    {
        return;
    }
    if (it->second.attempts < m_attempts)
    {
        Send(name);
        return;
    }
    Complete(name, std::nullopt, "timeout");
}

void
DnsResolver::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        DnsError e;
        std::optional<DnsMessage> r = DnsMessage::Decode(bytes.data(), bytes.size(), e);
        if (!r || !r->response)
        {
            NS_LOG_INFO("dropped a datagram: " << (r ? "not a response" : DnsErrorName(e)));
            continue;
        }
        const std::string name = DnsMessage::Canonical(r->qname);
        auto it = m_queries.find(name);
        if (it == m_queries.end() || it->second.id != r->id)
        {
            continue; // late (after a retry was answered) or not ours
        }
        if (r->rcode == DnsMessage::RCODE_NXDOMAIN)
        {
            Complete(name, std::nullopt, "NXDOMAIN");
            continue;
        }
        if (r->rcode != DnsMessage::RCODE_OK)
        {
            Complete(name, std::nullopt, "rcode " + std::to_string(r->rcode));
            continue;
        }
        std::optional<Ipv4Address> address;
        for (const DnsResourceRecord& rr : r->answers)
        {
            if (rr.klass == DnsMessage::CLASS_IN && (address = rr.GetA()))
            {
                const Time ttl = Seconds(rr.ttl);
                m_cache.Insert(name, *address, ttl, Simulator::Now());
                m_resolvedTrace(name, *address, ttl);
                break;
            }
        }
        Complete(name, address, address ? "" : "no address");
    }
}

void
DnsResolver::Complete(const std::string& name,
                      std::optional<Ipv4Address> address,
                      const std::string& error)
{
    auto it = m_queries.find(name);
    if (it == m_queries.end())
    {
        return;
    }
    it->second.timer.Cancel();
    std::vector<Callback> callbacks = std::move(it->second.callbacks);
    m_queries.erase(it);
    if (!address)
    {
        NS_LOG_INFO(name << " not resolved: " << error);
        ++m_failures;
        m_failedTrace(name, error);
    }
    for (Callback& cb : callbacks)
    {
        cb(address, error);
    }
}

} // namespace ns3
