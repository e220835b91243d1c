"""Benchmark the course build against the plain nbconvert route, in one run on one machine.

(a)  plain route: for each lesson, `jupyter nbconvert --to notebook --execute`, then
     `--to html` and `--to slides` on the executed copy, one lesson after another;
(a∥) the same, one such chain per lesson, as many at once as there are cores (what
     `xargs -P` would give), so the ratio shows what the engine gains beyond parallelism;
(b)  `python -m course build` from a clean site and cache; (c) a no-op rebuild (the whole
     process, start to exit); (d) a rebuild after a markdown-only edit to the heaviest
     lesson (04); (e) after a code edit to it (only that lesson may execute).
(j)  Jupyter Book 1, the tool an author would otherwise pick, building the same notebooks
     from clean (scripts/jupyter_book.py: a throwaway venv with the course's pins and the
     course package, every notebook executed, no error output allowed), alternating with (b);
(p)  the author preview (`python -m course preview`): from a file written to the open page
     (Playwright, Chromium) showing it, for a prose edit of lesson 04, a claim's wording and
     a quiz option, median of 5 each.
Prints medians, the ratios, the lessons each rebuild executed, where the kernels' CPU goes
(scripts/kernel_phases.py), and page weights against nbconvert's default HTML export.

With --scale N it also builds a synthetic course N times this one (scripts/
synthetic_course.py: 9·N lessons with their own claims, questions and references) and
prints (b)-(e) at 1× and N×, time per lesson, and peak memory: of the whole build (every
process it starts, sampled) and of its largest single process (one job).

Usage: python scripts/bench.py [--runs 3] [--plain-runs N] [--scale 10] [--scale-runs 1]
                               [--no-jupyter-book] [--no-preview] [--no-phases]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from course.preview.process import add_to_paragraph

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EDITED = "04-the-research"  # the heaviest lesson: most cells, figures and claims
sys.path.insert(0, str(Path(__file__).resolve().parent))


# -- running and measuring ------------------------------------------------------------


def _descendants_rss(root: int) -> tuple[int, int]:
    """(total, largest) resident memory in bytes of ``root`` and every process under it."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            statm = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(statm[1]) * page
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    sizes = [rss.get(pid, 0) for pid in tree]
    return sum(sizes), max(sizes, default=0)


