#!/usr/bin/env python3
"""Probability density of request latency and its components, log-scale time axis, like
[PROXIM]'s Fig. 5 (or Fig. 6/8 when given several CSV files: one "total" curve each).

usage: plot-latency-density.py OUT.png CSV [CSV ...] [--labels a,b] [--title T]

Reads the per-request CSV written by RequestRecordWriter (columns sync, req_rep, rep_data,
data, total in seconds). Failed requests are left out; zero components (e.g. sync on a
reused connection) are left out of that component's curve, as in the paper.
Run with Debian's /usr/bin/python3 (python3-matplotlib).
"""
import argparse
import csv
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

COMPONENTS = ["total", "sync", "req_rep", "rep_data", "data"]


def read(path):
    cols = {c: [] for c in COMPONENTS}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row.get("failed") == "1":
                continue
            for c in COMPONENTS:
                v = float(row[c])
                if v > 0:
                    cols[c].append(v)
    return cols


def density(values, bins):
    if not values:
        return None
    hist, edges = np.histogram(np.log10(values), bins=bins, density=True)
    centers = 10 ** ((edges[:-1] + edges[1:]) / 2)
    return centers, hist


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("csv", nargs="+")
    ap.add_argument("--labels", default="")
    ap.add_argument("--title", default="")
    a = ap.parse_args()
    data = [read(p) for p in a.csv]
    allv = [v for d in data for c in COMPONENTS for v in d[c]]
    if not allv:
        sys.exit("no completed requests in " + ", ".join(a.csv))
    lo = math.floor(math.log10(min(allv)))
    hi = math.ceil(math.log10(max(allv)))
    bins = np.linspace(lo, hi, max(10, 8 * (hi - lo)))
    fig, ax = plt.subplots(figsize=(7, 4.5))
    if len(data) == 1:
        for c in COMPONENTS:
            d = density(data[0][c], bins)
            if d:
                ax.plot(d[0], d[1], label=c, linewidth=2 if c == "total" else 1)
    else:
        labels = a.labels.split(",") if a.labels else a.csv
        for d, label in zip(data, labels):
            dd = density(d["total"], bins)
            if dd:
                ax.plot(dd[0], dd[1], label=label)
    ax.set_xscale("log")
    ax.set_xlabel("time (s)")
    ax.set_ylabel("probability density (per decade)")
    if a.title:
        ax.set_title(a.title)
    ax.legend()
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(a.out, dpi=120)


if __name__ == "__main__":
    main()
