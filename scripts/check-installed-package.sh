#!/bin/sh
# Installs the module from a build tree into a scratch prefix, builds the tutorial's program
# (examples/my-backbone.cc) as a project of its own against it (examples/installed-package:
# find_package(web-proxy)), and runs the tutorial program's check on the result. Exits non-zero
# naming the step that failed.
#
#   check-installed-package.sh BUILD_DIR WORK_DIR
set -eu
build=$1
work=$2
src=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$work"
mkdir -p "$work"
step() { echo "installed-package: $*"; }
step "install into $work/prefix"
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log" ||
    { cat "$work/install.log"; echo "FAIL cmake --install"; exit 1; }
test -f "$work/prefix/include/ns3/web-proxy-module.h" || { echo "FAIL no installed headers"; exit 1; }
step "configure the program against it"
launcher=
if command -v ccache > /dev/null 2>&1; then launcher=-DCMAKE_CXX_COMPILER_LAUNCHER=ccache; fi
cmake -S "$src/examples/installed-package" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo $launcher > "$work/configure.log" 2>&1 ||
    { cat "$work/configure.log"; echo "FAIL configure"; exit 1; }
step "build it"
cmake --build "$work/build" > "$work/build.log" 2>&1 ||
    { tail -40 "$work/build.log"; echo "FAIL build"; exit 1; }
# Linked to the installed library, not the build tree's.
if command -v ldd > /dev/null 2>&1; then
    ldd "$work/build/my-backbone" | grep -q "$work/prefix/.*libweb-proxy.so" ||
        { ldd "$work/build/my-backbone"; echo "FAIL not linked to the installed library"; exit 1; }
fi
step "run the tutorial program's check"
python3 "$src/examples/check-my-backbone.py" "$work/build/my-backbone" "$work/run"
