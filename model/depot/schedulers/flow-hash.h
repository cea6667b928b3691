/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FLOW_HASH_H
#define FLOW_HASH_H

#include <cstdint>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Deterministic 64-bit hash of two words (Murmur3's finalizer after a multiplicative mix):
 * every input bit reaches the low bits, so power-of-two tables and modulo tables both work.
 * The same on every platform and run (unlike std::hash).
 * \param a first word
 * \param b second word
 * \return the hash
 */
inline uint64_t
FlowHash(uint64_t a, uint64_t b)
{
    uint64_t h = a ^ (b * 0x9E3779B97F4A7C15ULL);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

} // namespace ns3

#endif // FLOW_HASH_H
