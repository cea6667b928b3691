#!/usr/bin/env python3
"""Run the paper reproductions of the manual and write their tables.

Every figure of doc/models/proxim-results.rst and doc/models/depot-results.rst, and the paired
comparisons of other pages (``.. compare-runs: begin NAME`` ... ``end NAME``), comes from
here: each figure set below is one command of an example (``proxim``, ``depot-testbed``) with
``--runs`` independent runs (RngRun 1, 2, ...), whose ``<example>-vs-paper.csv`` (mean, 95%
interval and verdict per figure) becomes the tables of one region of a page
(``.. paper-tables: begin NAME`` ... ``end NAME``) through ``scripts/paper-tables.py``. A sweep
runs one command once per model variant (one option changed from the defaults) and sets the
variants side by side in one table, so that the pages' claims about what a modelling choice
does are measured, not typed. A comparison runs one example in two configurations for each
RngRun 1..N, paired, through ``scripts/compare-runs.py``, which keeps every run's output
under ``results/paper-figures/<name>/`` and writes the region.

Usage:
    scripts/paper-figures.py [--runs N] [--jobs J] [--only NAME]... [--slow]
                             [--tables-only] [--list]

    --runs N       runs per figure (default 10; a claim beside a paper's needs at least 10)
    --jobs J       runs at once (default: the CPUs)
    --only NAME    this figure set or sweep variant only (repeatable; NAME as --list prints);
                   with --tables-only, the regions of these names
    --slow         also the sets marked slow (the 450-modem uplink runs: 11.5 min on 2 cores)
                   and comparisons (edge-parent: 20 flagship runs, about 10 min on 2 cores)
    --tables-only  rewrite the pages from the CSVs already under results/paper-figures/
    --check        write the tables into copies of the pages instead and compare: exit 1 with
                   a diff if a page is not what the CSVs give (after the runs, or with
                   --tables-only from the CSVs there are), e.g. that a fresh set of runs
                   reproduces the committed tables
    --list         list the figure sets and sweep variants with their commands

The CSVs and each command's output stay under ``results/paper-figures/<name>/``. Exit status:
0 done, 1 a run failed (or, with --check, a page differs), 2 bad usage. A region whose CSV
is missing is left as it was, and said so.
"""

import argparse
import difflib
import math
import os
import pathlib
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = pathlib.Path("results") / "paper-figures"
PROXIM_PAGE = pathlib.Path("doc") / "models" / "proxim-results.rst"
DEPOT_PAGE = pathlib.Path("doc") / "models" / "depot-results.rst"
BACKBONE_PAGE = pathlib.Path("doc") / "models" / "isp-backbone.rst"


class FigureSet:
    """One command whose paper tables fill one region of a page."""

    def __init__(self, name, page, program, options, csv, slow=False, extracts=()):
        self.name = name  # also the page's region
        self.page = page
        self.program = program
        self.options = options
        self.csv_name = csv
        self.slow = slow
        # Blocks of the command's printed output shown under its tables, each named by the
        # start of its first line (the block ends at the next empty line).
        self.extracts = extracts

    def csv(self):
        return OUT / self.name / self.csv_name


class Sweep:
    """One command run once per variant; one table of chosen figures, a row per variant."""

    def __init__(self, name, page, program, options, csv, variants, columns, extracts=()):
        self.name = name  # the page's region
        self.page = page
        self.program = program
        self.options = options
        self.csv_name = csv
        self.variants = variants  # (name, label, options)
        self.columns = columns  # TABLE|ROW|METRIC|HEADER, as paper-tables.py --column
        # As FigureSet's, shown under the table once per variant, named by its label.
        self.extracts = extracts

    def csv(self, variant):
        return OUT / variant / self.csv_name


