#!/usr/bin/env python3
"""Runs isp-backbone small (a few seconds) and checks its summary; exits 1 naming each problem.

    check-isp-backbone.py [--no-repeats] PROGRAM OUTDIR

--no-repeats skips the two runs that only compare summaries (the same and another --RngRun):
the sanitizer build (scripts/test.sh --sanitize) looks for memory errors, which repeating a
run with the same code paths cannot find; the release build checks the determinism.

- With its three faults: every request recorded ended once (requests = completed + failed +
  aborted, per class and in all); each class completed some; every failed request ended in a
  fault's window or by the clients' stop; the LAN replayed every request of its workload;
  every request replayed ended (all are issued before the clients stop, and a stop fails
  the ones still queued, "application stopped"); the hot-standby backup took over within the
  heartbeat interval plus the dead time (1 s + 3 s).
- Twice with the same --RngRun: identical summaries. Another --RngRun: a different one.
- With a warm standby pair, crashing the second site's master (--depotFaultSite=2): the same
  consistency and takeover time, and the crash is the second site's.
- Without faults: no request failed but those cut by the clients' stop.
- The edge, DNS and interception pieces carried traffic: the DNS alias server answered every
  query (> 0) and no LAN lookup failed; the SOCKS gateway connected (> 0) and refused none;
  the firewall dropped exactly the hostile SYNs (nothing of the clients' and proxies'
  traffic: no inside packet tried to bypass the gateway); the access router intercepted
  connections (> 0) and its population completed requests.
- With --lanSize=3 (no faults): each site's 8 LAN clients in 3 LANs, each with its blocks in the
  address plan; every request ended; each LAN node kept its own site's virtual address (the
  DNS alias by locality), 8 nodes per site.
- With --lanSize=1 (no faults): the 2 intercepted clients on 2 segments of their access router,
  each segment's block in the address plan; every request ended, the intercepted population
  completed requests, failed none but by the clients' stop, and its connections were
  intercepted.
- With --dns=false --firewall=false --interception=false: none of their lines, the same
  consistency, and the intercepted population still served by its (configured) proxy.
- The timeline CSV agrees with the summary: as many cache results and hits per proxy group
  as the hit ratio line counts, and the depots' new sessions in time order; when Debian's
  python3 has matplotlib, utils/plot-isp-backbone.py draws the four plots from the run; the
  topology picture marks the placed proxies and the three faults (a PNG when Graphviz is
  installed).
- With --edgeProxy=parent (faults on): the same consistency; no SOCKS gateway; the firewall
  dropped exactly the hostile SYNs and no inside packet bypassed the parent proxy; the parent
  served at least as many requests as the inside proxies had results that were not a HIT,
  and at most that many plus the failed and aborted requests; the timeline agrees with the
  summary for the parent too; with tshark, its firewall PCAPs (inside, first origin and
  parent links) decode as HTTP with no SOCKS and no malformed frame.
- When tshark is installed: the --pcap files of the firewall (SOCKS inside, HTTP outside), the
  DNS host and the intercepted segment decode as SOCKS, HTTP and DNS with no malformed frame
  (skipped, and said so, without tshark).
"""
import csv
import glob
import os
import re
import shutil
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
    for m in re.finditer(r"^(modem|lan|intcpt|all)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s", summary, re.M):
        classes[m.group(1)] = [int(x) for x in m.group(2, 3, 4, 5)]
    faults = [int(m.group(1)) for m in re.finditer(r"^.*\s[\d.]+\s+[\d.]+\s+(\d+)$", summary, re.M)]
    outside = int(re.search(r"failed outside the fault windows .*: (\d+)$", summary, re.M).group(1))
    m = re.search(r"^requests replayed (\d+) by \d+ WebClients on \d+ client nodes, ended (\d+), "
                  r"failed by the clients' stop (\d+)$", summary, re.M)
    replayed, ended, stopped = (int(x) for x in m.groups())
    lan = int(re.search(r"^LANs? at .*?: \d+ clients(?: each)?, (?:in \d+ LANs per site \(T1 "
                        r"uplink each\), )?\d+ users, (\d+) requests", summary, re.M).group(1))
    takeover = re.search(r"^depot takeover: ([\d.]+) s", summary, re.M)
    return classes, faults, outside, replayed, ended, stopped, lan, takeover


