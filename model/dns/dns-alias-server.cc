/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dns-alias-server.h"

#include "ns3/abort.h"
#include "ns3/attribute-choice.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/string.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnsAliasServer");
NS_OBJECT_ENSURE_REGISTERED(DnsAliasServer);

namespace
{
const AttributeChoice<DnsAliasServer::Policy> POLICIES[]
    = {{DnsAliasServer::ROUND_ROBIN, "RoundRobin"}, {DnsAliasServer::LOCALITY, "Locality"}};
} // namespace

TypeId
DnsAliasServer::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::DnsAliasServer")
              .SetParent<Application>()
              .SetGroupName("WebProxy")
              .AddConstructor<DnsAliasServer>()
              .AddAttribute("Port",
                            "UDP port to listen on.",
                            UintegerValue(53),
                            MakeUintegerAccessor(&DnsAliasServer::m_port),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("Ttl",
                            "TTL of the answers (whole seconds on the wire, rounded down).",
                            TimeValue(Seconds(60)),
                            MakeTimeAccessor(&DnsAliasServer::m_ttl),
                            MakeTimeChecker(Seconds(0)))
              .AddAttribute(
                  "Policy",
                  "How an alias's address is chosen: RoundRobin or Locality.",
                  StringValue("RoundRobin"),
                  MakeStringAccessor(&DnsAliasServer::SetPolicy, &DnsAliasServer::GetPolicy),
                  MakeChoiceChecker(POLICIES))
              .AddTraceSource("Answer",
                              "A query was answered with an address: name, address, client.",
                              MakeTraceSourceAccessor(&DnsAliasServer::m_answerTrace),
                              "ns3::DnsAliasServer::AnswerCallback")
              .AddTraceSource("NxDomain",
                              "A query for an unknown name: name, client.",
                              MakeTraceSourceAccessor(&DnsAliasServer::m_nxdomainTrace),
                              "ns3::DnsAliasServer::NxDomainCallback")
              .AddTraceSource("Malformed",
                              "A datagram that is not a valid query was dropped: error, client.",
                              MakeTraceSourceAccessor(&DnsAliasServer::m_malformedTrace),
                              "ns3::DnsAliasServer::MalformedCallback");
    return tid;
}

DnsAliasServer::DnsAliasServer()
    : m_port(53)
{
    NS_LOG_FUNCTION(this);
}

DnsAliasServer::~DnsAliasServer()
{
    NS_LOG_FUNCTION(this);
}

void
DnsAliasServer::SetPolicy(std::string policy)
{
    m_policy = ParseChoice("DnsAliasServer", "Policy", policy, POLICIES);
}

std::string
DnsAliasServer::GetPolicy() const
{
    return ChoiceName(m_policy, POLICIES);
}

void
DnsAliasServer::AddAlias(const std::string& name, const std::vector<Ipv4Address>& addresses)
{
    NS_ABORT_MSG_IF(addresses.empty(),
                    "DnsAliasServer::AddAlias: alias '" << name << "' has no address");
    NS_ABORT_MSG_IF(addresses.size() > 65535,
                    "DnsAliasServer::AddAlias: alias '" << name << "' has over 65535 addresses");
    m_aliases[DnsMessage::Canonical(name)] = Alias{addresses, 0};
}

void
DnsAliasServer::AddLocality(Ipv4Address prefix, Ipv4Mask mask, Ipv4Address preferred)
{
    m_locality.push_back(Locality{prefix.CombineMask(mask), mask, preferred});
}

uint32_t
DnsAliasServer::GetLocalityCount() const
{
    return m_locality.size();
}

uint64_t
DnsAliasServer::GetQueryCount() const
{
    return m_queries;
}

uint64_t
DnsAliasServer::GetAnswerCount() const
{
    return m_answers;
}

uint64_t
DnsAliasServer::GetNxDomainCount() const
{
    return m_nxdomain;
}

uint64_t
DnsAliasServer::GetMalformedCount() const
{
    return m_malformed;
}

uint64_t
DnsAliasServer::GetLocalityMissCount() const
{
    return m_localityMisses;
}

