#!/usr/bin/env python3
"""Regenerate the program output shown in the manual from the programs themselves.

Every literal block in doc/ that shows what a program printed is preceded by a marker comment
naming the command that printed it:

    .. doc-output: ./build/examples/depot-failover --proxyFailAt=2
    .. code-block:: text

       case       completed  failed ...

The marker is an rst comment, so Sphinx ignores it. This script runs each marked command from
the repository root (through the shell, so a pipe into ``sed`` or ``head`` may trim the output)
and replaces the block's text with what the command printed, indented as before. The docs then
show what the code prints today, not what it printed when somebody last copied it.

Marker options, written before the command and separated from it by ``--``:

    .. doc-output: echo stderr -- ./build/examples/cache-sim --preset=research
    .. doc-output: ignore=[0-9.]+ s wall -- ./build/bench/...

- ``echo``: the block starts with ``$ <command>`` (as a reader would type it);
- ``stderr``: stderr is shown too (after stdout);
- ``ignore=REGEX``: in ``--check`` mode, text matching REGEX (wall times, rates) is masked on
  both sides before comparing; the file is still rewritten with the new output;
- ``manual``: the block is a measurement that cannot be re-run here (hours of CPU, another
  machine); the script lists it and never runs it.

Usage:
    scripts/doc-outputs.py --list              list the markers
    scripts/doc-outputs.py [--only TEXT]       run the markers (those whose command or file
                                               contains TEXT) and rewrite the blocks
    scripts/doc-outputs.py --check [--only T]  run them and fail (exit 1) if a block differs
    --jobs N                                   run N programs side by side (default: the CPUs;
                                               the markers of one program run in file order)
    scripts/doc-outputs.py --unmarked          list literal blocks without a marker that look
                                               like program output (exit 1 if any)
                                               (not inside a region that a script
                                               writes whole: ".. paper-tables: begin NAME")

A command that reads a file of the shared data (``../shared/...``) is skipped, and says so,
where that file is absent.

Exit status: 0 done (or no difference), 1 difference or unmarked block, 2 bad marker or a
command that failed (its stderr is printed).
"""

import argparse
import concurrent.futures
import difflib
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = [ROOT / "doc"]
MARKER = re.compile(r"^\.\. doc-output:\s*(.*)$")
BLOCK = re.compile(r"^(\.\. code-block::.*|.*::)\s*$")
OPTIONS = {"echo", "stderr", "manual"}
# Files of the shared data beside the repository that a command reads.
SHARED = re.compile(r"\.\./shared/[^\s|;&)'\"]+")
# A program of the build that a command runs.
PROGRAM = re.compile(r"(?:\./)?(build/[\w./-]+)")


class MarkerError(Exception):
    """A marker that cannot be understood, named by file and line."""


class Marker:
    """One marker: where it is, what to run, and the block it owns."""

    def __init__(self, path, line, index, text):
        self.path = path
        self.line = line  # 1-based line of the marker, when the file was read
        self.index = index  # its number among the file's markers (lines move on rewrite)
        self.options = set()
        self.ignore = []
        if " -- " in " " + text:
            head, _, command = (" " + text).partition(" -- ")
            for word in head.split():
                if word.startswith("ignore="):
                    try:
                        self.ignore.append(re.compile(word[len("ignore="):]))
                    except re.error as e:
                        raise MarkerError("%s: bad ignore pattern: %s" % (self.where(), e))
                elif word in OPTIONS:
                    self.options.add(word)
                else:
                    raise MarkerError("%s: unknown option '%s' (known: %s, ignore=REGEX)"
                                      % (self.where(), word, ", ".join(sorted(OPTIONS))))
            self.command = command.strip()
        else:
            self.command = text.strip()
        if not self.command:
            raise MarkerError("%s: no command after 'doc-output:'" % self.where())

    def where(self):
        return "%s:%d" % (self.path.relative_to(ROOT), self.line)


def rst_files():
    for entry in DOCS:
        if entry.is_dir():
            yield from sorted(entry.rglob("*.rst"))
        elif entry.exists() and entry.suffix == ".rst":
            yield entry


def find_block(lines, start):
    """The literal block that follows line index start: (first, end, indent) of its body,
    [first, end) in line indices. The block opener must be the next non-blank line."""
    i = start
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines) or not BLOCK.match(lines[i]):
        return None
    i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    first = i
    if first == len(lines) or not lines[first].startswith(" "):
        return None
    indent = len(lines[first]) - len(lines[first].lstrip(" "))
    end = first
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(" " * indent)):
        end += 1
    while end > first and not lines[end - 1].strip():
        end -= 1
    return first, end, indent


def markers(path):
    lines = path.read_text().split("\n")
    index = 0
    for i, line in enumerate(lines):
        m = MARKER.match(line)
        if m:
            marker = Marker(path, i + 1, index, m.group(1))
            index += 1
            if find_block(lines, i + 1) is None:
                raise MarkerError("%s: the marker is not followed by a literal block "
                                  "('.. code-block:: text' and an indented body)"
                                  % marker.where())
            yield marker