def sites_of(summary):
    """Depot sites: the PoPs named on the LAN line."""
    m = re.search(r"^LANs? at (.*?): ", summary, re.M)
    return len(m.group(1).split(", "))


def multi_lan_check(check, program, outdir):
    """--lanSize=3: the 8 LAN clients of each site in 3 LANs (3, 3, 2), each with its blocks;
    every request ended; with the DNS alias by locality every LAN node kept its own site's
    virtual address, half the nodes each."""
    summary = run(program, outdir, ["--RngRun=3", "--lanSize=3", "--proxyFault=false",
                                    "--depotFault=false", "--linkFault=false"])
    classes, faults, outside, replayed, ended, stopped, lan, takeover = parse(summary)
    check(re.search(r"^LANs at .*: 8 clients each, in 3 LANs per site", summary, re.M)
          is not None, "lanSize=3: 3 LANs per site of the 8 clients")
    check(all(r == c + f + a for r, c, f, a in classes.values())
          and ended == classes["all"][0] == replayed and classes["lan"][0] == lan,
          "lanSize=3: every request replayed ended, the LAN all of its workload")
    check(classes["all"][2] == stopped, "lanSize=3: no request failed but by the clients' stop")
    with open(outdir + "/isp-backbone-address-plan.txt") as f:
        plan = dict(re.findall(r"^\s*block (\S+)\s+(\S+)", f.read(), re.M))
    names = ["lan", "lan-2", "lan-3", "lan2", "lan2-2", "lan2-3"]
    check(all(n + "/lan" in plan and n + "/uplink" in plan and n + "-access" in plan
              for n in names), "lanSize=3: blocks of the 6 LANs in the address plan")
    vips = [plan[s + "/lan-a"].split("/")[0].rsplit(".", 1)[0] + ".100:3128"
            for s in ("depot", "depot2") if s + "/lan-a" in plan]
    peers = {}
    with open(outdir + "/isp-backbone-requests.csv") as f:
        for row in csv.DictReader(f):
            if row["peer"] in vips:
                peers.setdefault(row["node"], set()).add(row["peer"])
    per_vip = [sum(1 for p in peers.values() if p == {v}) for v in vips]
    check(len(vips) == 2 and len(peers) == 16 and per_vip == [8, 8],
          "lanSize=3: each of the 16 LAN nodes kept its own site's address, 8 per site (%s)"
          % per_vip)
    check_pieces(check, summary, "lanSize=3")


def intercepted_segments_check(check, program, outdir):
    """--lanSize=1: the intercepted population's 2 clients on 2 segments, still intercepted."""
    summary = run(program, outdir, ["--RngRun=3", "--lanSize=1", "--proxyFault=false",
                                    "--depotFault=false", "--linkFault=false"])
    classes, faults, outside, replayed, ended, stopped, lan, takeover = parse(summary)
    check(re.search(r"^intercepted at .*: 2 clients, on 2 segments, ", summary, re.M)
          is not None, "lanSize=1: the 2 intercepted clients on 2 segments")
    with open(outdir + "/isp-backbone-address-plan.txt") as f:
        plan = dict(re.findall(r"^\s*block (\S+)\s+(\S+)", f.read(), re.M))
    check("intercepted-lan" in plan and "intercepted-lan-2" in plan
          and "intercepted-lan-3" not in plan,
          "lanSize=1: blocks intercepted-lan and intercepted-lan-2 in the address plan")
    check(all(r == c + f + a for r, c, f, a in classes.values())
          and ended == classes["all"][0] == replayed,
          "lanSize=1: every request replayed ended")
    intcpt = classes.get("intcpt", [0, 0, 0, 0])
    check(intcpt[1] > 0 and intcpt[2] <= stopped,
          "lanSize=1: the intercepted population completed %d, failed none but by the stop"
          % intcpt[1])
    p = pieces(summary)
    check(p["interception"] is not None and p["interception"] > 0,
          "lanSize=1: connections intercepted (%s)" % p["interception"])


