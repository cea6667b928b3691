#!/usr/bin/env bash
# The flagship at growing --scale (issue 18's scale report): for each scale, the client nodes
# and WebClients, the requests, the simulated seconds per wall-clock second of the whole run
# and the peak resident memory. Defaults otherwise (faults, DNS, firewall, interception, two
# depot sites), without FlowMonitor.
# usage: bench/isp-backbone-scale.sh [build dir] [duration in s] [scales...] [-- options...]
#   e.g. bench/isp-backbone-scale.sh build 100 1 4 16
#        bench/isp-backbone-scale.sh build 60 2 8 32 -- --edgeProxy=parent
# Options after -- go to every run (they must not change what the summary's lines say).
set -euo pipefail
build=${1:-build}
duration=${2:-100}
shift 2 || shift $#
scales=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    scales+=("$1")
    shift
done
[ $# -eq 0 ] || shift
extra=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(1 4 16)
# The example stops its clients --responseTimeout (20 s) + 11 s after the workload's end plus
# its 1 s offset, and the simulation 1 s after that.
simulated=$((duration + 1 + 20 + 11 + 1))
printf "%-6s %12s %10s %9s %10s %9s %11s %9s\n" scale client_nodes webclients requests \
    wall_s cpu_s sim_s/wall peak_MB
for s in "${scales[@]}"; do
    out=$(mktemp -d)
    /usr/bin/time -v "$build/examples/isp-backbone" --scale="$s" --duration="${duration}s" \
        --flowmon=false --outDir="$out" "${extra[@]}" > "$out/log" 2> "$out/time"
    line=$(grep "^requests replayed" "$out/log")
    requests=$(sed -E 's/^requests replayed ([0-9]+).*/\1/' <<< "$line")
    clients=$(sed -E 's/.* by ([0-9]+) WebClients.*/\1/' <<< "$line")
    nodes=$(sed -E 's/.* on ([0-9]+) client nodes.*/\1/' <<< "$line")
    wall=$(awk -F': ' '/Elapsed/ {n = split($2, t, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$out/time")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$out/time")
    rss=$(awk -F': ' '/Maximum resident/ {print int($2 / 1024)}' "$out/time")
    printf "%-6s %12s %10s %9s %10.1f %9.1f %11.2f %9s\n" "$s" "$nodes" "$clients" \
        "$requests" "$wall" "$cpu" "$(awk -v a="$simulated" -v b="$wall" 'BEGIN {print a / b}')" "$rss"
    rm -rf "$out"
done
