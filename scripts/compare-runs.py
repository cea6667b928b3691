#!/usr/bin/env python3
"""Paired comparison of two configurations of an example over runs, as a Sphinx table.

Runs PROGRAM with the options of configuration A and of configuration B for each --RngRun
1..N (the same workload in both members of a pair), reads each metric from the program's
standard output with a regular expression (its first group is the number), and writes a
list-table: A's and B's means with their 95% confidence intervals, and the 95% confidence
interval of the paired difference B - A with a verdict ("differs" when the interval excludes
0, "no difference shown" otherwise). Student's t with N-1 degrees of freedom.

    compare-runs.py --program PROG --runs N --a "OPTS" --b "OPTS" [--common "OPTS"]
                    [--label-a TEXT] [--label-b TEXT] [--jobs J] [--save DIR [--reuse]]
                    --metric "NAME=REGEX" ... --out PAGE.rst --region NAME

--save DIR keeps each run's standard output as DIR/a1.txt, DIR/b1.txt, ...; with --reuse the
runs are not made again, the table is written from those files (a missing one is named).

"{tag}" in an option becomes the run's configuration and number ("a1", "b10"), so that
concurrent runs write their files apart. Only the text between ".. compare-runs: begin NAME" and ".. compare-runs: end NAME" of PAGE
is replaced, so the page keeps its prose. The table says how many runs it is and the
command. Exits 1 naming the run and metric when a regular expression finds nothing.
"""
import argparse
import concurrent.futures
import math
import pathlib
import re
import shlex
import statistics
import subprocess
import sys

# Two-sided 95 % quantiles of Student's t, by degrees of freedom.
T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
       9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120,
       17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064,
       25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045, 30: 2.042}


def interval(values):
    """Mean and half-width of its 95 % confidence interval."""
    m = statistics.fmean(values)
    if len(values) < 2:
        return m, float("nan")
    t = T95.get(len(values) - 1, 1.96)
    return m, t * statistics.stdev(values) / math.sqrt(len(values))


def run(program, options, rng, tag, save=None, reuse=False):
    kept = pathlib.Path(save) / ("%s.txt" % tag) if save else None
    if reuse:
        try:
            return kept.read_text()
        except OSError as e:
            raise SystemExit("--reuse: %s: %s" % (kept, e.strerror))
    cmd = [program] + [o.replace("{tag}", tag) for o in options] + ["--RngRun=%d" % rng]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    if p.returncode != 0:
        raise SystemExit("%s exited %d: %s" % (" ".join(cmd), p.returncode, p.stderr[-400:]))
    if kept:
        kept.write_text(p.stdout)
    return p.stdout


def value(text, name, regex, where):
    m = re.search(regex, text, re.M)
    if m is None:
        raise SystemExit("%s: metric %s: /%s/ matches nothing" % (where, name, regex))
    return float(m.group(1))


def fmt(m, h):
    digits = 3 if abs(m) < 10 else 1
    return "%.*f ± %.*f" % (digits, m, digits, h)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--program", required=True)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--a", required=True)
    ap.add_argument("--b", required=True)
    ap.add_argument("--common", default="")
    ap.add_argument("--label-a", default="A")
    ap.add_argument("--label-b", default="B")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--metric", action="append", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--region", required=True)
    ap.add_argument("--save")
    ap.add_argument("--reuse", action="store_true")
    args = ap.parse_args(argv[1:])
    if args.reuse and not args.save:
        raise SystemExit("--reuse: needs --save DIR (the directory of the kept outputs)")
    if args.save and not args.reuse:
        pathlib.Path(args.save).mkdir(parents=True, exist_ok=True)
    if args.runs < 2:
        raise SystemExit("--runs: %d, at least 2 are needed for an interval" % args.runs)
    metrics = []
    for spec in args.metric:
        name, sep, regex = spec.partition("=")
        if not sep or not name or not regex:
            raise SystemExit("--metric %r: expected NAME=REGEX" % spec)
        re.compile(regex)
        metrics.append((name, regex))
    common = shlex.split(args.common)
    configs = {"a": common + shlex.split(args.a), "b": common + shlex.split(args.b)}
    jobs = [(c, r) for r in range(1, args.runs + 1) for c in ("a", "b")]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outputs = dict(zip(jobs, pool.map(lambda j: run(args.program, configs[j[0]], j[1],
                                                         "%s%d" % j, args.save, args.reuse),
                                          jobs)))
    rows = []
    for name, regex in metrics:
        a = [value(outputs[("a", r)], name, regex, "A run %d" % r)
             for r in range(1, args.runs + 1)]
        b = [value(outputs[("b", r)], name, regex, "B run %d" % r)
             for r in range(1, args.runs + 1)]
        ma, ha = interval(a)
        mb, hb = interval(b)
        md, hd = interval([y - x for x, y in zip(a, b)])
        verdict = "differs" if abs(md) > hd else "no difference shown"
        rows.append((name, fmt(ma, ha), fmt(mb, hb), fmt(md, hd), verdict))
    program = args.program.split("/")[-1]
    command = "%s %s --RngRun=1..%d" % (
        program, " ".join(o for o in common if "{tag}" not in o), args.runs)
    lines = [
        "Paired over %d runs (``--RngRun`` 1..%d; each pair shares its workload): mean ± the "
        "half-width of the 95 %% confidence interval (Student's t). %s: ``%s``; %s: ``%s``; "
        "both: ``%s``. Generated by ``scripts/compare-runs.py``."
        % (args.runs, args.runs, args.label_a, args.a, args.label_b, args.b, command.strip()),
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "",
        "   * - metric",
        "     - %s" % args.label_a,
        "     - %s" % args.label_b,
        "     - %s - %s" % (args.label_b, args.label_a),
        "     - verdict",
    ]
    for r in rows:
        lines.append("   * - " + r[0])
        lines.extend("     - " + c for c in r[1:])
    try:
        with open(args.out) as f:
            page = f.read()
    except OSError as e:
        raise SystemExit("%s: %s" % (args.out, e.strerror))
    begin = ".. compare-runs: begin %s\n" % args.region
    end = ".. compare-runs: end %s\n" % args.region
    i, j = page.find(begin), page.find(end)
    if i < 0 or j < i:
        raise SystemExit("%s: no region %r (lines %r and %r)" % (args.out, args.region,
                                                                  begin.strip(), end.strip()))
    page = page[:i + len(begin)] + "\n" + "\n".join(lines) + "\n\n" + page[j:]
    with open(args.out, "w") as f:
        f.write(page)
    for r in rows:
        print("%-28s %s: %-18s %s: %-18s diff %-18s %s" % (r[0], args.label_a, r[1],
                                                          args.label_b, r[2], r[3], r[4]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
