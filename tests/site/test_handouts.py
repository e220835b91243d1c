"""`make handouts`: every deck and lesson page as a PDF, printed by headless Chromium."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course import paths
from course.builder import deck_report

pytestmark = pytest.mark.browser

SCRIPT = paths.REPO_DIR / "scripts" / "handouts.py"


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def pdf_page_text(path: Path, number: int) -> str:
    command = ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True).stdout


def handouts(site: Path, out: Path, *lessons: str):
    command = [sys.executable, str(SCRIPT), "--site", str(site), "--out", str(out), "--only"]
    return subprocess.run([*command, *lessons], capture_output=True, text=True)


def test_handouts_print_a_deck_and_a_lesson_page_per_lesson(built_site, tmp_path):
    assert shutil.which("pdftotext"), "poppler-utils is needed (.ci/run installs it)"
    out = tmp_path / "handouts"
    result = handouts(built_site, out, "05-risks-and-safety")
    assert result.returncode == 0, result.stderr
    assert "[1/1] 05-risks-and-safety" in result.stdout and re.search(r"deck\s+->", result.stdout)
    deck, page = out / "slides" / "05-risks-and-safety.pdf", out / "05-risks-and-safety.pdf"
    # a page per slide the room sees, quiz questions included (course.builder.deck_report)
    slides = deck_report.deck_stats(built_site / "slides" / "05-risks-and-safety.html").slides
    assert slides >= 10 and slides <= pdf_pages(deck) < slides + 5, (pdf_pages(deck), slides)
    # the presenter's handout: each slide, then its speaker notes on a page of their own (a
    # long note runs on to the next page; none covers its slide)
    notes = out / "slides" / "05-risks-and-safety-notes.pdf"
    assert "Instructor notes." in pdf_text(notes) and "Instructor notes." not in pdf_text(deck)
    assert pdf_pages(notes) >= 2 * pdf_pages(deck) - 1
    on_pages = [pdf_page_text(notes, n) for n in range(1, pdf_pages(notes) + 1)]
    title = next(n for n, text in enumerate(on_pages) if "Risks, side effects and safety" in text)
    # the title slide's page shows the slide only; its notes are on the page after it
    assert "Press S for the speaker view" not in on_pages[title]
    assert "Press S for the speaker view" in on_pages[title + 1]
    deck_text, page_text = pdf_text(deck), pdf_text(page)
    assert "Risks, side effects and safety" in deck_text and "Sources" in deck_text
    assert "In short:" in page_text and "collapsed lung" in page_text.lower()
    assert "Search the course" not in page_text  # the print stylesheet drops the site chrome
    # the one-page summary and the patient's handout: one page each
    for single in ("summary.pdf", "handout.pdf"):
        assert pdf_pages(out / single) == 1, single
    assert "Call 999" in pdf_text(out / "handout.pdf")
    # the instructor guide is printed too, with its plans and answer key, without its button
    assert "[guide] instructor guide" in result.stdout
    guide = pdf_text(out / "instructor.pdf")
    assert "A 90-minute class" in guide and "A 45-minute short version" in guide
    assert "Answer key" in guide and "Teaching point:" in guide
    assert "Print this guide" not in guide
    bad = handouts(built_site, out, "99-nope")
    assert bad.returncode == 1 and "Unknown lesson(s): 99-nope" in bad.stderr
