/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Runs the module's ns-3 TestSuite outside an ns-3 tree, with ns-3's own TestRunner
 * (options as test-runner: --suite=web-proxy --verbose).
 */
#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
