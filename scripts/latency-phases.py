#!/usr/bin/env python3
"""What connection caching saves before the data and gives back in it, over runs of proxim.

Runs ``proxim --experiments=latency`` for each --RngRun 1..N with the configurations
``direct``, ``proxy-only`` and ``connections`` (one process per run and configuration, the
per-request CSV of each), and prints, as mean [95% confidence interval] over the runs of each
run's mean over its completed requests:

* the time before the data (wait, connection setup, request to response) and the data phase,
  with a proxy that caches nothing and with connection caching;
* the setup time connection caching saves, and what the data phase gives back of it;
* connection caching's mean latency gain against no proxy, and what it would be had the data
  phase kept its length (arithmetic on the same records, not a simulation).

    latency-phases.py [--program build/examples/proxim] [--runs 10] [--jobs 2]
                      [--population modem] [-- extra proxim options]

doc/models/proxim-results.rst quotes its output (modem, 10 runs).
"""
import argparse
import concurrent.futures
import csv
import importlib.util
import pathlib
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("compare_runs", ROOT / "scripts" / "compare-runs.py")
compare_runs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare_runs)

CONFIGS = ("direct", "proxy-only", "connections")


def phases(path):
    """Means of the time before the data, of the data phase and of the total."""
    rows = [r for r in csv.DictReader(open(path)) if r["failed"] == "0"]
    if not rows:
        raise SystemExit("%s: no completed request" % path)

    def mean(*keys):
        return statistics.fmean(sum(float(r[k]) for k in keys) for r in rows)

    return {"before": mean("wait", "sync", "req_rep", "rep_data"), "data": mean("data"),
            "total": mean("total")}


def one(program, population, extra, rng, config, out):
    d = pathlib.Path(out) / ("%d-%s" % (rng, config))
    cmd = [program, "--population=" + population, "--experiments=latency", "--plot=false",
           "--runs=1", "--RngRun=%d" % rng, "--only=" + config, "--outDir=%s" % d] + extra
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    if p.returncode != 0:
        raise SystemExit("%s exited %d: %s" % (" ".join(cmd), p.returncode, p.stderr[-400:]))
    return phases(d / ("proxim-%s-%s-requests.csv" % (population, config)))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--program", default=str(ROOT / "build" / "examples" / "proxim"))
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--population", default="modem", choices=["modem", "lan"])
    ap.add_argument("extra", nargs="*", help="more proxim options (after --)")
    args = ap.parse_args(argv)
    if args.runs < 2 or args.jobs < 1:
        ap.error("--runs must be at least 2 (an interval) and --jobs at least 1")
    with tempfile.TemporaryDirectory() as out, \
            concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {(rng, c): pool.submit(one, args.program, args.population, args.extra, rng, c,
                                         out)
                   for rng in range(1, args.runs + 1) for c in CONFIGS}
        runs = [{c: futures[(rng, c)].result() for c in CONFIGS}
                for rng in range(1, args.runs + 1)]
    figures = [
        ("before the data, proxy caching nothing (s)", lambda r: r["proxy-only"]["before"]),
        ("before the data, connection caching (s)", lambda r: r["connections"]["before"]),
        ("data phase, proxy caching nothing (s)", lambda r: r["proxy-only"]["data"]),
        ("data phase, connection caching (s)", lambda r: r["connections"]["data"]),
        ("saved before the data (s)",
         lambda r: r["proxy-only"]["before"] - r["connections"]["before"]),
        ("given back in the data phase (s)",
         lambda r: r["connections"]["data"] - r["proxy-only"]["data"]),
        ("connection caching's mean gain vs no proxy (%)",
         lambda r: 100 * (1 - r["connections"]["total"] / r["direct"]["total"])),
        ("the same, had the data phase kept its length (%)",
         lambda r: 100 * (1 - (r["connections"]["total"] - r["connections"]["data"]
                               + r["proxy-only"]["data"]) / r["direct"]["total"])),
    ]
    print("proxim --population=%s %s: %d runs, mean [95%% interval]"
          % (args.population, " ".join(args.extra), args.runs))
    for name, f in figures:
        m, h = compare_runs.interval([f(r) for r in runs])
        print("  %-50s %.2f [%.2f, %.2f]" % (name, m, m - h, m + h))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
