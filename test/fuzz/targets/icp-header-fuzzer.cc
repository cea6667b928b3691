/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: IcpHeader (ICP version 2, RFC 2186). The input is one UDP payload. Invariants:
 * Decode either names an error or yields a message whose serialization is the input byte for
 * byte (every field is kept); Deserialize from a packet agrees with Decode, reading all bytes
 * or none.
 */
#include "fuzz-check.h"

#include "ns3/icp-header.h"
#include "ns3/packet.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    IcpHeader h;
    const IcpHeader::Error e = IcpHeader::Decode(data, size, h);
    FUZZ_CHECK(std::string(IcpHeader::ErrorName(e)) != "UNKNOWN", "unnamed error");

    Ptr<Packet> p = Create<Packet>(data, static_cast<uint32_t>(size));
    IcpHeader d;
    const uint32_t read = p->RemoveHeader(d);
    FUZZ_CHECK(d.GetError() == e,
               std::string("Deserialize says ") + IcpHeader::ErrorName(d.GetError()) + ", Decode "
                   + IcpHeader::ErrorName(e));
    if (e != IcpHeader::Error::NONE)
    {
        FUZZ_CHECK(read == 0, "bytes read from a malformed message");
        return 0;
    }
    FUZZ_CHECK(read == size, "a decoded message not read whole");
    FUZZ_CHECK(!h.GetUrl().empty() && h.GetUrl().find('\0') == std::string::npos,
               "bad URL decoded");
    FUZZ_CHECK(h.GetSerializedSize() == size, "length changed");
    Ptr<Packet> out = Create<Packet>();
    out->AddHeader(h);
    std::vector<uint8_t> bytes(out->GetSize());
    out->CopyData(bytes.data(), bytes.size());
    FUZZ_CHECK(bytes.size() == size && std::memcmp(bytes.data(), data, size) == 0,
               "re-encoding differs from the input");
    FUZZ_CHECK(d.GetUrl() == h.GetUrl() && d.GetRequestNumber() == h.GetRequestNumber(),
               "Deserialize and Decode differ");
    return 0;
}
