"""Benchmark the course build against the plain nbconvert route, in one run on one machine.

(a) plain route: for each lesson, `jupyter nbconvert --to notebook --execute`, then
    `--to html` and `--to slides` on the executed copy;
(b) `python -m course build` from a clean site and cache; (c) a no-op rebuild;
(d) a rebuild after a markdown-only edit to one lesson; (e) after a code edit to one lesson.
Prints medians of several runs, the ratios b/a, c/b, d/b, e/b, and page weights against
nbconvert's default HTML export of the same lesson. Usage: python scripts/bench.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd or REPO, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{result.stderr[-2000:]}")
    return seconds, result.stdout + result.stderr


def plain_route(notebooks: list[Path], work: Path) -> float:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    started = time.perf_counter()
    for nb in notebooks:
        jupyter = str(BIN / "jupyter")
        timed(
            [
                jupyter,
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                str(nb),
                "--output-dir",
                str(work),
                "--ExecutePreprocessor.timeout=300",
            ],
            cwd=nb.parent,
        )
        executed = work / nb.name
        timed([jupyter, "nbconvert", "--to", "html", str(executed), "--output-dir", str(work)])
        timed([jupyter, "nbconvert", "--to", "slides", str(executed), "--output-dir", str(work)])
    return time.perf_counter() - started


def course_build(out: Path, cache: Path, notebooks: Path) -> tuple[float, str]:
    return timed(
        [
            sys.executable,
            "-m",
            "course",
            "build",
            "--out",
            str(out),
            "--cache-dir",
            str(cache),
            "--notebooks",
            str(notebooks),
        ]
    )


def edit_notebook(path: Path, kind: str, run: int) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"][2:] if c["cell_type"] == kind)
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    cell["source"] = source + (
        f"\n\nBenchmark edit {run}." if kind == "markdown" else f"\n# benchmark edit {run}"
    )
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def kernels_started(log: str) -> int:
    """Lessons executed, from the build's summary line ("... (2 executed, ...")."""
    found = re.search(r"\((\d+) executed", log)
    return int(found.group(1)) if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plain-runs", type=int, default=None, help="runs of route (a)")
    args = parser.parse_args(argv)
    plain_runs = args.plain_runs or args.runs
    sources = sorted((REPO / "notebooks").glob("*.ipynb"))
    tmp = Path(tempfile.mkdtemp(prefix="course-bench-"))
    try:
        notebooks = tmp / "notebooks"
        shutil.copytree(REPO / "notebooks", notebooks)
        # warm-up: font cache, bytecode, first kernel start
        course_build(tmp / "warm" / "site", tmp / "warm" / "cache", notebooks)
        a = [plain_route(sources, tmp / f"plain{i}") for i in range(plain_runs)]
        b, c, d, e, noop_kernels, md_kernels, code_kernels = [], [], [], [], [], [], []
        for run in range(args.runs):
            out, cache = tmp / f"ours{run}" / "site", tmp / f"ours{run}" / "cache"
            shutil.copytree(REPO / "notebooks", notebooks, dirs_exist_ok=True)
            seconds, _ = course_build(out, cache, notebooks)
            b.append(seconds)
            seconds, log = course_build(out, cache, notebooks)
            c.append(seconds)
            noop_kernels.append(kernels_started(log))
            edit_notebook(notebooks / "03-how-might-it-work.ipynb", "markdown", run)
            seconds, log = course_build(out, cache, notebooks)
            d.append(seconds)
            md_kernels.append(kernels_started(log))
            edit_notebook(notebooks / "03-how-might-it-work.ipynb", "code", run)
            seconds, log = course_build(out, cache, notebooks)
            e.append(seconds)
            code_kernels.append(kernels_started(log))
        med = {k: statistics.median(v) for k, v in dict(a=a, b=b, c=c, d=d, e=e).items()}
        print(
            f"Benchmark on this machine: {len(sources)} lessons; medians of {args.runs} runs "
            f"({plain_runs} for the plain route).\n"
        )
        print("| step | median (s) | runs (s) | ratio | target |")
        print("|---|---|---|---|---|")
        rows = [
            ("(a) plain nbconvert route", "a", None, ""),
            ("(b) clean course build", "b", ("b", "a"), "≤ 0.30 of (a)"),
            ("(c) no-op rebuild", "c", ("c", "b"), "≤ 1 s, no kernel"),
            ("(d) markdown edit, one lesson", "d", ("d", "b"), "≤ 2 s, no kernel"),
            ("(e) code edit, one lesson", "e", ("e", "b"), "only that lesson"),
        ]
        runs = dict(a=a, b=b, c=c, d=d, e=e)
        for label, key, ratio, target in rows:
            r = f"{key}/{ratio[1]} = {med[ratio[0]] / med[ratio[1]]:.3f}" if ratio else "–"
            spread = ", ".join(f"{x:.2f}" for x in runs[key])
            print(f"| {label} | {med[key]:.2f} | {spread} | {r} | {target} |")
        print(
            f"\nKernels started: no-op {max(noop_kernels)}, markdown edit {max(md_kernels)}, "
            f"code edit {max(code_kernels)} (lessons executed).\n"
        )

        site = tmp / "ours0" / "site"
        assets = sum(p.stat().st_size for p in (site / "assets").rglob("*") if p.is_file())
        print("| lesson | our HTML (bytes) | its images (bytes) | nbconvert HTML (bytes) | ratio |")
        print("|---|---|---|---|---|")
        ratios = []
        for nb in sources:
            ours = (site / f"{nb.stem}.html").read_bytes()
            theirs = (tmp / "plain0" / f"{nb.stem}.html").stat().st_size
            images = sum(
                (site / name).stat().st_size
                for name in set(
                    part.split('"')[0]
                    for part in ours.decode().split('src="')[1:]
                    if part.startswith("figures/")
                )
            )
            ratios.append(len(ours) / theirs)
            ratio = len(ours) / theirs
            print(f"| {nb.stem} | {len(ours):,} | {images:,} | {theirs:,} | {ratio:.3f} |")
        print(f"\nShared assets (CSS, JS, reveal.js), loaded once for the site: {assets:,} bytes.")
        print(f"Largest HTML ratio: {max(ratios):.3f} (target ≤ 0.25).")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