void
DnsAliasServer::DoDispose()
{
    m_socket = nullptr;
    Application::DoDispose();
}

void
DnsAliasServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                        "DnsAliasServer: cannot bind UDP port " << m_port);
    }
    m_socket->SetRecvCallback(MakeCallback(&DnsAliasServer::HandleRead, this));
}

void
DnsAliasServer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket = nullptr;
    }
}

Ipv4Address
DnsAliasServer::Choose(const std::string& name, Ipv4Address client)
{
    Alias& a = m_aliases.at(name);
    if (m_policy == LOCALITY)
    {
        const Locality* best = nullptr;
        for (const Locality& l : m_locality)
        {
            const bool serves = std::find(a.addresses.begin(), a.addresses.end(), l.preferred)
                             != a.addresses.end();
            if (serves && l.mask.IsMatch(client, l.prefix)
                && (!best || l.mask.GetPrefixLength() > best->mask.GetPrefixLength()))
            {
                best = &l;
            }
        }
        if (best)
        {
            return best->preferred;
        }
        ++m_localityMisses;
    }
    const Ipv4Address chosen = a.addresses[a.next];
    a.next = (a.next + 1) % a.addresses.size();
    return chosen;
}

DnsMessage
DnsAliasServer::Respond(const DnsMessage& query, Ipv4Address client)
{
    ++m_queries;
    DnsMessage r;
    r.id = query.id;
    r.response = true;
    r.opcode = query.opcode;
    r.recursionDesired = query.recursionDesired;
    r.qname = query.qname;
    r.qtype = query.qtype;
    r.qclass = query.qclass;
    if (query.opcode != 0)
    {
        r.rcode = DnsMessage::RCODE_NOTIMP;
        return r;
    }
    const std::string name = DnsMessage::Canonical(query.qname);
    if (m_aliases.find(name) == m_aliases.end())
    {
        NS_LOG_INFO("NXDOMAIN for " << name << " from " << client);
        ++m_nxdomain;
        m_nxdomainTrace(name, client);
        r.rcode = DnsMessage::RCODE_NXDOMAIN;
        r.authoritative = true;
        return r;
    }
    r.authoritative = true;
    constexpr uint16_t QTYPE_ANY = 255;
    if (query.qclass != DnsMessage::CLASS_IN
        || (query.qtype != DnsMessage::TYPE_A && query.qtype != QTYPE_ANY))
    {
        return r; // the name exists, with no record of that type
    }
    const Ipv4Address chosen = Choose(name, client);
    const uint64_t seconds = static_cast<uint64_t>(m_ttl.GetSeconds());
    r.answers.push_back(DnsResourceRecord::MakeA(
        query.qname, chosen, static_cast<uint32_t>(std::min<uint64_t>(seconds, 0x7FFFFFFF))));
    ++m_answers;
    NS_LOG_INFO(name << " -> " << chosen << " for " << client);
    m_answerTrace(name, chosen, client);
    return r;
}

void
DnsAliasServer::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        const Ipv4Address client = InetSocketAddress::ConvertFrom(from).GetIpv4();
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        DnsError e;
        std::optional<DnsMessage> q = DnsMessage::Decode(bytes.data(), bytes.size(), e);
        if (q && q->response)
        {
            e = DnsError::QR_NOT_QUERY;
        }
        if (e != DnsError::NONE)
        {
            NS_LOG_INFO("malformed query from " << client << ": " << DnsErrorName(e));
            ++m_malformed;
            m_malformedTrace(DnsErrorName(e), client);
            continue;
        }
        std::vector<uint8_t> out;
        // A label holding a '.' decodes but cannot be encoded again: such a query is dropped.
        const DnsError enc = Respond(*q, client).Encode(out);
        if (enc != DnsError::NONE)
        {
            ++m_malformed;
            m_malformedTrace(DnsErrorName(enc), client);
            continue;
        }
        socket->SendTo(Create<Packet>(out.data(), out.size()), 0, from);
    }
}

} // namespace ns3
