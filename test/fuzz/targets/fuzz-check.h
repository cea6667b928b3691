/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * An invariant check for the fuzz targets: a failure prints what broke and aborts, which
 * libFuzzer reports as a crash and saves the input.
 */
#ifndef WEB_PROXY_FUZZ_CHECK_H
#define WEB_PROXY_FUZZ_CHECK_H

#include "ns3/nstime.h"

#include <cstdio>
#include <cstdlib>
#include <string>

/// Abort with a message when cond is false.
#define FUZZ_CHECK(cond, what)                                \
    do                                                        \
    {                                                         \
        if (!(cond))                                          \
        {                                                     \
            std::fprintf(stderr,                              \
                         "%s:%d: invariant failed: %s: %s\n", \
                         __FILE__,                            \
                         __LINE__,                            \
                         #cond,                               \
                         std::string(what).c_str());          \
            std::abort();                                     \
        }                                                     \
    }                                                         \
    while (false)

/// Stop ns-3 recording every Time constructed (it does until the simulator runs): fixing the
/// resolution ends that, and the targets construct Times on every execution.
extern "C" int
LLVMFuzzerInitialize(int*, char***)
{
    ns3::Time::SetResolution(ns3::Time::NS);
    return 0;
}

#endif // WEB_PROXY_FUZZ_CHECK_H
