#!/usr/bin/env python3
"""--runs and --jobs: the figures against the paper, and run i is the run of RngRun base + i.

For each program given, runs a tiny scenario with --RngRun=B --runs=2 --jobs=2, then alone
with --RngRun=B+1 --runs=1 (B = 3; proxim: 1, as 3 modems give no request in 60 s of run 3).
Checks that <prefix>-vs-paper.csv exists with the columns table,row,metric,paper,mean,ci95_low,ci95_high,runs,verdict (then reason), that every figure
has 2 runs and a verdict pass, fail or none (none exactly where the paper has no figure),
that its mean is the mean of the two runs in <prefix>-runs.csv, and that run 1 (RngRun B+1)
of every figure equals the figure of the single run with --RngRun=B+1, to the digit. Exits 1
naming each failure.

    check-replicated-runs.py OUTDIR PROGRAM=PATH ...
"""
import csv
import os
import subprocess
import sys

ARGS = {
    "proxim": ["--modems=3", "--duration=300s", "--drain=30s", "--experiments=latency",
               "--plot=false"],
    "depot-testbed": ["--modes=hit", "--hitConcurrency=10", "--requests=30", "--sizes=100",
                      "--schedulers=rr"],
    "depot-failover": ["--case=hot,warm-1", "--clients=4", "--duration=6", "--failAt=2",
                       "--recoverAt=4"],
}
PREFIX = {"proxim": "proxim-modem", "depot-testbed": "depot-testbed",
          "depot-failover": "depot-failover"}
BASE = {"proxim": 1}
COLUMNS = ["table", "row", "metric", "paper", "mean", "ci95_low", "ci95_high", "runs", "verdict"]


def run(path, args, failures, name):
    p = subprocess.run([path] + args, capture_output=True, text=True, timeout=600)
    if p.returncode not in (0, 3):  # depot-testbed: 3 is a failed --checkShape only
        failures.append("%s %s: exit status %d: %s"
                        % (name, " ".join(args), p.returncode, p.stderr.strip()[-300:]))
        return False
    return True


def rows(path):
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def check(name, path, outdir, failures):
    pair = os.path.join(outdir, name, "pair")
    single = os.path.join(outdir, name, "single")
    base = BASE.get(name, 3)
    if not (run(path, ARGS[name] + ["--RngRun=%d" % base, "--runs=2", "--jobs=2",
                                     "--outDir=" + pair], failures, name)
            and run(path, ARGS[name] + ["--RngRun=%d" % (base + 1), "--runs=1",
                                        "--outDir=" + single], failures, name)):
        return
    paper_csv = os.path.join(pair, PREFIX[name] + "-vs-paper.csv")
    if not os.path.exists(paper_csv):
        failures.append("%s: no %s" % (name, paper_csv))
        return
    header, figures = rows(paper_csv)
    if header[:len(COLUMNS)] != COLUMNS or header[len(COLUMNS):] not in ([], ["reason"]):
        failures.append("%s: columns %s" % (name, header))
    if not figures:
        failures.append("%s: %s has no figures" % (name, paper_csv))
    _, pair_runs = rows(os.path.join(pair, PREFIX[name] + "-runs.csv"))
    _, single_runs = rows(os.path.join(single, PREFIX[name] + "-runs.csv"))
    by_key = {}
    for r in pair_runs:
        by_key.setdefault((r["table"], r["row"], r["metric"]), {})[r["run"]] = r
    alone = {(r["table"], r["row"], r["metric"]): r for r in single_runs}
    compared = 0
    for f in figures:
        key = (f["table"], f["row"], f["metric"])
        if f["runs"] != "2":
            failures.append("%s %s: runs %s, expected 2" % (name, key, f["runs"]))
        # "none": no paper figure, or one shown for context only (PaperComparison::CONTEXT,
        # whose reason says it is not comparable).
        context = f["verdict"] == "none" and f.get("reason", "").startswith("not comparable")
        if f["verdict"] not in ("pass", "fail", "none") or \
                (f["verdict"] == "none") != (f["paper"] == "" or context):
            failures.append("%s %s: verdict %s with paper %r" % (name, key, f["verdict"],
                                                                 f["paper"]))
        runs = by_key.get(key, {})
        if set(runs) != {"0", "1"}:
            failures.append("%s %s: runs %s in the runs' CSV" % (name, key, sorted(runs)))
            continue
        if (runs["0"]["rng_run"], runs["1"]["rng_run"]) != (str(base), str(base + 1)):
            failures.append("%s %s: RngRuns %s, %s (expected %d, %d)"
                            % (name, key, runs["0"]["rng_run"], runs["1"]["rng_run"], base,
                               base + 1))
        values = [float(runs[i]["value"]) for i in ("0", "1") if runs[i]["value"] != ""]
        if len(values) == 2 and f["mean"] != "" and \
                abs(sum(values) / 2 - float(f["mean"])) > 1e-4 * max(1, abs(float(f["mean"]))):
            failures.append("%s %s: mean %s is not the mean of the runs %s"
                            % (name, key, f["mean"], values))
        if key not in alone:
            failures.append("%s %s: not in the single run's CSV" % (name, key))
        elif alone[key]["value"] != runs["1"]["value"]:
            failures.append("%s %s: run 1 (RngRun %d) gives %s, the single run with --RngRun=%d "
                            "gives %s" % (name, key, base + 1, runs["1"]["value"], base + 1,
                                          alone[key]["value"]))
        else:
            compared += 1
    if compared == 0:
        failures.append("%s: no figure compared with the single run" % name)
    if not failures or not failures[-1].startswith(name):
        print("ok   %s: %d figures, %d equal to the single run of RngRun %d"
              % (name, len(figures), compared, base + 1))


def main(argv):
    outdir = argv[1]
    failures = []
    for spec in argv[2:]:
        name, path = spec.split("=", 1)
        check(name, path, outdir, failures)
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
