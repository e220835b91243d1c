"""Print every deck and lesson page to PDF for handouts, with Debian's headless Chromium.

Writes _build/handouts/slides/<lesson>.pdf (the deck with ?print-pdf: slide-shaped pages,
fragments shown), _build/handouts/slides/<lesson>-notes.pdf (the presenter's handout: each
slide, then its speaker notes on a page of their own, so a long note runs on to the next page
and never covers its slide) and _build/handouts/<lesson>.pdf (the
lesson page with the site's print stylesheet), then the class decks (slides/class-*.pdf and
their notes), _build/handouts/summary.pdf and handout.pdf (one A4 page each, for learners)
and _build/handouts/instructor.pdf (the instructor guide). Needs a built
site (`make course`), Chromium at /usr/bin/chromium and the test tools (Playwright drives
the browser; no browser is downloaded).
Usage: python scripts/handouts.py [--only LESSON ...] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from course import paths
from course.cli import serve_in_background
from course.loader import store

CHROMIUM, FLAGS = paths.CHROMIUM, list(paths.CHROMIUM_FLAGS)


def _deck(page, url: str, out: Path, notes: bool = False) -> None:
    # the deck's slide count, read from the deck as shown: in print layout reveal's count
    # is not reliable (it read 0 on a loaded machine, and a blank PDF came out)
    page.goto(url)
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    total = page.evaluate("() => Reveal.getTotalSlides()")
    # reveal.js reads its settings from the address too: showNotes=separate-page prints each
    # slide's notes on pages after it (laid over the slide, a long note hid the slide)
    page.goto(url + "?print-pdf" + ("&showNotes=separate-page" if notes else ""))
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    # reveal lays the pages out just after "ready": wait until every slide has its page
    page.wait_for_function("(n) => document.querySelectorAll('.pdf-page').length >= n", arg=total)
    page.pdf(path=str(out), prefer_css_page_size=True, print_background=True)


def _notes(page, url: str, out: Path) -> None:
    _deck(page, url, out, notes=True)


def _lesson(page, url: str, out: Path) -> None:
    page.goto(url)
    page.emulate_media(media="print")
    page.pdf(
        path=str(out),
        format="A4",
        print_background=True,
        margin={"top": "15mm", "bottom": "15mm", "left": "14mm", "right": "14mm"},
    )
    page.emulate_media(media="screen")


def _one_page(page, url: str, out: Path) -> None:
    """A page with its own print layout (the one-page summary and handout): its @page size
    and margins, not the lessons'."""
    page.goto(url)
    page.emulate_media(media="print")
    page.pdf(path=str(out), prefer_css_page_size=True, print_background=True)
    page.emulate_media(media="screen")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", default=None, help="lesson ids (default: all)")
    parser.add_argument("--out", default=str(paths.BUILD_DIR / "handouts"))
    parser.add_argument("--site", default=str(paths.BUILD_DIR / "site"))
    args = parser.parse_args(argv)
    site, out = Path(args.site), Path(args.out)
    if not (site / "index.html").exists():
        print(f"No built site at {site}: run `make course` first.", file=sys.stderr)
        return 1
    if not Path(CHROMIUM).exists():
        print(f"Chromium is needed at {CHROMIUM} (apt-get install chromium).", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    lessons = [lesson.id for lesson in store.load().syllabus.lessons]
    chosen = args.only or lessons
    unknown = sorted(set(chosen) - set(lessons))
    if unknown:
        print(f"Unknown lesson(s): {', '.join(unknown)}", file=sys.stderr)
        return 1
    (out / "slides").mkdir(parents=True, exist_ok=True)
    server = serve_in_background(site)
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            jobs = []
            for number, lesson in enumerate(chosen, start=1):
                name = f"[{number}/{len(chosen)}] {lesson}"
                deck = f"slides/{lesson}.html"
                jobs += [
                    (name, "deck", _deck, deck, out / "slides" / f"{lesson}.pdf"),
                    (name, "notes", _notes, deck, out / "slides" / f"{lesson}-notes.pdf"),
                    (name, "page", _lesson, f"{lesson}.html", out / f"{lesson}.pdf"),
                ]
            for deck_path in [] if args.only else sorted((site / "slides").glob("class-*.html")):
                name, deck = f"[class] {deck_path.stem}", f"slides/{deck_path.name}"
                jobs += [
                    (name, "deck", _deck, deck, out / "slides" / f"{deck_path.stem}.pdf"),
                    (name, "notes", _notes, deck, out / "slides" / f"{deck_path.stem}-notes.pdf"),
                ]
            for single in ("summary", "handout"):  # one A4 page each, for learners
                if (site / f"{single}.html").exists():
                    target = out / f"{single}.pdf"
                    jobs.append((f"[page] {single}", "page", _one_page, f"{single}.html", target))
            if (site / "instructor.html").exists():
                guide = (site / "instructor.html", out / "instructor.pdf")
                jobs.append(("[guide] instructor guide", "page", _lesson, guide[0].name, guide[1]))
            for name, kind, render, url, target in jobs:
                started = time.perf_counter()
                render(page, f"{base}/{url}", target)
                size = target.stat().st_size // 1024
                took = time.perf_counter() - started
                print(f"  {name:36} {kind:5} -> {paths.relative(target)}  {size} KB, {took:.1f} s")
            browser.close()
    finally:
        server.shutdown()
    print(f"Handouts in {paths.relative(out)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