class Comparison:
    """One example in two configurations, paired over RngRun 1..N (scripts/compare-runs.py)."""

    def __init__(self, name, page, program, common, a, b, metrics):
        self.name = name  # the page's region (.. compare-runs: begin NAME)
        self.page = page
        self.program = program
        self.common = common  # options of both; "{tag}" becomes the run's tag (a1, b10)
        self.a = a  # (label, options)
        self.b = b
        self.metrics = metrics  # (name, regex whose first group is the figure)

    def argv(self, runs, jobs, reuse, pages=None):
        argv = [sys.executable, str(ROOT / "scripts" / "compare-runs.py"), "--program",
                self.program, "--runs", str(runs), "--jobs", str(jobs),
                "--common=" + " ".join(self.common), "--a=" + self.a[1], "--label-a",
                self.a[0], "--b=" + self.b[1], "--label-b", self.b[0], "--out",
                str((pages or ROOT) / self.page),
                "--region", self.name, "--save", str(OUT / self.name)]
        for name, regex in self.metrics:
            argv += ["--metric", "%s=%s" % (name, regex)]
        return argv + (["--reuse"] if reuse else [])


PROXIM = "./build/examples/proxim"
ABORTS = ("Aborts (user aborts",)

SETS = [
    FigureSet("proxim", PROXIM_PAGE, PROXIM, ["--population=modem", "--experiments=latency"],
              "proxim-modem-vs-paper.csv"),
    FigureSet("proxim-lan", PROXIM_PAGE, PROXIM, ["--population=lan", "--experiments=latency"],
              "proxim-lan-vs-paper.csv"),
    FigureSet("proxim-aborts", PROXIM_PAGE, PROXIM,
              ["--population=modem", "--experiments=aborts"], "proxim-modem-vs-paper.csv",
              extracts=ABORTS),
    FigureSet("proxim-aborts-lan", PROXIM_PAGE, PROXIM,
              ["--population=lan", "--lanClients=100", "--duration=3600", "--experiments=aborts"],
              "proxim-lan-vs-paper.csv", extracts=ABORTS),
    FigureSet("proxim-aborts-uplink", PROXIM_PAGE, PROXIM,
              ["--population=modem", "--modems=450", "--experiments=aborts",
               "--abortBandwidth=uplink", "--drain=600s"], "proxim-modem-vs-paper.csv",
              slow=True, extracts=ABORTS),
    FigureSet("depot-testbed", DEPOT_PAGE, "./build/examples/depot-testbed", [],
              "depot-testbed-vs-paper.csv"),
]


ALL = r"^all\s+\d+\s+"
COMPARISONS = [
    Comparison("edge-parent", BACKBONE_PAGE, "./build/examples/isp-backbone",
               ["--flowmon=false", "--outDir=build/compare-runs/{tag}"],
               ("SOCKS gateway", "--edgeProxy=socks"), ("parent proxy", "--edgeProxy=parent"),
               [("mean latency, all requests (s)", ALL + r"\d+\s+\d+\s+\d+\s+([0-9.]+)"),
                ("median latency, all (s)", ALL + r"\d+\s+\d+\s+\d+\s+[0-9.]+\s+([0-9.]+)"),
                ("completed requests", ALL + r"(\d+)"),
                ("failed requests", ALL + r"\d+\s+(\d+)"),
                ("origin links (MB sent)", r"origin links ([0-9.]+) MB"),
                ("backbone (MB sent)", r"bytes sent: backbone ([0-9.]+) MB"),
                ("firewall flows tracked", r"(\d+) flows tracked")]),
]


def lognormal(median):
    """--serverRtt of a lognormal RTT with this median (seconds) and sigma 0.6."""
    return "--serverRtt=ns3::LogNormalRandomVariable[Mu=%.4f|Sigma=0.6]" % math.log(median)


