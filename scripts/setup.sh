#!/usr/bin/env bash
# Installs the Debian 12 packages web-proxy needs, only those that are missing.
# Idempotent and non-interactive; run as root or with sudo available. --sanitize: also clang
# and its sanitizer runtimes, for scripts/test.sh --sanitize; --fuzz: those and libFuzzer, for
# scripts/fuzz.sh.
set -euo pipefail

packages=(
    build-essential cmake pkg-config
    libns3-dev ns3 libgsl-dev
    libboost-dev libboost-graph-dev
    libgtest-dev libgmock-dev googletest libbenchmark-dev
    libgoogle-perftools-dev
    tshark
    python3-matplotlib
    clang-format
    python3-sphinx doxygen graphviz
)
# The sanitizer build (scripts/test.sh --sanitize) is compiled by clang with its sanitizer
# runtimes; the fuzz build (scripts/fuzz.sh, or scripts/test.sh with WEB_PROXY_FUZZ_SECONDS)
# also needs libFuzzer. Nothing else needs them.
for option in "$@"; do
    case "$option" in
        --sanitize) packages+=(clang libclang-rt-14-dev) ;;
        --fuzz) packages+=(clang libclang-rt-14-dev libfuzzer-14-dev) ;;
        *) echo "setup: unknown option '$option' (--sanitize, --fuzz)" >&2; exit 2 ;;
    esac
done

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all packages present"
    exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer it ahead of time.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