def pieces(summary):
    """The DNS, firewall, SOCKS and interception figures (None for a line not printed)."""
    out = {}
    m = re.search(r"^DNS alias \S+ \(.*\): server answered (\d+) of (\d+) queries \(NXDOMAIN "
                  r"(\d+)\); (\d+) client nodes looked up (\d+) times, (\d+) answers, (\d+) "
                  r"failures$", summary, re.M)
    out["dns"] = [int(x) for x in m.groups()] if m else None
    m = re.search(r"^firewall: (\d+) packets allowed, (\d+) denied \((\d+) by the default deny "
                  r"inbound, (\d+) hostile SYNs sent; (\d+) inside packets bypassing the "
                  r"(?:gateway|parent proxy)\); (\d+) flows tracked$", summary, re.M)
    out["firewall"] = [int(x) for x in m.groups()] if m else None
    m = re.search(r"^SOCKS gateway: (\d+) connections, (\d+) CONNECTs succeeded, (\d+) refused, "
                  r"(\d+) malformed", summary, re.M)
    out["socks"] = [int(x) for x in m.groups()] if m else None
    m = re.search(r"^interception: (\d+) connections redirected", summary, re.M)
    out["interception"] = int(m.group(1)) if m else None
    m = re.search(r", parent proxy (\d+)/(\d+) ", summary, re.M)
    out["parent"] = [int(x) for x in m.groups()] if m else None
    return out


def check_pieces(check, summary, label):
    p = pieces(summary)
    check(p["dns"] is not None, "%s: a DNS line" % label)
    if p["dns"]:
        answered, queries, nx, nodes, lookups, answers, failures = p["dns"]
        check(answered > 0 and answered == queries and nx == 0,
              "%s: the DNS alias server answered all %d queries" % (label, queries))
        check(answers == lookups and failures == 0 and answers >= nodes > 0,
              "%s: every LAN node's lookup answered (%d lookups, %d failures)"
              % (label, lookups, failures))
    check(p["firewall"] is not None and p["socks"] is not None,
          "%s: firewall and SOCKS lines" % label)
    if p["firewall"] and p["socks"]:
        allowed, denied, denied_in, hostile, bypass, flows = p["firewall"]
        accepted, connected, refused, malformed = p["socks"]
        check(allowed > 0 and flows > 0, "%s: the firewall passed traffic" % label)
        check(hostile > 0 and denied == denied_in == hostile,
              "%s: the firewall dropped the %d hostile SYNs and nothing else (denied %d)"
              % (label, hostile, denied))
        check(bypass == 0, "%s: no inside packet bypassed the SOCKS gateway" % label)
        check(connected > 0 and refused == 0 and malformed == 0,
              "%s: SOCKS CONNECTs succeeded (%d), none refused or malformed" % (label, connected))
    check(p["interception"] is not None and p["interception"] > 0,
          "%s: connections intercepted (%s)" % (label, p["interception"]))


