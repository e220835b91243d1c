"""How long an author waits: from a saved file to the open page showing it, in the preview.

Starts `python -m course preview` on copies of the notebooks, the content and a warm
execution cache (as an author's checkout would have after `make course`), opens lesson 04
in Chromium (Playwright, the project's flags) and writes three kinds of edit, five times
each, timing from the write to the new text being in the page:

- prose: a paragraph of lesson 04's notebook (the page is re-exported, nothing executes);
- claim: the "In short" line of a claim lesson 04 shows (content its kernel read: the
  lesson executes again, as the build would);
- quiz: an option of lesson 04's quiz (likewise).

Used by scripts/bench.py; on its own: python scripts/preview_latency.py --cache DIR
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from course.preview.process import PreviewProcess, add_to_paragraph

LESSON = "04-the-research"
RUNS = 5
CLAIM_LINE = "The 1997 panel did not speak for the NIH"  # auth-nih-1997's in_short
QUIZ_OPTION = "That acupuncture should not be used for back pain until better trials exist."


def _prose(preview: PreviewProcess, n: int) -> str:
    text = f"Bench prose edit {n}."
    add_to_paragraph(preview.notebooks / f"{LESSON}.ipynb", text)
    return text


def _replace(path: Path, old: str, new: str) -> None:
    source = path.read_text(encoding="utf-8")
    if old not in source:
        raise SystemExit(f"{path.name} no longer says {old!r}: update scripts/preview_latency.py")
    path.write_text(source.replace(old, new, 1), encoding="utf-8")


def _claim(preview: PreviewProcess, n: int) -> str:
    text = f"The 1997 panel (bench {n}) did not speak"
    previous = f"The 1997 panel (bench {n - 1}) did not speak" if n else CLAIM_LINE
    _replace(preview.content / "claims.yml", previous, text)
    return text


def _quiz(preview: PreviewProcess, n: int) -> str:
    path = preview.content / "quizzes" / f"{LESSON}.yml"
    text = f"{QUIZ_OPTION[:-1]} (bench {n})."
    _replace(path, f"{QUIZ_OPTION[:-1]} (bench {n - 1})." if n else QUIZ_OPTION, text)
    return text


EDITS = {"prose": _prose, "claim": _claim, "quiz": _quiz}


def measure(work: Path, cache: Path, runs: int = RUNS) -> dict[str, list[float]]:
    """{edit kind: seconds from the write to the text in the open page, per run}."""
    from playwright.sync_api import sync_playwright

    from course import paths

    shutil.rmtree(work, ignore_errors=True)
    preview = PreviewProcess(work, cache)
    found: dict[str, list[float]] = {kind: [] for kind in EDITS}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=paths.CHROMIUM, args=list(paths.CHROMIUM_FLAGS)
            )
            page = browser.new_page()
            page.goto(f"{preview.url}/{LESSON}.html")
            live = (
                "() => document.documentElement.dataset.coursePreview === 'live' && "
                "!document.title.startsWith('Building')"
            )
            page.wait_for_function(live, timeout=600_000, polling=100)
            for kind, edit in EDITS.items():
                for n in range(runs):
                    page.wait_for_function(live, timeout=60_000, polling=50)
                    started = time.perf_counter()
                    text = edit(preview, n)
                    page.get_by_text(text).first.wait_for(state="attached", timeout=300_000)
                    found[kind].append(time.perf_counter() - started)
                    time.sleep(0.5)
            browser.close()
    finally:
        preview.kill()  # its site is not what is measured
    ready = [float(x) for x in re.findall(r"ready in (\d+\.\d+) s", "\n".join(preview.lines))]
    found["render"] = ready[:runs]  # page first, inside the preview, for the prose edits
    return found


def table(found: dict[str, list[float]], md_edit: float | None = None) -> str:
    rows = [
        "Author preview: saved file -> the open page shows it (Chromium; median of "
        f"{len(found['prose'])} each; target for prose ≤ 1.0 s, stretch 0.5 s).",
        "",
        "| edit | median (s) | runs (s) | what runs |",
        "|---|---|---|---|",
    ]
    what = {
        "prose": f"lesson {LESSON}'s page re-exported (median "
        f"{statistics.median(found['render']):.2f} s of it inside the preview)",
        "claim": f"lesson {LESSON} executed again, its page exported",
        "quiz": f"lesson {LESSON} executed again, its page exported",
    }
    for kind in ("prose", "claim", "quiz"):
        runs = ", ".join(f"{x:.2f}" for x in found[kind])
        rows.append(f"| {kind} | {statistics.median(found[kind]):.2f} | {runs} | {what[kind]} |")
    if md_edit is not None:
        rows.append(
            f"| (d) the same prose edit by `python -m course build` | {md_edit:.2f} | | "
            "the whole process: start, checks, export, course pages |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", required=True, help="a warm execution cache (_build/cache)")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="course-preview-bench-"))
    try:
        print(table(measure(work, Path(args.cache), args.runs)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
