#!/usr/bin/env bash
# Regenerates the paired table of doc/models/isp-backbone.rst (region edge-parent): the
# flagship at its defaults with the SOCKS gateway and with the parent proxy, RngRun 1..10
# (20 runs of about 1 min each; about 10 min on 2 cores). Needs build/examples/isp-backbone.
set -euo pipefail
cd "$(dirname "$0")/.."
all='^all\s+\d+\s+'
python3 scripts/compare-runs.py --program ./build/examples/isp-backbone --runs 10 --jobs 2 \
    --common="--flowmon=false --outDir=build/compare-runs/{tag}" \
    --a=--edgeProxy=socks --label-a "SOCKS gateway" \
    --b=--edgeProxy=parent --label-b "parent proxy" \
    --metric "mean latency, all requests (s)=${all}\d+\s+\d+\s+\d+\s+([0-9.]+)" \
    --metric "median latency, all (s)=${all}\d+\s+\d+\s+\d+\s+[0-9.]+\s+([0-9.]+)" \
    --metric "completed requests=${all}(\d+)" \
    --metric "failed requests=${all}\d+\s+(\d+)" \
    --metric "origin links (MB sent)=origin links ([0-9.]+) MB" \
    --metric "backbone (MB sent)=bytes sent: backbone ([0-9.]+) MB" \
    --metric "firewall flows tracked=(\d+) flows tracked" \
    --out doc/models/isp-backbone.rst --region edge-parent
