#!/usr/bin/env python3
"""Tests of scripts/paper-tables.py (tables and sweeps of <example>-vs-paper.csv files), of
scripts/compare-runs.py (paired tables from kept run outputs), of the output extraction of
scripts/paper-figures.py and of the per-request phases of scripts/latency-phases.py, on files written here: the expected cells are typed from the rows
below (and, for the paired table, worked out by hand in the test's comment), not computed by
the scripts."""

import importlib.util
import pathlib
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "scripts" / "paper-tables.py"
HEADER = "table,row,metric,paper,mean,ci95_low,ci95_high,runs,verdict,reason\n"
PAGE = "Title\n-----\n\nprose before\n\n.. paper-tables: begin s\n\nold\n\n" \
       ".. paper-tables: end s\n\nprose after\n"


def load_script(name):
    """A script of scripts/ as a module (their names have hyphens)."""
    spec = importlib.util.spec_from_file_location(name.replace("-", "_")[:-3],
                                                  ROOT / "scripts" / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(*args):
    p = subprocess.run([sys.executable, str(SCRIPT)] + [str(a) for a in args],
                       capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


class PaperTablesTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.d = pathlib.Path(self.dir.name)
        self.page = self.d / "page.rst"
        self.page.write_text(PAGE)
        self.a = self.d / "a.csv"
        self.a.write_text(HEADER
                          + "lat,conn,mean %,21,4.5,2.25,6.75,10,fail,distance\n"
                          + "lat,both,mean %,24,25,23,27,10,pass,\n"
                          + "val,direct,median s,,2.6,,,1,none,the paper gives no figure\n")
        self.b = self.d / "b.csv"
        self.b.write_text(HEADER
                          + "lat,conn,mean %,21,20,19,21,10,pass,\n"
                          + "lat,both,mean %,24,30,28,32,10,fail,distance\n"
                          + "val,direct,median s,,3.5,,,1,none,\n")

    def tearDown(self):
        self.dir.cleanup()

    def test_sweep_sets_variants_side_by_side(self):
        rc, out = run("--out", self.page, "--region", "s", "--sweep",
                      "--column", "lat|conn|mean %|connections", "--column", "val|direct|median s",
                      "--command", "prog --x", "defaults=%s" % self.a,
                      "``--y=2`` (changed)=%s" % self.b)
        self.assertEqual(rc, 0, out)
        text = self.page.read_text()
        self.assertTrue(text.startswith("Title\n-----\n\nprose before\n"))
        self.assertTrue(text.endswith(".. paper-tables: end s\n\nprose after\n"))
        self.assertNotIn("old", text)
        self.assertIn("**1 to 10 runs**", text)
        self.assertIn("``prog --x``", text)
        rows = text.split("   * - ")
        self.assertEqual(rows[1].split("\n     - ")[1:], ["connections", "direct, median s",
                                                       "pass / fail\n"])
        self.assertEqual(rows[2].split("\n     - "), ["defaults", "4.50 [2.25, 6.75]", "2.60",
                                                    "1 / 1\n"])
        self.assertEqual(rows[3].split("\n     - ")[:3], ["``--y=2`` (changed)", "20.00 [19.00, 21.00]",
                                                       "3.50"])
        self.assertTrue(rows[3].split("\n     - ")[3].startswith("1 / 1\n"))

    def test_sweep_names_a_figure_a_csv_lacks(self):
        rc, out = run("--out", self.page, "--region", "s", "--sweep",
                      "--column", "lat|data|mean %", "x=%s" % self.a)
        self.assertEqual(rc, 1)
        self.assertIn("a.csv: no figure lat | data | mean %", out)
        self.assertEqual(self.page.read_text(), PAGE)

    def test_sweep_refuses_bad_usage(self):
        for args, message in [
                (["--column", "lat|conn", "x=%s" % self.a], "TABLE|ROW|METRIC"),
                (["--column", "lat|conn|mean %", str(self.a)], "is not LABEL=CSV"),
                ([str(self.a)], "at least one --column")]:
            rc, out = run("--out", self.page, "--region", "s", "--sweep", *args)
            self.assertEqual(rc, 1, args)
            self.assertIn(message, out)
        rc, out = run("--out", self.page, "--column", "lat|conn|mean %", self.a)
        self.assertIn("only with --sweep", out)

    def test_tables_keep_the_prose_around_a_region(self):
        rc, out = run("--out", self.page, "--region", "s", "--command", "prog", self.a)
        self.assertEqual(rc, 0, out)
        text = self.page.read_text()
        self.assertIn("1 pass, 1 fail, 1 without a verdict (no paper figure, or not comparable)", text)
        self.assertIn(".. list-table:: lat", text)
        self.assertIn("     - 4.50 [2.25, 6.75]\n     - 10\n     - fail (distance)", text)
        self.assertTrue(text.endswith("prose after\n"))

    def test_the_header_counts_failures_on_ordering_alone(self):
        c = self.d / "c.csv"
        c.write_text(HEADER
                     + "lat,conn,mean %,21,22,21,23,10,fail,\"ordering: above both in the paper, "
                       "below it measured\"\n"
                     + "lat,both,mean %,24,21.5,21,22,10,fail,\"ordering: below conn in the paper, "
                       "above it measured; distance: 2.5 points\"\n"
                     + "lat,data,mean %,3,9,8,10,10,fail,distance: 6.0 points\n")
        rc, out = run("--out", self.page, "--region", "s", c)
        self.assertEqual(rc, 0, out)
        self.assertIn("0 pass, 3 fail (1 of them on the paper's ordering of the rows alone), 0 "
                      "without", self.page.read_text())

    def test_bad_csv_is_named_with_its_line(self):
        bad = self.d / "bad.csv"
        bad.write_text(HEADER + "lat,conn,mean %,21,4.5,2,6,ten,pass,\n")
        rc, out = run("--out", self.page, "--region", "s", bad)
        self.assertEqual(rc, 1)
        self.assertIn("bad.csv:2: runs 'ten' is not a number", out)
        bad.write_text("table,row\n")
        rc, out = run("--out", self.page, "--region", "s", bad)
        self.assertIn("bad.csv:1: columns", out)
        rc, out = run("--out", self.page, "--region", "nowhere", self.a)
        self.assertIn("no lines '.. paper-tables: begin nowhere'", out)


class CompareRunsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.d = pathlib.Path(self.dir.name)
        self.page = self.d / "page.rst"
        self.page.write_text(PAGE.replace("paper-tables", "compare-runs"))
        self.kept = self.d / "kept"
        self.kept.mkdir()
        # Three pairs: A's x is 1, 2, 3 and B's is 2, 4, 6 (differences 1, 2, 3).
        for r, (a, b) in enumerate([(1, 2), (2, 4), (3, 6)], 1):
            (self.kept / ("a%d.txt" % r)).write_text("noise 9\nx %d\n" % a)
            (self.kept / ("b%d.txt" % r)).write_text("x %d\n" % b)

    def tearDown(self):
        self.dir.cleanup()

    def compare(self, *extra):
        p = subprocess.run([sys.executable, str(ROOT / "scripts" / "compare-runs.py"),
                            "--program", "/nonexistent/prog", "--runs", "3", "--a=-a",
                            "--b=-b", "--metric", r"x=^x (\d+)", "--out", str(self.page),
                            "--region", "s", "--save", str(self.kept)] + list(extra),
                           capture_output=True, text=True)
        return p.returncode, p.stdout + p.stderr

    def test_paired_table_from_kept_outputs(self):
        rc, out = self.compare("--reuse")
        self.assertEqual(rc, 0, out)
        text = self.page.read_text()
        # Means 2 and 4, standard deviations 1 and 2, t(2) = 4.303: half-widths
        # 4.303 / sqrt(3) = 2.484 and 4.969. The differences 1, 2, 3 give 2 ± 2.484, which
        # holds 0: no difference shown.
        self.assertIn("   * - x\n     - 2.000 ± 2.484\n     - 4.000 ± 4.969\n"
                      "     - 2.000 ± 2.484\n     - no difference shown\n", text)
        self.assertTrue(text.startswith("Title\n-----\n\nprose before\n"))
        self.assertTrue(text.endswith(".. compare-runs: end s\n\nprose after\n"))

    def test_a_missing_kept_output_is_named(self):
        (self.kept / "b2.txt").unlink()
        rc, out = self.compare("--reuse")
        self.assertEqual(rc, 1)
        self.assertIn("b2.txt", out)

    def test_reuse_needs_the_directory(self):
        p = subprocess.run([sys.executable, str(ROOT / "scripts" / "compare-runs.py"),
                            "--program", "p", "--a=", "--b=", "--metric", "x=(1)", "--out",
                            str(self.page), "--region", "s", "--reuse"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 1)
        self.assertIn("--reuse: needs --save DIR", p.stderr)


class ProximFiguresTest(unittest.TestCase):
    def setUp(self):
        self.m = load_script("paper-figures.py")
        self.dir = tempfile.TemporaryDirectory()
        self.d = pathlib.Path(self.dir.name)

    def tearDown(self):
        self.dir.cleanup()

    def test_extract_takes_one_block_of_the_output(self):
        out = self.d / "output.txt"
        out.write_text("a\n\nAborts (user aborts / x)\nrow 1\nrow 2\n\nWrote y\n")
        self.assertEqual(self.m.extract(out, "Aborts (user aborts"),
                         ["Aborts (user aborts / x)", "row 1", "row 2"])
        with self.assertRaises(SystemExit) as e:
            self.m.extract(out, "Nothing")
        self.assertIn("no line starting 'Nothing'", str(e.exception))

    def test_append_to_region_labels_each_block_of_a_sweep(self):
        page = self.d / "page.rst"
        page.write_text(PAGE)
        self.m.append_to_region(page, "s", [["A (x)", "row a"], ["A (x)", "row b"]],
                                ["defaults", "rtt 1 s"])
        text = page.read_text()
        region = text[text.index(".. paper-tables: begin s"):text.index(".. paper-tables: end s")]
        first = region.index("The runs of *defaults* print")
        second = region.index("The runs of *rtt 1 s* print")
        self.assertLess(first, region.index("   row a"))
        self.assertLess(region.index("   row a"), second)
        self.assertLess(second, region.index("   row b"))
        self.assertTrue(text.endswith(".. paper-tables: end s\n\nprose after\n"))

    def test_check_compares_the_pages_with_the_csvs_without_writing_them(self):
        # A tree of its own: the page, one figure set's CSV, and the real scripts.
        (self.d / "scripts").symlink_to(ROOT / "scripts")
        page = pathlib.Path("doc") / "p.rst"
        (self.d / "doc").mkdir()
        (self.d / page).write_text(PAGE)
        csv = self.d / self.m.OUT / "s" / "x-vs-paper.csv"
        csv.parent.mkdir(parents=True)
        csv.write_text(HEADER + "lat,conn,mean %,21,20,19,21,10,pass,\n")
        self.m.ROOT = self.d
        self.m.SETS = [self.m.FigureSet("s", page, "prog", [], "x-vs-paper.csv")]
        self.m.SWEEPS = []
        self.m.COMPARISONS = []
        self.assertEqual(self.m.check([]), 1)  # the region still holds "old"
        self.assertEqual((self.d / page).read_text(), PAGE)  # and the page is left as it was
        self.assertTrue(self.m.tables([]))
        self.assertIn("20.00 [19.00, 21.00]", (self.d / page).read_text())
        self.assertEqual(self.m.check([]), 0)

    def test_every_region_of_the_pages_has_its_figure_set(self):
        for page in (self.m.PROXIM_PAGE, self.m.DEPOT_PAGE):
            text = (ROOT / page).read_text()
            begins = [l.split()[-1] for l in text.split("\n")
                      if l.startswith(".. paper-tables: begin")]
            names = [s.name for s in self.m.SETS + self.m.SWEEPS if s.page == page]
            self.assertEqual(sorted(begins), sorted(names), page)

    def test_every_comparison_region_has_its_comparison(self):
        listed = {(c.page, c.name) for c in self.m.COMPARISONS}
        found = set()
        for page in (ROOT / "doc").rglob("*.rst"):
            for l in page.read_text().split("\n"):
                if l.startswith(".. compare-runs: begin"):
                    found.add((page.relative_to(ROOT), l.split()[-1]))
        self.assertEqual(found, listed)

    def test_every_page_of_generated_figures_is_listed(self):
        pages = {s.page for s in self.m.SETS + self.m.SWEEPS}
        for page in (ROOT / "doc").rglob("*.rst"):
            if any(l.startswith(".. paper-tables: begin") for l in page.read_text().split("\n")):
                self.assertIn(page.relative_to(ROOT), pages)


class LatencyPhasesTest(unittest.TestCase):
    def setUp(self):
        self.m = load_script("latency-phases.py")
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def write(self, rows):
        path = pathlib.Path(self.dir.name) / "requests.csv"
        path.write_text("wait,sync,req_rep,rep_data,data,total,failed\n"
                        + "".join(r + "\n" for r in rows))
        return path

    def test_phases_are_means_over_completed_requests(self):
        # Two completed requests: before the data 0.1+1+2+0 = 3.1 and 0+0+1+0.5 = 1.5 (mean
        # 2.3), data 4 and 2 (mean 3), totals 7.1 and 4 (mean 5.55); the failed one is left out.
        p = self.m.phases(self.write(["0.1,1,2,0,4,7.1,0", "0,0,1,0.5,2,4,0",
                                      "9,9,9,9,9,45,1"]))
        self.assertAlmostEqual(p["before"], 2.3)
        self.assertAlmostEqual(p["data"], 3.0)
        self.assertAlmostEqual(p["total"], 5.55)

    def test_no_completed_request_is_named(self):
        path = self.write(["1,1,1,1,1,5,1"])
        with self.assertRaises(SystemExit) as e:
            self.m.phases(path)
        self.assertIn(str(path), str(e.exception))


if __name__ == "__main__":
    unittest.main()
