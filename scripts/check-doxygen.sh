#!/usr/bin/env bash
# Runs Doxygen over the module's public headers (doc/Doxyfile: model/ and helper/) and fails
# on any warning: an undocumented public class or member, an undocumented parameter or return
# value, an unresolved reference, ...
#
#   scripts/check-doxygen.sh
#
# Output goes to $WEB_PROXY_DOXYGEN_OUT when it is set (kept afterwards), else to a temporary
# directory (removed afterwards). Prints the warnings log; exits 1 if it has any line, else
# prints "doxygen: 0 warnings" and exits 0. Works from any current directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v doxygen >/dev/null 2>&1; then
    echo "check-doxygen: doxygen not found (Debian: apt-get install doxygen)" >&2
    exit 2
fi

if [[ -n "${WEB_PROXY_DOXYGEN_OUT:-}" ]]; then
    out="${WEB_PROXY_DOXYGEN_OUT}"
else
    out="$(mktemp -d "${TMPDIR:-/tmp}/web-proxy-doxygen.XXXXXX")"
    trap 'rm -rf "${out}"' EXIT
fi
mkdir -p "${out}"
# Absolute, relative to the caller's directory: Doxygen runs from the repository root.
out="$(cd "${out}" && pwd)"
export WEB_PROXY_DOXYGEN_OUT="${out}"
cd "${root}"

log="${out}/warnings.log"
rm -f "${log}"
doxygen doc/Doxyfile
touch "${log}" # Doxygen may leave no log when there is nothing to report

cat "${log}"
if [[ -s "${log}" ]]; then
    echo "doxygen: $(grep -c "" "${log}") warning lines" >&2
    exit 1
fi
echo "doxygen: 0 warnings"
