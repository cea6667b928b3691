#!/usr/bin/env python3
"""depot-testbed: a cell's figures depend on its own parameters and RngRun only.

Runs small sweeps and the same cells alone (or in another company: other sizes before them,
another scheduler before them) and compares the printed rows character for character; then
checks that --RngRun reaches the cells (run 2 differs from run 1 somewhere) and that --run is
the same as --RngRun. Exits 1 naming each row that differs.

    check-cell-independence.py PATH-TO-depot-testbed
"""
import subprocess
import sys

COMMON = ["--modes=hit", "--hitConcurrency=10", "--requests=30", "--runs=1"]


def rows(binary, args, failures):
    """The table rows of one invocation: (conc, size, system) -> row."""
    p = subprocess.run([binary] + COMMON + args, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        failures.append("depot-testbed %s: exit status %d: %s"
                        % (" ".join(args), p.returncode, p.stderr.strip().splitlines()[0]))
        return {}
    out = {}
    for line in p.stdout.splitlines():
        f = line.split()
        if len(f) > 3 and f[0].isdigit() and f[1].isdigit():
            system = " ".join(f[2:4])  # "HP 755", "HP 712", "depot rr"
            out[(f[0], f[1], system)] = line
    return out


def compare(failures, what, a, b):
    common = sorted(set(a) & set(b))
    if not common:
        failures.append("%s: no rows in common" % what)
    for key in common:
        if a[key] != b[key]:
            failures.append("%s, %s:\n  %s\n  %s" % (what, " ".join(key), a[key], b[key]))
    return len(common)


def main(binary):
    failures = []
    n = 0
    sweep = rows(binary, ["--sizes=100,1024", "--schedulers=rr"], failures)
    alone = rows(binary, ["--sizes=1024", "--schedulers=rr"], failures)
    n += compare(failures, "sizes 100,1024 vs 1024 alone", sweep, alone)
    # A scheduler run before another one must not change it either.
    pair = rows(binary, ["--sizes=100", "--schedulers=lc,rr"], failures)
    single = rows(binary, ["--sizes=100", "--schedulers=rr"], failures)
    n += compare(failures, "schedulers lc,rr vs rr alone", pair, single)
    # --RngRun reaches every cell; --run is its alias.
    run2 = rows(binary, ["--sizes=100", "--schedulers=rr", "--RngRun=2"], failures)
    alias = rows(binary, ["--sizes=100", "--schedulers=rr", "--run=2"], failures)
    n += compare(failures, "--RngRun=2 vs --run=2", run2, alias)
    if run2 and run2 == single:
        failures.append("--RngRun=2 gives the same rows as run 1: the run number is ignored")
    for f in failures:
        print("FAIL " + f)
    print("%d rows compared, %d differ" % (n, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
