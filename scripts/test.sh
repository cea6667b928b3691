#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install what is missing, build everything and run
# all tests with ctest, then check the manual (Sphinx, doxygen, the program output it shows).
# With --sanitize, builds in build-asan/ with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer and runs the tests there. With WEB_PROXY_FUZZ_SECONDS=N set, also
# runs every fuzz target for N seconds (scripts/fuzz.sh: a clang build of the parser and trace
# sources, 6 minutes at -j1 on a busy 2-core machine, plus 4 N seconds); off by default to keep CI within its budget.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--sanitize" ]; then
    bash scripts/setup.sh --sanitize
else
    bash scripts/setup.sh
fi

# Line tables only (-g1): backtraces and sanitizer reports keep file and line, and the
# optimised build compiles in about two thirds of the time of full debug information
# (proxy-cache.cc: 5.5 s against 8.0 s). quickstart.sh configures build/ the same way.
dir=build
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")
if [ "${1:-}" = "--sanitize" ]; then
    # clang, not the release build's g++: it compiles the unoptimised, instrumented code in about
    # half of g++'s time (proxy-cache.cc: 5.8 s against 12.4 s), and a second compiler finds
    # what the first accepts.
    export CC=clang CXX=clang++
    dir=build-asan
    flags=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DWEB_PROXY_SANITIZE=ON
           -DWEB_PROXY_BENCH=OFF -DCMAKE_CXX_EXTENSIONS=ON)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
cmake -S . -B "$dir" "${flags[@]}"
cmake --build "$dir" -j"$(nproc)"
echo "test.sh: $dir built at $SECONDS s"
(cd "$dir" && ctest --output-on-failure -j"$(nproc)")
echo "test.sh: $dir tests passed at $SECONDS s"
if [ "$dir" = build ]; then
    # The manual (Sphinx, warnings as errors) and the API documentation (doxygen, no
    # undocumented public member) are checked with the tests.
    bash scripts/check-docs.sh
    bash scripts/check-doxygen.sh
    # The program output shown in the manual is what the programs print today (about 3 min).
    python3 scripts/doc-outputs.py --check
    echo "test.sh: documentation checked at $SECONDS s"
fi
if [ -n "${WEB_PROXY_FUZZ_SECONDS:-}" ]; then
    bash scripts/fuzz.sh "$WEB_PROXY_FUZZ_SECONDS"
fi
