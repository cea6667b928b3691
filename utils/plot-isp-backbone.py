#!/usr/bin/env python3
"""Plots of an isp-backbone run: latency CDF per client class, failed requests over time with
the fault windows, hit ratio over time per proxy group, and new depot sessions per proxy over
time.

usage: plot-isp-backbone.py OUTDIR

Reads OUTDIR/isp-backbone-requests.csv (RequestRecordWriter), OUTDIR/isp-backbone-summary.txt
(the fault table) and OUTDIR/isp-backbone-timeline.csv (cache results and depot sessions),
writes OUTDIR/isp-backbone-latency-cdf.png, -failures.png, -hit-ratio.png and
-depot-load.png. The hit ratio of a bin is HIT and REFRESH_HIT over all results of the
group's proxies in it (bins without results are left out). A request's class is its peer: the depot's virtual
address 10.210.1.100 is the LAN's proxy, every other peer serves the modem pool. Failed
requests are left out of the CDF. Run with Debian's /usr/bin/python3 (python3-matplotlib).
"""
import csv
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

LAN_PEER = "10.210.1.100:"


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    out = argv[1].rstrip("/")
    latency = {"modem": [], "lan": []}
    failed = {"modem": [], "lan": []}
    with open(out + "/isp-backbone-requests.csv") as f:
        for r in csv.DictReader(f):
            cls = "lan" if r["peer"].startswith(LAN_PEER) else "modem"
            if r["failed"] in ("1", "true"):
                failed[cls].append(float(r["issued"]) + float(r["total"]))
            else:
                latency[cls].append(float(r["total"]))
    faults = []
    with open(out + "/isp-backbone-summary.txt") as f:
        for line in f:
            m = re.match(r"^(.*\S)\s+([\d.]+)\s+([\d.]+)\s+\d+$", line)
            if m:
                faults.append((m.group(1), float(m.group(2)), float(m.group(3))))

    fig, ax = plt.subplots(figsize=(6, 4))
    for cls, v in latency.items():
        if v:
            v.sort()
            ax.plot(v, [(i + 1) / len(v) for i in range(len(v))], label="%s (%d)" % (cls, len(v)))
    ax.set_xscale("log")
    ax.set_xlabel("request latency, s (issue to last byte)")
    ax.set_ylabel("fraction of completed requests")
    ax.legend()
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(out + "/isp-backbone-latency-cdf.png", dpi=120)

    fig, ax = plt.subplots(figsize=(7, 3.5))
    end = max([t for v in failed.values() for t in v] + [b for _, _, b in faults] + [1])
    bins = [i * 5.0 for i in range(int(end // 5) + 2)]
    ax.hist([failed["modem"], failed["lan"]], bins=bins, stacked=True, label=["modem", "lan"])
    for name, a, b in faults:
        ax.axvspan(a, b, alpha=0.15, color="red")
        ax.text(a, ax.get_ylim()[1] * 0.9, name, fontsize=7, rotation=90, va="top")
    ax.set_xlabel("simulated time, s (end of the failed request)")
    ax.set_ylabel("failed requests per 5 s")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out + "/isp-backbone-failures.png", dpi=120)

    cache = {}  # group -> [(time, hit)]
    sessions = {}  # depot -> proxy -> [time]
    with open(out + "/isp-backbone-timeline.csv") as f:
        for r in csv.DictReader(f):
            t = float(r["time"])
            if r["event"] == "opened":
                sessions.setdefault(r["source"], {}).setdefault(r["subject"], []).append(t)
            else:
                cache.setdefault(r["source"], []).append((t, r["event"] in ("HIT", "REFRESH_HIT")))
    width = 5.0
    last = max([t for v in cache.values() for t, _ in v] + [end, 1])
    nbins = int(last // width) + 1

    fig, ax = plt.subplots(figsize=(7, 3.5))
    for group, results in sorted(cache.items()):
        hits, total = [0] * nbins, [0] * nbins
        for t, hit in results:
            total[int(t // width)] += 1
            hits[int(t // width)] += hit
        xs = [(i + 0.5) * width for i in range(nbins) if total[i]]
        ys = [100.0 * hits[i] / total[i] for i in range(nbins) if total[i]]
        ax.plot(xs, ys, marker=".", label="%s (%d results)" % (group, len(results)))
    for name, a, b in faults:
        ax.axvspan(a, b, alpha=0.15, color="red")
    ax.set_xlabel("simulated time, s")
    ax.set_ylabel("hit ratio per %g s, %%" % width)
    ax.set_ylim(0, 100)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out + "/isp-backbone-hit-ratio.png", dpi=120)

    depots = sorted(sessions)
    fig, axes = plt.subplots(len(depots) or 1, 1, figsize=(7, 2.2 * max(len(depots), 1)),
                             sharex=True, squeeze=False)
    for ax, depot in zip(axes[:, 0], depots):
        per = sessions[depot]
        names = sorted(per, key=lambda n: int(re.sub(r"\D", "", n) or 0))
        bins = [i * width for i in range(nbins + 1)]
        ax.hist([per[n] for n in names], bins=bins, stacked=True, label=names)
        for name, a, b in faults:
            ax.axvspan(a, b, alpha=0.15, color="red")
        ax.set_ylabel("new sessions\nper %g s" % width)
        ax.set_title(depot, fontsize=9)
        ax.legend(fontsize=7)
    axes[-1, 0].set_xlabel("simulated time, s")
    fig.tight_layout()
    fig.savefig(out + "/isp-backbone-depot-load.png", dpi=120)
    print("wrote %s/isp-backbone-latency-cdf.png, -failures.png, -hit-ratio.png, -depot-load.png"
          % out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
