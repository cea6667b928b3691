#!/usr/bin/env python3
"""distributed-depot gives the same figures under ns-3's distributed simulator as in one process.

Runs the example with --sequential (one process, ns-3's default simulator), then under
mpiexec with 2 processes, with the granted-time-window synchronization and with null messages.
Each run prints one line per node it simulates (clients, proxies, origin, depot); the lines of
the two processes, sorted, must equal the sequential run's, and every request must have
completed (none failed, none left open). Exits 1 naming what differs.

    check-distributed.py PROGRAM [EXAMPLE OPTIONS ...]

Needs an ns-3 tree configured with --enable-mpi and mpiexec on the PATH. As root, Open MPI
needs --allow-run-as-root, which the script adds.
"""
import os
import re
import shutil
import subprocess
import sys


def run(command):
    p = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    if p.returncode != 0:
        return None, "%s: exit status %d: %s" % (" ".join(command), p.returncode,
                                                p.stderr.strip()[-500:])
    return sorted(l for l in p.stdout.splitlines() if l.strip()), None


def main(argv):
    if len(argv) < 2:
        print("usage: check-distributed.py PROGRAM [EXAMPLE OPTIONS ...]", file=sys.stderr)
        return 2
    program, options = argv[1], argv[2:]
    mpiexec = shutil.which("mpiexec")
    if not mpiexec:
        print("check-distributed: no mpiexec on the PATH", file=sys.stderr)
        return 2
    launcher = [mpiexec, "-n", "2"]
    if os.geteuid() == 0:
        launcher.append("--allow-run-as-root")
    reference, error = run([program, "--sequential"] + options)
    if error:
        print(error, file=sys.stderr)
        return 1
    failures = []
    clients = [l for l in reference if l.startswith("client ")]
    if not clients:
        failures.append("the sequential run printed no client line")
    for line in clients:
        m = re.search(r"completed \d+ failed (\d+) open (\d+)", line)
        if not m or m.group(1) != "0" or m.group(2) != "0":
            failures.append("sequential run: a request failed or did not end: " + line)
    for label, extra in (("granted time window", []), ("null messages", ["--nullMessages"])):
        lines, error = run(launcher + [program] + options + extra)
        if error:
            failures.append(label + ": " + error)
            continue
        if lines != reference:
            only_seq = [l for l in reference if l not in lines]
            only_mpi = [l for l in lines if l not in reference]
            failures.append("%s: differs from the sequential run\n  sequential only: %s\n"
                            "  distributed only: %s" % (label, only_seq, only_mpi))
        else:
            print("%s: the same %d lines as the sequential run" % (label, len(lines)))
    print("\n".join(reference))
    for f in failures:
        print("FAIL " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