MODEM = "latency vs no proxy (modem)"
OPR = "--ns3::SyntheticWorkload::ObjectsPerRequest=0.2"
SERVER_FLAG = "--ns3::TraceRequestSource::PersistentFlag=Server"
FETCHED = "--ns3::SyntheticWorkload::NotModifiedRule=FetchedBefore"
SAVED = "bandwidth savings (modem, provider body bytes)"
RESEARCH = "latency vs no proxy (research)"
# FetchedBefore without the research preset's size-popularity correlation (0.15).
LAN_FETCHED_CORR_0 = [FETCHED, "--ns3::SyntheticWorkload::SizePopularityCorrelation=0"]
# FetchedBefore with the universe, size-popularity correlation and sizes refitted by hand
# (the modem preset's HTML, image and other size medians 12,200, 7,200 and 24,400 bytes x 0.9).
FETCHED_REFIT = [FETCHED, "--ns3::SyntheticWorkload::ObjectsPerRequest=0.35",
                 "--ns3::SyntheticWorkload::ObjectsPerServer=37.5",
                 "--ns3::SyntheticWorkload::SizePopularityCorrelation=0.5",
                 "--ns3::SyntheticWorkload::HtmlSizeMedian=10980",
                 "--ns3::SyntheticWorkload::ImageSizeMedian=6480",
                 "--ns3::SyntheticWorkload::OtherSizeMedian=21960"]