class Run:
    """One command's wall time, output, and peak memory (whole tree, largest process)."""

    def __init__(self, cmd: list[str], cwd: Path | None = None, env: dict | None = None):
        started = time.perf_counter()
        process = subprocess.Popen(
            cmd,
            cwd=cwd or REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.peak_total = self.peak_one = 0
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                total, one = _descendants_rss(process.pid)
                self.peak_total = max(self.peak_total, total)
                self.peak_one = max(self.peak_one, one)
                done.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        self.output = process.communicate()[0]
        self.seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        if process.returncode != 0:
            raise SystemExit(f"command failed: {' '.join(cmd)}\n{self.output[-3000:]}")

    @property
    def executed(self) -> list[str]:
        """Lessons the build executed, from its progress lines."""
        return re.findall(r"^\s+(\S+)\s+executed in", self.output, re.M)


def timed(cmd: list[str], cwd: Path | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd or REPO, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


# -- the plain route ----------------------------------------------------------------


def plain_lesson(nb: Path, work: Path) -> None:
    jupyter = str(BIN / "jupyter")
    execute = [jupyter, "nbconvert", "--to", "notebook", "--execute", str(nb)]
    timed([*execute, "--output-dir", str(work), "--ExecutePreprocessor.timeout=300"], nb.parent)
    executed = work / nb.name
    timed([jupyter, "nbconvert", "--to", "html", str(executed), "--output-dir", str(work)])
    timed([jupyter, "nbconvert", "--to", "slides", str(executed), "--output-dir", str(work)])


def plain_route(notebooks: list[Path], work: Path, parallel: int = 1) -> float:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        for future in [pool.submit(plain_lesson, nb, work) for nb in notebooks]:
            future.result()
    return time.perf_counter() - started


# -- the course build ---------------------------------------------------------------


class Course:
    """A course to build: its notebooks and content, and where its site and cache go."""

    def __init__(self, notebooks: Path, content: Path | None, work: Path) -> None:
        self.notebooks, self.content, self.work = notebooks, content, work
        self.env = {**os.environ, "COURSE_CONTENT_DIR": str(content)} if content else None

    def build(self, run: int) -> Run:
        out, cache = self.work / f"run{run}" / "site", self.work / f"run{run}" / "cache"
        cmd = [sys.executable, "-m", "course", "build", "--out", str(out)]
        cmd += ["--cache-dir", str(cache), "--notebooks", str(self.notebooks)]
        return Run(cmd, env=self.env)

    def edit(self, kind: str, run: int) -> None:
        path = self.notebooks / f"{EDITED}.ipynb"
        if kind == "markdown":  # the paragraph the preview's timing edits too
            add_to_paragraph(path, f"Benchmark edit {run}.")
            return
        nb = json.loads(path.read_text(encoding="utf-8"))
        cell = next(
            c
            for c in nb["cells"][2:]
            if c["cell_type"] == "code"
            and c["metadata"].get("slideshow", {}).get("slide_type") != "notes"
        )
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        cell["source"] = source + f"\n# benchmark edit {run}"
        path.write_text(json.dumps(nb, indent=1), encoding="utf-8")

    def lessons(self) -> int:
        return len(list(self.notebooks.glob("*.ipynb")))


def measure(course: Course, runs: int, between=None) -> dict[str, list]:
    """(b) clean, (c) no-op, (d) markdown edit, (e) code edit, each ``runs`` times;
    ``between(run)`` runs before each (Jupyter Book's clean build, alternating with ours)."""
    found: dict[str, list] = {k: [] for k in "bcde"}
    for run in range(runs):
        if between is not None:
            between(run)
        shutil.rmtree(course.work / f"run{run}", ignore_errors=True)
        found["b"].append(course.build(run))
        found["c"].append(course.build(run))
        course.edit("markdown", run)
        found["d"].append(course.build(run))
        course.edit("code", run)
        found["e"].append(course.build(run))
    return found


def no_errors(cache: Path) -> None:
    """Our build stops at a failing cell, but say it as Jupyter Book's check does: no
    executed notebook holds an error output."""
    for path in sorted(cache.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    raise SystemExit(f"{path.name}: error output {output.get('ename')}")


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


# -- report -------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plain-runs", type=int, default=None, help="runs of route (a)")
    parser.add_argument("--scale", type=int, default=0, help="also build a course N× this one")
    parser.add_argument("--scale-runs", type=int, default=1, help="runs at N× (default 1)")
    parser.add_argument("--no-jupyter-book", action="store_true", help="skip (j)")
    parser.add_argument("--no-preview", action="store_true", help="skip (p)")
    parser.add_argument("--no-phases", action="store_true", help="skip the kernel CPU split")
    args = parser.parse_args(argv)
    plain_runs = args.plain_runs or args.runs
    cores = os.cpu_count() or 1
    sources = sorted((REPO / "notebooks").glob("*.ipynb"))
    tmp = Path(tempfile.mkdtemp(prefix="course-bench-"))
    try:
        notebooks = tmp / "notebooks"
        shutil.copytree(REPO / "notebooks", notebooks)
        course = Course(notebooks, None, tmp / "ours")
        jb = None if args.no_jupyter_book else JupyterBook(tmp / "jupyter-book", sources)
        course.build(99)  # warm-up: font cache, bytecode, first kernel start
        a = [plain_route(sources, tmp / f"plain{i}") for i in range(plain_runs)]
        ap = [plain_route(sources, tmp / f"plainp{i}", cores) for i in range(plain_runs)]
        ours = measure(course, args.runs, between=jb.clean if jb else None)
        no_errors(tmp / "ours" / "run0" / "cache")
        med = {"a": statistics.median(a), "ap": statistics.median(ap)}
        med |= {k: median(v) for k, v in ours.items()}
        print(
            f"Benchmark on this machine ({cores} cores): {len(sources)} lessons; medians of "
            f"{args.runs} runs ({plain_runs} for the plain route).\n"
        )
        print("| step | median (s) | runs (s) | ratio | target |")
        print("|---|---|---|---|---|")
        spread = {"a": a, "ap": ap} | {k: [r.seconds for r in v] for k, v in ours.items()}
        rows = [
            ("(a) plain nbconvert route, one lesson at a time", "a", "–", ""),
            (f"(a∥) plain route, {cores} lessons at a time", "ap", "–", ""),
            (
                "(b) clean course build",
                "b",
                f"b/a = {med['b'] / med['a']:.2f}, b/a∥ = {med['b'] / med['ap']:.2f}",
                "≤ 0.30 of (a)",
            ),
            (
                "(c) no-op rebuild (whole process)",
                "c",
                f"c/b = {med['c'] / med['b']:.3f}",
                "≤ 0.15 s",
            ),
            (f"(d) markdown edit of {EDITED}", "d", f"d/b = {med['d'] / med['b']:.3f}", "≤ 1.0 s"),
            (
                f"(e) code edit of {EDITED}",
                "e",
                f"e/b = {med['e'] / med['b']:.2f}",
                "that lesson only",
            ),
        ]
        if jb:
            med["j"], spread["j"] = statistics.median(jb.seconds), jb.seconds
            rows.insert(2, ("(j) Jupyter Book 1 clean build (no error outputs)", "j", "–", ""))
            rows[3] = (
                rows[3][0],
                "b",
                f"{rows[3][2]}, b/j = {med['b'] / med['j']:.2f}",
                "≤ 0.30 of (a), ≤ 0.50 of (j)",
            )
        for label, key, ratio, target in rows:
            runs = ", ".join(f"{x:.2f}" for x in spread[key])
            print(f"| {label} | {med[key]:.2f} | {runs} | {ratio} | {target} |")
        executed = {k: sorted({x for r in ours[k] for x in r.executed}) for k in "cde"}
        print(
            f"\nLessons executed: no-op {executed['c'] or 'none'}, markdown edit "
            f"{executed['d'] or 'none'}, code edit {executed['e'] or 'none'}.\n"
        )
        if jb:
            jb.report()
        if not args.no_phases:
            _phases(sources)
        if not args.no_preview:
            _preview(tmp, med["d"])
        _page_weights(sources, tmp / "ours" / "run0" / "site", tmp / "plain0")
        if args.scale > 1:
            _scale(args, tmp, ours)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


class JupyterBook:
    """(j): Jupyter Book 1 on the same notebooks, in a venv of its own (not timed), warmed
    up once as ours is; ``clean(run)`` times one clean build."""

    def __init__(self, work: Path, sources: list[Path]) -> None:
        import jupyter_book

        self.module, self.seconds = jupyter_book, []
        self.python = jupyter_book.prepare(work)
        self.book = work / "book"
        jupyter_book.make_book(sources[0].parent, self.book)
        jupyter_book.clean_build(self.python, self.book)  # warm-up

    def clean(self, _run: int) -> None:
        self.seconds.append(self.module.clean_build(self.python, self.book))

    def report(self) -> None:
        ran = self.module.executed(self.book)
        print(
            f"Jupyter Book 1 ({self.module.JUPYTER_BOOK}) executed {len(ran)} notebooks one "
            f"after another in {sum(ran.values()):.1f} s of its last {self.seconds[-1]:.1f} s "
            "(it has no parallel execution); no error output in any.\n"
        )


def _phases(sources: list[Path]) -> None:
    import kernel_phases

    from course.builder.execute import KERNEL_ENV
    from course.builder.forks import ForkServer

    print("Where the kernels' CPU goes (each lesson alone, CPU seconds inside its kernel).")
    print("\nCold kernels (what Jupyter Book and plain nbconvert run):\n")
    print(kernel_phases.table(kernel_phases.measure(sources[0].parent)))
    with (
        tempfile.TemporaryDirectory(prefix="course-bench-forks-") as scratch,
        ForkServer(Path(scratch), KERNEL_ENV) as server,
    ):
        warm = kernel_phases.measure(sources[0].parent, forks=str(server.kernels))
        once = kernel_phases.fork_server_cpu(server)
    print("\nKernels forked from one warm process (what `python -m course build` runs):\n")
    print(kernel_phases.table(warm))
    print(f"\nThe fork server's own imports, paid once for all nine: {once:.2f} s of CPU.\n")


def _preview(tmp: Path, md_edit: float) -> None:
    import preview_latency

    rows = preview_latency.measure(tmp / "preview", tmp / "ours" / "run0" / "cache")
    print(preview_latency.table(rows, md_edit))
    print()


def _page_weights(sources: list[Path], site: Path, plain: Path) -> None:
    assets = sum(p.stat().st_size for p in (site / "assets").rglob("*") if p.is_file())
    print("| lesson | our HTML (bytes) | its images (bytes) | nbconvert HTML (bytes) | ratio |")
    print("|---|---|---|---|---|")
    ratios = []
    for nb in sources:
        ours = (site / f"{nb.stem}.html").read_bytes()
        theirs = (plain / f"{nb.stem}.html").stat().st_size
        names = {
            p.split('"')[0] for p in ours.decode().split('src="')[1:] if p.startswith("figures/")
        }
        images = sum((site / name).stat().st_size for name in names)
        ratios.append(len(ours) / theirs)
        print(f"| {nb.stem} | {len(ours):,} | {images:,} | {theirs:,} | {ratios[-1]:.3f} |")
    print(f"\nShared assets (CSS, JS, reveal.js), loaded once for the site: {assets:,} bytes.")
    print(f"Largest HTML ratio: {max(ratios):.3f} (target ≤ 0.25).")


def _scale(args, tmp: Path, one: dict[str, list]) -> None:
    from synthetic_course import make_course

    content, notebooks = make_course(args.scale, tmp / f"x{args.scale}")
    big = Course(notebooks, content, tmp / f"ours-x{args.scale}")
    many = measure(big, args.scale_runs)
    n1, nn = 9, big.lessons()
    print(
        f"\nScale: this course (1×, {n1} lessons) and a synthetic one {args.scale}× ({nn} lessons)"
    )
    print(f"(medians of {args.runs} runs at 1×, {args.scale_runs} at {args.scale}×).\n")
    print(f"| step | 1× (s) | {args.scale}× (s) | {args.scale}×/1× | expected |")
    print("|---|---|---|---|---|")
    names = {
        "b": ("clean build", f"≈ {args.scale}× (flat per lesson)"),
        "c": ("no-op rebuild", "≤ 1.5×"),
        "d": (f"markdown edit of {EDITED}", "≤ 1.5×"),
        "e": (f"code edit of {EDITED}", "one lesson executed"),
    }
    for key, (label, expected) in names.items():
        small, large = median(one[key]), median(many[key])
        print(f"| {label} | {small:.2f} | {large:.2f} | {large / small:.2f} | {expected} |")
    per1, pern = median(one["b"]) / n1, median(many["b"]) / nn
    print(f"| clean build per lesson | {per1:.2f} | {pern:.2f} | {pern / per1:.2f} | ≈ 1 |")
    peak = {k: max(r.peak_total for r in v["b"]) for k, v in (("1", one), ("n", many))}
    job = {k: max(r.peak_one for r in v["b"]) for k, v in (("1", one), ("n", many))}
    print(
        f"| peak memory, whole build | {mib(peak['1'])} | {mib(peak['n'])} | "
        f"{peak['n'] / peak['1']:.2f} | bounded by --jobs |"
    )
    print(
        f"| peak memory, largest process | {mib(job['1'])} | {mib(job['n'])} | "
        f"{job['n'] / job['1']:.2f} | ≈ 1 (flat per job) |"
    )
    executed = sorted({x for r in many["e"] for x in r.executed})
    print(f"\nAt {args.scale}×, the code edit executed: {executed}.")


if __name__ == "__main__":
    sys.exit(main())
