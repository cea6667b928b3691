#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install what is missing, build, and run the
# flagship example (results under results/). Extra arguments go to the example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)" --target web-client-server
./build/examples/web-client-server --outDir=results "$@"