SWEEPS = [
    Sweep("proxim-sweep", PROXIM_PAGE, PROXIM, ["--population=modem", "--experiments=latency"],
          "proxim-modem-vs-paper.csv",
          # The defaults are the set "proxim" (one command, run once).
          [("proxim", "defaults", []),
           ("synloss-0", "no lost connection requests", ["--synLoss=0"]),
           ("syn-delay", "connection requests held, not lost (lognormal, mean 1.2 s)",
            ["--synLoss=0", "--synDelay=ns3::LogNormalRandomVariable[Mu=0.0573|Sigma=0.5]"]),
           ("syn-delay-1.5", "held, heavier tail (lognormal, mean 1.2 s, sigma 1.5)",
            ["--synLoss=0", "--synDelay=ns3::LogNormalRandomVariable[Mu=-0.9427|Sigma=1.5]"]),
           ("syn-delay-2", "held, heavier tail (lognormal, mean 1.2 s, sigma 2)",
            ["--synLoss=0", "--synDelay=ns3::LogNormalRandomVariable[Mu=-1.8177|Sigma=2]"]),
           ("outstanding-3", "3 requests in flight per client", ["--maxOutstanding=3"]),
           ("keep-alive-server", "no proxy: keep-alive per client and server, as the trace flags",
            [SERVER_FLAG]),
           ("outstanding-2", "2 requests in flight per client", ["--maxOutstanding=2"]),
           ("outstanding-1", "1 request in flight per client", ["--maxOutstanding=1"]),
           ("rtt-0.2", "server RTT median 0.2 s", [lognormal(0.2)]),
           ("rtt-0.5", "server RTT median 0.5 s", [lognormal(0.5)]),
           ("cwnd-1", "TCP initial window 1 segment", ["--ns3::TcpSocket::InitialCwnd=1"]),
           ("cwnd-2", "TCP initial window 2 segments", ["--ns3::TcpSocket::InitialCwnd=2"]),
           ("origin-idle-off", "origins keep idle connections",
            ["--ns3::OriginServer::IdleTimeout=0s"]),
           ("same-site-0", "no links within a site", ["--sameSite=0"]),
           ("servers-100k", "100,000 origin servers", ["--servers=100000"]),
           ("servers-100-idle-off", "100 origin servers that keep idle connections",
            ["--servers=100", "--ns3::OriginServer::IdleTimeout=0s"]),
           ("servers-60-same-site", "60 origin servers, more links within a site",
            ["--servers=60", "--sameSite=0.85"]),
           ("duration-2h", "a 2-hour trace", ["--duration=2h"]),
           ("rtt-1-cwnd-1", "server RTT median 1 s, initial window 1 segment",
            [lognormal(1.0), "--ns3::TcpSocket::InitialCwnd=1"]),
           # Refits of the workload's popularity with the response statuses on (the presets
           # are calibrated without them): doc/models/workload.rst, "Response statuses".
           ("opr-0.2", "workload: 0.2 objects per request", [OPR]),
           ("opr-0.2-ops-21.4", "0.2 objects per request, 21.4 per server",
            [OPR, "--ns3::SyntheticWorkload::ObjectsPerServer=21.4"]),
           ("opr-0.2-ops-21.4-corr-0.7",
            "0.2 objects per request, 21.4 per server, size-popularity correlation 0.7",
            [OPR, "--ns3::SyntheticWorkload::ObjectsPerServer=21.4",
             "--ns3::SyntheticWorkload::SizePopularityCorrelation=0.7"]),
           ("opr-0.25-ops-26.8", "0.25 objects per request, 26.8 per server",
            ["--ns3::SyntheticWorkload::ObjectsPerRequest=0.25",
             "--ns3::SyntheticWorkload::ObjectsPerServer=26.8"]),
           ("fetched-before", "workload: 304s only for copies fetched earlier in the trace",
            [FETCHED]),
           ("fetched-before-opr-0.35-ops-37.5",
            "304s only for fetched copies, 0.35 objects per request, 37.5 per server",
            [FETCHED, "--ns3::SyntheticWorkload::ObjectsPerRequest=0.35",
             "--ns3::SyntheticWorkload::ObjectsPerServer=37.5"]),
           ("fetched-before-refit",
            "304s only for fetched copies, 0.35 objects per request, 37.5 per server, "
            "size-popularity correlation 0.5, size medians x 0.9", FETCHED_REFIT),
           # The same two sets on the next ten run numbers: how far a verdict count moves
           # with the runs alone.
           ("fetched-before-refit-runs-11-20", "the refit above, RngRun 11 to 20",
            FETCHED_REFIT + ["--run=11"]),
           ("runs-11-20", "defaults, RngRun 11 to 20", ["--run=11"])],
          [MODEM + "|data|mean latency improvement %|data caching, mean %",
           MODEM + "|connections|mean latency improvement %|connection caching, mean %",
           MODEM + "|connections|median latency improvement %|connection caching, median %",
           MODEM + "|data+connections|mean latency improvement %|both, mean %",
           MODEM + "|data+connections|median latency improvement %|both, median %",
           "no-proxy validation (modem)|direct|median latency s|no proxy, median s",
           "no-proxy validation (modem)|direct|median data transfer s"
           "|no proxy, median data transfer s",
           "no-proxy validation (modem)|proxy-only|mean server connection setup s"
           "|server setup, mean s",
           "connection reuse (modem)|data+connections|requests per server conn"
           "|requests per server conn",
           "connection reuse (modem)|data+connections|clients per server conn"
           "|clients per server conn",
           MODEM + "|data+connections|hit ratio %|hit ratio %",
           MODEM + "|data+connections|byte hit ratio %|byte hit ratio %",
           "connections cached (modem)|all|% new to server|all: % new to server"]),
    Sweep("proxim-lan-sweep", PROXIM_PAGE, PROXIM, ["--population=lan", "--experiments=latency"],
          "proxim-lan-vs-paper.csv",
          # The defaults are the set "proxim-lan".
          [("proxim-lan", "defaults", []),
           ("lan-clients-300", "3,000 users on 300 clients, the paper's population",
            ["--lanClients=300"]),
           ("lan-think-0.3", "origin think time, exponential, mean 0.3 s",
            ["--serverThink=ns3::ExponentialRandomVariable[Mean=0.3]"]),
           ("lan-origin-idle-off", "origins keep idle connections",
            ["--ns3::OriginServer::IdleTimeout=0s"]),
           ("lan-outstanding-1", "1 request in flight per client", ["--maxOutstanding=1"]),
           ("lan-keep-alive-server",
            "no proxy: keep-alive per client and server, as the trace flags", [SERVER_FLAG]),
           ("lan-rtt-0.2", "server RTT median 0.2 s", [lognormal(0.2)]),
           ("lan-fetched-before",
            "workload: 304s only for copies fetched earlier in the trace", [FETCHED]),
           ("lan-rtt-0.2-idle-off-outstanding-1",
            "server RTT median 0.2 s, origins keep idle connections, 1 request in flight",
            [lognormal(0.2), "--ns3::OriginServer::IdleTimeout=0s", "--maxOutstanding=1"]),
           ("lan-fetched-before-corr-0",
            "304s only for fetched copies, no size-popularity correlation", LAN_FETCHED_CORR_0),
           ("lan-fetched-before-corr-0-runs-11-20", "the row before, RngRun 11 to 20",
            LAN_FETCHED_CORR_0 + ["--run=11"]),
           ("lan-runs-11-20", "defaults, RngRun 11 to 20", ["--run=11"])],
          [RESEARCH + "|data|mean latency improvement %|data caching, mean %",
           RESEARCH + "|connections|mean latency improvement %|connection caching, mean %",
           RESEARCH + "|data+connections|mean latency improvement %|both, mean %",
           RESEARCH + "|data+connections|median latency improvement %|both, median %",
           "latency vs a proxy caching nothing (research)|connections|mean latency improvement %"
           "|connection caching vs a proxy caching nothing, mean %",
           RESEARCH + "|data|hit ratio %|hit ratio %",
           RESEARCH + "|data|byte hit ratio %|byte hit ratio %",
           "no-proxy validation (research)|direct|median latency s|no proxy, median s",
           "connections cached (research)|all|% new to server|all: % new to server",
           "connection cache size (research)|all|max conns / none's|all: max conns / none's"]),
    Sweep("proxim-aborts-sweep", PROXIM_PAGE, PROXIM,
          ["--population=modem", "--experiments=aborts"], "proxim-modem-vs-paper.csv",
          # The defaults are the set "proxim-aborts".
          [("proxim-aborts", "defaults", []),
           ("aborts-rtt-1", "server RTT median 1 s", [lognormal(1.0)]),
           ("aborts-cwnd-1", "TCP initial window 1 segment", ["--ns3::TcpSocket::InitialCwnd=1"]),
           ("aborts-rtt-1-cwnd-1", "server RTT median 1 s, initial window 1 segment",
            [lognormal(1.0), "--ns3::TcpSocket::InitialCwnd=1"])],
          [SAVED + "|%s|saved %%|%s, saved %%" % (row, row)
           for row in ["continue@45Mbps", "abort@45Mbps", "abort+flowcontrol@45Mbps",
                       "abort@1.5Mbps", "abort@0.5Mbps"]],
          extracts=ABORTS),
    Sweep("depot-testbed-sweep", DEPOT_PAGE, "./build/examples/depot-testbed", [],
          "depot-testbed-vs-paper.csv",
          # The defaults are the set "depot-testbed". The paper gives no connection limit.
          [("depot-testbed", "defaults (32 connections)", []),
           ("depot-max-connections-20", "20 connections", ["--maxConnections=20"]),
           ("depot-max-connections-48", "48 connections", ["--maxConnections=48"]),
           ("depot-max-connections-128", "128 connections", ["--maxConnections=128"])],
          ["Table 2|HP 712, 100 B|connection ms|HP 712 alone, no-cache, 50: connection ms",
           "Table 2|100 B|connections/s|depot, no-cache, 50: conn/s",
           "Table 3(a)|25 concurrent, 100 B|connection ms|HP 755 hits, 25: connection ms",
           "Table 3(a)|100 concurrent, 100 B|connections/s|HP 755 hits, 100: conn/s",
           "Table 3(a)|100 concurrent, 100 B|connection ms|HP 755 hits, 100: connection ms",
           "Table 3(b)|50 concurrent, 100 B|connections/s|HP 712 hits, 50: conn/s",
           "Table 3(b)|50 concurrent, 100 B|connection ms|HP 712 hits, 50: connection ms",
           "Table 3(c)|50 concurrent, 100 B|connections/s|depot hits, 50: conn/s",
           "Table 3(c)|50 concurrent, 10240 B|connections/s|depot 10 KB hits, 50: conn/s"]),
]