def timeline_check(check, outdir, summary):
    """The timeline CSV against the summary's hit ratio line, and the plots drawn from it."""
    m = re.search(r"^hit ratio: placed proxies (\d+)/(\d+) .*, depot pool (\d+)/(\d+) .*, "
                  r"intercepting proxy (\d+)/(\d+) ", summary, re.M)
    check(m is not None, "timeline: the summary's hit ratio line")
    if m is None:
        return
    want = {"placed": (int(m.group(1)), int(m.group(2))), "pool": (int(m.group(3)), int(m.group(4))),
            "intercepting": (int(m.group(5)), int(m.group(6)))}
    parent = pieces(summary)["parent"]
    if parent:
        want["parent"] = tuple(parent)
    got = {g: [0, 0] for g in want}
    opened, times, by_depot = 0, [], {}
    with open(outdir + "/isp-backbone-timeline.csv") as f:
        header = f.readline().strip()
        check(header == "time,source,subject,event,bytes", "timeline: its header")
        for line in f:
            t, source, subject, event, _ = line.strip().split(",")
            times.append(float(t))
            if event == "opened":
                opened += 1
                by_depot[source] = by_depot.get(source, 0) + 1
            else:
                got[source][1] += 1
                got[source][0] += event in ("HIT", "REFRESH_HIT")
    for g, (hits, total) in want.items():
        check(tuple(got[g]) == (hits, total), "timeline: %s %d/%d as the summary (%d/%d)"
              % (g, got[g][0], got[g][1], hits, total))
    check(opened > 0 and times == sorted(times), "timeline: %d depot sessions, in time order"
          % opened)
    # Each depot site's pair opened sessions (depot0/1 the first site, depot2/3 the second).
    sites = sites_of(summary)
    for k in range(sites):
        check(by_depot.get("depot%d" % (2 * k), 0) + by_depot.get("depot%d" % (2 * k + 1), 0) > 0,
              "timeline: depot site %d opened sessions (%s)" % (k + 1, sorted(by_depot.items())))
    with open(outdir + "/isp-backbone-topology.dot") as f:
        dot = f.read()
    check(dot.count("penwidth=") == 3 + sites - 1 and dot.count("style=dashed") == 1
          and dot.count("fillcolor=salmon") > 0,
          "topology picture: the placed proxies, two crashed nodes, the other depot sites and "
          "the failed link marked")
    if shutil.which("dot"):
        with open(outdir + "/isp-backbone-topology.png", "rb") as f:
            check(f.read(8) == b"\x89PNG\r\n\x1a\n", "topology picture: a PNG")
    python = "/usr/bin/python3"
    plot = subprocess.run([python, "-c", "import matplotlib"], capture_output=True)
    if plot.returncode != 0:
        print("skip plots: %s has no matplotlib" % python)
        return
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "utils",
                          "plot-isp-backbone.py")
    p = subprocess.run([python, script, outdir], capture_output=True, text=True, timeout=300)
    check(p.returncode == 0, "plots drawn (%s)" % (p.stderr.strip()[-200:] or "ok"))
    for name in ("latency-cdf", "failures", "hit-ratio", "depot-load"):
        path = "%s/isp-backbone-%s.png" % (outdir, name)
        try:
            with open(path, "rb") as f:
                ok = f.read(8) == b"\x89PNG\r\n\x1a\n"
        except OSError:
            ok = False
        check(ok, "plot %s is a PNG" % name)