def run(marker):
    proc = subprocess.run(marker.command, shell=True, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise MarkerError("%s: '%s' exited with %d" % (marker.where(), marker.command,
                                                       proc.returncode))
    text = proc.stdout
    if "stderr" in marker.options:
        text += proc.stderr
    out = text.rstrip("\n").split("\n")
    if "echo" in marker.options:
        out = ["$ " + marker.command] + out
    return [line.rstrip() for line in out]


def absent_data(marker):
    return [f for f in SHARED.findall(marker.command) if not (ROOT / f).exists()]


def runnable(marker):
    return "manual" not in marker.options and not absent_data(marker)


def program_of(marker):
    """The first program of the repository's build that the command runs (its group)."""
    m = PROGRAM.search(marker.command)
    return m.group(1) if m else marker.command


def run_all(todo, jobs):
    """Each marker's output lines (or its MarkerError), by id(marker). Markers of one program
    run one after another in the order of the files, since they may share an output directory
    (--outDir, results/); different programs run side by side, `jobs` at a time."""
    groups = {}
    for m in todo:
        groups.setdefault(program_of(m), []).append(m)

    def run_group(markers):
        done = {}
        for m in markers:
            try:
                done[id(m)] = run(m)
            except MarkerError as e:
                done[id(m)] = e
                break  # the rest of the group may depend on what this one wrote
        return done

    outputs = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        # The groups with most markers first: they take longest.
        ordered = sorted(groups.values(), key=len, reverse=True)
        for done in pool.map(run_group, ordered):
            outputs.update(done)
    for m in todo:
        outputs.setdefault(id(m), MarkerError("%s: not run (an earlier command of %s failed)"
                                              % (m.where(), program_of(m))))
    return outputs


def masked(lines, patterns):
    text = "\n".join(lines)
    for p in patterns:
        text = p.sub("<ignored>", text)
    return text


def marker_line(lines, index):
    """The 1-based line of the file's marker number `index` (0-based), as the file is now."""
    found = [i + 1 for i, line in enumerate(lines) if MARKER.match(line)]
    return found[index]


def current_block(path, index):
    """The lines of the file and the block (first, end, indent) of its marker `index`."""
    lines = path.read_text().split("\n")
    return lines, find_block(lines, marker_line(lines, index))


def replace(path, index, new):
    """Replace the block after the file's marker `index` with `new`; return the old text."""
    lines, (first, end, indent) = current_block(path, index)
    old = [l[indent:] if l.strip() else "" for l in lines[first:end]]
    lines[first:end] = [(" " * indent + l) if l else "" for l in new]
    path.write_text("\n".join(lines))
    return old


# A region that a script writes whole (scripts/paper-figures.py, scripts/compare-runs.py): its
# output blocks are generated with it, so they need no marker of their own.
GENERATED = re.compile(r"^\.\. (paper-tables|compare-runs): (begin|end) ")


def unmarked():
    """Literal blocks after 'code-block:: text' without a marker and not a shell command."""
    found = []
    for path in rst_files():
        lines = path.read_text().split("\n")
        generated = False
        for i, line in enumerate(lines):
            m = GENERATED.match(line)
            if m:
                generated = m.group(2) == "begin"
            if generated or line.strip() != ".. code-block:: text":
                continue
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            if j >= 0 and MARKER.match(lines[j]):
                continue
            block = find_block(lines, i)
            if block is None:
                continue
            first, end, indent = block
            body = [l.strip() for l in lines[first:end] if l.strip()]
            # A block of commands only (each line starts with '$' or continues one) is
            # an instruction, not an output.
            if all(l.startswith("$") or l.startswith("--") or lines_continue(body, l)
                   for l in body):
                continue
            found.append("%s:%d" % (path.relative_to(ROOT), i + 1))
    return found


def lines_continue(body, line):
    k = body.index(line)
    return k > 0 and body[k - 1].endswith("\\")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", action="store_true", help="list the markers")
    ap.add_argument("--check", action="store_true", help="fail if a block differs")
    ap.add_argument("--only", default="", help="only markers whose command or file has TEXT")
    ap.add_argument("--unmarked", action="store_true", help="list unmarked output blocks")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="programs run side by side (default: the number of CPUs)")
    a = ap.parse_args(argv)
    if a.unmarked:
        found = unmarked()
        for f in found:
            print("doc-outputs: %s: literal output block without a '.. doc-output:' marker" % f)
        return 1 if found else 0
    try:
        todo = [m for p in rst_files() for m in markers(p)
                if a.only in m.command or a.only in str(m.path)]
    except MarkerError as e:
        print("doc-outputs: %s" % e, file=sys.stderr)
        return 2
    if a.list:
        for m in todo:
            print("%-32s %s%s" % (m.where(), "(manual) " if "manual" in m.options else "",
                                  m.command))
        return 0
    outputs = run_all([m for m in todo if runnable(m)], a.jobs)
    differ = 0
    for m in todo:
        if "manual" in m.options:
            print("%-32s (manual) %s" % (m.where(), m.command))
            continue
        print("doc-outputs: %s: %s" % (m.where(), m.command), flush=True)
        absent = absent_data(m)
        if absent:
            # The shared data are read in place, never copied into the repository; a machine
            # without them (a CI runner) cannot re-run these markers.
            print("doc-outputs: %s: skipped, %s is absent" % (m.where(), absent[0]))
            continue
        new = outputs[id(m)]
        if isinstance(new, MarkerError):
            print("doc-outputs: %s" % new, file=sys.stderr)
            return 2
        if a.check:
            lines, (first, end, indent) = current_block(m.path, m.index)
            old = [l[indent:] if l.strip() else "" for l in lines[first:end]]
            if masked(old, m.ignore) != masked(new, m.ignore):
                differ += 1
                print("doc-outputs: %s: the block differs from the command's output"
                      % m.where())
                diff = difflib.unified_diff(masked(old, m.ignore).split("\n"),
                                            masked(new, m.ignore).split("\n"),
                                            "documented", "printed now", lineterm="", n=0)
                for line in list(diff)[:20]:
                    print("    " + line)
        else:
            old = replace(m.path, m.index, new)
            print("doc-outputs: %s: %s" % (m.where(), "unchanged" if old == new else "rewritten"))
    if a.check and differ:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
