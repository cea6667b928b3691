/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: DnsMessage::Decode on any datagram. Invariants: an error is a named error
 * and yields no message; a decoded message has no name over 255 bytes nor label over 63;
 * a message that encodes decodes back to one that encodes to the same bytes (the encoding
 * is a fixed point, whatever compression the input used).
 */
#include "fuzz-check.h"

#include "ns3/dns-message.h"

#include <cstdint>
#include <string>
#include <vector>

using namespace ns3;

namespace
{
void
CheckName(const std::string& name)
{
    FUZZ_CHECK(name.size() <= DnsMessage::MAX_NAME, name);
}
} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    DnsError e;
    std::optional<DnsMessage> m = DnsMessage::Decode(data, size, e);
    FUZZ_CHECK(m.has_value() == (e == DnsError::NONE), DnsErrorName(e));
    FUZZ_CHECK(std::string(DnsErrorName(e)) != "UNKNOWN", "unnamed error");
    if (!m)
    {
        return 0;
    }
    CheckName(m->qname);
    for (const auto* s : {&m->answers, &m->authority, &m->additional})
    {
        for (const DnsResourceRecord& r : *s)
        {
            CheckName(r.name);
        }
    }
    std::vector<uint8_t> once;
    if (m->Encode(once) != DnsError::NONE)
    {
        FUZZ_CHECK(once.empty(), "bytes left after a failed encode");
        return 0; // a label holding '.', which a name string cannot carry
    }
    std::optional<DnsMessage> back = DnsMessage::Decode(once.data(), once.size(), e);
    FUZZ_CHECK(back.has_value(), std::string("re-decode: ") + DnsErrorName(e));
    std::vector<uint8_t> twice;
    FUZZ_CHECK(back->Encode(twice) == DnsError::NONE, "re-encode");
    FUZZ_CHECK(once == twice, "encoding is not a fixed point");
    return 0;
}