def parent_check(check, program, outdir):
    """[Depot] Fig. 4's other design: the inside proxies' misses go to a parent proxy outside
    the firewall, the only place the firewall lets them reach."""
    # With the firewall's PCAPs, which tshark_check then reads (one run for both checks).
    summary = run(program, outdir, ["--RngRun=3", "--edgeProxy=parent", "--pcap=firewall"])
    print(summary)
    classes, faults, outside, replayed, ended, stopped, lan, takeover = parse(summary)
    check(all(r == c + f + a for r, c, f, a in classes.values()),
          "parent: requests = completed + failed + aborted per class")
    check(sum(faults) + outside + stopped == classes["all"][2] and outside == 0,
          "parent: every failed request in a fault window or stopped")
    check(ended == classes["all"][0] == replayed and classes["lan"][0] == lan,
          "parent: every request replayed ended")
    check(all(classes[c][1] > 0 for c in ("modem", "lan", "intcpt")),
          "parent: every class completed some")
    check("with a parent proxy outside it" in summary, "parent: the edge line says so")
    p = pieces(summary)
    check(p["socks"] is None, "parent: no SOCKS gateway")
    if p["firewall"]:
        allowed, denied, denied_in, hostile, bypass, flows = p["firewall"]
        check(allowed > 0 and flows > 0, "parent: the firewall passed traffic")
        check(hostile > 0 and denied == denied_in == hostile and bypass == 0,
              "parent: the firewall dropped the %d hostile SYNs and nothing else (denied %d, "
              "bypassing %d)" % (hostile, denied, bypass))
    else:
        check(False, "parent: a firewall line")
    check(p["parent"] is not None and p["parent"][1] > 0,
          "parent: the parent proxy served requests (%s)" % p["parent"])
    timeline_check(check, outdir, summary)
    # Every request at the parent comes from an inside proxy that did not answer it from its
    # own cache: one that records a MISS or REFRESH_HIT (a conditional GET) when the parent's
    # answer arrives, or one whose client aborted or failed before that, which the inside
    # proxy never records. So the inside proxies' results that are not HIT bound the
    # parent's requests from below, and those plus the aborted and failed requests from
    # above.
    forwarded = 0
    with open(outdir + "/isp-backbone-timeline.csv") as f:
        f.readline()
        for line in f:
            _, source, _, event, _ = line.strip().split(",")
            forwarded += source in ("placed", "pool", "intercepting") and event not in (
                "HIT", "opened")
    unanswered = classes["all"][2] + classes["all"][3]
    if p["parent"]:
        check(forwarded <= p["parent"][1] <= forwarded + unanswered,
              "parent: its %d requests lie between the inside proxies' %d non-HIT results and "
              "those plus the %d failed and aborted requests"
              % (p["parent"][1], forwarded, unanswered))


def tshark_check(check, program, outdir, extra=(), want=None, ran=False):
    """The pieces' PCAPs decode as their protocols, without malformed frames; protocols
    mapped to False must not appear. With ran, the PCAPs are already in outdir."""
    if shutil.which("tshark") is None:
        print("skip tshark: not installed")
        return
    if want is None:
        want = {"firewall": {"socks": True, "http": True}, "dns": {"dns": True},
                "interception": {"http": True}}
    if not ran:
        run(program, outdir, ["--RngRun=3", "--pcap=" + ",".join(want)] + list(extra))
    for site, protocols in want.items():
        files = sorted(glob.glob("%s/isp-backbone-%s-*.pcap" % (outdir, site)))
        check(len(files) > 0, "pcap %s: files written" % site)
        seen = set()
        for f in files:
            base = ["tshark", "-n", "-r", f]
            p = subprocess.run(base + ["-T", "fields", "-e", "frame.protocols"],
                               capture_output=True, text=True, timeout=300)
            for line in p.stdout.splitlines():
                seen.update(line.split(":"))
            # A dissector's exception ("Malformed Packet") or any other note of the Malformed
            # group, such as "HTTP body subdissector failed" on an image/gif body that is not
            # a GIF.
            bad = subprocess.run(base + ["-Y", "_ws.malformed"],
                                 capture_output=True, text=True, timeout=300).stdout.strip()
            check(bad == "", "pcap %s: no malformed frame%s" % (
                f.split("/")[-1], "" if bad == "" else ": " + bad.splitlines()[0]))
        for proto, present in protocols.items():
            check((proto in seen) == present, "pcap %s: %s %s" % (
                site, "decodes as" if present else "has no", proto.upper()))


