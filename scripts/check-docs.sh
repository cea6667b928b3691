#!/usr/bin/env bash
# Builds the Sphinx manual in doc/ with warnings as errors (Debian's python3-sphinx).
#
#   scripts/check-docs.sh [OUTDIR]     default OUTDIR: build/doc-html
#
# Exits non-zero on any warning or error; the HTML is left in OUTDIR.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-${root}/build/doc-html}"

if ! command -v sphinx-build >/dev/null 2>&1; then
    echo "check-docs: sphinx-build not found (Debian: apt-get install python3-sphinx)" >&2
    exit 2
fi

# Every literal block of program output names the command that printed it, so that
# scripts/doc-outputs.py can regenerate it (and the markers must parse).
python3 "${root}/scripts/doc-outputs.py" --unmarked
python3 "${root}/scripts/doc-outputs.py" --list >/dev/null

mkdir -p "${out}"
# -W: warnings are errors; --keep-going: report all of them before failing;
# -E -a: read and write everything again, so that no warning hides behind a cached build.
if ! sphinx-build -W --keep-going -E -a -q -b html -d "${out}/.doctrees" "${root}/doc" "${out}"; then
    echo "check-docs: the manual has warnings or errors (listed above)" >&2
    exit 1
fi
echo "check-docs: manual built without warnings in ${out}"
