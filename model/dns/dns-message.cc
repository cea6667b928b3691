/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dns-message.h"

#include <algorithm>
#include <cctype>

namespace ns3
{

const char*
DnsErrorName(DnsError e)
{
    switch (e)
    {
    case DnsError::NONE:
        return "NONE";
    case DnsError::TOO_SHORT:
        return "TOO_SHORT";
    case DnsError::TRUNCATED:
        return "TRUNCATED";
    case DnsError::LABEL_TOO_LONG:
        return "LABEL_TOO_LONG";
    case DnsError::EMPTY_LABEL:
        return "EMPTY_LABEL";
    case DnsError::NAME_TOO_LONG:
        return "NAME_TOO_LONG";
    case DnsError::POINTER_OUT_OF_RANGE:
        return "POINTER_OUT_OF_RANGE";
    case DnsError::POINTER_LOOP:
        return "POINTER_LOOP";
    case DnsError::QDCOUNT_MISMATCH:
        return "QDCOUNT_MISMATCH";
    case DnsError::BAD_RDATA_LENGTH:
        return "BAD_RDATA_LENGTH";
    case DnsError::TRAILING_BYTES:
        return "TRAILING_BYTES";
    case DnsError::TOO_MANY_RECORDS:
        return "TOO_MANY_RECORDS";
    case DnsError::QR_NOT_QUERY:
        return "QR_NOT_QUERY";
    }
    return "UNKNOWN";
}

bool
DnsResourceRecord::operator==(const DnsResourceRecord& o) const
{
    return name == o.name && type == o.type && klass == o.klass && ttl == o.ttl && rdata == o.rdata;
}

DnsResourceRecord
DnsResourceRecord::MakeA(const std::string& name, Ipv4Address address, uint32_t ttl)
{
    DnsResourceRecord r;
    r.name = name;
    r.type = DnsMessage::TYPE_A;
    r.klass = DnsMessage::CLASS_IN;
    r.ttl = ttl;
    r.rdata.resize(4);
    address.Serialize(r.rdata.data());
    return r;
}

std::optional<Ipv4Address>
DnsResourceRecord::GetA() const
{
    if (type != DnsMessage::TYPE_A || rdata.size() != 4)
    {
        return std::nullopt;
    }
    return Ipv4Address::Deserialize(rdata.data());
}

bool
DnsMessage::operator==(const DnsMessage& o) const
{
    return id == o.id && response == o.response && opcode == o.opcode
        && authoritative == o.authoritative && truncated == o.truncated
        && recursionDesired == o.recursionDesired && recursionAvailable == o.recursionAvailable
        && z == o.z && rcode == o.rcode && qname == o.qname && qtype == o.qtype
        && qclass == o.qclass && answers == o.answers && authority == o.authority
        && additional == o.additional;
}

std::string
DnsMessage::Canonical(const std::string& name)
{
    std::string s = name;
    if (!s.empty() && s.back() == '.')
    {
        s.pop_back();
    }
    std::transform(s.begin(),
                   s.end(),
                   s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

DnsMessage
DnsMessage::MakeQuery(uint16_t id, const std::string& name)
{
    DnsMessage m;
    m.id = id;
    m.recursionDesired = true;
    m.qname = Canonical(name);
    return m;
}

namespace
{

/// Reads a message with bounds checks; the first error sticks.
class Reader
{
  public:
    Reader(const uint8_t* data, size_t size)
        : m_data(data)
        , m_size(size)
    {}

    bool Need(size_t n)
    {
        if (m_error == DnsError::NONE && m_size - m_pos < n)
        {
            m_error = DnsError::TRUNCATED;
        }
        return m_error == DnsError::NONE;
    }

    uint16_t U16()
    {
        if (!Need(2))
        {
            return 0;
        }
        uint16_t v = (m_data[m_pos] << 8) | m_data[m_pos + 1];
        m_pos += 2;
        return v;
    }

    uint32_t U32()
    {
        uint32_t hi = U16();
        return (hi << 16) | U16();
    }

    /// A name at the current position (RFC 1035 4.1.4), the position moved past it.
    std::string Name()
    {
        std::string name;
        size_t pos = m_pos;
        size_t wire = 1; // the root's zero byte
        bool jumped = false;
        while (m_error == DnsError::NONE)
        {
            if (pos >= m_size)
            {
                m_error = DnsError::TRUNCATED;
                break;
            }
            const uint8_t len = m_data[pos];
            if ((len & 0xC0) == 0xC0)
            {
                if (pos + 1 >= m_size)
                {
                    m_error = DnsError::TRUNCATED;
                    break;
                }
                const size_t target = ((len & 0x3F) << 8) | m_data[pos + 1];
                if (!jumped)
                {
                    m_pos = pos + 2;
                    jumped = true;
                }
                if (target >= m_size)
                {
                    m_error = DnsError::POINTER_OUT_OF_RANGE;
                }
                // A pointer must refer to a prior occurrence (4.1.4): only strictly earlier
                // offsets, so every jump goes back and the walk ends.
                else if (target >= pos)
                {
                    m_error = DnsError::POINTER_LOOP;
                }
                pos = target;
                continue;
            }
            if (len > 63)
            {
                m_error = DnsError::LABEL_TOO_LONG;
                break;
            }
            if (len == 0)
            {
                if (!jumped)
                {
                    m_pos = pos + 1;
                }
                break;
            }
            if (pos + 1 + len > m_size)
            {
                m_error = DnsError::TRUNCATED;
                break;
            }
            wire += 1 + len;
            if (wire > DnsMessage::MAX_NAME)
            {
                m_error = DnsError::NAME_TOO_LONG;
                break;
            }
            if (!name.empty())
            {
                name += '.';
            }
            name.append(reinterpret_cast<const char*>(m_data + pos + 1), len);
            pos += 1 + len;
        }
        return name;
    }

    bool Record(DnsResourceRecord& r)
    {
        r.name = Name();
        r.type = U16();
        r.klass = U16();
        r.ttl = U32();
        const uint16_t len = U16();
        if (!Need(len))
        {
            return false;
        }
        r.rdata.assign(m_data + m_pos, m_data + m_pos + len);
        m_pos += len;
        if (r.type == DnsMessage::TYPE_A && r.klass == DnsMessage::CLASS_IN && len != 4)
        {
            m_error = DnsError::BAD_RDATA_LENGTH;
        }
        return m_error == DnsError::NONE;
    }

    size_t Left() const
    {
        return m_size - m_pos;
    }

    DnsError m_error{DnsError::NONE}; //!< the first error

  private:
    const uint8_t* m_data;
    size_t m_size;
    size_t m_pos{0};
};

void
Put16(std::vector<uint8_t>& out, uint16_t v)
{
    out.push_back(v >> 8);
    out.push_back(v & 0xFF);
}

/// Appends a name uncompressed; NONE or why it cannot be encoded.
DnsError
PutName(std::vector<uint8_t>& out, const std::string& name)
{
    std::string n = name;
    if (!n.empty() && n.back() == '.')
    {
        n.pop_back();
    }
    size_t wire = 1;
    size_t start = 0;
    while (!n.empty() && start <= n.size())
    {
        size_t end = n.find('.', start);
        if (end == std::string::npos)
        {
            end = n.size();
        }
        const size_t len = end - start;
        if (len == 0)
        {
            return DnsError::EMPTY_LABEL;
        }
        if (len > 63)
        {
            return DnsError::LABEL_TOO_LONG;
        }
        wire += 1 + len;
        if (wire > DnsMessage::MAX_NAME)
        {
            return DnsError::NAME_TOO_LONG;
        }
        out.push_back(static_cast<uint8_t>(len));
        out.insert(out.end(), n.begin() + start, n.begin() + end);
        start = end + 1;
    }
    out.push_back(0);
    return DnsError::NONE;
}

} // namespace

std::optional<DnsMessage>
DnsMessage::Decode(const uint8_t* data, size_t size, DnsError& error)
{
    error = DnsError::NONE;
    if (size < HEADER_SIZE)
    {
        error = DnsError::TOO_SHORT;
        return std::nullopt;
    }
    Reader in(data, size);
    DnsMessage m;
    m.id = in.U16();
    const uint16_t flags = in.U16();
    m.response = flags & 0x8000;
    m.opcode = (flags >> 11) & 0xF;
    m.authoritative = flags & 0x0400;
    m.truncated = flags & 0x0200;
    m.recursionDesired = flags & 0x0100;
    m.recursionAvailable = flags & 0x0080;
    m.z = (flags >> 4) & 0x7;
    m.rcode = flags & 0xF;
    const uint16_t qd = in.U16();
    const uint16_t counts[3] = {in.U16(), in.U16(), in.U16()};
    if (qd != 1)
    {
        error = DnsError::QDCOUNT_MISMATCH;
        return std::nullopt;
    }
    m.qname = in.Name();
    m.qtype = in.U16();
    m.qclass = in.U16();
    std::vector<DnsResourceRecord>* sections[3] = {&m.answers, &m.authority, &m.additional};
    for (int s = 0; s < 3 && in.m_error == DnsError::NONE; ++s)
    {
        for (uint16_t i = 0; i < counts[s]; ++i)
        {
            // Each record takes at least 11 bytes: no reservation beyond what the bytes hold.
            if (in.Left() < 11)
            {
                in.m_error = DnsError::TRUNCATED;
                break;
            }
            DnsResourceRecord r;
            if (!in.Record(r))
            {
                break;
            }
            sections[s]->push_back(std::move(r));
        }
    }
    if (in.m_error == DnsError::NONE && in.Left() > 0)
    {
        in.m_error = DnsError::TRAILING_BYTES;
    }
    error = in.m_error;
    if (error != DnsError::NONE)
    {
        return std::nullopt;
    }
    return m;
}

DnsError
DnsMessage::Encode(std::vector<uint8_t>& out) const
{
    out.clear();
    for (const auto* s : {&answers, &authority, &additional})
    {
        if (s->size() > 0xFFFF)
        {
            return DnsError::TOO_MANY_RECORDS;
        }
    }
    Put16(out, id);
    const uint16_t flags = (response ? 0x8000 : 0) | ((opcode & 0xF) << 11)
                         | (authoritative ? 0x0400 : 0) | (truncated ? 0x0200 : 0)
                         | (recursionDesired ? 0x0100 : 0) | (recursionAvailable ? 0x0080 : 0)
                         | ((z & 0x7) << 4) | (rcode & 0xF);
    Put16(out, flags);
    Put16(out, 1);
    Put16(out, answers.size());
    Put16(out, authority.size());
    Put16(out, additional.size());
    std::vector<uint8_t> question;
    DnsError e = PutName(question, qname);
    if (e != DnsError::NONE)
    {
        out.clear();
        return e;
    }
    out.insert(out.end(), question.begin(), question.end());
    Put16(out, qtype);
    Put16(out, qclass);
    std::vector<uint8_t> name;
    for (const auto* s : {&answers, &authority, &additional})
    {
        for (const DnsResourceRecord& r : *s)
        {
            name.clear();
            if ((e = PutName(name, r.name)) != DnsError::NONE)
            {
                out.clear();
                return e;
            }
            // Compared on the wire, so that names written alike are compressed alike.
            if (name == question && question.size() > 1)
            {
                Put16(out, 0xC000 | HEADER_SIZE); // the question's name, at offset 12
            }
            else
            {
                out.insert(out.end(), name.begin(), name.end());
            }
            Put16(out, r.type);
            Put16(out, r.klass);
            Put16(out, r.ttl >> 16);
            Put16(out, r.ttl & 0xFFFF);
            if (r.rdata.size() > 0xFFFF)
            {
                out.clear();
                return DnsError::BAD_RDATA_LENGTH;
            }
            Put16(out, r.rdata.size());
            out.insert(out.end(), r.rdata.begin(), r.rdata.end());
        }
    }
    return DnsError::NONE;
}

} // namespace ns3
