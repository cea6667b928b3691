#!/usr/bin/env bash
# One simulated hour of the 450-modem pool (modem preset, 18,000 users) through a proxy that
# caches data and connections (issue #4's bench): prints the simulated/wall time ratio of
# Simulator::Run (goal >= 30), the process CPU time and the peak memory.
# usage: bench/proxy-hour.sh [build dir] [extra proxim options]
set -euo pipefail
build=${1:-build}
shift || true
out=$(mktemp -d)
/usr/bin/time -v "$build/examples/proxim" --population=modem --modems=450 --duration=3600 \
    --only=data+connections --runs=1 --plot=0 --outDir="$out" "$@" > "$out/log" 2> "$out/time"
grep -E "^Population|^Trace|running|^data" "$out/log"
grep -E "User time|System time|Elapsed|Maximum resident set size" "$out/time"
rm -rf "$out"
