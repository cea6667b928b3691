#!/usr/bin/env python3
"""Runs isp-backbone small (a few seconds) and checks its summary; exits 1 naming each problem.

    check-isp-backbone.py PROGRAM OUTDIR

- With its three faults: every request recorded ended once (requests = completed + failed +
  aborted, per class and in all); each class completed some; every failed request ended in a
  fault's window or by the clients' stop; the LAN replayed every request of its workload;
  every request replayed ended (all are issued before the clients stop, and a stop fails
  the ones still queued, "application stopped"); the hot-standby backup took over within the
  heartbeat interval plus the dead time (1 s + 3 s).
- Twice with the same --RngRun: identical summaries. Another --RngRun: a different one.
- With a warm standby pair: the same consistency and takeover time.
- Without faults: no request failed but those cut by the clients' stop.
"""
import re
import subprocess
import sys

SMALL = ["--scale=0.5", "--duration=40s", "--proxyFailAt=5s", "--proxyReviveAt=8s",
         "--depotFailAt=10s", "--depotReviveAt=12s", "--linkFailAt=14s", "--linkRestoreAt=16s",
         "--flowmon=false"]


def run(program, outdir, extra):
    p = subprocess.run([program] + SMALL + ["--outDir=" + outdir] + extra, capture_output=True,
                       text=True, timeout=300)
    if p.returncode != 0:
        sys.exit("FAIL %s exited %d: %s" % (" ".join(extra), p.returncode, p.stderr[-500:]))
    return p.stdout.split("\nWrote ")[0]


def parse(summary):
    classes = {}
    for m in re.finditer(r"^(modem|lan|all)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s", summary, re.M):
        classes[m.group(1)] = [int(x) for x in m.group(2, 3, 4, 5)]
    faults = [int(m.group(1)) for m in re.finditer(r"^.*\s[\d.]+\s+[\d.]+\s+(\d+)$", summary, re.M)]
    outside = int(re.search(r"failed outside the fault windows .*: (\d+)$", summary, re.M).group(1))
    m = re.search(r"^requests replayed (\d+), ended (\d+), failed by the clients' stop (\d+)$",
                  summary, re.M)
    replayed, ended, stopped = (int(x) for x in m.groups())
    lan = int(re.search(r"^LAN at .*: \d+ clients, \d+ users, (\d+) requests", summary,
                        re.M).group(1))
    takeover = re.search(r"^depot takeover: ([\d.]+) s", summary, re.M)
    return classes, faults, outside, replayed, ended, stopped, lan, takeover


def main(argv):
    program, outdir = argv[1], argv[2]
    problems = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            problems.append(what)

    first = run(program, outdir + "/a", ["--RngRun=3"])
    print(first)
    classes, faults, outside, replayed, ended, stopped, lan, takeover = parse(first)
    check(set(classes) == {"modem", "lan", "all"}, "a line per class")
    for name, (req, comp, failed, aborted) in classes.items():
        check(req == comp + failed + aborted,
              "%s: requests %d = completed + failed + aborted" % (name, req))
    for name in ("modem", "lan"):
        check(classes[name][1] > 0, "%s: completed some" % name)
    check(classes["all"] == [a + b for a, b in zip(classes["modem"], classes["lan"])],
          "all = modem + lan")
    check(len(faults) == 3, "three faults scheduled")
    check(sum(faults) + outside + stopped == classes["all"][2],
          "every failed request is in a fault window, outside them, or stopped")
    check(outside == 0, "no request failed outside the fault windows")
    check(ended == classes["all"][0] and ended == replayed,
          "ended %d = requests recorded = the %d replayed" % (ended, replayed))
    check(classes["lan"][0] == lan, "the LAN ended every one of its %d requests" % lan)
    check(takeover is not None and 0 < float(takeover.group(1)) <= 4.0,
          "depot takeover within heartbeat + dead time (4 s)")

    again = run(program, outdir + "/b", ["--RngRun=3"])
    check(again == first, "same --RngRun: identical summary")
    other = run(program, outdir + "/c", ["--RngRun=4"])
    check(other != first, "another --RngRun: another summary")

    warm = run(program, outdir + "/e", ["--RngRun=3", "--standby=warm"])
    classes, faults, outside, replayed, ended, stopped, lan, takeover = parse(warm)
    check("via depot pair (warm standby)" in warm, "warm: the pair runs warm standby")
    check(all(r == c + f + a for r, c, f, a in classes.values()),
          "warm: requests = completed + failed + aborted per class")
    check(sum(faults) + outside + stopped == classes["all"][2] and outside == 0,
          "warm: every failed request in a fault window or stopped")
    check(ended == classes["all"][0] == replayed, "warm: every request replayed ended")
    check(takeover is not None and 0 < float(takeover.group(1)) <= 4.0,
          "warm: depot takeover within heartbeat + dead time (4 s)")

    calm = run(program, outdir + "/d",
               ["--RngRun=3", "--proxyFault=false", "--depotFault=false", "--linkFault=false"])
    print(calm)
    classes, faults, outside, replayed, ended, stopped, lan, takeover = parse(calm)
    check(faults == [] and takeover is None, "no faults: none listed")
    check(classes["all"][2] == stopped, "no faults: failed only by the clients' stop")
    check(ended == classes["all"][0] == replayed, "no faults: every request replayed ended")
    check(classes["modem"][1] > 0 and classes["lan"][1] > 0, "no faults: both classes completed")
    print("%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
