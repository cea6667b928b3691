#!/usr/bin/env bash
# One simulated hour of the 450-modem pool (modem preset, 18,000 users, direct access):
# prints the simulated/wall and simulated/CPU time ratios of Simulator::Run (goal >= 30), the
# process CPU time and the peak memory. FlowMonitor is left out (--flowmon=1 to add it).
# usage: bench/modem-hour.sh [build dir] [extra population-direct options]
set -euo pipefail
build=${1:-build}
shift || true
out=$(mktemp -d)
/usr/bin/time -v "$build/examples/population-direct" --population=modem --modems=450 \
    --duration=3600 --plot=0 --flowmon=0 --outDir="$out" "$@" > "$out/log" 2> "$out/time"
grep -E "^Population|^Trace|^requests|^total|ratio" "$out/log"
grep -E "User time|System time|Elapsed|Maximum resident set size" "$out/time"
rm -rf "$out"
