#!/usr/bin/env bash
# Builds the libFuzzer targets of test/fuzz with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer) in build-fuzz/ and runs each one; fails on any crash or broken
# invariant, naming the saved input.
#
#   scripts/fuzz.sh            30 seconds per target (the CI setting)
#   scripts/fuzz.sh 120        120 seconds per target
#   scripts/fuzz.sh 10000000r  10 million executions per target
#
# Only the sources the targets exercise are compiled (test/fuzz/CMakeLists.txt): the parsers,
# trace and topology readers, and for depot-packets (and depot-packets-cost, the same bed with
# the depot's forwarding cost and buffer, on the same seeds) the depot's packet path (which also links
# ns-3's internet module); not the whole library. New inputs found go to
# build-fuzz/fuzz-work/<target>/, crashes to build-fuzz/fuzz-crashes/; the seeds in
# test/fuzz/corpus/<target>/ are read, never written. WEB_PROXY_FUZZ_TARGETS restricts the
# targets (e.g. "http-parser csv-trace"), WEB_PROXY_FUZZ_JOBS the build jobs.
#
# WEB_PROXY_FUZZ_SANITIZERS=undefined builds without AddressSanitizer (in build-fuzz-undefined/),
# about 2.4 times as many executions per second: for long campaigns toward millions of
# executions, whose corpus (build-fuzz/fuzz-work/) the default ASan build then replays
# (scripts/fuzz.sh 0r runs every saved input once).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --fuzz

limit="${1:-30}"
case "$limit" in
    *r) budget=(-runs="${limit%r}") ;;
    *) budget=(-max_total_time="$limit") ;;
esac
sanitizers="${WEB_PROXY_FUZZ_SANITIZERS:-address,undefined}"
dir=build-fuzz
if [ "$sanitizers" != address,undefined ]; then
    dir="build-fuzz-${sanitizers//,/-}"
fi
targets=(${WEB_PROXY_FUZZ_TARGETS:-http-parser squid-log csv-trace trace-statistics icp-header socks5-message dns-message
    topology-readers depot-forwarding-queue depot-packets depot-packets-cost edge-packets syn-loss attribute-text})

generator=()
if command -v ninja >/dev/null; then
    generator=(-G Ninja)
fi
CC=clang CXX=clang++ cmake -S . -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DWEB_PROXY_FUZZ=ON -DWEB_PROXY_FUZZ_SANITIZERS="$sanitizers" -DWEB_PROXY_TESTS=OFF -DWEB_PROXY_BENCH=OFF -DWEB_PROXY_TCMALLOC=OFF \
    >/dev/null || exit 1
cmake --build "$dir" --target fuzz-targets -j"${WEB_PROXY_FUZZ_JOBS:-$(nproc)}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=()
mkdir -p "$dir/fuzz-crashes"
for t in "${targets[@]}"; do
    work="build-fuzz/fuzz-work/$t" # shared by both builds: the ASan build replays what the other found
    mkdir -p "$work"
    log="$dir/fuzz-$t.log"
    extra=()
    corpus="test/fuzz/corpus/$t"
    if [ "$t" = depot-packets-cost ]; then
        corpus=test/fuzz/corpus/depot-packets # the same input format
    fi
    if [ "$t" = depot-packets ] || [ "$t" = depot-packets-cost ] || [ "$t" = edge-packets ]; then
        # ns-3 keeps state between inputs (packet queues, buffer free lists), so libFuzzer's
        # per-input leak check found unbalanced allocations and scanned the heap after almost
        # every input (40 executions/s); leaks are still reported at exit. Entropic scheduling
        # cost more than the target itself (0.55 of 0.85 ms an input).
        extra=(-detect_leaks=0 -entropic=0)
    fi
    echo "fuzz: $t (${budget[*]} ${extra[*]})"
    if "$dir/test/fuzz/fuzz-$t" "${budget[@]}" "${extra[@]}" -max_len=4096 -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$dir/fuzz-crashes/$t-" \
        "$work" "$corpus" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        echo "fuzz: $t: ${runs:-?} executions, no crash"
    else
        tail -n 40 "$log"
        echo "fuzz: $t: FAILED, input saved as $(ls -t "$dir/fuzz-crashes/$t-"* 2>/dev/null | head -1)"
        failed+=("$t")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: crashes in ${failed[*]}"
    exit 1
fi