def main(argv):
    repeats = "--no-repeats" not in argv
    argv = [a for a in argv if a != "--no-repeats"]
    program, outdir = argv[1], argv[2]
    problems = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            problems.append(what)

    first = run(program, outdir + "/a", ["--RngRun=3"])
    print(first)
    classes, faults, outside, replayed, ended, stopped, lan, takeover = parse(first)
    check(set(classes) == {"modem", "lan", "intcpt", "all"}, "a line per class")
    for name, (req, comp, failed, aborted) in classes.items():
        check(req == comp + failed + aborted,
              "%s: requests %d = completed + failed + aborted" % (name, req))
    for name in ("modem", "lan", "intcpt"):
        check(classes[name][1] > 0, "%s: completed some" % name)
    check(classes["all"] == [a + b + c for a, b, c in
                             zip(classes["modem"], classes["lan"], classes["intcpt"])],
          "all = modem + lan + intcpt")
    check(len(faults) == 3, "three faults scheduled")
    check(sum(faults) + outside + stopped == classes["all"][2],
          "every failed request is in a fault window, outside them, or stopped")
    check(outside == 0, "no request failed outside the fault windows")
    check(ended == classes["all"][0] and ended == replayed,
          "ended %d = requests recorded = the %d replayed" % (ended, replayed))
    check(classes["lan"][0] == lan, "the LAN ended every one of its %d requests" % lan)
    check(takeover is not None and 0 < float(takeover.group(1)) <= 4.0,
          "depot takeover within heartbeat + dead time (4 s)")
    check_pieces(check, first, "with faults")
    timeline_check(check, outdir + "/a", first)

    if repeats:
        again = run(program, outdir + "/b", ["--RngRun=3"])
        check(again == first, "same --RngRun: identical summary")
        other = run(program, outdir + "/c", ["--RngRun=4"])
        check(other != first, "another --RngRun: another summary")

    warm = run(program, outdir + "/e", ["--RngRun=3", "--standby=warm", "--depotFaultSite=2"])
    classes, faults, outside, replayed, ended, stopped, lan, takeover = parse(warm)
    check(re.search(r"via (the )?depot pair.* \(warm standby\)", warm) is not None,
          "warm: the pairs run warm standby")
    second = re.search(r"^LANs? at [^,]+, ([^:,]+)", warm, re.M)
    check(second is not None and re.search(r"^master depot crash at %s " % second.group(1), warm,
                                           re.M) is not None,
          "warm, --depotFaultSite=2: the second site's master crashes")
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
    check(classes["modem"][1] > 0 and classes["lan"][1] > 0 and classes["intcpt"][1] > 0,
          "no faults: every class completed")
    check_pieces(check, calm, "no faults")

    off = run(program, outdir + "/f",
              ["--RngRun=3", "--dns=false", "--firewall=false", "--interception=false"])
    print(off)
    classes, faults, outside, replayed, ended, stopped, lan, takeover = parse(off)
    p = pieces(off)
    check(all(v is None for v in p.values()), "pieces off: no DNS, firewall, SOCKS, interception line")
    check(re.search(r"given (its|their site's) address", off) is not None and "configured with the access router's proxy" in off,
          "pieces off: LAN given the address, third population configured with its proxy")
    check(all(r == c + f + a for r, c, f, a in classes.values()),
          "pieces off: requests = completed + failed + aborted per class")
    check(ended == classes["all"][0] == replayed, "pieces off: every request replayed ended")
    check(sum(faults) + outside + stopped == classes["all"][2] and outside == 0,
          "pieces off: every failed request in a fault window or stopped")
    check(classes["intcpt"][1] > 0 and classes["lan"][0] == lan,
          "pieces off: the third population completed some, the LAN ended all")
    multi_lan_check(check, program, outdir + "/i")
    intercepted_segments_check(check, program, outdir + "/j")
    parent_check(check, program, outdir + "/h")
    # The parent design's firewall links (inside, first origin, the parent's): HTTP, no SOCKS.
    tshark_check(check, program, outdir + "/h", want={"firewall": {"http": True, "socks": False}},
                 ran=True)
    tshark_check(check, program, outdir + "/g")
    print("%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
