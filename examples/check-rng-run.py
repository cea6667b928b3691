#!/usr/bin/env python3
"""Every example's results follow ns-3's --RngRun, and its --run is an alias of it.

For each program given, runs a small scenario three times: as is (RngRun 1), with --RngRun=2
and with --run=2. The RngRun=2 output must differ from run 1's (the run number reaches the
random variables) and equal --run=2's. Lines with wall-clock or CPU times, and
workload-stats' line naming the run, are left out of the comparison. Exits 1 naming each program that fails.

    check-rng-run.py OUTDIR PROGRAM=PATH ...
"""
import os
import re
import subprocess
import sys

# The module's own backbone (traces/), so that the check needs no shared data.
EDGES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "traces",
                     "att-backbone.edges")

ARGS = {
    "web-client-server": ["--dialup=1", "--lan=2", "--requests=4"],
    "proxim": ["--modems=3", "--duration=300s", "--drain=30s", "--experiments=latency",
               "--only=data", "--plot=false", "--runs=1"],
    "population-direct": ["--modems=3", "--duration=300s", "--plot=false", "--flowmon=false"],
    "workload-stats": ["--preset=modem", "--requests=2000"],
    "cache-sim": ["--preset=modem", "--requests=2000", "--policy=LRU,GDSF", "--sizes=1MB"],
    # Random placement and the synthetic workload's demands both draw from RngRun.
    "proxy-placement": ["--topology=" + EDGES, "--proxies=3", "--algorithm=random",
                        "--preset=modem", "--requests=2000"],
}
# Programs that write no files (no --outDir).
NO_OUTDIR = {"workload-stats", "cache-sim", "proxy-placement"}


def output(path, args):
    p = subprocess.run([path] + args, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        return None, "exit status %d: %s" % (p.returncode, p.stderr.strip()[-300:])
    lines = [l for l in p.stdout.splitlines()
             if " wall" not in l and " CPU" not in l and not l.startswith("Synthetic workload:")]
    # cache-sim's table ends each row with its measured requests/s, proxy-placement's
    # "Placement on ..." line with the placement's run time: not results (a loaded machine
    # made the same run print 0.001 s instead of 0.000 s).
    lines = [re.sub(r"\s+[0-9]+$", "", l) for l in lines]
    lines = [re.sub(r", [0-9.]+ s$", ", <time> s", l) if l.startswith("Placement on ") else l
             for l in lines]
    return "\n".join(lines), None


def main(argv):
    outdir = argv[1]
    failures = []
    for spec in argv[2:]:
        name, path = spec.split("=", 1)
        args = ARGS[name] + (["--outDir=" + outdir] if name not in NO_OUTDIR else [])
        results = {}
        for label, extra in (("run 1", []), ("--RngRun=2", ["--RngRun=2"]),
                             ("--run=2", ["--run=2"])):
            results[label], error = output(path, args + extra)
            if error:
                failures.append("%s %s: %s" % (name, label, error))
        if None in results.values():
            continue
        if results["--RngRun=2"] == results["run 1"]:
            failures.append("%s: --RngRun=2 prints the same results as run 1" % name)
        if results["--RngRun=2"] != results["--run=2"]:
            failures.append("%s: --run=2 and --RngRun=2 print different results" % name)
        if not failures or not failures[-1].startswith(name):
            print("ok   %s: --RngRun=2 changes the results, --run=2 is the same run" % name)
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
