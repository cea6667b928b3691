/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: AttributeTextCheck, which stands between what a user types and ns-3's readers
 * of attribute values and object descriptions (--ns3::Type::Attribute=value, and options such
 * as --synDelay=ns3::LogNormalRandomVariable[Mu=0|Sigma=0.5]), several of which abort or read
 * out of bounds on malformed text. The input is "path\ntext" (no newline: the whole input is
 * an object description). Invariants: no check crashes; a text Check accepts for a path is
 * one Config::SetDefaultFailSafe accepts; an object description IsObject accepts (with base
 * RandomVariableStream) is one an ObjectFactory reads and builds, and IsRandomVariable accepts
 * no more than IsObject. Drawing is not tried: ns-3's draws from nonsensical parameters can
 * loop for ever (a normal of negative variance), which IsRandomVariable leaves to the user.
 */
#include "fuzz-check.h"

#include "ns3/attribute-text-check.h"
#include "ns3/config.h"
#include "ns3/object-factory.h"
#include "ns3/random-variable-stream.h"
#include "ns3/string.h"

#include <cstdint>
#include <sstream>
#include <string>

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string input(reinterpret_cast<const char*>(data), size);
    const size_t newline = input.find('\n');
    const std::string object = newline == std::string::npos ? input : input.substr(newline + 1);
    const bool isObject = AttributeTextCheck::IsObject(object, RandomVariableStream::GetTypeId());
    FUZZ_CHECK(isObject || !AttributeTextCheck::IsRandomVariable(object), object);
    if (isObject)
    {
        std::istringstream is(object);
        ObjectFactory factory;
        is >> factory;
        FUZZ_CHECK(!is.fail(), object);
        FUZZ_CHECK(factory.Create<RandomVariableStream>(), object);
    }
    if (newline != std::string::npos)
    {
        const std::string path = input.substr(0, newline);
        std::string allowed;
        if (AttributeTextCheck::Check(path, object, allowed).empty())
        {
            // What CommandLine does with --path=text; the default is then put back.
            TypeId tid;
            TypeId::AttributeInformation info;
            const size_t sep = path.rfind("::");
            FUZZ_CHECK(TypeId::LookupByNameFailSafe(path.substr(0, sep), &tid)
                           && tid.LookupAttributeByName(path.substr(sep + 2), &info),
                       path);
            const std::string before = info.initialValue->SerializeToString(info.checker);
            FUZZ_CHECK(Config::SetDefaultFailSafe(path, StringValue(object)), path + "=" + object);
            Config::SetDefaultFailSafe(path, StringValue(before));
        }
    }
    return 0;
}
