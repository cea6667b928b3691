/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "icp-header.h"

#include "ns3/abort.h"

#include <cstring>
#include <vector>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IcpHeader);

TypeId
IcpHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IcpHeader")
                            .SetParent<Header>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<IcpHeader>();
    return tid;
}

TypeId
IcpHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

const char*
IcpHeader::ErrorName(Error e)
{
    switch (e)
    {
    case Error::NONE:
        return "NONE";
    case Error::TOO_SHORT:
        return "TOO_SHORT";
    case Error::BAD_VERSION:
        return "BAD_VERSION";
    case Error::UNSUPPORTED_OPCODE:
        return "UNSUPPORTED_OPCODE";
    case Error::LENGTH_MISMATCH:
        return "LENGTH_MISMATCH";
    case Error::TOO_LONG:
        return "TOO_LONG";
    case Error::URL_NOT_TERMINATED:
        return "URL_NOT_TERMINATED";
    case Error::EMPTY_URL:
        return "EMPTY_URL";
    case Error::TRAILING_BYTES:
        return "TRAILING_BYTES";
    }
    return "UNKNOWN";
}

const char*
IcpHeader::OpcodeName(Opcode op)
{
    switch (op)
    {
    case QUERY:
        return "QUERY";
    case HIT:
        return "HIT";
    case MISS:
        return "MISS";
    case ERR:
        return "ERR";
    case MISS_NOFETCH:
        return "MISS_NOFETCH";
    case DENIED:
        return "DENIED";
    }
    return "UNKNOWN";
}

namespace
{

uint32_t
Read32(const uint8_t* p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

bool
IsKnown(uint8_t op)
{
    switch (op)
    {
    case IcpHeader::QUERY:
    case IcpHeader::HIT:
    case IcpHeader::MISS:
    case IcpHeader::ERR:
    case IcpHeader::MISS_NOFETCH:
    case IcpHeader::DENIED:
        return true;
    default:
        return false;
    }
}

} // namespace

IcpHeader::Error
IcpHeader::Decode(const uint8_t* data, size_t size, IcpHeader& out)
{
    if (size > MAX_SIZE)
    {
        return Error::TOO_LONG;
    }
    if (size < HEADER_SIZE)
    {
        return Error::TOO_SHORT;
    }
    if (data[1] != VERSION)
    {
        return Error::BAD_VERSION;
    }
    if (!IsKnown(data[0]))
    {
        return Error::UNSUPPORTED_OPCODE;
    }
    const uint32_t length = (uint32_t(data[2]) << 8) | data[3];
    if (length != size)
    {
        return Error::LENGTH_MISMATCH;
    }
    const Opcode op = static_cast<Opcode>(data[0]);
    size_t pos = HEADER_SIZE;
    uint32_t requester = 0;
    if (op == QUERY)
    {
        if (size < HEADER_SIZE + 4)
        {
            return Error::TOO_SHORT;
        }
        requester = Read32(data + pos);
        pos += 4;
    }
    const void* nul = std::memchr(data + pos, 0, size - pos);
    if (!nul)
    {
        return Error::URL_NOT_TERMINATED;
    }
    const size_t end = static_cast<const uint8_t*>(nul) - data;
    if (end == pos)
    {
        return Error::EMPTY_URL;
    }
    if (end + 1 != size)
    {
        return Error::TRAILING_BYTES;
    }
    out.m_opcode = op;
    out.m_request = Read32(data + 4);
    out.m_options = Read32(data + 8);
    out.m_optionData = Read32(data + 12);
    out.m_sender = Ipv4Address(Read32(data + 16));
    out.m_requester = Ipv4Address(requester);
    out.m_url.assign(reinterpret_cast<const char*>(data + pos), end - pos);
    out.m_error = Error::NONE;
    return Error::NONE;
}

void
IcpHeader::SetOpcode(Opcode op)
{
    NS_ABORT_MSG_UNLESS(IsKnown(op), "IcpHeader: unsupported opcode " << int(op));
    m_opcode = op;
}

IcpHeader::Opcode
IcpHeader::GetOpcode() const
{
    return m_opcode;
}

void
IcpHeader::SetRequestNumber(uint32_t n)
{
    m_request = n;
}

uint32_t
IcpHeader::GetRequestNumber() const
{
    return m_request;
}

void
IcpHeader::SetOptions(uint32_t options)
{
    m_options = options;
}

uint32_t
IcpHeader::GetOptions() const
{
    return m_options;
}

void
IcpHeader::SetOptionData(uint32_t data)
{
    m_optionData = data;
}

uint32_t
IcpHeader::GetOptionData() const
{
    return m_optionData;
}

void
IcpHeader::SetSender(Ipv4Address a)
{
    m_sender = a;
}

Ipv4Address
IcpHeader::GetSender() const
{
    return m_sender;
}

void
IcpHeader::SetRequester(Ipv4Address a)
{
    m_requester = a;
}

Ipv4Address
IcpHeader::GetRequester() const
{
    return m_requester;
}

void
IcpHeader::SetUrl(const std::string& url)
{
    NS_ABORT_MSG_IF(url.empty(), "IcpHeader: empty URL");
    NS_ABORT_MSG_IF(url.find('\0') != std::string::npos, "IcpHeader: NUL byte in URL");
    NS_ABORT_MSG_IF(url.size() + 1 + HEADER_SIZE + 4 > MAX_SIZE,
                    "IcpHeader: URL of " << url.size() << " bytes does not fit in " << MAX_SIZE
                                         << " bytes");
    m_url = url;
}

const std::string&
IcpHeader::GetUrl() const
{
    return m_url;
}

IcpHeader::Error
IcpHeader::GetError() const
{
    return m_error;
}

uint32_t
IcpHeader::GetSerializedSize() const
{
    return HEADER_SIZE + (m_opcode == QUERY ? 4 : 0) + m_url.size() + 1;
}

void
IcpHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(m_opcode);
    start.WriteU8(VERSION);
    start.WriteHtonU16(static_cast<uint16_t>(GetSerializedSize()));
    start.WriteHtonU32(m_request);
    start.WriteHtonU32(m_options);
    start.WriteHtonU32(m_optionData);
    start.WriteHtonU32(m_sender.Get());
    if (m_opcode == QUERY)
    {
        start.WriteHtonU32(m_requester.Get());
    }
    start.Write(reinterpret_cast<const uint8_t*>(m_url.data()), m_url.size());
    start.WriteU8(0);
}

uint32_t
IcpHeader::Deserialize(Buffer::Iterator start)
{
    const uint32_t size = start.GetRemainingSize();
    std::vector<uint8_t> bytes(size);
    start.Read(bytes.data(), size);
    m_error = Decode(bytes.data(), bytes.size(), *this);
    return m_error == Error::NONE ? size : 0;
}

void
IcpHeader::Print(std::ostream& os) const
{
    os << "ICP " << OpcodeName(m_opcode) << " #" << m_request << " " << m_url;
}

} // namespace ns3
