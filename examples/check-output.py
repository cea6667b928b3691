#!/usr/bin/env python3
"""Runs a program and checks its exit status and printed results.

    check-output.py [--status N] [--count N REGEX] ... --expect REGEX ... -- PROGRAM ARGS...

--expect REGEX: some line of the output (stdout and stderr) matches (Python re, search).
--count N REGEX: exactly N lines match.
--status N: the exit status (default 0).
Prints every expectation not met and the output's tail; exits 1 if any, else 0.
"""
import re
import subprocess
import sys


def main(argv):
    if "--" not in argv:
        sys.exit("usage: check-output.py [--status N] [--count N REGEX] [--expect REGEX] -- CMD")
    split = argv.index("--")
    opts, cmd = argv[1:split], argv[split + 1:]
    status, checks = 0, []
    i = 0
    while i < len(opts):
        if opts[i] == "--status":
            status = int(opts[i + 1])
            i += 2
        elif opts[i] == "--expect":
            checks.append((None, opts[i + 1]))
            i += 2
        elif opts[i] == "--count":
            checks.append((int(opts[i + 1]), opts[i + 2]))
            i += 3
        else:
            sys.exit("check-output.py: unknown option " + opts[i])
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = p.stdout.splitlines()
    failures = []
    if p.returncode != status:
        failures.append("exit status %d, expected %d" % (p.returncode, status))
    for count, regex in checks:
        n = sum(1 for line in lines if re.search(regex, line))
        if count is None and n == 0:
            failures.append("no line matches %r" % regex)
        elif count is not None and n != count:
            failures.append("%d lines match %r, expected %d" % (n, regex, count))
    for f in failures:
        print("FAIL " + f)
    if failures:
        print("--- output (last 40 lines):")
        print("\n".join(lines[-40:]))
        return 1
    print("%d expectations met" % len(checks))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
