#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install what is missing, build, and run the
# flagship example, isp-backbone (results under results/isp-backbone/). Extra arguments go to
# the example, e.g. --scale=4 --standby=warm --progress.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG"
cmake --build build -j"$(nproc)" --target isp-backbone
./build/examples/isp-backbone --outDir=results/isp-backbone "$@"