def command(program, options):
    """The command without runs, jobs and output directory (proxim without its plots)."""
    return [program] + options + (["--plot=false"] if program == PROXIM else [])


def shown(program, options):
    """The command as a page prints it: the runs are the CSV's (its header says how many),
    and neither --jobs nor the output directory changes a figure."""
    return " ".join(command(program, options))


def work():
    """Every command: (name, program, options, slow)."""
    todo = [(s.name, s.program, s.options, s.slow) for s in SETS]
    for sweep in SWEEPS:
        todo += [(v, sweep.program, sweep.options + o, False) for v, _, o in sweep.variants
                 if v not in [t[0] for t in todo]]
    return todo


def run(name, program, options, runs, jobs):
    out_dir = OUT / name
    (ROOT / out_dir).mkdir(parents=True, exist_ok=True)
    argv = command(program, options) + ["--runs=%d" % runs, "--jobs=%d" % jobs,
                                        "--outDir=%s" % out_dir]
    start = time.time()
    print("running %s: %s" % (name, " ".join(shlex.quote(a) for a in argv)), flush=True)
    with open(ROOT / out_dir / "output.txt", "w") as log:
        rc = subprocess.call(argv, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    print("  %s: exit %d, %.0f s wall" % (name, rc, time.time() - start), flush=True)
    return rc == 0


def extract(path, start):
    """The block of a command's output whose first line starts with start."""
    lines = path.read_text().split("\n")
    for i, line in enumerate(lines):
        if line.startswith(start):
            j = i
            while j < len(lines) and lines[j].strip():
                j += 1
            return lines[i:j]
    raise SystemExit("%s: no line starting %r" % (path, start))


def append_to_region(page, name, blocks, labels=None):
    """Put the output blocks at the end of the page's region name (after its tables), each
    under its label (a sweep's variant) if given."""
    text = page.read_text().split("\n")
    end = text.index(".. paper-tables: end %s" % name)
    add = []
    for k, block in enumerate(blocks):
        runs = "The same runs print" if labels is None else "The runs of *%s* print" % labels[k]
        add += [runs + " (mean ± half-width of the 95% interval):", "",
                ".. code-block:: text", ""] + ["   " + l for l in block] + [""]
    page.write_text("\n".join(text[:end] + add + text[end:]))


def tables(only, pages=None):
    """Rewrite the regions (those of only, or all) from the CSVs, in the pages under pages
    (the tree's own by default); False if a script failed."""
    pages = pages or ROOT
    tool = [sys.executable, str(ROOT / "scripts" / "paper-tables.py")]
    for s in SETS:
        if only and s.name not in only:
            continue
        if not (ROOT / s.csv()).exists():
            print("%s: missing; region %s left as it was" % (s.csv(), s.name))
            continue
        if subprocess.call(tool + ["--out", str(pages / s.page), "--region", s.name, "--command",
                                   shown(s.program, s.options), str(s.csv())], cwd=ROOT) != 0:
            return False
        if s.extracts:
            output = ROOT / OUT / s.name / "output.txt"
            append_to_region(pages / s.page, s.name, [extract(output, e) for e in s.extracts])
    for sweep in SWEEPS:
        if only and sweep.name not in only and not any(v in only for v, _, _ in sweep.variants):
            continue
        missing = [str(sweep.csv(v)) for v, _, _ in sweep.variants
                   if not (ROOT / sweep.csv(v)).exists()]
        if missing:
            print("%s: missing; region %s left as it was" % (", ".join(missing), sweep.name))
            continue
        argv = tool + ["--out", str(pages / sweep.page), "--region", sweep.name, "--sweep",
                       "--command",
                       shown(sweep.program, sweep.options) + " [the variant's options]"]
        for c in sweep.columns:
            argv += ["--column", c]
        for v, label, options in sweep.variants:
            argv.append("%s (%s)=%s" % (label, " ".join("``%s``" % o for o in options) or "none",
                                        sweep.csv(v)))
        if subprocess.call(argv, cwd=ROOT) != 0:
            return False
        for e in sweep.extracts:
            blocks = [extract(ROOT / OUT / v / "output.txt", e) for v, _, _ in sweep.variants]
            append_to_region(pages / sweep.page, sweep.name, blocks,
                             [label for _, label, _ in sweep.variants])
    for c in COMPARISONS:
        if only and c.name not in only:
            continue
        # The runs kept by the last comparison: a1.txt ... aN.txt and their b pairs.
        runs = 0
        while (ROOT / OUT / c.name / ("a%d.txt" % (runs + 1))).exists():
            runs += 1
        if runs < 2:
            print("%s: no kept runs; region %s left as it was" % (OUT / c.name, c.name))
            continue
        if subprocess.call(c.argv(runs, 1, reuse=True, pages=pages), cwd=ROOT,
                           stdout=subprocess.DEVNULL) != 0:
            return False
    return True


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--slow", action="store_true")
    ap.add_argument("--tables-only", action="store_true")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args(argv)
    if args.runs < 1 or args.jobs < 1:
        ap.error("--runs and --jobs must be at least 1")
    todo = work()
    names = {w[0] for w in todo} | {s.name for s in SWEEPS} | {c.name for c in COMPARISONS}
    for n in args.only:
        if n not in names:
            ap.error("--only %s: no such figure set, sweep or variant (see --list)" % n)
    if args.list:
        for name, program, options, slow in todo:
            print("%-22s %s%s" % (name, shown(program, options), "  [slow]" if slow else ""))
        for c in COMPARISONS:
            print("%-22s %s %s, %s against %s  [slow]" % (c.name, c.program, " ".join(c.common),
                                                        c.a[1], c.b[1]))
        return 0
    if not args.tables_only:
        for name, program, options, slow in todo:
            sweep = [s.name for s in SWEEPS if name in [v for v, _, _ in s.variants]]
            if args.only and name not in args.only and not set(sweep) & set(args.only):
                continue
            if slow and not args.slow and name not in args.only:
                print("%s: slow, skipped (--slow runs it)" % name)
                continue
            if not (ROOT / program).exists():
                print("%s: not built (cmake --build build)" % program, file=sys.stderr)
                return 1
            if not run(name, program, options, args.runs, args.jobs):
                print("%s failed: see %s" % (name, OUT / name / "output.txt"), file=sys.stderr)
                return 1
        for c in COMPARISONS:
            if args.only and c.name not in args.only:
                continue
            if not args.slow and c.name not in args.only:
                print("%s: slow, skipped (--slow runs it)" % c.name)
                continue
            if args.runs < 2:
                ap.error("--runs: %s needs at least 2 runs for its paired interval" % c.name)
            argv = c.argv(args.runs, args.jobs, False)
            start = time.time()
            print("running %s: %s" % (c.name, " ".join(shlex.quote(a) for a in argv)), flush=True)
            if subprocess.call(argv, cwd=ROOT) != 0:
                print("%s failed" % c.name, file=sys.stderr)
                return 1
            print("  %s: %.0f s wall" % (c.name, time.time() - start), flush=True)
    if not args.check:
        return 0 if tables(args.only) else 1
    return check(args.only)


def check(only):
    """Write the regions into copies of the pages and compare: 0 if the pages are what the
    CSVs give, 1 (with a diff) if not."""
    pages = sorted({s.page for s in SETS} | {s.page for s in SWEEPS}
                   | {c.page for c in COMPARISONS})
    with tempfile.TemporaryDirectory() as tmp:
        copies = pathlib.Path(tmp)
        for page in pages:
            (copies / page).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / page, copies / page)
        if not tables(only, copies):
            return 1
        stale = []
        for page in pages:
            now = (ROOT / page).read_text().split("\n")
            new = (copies / page).read_text().split("\n")
            if now != new:
                stale.append(str(page))
                for line in difflib.unified_diff(now, new, str(page), "%s (from the CSVs)" % page,
                                                 lineterm="", n=1):
                    print(line)
    if stale:
        print("paper-figures --check: not what the CSVs give: %s" % ", ".join(stale))
        return 1
    print("paper-figures --check: %d pages are what the CSVs give" % len(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
