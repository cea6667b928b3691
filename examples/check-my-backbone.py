#!/usr/bin/env python3
"""The tutorial's program (examples/my-backbone.cc, doc/tutorial.rst) runs and accounts for
every request.

Runs it small on the module's own backbone (traces/att-backbone.edges), in a directory of its
own (it writes my-backbone-requests.csv there), and checks:
- it names as many proxies as --proxies asks, and the PoP the modem pool uses;
- the workload's requests = replayed + not replayed (sessions that found every modem busy);
- replayed = completed + failed + aborted, and nothing fails (no faults in this scenario);
- the CSV has one line per replayed request, and the proxies' hits are at most their results;
- the same --RngRun prints the same output, --RngRun=2 a different one;
- --proxies=0 is the baseline without a proxy; a workload attribute given as
  --ns3::SyntheticWorkload::... changes the output;
- without --topology, run from another directory, it finds the module's backbone; a missing
  topology file ends it with status 2 and one line naming the file.

    check-my-backbone.py [--no-repeats] PROGRAM WORKDIR

--no-repeats skips the three runs that only compare outputs (the same --RngRun, another one,
a workload attribute): the sanitizer build looks for memory errors, the release build checks
that the outputs follow the options.
"""
import os
import re
import subprocess
import sys

EDGES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "traces",
                     "att-backbone.edges")
REQUESTS = 600
ARGS = ["--topology=" + EDGES, "--requests=%d" % REQUESTS, "--modems=60"]


def run(program, workdir, extra):
    p = subprocess.run([program] + ARGS + extra, cwd=workdir, capture_output=True, text=True,
                       timeout=300)
    if p.returncode != 0:
        sys.exit("FAIL %s exited %d: %s" % (" ".join(extra), p.returncode, p.stderr[-500:]))
    return p.stdout


def main(argv):
    repeats = "--no-repeats" not in argv
    argv = [a for a in argv if a != "--no-repeats"]
    program, workdir = argv[1], argv[2]
    os.makedirs(workdir, exist_ok=True)
    failures = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    out = run(program, workdir, ["--proxies=2"])
    m = re.search(r"^proxies at (.+); the modem pool at (\S+) uses (\S+)$", out, re.M)
    check(m is not None and len(m.group(1).split()) == 2, "two proxies named")
    n = re.search(r"^(\d+) requests not replayed", out, re.M)
    s = re.search(r"^requests (\d+)  completed (\d+)  failed (\d+)  aborted (\d+) ", out, re.M)
    h = re.search(r"^proxy hits (\d+) of (\d+) results$", out, re.M)
    check(n is not None and s is not None and h is not None, "summary lines printed")
    if failures:
        print(out)
        return 1
    replayed, completed, failed, aborted = (int(x) for x in s.groups())
    check(replayed > 0 and int(n.group(1)) + replayed == REQUESTS,
          "replayed + not replayed = the workload's %d requests" % REQUESTS)
    check(replayed == completed + failed + aborted, "replayed = completed + failed + aborted")
    check(failed == 0, "no request fails")
    check(int(h.group(1)) <= int(h.group(2)), "hits at most results")
    with open(os.path.join(workdir, "my-backbone-requests.csv")) as f:
        check(sum(1 for _ in f) == replayed + 1, "one CSV line per replayed request")
    if repeats:
        check(run(program, workdir, ["--proxies=2"]) == out, "the same RngRun, the same output")
        check(run(program, workdir, ["--proxies=2", "--RngRun=2"]) != out,
              "--RngRun=2 changes the output")
    # --proxies=0: the baseline without a proxy (not "no limit", which the placement
    # algorithm's k = 0 means): the modem pool fetches from the origin PoP, every request
    # still accounted for.
    base = run(program, workdir, ["--proxies=0"])
    bs = re.search(r"^requests (\d+)  completed (\d+)  failed (\d+)  aborted (\d+) ", base, re.M)
    check(re.search(r"^proxies at none; the modem pool at \S+ uses NewYork$", base, re.M)
          is not None and "proxy hits 0 of 0 results" in base,
          "--proxies=0: no proxy, the clients go to the origin PoP")
    check(bs is not None and int(bs.group(1)) == replayed
          and int(bs.group(1)) == sum(int(x) for x in bs.groups()[1:]) and int(bs.group(3)) == 0,
          "--proxies=0: the same requests replayed, each completed or aborted")
    # A workload attribute on the command line is applied after the preset (ns-3 alone would
    # set its default, which the preset overwrites, and the option would change nothing).
    if repeats:
        check(run(program, workdir, ["--proxies=2", "--ns3::SyntheticWorkload::ZipfTheta=0.5"])
              != out, "--ns3::SyntheticWorkload::ZipfTheta changes the output")
    # Without --topology, from a directory without the module's traces: the build's path.
    p = subprocess.run([program, "--requests=200", "--modems=20"], cwd=workdir,
                       capture_output=True, text=True, timeout=300)
    check(p.returncode == 0 and "proxies at " in p.stdout,
          "the default backbone is found from any directory")
    missing = os.path.join(workdir, "no-such.edges")
    p = subprocess.run([program, "--topology=" + missing], cwd=workdir, capture_output=True,
                       text=True, timeout=60)
    check(p.returncode == 2 and p.stderr.count("\n") == 1 and missing in p.stderr
          and p.stderr.startswith("my-backbone: "),
          "a missing topology file: exit 2, one line naming it (%r)" % p.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
